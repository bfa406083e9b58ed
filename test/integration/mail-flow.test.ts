/**
 * faqmail end to end on the local cloud: mail submitted over SMTP, stored in S3 by the
 * SES-inbound stand-in, handled by the real Lambda handler over real SDK calls to
 * s3rver, dynalite and aws-ses-v2-local, and checked by what the SES stand-in received.
 */
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { simpleParser, type ParsedMail } from 'mailparser';
import nodemailer from 'nodemailer';
import { sesMessageIdHeader } from '../../lambda/adapters/mail-sender';
import { startLocalCloud, type LocalCloud, type Processed } from '../../local/cloud';
import { describeProcessed } from '../../local/describe';
import { localDigest } from '../../local/local-digest';
import { localS3Client } from '../../local/local-s3';
import { LOCAL_REGION, LOOPBACK } from '../../local/stand-ins';
import { SAMPLE_FAQ_DIR } from '../support/sample-faq';

const EXAMPLES = path.resolve(__dirname, '../../examples');

let cloud: LocalCloud;
let s3: S3Client;

let outbox: string;

beforeAll(async () => {
  process.env.POWERTOOLS_LOG_LEVEL = 'SILENT';
  // The handler and the digest read the sample FAQ's fixed copy: the answers checked here are its own.
  process.env.FAQMAIL_CONTENT_DIR = SAMPLE_FAQ_DIR;
  outbox = await mkdtemp(path.join(os.tmpdir(), 'faqmail-outbox-test-'));
  cloud = await startLocalCloud({ outbox });
  s3 = localS3Client(cloud.s3.endpoint);
});

afterAll(async () => {
  s3?.destroy();
  await cloud?.stop();
  await rm(outbox, { recursive: true, force: true });
});

/** Delivers `raw` over SMTP as a mail server would, and waits until the handler has run for it. */
async function deliver(raw: Buffer | string, envelope: { from: string; to: string[] }): Promise<Processed> {
  const transport = nodemailer.createTransport({ host: LOOPBACK, port: cloud.smtpPort, secure: false, ignoreTLS: true });
  try {
    const info = await transport.sendMail({ envelope, raw });
    const id = /^250 Ok (\S+)$/.exec(info.response)?.[1];
    if (!id) throw new Error(`unexpected SMTP reply: ${info.response}`);
    const processed = await cloud.processed(id);
    if (processed.error) throw processed.error;
    return processed;
  } finally {
    transport.close();
  }
}

const example = (name: string) => readFileSync(path.join(EXAMPLES, name));
const parse = (raw: Buffer): Promise<ParsedMail> => simpleParser(raw, { skipTextToHtml: true });
const header = (mail: ParsedMail, name: string) => mail.headerLines.find((line) => line.key === name)?.line.replace(/^[^:]+:\s*/, '');

