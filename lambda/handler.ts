/**
 * The Lambda function SES inbound invokes: SES event → raw message from S3 → the pipeline's
 * decision (`respond`) → each mail sent through SES → what was sent recorded.
 *
 * Exactly once holds across retries and repeated deliveries: the idempotency utility runs
 * each SES message id once to completion, a send marker per mail keeps a retry from sending
 * again what a failed attempt already sent, and a claim on the writer's Message-ID keeps a
 * second copy of the same message (a new SES id) from being answered again.
 *
 * When processing fails: SES invokes the function asynchronously, and Lambda retries a failed
 * event twice, then moves it to the dead-letter queue. The context does not say which attempt
 * this is, so each attempt is counted in the state table per SES message id. A failure of a
 * service we call (S3, SES, DynamoDB) is thrown for a retry, except on the last attempt; a
 * defect of our own (PipelineError: parsing, deciding or composing threw) would fail the same way on
 * every retry, so it is not retried. In both of those cases the message goes to staff at once
 * with its original attached (or its S3 location when it is too large or unreadable), and the
 * event ends there (see `handOver`, ./inbound/hand-over, for a hand-over SES does not take). Only if
 * that fails too does the event reach the dead-letter queue, whose alarm tells the operator.
 *
 * This module wires the dependencies and holds the pipeline's control flow; the steps it takes live
 * in ./inbound/, one job each: sending once (send-once), handing over to staff (hand-over), the
 * decision records and staff verdicts (records), and bounces of our mail (bounces).
 */
import { IdempotencyAlreadyInProgressError, makeIdempotent } from '@aws-lambda-powertools/idempotency';
import type { Context, SESEvent } from 'aws-lambda';
import { ConfigError, loadConfig, startupFailure } from './config';
import { ContentError } from './content/content-error';
import { escalationCapped } from './decide';
import { answersOf, type Decision, type EscalationSlot, type InboundMessage, type ScreenRuleName } from './domain';
import { allDone } from './all-done';
import { PipelineError, StaffUnreachableError } from './failures';
import { readBounce } from './mail/delivery-status';
import { screenedOut } from './screen/rules';
import { maskAddress } from './mask-address';
import { codeFingerprint, loadResponder } from './precomputed';
import { releaseId } from './release-id';
import { respond, type Limits, type Responder } from './respond';
import { createClients } from './adapters/clients';
import { readHandlerEnvironment, type Environment } from './adapters/environment';
import { MailSender } from './adapters/mail-sender';
import { MailStore } from './adapters/mail-store';
import { countDecision, countRepeat, createLogger, createMetrics, decisionLog } from './adapters/observability';
import { receiptFromEvent, sesRecord, whatSesRecorded } from './adapters/ses-event';
import { DynamoDbStateStore } from './state/dynamodb-state-store';
import { DecisionStore } from './state/decision-store';
import { lookupHistory } from './state/history';
import { idempotency } from './state/idempotency';
import { limitsFor } from './state/limits';
import { bouncedAnswer, failOnStaffBounce, handOverBouncedAnswer, reportedBefore } from './inbound/bounces';
import { handOver } from './inbound/hand-over';
import { recordDecision, takeStaffReply } from './inbound/records';
import { sendAll } from './inbound/send-once';
import type { Dependencies, HandlerResult } from './inbound/types';

export type { HandlerResult };

export type SesHandler = (event: SESEvent, context: Context) => Promise<HandlerResult>;

/**
 * The screening rules that drop mail giving our own or a staff address as its sender: read for no bounce,
 * since no mail server writes one from those, and staff mail may show our Message-IDs (a forward).
 */
const OUR_SENDERS: readonly ScreenRuleName[] = ['from-ourselves', 'claims-our-address', 'claims-staff-address'];

/** What the pipeline had read when it failed: the hand-over shows what it can of it. */
interface WhatWasRead {
  receivedAt?: Date;
  raw?: Buffer;
  message?: InboundMessage;
  fromVouched?: boolean;
  /** The message is a bounce (`readBounce`): its sender is a mail server, no writer. */
  bounce?: true;
  /** What the escalation cap gave its mail to staff: the one notice that the cap was reached must reach staff. */
  escalation?: EscalationSlot;
}

/**
 * One attempt at an event, for the wrapper around it: its number once counted, and what it decided once the
 * message is done (`countDecision`'s arguments), counted only when the event ends with it, so that an attempt that
 * fails after deciding (its idempotency record not completed) publishes nothing, the count by rule included.
 */
interface Attempt {
  attempt?: number;
  decided?: { decision: Pick<Decision, 'kind' | 'rule'>; receivedAt: Date; handedOver?: boolean };
}

/**
 * The handler for one environment (the stack's variables, or the local cloud's). It
 * loads the FAQ index the stack built (or builds it from the Markdown), the clients and
 * the state store once; the function it returns handles any number of events.
 */
