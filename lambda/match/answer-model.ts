import fitted from './answer-model.json';
import { FEATURES } from './answer-features';
import type { RequestWords } from './request-words';

/**
 * The answer model: a logistic regression over the features of answer-features.ts,
 * giving the probability that an entry answers what the writer asks. Every weight and
 * both thresholds come from `answer-model.json`, which `npm run fit` writes
 * (tools/cli/fit-answer-model.ts); nothing here is set by hand.
 */
export interface AnswerModel {
  /** Feature names, in the order of `weights` (FEATURES' order when fitted). */
  features: string[];
  weights: number[];
  intercept: number;
  /** The probability at or above which an entry is sent (the default of FAQMAIL_ANSWER_THRESHOLD). */
  threshold: number;
  /** The probability at or above which a sent entry also answers another question it fits. */
  restateThreshold: number;
  /** Log-odds by word stem for the 'words of the requests' feature (./request-words). */
  requestWords: RequestWords;
}

export function probability(model: AnswerModel, values: readonly number[]): number {
  let z = model.intercept;
  for (let i = 0; i < values.length; i += 1) z += model.weights[i] * values[i];
  return 1 / (1 + Math.exp(-z));
}

export interface Contribution {
  feature: string;
  /** The feature's pull on the log-odds: positive towards answering. */
  amount: number;
}

/** The features that pulled a pair's probability most, strongest first. */
export function contributions(model: AnswerModel, values: readonly number[], count = 4): Contribution[] {
  // Only the features that pull at all are made into objects: most flags of a pair are 0.
  const pulls: Contribution[] = [];
  values.forEach((value, i) => {
    const amount = model.weights[i] * value;
    if (amount !== 0) pulls.push({ feature: model.features[i], amount });
  });
  return pulls.sort((a, b) => Math.abs(b.amount) - Math.abs(a.amount)).slice(0, count);
}

/** A model fitted on other features than today's cannot be applied: say so at load. */
export function checkModel(model: AnswerModel): AnswerModel {
  // Compared in place: judging checks the model for every message, and the list of names is only for the error.
  const same = model.features.length === FEATURES.length && FEATURES.every((f, i) => f.name === model.features[i]);
  if (!same || model.weights.length !== FEATURES.length) {
    const names = FEATURES.map((f) => f.name).join(', ');
    throw new Error(`the answer model was fitted on features [${model.features.join(', ')}], not today's [${names}]: run npm run fit`);
  }
  return model;
}

export const ANSWER_MODEL: AnswerModel = fitted;
