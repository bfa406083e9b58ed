import { simpleParser, type ParsedMail } from 'mailparser';
import { ANSWER_HEADER, answerMark, hasAnswerMark } from '../lambda/mail/answer-mark';
import { composeReply } from '../lambda/compose/reply';
import { parseMessage } from '../lambda/mail/parse';
import { addresses, COMPOSED_HEADERS, expectNoInjectedHeader, HEADER_INJECTION } from './support/composed-mail';
import { address, answerTo, faqEntry, inboundMessage, scored, testConfig } from './support/messages';

const config = testConfig();
const signUp = scored(faqEntry());
const cost = scored(
  faqEntry({
    id: 'is-there-a-cost-associated-with-joining-the-oin',
    question: 'Is there a cost associated with joining the OIN?',
    answer:
      'No. Integrating with the OIN is **free**; see the [pricing page](https://developer.okta.com/pricing/) or write to <developers@okta.com>.\n\nRaw HTML such as <img src=x onerror=alert(1)> is shown as text.',
  }),
  0.8,
);

async function reply(overrides: Parameters<typeof inboundMessage>[0] = {}, answers = [signUp]): Promise<ParsedMail> {
  const message = inboundMessage(overrides);
  const mail = await composeReply(message, answerTo(message), answers, config);
  return simpleParser(mail.raw);
}

describe('composeReply headers', () => {
  test('marks the answer as automatic (RFC 3834) and asks Exchange not to answer it', async () => {
    const parsed = await reply();
    expect(parsed.headers.get('auto-submitted')).toBe('auto-replied');
    expect(parsed.headers.get('x-auto-response-suppress')).toBe('OOF, AutoReply');
    expect(parsed.headers.get(ANSWER_HEADER.toLowerCase())).toBe(signUp.entry.id);
  });

  test('comes from the inbox with its display name', async () => {
    const parsed = await reply();
    expect(parsed.from?.value).toEqual([{ address: 'developers@example.com', name: 'Developer Relations' }]);
  });

  test('threads to the message: In-Reply-To its id, References its references then its id', async () => {
    const parsed = await reply({
      messageId: '<q2@mail.example.net>',
      references: ['<root@a.example>', '<q1@mail.example.net>'],
      inReplyTo: '<q1@mail.example.net>',
    });
    expect(parsed.inReplyTo).toBe('<q2@mail.example.net>');
    expect(parsed.references).toEqual(['<root@a.example>', '<q1@mail.example.net>', '<q2@mail.example.net>']);
  });

  test('uses In-Reply-To as the ancestry when the message has no References', async () => {
    const parsed = await reply({ messageId: '<q2@mail.example.net>', references: [], inReplyTo: '<q1@mail.example.net>' });
    expect(parsed.references).toEqual(['<q1@mail.example.net>', '<q2@mail.example.net>']);
  });

  test('keeps the first and the last references of a long thread', async () => {
    const long = Array.from({ length: 30 }, (_, i) => `<r${i}@thread.example>`);
    const parsed = await reply({ messageId: '<last@thread.example>', references: long });
    expect(parsed.references).toEqual(['<r0@thread.example>', ...long.slice(-8), '<last@thread.example>']);
  });

  test.each(['<no-at-sign>', '<a@b@c.example>', '<a,b@c.example>', '<"q"@c.example>', '<a..b@c.example>', '<a@c.example'])(
    'a malformed Message-ID %s gets no In-Reply-To, never a malformed one, and References its well-formed references',
    async (messageId) => {
      // Before: no References either, so the answer left the thread in clients that thread by References.
      const parsed = await reply({ messageId, references: ['<root@a.example>', '<bad ref>'] });
      expect(parsed.headers.has('in-reply-to')).toBe(false);
      expect(parsed.references).toBe('<root@a.example>');
    },
  );

  test('a well-formed Message-ID, domain literal included, threads, leaving malformed references out', async () => {
    const parsed = await reply({ messageId: '<x.y@[192.0.2.1]>', references: ['<root@a.example>', '<no-at>'] });
    expect(parsed.inReplyTo).toBe('<x.y@[192.0.2.1]>');
    expect(parsed.references).toEqual(['<root@a.example>', '<x.y@[192.0.2.1]>']);
  });

  test('names each ancestor once, and the message itself only last', async () => {
    const parsed = await reply({
      messageId: '<q2@mail.example.net>',
      references: ['<root@a.example>', '<q1@mail.example.net>', '<root@a.example>', '<q2@mail.example.net>'],
    });
    expect(parsed.references).toEqual(['<root@a.example>', '<q1@mail.example.net>', '<q2@mail.example.net>']);
  });

  test('threads to a Message-ID of up to 250 characters within its brackets, and leaves a longer one out', async () => {
    const id = (length: number) => `<${'m'.repeat(length - '@b.example'.length)}@b.example>`;
    const longest = await reply({ messageId: id(250), references: [id(251)] });
    expect(longest.inReplyTo).toBe(id(250));
    expect(longest.references).toBe(id(250));
    const tooLong = await reply({ messageId: id(251), references: ['<root@a.example>'] });
    expect(tooLong.headers.has('in-reply-to')).toBe(false);
    expect(tooLong.references).toBe('<root@a.example>');
  });

  test('a message without Message-ID or ancestors gets no threading fields', async () => {
    const parsed = await reply({ messageId: undefined });
    expect(parsed.inReplyTo).toBeUndefined();
    expect(parsed.references).toBeUndefined();
  });

  // RFC 5322 §3.6.4: References is the parent's References (or its In-Reply-To when that names one
  // message) followed by its Message-ID "(if any)"; only In-Reply-To needs the parent's Message-ID.
  test('a message without Message-ID keeps its ancestors in References, with no In-Reply-To', async () => {
    // Before: neither field, though the message named its thread.
    const parsed = await reply({
      messageId: undefined,
      references: ['<root@a.example>', '<q1@mail.example.net>'],
      inReplyTo: '<q1@mail.example.net>',
    });
    expect(parsed.headers.has('in-reply-to')).toBe(false);
    expect(parsed.references).toEqual(['<root@a.example>', '<q1@mail.example.net>']);
    const inReplyToOnly = await reply({ messageId: undefined, inReplyTo: '<q1@mail.example.net>' });
    expect(inReplyToOnly.headers.has('in-reply-to')).toBe(false);
    expect(inReplyToOnly.references).toBe('<q1@mail.example.net>');
  });

  test('In-Reply-To naming several messages is no ancestry: References holds the message alone', async () => {
    // Before: the first of them, as though it were the one parent.
    const parsed = await reply({
      messageId: '<q2@mail.example.net>',
      references: [],
      inReplyTo: '<q1@mail.example.net>',
      inReplyToOthers: ['<q3@mail.example.net>'],
    });
    expect(parsed.inReplyTo).toBe('<q2@mail.example.net>');
    expect(parsed.references).toBe('<q2@mail.example.net>');
  });

  test.each([
    ['Signing up for OIN', 'Re: Signing up for OIN'],
    ['Re: Signing up for OIN', 'Re: Signing up for OIN'],
    ['RE: Re: re:Signing up', 'Re: Signing up'],
    ['AW: Re[2]: Anmeldung', 'Re: Anmeldung'],
    ['Fwd: Signing up', 'Re: Fwd: Signing up'],
    ['', 'Re: Your message to Developer Relations'],
    ['Re:', 'Re: Your message to Developer Relations'],
  ])('subject %j becomes %j', async (subject, expected) => {
    expect((await reply({ subject })).subject).toBe(expected);
  });
});

