import type { Faq, ScoredAnswer } from '../domain';
import { partsOf, readInquiry, type Ask, type AskSource, type Inquiry } from './asks';
import { buildEntryIndex, type EntryIndex } from './entry-index';
import { detectLanguage } from './language';
import { scoreAsk, type EntryScore } from './score';

export type { Inquiry } from './asks';
export { explainMatch } from './explain';

/** The FAQ prepared for matching; build once, match many messages. */
export type FaqIndex = EntryIndex;

export interface MatchOptions {
  /** Lowest confidence at which an entry answers a question. */
  answerThreshold: number;
  /** How far the best entry must lead the runner-up for one question. */
  answerMargin: number;
  maxAnswers: number;
}

export interface ExtractedQuestion {
  text: string;
  /** What a vague question was read against (the sentences before it). */
  context?: string;
  source: AskSource;
  best?: ScoredAnswer;
  /** The best few entries for this question, for explanations. */
  candidates: ScoredAnswer[];
  answered: boolean;
  /** Why it is or is not answered. */
  verdict: string;
}

export interface MatchResult {
  /** What the writer asks, as extracted. */
  questions: ExtractedQuestion[];
  /** FAQ entries to send, best first, at most maxAnswers, each once. */
  answers: ScoredAnswer[];
  /** The best few entries overall, answered or not (for staff and explanations). */
  candidates: ScoredAnswer[];
  /** Questions no entry answers confidently. */
  unanswered: string[];
  /** Set when the writer asks for something only a person can do, or reports a problem. */
  needsPerson?: string;
  /** The sentences that made `needsPerson`, with the phrase each said. */
  handover: Array<{ reason: string; phrase: string; sentence: string }>;
  language: 'en' | 'other';
}

const CANDIDATES_SHOWN = 5;

export function buildIndex(faq: Faq): FaqIndex {
  return buildEntryIndex(faq);
}

function toAnswer(s: EntryScore): ScoredAnswer {
  const why = [
    ...(s.definitionUnasked ? ['defines a term the writer does not ask about: halved'] : []),
    `fits "${s.form.text}" (${s.form.kind}) at ${s.fit.toFixed(2)}: says ${s.matched.join(', ') || 'nothing of it'}`,
    `covers ${Math.round(s.coverage * 100)}% of what is asked${s.uncovered.length ? `; not: ${s.uncovered.slice(0, 6).join(', ')}` : ''}`,
  ];
  return { entry: s.indexed.entry, score: Math.round(s.score * 1000) / 1000, why };
}

/** An ask restating one already answered ("Is this possible?") needs less to count as answered by it. */
const RESTATED_FACTOR = 0.7;
/** Two entries this confident for one question both answer it, however close. */
const BOTH_CONFIDENT = 0.75;

interface Judgement {
  answers: EntryScore[];
  /** Answered by an entry another question of the message already brought. */
  restates?: EntryScore;
  verdict: string;
}

/**
 * Whether the best entry answers the ask: confident enough, and clearly ahead of the
 * next entry not already sent for another question of the message (or, when both are
 * very confident, the two of them together).
 */
function judge(scores: readonly EntryScore[], chosen: ReadonlyMap<string, EntryScore>, options: MatchOptions): Judgement {
  const [best] = scores;
  if (!best) return { answers: [], verdict: 'no entry shares a telling word with it' };
  const restated = (): Judgement | undefined =>
    chosen.has(best.indexed.entry.id) && best.score >= options.answerThreshold * RESTATED_FACTOR
      ? { answers: [], restates: best, verdict: `restates a question answered by the same entry (${best.score.toFixed(2)})` }
      : undefined;
  if (best.score < options.answerThreshold) {
    return restated() ?? { answers: [], verdict: `best ${best.score.toFixed(2)} is below the threshold ${options.answerThreshold}` };
  }
  const runnerUp = scores.find((s) => s !== best && !chosen.has(s.indexed.entry.id));
  const lead = best.score - (runnerUp?.score ?? 0);
  if (lead >= options.answerMargin) return { answers: [best], verdict: `best ${best.score.toFixed(2)} leads by ${lead.toFixed(2)}` };
  if (runnerUp && runnerUp.score >= BOTH_CONFIDENT) {
    return { answers: [best, runnerUp], verdict: `two entries fit it confidently (${best.score.toFixed(2)}, ${runnerUp.score.toFixed(2)}): both sent` };
  }
  return restated() ?? { answers: [], verdict: `best ${best.score.toFixed(2)} leads the runner-up by only ${lead.toFixed(2)} (margin ${options.answerMargin})` };
}

