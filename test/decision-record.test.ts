/**
 * The decision record (what the digest and staff verdicts read), built from a decision and its
 * match: what it says was answered, left open or kept of a message the decision did not answer.
 */
import { decide, escalationCapped } from '../lambda/decide';
import { answersOf, type Decision, type History, type InboundMessage, type Receipt } from '../lambda/domain';
import { buildIndex } from '../lambda/match';
import { decisionRecord, MAX_PHRASES, PHRASE_CHARS, type DecisionFacts } from '../lambda/state/decision-record';
import { address, ANSWERED_IN_PART, inboundMessage, OPEN_SENTENCE, passingReceipt, testConfig } from './support/messages';
import { loadSampleFaq } from './support/sample-faq';

const INDEX = buildIndex(loadSampleFaq());
const CONFIG = testConfig();
const FRESH: History = { repliesToOurAnswer: false };
const RECEIVED = new Date('2026-03-02T10:00:00Z');
const DECIDED = new Date('2026-03-02T10:00:05Z');
const RELEASE = '0123456789ab';

const COST_QUESTION: Partial<InboundMessage> = {
  subject: 'Fees for listing?',
  newText: 'Hi, is there any fee to list our app in the Okta Integration Network? Thanks, Ana',
};
const UNANSWERABLE: Partial<InboundMessage> = {
  subject: 'HTTP 429 from the Users API',
  newText: 'At roughly 600 requests a minute the Users API answers HTTP 429. What are the rate limits for that endpoint?',
};

/** A question the FAQ answers, beside two requests only a person can meet, one of them made twice. */
const ASKS_A_PERSON: Partial<InboundMessage> = {
  subject: 'Fees, and our submission',
  newText:
    'Hi, is there any fee to list our app in the Okta Integration Network? Could someone expedite the listing of Tallyho Sync? ' +
    'We would also like it expedited for the Tallyho Ledger app. Thanks, Ana',
};

function decided(message: Partial<InboundMessage>, receipt: Partial<Receipt> = {}) {
  const inbound = inboundMessage(message);
  const { decision, match } = decide({ message: inbound, receipt: { ...passingReceipt(), ...receipt }, history: FRESH }, INDEX, CONFIG);
  return { decision, match: match!, message: inbound };
}

function recordOf(outcome: DecisionFacts['outcome'], more: Partial<DecisionFacts> = {}) {
  return decisionRecord({
    inboundId: 'in-1',
    receivedAt: RECEIVED,
    decidedAt: DECIDED,
    outcome,
    sent: {},
    keepText: true,
    release: RELEASE,
    ...more,
  });
}

