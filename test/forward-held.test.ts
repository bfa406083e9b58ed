/** Which held mail `npm run forward-held` picks, and what it tells staff of why it comes now (the rest: test/integration/forward-held). */
import { comparable } from '../lambda/comparable-address';
import type { DecisionRecord } from '../lambda/state/decision-record';
import { addressHash } from '../lambda/state/table-schema';
import { heldReason, selectHeld } from '../tools/held/forward-held';

let ids = 0;
function record(kind: DecisionRecord['kind'], rule: string, extra: Partial<DecisionRecord> = {}): DecisionRecord {
  const at = `2026-03-02T09:${String(++ids).padStart(2, '0')}:00.000Z`;
  return { inboundId: `in-${ids}`, receivedAt: at, decidedAt: at, kind, rule, sent: [], questions: [], ...extra };
}

const sam = addressHash(comparable('sam@writer.example'));

describe('the held mail picked', () => {
  const held = record('ignore', 'escalation-cap', { beforeCap: 'no-match', senderHash: sam });
  const answered = record('answer', 'hourly-escalation-cap', { beforeCap: 'needs-person' });
  const forwardedSince = record('ignore', 'hourly-escalation-cap', { forwarded: { at: '2026-03-03T00:00:00Z', staffMessageId: '<x@y>' } });
  const records = [
    record('escalate', 'no-match'),
    held,
    // The notice went to staff; so did a held answer's proposal in shadow mode.
    record('escalate', 'escalation-cap', { beforeCap: 'no-match' }),
    record('answer', 'escalation-cap', { heldBack: true }),
    answered,
    forwardedSince,
    record('ignore', 'auto-submitted'),
  ];

  it('is what the digest counts as held, forwarded since or not, in the order listed', () => {
    expect(selectHeld(records, {})).toEqual([held, answered, forwardedSince]);
  });

  it('keeps to the rule asked for, and to the sender as the records compare addresses (case and a +tag aside)', () => {
    expect(selectHeld(records, { rule: 'escalation-cap' })).toEqual([held]);
    expect(selectHeld(records, { rule: 'hourly-escalation-cap' })).toEqual([answered, forwardedSince]);
    expect(selectHeld(records, { sender: 'Sam+faq@Writer.example' })).toEqual([held]);
    expect(selectHeld(records, { sender: 'sam@elsewhere.example' })).toEqual([]);
  });
});

describe('why a held message comes now', () => {
  const now = new Date('2026-03-04T10:15:00Z');

  it("names the cap, its day or hour, the rule it replaced and staff's request", () => {
    expect(heldReason(record('ignore', 'escalation-cap', { beforeCap: 'no-match', receivedAt: '2026-03-02T09:30:00.000Z' }), now)).toBe(
      "Held, not forwarded, by the escalation cap on one sender's mail to staff on 2026-03-02 (UTC), which held their further mail that day: " +
        'received 2026-03-02 09:30 UTC. It would have come to staff under no-match. ' +
        "It is forwarded now at staff's request (npm run forward-held), 2026-03-04 10:15 UTC.",
    );
    expect(heldReason(record('ignore', 'hourly-escalation-cap', { receivedAt: '2026-03-02T09:30:00.000Z' }), now)).toContain(
      'by the hourly escalation cap on mail to staff, all senders together, in the hour from 2026-03-02 09:00 UTC',
    );
  });

  it('says that the writer had an automatic answer when only the hand-over was held', () => {
    const answered = record('answer', 'hourly-escalation-cap', { sent: [{ entry: 'oin-fees', score: 0.9 }] });
    expect(heldReason(answered, now)).toContain(
      'An automatic answer went to the writer when it came (FAQ oin-fees); only its hand-over was held.',
    );
  });
});