describe('on the local cloud', () => {
  let answered: Processed;

  beforeAll(async () => {
    answered = await deliver(example('answered-inquiry.eml'), { from: 'priya.raman@tallyhq.io', to: ['developers@example.com'] });
  });

  it('answers an FAQ question with the right answer, threaded under the question', async () => {
    expect(answered.result).toMatchObject({ decision: 'answer', sent: [{ kind: 'reply' }] });
    expect(answered.sent).toHaveLength(1);
    const [sent] = answered.sent;
    expect(sent.destinations).toEqual(['priya.raman@tallyhq.io']);

    const reply = await parse(sent.raw);
    expect(reply.to).toMatchObject({ value: [{ address: 'priya.raman@tallyhq.io' }] });
    expect(reply.from).toMatchObject({ value: [{ address: 'developers@example.com' }] });
    expect(reply.subject).toBe('Re: Listing our app in the integration network - any fees?');
    expect(reply.inReplyTo).toBe('<CAJ7kq2N8x+0Vt3bqf5rPXm4dGe1sX0oR9=example@mail.gmail.com>');
    expect(reply.references).toContain('<CAJ7kq2N8x+0Vt3bqf5rPXm4dGe1sX0oR9=example@mail.gmail.com>');
    expect(header(reply, 'auto-submitted')).toBe('auto-replied');
    expect(reply.text).toContain('Is there a cost associated with joining the OIN?');
    expect(reply.text).toContain('integrating your application with the Okta Integration Network is completely free');

    // What `npm start` prints for it: the decision, then a link to the raw mail sent.
    expect(describeProcessed(answered)).toMatch(
      new RegExp(
        `Priya Raman <priya.raman@tallyhq.io> "Listing our app.*"  → answer \\(matched\\)  answers: is-there-a-cost-[\\w-]+  sent reply to priya.raman@tallyhq.io <${sent.messageId}@email.amazonses.com>\n`,
      ),
    );
    expect(describeProcessed(answered).split('\n')[1]).toBe(`    reply as sent: ${pathToFileURL(sent.file!).href}`);

    // The viewer shows the same message.
    const viewed = (await cloud.ses.emails()).find((email) => email.messageId === sent.messageId);
    expect(viewed?.subject).toBe('Re: Listing our app in the integration network - any fees?');
    expect(viewed?.destination.to).toEqual([expect.stringContaining('<priya.raman@tallyhq.io>')]);
  });

  it('keeps the reply in the outbox byte for byte, with the threading and RFC 3834 headers the viewer drops', async () => {
    const [sent] = answered.sent;
    expect(path.dirname(sent.file!)).toBe(outbox);
    const file = readFileSync(sent.file!);
    // Byte for byte what faqmail handed SES, but for the Message-ID, which SES replaces with its own.
    const ours = sesMessageIdHeader(sent.messageId, LOCAL_REGION);
    const withoutId = (raw: Buffer) => raw.toString('latin1').replace(/^Message-ID:.*\r\n/im, '');
    expect(withoutId(file)).toBe(withoutId(sent.raw));
    const reply = await parse(file);
    expect(reply.messageId).toBe(ours);
    expect(reply.inReplyTo).toBe('<CAJ7kq2N8x+0Vt3bqf5rPXm4dGe1sX0oR9=example@mail.gmail.com>');
    expect(reply.references).toContain('<CAJ7kq2N8x+0Vt3bqf5rPXm4dGe1sX0oR9=example@mail.gmail.com>');
    expect(header(reply, 'auto-submitted')).toBe('auto-replied');
    expect(header(reply, 'x-auto-response-suppress')).toBe('OOF, AutoReply');
    expect(reply.messageId).toBeDefined();
  });

  it('sends nothing more when the same event is delivered again', async () => {
    const repliesBefore = cloud.ses.sentRaw().length;
    const again = await cloud.invoke(answered.event);
    expect(again.error).toBeUndefined();
    expect(again.sent).toEqual([]);
    expect(again.result).toEqual(answered.result);
    expect(describeProcessed(again)).toMatch(/→ answer \(matched\) {2}already handled: nothing sent again$/);
    expect(cloud.ses.sentRaw()).toHaveLength(repliesBefore);
  });

  it('hands a reply to our answer to a person', async () => {
    // What the writer's client sends back: In-Reply-To names the Message-ID SES gave our answer.
    const ours = sesMessageIdHeader(answered.sent[0].messageId, LOCAL_REGION);
    const followUp = [
      'From: Priya Raman <priya.raman@tallyhq.io>',
      'To: Developer Relations <developers@example.com>',
      'Subject: Re: Listing our app in the integration network - any fees?',
      'Date: Tue, 14 Oct 2025 11:02:10 +0200',
      'Message-ID: <CAJ7kq2NfollowUp0example@mail.gmail.com>',
      `In-Reply-To: ${ours}`,
      `References: <CAJ7kq2N8x+0Vt3bqf5rPXm4dGe1sX0oR9=example@mail.gmail.com> ${ours}`,
      'Content-Type: text/plain; charset=utf-8',
      '',
      'Thanks, that helps. Is there a cost associated with joining the OIN for a second product of ours as well?',
      '',
      'Priya',
      '',
    ].join('\r\n');
    const processed = await deliver(followUp, { from: 'priya.raman@tallyhq.io', to: ['developers@example.com'] });

    // Recognised from the answer recorded in DynamoDB, the first of the follow-up rules.
    expect(processed.result).toMatchObject({ decision: 'escalate', rule: 'follow-up' });
    expect(processed.sent.map((sent) => sent.destinations)).toEqual([['staff@example.com']]);
    // Staff see at a glance what to do, and the answer we sent, from the entries recorded with it.
    const escalation = await parse(processed.sent[0].raw);
    expect(escalation.subject).toBe('[faqmail] Reply to our answer: Re: Listing our app in the integration network - any fees?');
    expect(escalation.text?.split('\n')[0]).toMatch(/^The writer replied to an automatic answer we sent\. Please answer them yourself/);
    expect(escalation.text).toMatch(/The answer we sent earlier\n=+\n\nIs there a cost associated with joining the OIN\?\n/);
  });

  it('hands a question the FAQ does not answer to staff, with the original attached and Reply-To the writer', async () => {
    const processed = await deliver(example('escalated-inquiry.eml'), {
      from: 'marcus.oyelaran@brightledger.com',
      to: ['developers@example.com'],
    });

    expect(processed.result).toMatchObject({ decision: 'escalate', sent: [{ kind: 'escalation' }] });
    expect(processed.sent).toHaveLength(1);
    const [sent] = processed.sent;
    expect(sent.destinations).toEqual(['staff@example.com']);
    const escalation = await parse(sent.raw);
    expect(escalation.replyTo).toMatchObject({ value: [{ address: 'marcus.oyelaran@brightledger.com' }] });
    expect(escalation.subject).toMatch(/^\[faqmail\] .*invalid_client when exchanging the authorization code/);
    const original = escalation.attachments.find((attachment) => attachment.contentType === 'message/rfc822');
    expect(original).toBeDefined();
    // Byte for byte the message as stored in S3.
    const object = await s3.send(new GetObjectCommand({ Bucket: cloud.bucket, Key: `${cloud.prefix}${processed.messageId}` }));
    expect(original!.content.equals(Buffer.from(await object.Body!.transformToByteArray()))).toBe(true);
    expect((await parse(original!.content)).messageId).toBe('<9f1c2e7a-4b1d-4c3e-a6f0-3d2b8e5c7a10@brightledger.com>');
  });

  it('hands a question from an address SES would refuse (two dots in a row) to staff alone, the message shown', async () => {
    // SES refuses "taro..yamada@" in Destinations and in a header field: the answer to it, then every hand-over naming it
    // as Reply-To, was refused, and staff got only the notice that shows nothing of the message. The stand-in refuses nothing.
    const writer = 'taro..yamada@docomo.ne.jp';
    const question = [
      `From: Taro Yamada <${writer}>`,
      'To: developers@example.com',
      'Subject: OIN fees',
      'Message-ID: <taro-1@docomo.ne.jp>',
      'Content-Type: text/plain; charset=utf-8',
      '',
      'Is there a cost associated with joining the OIN?',
      '',
    ].join('\r\n');
    // The SMTP stand-in refuses such an envelope sender, as many servers do; the carrier's own mail server takes it.
    const processed = await deliver(question, { from: 'taro.yamada@docomo.ne.jp', to: ['developers@example.com'] });
    expect(processed.result).toMatchObject({ decision: 'escalate', rule: 'no-reply-address', sent: [{ kind: 'escalation' }] });
    expect(processed.sent.map((sent) => sent.destinations)).toEqual([['staff@example.com']]);
    const escalation = await parse(processed.sent[0].raw);
    expect(escalation.to).toMatchObject({ value: [{ address: 'staff@example.com' }] });
    expect(escalation.replyTo).toBeUndefined();
    expect(escalation.cc).toBeUndefined();
    expect(escalation.text).toContain('Is there a cost associated with joining the OIN?');
    expect(escalation.text).toContain(writer);
  });

  it("hands the writer's reply in a conversation staff took over to a person, with no automatic answer", async () => {
    // A question the FAQ does not answer goes to staff; staff answer the writer through the hand-over's Reply-To and copy the inbox.
    const question = [
      'From: Lena Vogt <lena.vogt@vogt-apps.example>',
      'To: developers@example.com',
      'Subject: Sandbox for our pilot',
      'Message-ID: <lena-1@vogt-apps.example>',
      'Content-Type: text/plain; charset=utf-8',
      '',
      'Hello, could you set up a sandbox tenant for our pilot with 40 users next week?',
      '',
      'Lena',
      '',
    ].join('\r\n');
    const handedOver = await deliver(question, { from: 'lena.vogt@vogt-apps.example', to: ['developers@example.com'] });
    expect(handedOver.result).toMatchObject({ decision: 'escalate' });
    const handOver = await parse(handedOver.sent[0].raw);
    const handOverId = sesMessageIdHeader(handedOver.sent[0].messageId, LOCAL_REGION);
    const staffReply = [
      'From: Staff <staff@example.com>',
      'To: Lena Vogt <lena.vogt@vogt-apps.example>',
      'Cc: developers@example.com',
      `Subject: Re: ${handOver.subject}`,
      'Message-ID: <staff-reply-1@example.com>',
      `In-Reply-To: ${handOverId}`,
      `References: <lena-1@vogt-apps.example> ${handOverId}`,
      'Content-Type: text/plain; charset=utf-8',
      '',
      'Hi Lena, happy to. Which region should the sandbox be in?',
      '',
    ].join('\r\n');
    expect((await deliver(staffReply, { from: 'staff@example.com', to: ['developers@example.com'] })).sent).toEqual([]);

    // Lena answers with Reply All, and asks on the way something the FAQ answers: staff carry the conversation on.
    const writerAgain = [
      'From: Lena Vogt <lena.vogt@vogt-apps.example>',
      'To: Staff <staff@example.com>',
      'Cc: developers@example.com',
      `Subject: Re: ${handOver.subject}`,
      'Message-ID: <lena-2@vogt-apps.example>',
      'In-Reply-To: <staff-reply-1@example.com>',
      `References: <lena-1@vogt-apps.example> ${handOverId} <staff-reply-1@example.com>`,
      'Content-Type: text/plain; charset=utf-8',
      '',
      'Frankfurt, please. And is there a cost associated with joining the OIN?',
      '',
      'On Tue, 14 Oct 2025 at 10:02, Staff <staff@example.com> wrote:',
      '> Hi Lena, happy to. Which region should the sandbox be in?',
      '',
    ].join('\r\n');
    const processed = await deliver(writerAgain, { from: 'lena.vogt@vogt-apps.example', to: ['developers@example.com'] });
    expect(processed.result).toMatchObject({ decision: 'escalate', rule: 'follow-up-staff-thread' });
    expect(processed.sent.map((sent) => sent.destinations)).toEqual([['staff@example.com']]);
    const escalation = await parse(processed.sent[0].raw);
    // Under one tag, with the writer's words (before: "[faqmail] Reply to staff: Re: [faqmail] Needs a person: Sandbox for our pilot").
    expect(escalation.subject).toBe('[faqmail] Reply to staff: Sandbox for our pilot');
    expect(escalation.text?.split('\n')[0]).toMatch(/^The writer replied in a conversation staff took over from faqmail/);
  });

  it('hands a Reply All to staff who answered a reply to our answer on as a reply to staff, not to our answer', async () => {
    const writer = 'omar.said@kestrel.example';
    const envelope = { from: writer, to: ['developers@example.com'] };
    const mail = (id: string, subject: string, lines: string[]) =>
      [`From: Omar Said <${writer}>`, `Message-ID: ${id}`, `Subject: ${subject}`, 'Content-Type: text/plain; charset=utf-8', ...lines].join(
        '\r\n',
      );
    const question = await deliver(
      mail('<omar-1@kestrel.example>', 'OIN fees', [
        'To: developers@example.com',
        '',
        'Is there a cost associated with joining the OIN?',
        '',
      ]),
      envelope,
    );
    expect(question.result).toMatchObject({ decision: 'answer' });
    const ours = sesMessageIdHeader(question.sent[0].messageId, LOCAL_REGION);
    const followUp = await deliver(
      mail('<omar-2@kestrel.example>', 'Re: OIN fees', [
        'To: developers@example.com',
        `In-Reply-To: ${ours}`,
        `References: <omar-1@kestrel.example> ${ours}`,
        '',
        'Thanks. Could you waive the review queue for our launch next Tuesday?',
        '',
      ]),
      envelope,
    );
    expect(followUp.result).toMatchObject({ decision: 'escalate', rule: 'follow-up' });
    const handOverId = sesMessageIdHeader(followUp.sent[0].messageId, LOCAL_REGION);
    // Staff answer that hand-over and copy the inbox; Omar replies to all. His thread names our answer and the hand-over.
    const thread = ['<omar-1@kestrel.example>', ours, '<omar-2@kestrel.example>', handOverId, '<staff-omar-1@example.com>'];
    const processed = await deliver(
      mail('<omar-3@kestrel.example>', 'Re: OIN fees', [
        'To: Staff <staff@example.com>',
        'Cc: developers@example.com',
        `In-Reply-To: ${thread.at(-1)}`,
        `References: ${thread.join(' ')}`,
        '',
        'Tuesday works, thank you. And is there a cost associated with joining the OIN for a second app?',
        '',
      ]),
      envelope,
    );
    // Before: rule follow-up, "[faqmail] Reply to our answer" and "Please answer them yourself", though staff were writing to him.
    expect(processed.result).toMatchObject({ decision: 'escalate', rule: 'follow-up-staff-thread' });
    const escalation = await parse(processed.sent[0].raw);
    expect(escalation.subject).toBe('[faqmail] Reply to staff: Re: OIN fees');
    expect(escalation.text?.split('\n')[0]).toMatch(/^The writer replied in a conversation staff took over from faqmail/);
  });

  it("still knows a conversation staff took over after many exchanges: the hand-over's id is near the thread's start", async () => {
    const handedOver = await deliver(
      [
        'From: Noor Haddad <noor@haddad-labs.example>',
        'To: developers@example.com',
        'Subject: Dedicated sandbox for a hackathon',
        'Message-ID: <noor-1@haddad-labs.example>',
        'Content-Type: text/plain; charset=utf-8',
        '',
        'Hello, could you give our 30 hackathon teams a dedicated sandbox tenant each, for one weekend in May?',
        '',
      ].join('\r\n'),
      { from: 'noor@haddad-labs.example', to: ['developers@example.com'] },
    );
    expect(handedOver.result).toMatchObject({ decision: 'escalate' });
    const handOverId = sesMessageIdHeader(handedOver.sent[0].messageId, LOCAL_REGION);
    // Six exchanges between Noor and staff, each copying the inbox, after staff's first answer to the hand-over.
    const exchanges = Array.from({ length: 6 }, (_, i) => [`<noor-${i + 2}@haddad-labs.example>`, `<staff-noor-${i + 2}@example.com>`]);
    const thread = ['<noor-1@haddad-labs.example>', handOverId, '<staff-noor-1@example.com>', ...exchanges.flat()];
    const processed = await deliver(
      [
        'From: Noor Haddad <noor@haddad-labs.example>',
        'To: Staff <staff@example.com>',
        'Cc: developers@example.com',
        'Subject: Re: [faqmail] Needs a person: Dedicated sandbox for a hackathon',
        'Message-ID: <noor-9@haddad-labs.example>',
        `In-Reply-To: ${thread.at(-1)}`,
        `References: ${thread.join('\r\n ')}`,
        'Content-Type: text/plain; charset=utf-8',
        '',
        'Thanks for all of this. And is there a cost associated with joining the OIN?',
        '',
      ].join('\r\n'),
      { from: 'noor@haddad-labs.example', to: ['developers@example.com'] },
    );
    expect(processed.result).toMatchObject({ decision: 'escalate', rule: 'follow-up-staff-thread' });
    expect(processed.sent.map((sent) => sent.destinations)).toEqual([['staff@example.com']]);
  });

  it('knows a reply to our answer in a thread of over 100 messages, and threads an answer in one under its first message', async () => {
    const writer = 'ines.moreau@cadran.example';
    const question = (id: string, subject: string, threading: string[] = []) =>
      [
        `From: Ines Moreau <${writer}>`,
        'To: developers@example.com',
        `Subject: ${subject}`,
        `Message-ID: ${id}`,
        ...threading,
        'Content-Type: text/plain; charset=utf-8',
        '',
        'Is there a cost associated with joining the OIN?',
        '',
      ].join('\r\n');
    const envelope = { from: writer, to: ['developers@example.com'] };
    const answeredFirst = await deliver(question('<ines-1@cadran.example>', 'OIN fees'), envelope);
    expect(answeredFirst.result).toMatchObject({ decision: 'answer' });
    const ours = sesMessageIdHeader(answeredFirst.sent[0].messageId, LOCAL_REGION);
    // Ines's team discussed our answer among themselves at length; she writes again, quoting nothing.
    const discussion = Array.from({ length: 120 }, (_, i) => `<team-${i}@cadran.example>`);
    const thread = ['<ines-1@cadran.example>', ours, ...discussion];
    const again = question('<ines-2@cadran.example>', 'Re: OIN fees', [
      `In-Reply-To: ${thread.at(-1)}`,
      `References: ${thread.join('\r\n ')}`,
    ]);
    const processed = await deliver(again, envelope);
    expect(processed.result).toMatchObject({ decision: 'escalate', rule: 'follow-up' });

    // A question at the end of a long thread of someone else's is answered, our answer placed under the thread's first message.
    const elsewhere = ['<root@cadran.example>', ...discussion];
    const inThread = await deliver(
      question('<ines-3@cadran.example>', 'Fw: partner programme', [
        `In-Reply-To: ${elsewhere.at(-1)}`,
        `References: ${elsewhere.join('\r\n ')}`,
      ]),
      envelope,
    );
    expect(inThread.result).toMatchObject({ decision: 'answer' });
    const reply = await parse(inThread.sent[0].raw);
    expect(reply.references?.[0]).toBe('<root@cadran.example>');
    expect(reply.references?.at(-1)).toBe('<ines-3@cadran.example>');
  });

  it('ignores an out-of-office notice: nothing is sent', async () => {
    const viewed = (await cloud.ses.emails()).length;
    const processed = await deliver(example('out-of-office.eml'), { from: '', to: ['developers@example.com'] });

    expect(processed.result).toMatchObject({ decision: 'ignore', sent: [] });
    expect(processed.sent).toEqual([]);
    expect(await cloud.ses.emails()).toHaveLength(viewed);
  });

  it('hands a reply that quotes one of our answers to a person', async () => {
    const processed = await deliver(example('follow-up.eml'), { from: 'priya.raman@tallyhq.io', to: ['developers@example.com'] });

    expect(processed.result).toMatchObject({ decision: 'escalate', rule: 'follow-up-answer-mark' });
    expect(processed.sent.map((sent) => sent.destinations)).toEqual([['staff@example.com']]);
  });

  it('ignores mail SES judged spam, as the verdict headers of the example say', async () => {
    const processed = await deliver(example('flagged-as-spam.eml'), {
      from: 'offers@partner-growth-hub.biz',
      to: ['developers@example.com'],
    });

    expect(processed.result).toMatchObject({ decision: 'ignore', rule: 'spam', sent: [] });
  });

  it('builds the digest from the decision records, as `npm run digest` does, and sends it to the SES stand-in', async () => {
    const since = new Date();
    // Each with a Message-ID of its own: the inquiries answered and handed over above would make these copies, ignored
    // unread, and the out-of-office notice above a second delivery, which the digest counts as messages delivered again
    // (in the period of their first delivery), not received.
    const own = (name: string) =>
      example(name)
        .toString('latin1')
        .replace(/^Message-ID: </m, 'Message-ID: <digest-');
    const answered = await deliver(own('answered-inquiry.eml'), { from: 'dana@example.org', to: ['developers@example.com'] });
    expect(answered.result?.rule).not.toBe('copy');
    const ignored = await deliver(own('out-of-office.eml'), { from: '', to: ['developers@example.com'] });
    const escalated = await deliver(own('escalated-inquiry.eml'), { from: 'marcus.webb@brightledger.com', to: ['developers@example.com'] });
    expect(escalated.result).toMatchObject({ decision: 'escalate', rule: 'no-match' });
    const before = cloud.ses.sentRaw().length;

    const { digest } = await localDigest({
      endpoints: { dynamodb: cloud.dynamodb.endpoint, ses: cloud.ses.endpoint },
      env: process.env,
      since,
      until: new Date(Date.now() + 1000),
    });

    const made = [answered, ignored, escalated].map((p) => p.result?.decision);
    const { current } = digest.volume;
    expect(current.received).toBe(3);
    expect([current.answered, current.answeredAndHandedOver, current.handedOver, current.ignored]).toEqual(
      (['answer', 'answer-and-escalate', 'escalate', 'ignore'] as const).map((kind) => made.filter((m) => m === kind).length),
    );
    // The phrases that sent the escalated inquiry to a person, as its record in the DynamoDB stand-in keeps them. The
    // period before, as long as this one, holds whatever the tests above delivered within it: the same inquiry, maybe,
    // and what fired only then (listed at 0).
    const reason = 'The writer reports something that is not working';
    expect(digest.phrases.filter((p) => p.fired > 0)).toEqual(
      ['fail/fails/failed/failing/failure/failures', 'invalid', 'other customers/users/orgs/tenants/accounts ... fine'].map((phrase) => ({
        reason,
        phrase,
        fired: 1,
        firedBefore: expect.any(Number),
        toPerson: 1,
        verdicts: { good: 0, wrong: 0, shouldAnswer: 0 },
        inContent: true,
      })),
    );
    const [sent] = cloud.ses.sentRaw().slice(before);
    expect(sent.destinations).toEqual(['staff@example.com']);
    const mail = await parse(sent.raw);
    expect(mail.subject).toMatch(/^\[faqmail\] digest .*: 3 received/);
    expect(mail.text).toContain(
      `- "invalid" (${reason})\n  fired in 1 message (before: ${digest.phrases[1].firedBefore}); 1 went to a person; no verdicts given this period`,
    );
  });
});