describe('the decision record', () => {
  // The digest tells a copy of staff's mail from a writer's by this hash, against the staff addresses as configured:
  // staff writing from a sub-address (isStaffAddress takes it as staff's) must hash as the configured address does.
  it('keys its sender as addresses are compared: a sub-address hashes as the address', () => {
    const staff = CONFIG.staffAddresses[0];
    const [local, domain] = staff.split('@');
    const senderHash = (from: string) =>
      recordOf({ ...decided(COST_QUESTION), message: inboundMessage({ from: address(from) }) }).senderHash;
    expect(senderHash(`${local.toUpperCase()}+verdicts@${domain}`)).toBe(senderHash(staff));
  });

  // The digest counts a message once by this key, though a delivery of it that claimed nothing (a list's copy that
  // screening dropped, one nothing vouches for) was decided again when the writer's own came.
  it("keys the writer's message by sender and Message-ID, alike in each delivery, and none in the record of our answer's bounce", () => {
    const keyOf = (message: Partial<InboundMessage>) =>
      recordOf({ ...decided(COST_QUESTION), message: inboundMessage(message) }).messageKey;
    expect(keyOf({})).toMatch(/^[0-9a-f]{64}$/);
    // A list's copy: another subject and text, the Message-ID's angle brackets and case as another mailer writes them.
    expect(keyOf({ messageId: 'QUESTION-1@mail.example.net', subject: '[dev] Fees for listing?' })).toBe(keyOf({}));
    expect(keyOf({ messageId: '<question-2@mail.example.net>' })).not.toBe(keyOf({}));
    expect(keyOf({ from: address('ana@other.example') })).not.toBe(keyOf({}));
    expect(keyOf({ messageId: undefined })).toBeUndefined();
    expect(keyOf({ from: undefined })).toBeUndefined();
    // Its message is the one our answer went to, counted when it came: the bounce is another event.
    const bounced: Decision = { kind: 'escalate', candidates: [], rule: 'answer-bounced', reason: 'Our answer bounced.' };
    const message = inboundMessage();
    expect(recordOf({ decision: bounced, message })).not.toHaveProperty('messageKey');
    const held = escalationCapped(bounced, { slot: 'hold', rule: 'escalation-cap', cap: 2 });
    expect(recordOf({ decision: held, message })).not.toHaveProperty('messageKey');
  });

  it('records a question the matcher answered as not answered when nothing went to the writer (a hand-over)', () => {
    const outcome = decided(COST_QUESTION, { spf: 'FAIL', dkim: 'FAIL', dmarc: 'GRAY' });
    expect(outcome.decision).toMatchObject({ kind: 'escalate', rule: 'unauthenticated' });
    // The matcher answered it: only the decision kept the answer from going out.
    expect(outcome.match.questions.some((q) => q.answered)).toBe(true);
    const record = recordOf(outcome);
    expect(record.sent).toEqual([]);
    expect(record.questions.length).toBeGreaterThan(0);
    expect(record.questions.map((q) => q.answered)).toEqual(record.questions.map(() => false));
  });

  it('records the question an answer went out for as answered', () => {
    const outcome = decided(COST_QUESTION);
    expect(outcome.decision).toMatchObject({ kind: 'answer', rule: 'matched' });
    expect(recordOf(outcome).questions.some((q) => q.answered)).toBe(true);
  });

  // The reply names only the open sentence (issue 8); the digest must still count the request as a gap, by that sentence.
  it('records a request an entry answered only part of as open, with the part still open and the entry nearest to it', () => {
    const outcome = decided(ANSWERED_IN_PART);
    expect(outcome.decision).toMatchObject({ kind: 'answer-and-escalate', rule: 'partly-answered' });
    const [question] = recordOf(outcome).questions;
    expect(question).toMatchObject({ answered: false, open: true, openPart: { text: OPEN_SENTENCE } });
    const sent = answersOf(outcome.decision).map((a) => a.entry.id);
    expect(question.openPart?.best?.entry).toBeDefined();
    expect(sent).not.toContain(question.openPart?.best?.entry);
    // Without question text, the record keeps what is open, and no text of it.
    expect(recordOf(outcome, { keepText: false }).questions[0]).toMatchObject({ open: true, openPart: { best: question.openPart?.best } });
    expect(recordOf(outcome, { keepText: false }).questions[0].openPart?.text).toBeUndefined();
  });

  it('keeps no question of a message the decision ignored, though matching ran (held by the escalation cap)', () => {
    const handedOver = decided(UNANSWERABLE);
    expect(handedOver.decision).toMatchObject({ kind: 'escalate', rule: 'no-match' });
    expect(handedOver.match.questions.length).toBeGreaterThan(0);
    expect(recordOf(handedOver).questions.some((q) => q.open)).toBe(true);
    const held = { ...handedOver, decision: escalationCapped(handedOver.decision, { slot: 'hold', rule: 'escalation-cap', cap: 2 }) };
    expect(held.decision).toMatchObject({ kind: 'ignore', rule: 'escalation-cap' });
    expect(recordOf(held).questions).toEqual([]);
  });

  // Before: a record of the cap named only escalation-cap, and the digest could not say why the mail would have gone to staff.
  it('keeps the rule the escalation cap replaced, for its notice and for mail it held, and none otherwise', () => {
    const handedOver = decided(UNANSWERABLE);
    for (const slot of ['notice', 'hold'] as const)
      expect(
        recordOf({ ...handedOver, decision: escalationCapped(handedOver.decision, { slot: slot, rule: 'escalation-cap', cap: 2 }) }),
      ).toMatchObject({
        rule: 'escalation-cap',
        beforeCap: 'no-match',
      });
    const partly = decided(ASKS_A_PERSON);
    expect(
      recordOf({ ...partly, decision: escalationCapped(partly.decision, { slot: 'hold', rule: 'escalation-cap', cap: 2 }) }),
    ).toMatchObject({
      kind: 'answer',
      beforeCap: partly.decision.rule,
    });
    expect(recordOf(handedOver)).not.toHaveProperty('beforeCap');
  });

  it('keeps no question text when recordQuestionText is off', () => {
    const record = recordOf(decided(UNANSWERABLE), { keepText: false });
    expect(record.questions.length).toBeGreaterThan(0);
    for (const question of record.questions) expect(question).not.toHaveProperty('text');
  });

  it('files a record with no receipt time by when it was decided, rather than failing to write it', () => {
    expect(recordOf(decided(UNANSWERABLE), { receivedAt: new Date(Number.NaN) }).receivedAt).toBe(DECIDED.toISOString());
    expect(recordOf(decided(UNANSWERABLE)).receivedAt).toBe(RECEIVED.toISOString());
  });

  describe('the hand-over phrases that fired', () => {
    it('keeps each reason and phrase once, never the sentence the phrase fired in', () => {
      const outcome = decided(ASKS_A_PERSON);
      expect(outcome.decision).toMatchObject({ kind: 'answer-and-escalate', rule: 'needs-person' });
      // The phrase fired in two sentences: the record keeps it once.
      expect(outcome.match.handover.filter((h) => h.phrase === 'expedit*')).toHaveLength(2);
      const record = recordOf(outcome, { keepText: false });
      expect(record.handover).toEqual([{ reason: 'The writer asks us to hurry or make an exception', phrase: 'expedit*' }]);
      const kept = JSON.stringify(record);
      for (const { sentence } of outcome.match.handover) expect(kept).not.toContain(sentence);
      expect(kept).not.toContain('Tallyho');
    });

    it(`keeps at most ${MAX_PHRASES} pairs, each reason and phrase at most ${PHRASE_CHARS} characters`, () => {
      const outcome = decided(ASKS_A_PERSON);
      const long = `please ${'and '.repeat(200)}check`;
      const handover = Array.from({ length: MAX_PHRASES + 5 }, (_, i) => ({
        reason: `Reason ${i}
${'x'.repeat(400)}`,
        phrase: `${long} ${i}`,
        sentence: 'Please check our app.',
      }));
      const record = recordOf({ ...outcome, match: { ...outcome.match, handover } });
      expect(record.handover).toHaveLength(MAX_PHRASES);
      expect(record.handover?.[0].reason).toMatch(/^Reason 0 x+…$/);
      for (const { reason, phrase } of record.handover ?? []) {
        expect(reason.length).toBeLessThanOrEqual(PHRASE_CHARS);
        expect(phrase.length).toBeLessThanOrEqual(PHRASE_CHARS);
      }
    });

    it('keeps none when none fired, nor for mail screening dropped (the matcher never read it)', () => {
      expect(recordOf(decided(COST_QUESTION))).not.toHaveProperty('handover');
      const automatic = decided({ ...ASKS_A_PERSON, headers: new Map([['auto-submitted', ['auto-generated']]]) });
      expect(automatic.decision).toMatchObject({ kind: 'ignore', rule: 'auto-submitted' });
      expect(recordOf(automatic)).not.toHaveProperty('handover');
    });

    it('keeps them for mail the escalation cap held: the matcher read it, and the phrase would have sent it to a person', () => {
      const outcome = decided(ASKS_A_PERSON);
      const held = { ...outcome, decision: escalationCapped(outcome.decision, { slot: 'hold', rule: 'escalation-cap', cap: 2 }) };
      expect(held.decision).toMatchObject({ kind: 'answer', rule: 'escalation-cap' });
      expect(recordOf(held).handover).toEqual([{ reason: 'The writer asks us to hurry or make an exception', phrase: 'expedit*' }]);
    });
  });
});

describe('the release that decided', () => {
  it('is kept in the record, for the digest to tell verdicts on the running release from older ones', () => {
    expect(recordOf(decided(COST_QUESTION)).release).toBe(RELEASE);
    expect(recordOf(decided(UNANSWERABLE), { release: 'fedcba987654' }).release).toBe('fedcba987654');
  });
});
