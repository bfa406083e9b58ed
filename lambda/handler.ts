/**
 * The Lambda function SES inbound invokes: SES event → raw message from S3 → the pipeline's
 * decision (`respond`) → each mail sent through SES → what was sent recorded.
 *
 * Exactly once holds across retries and repeated deliveries: the idempotency utility runs
 * each SES message id once to completion, a send marker per mail keeps a retry from sending
 * again what a failed attempt already sent, and a claim on the writer's Message-ID keeps a
 * second copy of the same message (a new SES id) from being answered again.
 *
 * This module wires the dependencies, runs each event once (idempotency), and publishes the metrics; the steps
 * live in ./inbound/, one job each: an attempt at an event, counted, and its failure (process-event), the
 * pipeline for one message (process-message), the hand-over of a message whose processing failed
 * (processing-failed), logging ignored mail (ignored), sending once (send-once), handing over to staff
 * (hand-over), the decision records and staff verdicts (records), and bounces of our mail (bounces).
 */
import { IdempotencyAlreadyInProgressError, makeIdempotent } from '@aws-lambda-powertools/idempotency';
import type { Logger } from '@aws-lambda-powertools/logger';
import type { Context, SESEvent } from 'aws-lambda';
import { ConfigError, loadConfig, startupFailure } from './config';
import { ContentError } from './content/content-error';
import { codeFingerprint, loadResponder } from './precomputed';
import type { Responder } from './respond';
import type { ParseOptions } from './mail/parse';
import { releaseId } from './release-id';
import { createClients, type AwsClients } from './adapters/clients';
import { readHandlerEnvironment, type Environment, type HandlerEnvironment } from './adapters/environment';
import { MailSender } from './adapters/mail-sender';
import { MailStore } from './adapters/mail-store';
import { countDecision, countRepeat, createLogger, createMetrics } from './adapters/observability';
import { DynamoDbStateStore } from './state/dynamodb-state-store';
import { DecisionStore } from './state/decision-store';
import { idempotency } from './state/idempotency';
import { processEvent, type Attempt } from './inbound/process-event';
import type { Dependencies, HandlerResult } from './inbound/types';

export type { HandlerResult };

export type SesHandler = (event: SESEvent, context: Context) => Promise<HandlerResult>;

export interface HandlerOptions {
  /**
   * How raw mail is read; the function itself keeps parseMessage's defaults. A test of mail that mailparser
   * never finishes sets a shorter time limit than the 10 s it would otherwise sit idle through.
   */
  parse?: ParseOptions;
}

/**
 * The handler for one environment (the stack's variables, or the local cloud's). It
 * loads the FAQ index the stack built (or builds it from the Markdown), the clients and
 * the state store once; the function it returns handles any number of events.
 */
export function createHandler(env: Environment, options: HandlerOptions = {}): SesHandler {
  const settings = readHandlerEnvironment(env);
  const clients = createClients(settings);
  const logger = createLogger();
  const metrics = createMetrics(env);
  const deps = { ...handlerDependencies(settings, loadResponder(loadConfig(env), settings), logger, clients), ...options };
  const oncePerMessage = idempotency(clients.documents, settings.stateTable, (result) => {
    logger.info('This SES message was processed before; nothing to do', { result: result as Record<string, unknown> });
    countRepeat(metrics);
  });

  // The SES message id (the idempotency key: see ./state/idempotency) first, the context second, where the utility looks for it.
  const idempotent = makeIdempotent(
    (inboundId: string, _context: Context, event: SESEvent, reading: Promise<Buffer>, counted: Attempt) =>
      processEvent(deps, inboundId, event, reading, counted),
    oncePerMessage,
  );

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
 * What the handler's steps work with, for the stack's (or the local cloud's) table, bucket and SES: also what
 * `npm run forward-held` hands held mail to staff with, so that it goes as the handler would have sent it.
 */
export function handlerDependencies(
  settings: HandlerEnvironment,
  responder: Responder,
  logger: Logger,
  clients: AwsClients = createClients(settings),
): Dependencies {
  return {
    responder,
    release: releaseId(codeFingerprint(), responder),
    mailStore: new MailStore(clients.s3, settings.mailBucket, settings.mailPrefix),
    mailSender: new MailSender(clients.ses, settings.region),
    state: new DynamoDbStateStore({ documents: clients.documents, table: settings.stateTable }),
    decisions: new DecisionStore({
      documents: clients.documents,
      table: settings.stateTable,
      retentionDays: responder.config.decisionRetentionDays,
    }),
    logger,
    attempts: settings.attempts,
    region: settings.region,
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
