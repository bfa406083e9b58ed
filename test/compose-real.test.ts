import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { simpleParser } from 'mailparser';
import { hasAnswerMark } from '../lambda/mail/answer-mark';
import { composeEscalation } from '../lambda/compose/escalation';
import { composeReply } from '../lambda/compose/reply';
import { answerAddress } from '../lambda/mail/writer';
import { receiptFromHeaders } from '../lambda/mail/receipt-headers';
import type { FaqEntry } from '../lambda/domain';
import { parseMessage } from '../lambda/mail/parse';
import { answerTo, decision, scored, testConfig } from './support/messages';
import { describeIfShared, SHARED_DIR } from './support/shared';
import { loadSampleFaq } from './support/sample-faq';

const DEV = path.join(SHARED_DIR, 'eval/dev');
const config = testConfig();
const faq = loadSampleFaq();

function entry(startsWith: string): FaqEntry {
  const found = faq.entries.find((e) => e.question.startsWith(startsWith));
  if (!found) throw new Error(`No FAQ entry starts with "${startsWith}"`);
  return found;
}

const signUp = entry('Where can I sign up');
const cost = entry('Is there a cost');
const contact = entry('I am an ISV and want to integrate');

function read(name: string): Buffer {
  return readFileSync(path.join(DEV, name));
}

describeIfShared('composing for real dev-set messages', () => {
  test.each([
    ['d001.eml', 'plain text from Gmail', 'Hello Marco,'],
    ['d003.eml', 'multipart/alternative from Outlook', 'Hello Natalie,'],
    ['d002.eml', 'HTML only', 'Hello Rahul,'],
  ])('%s (%s): a threaded reply to the writer', async (file, _kind, greeting) => {
    const message = await parseMessage(read(file));
    const mail = await composeReply(message, answerTo(message), [scored(signUp), scored(contact)], config);
    const parsed = await simpleParser(mail.raw);
    expect(mail.to).toEqual([message.from?.address]);
    expect(parsed.inReplyTo).toBe(message.messageId);
    expect([parsed.references ?? []].flat().pop()).toBe(message.messageId);
    expect(parsed.subject).toBe(`Re: ${message.subject.replace(/^re:\s*/i, '')}`);
    expect(parsed.headers.get('auto-submitted')).toBe('auto-replied');
    expect(parsed.text).toMatch(new RegExp(`^${greeting}`));
    // The FAQ's relative links arrive resolved, and render as links.
    expect(parsed.html).toContain('<a href="https://developer.okta.com/docs/guides/build-sso-integration/">our guide</a>');
    expect(parsed.text).toContain('our guide <https://developer.okta.com/docs/guides/build-sso-integration/>');
    expect(hasAnswerMark(parsed.text ?? '')).toBe(true);
  });

  test.each(['d001.eml', 'd002.eml', 'd003.eml'])('%s: the escalation carries the original byte for byte', async (file) => {
    const raw = read(file);
    const message = await parseMessage(raw);
    const mail = await composeEscalation({
      message,
      raw,
      decision: decision({ candidates: [scored(signUp, 0.6), scored(cost, 0.3)] }),
      config,
    });
    const parsed = await simpleParser(mail.raw);
    expect(parsed.replyTo?.value.map((a) => a.address)).toEqual([message.from?.address]);
    expect(parsed.inReplyTo).toBe(message.messageId);
    expect(parsed.attachments).toHaveLength(1);
    expect(parsed.attachments[0].content.equals(raw)).toBe(true);
    expect(parsed.text).toContain(message.newText.split('\n')[0]);
  });

  test("a writer's reply quoting our answer is recognised from its quoted text", async () => {
    const message = await parseMessage(read('d001.eml'));
    const answer = await simpleParser((await composeReply(message, answerTo(message), [scored(signUp)], config)).raw);
    const quoted = (answer.text ?? '')
      .trimEnd()
      .split('\n')
      .map((line) => `> ${line}`.trimEnd())
      .join('\n');
    const followUp = Buffer.from(
      [
        'From: Marco Bellini <marco.bellini82@gmail.com>',
        'To: Developer Relations <developers@example.com>',
        `Subject: ${answer.subject}`,
        'Message-ID: <follow-up-1@mail.gmail.com>',
        `In-Reply-To: ${message.messageId}`,
        'Content-Type: text/plain; charset=utf-8',
        '',
        'That page only offers a trial. Which one is the developer account?',
        '',
        'On Tue, Apr 9, 2024 at 6:30 PM Developer Relations <developers@example.com> wrote:',
        quoted,
        '',
      ].join('\r\n'),
    );
    const parsedFollowUp = await parseMessage(followUp);
    expect(hasAnswerMark(parsedFollowUp.newText)).toBe(false);
    expect(hasAnswerMark(parsedFollowUp.quotedText)).toBe(true);
  });

  test('an HTML reply quoting our answer keeps the mark through HTML-to-text', async () => {
    const message = await parseMessage(read('d003.eml'));
    const answer = await simpleParser((await composeReply(message, answerTo(message), [scored(cost)], config)).raw);
    const body = (answer.html || '').replace(/^[^]*<body[^>]*>|<\/body>[^]*$/g, '');
    const followUp = Buffer.from(
      [
        'From: Natalie Brooks <nbrooks@fieldnotecrm.com>',
        'To: developers@example.com',
        `Subject: ${answer.subject}`,
        'Message-ID: <follow-up-2@outlook.example>',
        'Content-Type: text/html; charset=utf-8',
        '',
        `<html><body><div>Thanks, but we also need the fee for customers.</div><hr><div><b>From:</b> Developer Relations &lt;developers@example.com&gt;</div>${body}</body></html>`,
        '',
      ].join('\r\n'),
    );
    expect(hasAnswerMark((await parseMessage(followUp)).text)).toBe(true);
  });

  test('every dev-set message: composing never fails, and no writer carries our mark already', async () => {
    const files = readdirSync(DEV).filter((name) => name.endsWith('.eml'));
    expect(files.length).toBeGreaterThanOrEqual(80);
    for (const file of files) {
      const raw = read(file);
      const message = await parseMessage(raw);
      expect(hasAnswerMark(message.text)).toBe(false);
      const escalation = await simpleParser((await composeEscalation({ message, raw, decision: decision(), config })).raw);
      expect(escalation.attachments[0].content.equals(raw)).toBe(true);
      const to = answerAddress(message, receiptFromHeaders(message)).to;
      if (!to) continue;
      const reply = await simpleParser((await composeReply(message, to, [scored(signUp)], config)).raw);
      expect(reply.subject).toMatch(/^Re: \S/);
    }
  });
});
