/**
 * What faqmail keeps about each message it decided, for the digest and for staff verdicts:
 * when it came, what was decided by which rule, which entries went out at what score, what
 * the writer asked (each question with its best entry), which hand-over phrases fired, and
 * whether it followed up one of our answers; for a message screening dropped, what its rule
 * matched. The writer is kept only as the state store's address hash; the questions' text and a
 * dropped message's subject only while the `recordQuestionText` setting is on.
 */
import {
  answersOf,
  escalates,
  PERSON_CARRIES_ON,
  replies,
  type Decision,
  type DecisionKind,
  type InboundMessage,
  type RuleName,
  type ScoredAnswer,
} from '../domain';
import type { MatchResult } from '../match';
import type { OpenPart } from '../match/types';
import { oneLine } from '../one-line';
import type { AskSource } from '../match/asks';
import type { VerdictWord } from '../verdicts/parse-verdict';
import { comparable } from '../comparable-address';
import { addressHash, messageHash } from './table-schema';

/** An FAQ entry by id, with the score it had (`ScoredAnswer.score`, whatever scale the matcher uses). */
export interface EntryScore {
  entry: string;
  score: number;
}

/** One question read from the mail. */
export interface RecordedQuestion {
  /** As the writer put it; absent when question text is not recorded. */
  text?: string;
  /** Where it was read: the body, the subject, or mail the writer forwarded. */
  source: AskSource;
  /** The entry that fits it best, answered or not. */
  best?: EntryScore;
  /** An entry answering it went to the writer. */
  answered: boolean;
  /**
   * No entry answers it and it leaves the writer waiting (the matcher's `unanswered`): what
   * the digest groups into FAQ gaps. A vague or subject-only question is neither.
   */
  open: boolean;
  /**
   * When entries answered part of an open question: the part still open, which is the gap (the answered part is none,
   * and the question's `best` is often the entry sent). Absent when the whole is open, and in records written before it
   * was kept.
   */
  openPart?: RecordedOpenPart;
}

/** The matcher's `OpenPart` as kept: its text only while question text is recorded. */
export interface RecordedOpenPart {
  text?: string;
  /** The entry nearest to the part still open. */
  best?: EntryScore;
}

/** A hand-over phrase (`content/handover.md`) that fired in the mail: its reason's heading and the phrase, as staff wrote them. */
export interface FiredPhrase {
  reason: string;
  phrase: string;
}

/** A phrase's key: the pair names it (two reasons may list the same words). */
export const phraseKey = (fired: FiredPhrase): string => JSON.stringify([fired.reason, fired.phrase]);

/** The message replied to one of our answers. */
export interface FollowUp {
  /** SES id of the message that answer went to. */
  inboundId: string;
  /** The entries that answer sent, as its record names them (a reply whose answer has no record left gets no `followUpTo`). */
  entries: string[];
}

/** What staff said about a decision: a verdict reply to our staff mail (lambda/verdicts). */
export interface StaffVerdict {
  verdict: VerdictWord;
  /** The FAQ entry staff named (`wrong: <entry>`, `should answer: <entry>`), by id. */
  entries?: string[];
  /** The name as staff wrote it, when it names no entry faqmail knows (for a person to read). */
  unresolved?: string;
  /** When it was given (ISO 8601). */
  at: string;
  /** Who gave it: the staff address, as compared (no `+tag`), as `addressHash` (absent in verdicts recorded before it was kept). */
  by?: string;
  /**
   * How many of the reply's recipients (To, Cc) were neither staff nor the inbox: the writer, when
   * staff pressed Reply on a staff mail (its Reply-To is the writer), who then got the verdict and
   * the staff mail quoted under it. Absent when none was.
   */
  alsoTo?: number;
  /** A different verdict another staff member gave on the message before, which this one replaced (../verdicts/overrule). */
  overrules?: Omit<StaffVerdict, 'overrules'>;
}

