/**
 * The matcher end to end, scored as `npm run eval` scores it (tools/eval/run-set.ts), on
 * labelled sets: the billing FAQ of an imaginary API product (the project's own fixture:
 * proves the same code answers a different FAQ), and the dev set kept in the repository
 * (test/fixtures/labelled/dev).
 */
import path from 'node:path';
import { loadConfig } from '../lambda/config';
import { createResponder } from '../lambda/respond';
import { readSetLabels } from '../tools/eval/read-set';
import { runLabelledSet } from '../tools/eval/run-set';
import { scorecard, type CaseResult, type Figure } from '../tools/eval/score';
import { sampleResponder } from './support/sample-faq';

const CONFIG = loadConfig({});
const BILLING = path.resolve(__dirname, 'fixtures/billing-faq');
const DEV = path.resolve(__dirname, 'fixtures/labelled/dev');

function rate({ passed, total }: Figure): number {
  return total === 0 ? 1 : passed / total;
}

function failures(cases: CaseResult[]): string[] {
  return cases
    .filter((c) => !c.pass)
    .map(
      (c) =>
        `${c.label.file} (${c.label.kind}): expected [${c.label.faq.join(', ')}] escalate ${c.label.escalate}; got [${c.sent.join(', ')}] escalate ${c.escalated}`,
    );
}

describe('the billing FAQ (a different product, same code)', () => {
  const responder = createResponder(CONFIG, path.join(BILLING, 'content'));
  const dir = path.join(BILLING, 'messages');
  const set = readSetLabels(dir, responder.faq);

  it('has a dozen or more labelled messages of every kind', () => {
    const kinds = new Set(set.labels.map((l) => l.kind));
    expect(set.labels.length).toBeGreaterThanOrEqual(12);
    for (const kind of ['single', 'multi', 'partial', 'unanswerable', 'non-english', 'subject-only']) expect(kinds).toContain(kind);
  });

  // The answer model is fitted on this set among others; a borderline answer can fall either side of the threshold as the
  // other sets move the weights, so a miss that goes to a person is allowed once. A wrong answer never is.
  it('sends no entry its label does not list, and declines and hands over every unanswerable message as labelled', async () => {
    const cases = await runLabelledSet(dir, responder, set);
    expect(scorecard(cases).falseAnswers.passed).toBe(0);
    expect(failures(cases.filter((c) => c.label.faq.length === 0))).toEqual([]);
  });

  it('answers all but at most one of its answerable messages', async () => {
    const { answerable } = scorecard(await runLabelledSet(dir, responder, set));
    expect(answerable.total - answerable.passed).toBeLessThanOrEqual(1);
  });
});

describe('the dev set (in sample: the answer model is fitted on it): the targets of issue 3', () => {
  let cases: CaseResult[];

  beforeAll(async () => {
    cases = await runLabelledSet(DEV, sampleResponder(CONFIG));
  });

  it('answers at least 95% of the answerable messages with every right entry (at most one extra)', () => {
    expect(rate(scorecard(cases).answerable)).toBeGreaterThanOrEqual(0.95);
  });

  it('gives no FAQ answer to at least 97% of the unanswerable messages', () => {
    expect(rate(scorecard(cases).unanswerable)).toBeGreaterThanOrEqual(0.97);
  });

  it('agrees with the labels on escalation for at least 95% of the messages', () => {
    expect(rate(scorecard(cases).escalation)).toBeGreaterThanOrEqual(0.95);
  });
});
