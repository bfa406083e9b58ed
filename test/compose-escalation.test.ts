import { simpleParser, type Attachment, type ParsedMail } from 'mailparser';
import { CANDIDATE_FLOOR, composeEscalation, type EscalationInput } from '../lambda/compose/escalation';
import type { InboundMessage, OutboundMail, RuleName } from '../lambda/domain';
import { shadowProposal } from '../lambda/compose/shadow-proposal';
import { MAX_REPLY_TO, writerAddresses } from '../lambda/mail/writer';
import { addresses, COMPOSED_HEADERS, expectNoInjectedHeader, HEADER_INJECTION } from './support/composed-mail';
import { address, answerDecision, decision, faqEntry, inboundMessage, scored, testConfig } from './support/messages';

const config = testConfig();
const signUp = {
  ...scored(faqEntry(), 0.62, ['fits "Where do I sign up" at 0.62']),
  reason: 'they mention sign up, oin, as in "Where do I sign up?"',
};
const cost = scored(
  faqEntry({
    id: 'is-there-a-cost',
    question: 'Is there a cost associated with joining the OIN?',
    answer: 'No, joining the OIN is free. See the [OIN guide](https://developer.okta.com/docs/guides/submit-app/).',
  }),
  0.41,
);

/** A small original as SES stores it: CRLF line ends. */
function rawMail(subject = 'Signing up for OIN', body = 'Where do I sign up for an OIN developer account?'): Buffer {
  return Buffer.from(
    [
      'From: Marco Bellini <marco@quaderno.example>',
      'To: developers@example.com',
      `Subject: ${subject}`,
      'Date: Tue, 9 Apr 2024 18:22:27 +0200',
      'Message-ID: <question-1@mail.example.net>',
      'Content-Type: text/plain; charset=utf-8',
      '',
      body,
      '',
    ].join('\r\n'),
  );
}

async function escalate(overrides: Partial<EscalationInput> = {}): Promise<{ mail: OutboundMail; parsed: ParsedMail }> {
  const mail = await composeEscalation({
    message: inboundMessage(),
    raw: rawMail(),
    decision: decision({ candidates: [signUp, cost] }),
    config,
    ...overrides,
  });
  return { mail, parsed: await simpleParser(mail.raw) };
}

/** The part's own Content-Type (mailparser reports message/rfc822 for any *.eml file). */
function declaredType(attachment: Attachment): unknown {
  return (attachment.headers.get('content-type') as { value?: string } | undefined)?.value;
}

