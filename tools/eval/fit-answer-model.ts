/**
 * Fitting the answer model on labelled sets, and scoring it on a set it was not fitted on.
 * Every weight and threshold of the model comes from here; `npm run fit` (all sets) and
 * `npm run eval -- --folds` (each set left out in turn) both call `fitAnswerModel`.
 */
import type { Config } from '../../lambda/config';
import { concludeDecision, type Prepared } from '../../lambda/decide';
import { FEATURES, featureValues, pairsOf, viewMessage } from '../../lambda/match/answer-features';
import type { AnswerModel } from '../../lambda/match/answer-model';
import { onBestQuestion, sendable } from '../../lambda/match/judge';
import type { RequestWords } from '../../lambda/match/request-words';
import { fitRequestWords, type ReadMessage } from './fit-request-words';
import { fitLogistic, type LogisticOptions } from './logistic';
import { scoreCase, scorecard, type CaseResult, type Label, type Scorecard } from './score';

export interface LabelledCase {
  label: Label;
  prepared: Prepared;
  keyOf: (entryId: string) => string;
}

export interface LabelledCases {
  name: string;
  cases: LabelledCase[];
}

/** Enough penalty that a feature seen on a handful of pairs cannot decide alone; Newton converges well within the steps. */
const LOGISTIC: LogisticOptions = { l2: 1, iterations: 30 };

/** The thresholds tried: every hundredth from 0.05 to 0.95. */
const THRESHOLDS = Array.from({ length: 91 }, (_, i) => Math.round((0.05 + i / 100) * 100) / 100);
const RESTATE_THRESHOLDS = Array.from({ length: 9 }, (_, i) => Math.round((0.1 + i / 10) * 10) / 10);
/**
 * A threshold is chosen by its cost averaged over this many hundredths either side, not by its
 * own: over a few hundred messages the cost is a jagged step curve, its lowest point can be one
 * hundredth wide and ten from a broad basin of nearly the same cost, and a change that moves no
 * decision of the weights' could move the choice between them (a lexicon fix once moved dev's
 * fold 0.65 -> 0.74 and cost it two answers). Leaving one set out, 0 (the cheapest alone), 2, 3
 * and 5 score the same; under 28 perturbations of the matcher's weights 5 was steadiest: 8 lost
 * a message on some left-out set against 15 at 0 (docs/answer-model.md, "Fitting").
 */
const THRESHOLD_WINDOW = 5;

/**
 * The index of the cheapest of `costs`, each averaged with its `window` neighbours either side
 * (fewer at the ends); on a tie the last, the tries coming ordered by caution.
 */
export function cheapestIndex(costs: readonly number[], window = THRESHOLD_WINDOW): number {
  let best = 0;
  let bestCost = Infinity;
  costs.forEach((_, i) => {
    const near = costs.slice(Math.max(0, i - window), i + window + 1);
    const mean = near.reduce((sum, c) => sum + c, 0) / near.length;
    if (mean <= bestCost) {
      best = i;
      bestCost = mean;
    }
  });
  return best;
}

/**
 * What a wrong decision costs when choosing thresholds. An answer sent to mail no entry
 * answers costs three times a missed answer (the mail answered wrongly, 2, and a message with
 * a false answer, 1), because a writer misled is worse off than one who waits for a person; a
 * wrong entry sent beside the right ones costs as much as a missed answer; a needless or
 * missing hand-over costs half.
 */
const COST = { unanswerable: 2, answerable: 1, falseAnswer: 1, escalation: 0.5 };

/** Messages whose answer the model decides: replies allowed, screening let through, English. */
function decidedByModel(c: LabelledCase): boolean {
  return c.label.reply && c.prepared.screening.verdict === 'proceed' && c.prepared.evidence?.language === 'en';
}

/**
 * One row per (message, entry): the entry on the question it fits best, a positive when the
 * message's label lists the entry. A message label says which entries to send, not which
 * sentence each answers, so the pair is the one the decision itself looks at.
 */
function trainingRows(cases: readonly LabelledCase[], words: RequestWords, rows: number[][], labels: number[]): void {
  for (const c of cases) {
    for (const pair of [...onBestQuestion(pairsOf(viewMessage(c.prepared.evidence!, words))).values()].filter(sendable)) {
      rows.push(featureValues(pair));
      labels.push(c.label.faq.includes(c.keyOf(pair.score.indexed.entry.id)) ? 1 : 0);
    }
  }
}

type Weights = Pick<AnswerModel, 'features' | 'weights' | 'intercept' | 'requestWords'>;

const decidedIn = (sets: readonly LabelledCases[]): ReadMessage[] =>
  sets.flatMap((s) => s.cases.filter(decidedByModel).map((c) => ({ evidence: c.prepared.evidence!, answered: c.label.faq.length > 0 })));

