/**
 * A message whose processing failed with no retry to follow, handed to staff (rule `processing-failed`): why
 * it failed, what earlier attempts sent, and what the pipeline had read of it.
 */
import type { SESEvent } from 'aws-lambda';
import { escalationCapped } from '../decide';
import type { Decision } from '../domain';
import { whatSesRecorded } from '../adapters/ses-event';
import { handOver } from './hand-over';
import type { Dependencies, Done, WhatWasRead } from './types';

interface Failure {
  inboundId: string;
  event: SESEvent;
  /** What the pipeline had read when it failed (`processMessage`). */
  read: WhatWasRead;
  error: unknown;
  /** This attempt's number, of Lambda's `deps.attempts`. */
  attempt: number;
  /** A defect of ours (PipelineError), which would fail the same way on every retry; else the last attempt failed. */
  defect: boolean;
}

/** Hands the message to staff with the error and the original (or its S3 location), for a failure no retry will mend. */
export async function handOverFailed(deps: Dependencies, { inboundId, event, read, error, attempt, defect }: Failure): Promise<Done> {
  const why = defect ? 'a defect in faqmail (retrying would fail the same way)' : `attempt ${attempt} of ${deps.attempts}, the last`;
  deps.logger.error('Processing failed; handing the message to staff', { attempt, error: error as Error });
  // What an earlier attempt sent the writer, and staff, so that nobody answers again unawares; unknown when it cannot be read.
  const [reply, toStaff] = await Promise.all(
    ['reply#0', 'escalation#0'].map((slot) => deps.state.sendMarker(inboundId, slot).catch(() => undefined)),
  );
  const answered =
    reply?.status === 'sent'
      ? // This attempt may be the one that sent or began it (a step after the send failed): no earlier one is implied.
        `The writer was sent the automatic answer already (SES message ${reply.sent.sesMessageId}). `
      : reply?.status === 'sending'
        ? 'Sending the writer the automatic answer began and stopped: SES may or may not have sent it. '
        : '';
  const handedOver =
    toStaff?.status === 'sent'
      ? `This message was handed to staff already (SES message ${toStaff.sent.sesMessageId}): make sure only one of you answers. `
      : toStaff?.status === 'sending'
        ? 'Handing this message to staff began and stopped: SES may have sent it, so make sure only one of you answers. '
        : '';
  // A bounce is shown as no writer's message: Reply would go to its sender, a mail server, and reach nobody.
  const bounce = read.bounce
    ? 'It is a bounce: automatic mail a mail server wrote about mail of ours, which may have reached nobody. '
    : '';
  const failed: Decision = {
    kind: 'escalate',
    candidates: [],
    rule: 'processing-failed',
    reason:
      (read.raw ? '' : whatSesRecorded(event)) +
      `Processing failed (${why}): ${(error as Error).message}. ${answered}${handedOver}${bounce}` +
      'Nothing further is sent automatically; the original is below.',
  };
  // This message took the one notice that a cap was reached (its sender's day, or the hour's): the later mail it names is held.
  const { reason } = read.escalation?.slot === 'notice' ? escalationCapped(failed, read.escalation) : failed;
  // A record with no receipt time is filed by when it was decided (decisionRecord).
  const receivedAt = read.receivedAt ?? new Date(Number.NaN);
  const handed = await handOver(deps, {
    inboundId,
    receivedAt,
    location: deps.mailStore.locate(inboundId),
    raw: read.raw,
    message: read.bounce ? undefined : read.message,
    fromVouched: read.fromVouched,
    rule: 'processing-failed',
    lastChance: true,
    reason,
  });
  return { result: handed, decided: { decision: failed, receivedAt } };
}
