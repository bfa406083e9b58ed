import type { Faq, ScoredAnswer } from '../domain';
import { partsOf, readInquiry, type Ask, type AskPosition, type AskSource, type Inquiry } from './asks';
import { buildEntryIndex, type EntryIndex } from './entry-index';
import { detectLanguage } from './language';
import { judge, type Judgement } from './judge';
import type { OwnInstanceCue } from './own-instance';
import { NOT_ABOUT_PENALTY, scoreAsk, type EntryScore } from './score';
import type { RequestKind } from './sentences';

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
  /** How it asks: a question, a statement that asks, or a command. */
  kind: RequestKind;
  position: AskPosition;
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
  /** Sentences about the writer's own instance (their org, ticket, an error they see). */
  ownInstance: OwnInstanceCue[];
  language: 'en' | 'other';
}

const CANDIDATES_SHOWN = 5;

export function buildIndex(faq: Faq): FaqIndex {
  return buildEntryIndex(faq);
}

function toAnswer(s: EntryScore): ScoredAnswer {
  const why = [
    ...(s.definitionUnasked ? ['defines a term the writer does not ask about: halved'] : []),
    ...(s.notAbout ? [`NOT ABOUT "${s.notAbout}", which the writer asks about: ×${NOT_ABOUT_PENALTY}`] : []),
    `fits "${s.form.text}" (${s.form.kind}) at ${s.fit.toFixed(2)}: says ${s.matched.join(', ') || 'nothing of it'}`,
    `covers ${Math.round(s.coverage * 100)}% of what is asked${s.uncovered.length ? `; not: ${s.uncovered.slice(0, 6).join(', ')}` : ''}`,
  ];
  return { entry: s.indexed.entry, score: Math.round(s.score * 1000) / 1000, why };
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
    judgements[i] = judge(units[i].ask, units[i].scores, chosen, options);
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
      kind: ask.kind,
      position: ask.position,
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
    ownInstance: reading.ownInstance,
    language,
  };
}
