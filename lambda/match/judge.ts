/**
 * Which entries answer the message. Every (question, entry) pair weighed gets the answer
 * model's probability; an entry is decided on the question it leads where the model is surest
 * of it, and sent when its probability there reaches the threshold: nothing below the
 * threshold is ever sent.
 */
import type { ScoredAnswer } from '../domain';
import { featureValues, pairsOf, viewMessage, type PairView } from './answer-features';
import { checkModel, probability, type AnswerModel } from './answer-model';
import type { Evidence } from './evidence';
import { turnsToOwnPoint } from './sentences';
import { asksLifetime, asksLimit, asksPastDoer, givesFigure, speaksOfLifetime } from './unsettled';

export interface WeighedPair extends PairView {
  values: number[];
  probability: number;
  /** The pair as staff and `--explain` see it, once described (index.ts): fitting concludes one pair under many thresholds. */
  described?: ScoredAnswer;
}

export interface Judgement {
  /** Every pair weighed, in the order of the units. */
  weighed: WeighedPair[];
  /** Each entry on the question it fits best, most probable first. */
  entries: WeighedPair[];
  /** The entries to send, most probable first. */
  answers: WeighedPair[];
  /** For each unit of the evidence, the sent entry that answers it, if any. */
  answeredBy: Array<WeighedPair | undefined>;
}

export interface JudgeOptions {
  answerThreshold: number;
  maxAnswers: number;
}

const entryId = (pair: PairView): string => pair.score.indexed.entry.id;

/**
 * Staff wrote that the entry is not about what this question asks (its `Not about:` line):
 * their word settles it, whatever the other signals say — too few labelled mails hit such a
 * line for a fitted weight to carry it. Nor is an entry sent back to a writer who says they
 * read it or quotes it ("Your FAQ says ...", "I read the single logout entry but ..."): what
 * they ask is what it left open (./already-read, evidence.ts).
 */
export const sendable = (pair: PairView): boolean =>
  pair.score.notAbout === undefined && !pair.message.evidence.alreadyRead.has(pair.score.indexed.entry.id);

/**
 * Each entry once, on one of its pairs: among the questions it is the best entry for (else
 * among all), the one where `measure` is highest.
 */
function onePerEntry<T extends PairView>(pairs: readonly T[], measure: (pair: T) => number): Map<string, T> {
  const chosen = new Map<string, T>();
  for (const pair of pairs) {
    const seen = chosen.get(entryId(pair));
    if (!seen || ((pair.rank === 0) !== (seen.rank === 0) ? pair.rank === 0 : measure(pair) > measure(seen))) {
      chosen.set(entryId(pair), pair);
    }
  }
  return chosen;
}

/**
 * Each entry once, on the question it fits best (where fitting labels it): a question it is
 * the best entry for, before one it scores higher for but behind another entry — the second
 * question of a mail is where its second entry leads.
 */
export function onBestQuestion<T extends PairView>(pairs: readonly T[]): Map<string, T> {
  return onePerEntry(pairs, (pair) => pair.score.score);
}

/**
 * Each entry once, on the question where it is decided: among the questions it is the best
 * entry for (else among all), the one the model is surest of. A request of several sentences
 * is weighed whole and sentence by sentence; its best entry can score higher on a bare sentence
 * ("Or is there another way?") than on the whole, where the model, seeing the context,
 * is surer. Measured by leaving one set out against deciding on the highest score (the pair
 * fitting labels): three more answered messages (one on each of inquiries, train-a and train-b),
 * two more escalations agreeing, nothing worse (docs/answer-model.md).
 */
const decidedOn = (pairs: readonly WeighedPair[]): Map<string, WeighedPair> => onePerEntry(pairs, (pair) => pair.probability);

/** Thresholds change between fitting's tries; weights, intercept and request words are what weighing reads. */
const sameModel = (a: AnswerModel, b: AnswerModel): boolean =>
  a.weights === b.weights && a.intercept === b.intercept && a.requestWords === b.requestWords;

/** Evidence once judged: the pairs as last weighed, and the model that weighed them. */
interface Judged extends Evidence {
  weighed?: { model: AnswerModel; pairs: WeighedPair[] };
}

/**
 * Fitting decides one message under many thresholds with one set of weights: weigh it once,
 * kept on the evidence. Not in a WeakMap keyed by it: a young key in a long-lived WeakMap kept
 * every decision's objects alive through the young-generation collections, which copied and
 * promoted them (each such collection took 4 times as long).
 */
