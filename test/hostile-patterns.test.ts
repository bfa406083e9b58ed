/**
 * Text built to make a pattern backtrack is read like any other text. Each case is a shape that
 * made one of our regular expressions (or htmlparser2's stack of open elements) take time that grows
 * with the square of the input, or exponentially, before it was rewritten; each now checks what is
 * read. No duration is asserted: the timeout below only turns a regression into a failure rather
 * than a run that hangs, and every case takes well under a second when read in linear time.
 */
import { loadConfig } from '../lambda/config';
import type { Receipt } from '../lambda/domain';
import { readBounce } from '../lambda/mail/delivery-status';
import { disguisedLinks } from '../lambda/mail/links';
import { isMachineLine, splitSentences } from '../lambda/match/sentences';
import { rawWordsOf } from '../lambda/match/words';
import { respond } from '../lambda/respond';
import { noHistory } from '../tools/cli/local-responder';
import { sampleResponder } from './support/sample-faq';

jest.setTimeout(10_000);

/**
 * `value`, once settled, after one turn of the event loop. Jest's timeout is a timer, which cannot
 * interrupt synchronous work, and a test that returns once that work is done passes however long it
 * took; a timer set after the work lets the timeout, if it has run out meanwhile, fail the test first.
 */
async function afterTimers<T>(value: T | Promise<T>): Promise<T> {
  const settled = await value;
  return new Promise<T>((resolve) => setTimeout(() => resolve(settled), 0));
}

const config = loadConfig({});
const receipt: Receipt = { recipients: [config.inboxAddress], spam: 'PASS', virus: 'PASS', spf: 'PASS', dkim: 'PASS', dmarc: 'PASS' };

