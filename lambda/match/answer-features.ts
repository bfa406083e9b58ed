/**
 * The signals the answer model weighs for one (question, entry) pair, each a number in a
 * small range (mostly 0..1). Adding a signal is one line here and a refit
 * (`npm run fit`); the model module checks that the fitted weights name these features.
 */
import type { Evidence, Unit } from './evidence';
import { isDefinitionQuestion } from './entry-index';
import { requestWordScore, type RequestWords } from './request-words';
import type { EntryScore } from './score';
import { ENTRIES_PER_QUESTION, FEATURE_CAPS } from './weights';

/** The message around a pair: what every pair of one message shares. */
export interface MessageView {
  evidence: Evidence;
  /** The highest score any entry reached for any question of the message. */
  best: number;
  /** For each entry, the asks (by owner index) it scores best for. */
  topOwners: ReadonlyMap<string, ReadonlySet<number>>;
  /** What the words of its requests say of an FAQ answer (./request-words), by the model's learnt words. */
  requestWords: number;
  /** Per question (unit), how many specifics it and its context quote: counted once, not for each of its entries. */
  specifics: ReadonlyMap<Unit, number>;
}

export interface PairView {
  message: MessageView;
  unit: Unit;
  /** Position of the entry among the unit's scores, 0 = best. */
  rank: number;
  score: EntryScore;
}

export interface Feature {
  name: string;
  value: (pair: PairView) => number;
}

const flag = (on: boolean): number => (on ? 1 : 0);
const capped = (value: number, cap: number): number => Math.min(value, cap) / cap;

/**
 * How much leading a question says, by the FAQ's size: with N entries, some entry is always the
 * best, and one of few leads by chance far more often (an FAQ of one entry: it says nothing). The
 * shipped and billing FAQs (19 and 14 entries) sit near 1, so the fitted weights hardly move; a
 * team's FAQ of three entries gets two thirds of them.
 */
function amongFew({ message }: PairView): number {
  return 1 - 1 / Math.max(1, message.evidence.entryCount);
}

function lead(pair: PairView): number {
  const { unit, rank, score } = pair;
  const [top, next] = unit.scores;
  return rank === 0 ? (score.score - (next?.score ?? 0)) * amongFew(pair) : score.score - top.score;
}

function bestElsewhere({ message, unit, score }: PairView): boolean {
  return [...(message.topOwners.get(score.indexed.entry.id) ?? [])].some((owner) => owner !== unit.owner);
}

/** Identifiers, numbers, addresses: what a writer quotes about their own case rather than how something works. */
const SPECIFICS = /\b\d{3,}\b|\b[A-Z]{2,}[-_]?\d+\b|https?:\/\/|\b\S+@\S+\.\w+|\b0o[a-z0-9]{6,}\b/g;

function countIn(text: string, pattern: RegExp): number {
  return text.match(pattern)?.length ?? 0;
}

function leadShare({ message, score }: PairView): number {
  return (message.topOwners.get(score.indexed.entry.id)?.size ?? 0) / Math.max(1, message.evidence.reading.asks.length);
}

function handOverBeside({ message, unit }: PairView): number {
  return flag(message.evidence.reading.forPerson.some((h) => unit.ask.context.includes(h.sentence)));
}

/** A sentence about the writer's own org, ticket or error is the question, part of it, or read with it. */
function ownInstanceBeside({ message, unit }: PairView): number {
  const { text, context } = unit.ask;
  return flag(
    message.evidence.reading.ownInstance.some(
      (c) => text.includes(c.sentence) || c.sentence.includes(text) || context.includes(c.sentence),
    ),
  );
}

function askWeight({ unit }: PairView): number {
  return unit.ask.terms.reduce((sum, t) => sum + t.weight, 0);
}

