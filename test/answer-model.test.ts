/**
 * The fitted answer decision: the committed model is what `npm run fit` produces, the
 * configured threshold is never undercut, and leave-one-set-out runs and reports a row per set.
 */
import path from 'node:path';
import { formatFolds } from '../tools/cli/eval';
import { loadConfig } from '../lambda/config';
import { concludeDecision, decide } from '../lambda/decide';
import { answersOf } from '../lambda/domain';
import * as content from '../lambda/content/load-faq';
import { loadFaq } from '../lambda/content/load-faq';
import { cheapestIndex, crossValidate, type LabelledCases } from '../tools/eval/fit-answer-model';
import { readLabelledCases, readSetLabels } from '../tools/eval/read-set';
import { threeEntryFaq } from '../tools/eval/sample-faq';
import { buildIndex } from '../lambda/match';
import { FEATURES } from '../lambda/match/answer-features';
import { ANSWER_MODEL, checkModel, probability } from '../lambda/match/answer-model';
import { fitOnTrainingSets, TRAINING_SETS } from '../tools/cli/fit-answer-model';
import { inboundMessage, passingReceipt } from './support/messages';
import { loadSampleFaq } from './support/sample-faq';
import { labelledSet } from './support/labelled-set';

const CONFIG = loadConfig({});
const BILLING = path.resolve(__dirname, 'fixtures/billing-faq');

describe('the committed answer model', () => {
  it("names today's features, in order, with a weight for each", () => {
    expect(() => checkModel(ANSWER_MODEL)).not.toThrow();
    expect(ANSWER_MODEL.features).toEqual(FEATURES.map((f) => f.name));
  });

  it('is the default threshold', () => {
    expect(CONFIG.answerThreshold).toBe(ANSWER_MODEL.threshold);
  });

  it('is what refitting on the committed sets gives, each FAQ read once', async () => {
    const reads = jest.spyOn(content, 'loadFaq');
    const refitted = await fitOnTrainingSets();
    // The sample FAQ's fixed copy (four sets are labelled on it) and the billing FAQ.
    expect(reads).toHaveBeenCalledTimes(2);
    reads.mockRestore();
    expect(refitted.features).toEqual(ANSWER_MODEL.features);
    expect(refitted.threshold).toBe(ANSWER_MODEL.threshold);
    expect(refitted.restateThreshold).toBe(ANSWER_MODEL.restateThreshold);
    expect(refitted.intercept).toBeCloseTo(ANSWER_MODEL.intercept, 4);
    refitted.weights.forEach((w, i) => expect(w).toBeCloseTo(ANSWER_MODEL.weights[i], 4));
    expect(refitted.requestWords).toEqual(ANSWER_MODEL.requestWords);
  }, 120_000);

  it('is fitted on none of the sets held out to measure a new writer, whose labels all name an entry of the FAQ', () => {
    const faq = loadSampleFaq();
    for (const [held, messages] of [
      ['train-c', 70],
      ['train-e', 70],
      ['train-f', 60],
    ] as const) {
      const dir = path.resolve(__dirname, 'fixtures/labelled', held);
      expect(TRAINING_SETS.map((set) => set.dir)).not.toContain(dir);
      const { labels, keyOf } = readSetLabels(dir, faq);
      const keys = new Set(faq.entries.map((entry) => keyOf(entry.id)));
      expect(labels).toHaveLength(messages);
      for (const label of labels) for (const key of label.faq) expect(keys).toContain(key);
    }
  });
});

describe('the threshold is a guarantee', () => {
  const faq = loadSampleFaq();
  const index = buildIndex(faq);
  let sets: LabelledCases[];

  beforeAll(async () => {
    sets = [await readLabelledCases(TRAINING_SETS[0].dir, faq, index, CONFIG)];
  });

  it('sends nothing whose probability is under the configured threshold, at any threshold', () => {
    const cases = sets.flatMap((s) => s.cases);
    let sentSomething = false;
    for (let step = 0; step <= 20; step += 1) {
      const threshold = step / 20;
      for (const c of cases) {
        const { decision, match } = concludeDecision(c.prepared, { ...CONFIG, answerThreshold: threshold });
        for (const answer of answersOf(decision)) {
          expect(answer.score).toBeGreaterThanOrEqual(threshold);
          const weighed = match!.candidates.find((a) => a.entry.id === answer.entry.id);
          expect(weighed?.score).toBe(answer.score);
        }
        sentSomething ||= answersOf(decision).length > 0 && threshold > 0.5;
      }
    }
    expect(sentSomething).toBe(true);
  });

  it('scores with the model: the probability of a pair is its logistic, whatever the threshold', () => {
    const zeros = FEATURES.map(() => 0);
    expect(probability(ANSWER_MODEL, zeros)).toBeCloseTo(1 / (1 + Math.exp(-ANSWER_MODEL.intercept)), 12);
  });
});

