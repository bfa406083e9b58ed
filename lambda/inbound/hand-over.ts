/** Handing a message to staff outside the normal decision, with a notice that shows nothing of it as the fallback. */
import { composeEscalation, type Undelivered } from '../compose/escalation';
import type { Decision, FaqEntry, InboundMessage, OutboundMail, RuleName } from '../domain';
import { SendFailedError } from '../failures';
import type { StoredMailLocation } from '../adapters/mail-store';
import { recordDecision } from './records';
import { sendOnce } from './send-once';
import type { Dependencies, HandlerResult } from './types';

interface HandOver {
  inboundId: string;
  /** When SES received the message: its decision record is filed by it. */
  receivedAt: Date;
  location: StoredMailLocation;
  /** Absent when it could not be read. */
  raw?: Buffer;
  message?: InboundMessage;
  /** Whether the message's authentication vouches for its From address (the hand-over says when not); unknown when unread. */
  fromVouched?: boolean;
  rule: RuleName;
  reason: string;
  /**
   * When `rule` is an escalation cap's (its notice, or mail it held, forwarded later): the rule it replaced
   * (`Decision.beforeCap`), for the decision record and for what the hand-over shows (a reply in a conversation staff took over).
   */
  beforeCap?: RuleName;
  /** Held by an escalation cap beside an automatic answer, forwarded later: the entries that answer held (`EscalationInput`). */
  answeredBefore?: FaqEntry[];
  /** Its automatic answer bounced: what the report says, the entries that answer held, and whom it went to (see `EscalationInput`). */
  undelivered?: { report: Undelivered; earlierAnswer: FaqEntry[]; answeredAddress?: string };
  /** No retry will follow a failure: the last attempt, or a defect that would fail every one. */
  lastChance: boolean;
  /** For a caller that may run beside another at the same moment (forward-held): see `sendOnce`. */
  sendLeaseSeconds?: number;
}

/** What `handOverOnce` did: the handler's result, and what it found in the hand-over's slot when it sent nothing now. */
interface HandedOver {
  result: HandlerResult;
  /** `sent`: an earlier attempt (or run) sent it; `sending`: another run is sending it now (`sendLeaseSeconds`). */
  found?: 'sent' | 'sending';
}

/**
 * Hands the message to staff outside the normal decision (a failure, an answer that may not
 * have gone out), with the original attached or its S3 location. Its own slot keeps a retry
 * from sending it twice; if it fails, the caller throws and the event is retried or dead-lettered.
 *
 * What SES refuses in a mail cannot all be known beforehand (a header it will not take, an
 * attachment type inside the original), and the hand-over shows the writer's fields and carries
 * their message. If SES refuses it, or it cannot be composed (a defect the message trips
 * whenever it is shown), a notice that shows nothing of the message and carries the original as an
 * opaque file goes instead, so that the message still reaches a person. A send that failed
 * otherwise (no connection, throttled, or SES's answer lost) fails the attempt, so that a retry
 * sends the hand-over itself; with no retry left, the notice is tried too, even after a send SES may
 * have taken: staff may then get both, rather than the event waiting in the dead-letter queue.
 */
export async function handOver(deps: Dependencies, what: HandOver): Promise<HandlerResult> {
  return (await handOverOnce(deps, what)).result;
}

/** `handOver`, saying whether the hand-over was sent now, or found sent or being sent. */
export async function handOverOnce(deps: Dependencies, what: HandOver): Promise<HandedOver> {
  const { config } = deps.responder;
  const { rule, reason } = what;
  const storedAt = what.location.uri;
  const decided: Decision = { kind: 'escalate', candidates: [], rule, reason, ...(what.beforeCap ? { beforeCap: what.beforeCap } : {}) };
  let handed: Awaited<ReturnType<typeof sendOnce>> | undefined;
  let mail: OutboundMail | undefined;
  // Why the hand-over that shows the message did not go: set when the one that shows nothing goes instead.
  let instead: string | undefined;
  try {
    mail = await composeEscalation({
      message: what.message,
      raw: what.raw,
      decision: decided,
      config,
      storedAt,
      inboundId: what.inboundId,
      fromVouched: what.fromVouched,
      handedOverBy: what.beforeCap,
      answeredBefore: what.answeredBefore,
      ...(what.undelivered
        ? {
            undelivered: what.undelivered.report,
            earlierAnswer: what.undelivered.earlierAnswer,
            answeredAddress: what.undelivered.answeredAddress,
          }
        : {}),
    });
  } catch (error) {
    // A defect the message trips whenever it is shown (this may be the very failure being handed over).
    deps.logger.error('Composing the hand-over failed; sending one that shows nothing of the message', { error: error as Error });
    instead = `Composing the hand-over that showed the message failed (${(error as Error).message})`;
  }
  if (mail) {
    try {
      handed = await sendOnce(deps, what.inboundId, `${rule}#0`, mail, [], what.sendLeaseSeconds);
    } catch (error) {
      if (!(error instanceof SendFailedError && (error.refused || what.lastChance))) throw error;
      instead = error.refused
        ? `SES refused the hand-over that showed the message (${error.message})`
        : error.certainlyNotSent
          ? `The hand-over that showed the message did not go, with no retry left (${error.message})`
          : 'The hand-over that showed the message may not have gone (SES did not confirm it: if it reached you, ' +
            `this is the same message again), with no retry left (${error.message})`;
      deps.logger.warn('The hand-over did not go, or may not have; sending one that shows nothing of the message', {
        error: error.message,
      });
    }
  }
  if (handed === undefined) {
    const decision: Decision = { kind: 'escalate', candidates: [], rule, reason: `${reason} ${instead}; this one shows nothing of it.` };
    mail = await composeEscalation({ raw: what.raw, decision, config, storedAt, inboundId: what.inboundId });
    handed = await sendOnce(deps, what.inboundId, `${rule}#1`, mail, [], what.sendLeaseSeconds);
  }
  // A hand-over is no answer: only another run's send in progress leaves it uncertain, and that run writes the records.
  if (handed === 'uncertain') return { result: { sesMessageId: what.inboundId, decision: 'escalate', rule, sent: [] }, found: 'sending' };
  // The mail reached staff: a marker or record that cannot be written now must not fail the event, which would send it
  // again on a retry, or on the last attempt leave it in the dead-letter queue. The marker serves only a retry.
  await handed
    .writeRecords()
    .catch((error: unknown) =>
      deps.logger.warn('The hand-over went out; its send marker could not be marked sent', { error: error as Error }),
    );
  const sent = mail ? [{ kind: mail.kind, sesMessageId: handed.record.sesMessageId }] : [];
  await recordDecision(deps, {
    inboundId: what.inboundId,
    receivedAt: what.receivedAt,
    outcome: { decision: decided, message: what.message },
    sent,
  }).catch((error: unknown) =>
    deps.logger.warn('The hand-over went out; its decision record could not be written', { error: error as Error }),
  );
  return {
    result: { sesMessageId: what.inboundId, decision: 'escalate', rule: what.rule, sent },
    ...(handed.earlier ? { found: 'sent' as const } : {}),
  };
}
