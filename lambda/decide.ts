import type { Config } from './config';
import { oneLine } from './one-line';
import {
  replies,
  type Address,
  type AnswerDecision,
  type CappedEscalation,
  type Decision,
  type EscalationCapRuleName,
  type History,
  type InboundMessage,
  type NoAnswerDecision,
  type Receipt,
  type RuleName,
  type ScoredAnswer,
} from './domain';
import { unvouchedAddressing } from './mail/authentication';
import { answerAddress } from './mail/writer';
import { concludeMatch, type Evidence, type FaqIndex, type MatchResult } from './match';
import type { AnswerModel } from './match/answer-model';
import { readEvidence } from './match/evidence';
import { quotedMailAsked } from './match/nudge';
import { receivingAddresses } from './screen/addresses';
import { screen, type Screening } from './screen/screen';

export interface DecisionInput {
  message: InboundMessage;
  receipt: Receipt;
  history: History;
  /** The message's screening under this receipt and history, when the caller already has it. */
  screening?: Screening;
}

export interface Decided {
  decision: Decision;
  /** The matcher's full result, when matching ran (for `--explain` and the decision record's questions). */
  match?: MatchResult;
}

function answer(
  kind: AnswerDecision['kind'],
  rule: RuleName,
  reason: string,
  answers: ScoredAnswer[],
  candidates: ScoredAnswer[],
  answerTo: Address,
): AnswerDecision {
  return { kind, rule, reason, answers, answerTo, candidates };
}

function noAnswer(kind: NoAnswerDecision['kind'], rule: RuleName, reason: string, candidates: ScoredAnswer[]): NoAnswerDecision {
  return { kind, rule, reason, candidates };
}

function quote(text: string, max = 80): string {
  return `"${oneLine(text, max)}"`;
}

function bestCandidate(match: MatchResult): string {
  const best = match.candidates[0];
  return best ? ` (closest entry: ${quote(best.entry.question, 60)} at ${best.score.toFixed(2)})` : '';
}

function handOver(match: MatchResult, rule: RuleName, reason: string): Decided {
  return { decision: noAnswer('escalate', rule, reason, match.candidates), match };
}

/** What a decision weighs before any fitted weight or threshold: screening, and the matcher's evidence. */
export interface Prepared {
  input: DecisionInput;
  screening: Screening;
  /** Absent when screening dropped the message. */
  evidence?: Evidence;
}

export function prepareDecision(input: DecisionInput, index: FaqIndex, config: Config): Prepared {
  const { message, receipt, history } = input;
  const screening = input.screening ?? screen(message, receipt, config, history);
  if (screening.verdict === 'drop') return { input, screening };
  const inquiry = { subject: message.subject, newText: message.newText, forwardedText: message.forwardedText || quotedMailAsked(message) };
  return { input, screening, evidence: readEvidence(index, inquiry) };
}

/**
 * The whole decision for one parsed message: screening first (who must never get an
 * automatic answer), then whether the message's authentication vouches for an address to
 * answer, then the FAQ match. Pure: everything it needs from our records arrives in
 * `history`. The limits on how many answers go out are the caller's (`withinLimits`): they
 * must be taken atomically from shared records, which a pure function cannot do.
 */
export function decide(input: DecisionInput, index: FaqIndex, config: Config): Decided {
  return concludeDecision(prepareDecision(input, index, config), config);
}

/** Mail a screening rule drops: ignored, with what the rule matched kept for its record. */
export function droppedBy(screening: Exclude<Screening, { verdict: 'proceed' }>): Decided {
  return { decision: { ...noAnswer('ignore', screening.rule, screening.reason, []), matched: screening.found } };
}