describe('the threshold chosen', () => {
  // Costs by threshold, one a hundredth: a dip one hundredth wide (at 8), then a basin thirteen wide (17 to 29) a little dearer.
  const dear = Array<number>(8).fill(10);
  const jagged = [...dear, 5, ...dear, 7, ...Array<number>(11).fill(6), 7, ...dear];

  it('is in the broad basin, not at a dip of one hundredth that a message more or less would move', () => {
    expect(cheapestIndex(jagged)).toBeGreaterThanOrEqual(17);
    expect(cheapestIndex(jagged)).toBeLessThanOrEqual(29);
  });

  it('is the cheapest try itself where nothing is averaged (the restate threshold, a tenth apart)', () => {
    expect(cheapestIndex(jagged, 0)).toBe(8);
  });

  it('goes to the later, more cautious try on a tie', () => {
    expect(cheapestIndex([1, 2, 1], 0)).toBe(2);
    expect(cheapestIndex([3, 1, 1, 1, 1, 1, 1, 1, 3], 1)).toBe(6);
  });

  it('averages fewer tries at the ends of the grid, not as if the tries beyond cost nothing', () => {
    expect(cheapestIndex([3, 3, 3, 2, 2, 2, 3, 3, 3], 1)).toBe(4);
  });
});

describe('leave one set out', () => {
  it('fits on the other sets and prints one row per left-out set', async () => {
    const faq = loadFaq(path.join(BILLING, 'content'));
    const all = await readLabelledCases(path.join(BILLING, 'messages'), faq, buildIndex(faq), CONFIG);
    const halves: LabelledCases[] = [0, 1].map((half) => ({ name: `half ${half + 1}`, cases: all.cases.filter((_, i) => i % 2 === half) }));
    const rows = crossValidate(halves, CONFIG, ANSWER_MODEL);
    expect(rows.map((r) => r.name)).toEqual(['half 1', 'half 2']);
    for (const row of rows) {
      expect(row.heldOut.cases).toHaveLength(halves.find((h) => h.name === row.name)!.cases.length);
      expect(row.model.features).toEqual(FEATURES.map((f) => f.name));
      expect(row.model.threshold).toBeGreaterThan(0);
    }
    const table = formatFolds(rows).split('\n');
    expect(table[0]).toMatch(/^\| left-out set .*\| answerable \| unanswerable \| no-reply \| escalation agrees \| false answers \|/);
    expect(table.slice(2)).toEqual([expect.stringMatching(/^\| half 1 \(9\) \| \d/), expect.stringMatching(/^\| half 2 \(9\) \| \d/)]);
  }, 60_000);
});

describe('a labelled set read for fitting and --folds', () => {
  it('reads a message that carries none of SES verdicts as npm run respond and npm run eval -- DIR do: every verdict PASS', async () => {
    const faq = loadSampleFaq();
    // The example carries no X-SES-* or Authentication-Results field: written by hand, as a set of one's own may be.
    const dir = labelledSet({
      messages: ['answered-inquiry.eml'],
      labels: [
        {
          file: 'answered-inquiry.eml',
          faq: ['is-there-a-cost-associated-with-joining-the'],
          escalate: false,
          reply: true,
          kind: 'single',
        },
      ],
    });
    const [read] = (await readLabelledCases(dir, faq, buildIndex(faq), CONFIG)).cases;
    expect(concludeDecision(read.prepared, CONFIG).decision.rule).toBe('matched');
  });
});

describe("a team's own FAQ of three entries", () => {
  const index = buildIndex(threeEntryFaq());
  const sent = (text: string) =>
    answersOf(
      decide(
        { message: inboundMessage({ text, subject: 'A question' }), receipt: passingReceipt(), history: { repliesToOurAnswer: false } },
        index,
        CONFIG,
      ).decision,
    ).map((a) => a.entry.question);

  it('answers what an entry says', () => {
    expect(sent('Can we pay by bank transfer against an invoice instead of a card?')).toEqual(['Can I pay by invoice?']);
  });

  // Among three entries one always leads: leading says less than among twenty (answer-features.ts, amongFew).
  it('does not answer a question its one entry shares a word with only because no other entry comes close', () => {
    expect(sent('How much does the enterprise plan cost per seat?')).toEqual([]);
  });
});