export function createHandler(env: Environment): SesHandler {
  const settings = readHandlerEnvironment(env);
  const clients = createClients(settings);
  const logger = createLogger();
  const metrics = createMetrics(env);
  const config = loadConfig(env);
  const responder = loadResponder(config, settings);
  const deps: Dependencies = {
    responder,
    release: releaseId(codeFingerprint(), responder),
    mailStore: new MailStore(clients.s3, settings.mailBucket, settings.mailPrefix),
    mailSender: new MailSender(clients.ses, settings.region),
    state: new DynamoDbStateStore({ documents: clients.documents, table: settings.stateTable }),
    decisions: new DecisionStore({ documents: clients.documents, table: settings.stateTable, retentionDays: config.decisionRetentionDays }),
    logger,
    attempts: settings.attempts,
    region: settings.region,
  };
  const oncePerMessage = idempotency(clients.documents, settings.stateTable, (result) => {
    logger.info('This SES message was processed before; nothing to do', { result: result as Record<string, unknown> });
    countRepeat(metrics);
  });

  /**
   * The pipeline proper, from the raw message `reading` reads; throws on any failure. `read`
   * keeps what was read for the failure path. `responder` is in the mode of the message's first attempt;
   * `lastChance`: no retry follows this attempt; `counted` takes what it decided.
   */
  const process = async (
    event: SESEvent,
    reading: Promise<Buffer>,
    read: WhatWasRead,
    responder: Responder,
    lastChance: boolean,
    counted: Attempt,
  ): Promise<HandlerResult> => {
    const record = sesRecord(event);
    const inboundId = record.ses.mail.messageId;
    const receivedAt = new Date(record.ses.mail.timestamp);
    read.receivedAt = receivedAt;
    const location = deps.mailStore.locate(inboundId);
    const raw = await reading;
    read.raw = raw;
    // The limits are reserved in the state table before anything is sent (see ./state/limits).
    const reserved = limitsFor(deps.state, responder.config, inboundId, receivedAt);
    const limits: Limits = {
      ...reserved,
      reserveEscalation: async (sender) => (read.escalation = await reserved.reserveEscalation(sender)),
    };
    const staffMails = { staffAddresses: responder.config.staffAddresses, decisions: deps.decisions };
    const history = (message: InboundMessage, claim: boolean) =>
      lookupHistory(deps.state, message, { staffMails, ...(claim ? { inboundId } : {}) });
    const stored = { storedAt: location.uri, inboundId };
    const outcome = await takeStaffReply(deps, await respond(responder, raw, receiptFromEvent(record), history, stored, limits));
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
    const fromOurAddress = (OUR_SENDERS as readonly string[]).includes(decision.rule);
    const bounce = decision.kind === 'ignore' && screenedOut(decision.rule) && !fromOurAddress ? await readBounce(raw) : undefined;
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
      counted.decided = { decision: { kind: handed.decision, rule: handed.rule }, receivedAt };
      return handed;
    }
    if (decision.kind === 'ignore') {
      // Neither answered nor handed over (automatic or flagged mail): the raw message stays
      // in S3 until the bucket's lifecycle expires it, for anyone who wants to look.
      const details = { rule: decision.rule, reason: decision.reason, storedAt: location.uri };
      // Mail from staff or our own addresses is never answered (a loop, or a colleague answered by
      // machine); a warning, not a quiet info line, so that a staff message to the inbox is seen.
      if (decision.rule === 'from-ourselves') logger.warn('Mail from one of our own or a staff address; not answered, kept in S3', details);
      else if (decision.rule === 'claims-our-address')
        logger.warn('Mail giving our own address as sender, without our marks; not answered, listed in the digest, kept in S3', details);
      else if (decision.rule === 'claims-staff-address')
        logger.warn(
          'Mail giving a staff address as sender that its authentication does not vouch for; not answered, listed in the digest, kept in S3',
          details,
        );
      else logger.info('Ignored; the message is kept in S3', details);
    }
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
    counted.decided = { decision, receivedAt, handedOver: uncertain.length > 0 };
    return { sesMessageId: inboundId, decision: decision.kind, rule: decision.rule, sent, ...heldBack };
  };

  /**
   * One event, once per SES message id (`inboundId`, the idempotency key: see ./state/idempotency);
   * `reading` reads its raw message (see below).
   */
  const processEvent = async (
    inboundId: string,
    _context: Context,
    event: SESEvent,
    reading: Promise<Buffer>,
    counted: Attempt,
  ): Promise<HandlerResult> => {
    // Counted before anything can fail; if the count itself fails, Lambda retries the event
    // (and after the last retry the dead-letter queue's alarm tells the operator).
    const { config } = deps.responder;
    const { count: attempt, mode: first } = await deps.state.countAttempt(inboundId, config.mode);
    counted.attempt = attempt;
    // Past Lambda's own attempts the event was invoked again by hand (a dead letter, docs/operate.md): nothing of it is
    // in flight, and shadow mode deployed since is the operator's stop, which the first attempt's auto must not outrun.
    const reinvoked = attempt > deps.attempts;
    const mode = reinvoked && config.mode === 'shadow' ? config.mode : first;
    if (mode !== config.mode)
      logger.warn('The first attempt at this message ran in another mode; it is finished in that mode', { mode, deployed: config.mode });
    else if (first !== config.mode)
      logger.warn('A message invoked again after its last attempt runs in shadow mode, deployed since its first attempt in auto', {
        attempt,
      });
    const responder = mode === config.mode ? deps.responder : { ...deps.responder, config: { ...config, mode } };
    const read: WhatWasRead = {};
    try {
      return await process(event, reading, read, responder, attempt >= deps.attempts, counted);
    } catch (error) {
      // Never handed over: the hand-over would go to the address that bounced, and bounce back here.
      if (error instanceof StaffUnreachableError) throw error;
      const ours = error instanceof PipelineError;
      if (!ours && attempt < deps.attempts) throw error;
      const why = ours ? 'a defect in faqmail (retrying would fail the same way)' : `attempt ${attempt} of ${deps.attempts}, the last`;
      logger.error('Processing failed; handing the message to staff', { attempt, error: error as Error });
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
      // This message took the one notice that its sender reached the escalation cap: the sender's later mail today is held.
      const { reason } = read.escalation === 'notice' ? escalationCapped(failed, 'notice', config.senderDailyEscalations) : failed;
      const handed = await handOver(deps, {
        inboundId,
        // A record with no receipt time is filed by when it was decided (decisionRecord).
        receivedAt: read.receivedAt ?? new Date(Number.NaN),
        location: deps.mailStore.locate(inboundId),
        raw: read.raw,
        message: read.bounce ? undefined : read.message,
        fromVouched: read.fromVouched,
        rule: 'processing-failed',
        lastChance: true,
        reason,
      });
      counted.decided = { decision: failed, receivedAt: read.receivedAt ?? new Date(Number.NaN) };
      return handed;
    }
  };

  const idempotent = makeIdempotent(processEvent, oncePerMessage);

  return async (event, context) => {
    logger.addContext(context);
    const sesMessageId = event?.Records?.[0]?.ses?.mail?.messageId;
    logger.appendKeys({ sesMessageId });
    // The raw message is read while the idempotency record is written and the attempt counted, so
    // that their answers are waited for together (a repeated event reads it for nothing). A failed
    // read fails the pipeline, once the attempt is counted; a failure before that ends the event.
    const reading = sesMessageId ? deps.mailStore.read(sesMessageId) : Promise.reject(new Error('The event names no SES message'));
    reading.catch(() => undefined);
    const counted: Attempt = {};
    try {
      const result = await idempotent(sesMessageId, context, event, reading, counted);
      // The attempt that ends the event counts its message, once (a repeated event decided nothing now).
      if (counted.decided) countDecision(metrics, counted.decided.decision, counted.decided.receivedAt, counted.decided.handedOver);
      return result;
    } catch (error) {
      if (error instanceof IdempotencyAlreadyInProgressError) {
        // Another invocation holds this message and will finish it, or fail and be retried by
        // Lambda itself: this duplicate event can end here, without counting as an error.
        logger.warn('Another invocation is processing this message; this duplicate event ends here', { error: error.message });
        return { sesMessageId, decision: 'ignore', rule: 'in-progress', sent: [] };
      }
      // Logged here with the message id; thrown on so that Lambda retries, then dead-letters.
      logger.error(whatFollows(counted.attempt, deps.attempts), { attempt: counted.attempt, error: error as Error });
      throw error;
    } finally {
      if (metrics.hasStoredMetrics()) metrics.publishStoredMetrics();
      logger.resetKeys();
    }
  };
}

