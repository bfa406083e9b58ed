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
 * cheapest by COST; on a tie the higher threshold (fewer answers) and the lower restate
 * threshold (a question counts as restated only where the sent entry is the one most probable
 * for it, and there the lowest restate threshold spared needless hand-overs, measured in
 * docs/answer-model.md). The two thresholds are chosen in turn (threshold, restate threshold,
 * threshold again), which finds the same optimum as a full grid here at a quarter of the work.
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
  const caution = (t: Thresholds) => t.threshold - t.restateThreshold;
  const cheapest = (tries: Thresholds[]): Thresholds => {
    let best: { tried: Thresholds; cost: number } | undefined;
    for (const tried of tries) {
      const c = costOf(tried);
      if (!best || c < best.cost || (c === best.cost && caution(tried) >= caution(best.tried))) best = { tried, cost: c };
    }
    return best!.tried;
  };
  let chosen: Thresholds = { threshold: 0.5, restateThreshold: 0.5 };
  chosen = cheapest(THRESHOLDS.map((threshold) => ({ ...chosen, threshold })));
  chosen = cheapest(RESTATE_THRESHOLDS.map((restateThreshold) => ({ ...chosen, restateThreshold })));
  chosen = cheapest(THRESHOLDS.map((threshold) => ({ ...chosen, threshold })));
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
