/**
 * The pipeline for one message: read it, decide (`respond`), take a staff reply, hand over an answer
 * that bounced, log an ignored message, send what the decision calls for, record it, and tell staff
 * of an answer an earlier attempt may have sent.
 */
import type { SESEvent } from 'aws-lambda';
import { allDone } from '../all-done';
import { answersOf, type InboundMessage } from '../domain';
import { readBounce } from '../mail/delivery-status';
import { maskAddress } from '../mask-address';
import { respond, type Limits, type Responder } from '../respond';
import { screenedOut } from '../screen/rules';
import { decisionLog } from '../adapters/observability';
import { receiptFromEvent, sesRecord } from '../adapters/ses-event';
import { lookupHistory } from '../state/history';
import { limitsFor } from '../state/limits';
import { bouncedAnswer, failOnStaffBounce, handOverBouncedAnswer, reportedBefore } from './bounces';
import { handOver } from './hand-over';
import { fromOurAddress, logIgnored } from './ignored';
import { recordDecision, takeStaffReply } from './records';
import { sendAll } from './send-once';
import type { Dependencies, Done, WhatWasRead } from './types';

interface Message {
  event: SESEvent;
  /** Reads the raw message (started by the handler, beside the idempotency record). */
  reading: Promise<Buffer>;
  /** In the mode of the message's first attempt. */
  responder: Responder;
  /** No retry follows this attempt. */
  lastChance: boolean;
}

/**
 * The pipeline proper, from the raw message `reading` reads; throws on any failure. `read`
 * keeps what was read for the failure path (`handOverFailed`, ./processing-failed).
 */
export async function processMessage(
  deps: Dependencies,
  { event, reading, responder, lastChance }: Message,
  read: WhatWasRead,
): Promise<Done> {
  const { logger } = deps;
  const record = sesRecord(event);
  const inboundId = record.ses.mail.messageId;
  const receivedAt = new Date(record.ses.mail.timestamp);
  read.receivedAt = receivedAt;
  const location = deps.mailStore.locate(inboundId);
  const raw = await reading;
  read.raw = raw;
  // The limits are reserved in the state table before anything is sent (see ../state/limits).
  const reserved = limitsFor(deps.state, responder.config, inboundId, receivedAt);
  const limits: Limits = {
    ...reserved,
    reserveEscalation: async (sender) => (read.escalation = await reserved.reserveEscalation(sender)),
  };
  const staffMails = { staffAddresses: responder.config.staffAddresses, decisions: deps.decisions };
  const history = (message: InboundMessage, claim: boolean) =>
    lookupHistory(deps.state, message, { staffMails, ...(claim ? { inboundId } : {}) });
  const stored = { storedAt: location.uri, inboundId };
  const outcome = await takeStaffReply(deps, await respond(responder, raw, receiptFromEvent(record), history, stored, limits, deps.parse));
  const { decision, message, fromVouched } = outcome;
  read.message = message;
  read.fromVouched = fromVouched;
  const writer = message?.from?.address;
  const heldBack = outcome.heldBack ? { heldBack: true as const } : {};
  const from = writer === undefined ? undefined : maskAddress(writer);
  logger.info('Decided', { ...decisionLog(decision), from, size: raw.length, ...heldBack });
  // A bounce is automatic mail, which screening drops (not a staff reply, a copy or held mail). Never mail from our own
  // or a staff address: no mail server writes a bounce from those, staff mail may show our Message-IDs (a forward), and
  // a hand-over of ours that lost its marks on the way back shows them too (read as a bounce, it would be handed over again).
  const bounce =
    decision.kind === 'ignore' && screenedOut(decision.rule) && !fromOurAddress(decision.rule) ? await readBounce(raw) : undefined;
  if (bounce) {
    read.bounce = true;
    await failOnStaffBounce(deps, bounce, inboundId, location);
  }
  const returned = bounce && (await bouncedAnswer(deps, bounce));
  if (bounce && returned && !(await reportedBefore(deps, bounce, returned, inboundId))) {
    const handed = await handOverBouncedAnswer(deps, {
      inboundId,
      receivedAt,
      report: location,
      reportRaw: raw,
      bounce,
      answer: returned,
      limits,
      lastChance,
    });
    // Counted as what it became (a hand-over, or held by the cap), not as the bounce screening dropped.
    return { result: handed, decided: { decision: { kind: handed.decision, rule: handed.rule }, receivedAt } };
  }
  if (decision.kind === 'ignore') logIgnored(logger, decision, location.uri);
  const { sent, uncertain, recordLast } = await sendAll(
    deps,
    inboundId,
    outcome.mails,
    answersOf(decision).map((answer) => answer.entry.id),
  );
  await allDone([recordLast(), recordDecision(deps, { inboundId, receivedAt, outcome, sent })]);
  if (uncertain.length > 0) {
    const told = await handOver(deps, {
      inboundId,
      receivedAt,
      location,
      raw,
      message,
      fromVouched,
      rule: 'answer-uncertain',
      lastChance: false,
      reason:
        'An earlier attempt stopped between sending the automatic answer and recording it: SES may or may not have sent it. ' +
        'It is not sent again; please check that the writer was answered.',
    });
    sent.push(...told.sent);
  }
  return {
    result: { sesMessageId: inboundId, decision: decision.kind, rule: decision.rule, sent, ...heldBack },
    decided: { decision, receivedAt, handedOver: uncertain.length > 0 },
  };
}