/**
 * What follows a failed attempt (`attempt` of Lambda's `attempts`; unknown when it failed before
 * being counted), for the operator reading the log: a retry, or the dead-letter queue.
 */
function whatFollows(attempt: number | undefined, attempts: number): string {
  if (attempt === undefined)
    return 'Processing failed before the attempt was counted; Lambda retries the event, or after its last attempt puts it in the dead-letter queue';
  if (attempt < attempts) return 'Processing failed; Lambda retries the event';
  if (attempt === attempts) return 'Processing failed on the last attempt; the event goes to the dead-letter queue';
  // A dead letter invoked again (docs/deploy.md) is a new asynchronous invocation, with Lambda's retries of its own.
  return 'Processing failed on an event invoked again after its last attempt; Lambda retries that invocation, then puts it in the dead-letter queue again';
}

let built: SesHandler | undefined;

/**
 * The function's entry point. Built on the first event rather than at import, so that the
 * local cloud and tests can set the environment before anything reads it; in Lambda that
 * is still once per container.
 */
export const handler: SesHandler = async (event, context) => {
  try {
    built ??= createHandler(process.env);
  } catch (error) {
    // The same line `npm start` and `cdk synth` print; the event is retried, then dead-lettered.
    if (error instanceof ConfigError || error instanceof ContentError) console.error(startupFailure(error));
    throw error;
  }
  return built(event, context);
};
