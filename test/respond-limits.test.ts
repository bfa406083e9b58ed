/**
 * The limits as `respond` applies them, between deciding and composing: what a refused
 * answer or a capped escalation turns into, and whose count forged mail goes to. The limits
 * here are plain functions; their DynamoDB form is tested in state-store and handler tests.
 */
import { simpleParser } from 'mailparser';
import type { CappedEscalation, LimitRuleName } from '../lambda/domain';
import { respond, type Limits } from '../lambda/respond';
import { passingReceipt, testConfig } from './support/messages';
import { noHistory } from '../tools/cli/local-responder';
import { sampleResponder } from './support/sample-faq';

const responder = sampleResponder(testConfig({ senderDailyEscalations: 2 }));

function mail(body: string): Buffer {
  const lines = [
    'From: Jane <jane@writer.example>',
    'To: developers@example.com',
    'Subject: OIN',
    'Message-ID: <q1@writer.example>',
    '',
    body,
    '',
  ];
  return Buffer.from(lines.join('\r\n'));
}

const ASKS_AND_NEEDS_PERSON = mail(
  'Is there a cost associated with joining the OIN? Also, could you please check on our listing submission?',
);

/** The sender's day cap (of 2) reached: `slot` is this message's. */
const bySender = (slot: CappedEscalation['slot']): CappedEscalation => ({ slot, rule: 'escalation-cap', cap: 2 });

/** Limits that answer as told (`capped` undefined: forwarded), and remember whom they were asked about. */
function limits(answer: { rule: LimitRuleName; reason: string } | undefined, capped?: CappedEscalation): Limits & { asked: string[] } {
  const asked: string[] = [];
  return {
    asked,
    reserveAnswer: (to) => {
      asked.push(`answer:${to}`);
      return Promise.resolve(answer);
    },
    reserveEscalation: (sender) => {
      asked.push(`escalation:${sender}`);
      return Promise.resolve(capped);
    },
  };
}

describe('respond within limits', () => {
  // Mail that asks an FAQ question and for a person, under the cap decision given.
  const askingAPersonUnder = (capped: CappedEscalation) =>
    respond(responder, ASKS_AND_NEEDS_PERSON, passingReceipt(), noHistory, undefined, limits(undefined, capped));

  it('composes no answer the limits refuse: staff get the message, with the refusing rule', async () => {
    const given = limits({ rule: 'sender-limit', reason: 'The writer already had 3 automatic answers.' });
    const outcome = await respond(responder, ASKS_AND_NEEDS_PERSON, passingReceipt(), noHistory, undefined, given);
    expect(outcome.decision).toMatchObject({ kind: 'escalate', rule: 'sender-limit' });
    expect(outcome.mails.map((m) => m.kind)).toEqual(['escalation']);
    expect(given.asked).toEqual(['answer:jane@writer.example', 'escalation:jane@writer.example']);
  });

  it('forwards the notice with a reason that says further mail is held, and holds the rest while still answering', async () => {
    const notice = await askingAPersonUnder(bySender('notice'));
    expect(notice.decision).toMatchObject({ kind: 'answer-and-escalate', rule: 'escalation-cap' });
    expect(notice.decision.reason).toMatch(/cap of 2 .* held in S3/);
    expect(notice.mails.map((m) => m.kind)).toEqual(['reply', 'escalation']);

    const held = await askingAPersonUnder(bySender('hold'));
    expect(held.decision).toMatchObject({ kind: 'answer', rule: 'escalation-cap' });
    expect(held.mails.map((m) => m.kind)).toEqual(['reply']);
  });

  it("forwards the hourly cap's notice saying hand-overs from all senders are held this hour, and holds the rest while still answering", async () => {
    const byHour = (slot: CappedEscalation['slot']): CappedEscalation => ({ slot, rule: 'hourly-escalation-cap', cap: 100 });
    const notice = await askingAPersonUnder(byHour('notice'));
    expect(notice.decision).toMatchObject({ kind: 'answer-and-escalate', rule: 'hourly-escalation-cap', beforeCap: 'needs-person' });
    expect(notice.decision.reason).toMatch(
      /hourly cap of 100 hand-overs to staff, all senders together.* further hand-overs this hour, from any sender, are held in S3 and listed in the digest/,
    );
    expect(notice.mails.map((m) => m.kind)).toEqual(['reply', 'escalation']);

    const held = await askingAPersonUnder(byHour('hold'));
    expect(held.decision).toMatchObject({ kind: 'answer', rule: 'hourly-escalation-cap', beforeCap: 'needs-person' });
    expect(held.decision.reason).toMatch(/hourly cap of 100 hand-overs/);
    expect(held.mails.map((m) => m.kind)).toEqual(['reply']);
  });

  it('in shadow mode, sends staff the proposal of a message whose hand-over the cap holds, without calling it not forwarded', async () => {
    const shadow = sampleResponder(testConfig({ senderDailyEscalations: 2, mode: 'shadow' }));
    const held = await respond(shadow, ASKS_AND_NEEDS_PERSON, passingReceipt(), noHistory, undefined, limits(undefined, bySender('hold')));
    expect(held).toMatchObject({ heldBack: true, decision: { kind: 'answer', rule: 'escalation-cap' } });
    // Auto mode would answer the writer and hold the hand-over: shadow mode shows staff that answer, as every proposal.
    expect(held.mails.map((m) => [m.kind, m.to])).toEqual([['escalation', ['staff@example.com']]]);
    const why = ((await simpleParser(held.mails[0].raw)).text ?? '').split('\n').find((line) => line.startsWith('Why: '));
    // Before: "Why: Held, not forwarded: the sender reached the cap …", in the very mail that was forwarded.
    expect(why).not.toMatch(/^Why: Held, not forwarded/);
    expect(why).toMatch(/cap of 2 messages forwarded to staff in one day/);
  });

  it('counts escalations of unauthenticated mail apart from the sender it claims to be', async () => {
    const given = limits(undefined, bySender('hold'));
    const unauthenticated = passingReceipt({ spf: 'FAIL', dkim: 'FAIL', dmarc: 'GRAY' });
    const outcome = await respond(responder, ASKS_AND_NEEDS_PERSON, unauthenticated, noHistory, undefined, given);
    expect(outcome.decision).toMatchObject({ kind: 'ignore', rule: 'escalation-cap' });
    expect(outcome.mails).toEqual([]);
    expect(given.asked).toEqual(['escalation:unauthenticated:jane@writer.example']);
  });
});
