/**
 * The Lambda function SES inbound invokes: SES event → raw message from S3 → the pipeline's
 * decision (`respond`) → each mail sent through SES → what was sent recorded.
 *
 * Every failure (S3, SES, DynamoDB) propagates: Lambda retries the event, and after the
 * retries it lands in the dead-letter queue with the message still in S3. Exactly once
 * holds across those retries and repeated deliveries: the idempotency utility runs each
 * SES message id once to completion, and a per-mail sent marker keeps a retry from sending
 * again what a failed attempt already sent.
 */
import { makeIdempotent } from '@aws-lambda-powertools/idempotency';
import type { Logger } from '@aws-lambda-powertools/logger';
import type { Context, SESEvent } from 'aws-lambda';
import { loadConfig } from './config';
import type { DecisionKind, InboundMessage, OutboundMail } from './domain';
import { createResponder, respond, type Outcome, type Responder } from './respond';
import { createClients } from './adapters/clients';
import { readHandlerEnvironment, type Environment } from './adapters/environment';
import { MailSender, sesMessageIdHeader } from './adapters/mail-sender';
import { MailStore } from './adapters/mail-store';
import { countDecision, countRepeat, createLogger, createMetrics, decisionLog, maskAddress } from './adapters/observability';
import { receiptFromEvent, sesRecord } from './adapters/ses-event';
import { DynamoDbStateStore } from './state/dynamodb-state-store';
import { decisionRecord } from './state/decision-record';
import { DecisionStore } from './state/decision-store';
import { lookupFollowUp, lookupHistory } from './state/history';
import { idempotency } from './state/idempotency';
import type { StateStore } from './state/state-store';

/** What one invocation did; also what the idempotency record keeps and a repeated event returns. */
export interface HandlerResult {
  sesMessageId: string;
  decision: DecisionKind;
  rule: string;
  sent: Array<{ kind: OutboundMail['kind']; sesMessageId: string }>;
  /** Shadow mode held back the reply the decision called for (staff got it as a proposal). */
  heldBack?: true;
}

export type SesHandler = (event: SESEvent, context: Context) => Promise<HandlerResult>;

interface Dependencies {
  responder: Responder;
  mailStore: MailStore;
  mailSender: MailSender;
  state: StateStore;
  decisions: DecisionStore;
  logger: Logger;
  region: string;
}

/**
 * Sends each mail that no earlier attempt sent. Mails are told apart by kind and position
 * (`reply#0`, `escalation#0`): a retry decides as the first attempt did (the history
 * lookup leaves out this message's own answer), so the slots line up.
 */
async function sendAll(deps: Dependencies, inboundId: string, mails: readonly OutboundMail[]): Promise<HandlerResult['sent']> {
  const { mailSender, state, logger } = deps;
  const perKind = new Map<OutboundMail['kind'], number>();
  const sent: HandlerResult['sent'] = [];
  for (const mail of mails) {
    const position = perKind.get(mail.kind) ?? 0;
    perKind.set(mail.kind, position + 1);
    const slot = `${mail.kind}#${position}`;
    const to = mail.to.map(maskAddress);
    let record = await state.sentFor(inboundId, slot);
    if (record) {
      logger.info('Already sent by an earlier attempt; not sending again', { kind: mail.kind, to, outboundSesMessageId: record.sesMessageId });
    } else {
      record = await mailSender.send(mail);
      // The send and this record cannot be one transaction: a function that dies between
      // the two sends this mail again on retry. Everything else is repeatable.
      const first = await state.recordSent(inboundId, slot, record);
      if (first) logger.info('Sent', { kind: mail.kind, to, outboundSesMessageId: record.sesMessageId });
      else logger.error('Sent a mail that another invocation had already sent for this message', { kind: mail.kind, slot, outboundSesMessageId: record.sesMessageId });
    }
    if (mail.kind === 'reply') await state.recordAnswerSent({ messageIdHeader: record.messageIdHeader, inboundId, writers: mail.to });
    sent.push({ kind: mail.kind, sesMessageId: record.sesMessageId });
  }
  return sent;
}

/**
 * Keeps the record of the decision (for the digest and staff verdicts), after the mails
 * went out so that it can name them. A failure here fails the invocation like any other:
 * the retry sends nothing twice and writes the record.
 */
async function recordDecision(
  deps: Dependencies,
  facts: { inboundId: string; receivedAt: Date; outcome: Outcome; sent: HandlerResult['sent'] },
): Promise<void> {
  const { outcome, sent } = facts;
  const messageIdOf = (kind: OutboundMail['kind']) => {
    const mail = sent.find((s) => s.kind === kind);
    return mail ? sesMessageIdHeader(mail.sesMessageId, deps.region) : undefined;
  };
  const followUpTo = outcome.message ? await lookupFollowUp(deps.state, deps.decisions, outcome.message) : undefined;
  await deps.decisions.write(
    decisionRecord({
      inboundId: facts.inboundId,
      receivedAt: facts.receivedAt,
      decidedAt: new Date(),
      outcome,
      sent: { reply: messageIdOf('reply'), escalation: messageIdOf('escalation') },
      followUpTo,
      keepText: deps.responder.config.recordQuestionText,
    }),
  );
}

