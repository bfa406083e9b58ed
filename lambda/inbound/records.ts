/** What the handler writes to the decision store: the record of each decision, and the staff verdicts on them. */
import { sesMessageIdHeader } from '../adapters/mail-sender';
import type { OutboundMail } from '../domain';
import { verdictWithoutRecord, type Outcome } from '../respond';
import { decisionRecord, type DecisionFacts } from '../state/decision-record';
import { overruledLate, overruling } from '../verdicts/overrule';
import { onChosen } from '../verdicts/resolve-entry';
import type { Dependencies, HandlerResult } from './types';

/**
 * Keeps the record of the decision (for the digest and staff verdicts), once the mails went
 * out so that it can name them (beside the last one's records). A failure here fails the
 * invocation like any other: the retry sends nothing twice and writes the record. A hand-over
 * made outside the decision (`handOver`) records one too, so that a staff verdict on it finds
 * its message; where the decision already has a record, that record stands (the first written wins).
 */
export async function recordDecision(
  deps: Dependencies,
  facts: { inboundId: string; receivedAt: Date; outcome: DecisionFacts['outcome'] & Pick<Outcome, 'history'>; sent: HandlerResult['sent'] },
): Promise<void> {
  const { outcome, sent } = facts;
  const messageIdOf = (kind: OutboundMail['kind']) => {
    const mail = sent.find((s) => s.kind === kind);
    return mail ? sesMessageIdHeader(mail.sesMessageId, deps.region) : undefined;
  };
  const answer = outcome.history?.earlierAnswer;
  await deps.decisions.write(
    decisionRecord({
      inboundId: facts.inboundId,
      receivedAt: facts.receivedAt,
      decidedAt: new Date(),
      outcome,
      sent: { reply: messageIdOf('reply'), escalation: messageIdOf('escalation') },
      ...(answer ? { followUpTo: { inboundId: answer.inboundId, entries: answer.entryIds } } : {}),
      keepText: deps.responder.config.recordQuestionText,
      release: deps.release,
    }),
  );
}

/**
 * Records a staff verdict on the decision it judges; logs staff mail that is not taken as
 * one (a note without a verdict, or a verdict that failed a check), so none goes unseen.
 * A verdict is dated when SES received the reply (the receipt's `receivedAt`, see respond.ts).
 * Returns the outcome to record: a verdict whose decision record is gone by the time it is
 * attached is recorded as naming none (`verdictWithoutRecord`), so that the digest counts it.
 */
export async function takeStaffReply(deps: Dependencies, outcome: Outcome): Promise<Outcome> {
  const reply = outcome.staffReply;
  const { logger } = deps;
  if (!reply) return outcome;
  if (reply.kind === 'refused') {
    logger.warn('A verdict-looking reply from a staff address was not taken; the message is decided like any other', { why: reply.why });
  } else if (reply.kind === 'no-record') {
    logger.warn('A staff verdict names no decision on record; not counted, and the digest says so', {
      verdict: reply.verdict,
      why: reply.why,
    });
  } else if (reply.kind === 'unauthenticated') {
    logger.warn('A verdict-looking mail from a staff address failed authentication; not counted, and the digest says so', {
      why: reply.why,
      ...(reply.inboundId === undefined ? {} : { about: reply.inboundId }),
    });
  } else if (reply.kind === 'unreadable') {
    logger.warn(
      "A staff verdict cannot be read (no entry after the colon, or no verdict first in a link's mail or a reply to the inbox alone); not counted, and the digest says so",
      {
        about: reply.inboundId,
      },
    );
  } else if (reply.kind === 'note' && reply.alsoTo) {
    // Staff answering the writer (the staff mail's Reply-To) and copying the inbox: ordinary traffic, no verdict was meant.
    // Its first line, which mostly greets the writer by name, is not logged: it would tell the operator nothing.
    const note =
      'Staff answered someone else (the writer) and copied the inbox: a reply to one of our staff mails with no verdict on its first line; nothing done';
    logger.info(note, { about: reply.inboundId, alsoTo: reply.alsoTo });
  } else if (reply.kind === 'note') {
    const note = 'A reply from staff to one of our staff mails has no verdict on its first line; logged, nothing done';
    logger.warn(note, { about: reply.inboundId, firstLine: reply.firstLine });
  } else {
    // Another staff member's different verdict on record is kept beside this one, which replaces it. Read first: two
    // replies on one message processed at the very same time may miss each other (the later verdict still wins).
    const earlier = await deps.decisions.get(reply.inboundId);
    const chosen = earlier?.sent.map((s) => s.entry) ?? [];
    const own = onChosen(reply.verdict, reply.named, chosen);
    const given = overruling(earlier?.verdict, own);
    if (given.overrules && given.overrules !== earlier?.verdict?.overrules)
      logger.warn('A staff verdict replaces a different one another staff address gave; the later counts', {
        about: reply.inboundId,
        verdict: given.verdict,
        overrules: given.overrules.verdict,
      });
    if (given.alsoTo)
      logger.warn('A staff verdict was also addressed to someone neither staff nor the inbox (the writer, after a plain Reply)', {
        about: reply.inboundId,
        alsoTo: given.alsoTo,
      });
    const attached = await deps.decisions.attachVerdict(reply.inboundId, given);
    if (attached === 'recorded') logger.info('Staff verdict recorded', { about: reply.inboundId, ...given, evidence: reply.evidence });
    else if (attached === 'superseded') {
      logger.warn('A staff verdict is older than the one on record; the later one stands', { about: reply.inboundId, ...given });
      // Given first, it would have been overruled: the disagreement is kept as it would have been in that order.
      const disputed = earlier?.verdict && overruledLate(earlier.verdict, own);
      if (disputed && (await deps.decisions.attachVerdict(reply.inboundId, disputed)) === 'recorded')
        logger.warn('A staff verdict processed late differs from the later one another staff address gave; the later counts', {
          about: reply.inboundId,
          verdict: disputed.verdict,
          overrules: own.verdict,
        });
    } else {
      const why = `the decision on message ${reply.inboundId} is no longer on record`;
      logger.warn('A staff verdict names a decision no longer on record; not counted, and the digest says so', {
        about: reply.inboundId,
        ...given,
      });
      return { ...outcome, decision: verdictWithoutRecord(given.verdict, why) };
    }
  }
  return outcome;
}