describe("the answer's subject, as the writer's mail client reads it", () => {
  /** The writer's mail as SES stores it, with the subject field as their client wrote it. */
  const inbound = (subjectField: string) =>
    Buffer.from(
      [
        'From: Marco Bellini <marco@quaderno.example>',
        'To: developers@example.com',
        subjectField,
        'Message-ID: <question-1@mail.example.net>',
        'Content-Type: text/plain; charset=utf-8',
        '',
        'Where do I sign up for an OIN developer account?',
        '',
      ].join('\r\n'),
    );

  async function answerFor(subjectField: string): Promise<{ asked: string; answered: string | undefined; lines: string[] }> {
    const message = await parseMessage(inbound(subjectField));
    const mail = await composeReply(message, answerTo(message), [signUp], config);
    const lines = mail.raw.toString('latin1').split('\r\n\r\n')[0].split('\r\n');
    return { asked: message.subject, answered: (await simpleParser(mail.raw)).subject, lines };
  }

  // Gmail and Outlook group a conversation by its subject: a subject cut short puts the answer apart from the question.
  test('repeats a long subject whole, in folded lines', async () => {
    const topic = Array.from({ length: 40 }, (_, i) => `part${i} of a long subject`).join(', ');
    const { asked, answered, lines } = await answerFor(`Subject: ${topic}`);
    expect(asked).toBe(topic);
    expect(answered).toBe(`Re: ${topic}`);
    expect(Math.max(...lines.map((line) => line.length))).toBeLessThanOrEqual(78);
  });

  test('folds a word longer than a line, which SES would refuse on one line of over 1,000 characters', async () => {
    const url = `https://developer.example.com/callback?state=${'a1'.repeat(600)}`;
    const { answered, lines } = await answerFor(`Subject: Redirect fails for ${url}`);
    expect(answered).toBe(`Re: Redirect fails for ${url}`);
    expect(Math.max(...lines.map((line) => line.length))).toBeLessThanOrEqual(78);
  });

  test('keeps text that reads as an encoded word as the writer wrote it, not decoded a second time', async () => {
    // Their client encoded the subject: it reads "Why does my subject show =?UTF-8?B?SGk=?= ?".
    const { asked, answered } = await answerFor('Subject: =?UTF-8?Q?Why_does_my_subject_show_=3D=3FUTF-8=3FB=3FSGk=3D=3F=3D_=3F?=');
    expect(asked).toBe('Why does my subject show =?UTF-8?B?SGk=?= ?');
    expect(answered).toBe(`Re: ${asked}`);
  });

  test.each([
    ['an encoded UTF-8 subject', 'Subject: =?UTF-8?B?w5xiZXIgZGllIEFQSQ==?=', 'Re: Über die API'],
    ['a subject split across encoded words', 'Subject: =?UTF-8?Q?Caf=C3?= =?UTF-8?Q?=A9_question?=', 'Re: Café question'],
    ['ISO-2022-JP', 'Subject: =?ISO-2022-JP?B?GyRCJUYlOSVIGyhC?=', 'Re: テスト'],
    ['localised reply markers', 'Subject: =?UTF-8?Q?RE=3A_Aw=3A_Pr=C3=BCfung?=', 'Re: Prüfung'],
  ])('%s reads the same, after one "Re: "', async (_, subjectField, expected) => {
    expect((await answerFor(subjectField)).answered).toBe(expected);
  });
});

