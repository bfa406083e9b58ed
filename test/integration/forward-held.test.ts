/**
 * `npm run forward-held`'s core against the stand-ins the handler's tests use: a flood fills the
 * sender's day and the hour, the handler holds what is past each cap, and the command hands each
 * held message to staff as the handler would have, once, or reports it missing from the bucket.
 */
import { randomBytes } from 'node:crypto';
import { DeleteObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { createHandler, handlerDependencies, type HandlerResult } from '../../lambda/handler';
import { readHandlerEnvironment } from '../../lambda/adapters/environment';
import { createLogger } from '../../lambda/adapters/observability';
import { loadConfig } from '../../lambda/config';
import { createResponder } from '../../lambda/respond';
import { forwardHeld, type HeldReport } from '../../tools/held/forward-held';
import { sesEvent } from '../../local/ses-event';
import { SAMPLE_FAQ_DIR } from '../support/sample-faq';
import { handlerStandIns, lambdaContext, sentDuring } from '../support/handler-stand-ins';
import { createStateTable } from '../support/local-aws';

const BUCKET = 'faqmail-test-mail';
const PREFIX = 'inbound/';
const INBOX = 'developers@example.com';
const STAFF = 'staff@example.com';

const aws = handlerStandIns(BUCKET);

/** A question no FAQ entry answers, from `from`: the handler hands it to staff (no-match) unless a cap holds it. */
function unanswerable(from: string, id: string): Buffer {
  return Buffer.from(
    [
      `Return-Path: <${from}>`,
      `From: Sam Writer <${from}>`,
      `To: ${INBOX}`,
      `Subject: HTTP 429 from the Users API (${from})`,
      `Message-ID: <${id}@writer.example>`,
      'Date: Mon, 2 Mar 2026 09:00:00 +0000',
      'MIME-Version: 1.0',
      'Content-Type: text/plain; charset=utf-8',
      '',
      'Hi, at roughly 600 requests a minute the Users API answers HTTP 429. What are the rate limits for that endpoint?',
      '',
    ].join('\r\n'),
  );
}

describe('forwarding the mail the escalation caps held', () => {
  // One sender's day holds one hand-over a day, the hour three, all senders together.
  const env = {
    AWS_REGION: 'us-east-1',
    FAQMAIL_MAIL_BUCKET: BUCKET,
    FAQMAIL_MAIL_PREFIX: PREFIX,
    FAQMAIL_STATE_TABLE: 'faqmail-forward-held',
    FAQMAIL_S3_ENDPOINT: '',
    FAQMAIL_SES_ENDPOINT: '',
    FAQMAIL_DYNAMODB_ENDPOINT: '',
    FAQMAIL_INBOX_ADDRESS: INBOX,
    FAQMAIL_STAFF_ADDRESSES: STAFF,
    FAQMAIL_SENDER_DAILY_ESCALATIONS: '1',
    FAQMAIL_HOURLY_ESCALATION_LIMIT: '3',
    FAQMAIL_CONTENT_DIR: SAMPLE_FAQ_DIR,
  };
  const results = new Map<string, HandlerResult>();
  // Within one clock hour, a second apart, so that the hour's cap counts them all and their records list in this order.
  const receivedAt = new Date(Math.floor(Date.now() / 3600_000) * 3600_000 + 60_000);
  const received = (i: number) => new Date(receivedAt.getTime() + i * 1000);
  const period = { since: new Date(receivedAt.getTime() - 3600_000), until: new Date(receivedAt.getTime() + 3600_000) };
  const dependencies = () =>
    handlerDependencies(readHandlerEnvironment(env), createResponder(loadConfig(env), SAMPLE_FAQ_DIR), createLogger());
  const forward = (options: { dryRun?: boolean; rule?: 'escalation-cap' | 'hourly-escalation-cap'; sender?: string } = {}) => {
    const deps = dependencies();
    let report: HeldReport | undefined;
    return sentDuring(aws.ses, async () => {
      report = await forwardHeld(deps, { ...period, dryRun: false, ...options });
    }).then((sent) => ({ sent, report: report! }));
  };
  const idOf = (from: string) => results.get(from)!.sesMessageId;

  beforeAll(async () => {
    Object.assign(env, {
      FAQMAIL_S3_ENDPOINT: aws.s3.endpoint,
      FAQMAIL_SES_ENDPOINT: aws.ses.endpoint,
      FAQMAIL_DYNAMODB_ENDPOINT: aws.dynamodb.endpoint,
    });
    await createStateTable(aws.dynamodb.endpoint, env.FAQMAIL_STATE_TABLE);
    const handler = createHandler(env);
    // x: forwarded, its day's notice, then held by its day; a, b fill the hour; c is the hour's notice; d, e, f held by the hour.
    const senders = [
      ['x1', 'x@one.example'],
      ['x2', 'x@one.example'],
      ['x3', 'x@one.example'],
      ['a', 'a@flood.example'],
      ['b', 'b@flood.example'],
      ['c', 'c@flood.example'],
      ['d', 'd@flood.example'],
      ['e', 'e@flood.example'],
      ['f', 'f@flood.example'],
    ];
    for (const [i, [name, from]] of senders.entries()) {
      const messageId = randomBytes(20).toString('hex');
      const raw = unanswerable(from, `${name}-${messageId}`);
      await aws.s3Client.send(new PutObjectCommand({ Bucket: BUCKET, Key: `${PREFIX}${messageId}`, Body: raw }));
      const event = sesEvent({ messageId, recipients: [INBOX], source: from, raw, receivedAt: received(i) });
      results.set(name, await handler(event, lambdaContext()));
    }
  });

  it('finds the flood held as the handler left it', () => {
    expect([...results].map(([name, r]) => `${name} ${r.decision}:${r.rule}`)).toEqual([
      'x1 escalate:no-match',
      'x2 escalate:escalation-cap',
      'x3 ignore:escalation-cap',
      'a escalate:no-match',
      'b escalate:no-match',
      'c escalate:hourly-escalation-cap',
      'd ignore:hourly-escalation-cap',
      'e ignore:hourly-escalation-cap',
      'f ignore:hourly-escalation-cap',
    ]);
  });

  it('lists what it would forward in a dry run, and sends nothing', async () => {
    const { sent, report } = await forward({ dryRun: true });
    expect(sent).toEqual([]);
    expect(report.messages.map((m) => [m.inboundId, m.rule, m.status, m.sender, m.subject])).toEqual([
      [idOf('x3'), 'escalation-cap', 'would forward', 'x***@one.example', 'HTTP 429 from the Users API (x@one.example)'],
      [idOf('d'), 'hourly-escalation-cap', 'would forward', 'd***@flood.example', 'HTTP 429 from the Users API (d@flood.example)'],
      [idOf('e'), 'hourly-escalation-cap', 'would forward', 'e***@flood.example', 'HTTP 429 from the Users API (e@flood.example)'],
      [idOf('f'), 'hourly-escalation-cap', 'would forward', 'f***@flood.example', 'HTTP 429 from the Users API (f@flood.example)'],
    ]);
    expect(report.messages.map((m) => m.receivedAt)).toEqual([2, 6, 7, 8].map((i) => received(i).toISOString()));
  });

  it('keeps to the rule and the sender asked for', async () => {
    const byRule = await forward({ dryRun: true, rule: 'escalation-cap' });
    expect(byRule.report.messages.map((m) => m.inboundId)).toEqual([idOf('x3')]);
    // As compared: case and a +tag aside.
    const bySender = await forward({ dryRun: true, sender: 'E+list@Flood.example' });
    expect(bySender.report.messages.map((m) => m.inboundId)).toEqual([idOf('e')]);
    expect([...byRule.sent, ...bySender.sent]).toEqual([]);
  });

  it("hands staff one sender's held message alone when asked, as the handler would have, with why it comes now", async () => {
    const { sent, report } = await forward({ sender: 'd@flood.example' });
    expect(report.messages.map((m) => [m.inboundId, m.status])).toEqual([[idOf('d'), 'forwarded']]);
    expect(sent.map((s) => s.to)).toEqual([[STAFF]]);
    const [{ mail }] = sent;
    expect(mail.replyTo?.value.map((a) => a.address)).toEqual(['d@flood.example']);
    expect(mail.subject).toContain('HTTP 429 from the Users API (d@flood.example)');
    expect(mail.attachments.map((a) => a.contentType)).toEqual(['message/rfc822']);
    expect(mail.attachments[0].content.toString()).toContain(`Message-ID: <d-${idOf('d')}@writer.example>`);
    const text = (mail.text ?? '').replace(/\s+/g, ' ');
    expect(text).toContain('Held, not forwarded, by the hourly escalation cap');
    expect(text).toContain(`in the hour from ${receivedAt.toISOString().slice(0, 13).replace('T', ' ')}:00 UTC`);
    expect(text).toContain("forwarded now at staff's request (npm run forward-held)");
  });

  it('reports a message a stopped run sent, before noting it on the record, as already forwarded, and sends it no more', async () => {
    const stopped = dependencies();
    stopped.decisions.markForwarded = () => Promise.reject(new Error('the run stopped here'));
    const sentBeforeStopping = await sentDuring(aws.ses, () =>
      expect(forwardHeld(stopped, { ...period, dryRun: false, sender: 'f@flood.example' })).rejects.toThrow('the run stopped here'),
    );
    expect(sentBeforeStopping.map((s) => s.to)).toEqual([[STAFF]]);

    const rerun = await forward({ sender: 'f@flood.example' });
    expect(rerun.sent).toEqual([]);
    expect(rerun.report.messages.map((m) => [m.inboundId, m.status])).toEqual([[idOf('f'), 'already forwarded']]);
    // Noted now, with the mail that went: a verdict replying to it finds the record.
    const forwarded = (await dependencies().decisions.get(idOf('f')))?.forwarded;
    expect(forwarded?.staffMessageId).toMatch(/@email\.amazonses\.com>$/);
    expect(await dependencies().decisions.staffMailRepliedTo([String(forwarded?.staffMessageId)])).toBe(idOf('f'));
  });

  it('forwards the rest once, even by two runs at once, reports a message whose raw mail is gone, and forwards nothing again', async () => {
    await aws.s3Client.send(new DeleteObjectCommand({ Bucket: BUCKET, Key: `${PREFIX}${idOf('e')}` }));
    // Two runs started at the very same moment, as two operators might: each its own clients, as two processes.
    const reports: HeldReport[] = [];
    const bothSent = await sentDuring(aws.ses, () =>
      Promise.all(
        [dependencies(), dependencies()].map(async (deps) => reports.push(await forwardHeld(deps, { ...period, dryRun: false }))),
      ),
    );
    expect(bothSent.map((s) => [s.to, s.mail.replyTo?.value.map((a) => a.address)])).toEqual([[[STAFF], ['x@one.example']]]);
    expect((bothSent[0].mail.text ?? '').replace(/\s+/g, ' ')).toContain(
      `Held, not forwarded, by the escalation cap on one sender's mail to staff on ${receivedAt.toISOString().slice(0, 10)} (UTC)`,
    );
    // One run sent it; the other found it sent or being sent, and said so.
    const [sender, other] = reports
      .map((r) => r.messages.find((m) => m.inboundId === idOf('x3'))?.status)
      .sort((a, b) => Number(b === 'forwarded') - Number(a === 'forwarded'));
    expect(sender).toBe('forwarded');
    expect(['already forwarded', 'in progress']).toContain(other);
    const first = reports.find((r) => r.counts.forwarded === 1)!;
    expect(first.messages.map((m) => [m.inboundId, m.status])).toEqual([
      [idOf('x3'), 'forwarded'],
      [idOf('d'), 'already forwarded'],
      [idOf('e'), 'missing'],
      [idOf('f'), 'already forwarded'],
    ]);
    expect(first.counts).toEqual({ forwarded: 1, alreadyForwarded: 2, inProgress: 0, missing: 1, wouldForward: 0 });

    // Noted on the record, as long as it is kept (the send marker expires sooner), with the mail a verdict on it replies to.
    const { decisions } = dependencies();
    const forwarded = (await decisions.get(idOf('x3')))?.forwarded;
    expect(forwarded?.staffMessageId).toMatch(/@email\.amazonses\.com>$/);
    expect(await decisions.staffMailRepliedTo([String(forwarded?.staffMessageId)])).toBe(idOf('x3'));

    const again = await forward();
    expect(again.sent).toEqual([]);
    expect(again.report.counts).toEqual({ forwarded: 0, alreadyForwarded: 3, inProgress: 0, missing: 1, wouldForward: 0 });
  });
});
