/** Sending the mails a decision calls for, each once across attempts (send markers in the state table). */
import { allDone } from '../all-done';
import type { OutboundMail } from '../domain';
import { SendFailedError } from '../failures';
import { maskAddress } from '../mask-address';
import type { SentRecord } from '../state/state-store';
import type { Dependencies, HandlerResult } from './types';

interface Sending {
  sent: HandlerResult['sent'];
  /** Answers an earlier attempt began to send and did not see accepted: they may or may not have gone out. */
  uncertain: OutboundMail[];
  /** Writes the last mail's records (see `Sent`), for the caller to write beside its own. */
  recordLast: () => Promise<void>;
}

/** A mail SES accepted, now or in an earlier attempt, and how to write its records once sent. */
interface Sent {
  record: SentRecord;
  /** An earlier attempt (or another run) sent it: its marker said so, and nothing was sent now. */
  earlier: boolean;
  /** Turns its marker `sent` and, for an answer, records it; not started until called. */
  writeRecords: () => Promise<void>;
}

/**
 * Sends one mail in slot `slot` unless an earlier attempt did. The slot is claimed first (a
 * `sending` marker), then the mail is sent, then the marker turns `sent`: the only window for
 * a duplicate is between SES accepting and that write, and a marker left `sending` makes it
 * visible. An answer found `sending` is not sent again (the writer gets at most one); staff
 * are told instead. A hand-over found `sending` is sent again: staff may see it twice, but see it.
 * An answer sent is also recorded (so that a reply to it goes to a person), beside the marker's
 * write, and again when an earlier attempt sent it (that attempt may have failed before recording it).
 * The caller writes those records (`writeRecords`) before it sends anything else. An answer found
 * `sending` is recorded as uncertain at once: the writer may have it and reply to it; so is one whose
 * send failed in a way that leaves it open whether SES took it.
 *
 * With `leaseSeconds`, for a caller that may run beside another at the same moment (forward-held; the handler's
 * attempts at one event never overlap), a hand-over found `sending` younger than that is the other's send in
 * progress: it is not sent, and the result is `uncertain`. An older one is taken over and sent again, as above.
 */
export async function sendOnce(
  deps: Dependencies,
  inboundId: string,
  slot: string,
  mail: OutboundMail,
  answered: readonly string[],
  leaseSeconds?: number,
): Promise<Sent | 'uncertain'> {
  const { mailSender, state, logger } = deps;
  const to = mail.to.map(maskAddress);
  const recordAnswer = async (messageIdHeader: string, uncertain?: { uncertain: true }) => {
    if (mail.kind === 'reply')
      await state.recordAnswerSent({ messageIdHeader, inboundId, writers: mail.to, entryIds: [...answered], ...uncertain });
  };
  const earlier = await state.beginSend(inboundId, slot, leaseSeconds);
  if (earlier?.status === 'sent') {
    const outboundSesMessageId = earlier.sent.sesMessageId;
    logger.info('Already sent by an earlier attempt; not sending again', { kind: mail.kind, slot, to, outboundSesMessageId });
    return { record: earlier.sent, earlier: true, writeRecords: () => recordAnswer(earlier.sent.messageIdHeader) };
  }
  // The Message-ID SES gave an answer it may have sent was lost with SES's answer; a reply to it names the writer's
  // message too (References), unless the writer's message had no Message-ID to thread under.
  const recordUncertain = () => (mail.inReplyTo ? recordAnswer(mail.inReplyTo, { uncertain: true }) : Promise.resolve());
  if (earlier?.status === 'sending' && mail.kind === 'reply') {
    logger.warn('An earlier attempt stopped while sending this answer; not sending it again', { slot, to, startedAt: earlier.startedAt });
    await recordUncertain();
    return 'uncertain';
  }
  if (earlier?.status === 'sending' && leaseSeconds !== undefined) {
    logger.warn('Another run is sending this mail now; not sending it', { kind: mail.kind, slot, to, startedAt: earlier.startedAt });
    return 'uncertain';
  }
  let record: SentRecord;
  try {
    record = await mailSender.send(mail);
  } catch (error) {
    if (error instanceof SendFailedError && error.certainlyNotSent) await state.releaseSend(inboundId, slot);
    // SES may have taken it: recorded as possibly sent now, since on the last attempt no retry comes to find its marker.
    // The send's failure is what the attempt fails with; a retry records it again.
    else
      await recordUncertain().catch((recording: unknown) =>
        logger.warn('An answer SES may have sent could not be recorded as possibly sent', { slot, error: recording as Error }),
      );
    throw error;
  }
  logger.info('Sent', { kind: mail.kind, slot, to, outboundSesMessageId: record.sesMessageId });
  return {
    record,
    earlier: false,
    writeRecords: () => allDone([state.finishSend(inboundId, slot, record), recordAnswer(record.messageIdHeader)]),
  };
}

/**
 * Sends each mail that no earlier attempt sent. Mails are told apart by kind and position
 * (`reply#0`, `escalation#0`): a retry decides as the first attempt did (the history
 * lookup leaves out this message's own answer), so the slots line up. Each mail's records are
 * written before the next is sent, so that a stop during a later send leaves no earlier marker
 * `sending`; the last one's are the caller's to write, beside the decision record.
 */
export async function sendAll(
  deps: Dependencies,
  inboundId: string,
  mails: readonly OutboundMail[],
  answered: readonly string[],
): Promise<Sending> {
  const perKind = new Map<OutboundMail['kind'], number>();
  const sending: Sending = { sent: [], uncertain: [], recordLast: () => Promise.resolve() };
  for (const mail of mails) {
    await sending.recordLast();
    sending.recordLast = () => Promise.resolve();
    const position = perKind.get(mail.kind) ?? 0;
    perKind.set(mail.kind, position + 1);
    const sent = await sendOnce(deps, inboundId, `${mail.kind}#${position}`, mail, answered);
    if (sent === 'uncertain') {
      sending.uncertain.push(mail);
    } else {
      sending.sent.push({ kind: mail.kind, sesMessageId: sent.record.sesMessageId });
      sending.recordLast = sent.writeRecords;
    }
  }
  return sending;
}