/**
 * Whether an unanswered ask leaves the writer waiting. The subject only summarises the
 * body; a vague ask that refers to nothing in the body ("could you answer the question
 * below?") asks nothing of its own.
 */
function counts(ask: Ask, asks: readonly Ask[]): boolean {
  if (ask.source === 'subject') return asks.every((a) => a.source === 'subject');
  return !ask.vague || ask.contextFromBody;
}

export function matchInquiry(index: FaqIndex, inquiry: Inquiry, options: MatchOptions): MatchResult {
  const language = detectLanguage(inquiry.newText.trim() ? inquiry.newText : `${inquiry.subject}\n${inquiry.forwardedText}`);
  const reading = readInquiry(inquiry, index.cues, index.vocabulary);
  // Each ask is judged as a whole, and each of its question sentences on its own too: a
  // paragraph may ask two things that two entries answer.
  const units = reading.asks.flatMap((ask, owner) => [ask, ...partsOf(ask, index.vocabulary)].map((unit) => ({ ask: unit, owner, scores: scoreAsk(unit, index) })));
  const byEntry = new Map<string, EntryScore>();
  for (const { scores } of units) {
    for (const s of scores) {
      const seen = byEntry.get(s.indexed.entry.id);
      if (!seen || seen.score < s.score) byEntry.set(s.indexed.entry.id, s);
    }
  }
  // The clearest questions choose first, so that a restatement finds its answer chosen.
  const order = units.map((_, i) => i).sort((a, b) => (units[b].scores[0]?.score ?? 0) - (units[a].scores[0]?.score ?? 0));
  const chosen = new Map<string, EntryScore>();
  const judgements: Judgement[] = [];
  for (const i of order) {
    judgements[i] = judge(units[i].scores, chosen, options);
    for (const answer of judgements[i].answers) chosen.set(answer.indexed.entry.id, answer);
  }
  const unanswered: string[] = [];
  const questions = reading.asks.map((ask, owner): ExtractedQuestion => {
    const own = units.map((unit, i) => ({ ...unit, judgement: judgements[i] })).filter((u) => u.owner === owner);
    const [whole] = own;
    const answeredBy = own.find((u) => u.judgement.answers.length > 0 || u.judgement.restates);
    if (!answeredBy && counts(ask, reading.asks)) unanswered.push(ask.text);
    const verdict = answeredBy && answeredBy !== whole ? `its sentence "${answeredBy.ask.text}": ${answeredBy.judgement.verdict}` : whole.judgement.verdict;
    return {
      text: ask.text,
      ...(ask.context ? { context: ask.context } : {}),
      source: ask.source,
      ...(whole.scores[0] ? { best: toAnswer(whole.scores[0]) } : {}),
      candidates: whole.scores.slice(0, CANDIDATES_SHOWN).map(toAnswer),
      answered: answeredBy !== undefined,
      verdict,
    };
  });
  const reasons = [...new Set(reading.forPerson.map((p) => p.reason))];
  const answers = [...chosen.values()].sort((a, b) => b.score - a.score).slice(0, options.maxAnswers).map(toAnswer);
  const candidates = [...byEntry.values()].sort((a, b) => b.score - a.score).slice(0, CANDIDATES_SHOWN).map(toAnswer);
  return {
    questions,
    answers: language === 'en' ? answers : [],
    candidates,
    unanswered,
    ...(reasons.length ? { needsPerson: reasons.join('; ') } : {}),
    handover: reading.forPerson.map(({ reason, phrase, sentence }) => ({ reason, phrase, sentence })),
    language,
  };
}