describe('composeReply recipients', () => {
  test('goes to the address it is given, and nowhere else', async () => {
    const message = inboundMessage();
    const mail = await composeReply(message, answerTo(message), [signUp], config);
    const parsed = await simpleParser(mail.raw);
    expect(addresses(parsed.to)).toEqual(['marco@quaderno.example']);
    expect(mail).toMatchObject({ kind: 'reply', from: 'developers@example.com', to: ['marco@quaderno.example'] });
  });

  test('leaves out a display name that reads as an encoded word: written as a quoted name, mail clients would decode it', async () => {
    const name = '=?UTF-8?B?SGVsbG8=?= Marco';
    const parsed = await reply({ from: address('marco@quaderno.example', name) });
    expect(parsed.to && !Array.isArray(parsed.to) && parsed.to.value).toEqual([{ address: 'marco@quaderno.example', name: '' }]);
  });

  test('refuses an empty answer list', async () => {
    const message = inboundMessage();
    await expect(composeReply(message, answerTo(message), [], config)).rejects.toThrow(/no answers/);
  });
});

describe('composeReply body', () => {
  test('is multipart/alternative with a text and an HTML part', async () => {
    const message = inboundMessage();
    const mail = await composeReply(message, answerTo(message), [signUp], config);
    const parsed = await simpleParser(mail.raw);
    expect(parsed.headers.get('content-type')).toMatchObject({ value: 'multipart/alternative' });
    expect(parsed.text).toBeTruthy();
    expect(parsed.html).toBeTruthy();
    expect(parsed.attachments).toEqual([]);
  });

  test('greets by first name when the display name gives one, else neutrally', async () => {
    expect((await reply()).text).toMatch(/^Hello Marco,/);
    expect((await reply({ from: address('n.brooks@crm.example', 'Brooks, Natalie') })).text).toMatch(/^Hello Natalie,/);
    expect((await reply({ from: address('it@acme.example', 'IT Support') })).text).toMatch(/^Hello,/);
    expect((await reply({ from: address('jd42@acme.example', 'jd42@acme.example') })).text).toMatch(/^Hello,/);
    expect((await reply({ from: address('x@acme.example', '') })).text).toMatch(/^Hello,/);
    // A client with no name set shows the address's local part, a user name.
    expect((await reply({ from: address('jdoe@acme.example', 'jdoe') })).text).toMatch(/^Hello,/);
    expect((await reply({ from: address('priya@acme.example', 'Priya') })).text).toMatch(/^Hello Priya,/);
  });

  test('puts each answer under its question, in both parts', async () => {
    const parsed = await reply({}, [signUp, cost]);
    const text = parsed.text ?? '';
    expect(text.indexOf(signUp.entry.question)).toBeGreaterThan(0);
    expect(text.indexOf(cost.entry.question)).toBeGreaterThan(text.indexOf(signUp.entry.question));
    expect(parsed.html).toContain(`<h3 style="margin:1.5em 0 .5em;font-size:16px">${signUp.entry.question}</h3>`);
    expect(parsed.headers.get(ANSWER_HEADER.toLowerCase())).toBe(`${signUp.entry.id}, ${cost.entry.id}`);
  });

  test("shows a question's Markdown as its text: no backticks, backslashes or link targets", async () => {
    const users = scored(
      faqEntry({ id: 'users', question: 'How do I call `/api/v1/users` with my [API token](https://x.example/token) for SCIM\\_v2?' }),
    );
    const parsed = await reply({}, [users]);
    const shown = 'How do I call /api/v1/users with my API token for SCIM_v2?';
    expect(parsed.text).toContain(`${shown}\n${'='.repeat(shown.length)}\n`);
    expect(parsed.html).toContain(`<h3 style="margin:1.5em 0 .5em;font-size:16px">${shown}</h3>`);
  });

  test('renders Markdown links as <a href> in HTML and as "text <url>" in text', async () => {
    const parsed = await reply({}, [signUp, cost]);
    expect(parsed.html).toContain('<a href="https://developer.okta.com/signup/">OIN Developer account</a>');
    expect(parsed.html).toContain('<a href="mailto:developers@okta.com">developers@okta.com</a>');
    expect(parsed.html).toContain('<strong>free</strong>');
    expect(parsed.text).toContain('Sign up for an OIN Developer account <https://developer.okta.com/signup/>.');
    expect(parsed.text).toContain('see the pricing page <https://developer.okta.com/pricing/> or write to developers@okta.com.');
  });

  test('escapes raw HTML in the FAQ content and writer-supplied strings', async () => {
    const parsed = await reply(
      { subject: '<script>alert("subject")</script>', from: address('eve@evil.example', '<script>alert(1)</script>') },
      [cost],
    );
    const html = parsed.html || '';
    expect(html).not.toMatch(/<script|<img/i);
    expect(html).toContain('<title>Re: &lt;script&gt;alert(&quot;subject&quot;)&lt;/script&gt;</title>');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
  });

  test('ends with a footer saying a person reads replies, and the answer mark', async () => {
    const parsed = await reply();
    for (const part of [parsed.text ?? '', parsed.html || '']) {
      expect(part).toMatch(/A person on our team reads every reply to this message/);
      expect(part).toContain(answerMark());
    }
    expect(hasAnswerMark(parsed.text ?? '')).toBe(true);
  });
});

