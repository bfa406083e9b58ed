/**
 * Attacks on what the hand-over tells staff about where their reply goes. A person's reply to a
 * hand-over goes out from our domain: when nothing vouches for the From address it goes to, the
 * first line must say so, whatever rule handed the message over, or an attacker who forges a
 * stranger's From can have staff mail that stranger unawares.
 */
import { simpleParser } from 'mailparser';
import { respond } from '../lambda/respond';
import { passingReceipt, testConfig } from './support/messages';
import { noHistory } from '../tools/cli/local-responder';
import { sampleResponder } from './support/sample-faq';

const responder = sampleResponder(testConfig());
// No DMARC record at the victim's domain, SPF and DKIM fail: anyone can write this From.
const forged = passingReceipt({ spf: 'FAIL', dkim: 'FAIL', dmarc: 'GRAY' });

function mail(extra: string[], body = 'Please close my account and send the confirmation to this address.'): Buffer {
  const lines = [
    'From: Victim <victim@bank.example>',
    'To: developers@example.com',
    'Subject: Account',
    'Message-ID: <forged-1@attacker.example>',
    ...extra,
    '',
    body,
    '',
  ];
  return Buffer.from(lines.join('\r\n'));
}

async function firstLine(raw: Buffer, receipt = forged): Promise<{ rule: string; first: string; replyTo: string | undefined }> {
  const outcome = await respond(responder, raw, receipt, noHistory);
  const staffMail = outcome.mails.find((m) => m.kind === 'escalation');
  if (!staffMail) throw new Error(`no hand-over (${outcome.decision.rule})`);
  const parsed = await simpleParser(staffMail.raw);
  return { rule: outcome.decision.rule, first: String(parsed.text).split('\n')[0], replyTo: parsed.replyTo?.text };
}

describe('a forged From handed over by a screening rule', () => {
  it.each([
    ['auto-response-suppress', ['X-Auto-Response-Suppress: All'], undefined],
    ['auto-forwarded', ['Auto-Submitted: auto-forwarded'], undefined],
    ['unclear-sender', ['Return-Path: <bounce+abc@zendesk.example>', 'Sender: support@zendesk.com'], undefined],
    // Staff read it as the writer writing back to an answer of ours.
    ['follow-up-answer-mark', [], 'Thanks, but please close my account.\n\n> Sent by faqmail, our FAQ assistant.'],
  ])('%s: the first line says that nothing vouches for the From address the reply goes to', async (rule, extra, body) => {
    const shown = await firstLine(mail(extra, body));
    expect(shown.rule).toBe(rule);
    expect(shown.replyTo).toMatch(/<victim@bank\.example>/);
    expect(shown.first).not.toMatch(/it goes to the writer\b/);
    expect(shown.first).toMatch(/nothing in the message's authentication vouches for its From address victim@bank\.example/);
  });

  it('still says "it goes to the writer" when authentication vouches for the From address', async () => {
    const shown = await firstLine(mail(['X-Auto-Response-Suppress: All']), passingReceipt());
    expect(shown.first).toMatch(/it goes to the writer\)/);
  });
});

/**
 * A Reply-To that names one of our own addresses: staff's Reply would go back to the inbox (read
 * as staff's own mail, nothing sent on) or to staff themselves, and the writer would never get it.
 */