/**
 * The weights for the given sets. Each set's rows see request words learnt on the other sets
 * only, as a new writer's mail will: words learnt on the same mail would look more telling
 * than they are, and the model would lean on them too much.
 */
function fitWeights(sets: readonly LabelledCases[]): Weights {
  const rows: number[][] = [];
  const labels: number[] = [];
  for (const set of sets) {
    const others = sets.length > 1 ? sets.filter((o) => o !== set) : sets;
    trainingRows(set.cases.filter(decidedByModel), fitRequestWords(decidedIn(others)), rows, labels);
  }
  const fit = fitLogistic(rows, labels, LOGISTIC);
  const round = (v: number) => Math.round(v * 1e6) / 1e6;
  return {
    features: FEATURES.map((f) => f.name),
    weights: fit.weights.map(round),
    intercept: round(fit.intercept),
    requestWords: fitRequestWords(decidedIn(sets)),
  };
}

function scoreCases(cases: readonly LabelledCase[], config: Config, model: AnswerModel): CaseResult[] {
  return cases.map((c) => scoreCase(c.label, concludeDecision(c.prepared, config, model).decision, c.keyOf));
}

function cost(card: Scorecard): number {
  const wrong = (f: { passed: number; total: number }) => f.total - f.passed;
  return (
    COST.unanswerable * wrong(card.unanswerable) +
    COST.answerable * wrong(card.answerable) +
    COST.falseAnswer * card.falseAnswers.passed +
    COST.escalation * wrong(card.escalation)
  );
}

interface Thresholds {
  threshold: number;
  restateThreshold: number;
}

/**
 * The model for the given sets: weights fitted on all of them; the thresholds chosen on
 * each set as decided by weights fitted on the others (what a new writer would meet): the
 * cheapest by COST, the answer threshold's averaged over THRESHOLD_WINDOW; on a tie the
 * higher threshold (fewer answers) and the lower restate threshold (a question counts as
 * restated only where the sent entry is the one most probable for it, and there the lowest
 * restate threshold spared needless hand-overs, measured in docs/answer-model.md). The two
 * thresholds are chosen in turn (threshold, restate threshold, threshold again), which finds
 * the same optimum as a full grid here at a quarter of the work.
 */
export function fitAnswerModel(sets: readonly LabelledCases[], config: Config): AnswerModel {
  const weights = fitWeights(sets);
  const heldOut =
    sets.length > 1
      ? sets.map((s) => ({ cases: s.cases, weights: fitWeights(sets.filter((o) => o !== s)) }))
      : [{ cases: sets[0].cases, weights }];
  const costOf = ({ threshold, restateThreshold }: Thresholds): number => {
    const decided = heldOut.flatMap((h) =>
      scoreCases(h.cases, { ...config, answerThreshold: threshold }, { ...h.weights, threshold, restateThreshold }),
    );
    return cost(scorecard(decided));
  };
  // Tries in order of caution (threshold less restate threshold), so a tie goes to the last.
  const cheapest = (tries: Thresholds[], window: number): Thresholds => tries[cheapestIndex(tries.map(costOf), window)];
  let chosen: Thresholds = { threshold: 0.5, restateThreshold: 0.5 };
  chosen = cheapest(
    THRESHOLDS.map((threshold) => ({ ...chosen, threshold })),
    THRESHOLD_WINDOW,
  );
  chosen = cheapest(
    [...RESTATE_THRESHOLDS].reverse().map((restateThreshold) => ({ ...chosen, restateThreshold })),
    0,
  );
  chosen = cheapest(
    THRESHOLDS.map((threshold) => ({ ...chosen, threshold })),
    THRESHOLD_WINDOW,
  );
  return { ...weights, ...chosen };
}

export interface FoldRow {
  name: string;
  /** The model fitted without this set, on this set. */
  heldOut: Scorecard;
  /** The model as committed, at the configured threshold, on this set (when it was fitted on today's features). */
  shipped?: Scorecard;
  model: AnswerModel;
}

/** Leave one set out: for each set, fit on the others and score it. */
export function crossValidate(sets: readonly LabelledCases[], config: Config, shipped?: AnswerModel): FoldRow[] {
  return sets.map((left) => {
    const model = fitAnswerModel(
      sets.filter((s) => s !== left),
      config,
    );
    return {
      name: left.name,
      heldOut: scorecard(scoreCases(left.cases, { ...config, answerThreshold: model.threshold }, model)),
      ...(shipped ? { shipped: scorecard(scoreCases(left.cases, config, shipped)) } : {}),
      model,
    };
  });
}