describe('hostile patterns are read in linear time', () => {
  it('reads a reply whose subject stacks reply markers with blanks before each colon', async () => {
    // An Outlook header block below the note makes the parser ask whether the subject marks a forward.
    const raw = [
      'From: Jane <jane@writer.example>',
      `To: ${config.inboxAddress}`,
      `Subject: ${'Re  :'.repeat(19)} joining`,
      'Message-ID: <stacked@writer.example>',
      'MIME-Version: 1.0',
      'Content-Type: text/plain',
      '',
      'Is there a cost associated with joining the OIN?',
      '',
      'From: Bob <bob@example.com>',
      'Sent: Monday',
      'To: Jane <jane@writer.example>',
      'Subject: joining',
      '',
      'Earlier text.',
      '',
    ].join('\r\n');
    const outcome = await afterTimers(respond(sampleResponder(config), Buffer.from(raw), receipt, noHistory));
    expect(outcome.message?.newText).toBe('Is there a cost associated with joining the OIN?');
    expect(outcome.message?.forwardedText).toBe('');
    expect(outcome.decision.kind).not.toBe('ignore');
  });

  it.each(['?', '.', '!'])('splits sentences before a run of 60,000 "%s" that ends the text', async (mark) => {
    const sentences = await afterTimers(splitSentences(`Is the OIN free? Yes${mark.repeat(60_000)}`));
    // Lengths, not the sentences: a failure should not print the run.
    expect(sentences.map((sentence) => sentence.length)).toEqual([16, 60_003]);
  });

  it.each([
    ['a config key of 100,000 "_" with no value', `a${'_'.repeat(100_000)}`],
    ['100,000 dotted segments with no exception name', `${'a.'.repeat(50_000)}b`],
    ['a key of 100,000 letters before "=" with no "&"', `${'a'.repeat(100_000)}=${'b'.repeat(100_000)}`],
    ['a header name of 30,000 dashed parts with no colon', `A${'-Aa'.repeat(30_000)}`],
  ])('tells whether %s is a pasted machine line', async (_shape, line) => {
    expect(await afterTimers(isMachineLine(line))).toBe(false);
  });

  it('reads the words around a 200,000-character token of "a@" with no dot after an "@"', async () => {
    expect(await afterTimers(rawWordsOf(`join ${'a@'.repeat(100_000)} now`))).toEqual(['join', ...Array<string>(100_000).fill('a'), 'now']);
  });

  it('reads a plain-text bounce whose lines hold long runs of blanks before a lone CR', async () => {
    const raw = [
      'From: MAILER-DAEMON <mailer-daemon@example.net>',
      'To: developers@example.com',
      'Subject: Undeliverable',
      'MIME-Version: 1.0',
      'Content-Type: text/plain',
      '',
      'Message-ID: <returned@example.com>',
      `${' '.repeat(125_000)}\rx`,
      `>${' \t'.repeat(62_500)}\rx`,
      '',
    ].join('\r\n');
    expect(await afterTimers(readBounce(Buffer.from(raw)))).toEqual({ kind: 'unreported', messageIds: ['<returned@example.com>'] });
  });

  /** The header block of a delivery report whose parts are split at "--b". */
  const REPORT_HEADER = [
    'From: MAILER-DAEMON <mailer-daemon@example.net>',
    'To: developers@example.com',
    'MIME-Version: 1.0',
    'Content-Type: multipart/report; report-type=delivery-status; boundary="b"',
    '',
  ];

  it('reads a report whose recipient fields are long runs of "a@"', async () => {
    const raw = [
      ...REPORT_HEADER,
      '--b',
      'Content-Type: message/delivery-status',
      '',
      'Reporting-MTA: dns; mx.example.net',
      '',
      `Original-Recipient: rfc822; ${'a@'.repeat(60_000)};`,
      'Final-Recipient: rfc822; jane@writer.example',
      'Action: failed',
      'Status: 5.1.1',
      '',
      '--b--',
      '',
    ].join('\r\n');
    expect(await afterTimers(readBounce(Buffer.from(raw)))).toEqual({
      kind: 'failed',
      failed: { recipients: [{ address: 'jane@writer.example', status: '5.1.1' }], messageIds: [] },
    });
  });

  it('screens a message whose Sender fields name 80,000 distinct addresses', async () => {
    // About 1 MB of header block, what the MIME splitter accepts; each address is checked once per screening rule.
    const senders = Array.from(
      { length: 64 },
      (_, line) => `Sender: ${Array.from({ length: 1250 }, (_, i) => `${line}.${i}@x.io`).join(' ')}`,
    );
    const raw = [
      'From: Jane <jane@writer.example>',
      `To: ${config.inboxAddress}`,
      'Subject: joining',
      'Message-ID: <senders@writer.example>',
      ...senders,
      'MIME-Version: 1.0',
      'Content-Type: text/plain',
      '',
      'Is there a cost associated with joining the OIN?',
      '',
    ].join('\r\n');
    const outcome = await afterTimers(respond(sampleResponder(config), Buffer.from(raw), receipt, noHistory));
    expect(outcome.decision.kind).toBe('answer');
  });

  it('reads a report whose parts name 120,000 distinct failed recipients', async () => {
    // 40 report parts of 3,000 blocks each, every one within the bound on what is read of a part; the blocks of all are read together.
    const part = (p: number) => [
      '--b',
      'Content-Type: message/delivery-status',
      '',
      'Reporting-MTA: dns; mx.example.net',
      '',
      ...Array.from({ length: 3_000 }, (_, i) => `Final-Recipient: rfc822; u${p}.${i}@example.net\r\nAction: failed\r\nStatus: 5.1.1\r\n`),
    ];
    const raw = [
      ...REPORT_HEADER,
      ...Array.from({ length: 40 }, (_, p) => part(p)).flat(),
      '--b',
      'Content-Type: text/rfc822-headers',
      '',
      'Message-ID: <returned@example.com>',
      '',
      '--b--',
      '',
    ].join('\r\n');
    const bounce = await afterTimers(readBounce(Buffer.from(raw)));
    expect(bounce?.kind === 'failed' && bounce.failed.recipients.length).toBe(120_000);
    expect(bounce?.kind === 'failed' && bounce.failed.messageIds).toEqual(['<returned@example.com>']);
  });

  it('lists the disguised links of HTML nested 300,000 elements deep', async () => {
    const html = `${'<b>'.repeat(300_000)}<p>Pay at <a href="https://evil.example/pay">billing.example.com</a> <a href="https://x.example">x.example</a>`;
    expect(await afterTimers(disguisedLinks(html))).toEqual([{ text: 'billing.example.com', href: 'https://evil.example/pay' }]);
  });
});