function weigh(evidence: Judged, model: AnswerModel): WeighedPair[] {
  const seen = evidence.weighed;
  if (seen && sameModel(seen.model, model)) return seen.pairs;
  checkModel(model);
  // Pushed, not `map`ped: one array layout for its readers whether or not V8 has compiled this yet (vocabulary.ts, readAll).
  const weighed: WeighedPair[] = [];
  for (const pair of pairsOf(viewMessage(evidence, model.requestWords))) {
    const values = featureValues(pair);
    // Named, not spread: copying an object by spreading is several times slower, for every pair of every message.
    const { message, unit, rank, score } = pair;
    weighed.push({ message, unit, rank, score, values, probability: probability(model, values), described: undefined });
  }
  evidence.weighed = { model, pairs: weighed };
  return weighed;
}

export function judge(evidence: Evidence, model: AnswerModel, options: JudgeOptions): Judgement {
  const weighed = weigh(evidence, model);
  // A question on who did a past thing ("Who edited it, and why?") asks about an event a person looks up: no entry is
  // sent for it, however well the entry's how-to fits its words, nor does an entry sent for another question answer it
  // (nearmonth11 probe round).
  const pastDoer = new Set(evidence.units.filter((unit) => asksPastDoer(unit.ask.text)));
  // A question on the thing's lifetime or keeping ("Is Okta deprecating WS-Federation?", "How long do you keep our
  // submissions?") is settled only by an entry that speaks of a lifetime, retention or storage: no other entry is sent for
  // it or answers it, however well its words fit the thing (eolfix fix round).
  const lifetime = new Set(evidence.units.filter((unit) => asksLifetime(unit.ask.text)));
  const unsettled = (p: WeighedPair): boolean => pastDoer.has(p.unit) || (lifetime.has(p.unit) && !speaksOfLifetime(p.score.indexed.entry));
  const fitsBest = decidedOn(weighed.filter((p) => !unsettled(p)));
  const entries = [...fitsBest.values()].sort((a, b) => b.probability - a.probability);
  const answers = entries.filter((pair) => sendable(pair) && pair.probability >= options.answerThreshold).slice(0, options.maxAnswers);
  const sent = new Set(answers.map(entryId));
  // A question another one restates ("Is this possible?") is answered by the entry sent for that one, if that entry is
  // also the one most probable for it: a sent entry that merely scores on a question another entry leads leaves it open.
  const answeredBy: Array<WeighedPair | undefined> = [];
  for (const unit of evidence.units) {
    const own = weighed.filter((p) => p.unit === unit).sort((a, b) => b.probability - a.probability);
    const top = own.find(sendable);
    // A question that turns to another point and says enough alone ("Oh and does the OIN support artifact binding?")
    // restates none: a sent entry most probable for it answers it only at the answer threshold, not the restate one.
    const turns = turnsToOwnPoint(unit.ask.text, unit.ask.vague, unit.ask.refersBack, unit.ask.terms.length);
    // Nor does a vague question that points at a need told after the other question ("We need his org moved to me. Is
    // that something you can do?"): the entry sent for that question answers it only at the answer threshold.
    // Nor does a request that turns to another point and asks the reader to act ("..., and also could you please book
    // her onto the next session?", "and also can someone tell me when the next session is"): an entry sent for another
    // question does nothing, so it answers the request only at the answer threshold (partlost fix round).
    // An ask whose head is a limit ("Is there a maximum number of AD groups Okta can push?") asks a figure: no entry that
    // speaks of no quantity or limit in any form (question, Also asked, Keywords, answer) settles it, however well it fits
    // the thing limited; the entry tells how to set that thing up, not how many of it are allowed (limitfix fix round). A
    // person answers it. (Reading such an ask as its own point, answered only at the answer threshold, moved the fold table
    // and three agreeing probes: answer-model-experiments.md.)
    const limit = asksLimit(unit.ask.text);
    const restate = turns || unit.ask.pointsAtNeed || unit.ask.turnsToAct ? options.answerThreshold : model.restateThreshold;
    answeredBy.push(
      own.find(
        (p) =>
          sent.has(entryId(p)) &&
          !unsettled(p) &&
          (!limit || givesFigure(p.score.indexed.entry)) &&
          (fitsBest.get(entryId(p)) === p || (p === top && p.probability >= restate)),
      ),
    );
  }
  return { weighed, entries, answers, answeredBy };
}