export const FEATURES: readonly Feature[] = [
  { name: 'score', value: (p) => p.score.score },
  { name: 'fit', value: (p) => p.score.fit },
  { name: 'coverage', value: (p) => p.score.coverage },
  { name: 'terms left uncovered', value: (p) => capped(p.score.uncovered.length, FEATURE_CAPS.termsLeftUncovered) },
  { name: 'best entry for its question', value: (p) => flag(p.rank === 0) * amongFew(p) },
  { name: 'lead over the next entry', value: lead },
  { name: 'below the best of the message', value: (p) => p.score.score - p.message.best },
  { name: 'best entry for another question', value: (p) => flag(bestElsewhere(p)) },
  { name: 'asked in the subject', value: (p) => flag(p.unit.ask.source === 'subject') },
  { name: 'asked in forwarded mail', value: (p) => flag(p.unit.ask.source === 'forwarded') },
  { name: 'asked in a list item', value: (p) => flag(p.unit.ask.position === 'list-item') },
  { name: 'asked indirectly', value: (p) => flag(p.unit.ask.kind === 'indirect') },
  { name: 'asked as a command', value: (p) => flag(p.unit.ask.kind === 'imperative') },
  { name: 'one sentence of several', value: (p) => flag(!p.unit.whole && !p.unit.standsAlone) },
  { name: 'vague question', value: (p) => flag(p.unit.ask.vague) },
  { name: 'points back', value: (p) => flag(p.unit.ask.refersBack) },
  { name: 'definition not asked for', value: (p) => flag(p.score.definitionUnasked) },
  { name: 'fits a staff phrasing', value: (p) => flag(p.score.form.kind === 'phrasing') },
  { name: 'how much is asked', value: (p) => capped(askWeight(p), FEATURE_CAPS.howMuchIsAsked) },
  { name: 'questions in the message', value: (p) => capped(p.message.evidence.reading.asks.length, FEATURE_CAPS.questions) },
  { name: 'share of questions it leads', value: leadShare },
  { name: 'specifics around the question', value: (p) => capped(p.message.specifics.get(p.unit) ?? 0, FEATURE_CAPS.specifics) },
  { name: 'own-instance cue in or beside the question', value: ownInstanceBeside },
  { name: 'own-instance cue in the message', value: (p) => flag(p.message.evidence.reading.ownInstance.length > 0) },
  { name: 'hand-over cue beside the question', value: handOverBeside },
  { name: 'words of the requests (learnt)', value: (p) => p.message.requestWords },
];

export function viewMessage(evidence: Evidence, words: RequestWords): MessageView {
  const topOwners = new Map<string, Set<number>>();
  let best = 0;
  for (const unit of evidence.units) {
    const [top] = unit.scores;
    if (!top) continue;
    best = Math.max(best, top.score);
    const owners = topOwners.get(top.indexed.entry.id) ?? new Set<number>();
    owners.add(unit.owner);
    topOwners.set(top.indexed.entry.id, owners);
  }
  const specifics = new Map(evidence.units.map((unit) => [unit, countIn(`${unit.ask.context} ${unit.ask.text}`, SPECIFICS)]));
  return { evidence, best, topOwners, requestWords: requestWordScore(words, evidence), specifics };
}

/**
 * Every (question, entry) pair weighed: each question's first few entries. A question that
 * says one telling word and nothing around it ("Test") can fit a phrasing perfectly and
 * still say nothing of what is asked: no entry is weighed for it, but for an entry that
 * defines the word when the question asks what it is ("what is swa"), which says all it asks.
 */
export function pairsOf(message: MessageView): PairView[] {
  // A loop, not `flatMap`, which took ~10 times as long (Node 20).
  const pairs: PairView[] = [];
  for (const unit of message.evidence.units) {
    const definitionOnly = unit.ask.saysTooLittle;
    if (definitionOnly && !isDefinitionQuestion(unit.ask.text)) continue;
    unit.scores.slice(0, ENTRIES_PER_QUESTION).forEach((score, rank) => {
      if (!definitionOnly || score.indexed.defines) pairs.push({ message, unit, rank, score });
    });
  }
  return pairs;
}

/**
 * A loop rather than `FEATURES.map` with an arrow made for every pair: while V8 is still
 * compiling (the first rounds of a process), that arrow, calling 26 different functions,
 * cost more than the features themselves (docs/cold-start-log.md, "Feature values by a loop").
 */
export function featureValues(pair: PairView): number[] {
  const values: number[] = [];
  for (const feature of FEATURES) values.push(feature.value(pair));
  return values;
}