describe('composeEscalation headers', () => {
  test('goes to staff from the inbox, Reply-To the writer, tagged for filters', async () => {
    const { mail, parsed } = await escalate();
    expect(mail).toMatchObject({ kind: 'escalation', from: 'developers@example.com', to: ['staff@example.com'] });
    expect(addresses(parsed.to)).toEqual(['staff@example.com']);
    expect(parsed.from?.value).toEqual([{ address: 'developers@example.com', name: 'Developer Relations' }]);
    expect(parsed.replyTo?.value).toEqual([{ address: 'marco@quaderno.example', name: 'Marco Bellini' }]);
    expect(parsed.subject).toBe('[faqmail] Needs a person: Signing up for OIN');
    expect(parsed.headers.get('auto-submitted')).toBe('auto-generated');
  });

  // Before: only the notes were named, and staff who replied under "Re: [faqmail] Needs a person: ..." showed the writer our tag.
  test('asks staff to take our tag and kind out of the subject too, when the reply goes to the writer', async () => {
    const { parsed } = await escalate();
    expect(parsed.text).toContain(
      'Remove these notes from your reply, and "[faqmail] Needs a person:" from its subject: the writer sees both.',
    );
    const { parsed: toInboxOnly } = await escalate({
      message: inboundMessage({ from: address('marco@quaderno.example>, victim@evil.test') }),
    });
    expect(toInboxOnly.replyTo).toBeUndefined();
    expect(toInboxOnly.text).not.toContain('Remove these notes');
    expect(toInboxOnly.text).not.toContain('from its subject');
  });

  test('Reply-To leaves out a display name that names another address, which staff would take for the recipient', async () => {
    const message = inboundMessage({ from: address('payroll@evil.example', 'ceo@quaderno.example') });
    const { parsed } = await escalate({ message });
    expect(parsed.replyTo?.value).toEqual([{ address: 'payroll@evil.example', name: '' }]);
    // A name that gives the address itself stays.
    const own = inboundMessage({ from: address('marco@quaderno.example', 'Marco Bellini (Marco@Quaderno.example)') });
    expect(writerAddresses(own, config).to).toEqual([
      { address: 'marco@quaderno.example', name: 'Marco Bellini (Marco@Quaderno.example)' },
    ]);
  });

  test('Reply-To leaves out a display name that reads as an encoded word, which mail clients decode in a quoted name', async () => {
    // What the writer's client showed (their From was that text, encoded once): it decodes to ceo@quaderno.example.
    const name = '=?UTF-8?B?Y2VvQHF1YWRlcm5vLmV4YW1wbGU=?=';
    const { mail, parsed } = await escalate({ message: inboundMessage({ from: address('payroll@evil.example', name) }) });
    expect(parsed.replyTo?.value).toEqual([{ address: 'payroll@evil.example', name: '' }]);
    expect(mail.raw.toString('latin1')).not.toContain(name);
    // The details still show what they wrote, as text.
    expect(parsed.text).toContain(`From:       ${name} <payroll@evil.example>`);
  });

  test.each([
    // An address in full-width forms reads as one, and normalizes to one (NFKC).
    ['ceo\uff20quaderno.example', ''],
    ['ceo@quaderno\uff0eexample', ''],
    ['ceo@quaderno.example.', ''],
    // A look-alike dot NFKC leaves as it is: read as an address all the same (IDNA even reads the ideographic one as a dot).
    ['ceo@quaderno\ua4f8example', ''],
    ['ceo@quaderno\u00b7example', ''],
    ['ceo@quaderno\u3002example', ''],
    ['ceo@quaderno\u0701example', ''],
    // The mailbox's own address, bracketed or ending a sentence, is no disguise: the name stays (and greets by name).
    ['Marco Bellini [payroll@evil.example]', 'Marco Bellini [payroll@evil.example]'],
    ['Marco Bellini, payroll@evil.example.', 'Marco Bellini, payroll@evil.example.'],
    ['Team @ Acme', 'Team @ Acme'],
    ['Team@Acme', 'Team@Acme'],
  ])('a display name %j is kept as %j', (name, kept) => {
    expect(writerAddresses(inboundMessage({ from: address('payroll@evil.example', name) }), config).to).toEqual([
      { address: 'payroll@evil.example', name: kept },
    ]);
  });

  test('Reply-To names an address the writer set twice once, and counts it once', async () => {
    // As parsed, addresses are lowercased: "Marco <marco@quaderno.example>, MARCO@quaderno.example" is this.
    const replyTo = [address('marco@quaderno.example', 'Marco'), address('marco@quaderno.example'), address('ana@b\u00fccher.example')];
    const { mail, parsed } = await escalate({ message: inboundMessage({ replyTo: [...replyTo, address('ana@xn--bcher-kva.example')] }) });
    expect(mail.raw.toString('latin1')).toContain('\r\nReply-To: Marco <marco@quaderno.example>, ana@xn--bcher-kva.example\r\n');
    expect(parsed.text).toContain('(it goes to the Reply-To the writer set, 2 addresses (listed below), not to their From address');
    const { parsed: own } = await escalate({ message: inboundMessage({ replyTo: replyTo.slice(0, 2) }) });
    expect(own.text).toContain('reply to this mail (it goes to the writer).');
  });

  test('sends to every staff address', async () => {
    const { mail, parsed } = await escalate({ config: testConfig({ staffAddresses: ['a@example.com', 'b@example.com'] }) });
    expect(mail.to).toEqual(['a@example.com', 'b@example.com']);
    expect(addresses(parsed.to)).toEqual(['a@example.com', 'b@example.com']);
  });

  test("Reply-To is the writer's own Reply-To when they set one", async () => {
    const message = inboundMessage({ replyTo: [address('team@quaderno.example', 'Quaderno Team'), address('lead@quaderno.example')] });
    const { parsed } = await escalate({ message });
    expect(addresses(parsed.replyTo)).toEqual(['team@quaderno.example', 'lead@quaderno.example']);
    // Nothing vouches for a Reply-To: said "it goes to the writer", a list of strangers would get staff's reply unawares.
    expect(parsed.text).toContain(
      'reply to this mail (it goes to the Reply-To the writer set, 2 addresses (listed below), not to their From address marco@quaderno.example: check it before sending).',
    );
    const own = await escalate({ message: inboundMessage({ replyTo: [address('Marco@Quaderno.example', 'Marco')] }) });
    expect(own.parsed.text).toContain('reply to this mail (it goes to the writer).');
  });

  test('a writer at a Unicode domain who set no Reply-To is said to get the reply, not a Reply-To they never set', async () => {
    // The reply goes to their From in Punycode, the same address: the first line said "it goes to the Reply-To the writer
    // set, ana@xn--bcher-kva.example, not to their From address ana@bücher.example: check it before sending".
    const from = address('ana@b\u00fccher.example', 'Ana');
    const { parsed } = await escalate({ message: inboundMessage({ from }) });
    expect(addresses(parsed.replyTo)).toEqual(['ana@b\u00fccher.example']);
    expect(parsed.text).toContain('reply to this mail (it goes to the writer).');
    const same = await escalate({ message: inboundMessage({ from, replyTo: [address('ana@xn--bcher-kva.example')] }) });
    expect(same.parsed.text).toContain('reply to this mail (it goes to the writer).');
  });

  test(`Reply-To copies at most ${MAX_REPLY_TO} of the writer's Reply-To addresses, and says what it left out`, async () => {
    // A list the writer controls: copied whole, staff's reply would go to every stranger on it.
    const replyTo = Array.from({ length: 300 }, (_, i) => address(`person-${i}@elsewhere.example`));
    const { parsed } = await escalate({ message: inboundMessage({ replyTo }) });
    const kept = replyTo.slice(0, MAX_REPLY_TO).map((a) => a.address);
    expect(addresses(parsed.replyTo)).toEqual(kept);
    expect(parsed.text).toContain(
      `reply to this mail (it goes to the first ${MAX_REPLY_TO} of the 300 addresses the writer set as Reply-To (listed below; ` +
        `the other ${300 - MAX_REPLY_TO} are left out, to be read in the original), not to their From address marco@quaderno.example: check it before sending).`,
    );
    expect(parsed.text).toContain(`${kept.join(', ')} and ${300 - MAX_REPLY_TO} more\n`);
    expect(parsed.text).not.toContain(`person-${MAX_REPLY_TO}@`);
    // Up to the limit, every one is copied.
    const { parsed: all } = await escalate({ message: inboundMessage({ replyTo: replyTo.slice(0, MAX_REPLY_TO) }) });
    expect(addresses(all.replyTo)).toEqual(kept);
    expect(all.text).toContain(`the Reply-To the writer set, ${MAX_REPLY_TO} addresses (listed below), not to`);
    expect(all.text).not.toContain(' more\n');
    // Only usable addresses count toward the limit and what is left out: two SES cannot send to, past the limit, leave none out.
    const unusable = [address('j\u00f6rg@quaderno.example'), address('x@y.example>, victim@evil.test')];
    const { parsed: some } = await escalate({ message: inboundMessage({ replyTo: [...unusable, ...replyTo.slice(0, MAX_REPLY_TO)] }) });
    expect(addresses(some.replyTo)).toEqual(kept);
    expect(some.text).toContain(`the Reply-To the writer set, ${MAX_REPLY_TO} addresses (listed below), not to`);
  });

  test('threads to the original so that the staff thread groups it', async () => {
    const message = inboundMessage({ messageId: '<q2@mail.example.net>', references: ['<q1@mail.example.net>'] });
    const { parsed } = await escalate({ message });
    expect(parsed.inReplyTo).toBe('<q2@mail.example.net>');
    expect(parsed.references).toEqual(['<q1@mail.example.net>', '<q2@mail.example.net>']);
  });

  test('the subject says in words whether it is a new question or a reply to our answer', async () => {
    const { parsed } = await escalate({
      decision: decision({ rule: 'follow-up-answer-mark' }),
      message: inboundMessage({ subject: 'Re: Signing up' }),
    });
    expect(parsed.subject).toBe('[faqmail] Reply to our answer: Re: Signing up');
    const { parsed: untitled } = await escalate({ message: inboundMessage({ subject: '' }) });
    expect(untitled.subject).toBe('[faqmail] Needs a person: (no subject)');
  });

  test("does not nest our own tags: a reply to staff's answer to a hand-over shows the writer's words under one tag", async () => {
    const staffThread = decision({ rule: 'follow-up-staff-thread' });
    const replying = (subject: string) => escalate({ decision: staffThread, message: inboundMessage({ subject }) });
    // Before: "[faqmail] Reply to staff: Re: [faqmail] Needs a person: How do I rotate a key?", one tag more every round.
    const first = await replying('Re: [faqmail] Needs a person: How do I rotate a key?');
    expect(first.parsed.subject).toBe('[faqmail] Reply to staff: How do I rotate a key?');
    // Every round gives the same subject, whatever the writer's client made of the markers (and so one conversation in Gmail).
    for (const subject of [
      `Re: ${first.parsed.subject ?? ''}`,
      'AW: WG: [faqmail] Reply to staff: RE: [faqmail] Needs a person: How do I rotate a key?',
      'Re: [faqmail] Would answer: How do I rotate a key?',
      'Re[2]: [FAQMAIL] reply to staff:  How do I rotate a key?',
    ])
      expect((await replying(subject)).parsed.subject).toBe('[faqmail] Reply to staff: How do I rotate a key?');
    // The writer's own markers and tags, after ours, are their words and stay.
    expect((await replying('Re: [faqmail] Reply to our answer: Re: [acme] Rotating keys')).parsed.subject).toBe(
      '[faqmail] Reply to staff: Re: [acme] Rotating keys',
    );
    // A tag with no kind of ours after it, or words of ours inside the writer's, are the writer's.
    expect((await replying('Re: [faqmail] is great, but Needs a person: now')).parsed.subject).toBe(
      '[faqmail] Reply to staff: Re: [faqmail] is great, but Needs a person: now',
    );
    expect((await replying('Re: [faqmail] Needs a person:')).parsed.subject).toBe('[faqmail] Reply to staff: (no subject)');
    // The tag an operator set is the one recognised.
    const tagged = await escalate({
      config: { ...config, escalationTag: 'HELP*' },
      decision: staffThread,
      message: inboundMessage({ subject: 'Re: HELP* Needs a person: How do I rotate a key?' }),
    });
    expect(tagged.parsed.subject).toBe('HELP* Reply to staff: How do I rotate a key?');
  });

  test("shows text of the writer's subject that reads as an encoded word as they wrote it", async () => {
    const { parsed } = await escalate({ message: inboundMessage({ subject: 'Why does my subject show =?UTF-8?B?SGk=?= ?' }) });
    expect(parsed.subject).toBe('[faqmail] Needs a person: Why does my subject show =?UTF-8?B?SGk=?= ?');
  });
});