/**
 * Records a staff verdict on the decision it judges; logs staff mail that is not taken as
 * one (a note without a verdict, or a verdict that failed a check), so none goes unseen.
 */
async function takeStaffReply(deps: Dependencies, outcome: Outcome): Promise<void> {
  const reply = outcome.staffReply;
  const { logger } = deps;
  if (!reply) return;
  if (reply.kind === 'refused') {
    logger.warn('A verdict-looking reply from a staff address was not taken; the message is decided like any other', { why: reply.why });
  } else if (reply.kind === 'note') {
    const note = 'A reply from staff to one of our staff mails has no verdict on its first line; logged, nothing done';
    logger.warn(note, { about: reply.inboundId, firstLine: reply.firstLine });
  } else if (await deps.decisions.attachVerdict({ inboundId: reply.inboundId }, reply.verdict)) {
    logger.info('Staff verdict recorded', { about: reply.inboundId, ...reply.verdict, evidence: reply.evidence });
  } else {
    logger.warn('A staff verdict names a decision no longer on record; not recorded', { about: reply.inboundId, ...reply.verdict });
  }
}

/**
 * The handler for one environment (the stack's variables, or the local cloud's). It
 * builds the FAQ index, the clients and the state store once; the function it returns
 * handles any number of events.
 */
export function createHandler(env: Environment): SesHandler {
  const settings = readHandlerEnvironment(env);
  const clients = createClients(settings);
  const logger = createLogger();
  const metrics = createMetrics();
  const config = loadConfig(env);
  const deps: Dependencies = {
    responder: createResponder(config, settings.contentDir),
    mailStore: new MailStore(clients.s3, settings.mailBucket, settings.mailPrefix),
    mailSender: new MailSender(clients.ses, settings.region),
    state: new DynamoDbStateStore({ documents: clients.documents, table: settings.stateTable }),
    decisions: new DecisionStore({ documents: clients.documents, table: settings.stateTable, retentionDays: config.decisionRetentionDays }),
    logger,
    region: settings.region,
  };
  const oncePerMessage = idempotency(clients.dynamodb, settings.stateTable, (result) => {
    logger.info('This SES message was processed before; nothing to do', { result: result as Record<string, unknown> });
    countRepeat(metrics);
  });

  const processEvent = async (event: SESEvent, _context: Context): Promise<HandlerResult> => {
    const record = sesRecord(event);
    const inboundId = record.ses.mail.messageId;
    const location = deps.mailStore.locate(inboundId);
    const raw = await deps.mailStore.read(inboundId);
    const staffMails = { staffAddresses: deps.responder.config.staffAddresses, decisions: deps.decisions };
    const history = (message: InboundMessage) => lookupHistory(deps.state, message, inboundId, staffMails);
    const outcome = await respond(deps.responder, raw, receiptFromEvent(record), history, location.uri);
    const { decision, message } = outcome;
    const writer = message?.from?.address;
    const heldBack = outcome.heldBack ? { heldBack: true as const } : {};
    const from = writer === undefined ? undefined : maskAddress(writer);
    logger.info('Decided', { ...decisionLog(decision), from, size: raw.length, ...heldBack });
    await takeStaffReply(deps, outcome);
    if (decision.kind === 'ignore') {
      // Neither answered nor handed over (automatic or flagged mail): the raw message stays
      // in S3 until the bucket's lifecycle expires it, for anyone who wants to look.
      logger.info('Ignored; the message is kept in S3', { rule: decision.rule, reason: decision.reason, storedAt: location.uri });
    }
    const sent = await sendAll(deps, inboundId, outcome.mails);
    await recordDecision(deps, { inboundId, receivedAt: new Date(record.ses.mail.timestamp), outcome, sent });
    countDecision(metrics, decision, new Date(record.ses.mail.timestamp));
    return { sesMessageId: inboundId, decision: decision.kind, rule: decision.rule, sent, ...heldBack };
  };

  const idempotent = makeIdempotent(processEvent, oncePerMessage);

  return async (event, context) => {
    logger.addContext(context);
    const sesMessageId = event?.Records?.[0]?.ses?.mail?.messageId;
    logger.appendKeys({ sesMessageId });
    try {
      return await idempotent(event, context);
    } catch (error) {
      // Logged here with the message id; thrown on so that Lambda retries, then dead-letters.
      if ((error as Error).name === 'IdempotencyAlreadyInProgressError') {
        logger.warn('Another invocation is processing this message; the event will be retried', error as Error);
      } else {
        logger.error('Processing failed; the event will be retried', error as Error);
      }
      throw error;
    } finally {
      if (metrics.hasStoredMetrics()) metrics.publishStoredMetrics();
      logger.resetKeys();
    }
  };
}

let built: SesHandler | undefined;

/**
 * The function's entry point. Built on the first event rather than at import, so that the
 * local cloud and tests can set the environment before anything reads it; in Lambda that
 * is still once per container.
 */
export const handler: SesHandler = (event, context) => {
  built ??= createHandler(process.env);
  return built(event, context);
};
