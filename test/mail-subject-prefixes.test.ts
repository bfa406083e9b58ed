/** One vocabulary of reply and forward markers for every reader of a subject (lambda/mail/subject-prefixes.ts). */
import { isForwardSubject, withoutOwnPrefixes, withoutReplyPrefixes, withoutSubjectPrefixes } from '../lambda/mail/subject-prefixes';
import { replySubject } from '../lambda/compose/subject';

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

  // The reply markers of localised mail clients (Outlook's, Thunderbird's `mail.reply_prefixes`) beyond those above.
  test.each([
    ['答复: SAML 配置', 'SAML 配置'],
    ['回复：SAML 配置', 'SAML 配置'],
    ['回覆: SAML 設定', 'SAML 設定'],
    ['رد: سؤال عن SAML', 'سؤال عن SAML'],
    ['השב: שאלה על SAML', 'שאלה על SAML'],
    ['RES: Dúvida sobre SAML', 'Dúvida sobre SAML'],
    ['ΑΠ: Ερώτηση για SAML', 'Ερώτηση για SAML'],
    ['απ: Ερώτηση', 'Ερώτηση'],
    ['Odp: Pytanie o SAML', 'Pytanie o SAML'],
    ['Vá: Kérdés a SAML-ről', 'Kérdés a SAML-ről'],
    ['VÁ: Kérdés', 'Kérdés'],
    ['Svar: Spørsmål om SAML', 'Spørsmål om SAML'],
    ['VS: Kysymys SAML:sta', 'Kysymys SAML:sta'],
    ['ΣΧΕΤ: Ερώτηση για SAML', 'Ερώτηση για SAML'],
    ['σχετ: Ερώτηση', 'Ερώτηση'],
    ['BLS: Pertanyaan SAML', 'Pertanyaan SAML'],
    ['Bls： Pertanyaan', 'Pertanyaan'],
    ['Re: 答复: RES: ΑΠ: Svar: SAML', 'SAML'],
    ['BLS: ΣΧΕΤ: Re: SAML', 'SAML'],
  ])('a localised reply marker: %j keeps %j, and the answer says "Re:" once', (subject, expected) => {
    // Before: the answer's subject was "Re: 答复: SAML 配置".
    expect(withoutReplyPrefixes(subject)).toBe(expected);
    expect(withoutSubjectPrefixes(subject)).toBe(expected);
    expect(replySubject(subject, 'Your message')).toBe(`Re: ${expected}`);
  });

  test.each([
    'Resolved: SAML',
    'Response: SAML',
    'Svarte lista: SAML',
    'Váltás: SAML',
    'Αποστολή: SAML',
    '回复率: SAML',
    'Research SAML',
    'Σχετικά: SAML',
    'Blsa: SAML',
    'BLS SAML',
  ])('a word that begins like a marker is none: %j', (subject) => {
    expect(withoutReplyPrefixes(subject)).toBe(subject);
  });

  // The forward markers of localised Outlook (Thunderbird writes "Fwd:" in every language).
  test.each([
    ['转发: SAML 配置', 'SAML 配置'],
    ['转寄：SAML 配置', 'SAML 配置'],
    ['轉寄: SAML 設定', 'SAML 設定'],
    ['ΠΡΘ: Ερώτηση για SAML', 'Ερώτηση για SAML'],
    ['πρθ: Ερώτηση', 'Ερώτηση'],
    ['העבר: שאלה על SAML', 'שאלה על SAML'],
    ['إعادة توجيه: سؤال عن SAML', 'سؤال عن SAML'],
    ['Továbbítás: Kérdés a SAML-ről', 'Kérdés a SAML-ről'],
    ['TOVÁBBÍTÁS: Kérdés', 'Kérdés'],
    ['İLT: SAML sorusu', 'SAML sorusu'],
    ['ILT: SAML sorusu', 'SAML sorusu'],
    ['TRS: Pertanyaan SAML', 'Pertanyaan SAML'],
    ['ENC: Dúvida sobre SAML', 'Dúvida sobre SAML'],
    ['答复: 转发: SAML 配置', 'SAML 配置'],
  ])('a localised forward marker: %j is a forward whose topic is %j', (subject, topic) => {
    // Before: none of these but ENC was read as a forward, and the topic kept the marker.
    expect(isForwardSubject(subject)).toBe(true);
    expect(withoutSubjectPrefixes(subject)).toBe(topic);
    expect(withoutReplyPrefixes(subject)).toBe(subject.replace(/^答复: /, ''));
  });

  test.each([
    '转发率: SAML',
    '轉寄地址: SAML',
    'ΠΡΘΜ: SAML',
    'העברה: SAML',
    'إعادة توجيهات: SAML',
    'Továbbításról: SAML',
    'Trsansfer: SAML',
    'Encoding: SAML',
    'SAML 转发: 问题',
  ])('a word that begins like a forward marker is none: %j', (subject) => {
    expect(isForwardSubject(subject)).toBe(false);
    expect(withoutSubjectPrefixes(subject)).toBe(subject);
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