describe('composeEscalation body', () => {
  test('first says what to do and why, then what was asked, then likely answers with a plain reason and no scores', async () => {
    const { parsed } = await escalate();
    const text = parsed.text ?? '';
    expect(text.split('\n')[0]).toBe(
      'No FAQ answer fits well enough, so nobody has answered yet. Please answer the writer; reply to this mail (it goes to the writer).',
    );
    expect(text).toContain('Why: No FAQ entry answers the message confidently.');
    expect(text).toMatch(/From: +Marco Bellini <marco@quaderno\.example>/);
    expect(text).toContain('> Where do I sign up for an OIN developer account?');
    expect(text).toContain('Likely answers from the FAQ');
    expect(text).toContain(`${signUp.entry.question}\n`);
    expect(text).toContain('Why it may fit: they mention sign up, oin, as in "Where do I sign up?"');
    expect(text).toContain('No, joining the OIN is free. See the OIN guide <https://developer.okta.com/docs/guides/submit-app/>.');
    expect(text).not.toMatch(/score|0\.62|fits "/);
    expect(text.indexOf('What they wrote')).toBeLessThan(text.indexOf('Likely answers'));
    expect(parsed.html).toContain('<a href="https://developer.okta.com/docs/guides/submit-app/">OIN guide</a>');
  });

  test("sets the direction of the writer's words by their own letters: a Hebrew question reads right to left", async () => {
    // In the mail's left-to-right flow, the question mark of "איך נרשמים?" stood at its right, where a Hebrew reader begins.
    const asked = 'איך נרשמים ל-OIN?';
    const { parsed } = await escalate({ message: inboundMessage({ subject: 'הרשמה', newText: asked, text: asked }) });
    expect(parsed.html).toMatch(/<blockquote dir="auto" [^>]*>איך נרשמים ל-OIN\?<\/blockquote>/);
    expect(parsed.html).toMatch(/>Subject<\/th><td dir="auto">הרשמה<\/td>/);
  });

  test.each(['answer-uncertain', 'processing-failed'] as const)(
    'does not tell staff that nobody answered when %s: an earlier attempt may have sent the answer',
    async (rule) => {
      const { parsed } = await escalate({ decision: decision({ rule, reason: 'An earlier attempt stopped.' }) });
      const first = (parsed.text ?? '').split('\n')[0];
      // Before: 'No FAQ answer fits well enough, so nobody has answered yet. Please answer the writer', beside a reason
      // saying the automatic answer may have gone out: staff answered again, and the writer had two answers.
      expect(first).not.toContain('nobody has answered');
      expect(first).toBe(
        'faqmail did not finish with this message (why below): the writer may have had an automatic answer already. Please check before you answer them; reply to this mail (it goes to the writer).',
      );
    },
  );

  test.each(['answer-bounced', 'escalation-cap'] as const)(
    'leads with the answer that bounced, whose entries it shows, and not with the writer quote (%s)',
    async (rule) => {
      const undelivered = {
        kind: 'failed' as const,
        statuses: ['5.2.2'],
        refusedBy: 'marco@quaderno.example (status 5.2.2)',
        said: ['552 5.2.2 mailbox full'],
        more: 0,
      };
      const { parsed } = await escalate({
        decision: decision({ rule, reason: 'A delivery report says the automatic answer failed.' }),
        undelivered,
        earlierAnswer: [cost.entry],
        message: inboundMessage({ quotedText: 'An older mail of theirs, quoted.' }),
      });
      const text = parsed.text ?? '';
      // Whatever the rule (the escalation cap's notice too): the writer has no answer, and staff must know first.
      expect(text.split('\n')[0]).toBe(
        "faqmail's automatic answer to this writer could not be delivered: a delivery report says it was refused " +
          '(status 5.2.2; the report is quoted below). They have no answer; please reach them: ' +
          'reply to this mail (it goes to the writer). Their server may refuse your mail as it refused ours; a person may reach them ' +
          'another way (another address or a number in their message, or your own records).',
      );
      expect(text).toContain("in the report's words, unchecked");
      expect(text).toContain('\n> Refused by: marco@quaderno.example (status 5.2.2)\n> 552 5.2.2 mailbox full\n');
      expect(text).toContain(`The answer that did not reach them`);
      expect(text).toContain(cost.entry.question);
      expect(text).not.toContain('An older mail of theirs');
    },
  );

  test("for an answer that bounced whose entries our records do not name, shows neither a heading nor the writer's quote", async () => {
    const { parsed } = await escalate({
      decision: decision({ rule: 'answer-bounced', reason: 'A delivery report says the automatic answer failed.' }),
      undelivered: { kind: 'failed', statuses: ['5.1.1'], refusedBy: 'a@b.example (status 5.1.1)', said: ['550 no such user'], more: 0 },
      earlierAnswer: [],
      message: inboundMessage({ quotedText: 'An older mail of theirs, quoted.' }),
    });
    const text = parsed.text ?? '';
    expect(text.split('\n')[0]).toContain('(status 5.1.1; the report is quoted below). They have no answer');
    // The writer never saw the answer: their own quote is of something else.
    expect(text).not.toContain('The answer that did not reach them');
    expect(text).not.toContain('An older mail of theirs');
  });

  test.each(['answer-bounced', 'escalation-cap'] as const)(
    'says of an answer that a bounce with no standard report returns only what is known, and where to read it (%s)',
    async (rule) => {
      const { parsed } = await escalate({
        decision: decision({ rule, reason: 'An automatic mail that is no standard delivery report returns the answer.' }),
        undelivered: { kind: 'unreported', storedAt: 's3://mail-bucket/inbound/plain-bounce' },
        earlierAnswer: [cost.entry],
        message: inboundMessage(),
      });
      const text = parsed.text ?? '';
      // Before (a report's wording for any bounce): "could not be delivered: a delivery report says it was refused",
      // which a plain-text bounce, perhaps a delay warning, does not say.
      expect(text.split('\n')[0]).toBe(
        "faqmail's automatic answer to this writer may not have been delivered: an automatic mail that is no standard " +
          'delivery report returns it, so faqmail cannot tell whether it says the answer was refused or only delayed. ' +
          "Please read it (stored at s3://mail-bucket/inbound/plain-bounce), as anyone's words: whoever holds our answer's Message-ID can write such a mail, so take no address or link from it. If it was refused, they have no answer; please " +
          'reach them: reply to this mail (it goes to the writer). Their server may refuse your mail as it refused ours; a ' +
          'person may reach them another way (another address or a number in their message, or your own records).',
      );
      expect(text).not.toContain('delivery report says');
      expect(text).not.toContain("the report's words");
      expect(text).toContain('The answer that may not have reached them');
      expect(text).toContain(cost.entry.question);
    },
  );

  // Staff seldom have access to the mail bucket: the bounce they must read comes with the mail, as the original does.
  test('attaches a bounce with no standard report beside the original, as far as both fit the attachment limit', async () => {
    const original = rawMail();
    const bounce = rawMail('failure notice', 'Hi. This is the qmail-send program. I could not deliver your message.');
    const unreported = { kind: 'unreported' as const, storedAt: 's3://mail-bucket/inbound/plain-bounce', raw: bounce };
    const input = { decision: decision({ rule: 'answer-bounced' }), undelivered: unreported, earlierAnswer: [], raw: original };
    const { parsed } = await escalate(input);
    expect(parsed.attachments.map((a) => [a.filename, a.content.equals(a.filename === 'bounce.eml' ? bounce : original)])).toEqual([
      ['Signing-up-for-OIN.eml', true],
      ['bounce.eml', true],
    ]);
    expect((parsed.text ?? '').split('\n')[0]).toContain(
      'Please read it (attached as bounce.eml; stored at s3://mail-bucket/inbound/plain-bounce), as anyone',
    );
    // Both do not fit: the original comes first, the bounce is named where it is stored.
    const tight = await escalate({ ...input, config: testConfig({ maxAttachmentBytes: original.length + bounce.length - 1 }) });
    expect(tight.parsed.attachments.map((a) => a.filename)).toEqual(['Signing-up-for-OIN.eml']);
    expect((tight.parsed.text ?? '').split('\n')[0]).toContain(
      'Please read it (stored at s3://mail-bucket/inbound/plain-bounce), as anyone',
    );
  });

  test(`offers at most three candidates, only those scoring at least ${CANDIDATE_FLOOR}`, async () => {
    const many = [0.9, 0.8, 0.7, 0.6, 0.5].map((score, i) => scored(faqEntry({ id: `e${i}`, question: `Question ${i}?` }), score));
    const { parsed } = await escalate({
      decision: decision({ candidates: [...many, scored(faqEntry({ id: 'low', question: 'Low?' }), CANDIDATE_FLOOR - 0.01)] }),
    });
    expect((parsed.text ?? '').match(/^Question \d\?$/gm)).toEqual(['Question 0?', 'Question 1?', 'Question 2?']);
    const { parsed: weak } = await escalate({ decision: decision({ candidates: [scored(faqEntry(), CANDIDATE_FLOOR - 0.01)] }) });
    expect(weak.text).not.toContain('Likely answers');
    expect(weak.text).not.toContain(faqEntry().question);
  });

  test('says when an automatic answer was sent too, and which entry it was', async () => {
    const { parsed } = await escalate({
      decision: answerDecision({
        kind: 'answer-and-escalate',
        answers: [signUp],
        candidates: [signUp, cost],
        rule: 'partly-answered',
      }),
    });
    expect(parsed.text?.split('\n')[0]).toMatch(
      /^We answered part of this automatically \(the answers marked "sent" below\), but the rest needs a person\./,
    );
    expect(parsed.text).toContain(`${signUp.entry.question} (sent)`);
    expect(parsed.text).toContain(`${cost.entry.question}\n`);
  });

  test('quotes the parts the reply told the writer a person will answer, escaped in HTML', async () => {
    const takes = ['Could you check why our app <b>Acme</b> was rejected?', 'Can we list it in two regions at once?'];
    const { parsed } = await escalate({
      decision: answerDecision({
        kind: 'answer-and-escalate',
        answers: [signUp],
        rule: 'partly-answered',
        reason: 'Answered "Where do I sign up?"; no FAQ entry answers one further question.',
        personTakes: takes,
      }),
    });
    expect(parsed.text).toContain(
      `We told the writer a person will answer these parts of their message:\n\n> ${takes[0]}\n\n> ${takes[1]}\n`,
    );
    expect(parsed.html).toContain('why our app &lt;b&gt;Acme&lt;/b&gt; was rejected?</blockquote>');
    const { parsed: one } = await escalate({
      decision: answerDecision({ kind: 'answer-and-escalate', answers: [signUp], rule: 'needs-person', personTakes: [takes[0]] }),
    });
    expect(one.text).toContain(`We told the writer a person will answer this part of their message:\n\n> ${takes[0]}\n`);
  });

  test('for a reply to our answer, shows the answer we sent earlier: from our records, else from the quote', async () => {
    const followUp = decision({ rule: 'follow-up', candidates: [signUp, cost] });
    const { parsed } = await escalate({ decision: followUp, earlierAnswer: [cost.entry] });
    const text = parsed.text ?? '';
    expect(text.split('\n')[0]).toBe(
      'The writer replied to an automatic answer we sent. Please answer them yourself; reply to this mail (it goes to the writer).',
    );
    expect(text).toMatch(
      /The answer we sent earlier\n=+\n\nIs there a cost associated with joining the OIN\?\n\nNo, joining the OIN is free\./,
    );
    // Not offered again as a candidate: only the sign-up entry is.
    expect(text.match(/Is there a cost associated/g)).toHaveLength(1);
    expect(text).toContain(`A likely answer from the FAQ\n`);

    const quoted = inboundMessage({ quotedText: 'Hello Marco,\nNo, joining the OIN is free.\nSent by faqmail, our FAQ assistant.' });
    const { parsed: fromQuote } = await escalate({ decision: decision({ rule: 'follow-up-answer-mark' }), message: quoted });
    expect(fromQuote.text).toContain('As the writer quoted it (our records do not name it):');
    expect(fromQuote.text).toContain('> No, joining the OIN is free.');

    // Where only the quote names it, an entry whose question the writer quotes (rewrapped, as
    // a client may) is not offered again either.
    const quotedAnswer = inboundMessage({
      quotedText: '> Hello Marco,\n>\n> Is there a cost associated with joining\n> the OIN?\n> ====\n>\n> No, joining the OIN is free.',
    });
    const fromQuoteOnly = await escalate({
      decision: decision({ rule: 'follow-up-answer-mark', candidates: [cost, signUp] }),
      message: quotedAnswer,
    });
    expect((fromQuoteOnly.parsed.text ?? '').match(/^Is there a cost associated with joining the OIN\?$/gm)).toBeNull();
    expect(fromQuoteOnly.parsed.text).toContain(`A likely answer from the FAQ\n`);
    expect(fromQuoteOnly.parsed.text).toContain(`${signUp.entry.question}\n`);
  });

  test('a reply in a conversation staff took over is shown as one, though its thread also names our answer', async () => {
    const { parsed } = await escalate({ decision: decision({ rule: 'follow-up-staff-thread' }), earlierAnswer: [cost.entry] });
    // Before: "Reply to our answer" and "Please answer them yourself", as if staff had not been writing to them.
    expect(parsed.subject).toBe('[faqmail] Reply to staff: Signing up for OIN');
    expect((parsed.text ?? '').split('\n')[0]).toMatch(/^The writer replied in a conversation staff took over from faqmail/);

    // The escalation cap's notice replaces the rule with its own: still a reply in that conversation.
    const capped = decision({ rule: 'escalation-cap', reason: 'It replies to staff. Also, the sender reached the cap.' });
    const notice = await escalate({ decision: capped, earlierAnswer: [cost.entry], handedOverBy: 'follow-up-staff-thread' });
    expect(notice.parsed.subject).toBe('[faqmail] Reply to staff: Signing up for OIN');
    expect((notice.parsed.text ?? '').split('\n')[0]).toMatch(/^The writer replied in a conversation staff took over from faqmail/);
  });

  test('a reply in a conversation a colleague carries on says so: check with them, it reached them', async () => {
    const why = 'The message replies in a conversation a colleague at our domain is a recipient of (To: s***@example.com).';
    const { parsed } = await escalate({ decision: decision({ rule: 'colleague-thread', reason: why }) });
    // Before (no such rule): "Needs a person" and "Nobody has answered this message yet", as if no one at our side were writing.
    expect(parsed.subject).toBe('[faqmail] Reply to a colleague: Signing up for OIN');
    const colleague = /^The writer replied in a conversation a colleague of ours is carrying on with them/;
    expect((parsed.text ?? '').split('\n')[0]).toMatch(colleague);
    expect(parsed.text).toContain(`Why: ${why}`);
    // The escalation cap's notice replaces the rule with its own: still a reply in that conversation.
    const capped = decision({ rule: 'escalation-cap', reason: `${why} Also, the sender reached the cap.` });
    const notice = await escalate({ decision: capped, handedOverBy: 'colleague-thread' });
    expect(notice.parsed.subject).toBe('[faqmail] Reply to a colleague: Signing up for OIN');
    expect((notice.parsed.text ?? '').split('\n')[0]).toMatch(colleague);
  });

  test('shows no candidates section when no FAQ entry came close', async () => {
    const { parsed } = await escalate({ decision: decision() });
    expect(parsed.text).not.toContain('Likely answers');
  });

  test("trims the writer's text to a sane length", async () => {
    const { parsed } = await escalate({ message: inboundMessage({ newText: 'word '.repeat(5000) }) });
    expect(parsed.text).toMatch(/\[… \d+ more characters in the original\]/);
    expect((parsed.text ?? '').length).toBeLessThan(8000);
  });

  test('a message with no text but attachments says so, and names them, instead of "nothing besides the subject"', async () => {
    const message = inboundMessage({
      subject: 'SCIM test fails',
      newText: '',
      attachments: [{ filename: 'error <1>.png', contentType: 'image/png', size: 48_000 }],
    });
    const { parsed } = await escalate({ message });
    const text = parsed.text ?? '';
    expect(text).not.toContain('Nothing besides the subject');
    expect(text).toContain('No text besides the subject; 1 attachment, in the original:\n\n- error <1>.png (image/png, 46.9 KB)');
    expect(parsed.html).toContain('<li>error &lt;1&gt;.png (image/png, 46.9 KB)</li>');
    const { parsed: empty } = await escalate({ message: inboundMessage({ newText: '', attachments: [] }) });
    expect(empty.text).toContain('(Nothing besides the subject.)');
  });

  test('escapes every writer-supplied string in HTML', async () => {
    const message = inboundMessage({
      from: address('eve@evil.example', '<script>alert(1)</script>'),
      subject: '<b onmouseover=alert(2)>hi</b>',
      newText: 'Look: <img src=x onerror=alert(3)> & <a href="javascript:alert(4)">this</a>',
    });
    const { parsed } = await escalate({ message, decision: decision({ reason: 'Quoted "<iframe src=evil>"', candidates: [signUp] }) });
    const html = parsed.html || '';
    expect(html).not.toMatch(/<(script|img|iframe|b |a href="javascript)/i);
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('Look: &lt;img src=x onerror=alert(3)&gt; &amp; &lt;a href=&quot;javascript:alert(4)&quot;&gt;this&lt;/a&gt;');
    expect(html).toContain('&lt;iframe src=evil&gt;');
  });
});

// npm run forward-held: a cap held the hand-over beside an answer the writer got. Before, the first line said nobody had answered.
describe('composeEscalation of held mail whose answer went out when it came', () => {
  const held = decision({ rule: 'hourly-escalation-cap', reason: 'Held, not forwarded, by the hourly escalation cap.' });

  test('says the writer has part answered, and shows what that answer held', async () => {
    const { parsed } = await escalate({ decision: held, answeredBefore: [cost.entry] });
    const text = String(parsed.text);
    expect(text.split('\n')[0]).toMatch(
      /^We answered part of this automatically when it came \(that answer is below\), but the rest needs a person\./,
    );
    expect(text).toContain('The answer we sent when it came');
    expect(text).toContain('No, joining the OIN is free.');
  });

  test('says so when the FAQ no longer has the entries it held', async () => {
    const { parsed } = await escalate({ decision: held, answeredBefore: [] });
    expect(String(parsed.text)).toContain(
      'The answer we sent when it came\n===============================\n\nThe FAQ no longer has the entries it held',
    );
  });
});

describe('composeEscalation original', () => {
  test('attaches the original as message/rfc822, byte for byte, named after the subject', async () => {
    const raw = rawMail();
    const { parsed } = await escalate({ raw });
    expect(parsed.attachments).toHaveLength(1);
    const [original] = parsed.attachments;
    expect(declaredType(original)).toBe('message/rfc822');
    expect(original.contentDisposition).toBe('attachment');
    expect(original.filename).toBe('Signing-up-for-OIN.eml');
    expect(original.content.equals(raw)).toBe(true);
    expect(parsed.text).toContain('Attached as Signing-up-for-OIN.eml');
  });

  test('sanitises the attachment name', async () => {
    const { parsed } = await escalate({ message: inboundMessage({ subject: '../../etc/passwd\r\n"quoted"; x=1 Ärger' }) });
    expect(parsed.attachments[0].filename).toBe('etc-passwd-quoted-x-1-Ärger.eml');
    const { parsed: unnamed } = await escalate({ message: inboundMessage({ subject: '???' }) });
    expect(unnamed.attachments[0].filename).toBe('original-message.eml');
  });

  test('keeps 8-bit originals as message/rfc822 with 8bit encoding', async () => {
    const raw = rawMail('Grüße', 'Wie melde ich mich an? — Jürgen');
    const { mail, parsed } = await escalate({ raw });
    expect(mail.raw.toString('latin1')).toMatch(/Content-Type: message\/rfc822[^]*?Content-Transfer-Encoding: 8bit/);
    expect(parsed.attachments[0].content.equals(raw)).toBe(true);
  });

  test('sends an original with LF line ends with CRLF, as mail travels', async () => {
    const raw = rawMail();
    const lf = Buffer.from(raw.toString('latin1').replace(/\r\n/g, '\n'), 'latin1');
    const { parsed } = await escalate({ raw: lf });
    expect(parsed.attachments[0].content.equals(raw)).toBe(true);
  });

  test('base64-encodes an original that cannot travel as is (overlong lines, NUL), as a file', async () => {
    const raw = rawMail('Long', `${'x'.repeat(5000)}\r\nnul:\u0000 bare CR:\r!`);
    const { mail, parsed } = await escalate({ raw });
    expect(declaredType(parsed.attachments[0])).toBe('application/octet-stream');
    expect(parsed.attachments[0].headers.get('content-transfer-encoding')).toBe('base64');
    expect(parsed.attachments[0].content.equals(raw)).toBe(true);
    expect(
      mail.raw
        .toString('latin1')
        .split('\r\n')
        .every((line) => line.length <= 998),
    ).toBe(true);
  });

  test('names the stored copy and summarises the original when it is too large to attach', async () => {
    const raw = Buffer.concat([rawMail(), Buffer.alloc(4096, 'a')]);
    const message = inboundMessage({
      size: raw.length,
      attachments: [
        { filename: 'screenshot.png', contentType: 'image/png', size: 3_500_000 },
        { filename: 'log\r\nBcc: x@evil.test.txt', contentType: 'text/plain', size: 1200 },
      ],
    });
    const { parsed } = await escalate({
      raw,
      message,
      config: testConfig({ maxAttachmentBytes: 1024 }),
      storedAt: 's3://faqmail-mail/inbound/abc123',
    });
    expect(parsed.attachments).toEqual([]);
    const text = parsed.text ?? '';
    expect(text).toContain(
      'is larger than the attachment limit of 1.0 KB and is not attached. It is stored at s3://faqmail-mail/inbound/abc123.',
    );
    expect(text).toMatch(/From: +Marco Bellini <marco@quaderno\.example>/);
    expect(text).toMatch(/Subject: +Signing up for OIN/);
    expect(text).toMatch(/Date: +Tue, 09 Apr 2024 16:22:27 GMT/);
    expect(text).toMatch(/Size: +4\.\d KB/);
    expect(text).toContain('- screenshot.png (image/png, 3.3 MB)');
    expect(text).toContain('- log Bcc: x@evil.test.txt (text/plain, 1.2 KB)');
  });
});

describe('composeEscalation of an unparseable message', () => {
  const garbage = Buffer.from('\u0000\u0001 not mail at all \r\n\r\n\u00ff', 'latin1');
  const unparseable = decision({ rule: 'unparseable', reason: 'The message could not be parsed: it has no header fields' });

  test('says so, attaches the raw bytes, and sets no Reply-To', async () => {
    const { mail, parsed } = await escalate({ message: undefined, raw: garbage, decision: unparseable });
    expect(parsed.subject).toBe('[faqmail] Needs a person: message not shown here');
    expect(parsed.replyTo).toBeUndefined();
    expect(parsed.inReplyTo).toBeUndefined();
    expect(parsed.text).toContain('The message could not be parsed');
    expect(parsed.text?.split('\n')[0]).toBe(
      'Please open the original and deal with it yourself: faqmail shows nothing of it here (why below), and a reply to this mail goes to the inbox only.',
    );
    expect(parsed.attachments).toHaveLength(1);
    expect(declaredType(parsed.attachments[0])).toBe('application/octet-stream');
    expect(parsed.attachments[0].filename).toBe('original-message.eml');
    expect(parsed.attachments[0].content.equals(garbage)).toBe(true);
    expect(mail.to).toEqual(['staff@example.com']);
  });

  test('links the stored copy when it is too large', async () => {
    const raw = Buffer.alloc(4096, 'z');
    const { parsed } = await escalate({
      message: undefined,
      raw,
      decision: unparseable,
      config: testConfig({ maxAttachmentBytes: 1024 }),
      storedAt: 's3://faqmail-mail/inbound/big',
    });
    expect(parsed.attachments).toEqual([]);
    expect(parsed.text).toContain(
      'The original (4.0 KB) is larger than the attachment limit of 1.0 KB and is not attached. It is stored at s3://faqmail-mail/inbound/big.',
    );
  });
});

describe('composeEscalation header injection', () => {
  test.each([
    ['subject', { message: inboundMessage({ subject: `Question${HEADER_INJECTION}` }) }],
    ['From display name', { message: inboundMessage({ from: address('marco@quaderno.example', `Marco${HEADER_INJECTION}`) }) }],
    [
      'Reply-To display name',
      { message: inboundMessage({ replyTo: [address('marco@quaderno.example', `Marco${HEADER_INJECTION}\nX-Injected: 1`)] }) },
    ],
    ['reason and rule', { decision: decision({ rule: `no-match${HEADER_INJECTION}` as RuleName, reason: `Because${HEADER_INJECTION}` }) }],
  ])('CR/LF in the %s adds no header', async (_, overrides) => {
    const { mail, parsed } = await escalate(overrides);
    expectNoInjectedHeader(mail, parsed);
    expect(parsed.headerLines.map((line) => line.key).sort()).toEqual([...COMPOSED_HEADERS, 'reply-to'].sort());
    expect(mail.to).toEqual(['staff@example.com']);
  });

  test('an unusable writer address is left out of Reply-To, not passed through', async () => {
    const { parsed } = await escalate({ message: inboundMessage({ from: address('marco@quaderno.example>, victim@evil.test', 'Marco') }) });
    expect(parsed.replyTo).toBeUndefined();
    expect(parsed.text).toContain(
      'no address the writer gave (below) can take mail sent through Amazon SES, so a reply to this mail goes to the inbox only.',
    );
    expect(parsed.text).toContain('marco@quaderno.example>, victim@evil.test');
  });

  test('Reply-To holds what Amazon SES can send to: a Unicode domain as Punycode, no Unicode local part', async () => {
    // SES takes no SMTPUTF8: with such an address in Reply-To it refused the hand-over on every attempt.
    const replyTo = [address('j\u00f6rg@quaderno.example', 'J\u00f6rg'), address('ana@b\u00fccher.example', 'Ana')];
    const { mail, parsed } = await escalate({ message: inboundMessage({ replyTo }) });
    const head = mail.raw.toString('latin1').split('\r\n\r\n')[0];
    expect(head).toContain('\r\nReply-To: Ana <ana@xn--bcher-kva.example>\r\n');
    expect(/[^\x20-\x7e\r\n\t]/.test(head)).toBe(false);
    expect(parsed.replyTo?.value).toHaveLength(1);
    expect(parsed.text).toContain('(it goes to the Reply-To the writer set, ana@xn--bcher-kva.example, not to their From address');
    const { parsed: none } = await escalate({ message: inboundMessage({ from: address('j\u00f6rg@quaderno.example'), replyTo: [] }) });
    expect(none.replyTo).toBeUndefined();
    expect(none.text).toContain('j\u00f6rg@quaderno.example');
  });

  test('Reply-To leaves out an address whose dots Amazon SES refuses, and names the From address that it takes', async () => {
    // SES refuses "taro..yamada@..." in a header field as in Destinations: it refused the hand-over on every attempt, the last
    // too, and staff got only the notice that shows nothing of the message.
    const replyTo = [address('taro..yamada@quaderno.example', 'Taro'), address('taro.@quaderno.example', 'Taro')];
    const { mail, parsed } = await escalate({ message: inboundMessage({ replyTo }) });
    expect(mail.raw.toString('latin1').split('\r\n\r\n')[0]).not.toMatch(/^Reply-To:/im);
    expect(parsed.replyTo).toBeUndefined();
    expect(parsed.text).toContain('no Reply-To address the writer set (below) can take mail sent through Amazon SES');
    expect(parsed.text).toContain('their From address marco@quaderno.example can');
  });

  test('Reply-To leaves out an address longer than SMTP carries, whose line SES would refuse', async () => {
    // SES takes no line over 1,000 characters: with this one in Reply-To it refused the hand-over on every attempt, the last too.
    const long = `${'a'.repeat(1100)}@quaderno.example`;
    const { mail, parsed } = await escalate({ message: inboundMessage({ replyTo: [address(long, 'Marco')] }) });
    expect(
      mail.raw
        .toString('latin1')
        .split('\r\n')
        .filter((line) => line.length > 998),
    ).toEqual([]);
    expect(parsed.replyTo).toBeUndefined();
    expect(parsed.text).toContain('no Reply-To address the writer set (below) can take mail sent through Amazon SES');
  });
});

// Mutation testing of the attachments: each test below failed with the mutation its comment names applied.
describe('the attachments of a hand-over, and of a bounce with no standard report: what mutation testing found unpinned', () => {
  const original = rawMail();
  const bounce = rawMail('failure notice', 'Hi. This is the qmail-send program. I could not deliver your message.');
  const input = {
    decision: decision({ rule: 'answer-bounced' }),
    undelivered: { kind: 'unreported' as const, storedAt: 's3://mail-bucket/inbound/plain-bounce', raw: bounce },
    earlierAnswer: [],
    raw: original,
  };
  const filenames = async (maxAttachmentBytes: number) =>
    (await escalate({ ...input, config: testConfig({ maxAttachmentBytes }) })).parsed.attachments.map((a) => a.filename);

  it('attaches both when together they are exactly the limit', async () => {
    // Mutant: '<' for '<=' in the bounce's budget.
    expect(await filenames(original.length + bounce.length)).toEqual(['Signing-up-for-OIN.eml', 'bounce.eml']);
  });

  it('counts the original only when it is attached: a bounce that fits alone is attached alone', async () => {
    // Mutant: the original's size counted though it is too large to attach.
    const short = rawMail('failure notice', 'Undeliverable.');
    expect(short.length).toBeLessThan(original.length);
    const undelivered = { ...input.undelivered, raw: short };
    const { parsed } = await escalate({ ...input, undelivered, config: testConfig({ maxAttachmentBytes: original.length - 1 }) });
    expect(parsed.attachments.map((a) => a.filename)).toEqual(['bounce.eml']);
  });

  it('attaches an original exactly the limit in size', async () => {
    // Mutant: '<' for '<=' in originalFits.
    const { parsed } = await escalate({ raw: original, config: testConfig({ maxAttachmentBytes: original.length }) });
    expect(parsed.attachments.map((a) => a.filename)).toEqual(['Signing-up-for-OIN.eml']);
  });

  it('embeds the bounce as mail, as a parsed original is, and attaches an original that could not be parsed as a file', async () => {
    // Mutants: the bounce attached as an opaque file; an unparseable original attached as mail.
    const { parsed } = await escalate(input);
    expect(parsed.attachments.map((a) => [a.filename, declaredType(a)])).toEqual([
      ['Signing-up-for-OIN.eml', 'message/rfc822'],
      ['bounce.eml', 'message/rfc822'],
    ]);
    const unparsed = await escalate({ message: undefined, raw: original });
    expect(unparsed.parsed.attachments.map(declaredType)).toEqual(['application/octet-stream']);
  });

  it('keeps where the bounce is stored within the first line', async () => {
    // Mutant: the location not put on one line.
    const { parsed } = await escalate({ ...input, undelivered: { ...input.undelivered, storedAt: 's3://mail-bucket/a\nb' } });
    expect((parsed.text ?? '').split('\n')[0]).toContain('stored at s3://mail-bucket/a b), as anyone');
  });
});

describe('what a hand-over with no Reply-To, or without its original, tells staff', () => {
  const verdictReply = (text: string) => text.split('\n').find((line) => line.startsWith('Or reply to this mail')) ?? '';
  const bounced = {
    message: undefined,
    raw: undefined,
    decision: decision({ rule: 'answer-bounced', reason: 'The message it answered could not be read, on the last attempt (NoSuchKey).' }),
    undelivered: { kind: 'failed' as const, statuses: ['5.2.2'], refusedBy: 'a@b.example', said: [], more: 0 },
    storedAt: 's3://faqmail-mail/inbound/gone',
  };

  test.each([
    ['a message that could not be parsed', { message: undefined, decision: decision({ rule: 'unparseable' }) }],
    ['an answer that bounced whose message could not be read', bounced],
    ['a writer with no address SES can send to', { message: inboundMessage({ from: address('j\u00f6rg@quaderno.example') }) }],
  ])('the verdict footer says Reply already goes to the inbox for %s', async (_, overrides) => {
    const { parsed } = await escalate({ ...overrides, inboundId: 'inbound-1' });
    expect(parsed.replyTo).toBeUndefined();
    // Before: "(Reply goes to the writer: change the recipient)", for a mail whose Reply goes to the inbox, its From.
    expect(verdictReply(parsed.text ?? '')).toBe(
      'Or reply to this mail, addressed to developers@example.com only (Reply already goes there: this mail has no Reply-To), ' +
        'with one of these on the first line. faqmail records it and sends nothing to anyone.',
    );
  });

  test('the verdict footer tells staff to change the recipient when Reply goes to the writer', async () => {
    const { parsed } = await escalate({ inboundId: 'inbound-1' });
    expect(verdictReply(parsed.text ?? '')).toContain('(Reply goes to the writer: change the recipient)');
    const { parsed: noLinks } = await escalate({ message: undefined, decision: decision({ rule: 'unparseable' }) });
    expect(noLinks.text).toContain(
      'Reply to this mail, addressed to developers@example.com only (Reply already goes there: this mail has no Reply-To), with',
    );
  });

  test.each([
    ['processing failed', { message: undefined, raw: undefined, decision: decision({ rule: 'processing-failed', reason: 'NoSuchKey' }) }],
    ['an answer bounced', bounced],
  ])('says the original could not be read where it was stored, not that it is there, when %s', async (_, overrides) => {
    const { parsed } = await escalate({ storedAt: 's3://faqmail-mail/inbound/gone', ...overrides });
    const text = parsed.text ?? '';
    expect(parsed.attachments).toEqual([]);
    // Before: "The original could not be read, so it is not attached. It is stored at s3://…", of an object that may be gone.
    expect(text).not.toContain('It is stored at');
    expect(text).toContain(
      'faqmail could not read the original (the Why line above says why), so it is not attached. It was stored at ' +
        's3://faqmail-mail/inbound/gone: look for it there, though it may be gone (expired or deleted).',
    );
  });

  test('does not ask staff to open an original that is neither attached nor read', async () => {
    const { parsed } = await escalate({ message: undefined, raw: undefined, decision: decision({ rule: 'processing-failed' }) });
    // Before: "Please open the original and deal with it yourself", with nothing attached to open.
    expect((parsed.text ?? '').split('\n')[0]).toBe(
      'Please find the original and deal with it yourself: faqmail could not read it, so nothing of it is here or attached ' +
        '(why below; where it was stored, under "The original message"), and a reply to this mail goes to the inbox only.',
    );
  });

  test.each(['sender-limit', 'hourly-limit', 'unauthenticated', 'not-english', 'auto-forwarded'] as const)(
    'says that no FAQ answer fits only when that is why it was handed over, not for %s',
    async (rule) => {
      const { parsed } = await escalate({ decision: decision({ rule, reason: 'Why.', candidates: [signUp] }) });
      // Before: "No FAQ answer fits well enough", of a message whose answer a limit or its authentication held back.
      expect((parsed.text ?? '').split('\n')[0]).toBe(
        'Nobody has answered this message yet (why below). Please answer the writer; reply to this mail (it goes to the writer).',
      );
    },
  );

  test("names the writer's From address when no Reply-To address they set can take mail sent through SES", async () => {
    const message = inboundMessage({ replyTo: [address('j\u00f6rg@quaderno.example')] });
    const { parsed } = await escalate({ message });
    expect(parsed.replyTo).toBeUndefined();
    // Before: "no address the writer gave (below) can take mail sent through Amazon SES", though their From can.
    expect((parsed.text ?? '').split('\n')[0]).toBe(
      'No FAQ answer fits well enough, so nobody has answered yet. Please answer the writer; no Reply-To address the writer set ' +
        '(below) can take mail sent through Amazon SES, so a reply to this mail goes to the inbox only; their From address ' +
        'marco@quaderno.example can: write to them there yourself.',
    );
    const { parsed: forged } = await escalate({ message, fromVouched: false });
    expect((forged.text ?? '').split('\n')[0]).toContain(
      "their From address marco@quaderno.example can: write to them there yourself; nothing in the message's authentication vouches",
    );
    const { parsed: neither } = await escalate({ message: { ...message, from: address('x@y.example>, victim@evil.test') } });
    expect((neither.text ?? '').split('\n')[0]).toContain(
      'no address the writer gave (below) can take mail sent through Amazon SES, so a reply to this mail goes to the inbox only.',
    );
  });

  test('leaves out our own addresses however the writer gave them, and says so when none is left', async () => {
    // A processing failure hands over mail screening would have dropped: a contact form's, From the inbox.
    const failed = decision({ rule: 'processing-failed', reason: 'Deciding failed.' });
    const { parsed } = await escalate({
      message: inboundMessage({ from: address('developers@example.com', 'Website') }),
      decision: failed,
    });
    // Before: Reply-To developers@example.com, "(it goes to the writer)".
    expect(parsed.replyTo).toBeUndefined();
    const [first, second] = (parsed.text ?? '').split('\n').filter((line) => line.trim() !== '');
    expect(first).toContain(
      'no address the writer gave (below) can take your reply: each is one of ours (see the next line) or one Amazon SES cannot ' +
        'send to, so a reply to this mail goes to the inbox only.',
    );
    expect(second).toContain('Left out of where your reply goes: developers@example.com (their From) is our own inbox');
    // A Reply-To of ours beside one SES cannot send to: their From is named for staff, as for any unusable Reply-To.
    const mixed = inboundMessage({ replyTo: [address('staff@example.com'), address('j\u00f6rg@quaderno.example')] });
    const { parsed: both } = await escalate({ message: mixed });
    expect(both.replyTo).toBeUndefined();
    expect(both.text).toContain(
      'no Reply-To address the writer set (below) can take your reply: each is one of ours (see the next line) or one Amazon ' +
        'SES cannot send to, so a reply to this mail goes to the inbox only; their From address marco@quaderno.example can: ' +
        'write to them there yourself.',
    );
    expect(both.text).toContain('staff@example.com (their Reply-To) is a staff address, where only we would read it.');
    // Their From in its place is said to be unvouched as any From is.
    const forged = await escalate({ message: inboundMessage({ replyTo: [address('developers@example.com')] }), fromVouched: false });
    expect(forged.parsed.replyTo?.value.map((a) => a.address)).toEqual(['marco@quaderno.example']);
    expect((forged.parsed.text ?? '').split('\n')[0]).toContain(
      "(it goes to their From address marco@quaderno.example, not to the Reply-To they set: see the next line; nothing in the message's authentication vouches for its From address marco@quaderno.example",
    );
  });

  test('the shadow proposal does not say Reply goes to the writer: the line after it says where', async () => {
    const proposal = shadowProposal(inboundMessage(), address('marco@quaderno.example', 'Marco Bellini'), [signUp], config);
    const shadow = (message: InboundMessage) => escalate({ message, decision: decision({ rule: 'matched' }), proposal });
    for (const replyTo of [[address('team@elsewhere.example')], [address('j\u00f6rg@quaderno.example')]]) {
      const text = (await shadow(inboundMessage({ replyTo }))).parsed.text ?? '';
      // Before: "(Reply goes to them)", of a mail whose Reply goes to a Reply-To the writer set, or to the inbox.
      expect(text).not.toContain('Reply goes to them');
      expect(text).toContain('Answer the writer yourself (where Reply goes: the line after the reply)');
      expect(text.split('End of the reply that was not sent\n')[1]).toMatch(
        /^=+\n\nNo automatic answer was sent to the writer \(shadow mode\)/,
      );
    }
  });

  test.each([
    [
      'answer-bounced',
      "faqmail's automatic answer to the writer of this message did not reach them, or may not have (why below): they may have no answer. ",
    ],
    ['answer-uncertain', 'The writer may have had an automatic answer already (why below): check before you answer them. '],
    ['processing-failed', ''],
  ] as const)('the notice that shows nothing of the message still leads with what its rule says of the answer (%s)', async (rule, lead) => {
    // As lambda/handler.ts sends it when the hand-over that showed the message could not go: the rule and reason alone.
    const reason = 'Why. SES refused the hand-over that showed the message (x); this one shows nothing of it.';
    const { parsed } = await escalate({ message: undefined, decision: decision({ rule, reason }) });
    // Before: every such notice led with "Please open the original and deal with it yourself", the bounce or the
    // answer that may have gone out only in the Why line.
    expect((parsed.text ?? '').split('\n')[0]).toBe(
      `${lead}Please open the original and deal with it yourself: faqmail shows nothing of it here (why below), and a reply to this mail goes to the inbox only.`,
    );
  });

  test('a reply to our answer that reached the escalation cap is still shown as one, with the answer we sent', async () => {
    const capped = decision({
      rule: 'escalation-cap',
      reason: 'It replies to our answer. Also, the sender reached the cap of 5 messages forwarded to staff in one day.',
      candidates: [cost, signUp],
    });
    const { parsed } = await escalate({ decision: capped, earlierAnswer: [cost.entry] });
    const text = parsed.text ?? '';
    // Before: "Needs a person" and "Nobody has answered this message yet", and the answer we sent shown nowhere,
    // though left out of the likely answers as "shown as such".
    expect(parsed.subject).toBe('[faqmail] Reply to our answer: Signing up for OIN');
    expect(text.split('\n')[0]).toBe(
      'The writer replied to an automatic answer we sent. Please answer them yourself; reply to this mail (it goes to the writer).',
    );
    expect(text).toMatch(/The answer we sent earlier\n=+\n\nIs there a cost associated with joining the OIN\?\n/);
    // Without our records naming an answer, the cap's notice is a new question's.
    const { parsed: unnamed } = await escalate({ decision: capped });
    expect(unnamed.subject).toBe('[faqmail] Needs a person: Signing up for OIN');
  });

  test.each([
    ['failed', { kind: 'failed' as const, statuses: ['5.2.2'], refusedBy: 'a@b.example', said: [], more: 0 }],
    ['unreported', { kind: 'unreported' as const, storedAt: 's3://mail-bucket/inbound/plain-bounce' }],
  ])("for a bounced answer (%s) whose writer's message is not shown, does not send staff to a number in it", async (_, undelivered) => {
    const { parsed } = await escalate({ message: undefined, raw: undefined, decision: decision({ rule: 'answer-bounced' }), undelivered });
    const first = (parsed.text ?? '').split('\n')[0];
    // Before: "another address or a number in their message", of a message this mail neither shows nor attaches.
    expect(first).not.toContain('(another address or a number in their message, or your own records)');
    expect(first).toMatch(
      /a person may reach them another way \(your own records, or another address or a number in their message, if it can be found: see "The original message" below\)\.$/,
    );
  });
});
