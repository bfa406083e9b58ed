/** What the matcher gives its callers: each question it read and how it was judged, and the entries to send. */
import type { ScoredAnswer } from '../domain';
import type { AskPosition, AskSource } from './asks';
import type { OwnInstanceCue } from './own-instance';
import type { RequestKind } from './sentences';

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
  /** Set when it leaves the writer waiting for a person: what of it a person must answer. */
  open?: OpenPart;
}

/**
 * What of a request no sent entry answers: the request itself, or, when entries answer part of it (one of its sentences,
 * or the whole but a question joined on with "And"), the sentences left. The reply and staff quote this, not the answered
 * part; the digest counts it as the FAQ's gap.
 */
export interface OpenPart {
  /** As written: the sentences still open, in the writer's order. */
  text: string;
  /** The entry nearest to what is open, answered or not (of a part, not the whole's: that is often the entry sent). */
  best?: ScoredAnswer;
}

export interface MatchResult {
  /** What the writer asks, as extracted. */
  questions: ExtractedQuestion[];
  /** FAQ entries to send, most probable first, at most maxAnswers, each once. */
  answers: ScoredAnswer[];
  /** The best few entries overall, answered or not (for staff and explanations). */
  candidates: ScoredAnswer[];
  /** What of the mail no entry answers confidently: each waiting question's open part, then the questions past the bound. */
  unanswered: string[];
  /** Set when the writer asks for something only a person can do, or reports a problem: why, as sentences. */
  needsPerson?: string;
  /** The sentences that made `needsPerson`, with the phrase each said. */
  handover: Array<{ reason: string; phrase: string; sentence: string }>;
  /** Sentences about the writer's own instance (their org, ticket, an error they see). */
  ownInstance: OwnInstanceCue[];
  language: 'en' | 'other';
}