/** The decision on prepared evidence, under a given threshold and model (fitting tries many). */
export function concludeDecision(prepared: Prepared, config: Config, model?: AnswerModel): Decided {
  const { input, screening, evidence } = prepared;
  const { message, receipt } = input;
  if (screening.verdict === 'drop') return droppedBy(screening);
  if (!evidence) throw new Error("a message screening lets through must be prepared with the matcher's evidence");

  const match = concludeMatch(evidence, { ...config, ...(model ? { model } : {}) });

  // A calendar invitation or reply a person wrote goes to a person (no FAQ answer books or accepts a meeting), but a
  // question the writer typed in its note is theirs as in any mail: the FAQ answers it beside the hand-over.
  const calendarNote = screening.verdict === 'person' && screening.rule === 'calendar' && match.answers.length > 0;
  if (screening.verdict === 'person' && !calendarNote) return handOver(match, screening.rule, screening.reason);
  const address = answerAddress(message, receipt);
  if (!address.to) return handOver(match, address.rule, address.reason);
  // A signed message of the writer's, delivered to us by someone else, names them as authentically as their own mail.
  const replayed = unvouchedAddressing(message, receipt, receivingAddresses(config));
  if (replayed) return handOver(match, 'unauthenticated', replayed);
  const answerTo = address.to;
  if (match.language !== 'en') return handOver(match, 'not-english', 'The message is not in English and the FAQ is English-only.');
  if (match.answers.length === 0) {
    const asked = match.questions.length > 0 ? `what the writer asks` : 'the message';
    const cue = match.needsPerson ? ` ${match.needsPerson}` : '';
    return handOver(match, 'no-match', `No FAQ entry answers ${asked} confidently${bestCandidate(match)}.${cue}`);
  }

  const answered = match.answers.map((a) => quote(a.entry.question, 60)).join(', ');
  // The reply tells the writer which part of their mail a person will answer.
  const personTakes = [...new Set([...match.handover.map((h) => h.sentence), ...match.unanswered])];
  // A person is needed beside the answers: for the calendar mail itself, for a part of it that needs one, or for
  // questions no entry answers (the reason goes to the logs, so it counts those rather than quoting the writer).
  const open = match.unanswered.length === 1 ? 'one further question' : `${match.unanswered.length} further questions`;
  const besideAnswer: { rule: RuleName; reason: string } | undefined = calendarNote
    ? { rule: 'calendar', reason: `Answered ${answered}. ${screening.reason}` }
    : match.needsPerson
      ? { rule: 'needs-person', reason: `Answered ${answered}. ${match.needsPerson}` }
      : match.unanswered.length > 0
        ? { rule: 'partly-answered', reason: `Answered ${answered}; no FAQ entry answers ${open}.` }
        : undefined;
  if (besideAnswer) {
    const { rule, reason } = besideAnswer;
    return { decision: { ...answer('answer-and-escalate', rule, reason, match.answers, match.candidates, answerTo), personTakes }, match };
  }
  return { decision: answer('answer', 'matched', `Answered ${answered}.`, match.answers, match.candidates, answerTo), match };
}

/** The decision when a limit keeps the answer from going out: staff get the message instead. */
export function answerRefused(decided: Decision, rule: RuleName, reason: string): Decision {
  return noAnswer('escalate', rule, reason, decided.candidates);
}

/** What each cap on mail to staff says: that it was reached, and (its notice) what becomes of the mail after. */
const CAP_WORDS: Record<EscalationCapRuleName, { reached: (cap: number) => string; further: string }> = {
  'escalation-cap': {
    reached: (cap) => `the sender reached the cap of ${cap} messages forwarded to staff in one day`,
    further: 'their further mail today is held in S3 and counted, not forwarded',
  },
  'hourly-escalation-cap': {
    reached: (cap) => `the hourly cap of ${cap} hand-overs to staff, all senders together, was reached`,
    further: 'further hand-overs this hour, from any sender, are held in S3 and listed in the digest, not forwarded',
  },
};

/**
 * The decision once a cap on mail to staff took the message (`capped`): the `notice` goes to
 * staff as usual but says that further mail is held; a held message goes to nobody (it
 * stays in S3, counted), though an answer the decision sends still goes out.
 */
export function escalationCapped(decided: Decision, { slot, rule, cap }: CappedEscalation): Decision {
  const capped = CAP_WORDS[rule].reached(cap);
  if (slot === 'notice') {
    const reason = `${decided.reason} Also, ${capped}: ${CAP_WORDS[rule].further}.`;
    return { ...decided, rule, reason, beforeCap: decided.rule };
  }
  if (!replies(decided)) {
    const held = `Held, not forwarded: ${capped} (this one would have gone to staff: ${decided.reason})`;
    return { ...noAnswer('ignore', rule, held, decided.candidates), beforeCap: decided.rule };
  }
  // The hand-over alone is held: in shadow mode the answer still reaches staff, as a proposal that shows this reason.
  const held = `${decided.reason} Its hand-over is held, not forwarded: ${capped}; the cap holds no answer.`;
  return { ...answer('answer', rule, held, decided.answers, decided.candidates, decided.answerTo), beforeCap: decided.rule };
}