describe('composeReply header injection', () => {
  const expectedHeaders = [...COMPOSED_HEADERS, ANSWER_HEADER.toLowerCase()];

  test.each([
    ['subject', { subject: `Question${HEADER_INJECTION}` }],
    ['From display name', { from: address('marco@quaderno.example', `Marco${HEADER_INJECTION}`) }],
    ['Reply-To display name', { replyTo: [address('marco@quaderno.example', `Marco${HEADER_INJECTION}\nX-Injected: 1`)] }],
    ['Message-ID', { messageId: `<id@x.example>${HEADER_INJECTION}` }],
    ['References', { references: [`<r@x.example>${HEADER_INJECTION}`] }],
  ])('CR/LF in the %s adds no header', async (_, overrides) => {
    const message = inboundMessage({ ...overrides });
    const mail = await composeReply(message, answerTo(message), [signUp], config);
    const parsed = await simpleParser(mail.raw);
    expectNoInjectedHeader(mail, parsed);
    // Exactly our header fields; a Message-ID that is not one drops the threading fields.
    const keys = parsed.headerLines.map((line) => line.key);
    expect(new Set(keys).size).toBe(keys.length);
    expect(expectedHeaders).toEqual(expect.arrayContaining(keys));
    expect(keys).toEqual(expect.arrayContaining(expectedHeaders.filter((key) => !['in-reply-to', 'references'].includes(key))));
    expect(mail.to).toEqual(['marco@quaderno.example']);
    expect(parsed.subject).not.toMatch(/[\r\n]/);
  });
});

describe('a reply when a person takes part of the mail', () => {
  test('quotes the part a person will answer, escaped in HTML', async () => {
    const mail = await composeReply(inboundMessage(), answerTo(inboundMessage()), [signUp], config, [
      'Could you check why our <b>submission</b> is stuck?',
    ]);
    const parsed = await simpleParser(mail.raw);
    expect(parsed.text).toMatch(
      /A person on our team will answer this part of your message:\s+> Could you check why our <b>submission<\/b> is stuck\?/,
    );
    expect(parsed.html).toContain('Could you check why our &lt;b&gt;submission&lt;/b&gt; is stuck?');
    expect(parsed.html).not.toContain('<b>submission</b>');
  });

  test('says nothing of the kind when the answer is all', async () => {
    const parsed = await reply();
    expect(parsed.text).not.toContain('A person on our team will answer');
  });
});