export interface DecisionRecord {
  /** SES's id of the inbound message (the object key in the mail bucket, less the prefix). */
  inboundId: string;
  /** When SES received it (ISO 8601): the time the digest's periods count by. */
  receivedAt: string;
  /** When the handler decided (ISO 8601). */
  decidedAt: string;
  kind: DecisionKind;
  /** The decision's RuleName when written; a string, since records outlive a renamed or retired rule. */
  rule: string;
  /**
   * When `rule` is the escalation cap's (its notice, or mail it held): the rule it replaced, which would have
   * handed the message over. Absent otherwise, and in records written before it was kept.
   */
  beforeCap?: string;
  /**
   * The writer's address hash (`addressHash`), of the address as compared (`comparable`: no `+tag`), so that the digest
   * knows staff writing from a sub-address by the configured address; absent when the message had no usable address.
   */
  senderHash?: string;
  /**
   * The writer's message as the Message-ID claim knows it (`messageHash`: its From and Message-ID, hashed), the same in
   * each delivery of it: the digest counts the message once, though a delivery that claimed nothing (one screening
   * dropped, or one nothing vouches for: respond.ts, `mayClaim`) left the next to be decided again rather than as its
   * copy. Absent without a From or a Message-ID; in the record of our answer's bounce (`answer-bounced`, its message is
   * the one answered, counted when it came); and in records written before it was kept.
   */
  messageKey?: string;
  /** The entries sent to the writer, best first. */
  sent: EntryScore[];
  questions: RecordedQuestion[];
  /**
   * The hand-over phrases that fired (`MatchResult.handover`), each pair once, in the order they
   * fired: what the digest measures each phrase by. Never the writer's sentence they fired in.
   * Absent when none fired or the matcher did not read the message (screening dropped it), and
   * in records written before it was kept.
   */
  handover?: FiredPhrase[];
  followUpTo?: FollowUp;
  /** Message-ID of our answer, when one went out. */
  replyMessageId?: string;
  /** Message-ID of the mail to staff, when one went out (a verdict can name the record by it). */
  staffMessageId?: string;
  /**
   * A message a screening rule dropped: what the rule matched (its `found`, cut to KEPT_CHARS: a
   * header, an address masked, a marker phrase; a subject rule's marker, not the subject), so that
   * staff can judge a drop on a guess. Absent in records written before it was kept; "the subject"
   * in those written before subject rules named their marker.
   */
  matched?: string;
  /** A message a screening rule dropped: its subject (cut to KEPT_CHARS), only while question text is recorded. */
  subject?: string;
  /** Shadow mode: the entries in `sent` were shown to staff as a proposal and went to no one. */
  heldBack?: boolean;
  /**
   * The release that decided (../release-id: code, FAQ content, deciding settings), so that the
   * digest can tell verdicts on the running release's decisions from those on an older one's.
   * Absent in records written before it was kept.
   */
  release?: string;
  verdict?: StaffVerdict;
  /** Mail an escalation cap held, handed to staff later at their request (`npm run forward-held`). */
  forwarded?: Forwarded;
}

/** When held mail was handed to staff after all, and the Message-ID of that mail (its `staffmail#` item leads a verdict on it here). */
export interface Forwarded {
  at: string;
  staffMessageId: string;
}

export interface DecisionFacts {
  inboundId: string;
  receivedAt: Date;
  decidedAt: Date;
  /** What respond() made of the message (its Outcome, less the mails). */
  outcome: { decision: Decision; match?: MatchResult; message?: InboundMessage; heldBack?: boolean; handedOverBy?: RuleName };
  /** Message-IDs of what was sent, by kind. */
  sent: { reply?: string; escalation?: string };
  followUpTo?: FollowUp;
  /** Keep the writer's question text (the `recordQuestionText` setting). */
  keepText: boolean;
  /** The release id of the running function (`releaseId`). */
  release: string;
}

/** Longest `matched` or `subject` kept: room for what any rule reports, and a hostile header cannot grow the record. */
const KEPT_CHARS = 200;

/** What a screening drop keeps of the message: what its rule matched, and the subject when the writer's text may be kept. */
function dropped(decision: Decision, message: InboundMessage | undefined, keepText: boolean): Pick<DecisionRecord, 'matched' | 'subject'> {
  if (decision.kind !== 'ignore' || decision.matched === undefined) return {};
  const subject = message?.subject ?? '';
  return { matched: oneLine(decision.matched, KEPT_CHARS), ...(keepText && subject ? { subject: oneLine(subject, KEPT_CHARS) } : {}) };
}

