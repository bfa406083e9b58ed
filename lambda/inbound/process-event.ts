/**
 * One attempt at an SES event: counted, run in the mode of the message's first attempt, and, when it fails
 * with no retry to follow, handed to staff.
 *
 * When processing fails: SES invokes the function asynchronously, and Lambda retries a failed
 * event twice, then moves it to the dead-letter queue. The context does not say which attempt
 * this is, so each attempt is counted in the state table per SES message id. A failure of a
 * service we call (S3, SES, DynamoDB) is thrown for a retry, except on the last attempt; a
 * defect of our own (PipelineError: parsing, deciding or composing threw) would fail the same way on
 * every retry, so it is not retried. In both of those cases the message goes to staff at once
 * with its original attached (or its S3 location when it is too large or unreadable), and the
 * event ends there (see `handOver`, ./hand-over, for a hand-over SES does not take). Only if
 * that fails too does the event reach the dead-letter queue, whose alarm tells the operator.
 */
import type { SESEvent } from 'aws-lambda';
import type { Mode } from '../config';
import { PipelineError, StaffUnreachableError } from '../failures';
import type { Responder } from '../respond';
import { processMessage } from './process-message';
import { handOverFailed } from './processing-failed';
import type { Decided, Dependencies, HandlerResult, WhatWasRead } from './types';

/**
 * One attempt at an event, for the wrapper around it: its number once counted, and what it decided once the
 * message is done (`countDecision`'s arguments), counted only when the event ends with it, so that an attempt that
 * fails after deciding (its idempotency record not completed) publishes nothing, the count by rule included.
 */
export interface Attempt {
  attempt?: number;
  decided?: Decided;
}

/**
 * One event, once per SES message id (`inboundId`, the idempotency key: see ../state/idempotency);
 * `reading` reads its raw message (started by the handler); `counted` takes the attempt's number and what it decided.
 */
export async function processEvent(
  deps: Dependencies,
  inboundId: string,
  event: SESEvent,
  reading: Promise<Buffer>,
  counted: Attempt,
): Promise<HandlerResult> {
  // Counted before anything can fail; if the count itself fails, Lambda retries the event
  // (and after the last retry the dead-letter queue's alarm tells the operator).
  const { count: attempt, mode: first } = await deps.state.countAttempt(inboundId, deps.responder.config.mode);
  counted.attempt = attempt;
  const responder = responderFor(deps, attempt, first);
  const read: WhatWasRead = {};
  try {
    const done = await processMessage(deps, { event, reading, responder, lastChance: attempt >= deps.attempts }, read);
    counted.decided = done.decided;
    return done.result;
  } catch (error) {
    // Never handed over: the hand-over would go to the address that bounced, and bounce back here.
    if (error instanceof StaffUnreachableError) throw error;
    const defect = error instanceof PipelineError;
    if (!defect && attempt < deps.attempts) throw error;
    const done = await handOverFailed(deps, { inboundId, event, read, error, attempt, defect });
    counted.decided = done.decided;
    return done.result;
  }
}

/**
 * The responder in the mode this attempt runs in: that of the message's first attempt (`first`), unless the event was
 * invoked again after its last attempt while shadow mode is deployed.
 */
function responderFor(deps: Dependencies, attempt: number, first: Mode): Responder {
  const { config } = deps.responder;
  // Past Lambda's own attempts the event was invoked again by hand (a dead letter, docs/operate.md): nothing of it is
  // in flight, and shadow mode deployed since is the operator's stop, which the first attempt's auto must not outrun.
  const reinvoked = attempt > deps.attempts;
  const mode = reinvoked && config.mode === 'shadow' ? config.mode : first;
  if (mode !== config.mode)
    deps.logger.warn('The first attempt at this message ran in another mode; it is finished in that mode', {
      mode,
      deployed: config.mode,
    });
  else if (first !== config.mode)
    deps.logger.warn('A message invoked again after its last attempt runs in shadow mode, deployed since its first attempt in auto', {
      attempt,
    });
  return mode === config.mode ? deps.responder : { ...deps.responder, config: { ...config, mode } };
}