describe("a writer's Reply-To that names one of our own addresses", () => {
  const config = testConfig({ recipientAddresses: ['developers@example.com', 'partners@example.com'] });
  const ours = sampleResponder(config);
  const question = (replyTo: string) =>
    Buffer.from(
      [
        'From: Marco Bellini <marco@quaderno.example>',
        'To: developers@example.com',
        `Reply-To: ${replyTo}`,
        'Subject: Signing up for OIN',
        'Message-ID: <own-reply-to-1@quaderno.example>',
        '',
        'Where do I sign up for an OIN developer account?',
        '',
      ].join('\r\n'),
    );
  const noAnswer = (replyTo: string) =>
    Buffer.from(
      question(replyTo)
        .toString('latin1')
        .replace('Signing up for OIN', 'Account')
        .replace('Where do I sign up for an OIN developer account?', 'Please close my account and send the confirmation to this address.'),
      'latin1',
    );

  async function handedOver(raw: Buffer, responder = ours, limits?: Parameters<typeof respond>[5]) {
    const outcome = await respond(responder, raw, passingReceipt(), noHistory, undefined, limits);
    const staffMail = outcome.mails.find((m) => m.kind === 'escalation');
    if (!staffMail) throw new Error(`no hand-over (${outcome.decision.rule})`);
    const parsed = await simpleParser(staffMail.raw);
    return { rule: outcome.decision.rule, replyTo: parsed.replyTo?.value.map((a) => a.address), text: String(parsed.text) };
  }

  it.each([
    ['the inbox', 'Developers <developers@example.com>', 'developers@example.com'],
    ['the inbox with a +tag, in capitals', 'DEVELOPERS+oin@Example.com', 'developers+oin@example.com'],
    ['an alias of the inbox', 'partners@example.com', 'partners@example.com'],
    ['a staff address', 'staff@example.com', 'staff@example.com'],
  ])('%s: Reply goes to their From instead, and the first lines say what was left out and why', async (_, replyTo, shown) => {
    // Before: Reply-To was that address, and staff were only told "check it before sending".
    const { replyTo: to, text } = await handedOver(noAnswer(replyTo));
    expect(to).toEqual(['marco@quaderno.example']);
    const [first, second] = text.split('\n').filter((line) => line.trim() !== '');
    expect(first).toContain(
      'reply to this mail (it goes to their From address marco@quaderno.example, not to the Reply-To they set: see the next line).',
    );
    expect(second).toMatch(new RegExp(`^Left out of where your reply goes: ${shown.replace(/[.+]/g, '\\$&')} \\(their Reply-To\\) is `));
    expect(second).toMatch(/ The writer would never get your answer there\.$/);
  });

  it("keeps the writer's other Reply-To addresses", async () => {
    const { replyTo, text } = await handedOver(
      noAnswer('developers@example.com, Quaderno Team <team@quaderno.example>, staff@example.com'),
    );
    expect(replyTo).toEqual(['team@quaderno.example']);
    expect(text).toContain(
      '(it goes to the Reply-To the writer set, team@quaderno.example, not to their From address marco@quaderno.example',
    );
    expect(text).toContain(
      'Left out of where your reply goes: developers@example.com (their Reply-To) is our own inbox, where faqmail takes your ' +
        'reply for a note from staff and sends it on to nobody; staff@example.com (their Reply-To) is a staff address, where ' +
        'only we would read it. Either way the writer would never get your answer there.',
    );
  });

  it("in shadow mode, the proposal's hand-over goes to their From too", async () => {
    const shadow = sampleResponder({ ...config, mode: 'shadow' });
    const { rule, replyTo, text } = await handedOver(question('developers@example.com'), shadow);
    expect(rule).toBe('matched');
    expect(replyTo).toEqual(['marco@quaderno.example']);
    expect(text).toContain('Left out of where your reply goes: developers@example.com (their Reply-To) is our own inbox');
  });

  it("the escalation cap's notice goes to their From too", async () => {
    const { rule, replyTo } = await handedOver(noAnswer('staff@example.com'), ours, {
      reserveAnswer: () => Promise.resolve(undefined),
      reserveEscalation: () => Promise.resolve({ slot: 'notice', rule: 'escalation-cap', cap: 5 }),
    });
    expect(rule).toBe('escalation-cap');
    expect(replyTo).toEqual(['marco@quaderno.example']);
  });
});

/**
 * A reply that copies a staff address is dropped, staff having it already (`colleague-thread-staff-copied`). Only its
 * sender says staff were sent it: when nothing vouches for its From, a Cc written and never sent (or a copy staff's
 * own mail provider filtered away as the unauthenticated mail it is) would leave the message with no person at all.
 */
describe('a reply copying a staff address, with a From nothing vouches for', () => {
  // From Victim <victim@bank.example>, a reply to a colleague's mail, staff copied.
  const reply = mail(['Cc: Staff <staff@example.com>', 'In-Reply-To: <colleague-answer@mail.example.com>']);

  it('is handed to a person as a reply to a colleague, the first line saying nothing vouches for the From', async () => {
    // Before: ignored (colleague-thread-staff-copied), nothing sent to anyone.
    const shown = await firstLine(reply);
    expect(shown.rule).toBe('colleague-thread');
    expect(shown.first).toMatch(/nothing in the message's authentication vouches for its From address victim@bank\.example/);
  });

  it('is still dropped when authentication vouches for the From: staff received it from the writer', async () => {
    const outcome = await respond(responder, reply, passingReceipt(), noHistory);
    expect(outcome.decision).toMatchObject({ kind: 'ignore', rule: 'colleague-thread-staff-copied' });
    expect(outcome.mails).toEqual([]);
  });
});
