import type { DecisionRecord, StaffVerdict } from '../lambda/state/decision-record';
import { labelFromVerdict } from '../tools/eval/verdict-labels';

function record(kind: DecisionRecord['kind'], rule: string, chosen: string[], verdict: Omit<StaffVerdict, 'at'>): DecisionRecord {
  return {
    inboundId: 'm1',
    receivedAt: '2026-11-20T10:00:00.000Z',
    decidedAt: '2026-11-20T10:00:01.000Z',
    kind,
    rule,
    sent: chosen.map((entry) => ({ entry, score: 0.7 })),
    questions: [],
    verdict: { ...verdict, at: '2026-11-21T10:00:00.000Z' },
  };
}

const labelOf = (r: DecisionRecord) => {
  const labelled = labelFromVerdict(r);
  return 'label' in labelled ? { faq: labelled.label.faq, escalate: labelled.label.escalate } : labelled;
};

describe('labelFromVerdict', () => {
  it.each([
    ['good on an answer', record('answer', 'matched', ['a', 'b'], { verdict: 'good' }), { faq: ['a', 'b'], escalate: false }],
    [
      'good on a partial answer',
      record('answer-and-escalate', 'partly-answered', ['a'], { verdict: 'good' }),
      { faq: ['a'], escalate: true },
    ],
    ['good on a hand-over', record('escalate', 'no-match', [], { verdict: 'good' }), { faq: [], escalate: true }],
    ['wrong on an answer', record('answer', 'matched', ['a'], { verdict: 'wrong' }), { faq: [], escalate: true }],
    [
      'wrong: one of the entries',
      record('answer', 'matched', ['a', 'b'], { verdict: 'wrong', entries: ['b'] }),
      { faq: ['a'], escalate: false },
    ],
    ['wrong: the only entry', record('answer', 'matched', ['a'], { verdict: 'wrong', entries: ['a'] }), { faq: [], escalate: true }],
    [
      'wrong: an entry not chosen',
      record('answer', 'matched', ['a'], { verdict: 'wrong', entries: ['c'] }),
      { faq: ['c'], escalate: false },
    ],
    [
      'should answer on a no-match hand-over',
      record('escalate', 'no-match', [], { verdict: 'should-answer', entries: ['c'] }),
      { faq: ['c'], escalate: false },
    ],
    [
      'should answer on a request for a person',
      record('escalate', 'needs-person', [], { verdict: 'should-answer', entries: ['c'] }),
      { faq: ['c'], escalate: true },
    ],
  ])('%s', (_name, r, expected) => {
    expect(labelOf(r)).toEqual(expected);
  });

  it.each([
    ['wrong on a hand-over', record('escalate', 'no-match', [], { verdict: 'wrong' }), /without naming the entry/],
    [
      'should answer naming no entry',
      record('escalate', 'no-match', [], { verdict: 'should-answer', unresolved: 'the weather' }),
      /"the weather", which is no FAQ entry/,
    ],
  ])('gives no label for %s', (_name, r, why) => {
    expect(labelOf(r)).toEqual({ skipped: expect.stringMatching(why) });
  });
});