/**
 * Hand-over phrases kept per message. On the 1,041 messages of test/fixtures, ../shared/eval and
 * ../shared/fixtures/real (2026-12-01), the matcher read 791 and at most 4 distinct phrases fired
 * in one (5 sentences); a message in which more fire goes to a person all the same.
 */
export const MAX_PHRASES = 10;
/**
 * Longest reason or phrase kept: the longest phrase in content/handover.md is 209 characters (a
 * list of verbs) and its longest reason 68; kept whole, a phrase can be found in the file as the
 * digest names it. Staff write them, but a runaway line must not grow every record.
 */
export const PHRASE_CHARS = 300;

/** The distinct phrases that fired, when the matcher read the message. */
function firedPhrases(match: MatchResult | undefined): Pick<DecisionRecord, 'handover'> {
  const fired = new Map<string, FiredPhrase>();
  for (const hit of match?.handover ?? []) {
    const kept = { reason: oneLine(hit.reason, PHRASE_CHARS), phrase: oneLine(hit.phrase, PHRASE_CHARS) };
    fired.set(phraseKey(kept), kept);
  }
  return fired.size > 0 ? { handover: [...fired.values()].slice(0, MAX_PHRASES) } : {};
}

function entryScore(answer: ScoredAnswer): EntryScore {
  return { entry: answer.entry.id, score: answer.score };
}

function recordedOpenPart(open: OpenPart, keepText: boolean): RecordedOpenPart {
  return { ...(keepText ? { text: open.text } : {}), ...(open.best ? { best: entryScore(open.best) } : {}) };
}

/** The rule of the hand-over of a message whose answer bounced (lambda/inbound/bounces.ts): recorded under the bounce's id. */
const ANSWER_BOUNCED: RuleName = 'answer-bounced';

/** The record of one decision. Pure: the handler gathers the facts. */
export function decisionRecord(facts: DecisionFacts): DecisionRecord {
  const { decision, match, message, handedOverBy } = facts.outcome;
  // The message of an answer's bounce is the one answered, which has a record of its own.
  const messageId = (decision.beforeCap ?? decision.rule) === ANSWER_BOUNCED ? undefined : message?.messageId;
  // A person carries the conversation on, though the escalation cap's notice replaced the rule that said so.
  const waiting = (replies(decision) || escalates(decision)) && !PERSON_CARRIES_ON.includes(handedOverBy ?? decision.rule);
  const address = message?.from?.address;
  const questions = (decision.kind === 'ignore' ? [] : (match?.questions ?? [])).map((q): RecordedQuestion => ({
    ...(facts.keepText ? { text: q.text } : {}),
    source: q.source,
    ...(q.best ? { best: entryScore(q.best) } : {}),
    answered: replies(decision) && q.answered,
    open: waiting && q.open !== undefined,
    ...(waiting && q.open && q.open.text !== q.text ? { openPart: recordedOpenPart(q.open, facts.keepText) } : {}),
  }));
  return {
    inboundId: facts.inboundId,
    // SES always stamps the receipt; a missing stamp must not lose the record.
    receivedAt: (Number.isNaN(facts.receivedAt.getTime()) ? facts.decidedAt : facts.receivedAt).toISOString(),
    decidedAt: facts.decidedAt.toISOString(),
    kind: decision.kind,
    rule: decision.rule,
    ...(decision.beforeCap ? { beforeCap: decision.beforeCap } : {}),
    ...(address ? { senderHash: addressHash(comparable(address)) } : {}),
    ...(address && messageId ? { messageKey: messageHash(address, messageId) } : {}),
    sent: answersOf(decision).map(entryScore),
    questions,
    ...firedPhrases(match),
    ...(facts.followUpTo ? { followUpTo: facts.followUpTo } : {}),
    ...(facts.sent.reply ? { replyMessageId: facts.sent.reply } : {}),
    ...(facts.sent.escalation ? { staffMessageId: facts.sent.escalation } : {}),
    ...dropped(decision, message, facts.keepText),
    ...(facts.outcome.heldBack ? { heldBack: true } : {}),
    release: facts.release,
  };
}
