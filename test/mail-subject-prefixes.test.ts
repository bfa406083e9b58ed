/** One vocabulary of reply and forward markers for every reader of a subject (lambda/mail/subject-prefixes.ts). */
import { isForwardSubject, withoutReplyPrefixes, withoutSubjectPrefixes } from '../lambda/mail/subject-prefixes';

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
