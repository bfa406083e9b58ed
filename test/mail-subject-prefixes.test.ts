/** One vocabulary of reply and forward markers for every reader of a subject (lambda/mail/subject-prefixes.ts). */
import { isForwardSubject, withoutOwnPrefixes, withoutReplyPrefixes, withoutSubjectPrefixes } from '../lambda/mail/subject-prefixes';

describe('subject prefixes', () => {
  test.each([
    ['Re: Re[2]: AW: Anmeldung', 'Anmeldung'],
    ['R: Odp(3): YNT：SAML', 'SAML'],
    ['Re: Fwd: SAML', 'Fwd: SAML'],
    ['[acme-dev] Re: SAML', '[acme-dev] Re: SAML'],
    ['Regarding SAML', 'Regarding SAML'],
  ])('reply markers: %j keeps %j', (subject, expected) => {
    expect(withoutReplyPrefixes(subject)).toBe(expected);
  });

  test.each([
    ['[acme-dev] Re: Fwd: WG: SAML', 'SAML'],
    ['TR: RE(2): SAML', 'SAML'],
    ['Reply needed: SAML', 'Reply needed: SAML'],
    ['SAML', 'SAML'],
  ])('every marker and tag: %j keeps %j', (subject, expected) => {
    expect(withoutSubjectPrefixes(subject)).toBe(expected);
  });

  const ours = ['[faqmail] Needs a person:', '[faqmail] Reply to staff:'];
  test.each([
    ['Re: [faqmail] Needs a person: SAML', 'SAML'],
    ['SV: Fwd:[faqmail]  Reply to staff:Re: [faqmail] Needs a person:  Re: SAML', 'Re: SAML'],
    ['Re: [acme] [faqmail] Needs a person: SAML', 'Re: [acme] [faqmail] Needs a person: SAML'],
    ['SAML: [faqmail] Needs a person: now', 'SAML: [faqmail] Needs a person: now'],
    // A hostile subject of stacked markers and no prefix of ours is read once through.
    [`${'Re : '.repeat(400)}SAML`, `${'Re : '.repeat(400)}SAML`],
  ])('our own prefixes: %j keeps %j', (subject, expected) => {
    expect(withoutOwnPrefixes(subject, ours)).toBe(expected);
  });

  test.each([
    ['Fwd: SAML', true],
    ['Re: AW: WG: SAML', true],
    ['Odp: PD: SAML', true],
    ['Re: SAML', false],
    ['Fwd SAML', false],
    ['SAML: Fwd: question', false],
  ])('%j is a forward: %p', (subject, expected) => {
    expect(isForwardSubject(subject)).toBe(expected);
  });
});
