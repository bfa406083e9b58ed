/**
 * Attacks on what the hand-over tells staff about where their reply goes. A person's reply to a
 * hand-over goes out from our domain: when nothing vouches for the From address it goes to, the
 * first line must say so, whatever rule handed the message over, or an attacker who forges a
 * stranger's From can have staff mail that stranger unawares.
 */
import path from 'node:path';
import { simpleParser } from 'mailparser';
import { createResponder, respond } from '../lambda/respond';
import { passingReceipt, testConfig } from './support/messages';
import { noHistory } from '../tools/cli/local-responder';

const responder = createResponder(testConfig(), path.resolve(__dirname, '../content'));
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
