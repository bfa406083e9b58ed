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
 * event ends there (see `handOver` for a hand-over SES does not take). Only if that fails too
 * does the event reach the dead-letter queue, whose alarm tells the operator.
 */
import { IdempotencyAlreadyInProgressError, makeIdempotent } from '@aws-lambda-powertools/idempotency';
import type { Logger } from '@aws-lambda-powertools/logger';
import type { Context, SESEvent } from 'aws-lambda';
import { composeEscalation, type Undelivered } from './compose/escalation';
import { ConfigError, loadConfig, startupFailure } from './config';
import { ContentError } from './content/content-error';
import { escalationCapped } from './decide';
import {
  answersOf,
  entriesNamed,
  type Decision,
  type DecisionKind,
  type FaqEntry,
  type InboundMessage,
  type OutboundMail,
  type RuleName,
} from './domain';
import { allDone } from './all-done';
import { comparable } from './comparable-address';
import { PipelineError, SendFailedError, StaffUnreachableError } from './failures';
import { addressesNamed, failedStatuses, readBounce, returnedIds, serversSaid, whoRefused, type Bounce } from './mail/delivery-status';
import { UnparseableMailError } from './mail/parse';
import { screenedOut } from './screen/rules';
import { maskAddress } from './mask-address';
import { oneLine } from './one-line';
import { codeFingerprint, loadResponder } from './precomputed';
import { releaseId } from './release-id';
import { readMessage, respond, verdictWithoutRecord, type Limits, type Outcome, type Responder } from './respond';
import { overruling } from './verdicts/overrule';
import { createClients } from './adapters/clients';
import { readHandlerEnvironment, type Environment } from './adapters/environment';
import { MailSender, sesMessageIdHeader } from './adapters/mail-sender';
import { MailStore, type StoredMailLocation } from './adapters/mail-store';
import { countDecision, countRepeat, createLogger, createMetrics, decisionLog } from './adapters/observability';
import { receiptFromEvent, sesRecord } from './adapters/ses-event';
import { DynamoDbStateStore } from './state/dynamodb-state-store';
import { addressHash } from './state/table-schema';
import { decisionRecord, type DecisionFacts } from './state/decision-record';
import { DecisionStore } from './state/decision-store';
import { lookupHistory } from './state/history';
import { idempotency } from './state/idempotency';
import { limitsFor } from './state/limits';
import type { RepliedAnswer, SentRecord, StateStore } from './state/state-store';

/** What one invocation did; also what the idempotency record keeps and a repeated event returns. */
export interface HandlerResult {
  sesMessageId: string;
  decision: DecisionKind;
  rule: RuleName;
  sent: Array<{ kind: OutboundMail['kind']; sesMessageId: string }>;
  /** Shadow mode held back the reply the decision called for (staff got it as a proposal). */
  heldBack?: true;
}

export type SesHandler = (event: SESEvent, context: Context) => Promise<HandlerResult>;

interface Dependencies {
  responder: Responder;
  /** The release id of `responder` and this code (`releaseId`), kept in each decision record. */
  release: string;
  mailStore: MailStore;
  mailSender: MailSender;
  state: StateStore;
  decisions: DecisionStore;
  logger: Logger;
  /** Lambda's attempts per event (first + retries). */
  attempts: number;
  region: string;
}

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
 * `sending` is recorded as uncertain at once: the writer may have it and reply to it.
 */
async function sendOnce(
  deps: Dependencies,
  inboundId: string,
  slot: string,
  mail: OutboundMail,
  answered: readonly string[],
): Promise<Sent | 'uncertain'> {
  const { mailSender, state, logger } = deps;
  const to = mail.to.map(maskAddress);
  const recordAnswer = async (messageIdHeader: string, uncertain?: { uncertain: true }) => {
    if (mail.kind === 'reply')
      await state.recordAnswerSent({ messageIdHeader, inboundId, writers: mail.to, entryIds: [...answered], ...uncertain });
  };
  const earlier = await state.beginSend(inboundId, slot);
  if (earlier?.status === 'sent') {
    const outboundSesMessageId = earlier.sent.sesMessageId;
    logger.info('Already sent by an earlier attempt; not sending again', { kind: mail.kind, slot, to, outboundSesMessageId });
    return { record: earlier.sent, writeRecords: () => recordAnswer(earlier.sent.messageIdHeader) };
  }
  if (earlier?.status === 'sending' && mail.kind === 'reply') {
    logger.warn('An earlier attempt stopped while sending this answer; not sending it again', { slot, to, startedAt: earlier.startedAt });
    // The Message-ID SES gave it, if it sent it, was lost with SES's answer; a reply to it names the writer's
    // message too (References), unless the writer's message had no Message-ID to thread under.
    if (mail.inReplyTo) await recordAnswer(mail.inReplyTo, { uncertain: true });
    return 'uncertain';
  }
  let record: SentRecord;
  try {
    record = await mailSender.send(mail);
  } catch (error) {
    if (error instanceof SendFailedError && error.certainlyNotSent) await state.releaseSend(inboundId, slot);
    throw error;
  }
  logger.info('Sent', { kind: mail.kind, slot, to, outboundSesMessageId: record.sesMessageId });
  return { record, writeRecords: () => allDone([state.finishSend(inboundId, slot, record), recordAnswer(record.messageIdHeader)]) };
}

/**
 * Sends each mail that no earlier attempt sent. Mails are told apart by kind and position
 * (`reply#0`, `escalation#0`): a retry decides as the first attempt did (the history
 * lookup leaves out this message's own answer), so the slots line up. Each mail's records are
 * written before the next is sent, so that a stop during a later send leaves no earlier marker
 * `sending`; the last one's are the caller's to write, beside the decision record.
 */
async function sendAll(
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

/** What the pipeline had read when it failed: the hand-over shows what it can of it. */
interface WhatWasRead {
  receivedAt?: Date;
  raw?: Buffer;
  message?: InboundMessage;
  fromVouched?: boolean;
  /** The message is a bounce (`readBounce`): its sender is a mail server, no writer. */
  bounce?: true;
}

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
  /** Its automatic answer bounced: what the report says, the entries that answer held, and whom it went to (see `EscalationInput`). */
  undelivered?: { report: Undelivered; earlierAnswer: FaqEntry[]; answeredAddress?: string };
  /** No retry will follow a failure: the last attempt, or a defect that would fail every one. */
  lastChance: boolean;
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
async function handOver(deps: Dependencies, what: HandOver): Promise<HandlerResult> {
  const { config } = deps.responder;
  const { rule, reason } = what;
  const storedAt = what.location.uri;
  const decided: Decision = { kind: 'escalate', candidates: [], rule, reason };
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
      handed = await sendOnce(deps, what.inboundId, `${rule}#0`, mail, []);
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
    handed = await sendOnce(deps, what.inboundId, `${rule}#1`, mail, []);
  }
  if (handed !== 'uncertain') await handed.writeRecords();
  const sent = handed === 'uncertain' || !mail ? [] : [{ kind: mail.kind, sesMessageId: handed.record.sesMessageId }];
  // The mail reached staff: a record that cannot be written now must not fail the event into the dead-letter queue.
  await recordDecision(deps, {
    inboundId: what.inboundId,
    receivedAt: what.receivedAt,
    outcome: { decision: decided, message: what.message },
    sent,
  }).catch((error: unknown) =>
    deps.logger.warn('The hand-over went out; its decision record could not be written', { error: error as Error }),
  );
  return { sesMessageId: what.inboundId, decision: 'escalate', rule: what.rule, sent };
}

/**
 * Keeps the record of the decision (for the digest and staff verdicts), once the mails went
 * out so that it can name them (beside the last one's records). A failure here fails the
 * invocation like any other: the retry sends nothing twice and writes the record. A hand-over
 * made outside the decision (`handOver`) records one too, so that a staff verdict on it finds
 * its message; where the decision already has a record, that record stands (the first written wins).
 */
async function recordDecision(
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
async function takeStaffReply(deps: Dependencies, outcome: Outcome): Promise<Outcome> {
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
  } else if (reply.kind === 'note') {
    const note = 'A reply from staff to one of our staff mails has no verdict on its first line; logged, nothing done';
    logger.warn(note, { about: reply.inboundId, firstLine: reply.firstLine });
  } else {
    // Another staff member's different verdict on record is kept beside this one, which replaces it. Read first: two
    // replies on one message processed at the very same time may miss each other (the later verdict still wins).
    const earlier = await deps.decisions.get(reply.inboundId);
    const given = overruling(earlier?.verdict, reply.verdict);
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
    else if (attached === 'superseded')
      logger.warn('A staff verdict is older than the one on record; the later one stands', { about: reply.inboundId, ...given });
    else {
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

/**
 * What the SES event says of a message whose raw bytes could not be read (a missing object, a
 * wrong prefix, a key the function may not use): who it is from and its subject, so that staff
 * can reach the writer even when the stored original is gone. The writer's own words, unverified.
 */
function whatSesRecorded(event: SESEvent): string {
  const mail = event?.Records?.[0]?.ses?.mail;
  const common = mail?.commonHeaders;
  const from = common?.from?.join(', ') || mail?.source;
  const parts = [
    ...(from ? [`from ${oneLine(from, 300)}`] : []),
    ...(common?.subject !== undefined ? [`subject "${oneLine(common.subject, 200)}"`] : []),
    ...(common?.date ? [`dated ${oneLine(common.date, 60)}`] : []),
  ];
  return parts.length > 0 ? `SES recorded it as ${parts.join(', ')} (as the sender wrote them, unverified). ` : '';
}

/**
 * Fails the event (StaffUnreachableError) when a bounce screening dropped is one of our
 * hand-overs: SES forwards a bounce to the address our mail came from, the inbox, and dropped
 * as automatic mail it told nobody that the message handed over reached no person. Only a bounce
 * that returns the Message-ID of a staff mail we remember counts: SES gave that id, and only SES,
 * staff's mail servers and staff know it, while anyone can write a report naming a staff address,
 * and each would end in the dead-letter queue and raise its alarm. A standard report counts whichever
 * recipient it says failed: a staff mail goes to staff addresses alone, so a mailbox it names that
 * is none of them is one a staff address leads to (an alias, a forward) named without it. A report
 * naming a staff address that returns no mail we remember (the digest, a notice, or a forgery) is
 * logged as a warning. A bounce with no standard report (`unreported`) fails the event too, saying
 * that it may only be a delay warning: only a person reading it can tell, and the operator the
 * alarm calls is one.
 *
 * Once per hand-over: the first bounce of it (`inboundId`) claims the alarm, its retries keep it, and
 * a later one is logged. That id is no secret from the writer once staff answered them with Reply
 * (their reply's In-Reply-To names it), and every mail of the writer's that screening drops and that
 * shows it would otherwise fail into the dead-letter queue, an alarm at the writer's will. A hand-over
 * whose id the writer holds reached a person; a genuine later bounce of it finds the alarm raised.
 */
async function failOnStaffBounce(deps: Dependencies, bounce: Bounce, inboundId: string, location: StoredMailLocation): Promise<void> {
  const { staffAddresses, digestRecipients } = deps.responder.config;
  const ours = new Set([...staffAddresses, ...(digestRecipients ?? [])].map(comparable));
  const isOurs = (address: string | undefined) => address !== undefined && ours.has(comparable(address));
  const ids = returnedIds(bounce);
  // Looked up for any bounce (most return an answer to a writer, which is no staff mail): at most
  // a few reads, and only for mail screening dropped.
  const about = await deps.decisions.staffMailRepliedTo(ids);
  if (about === undefined) {
    if (bounce.kind === 'failed' && bounce.failed.recipients.some((r) => isOurs(r.address) || isOurs(r.original)))
      deps.logger.warn(
        'A delivery report says a staff address refused a mail that is no hand-over we remember (the digest, a notice, or a forgery)',
        {
          refused: whoRefused(bounce.failed),
          returns: ids,
          storedAt: location.uri,
        },
      );
    return;
  }
  const first = await deps.state.claimStaffBounce(about, inboundId);
  if (first !== undefined) {
    deps.logger.warn('Another bounce of this hand-over raised the alarm first; this one is only logged', {
      handedOver: about,
      firstBounce: first,
      storedAt: location.uri,
    });
    return;
  }
  const handedOver = `It handed over the message stored at ${deps.mailStore.locate(about).uri} (SES id ${about})`;
  if (bounce.kind === 'unreported')
    throw new StaffUnreachableError(
      `A hand-over to staff may have bounced: an automatic mail that is no standard delivery report returns it (stored at ${location.uri}), ` +
        'so faqmail cannot tell whether it says the hand-over failed or is only a delay warning. ' +
        `${handedOver}. Read the bounce: if the hand-over failed, no person has that message; nothing is handed over again, since it ` +
        'would bounce the same way: check the staff addresses and their mailboxes, then send the message on.',
    );
  throw new StaffUnreachableError(
    `A hand-over to staff bounced: ${whoRefused(bounce.failed)} refused it (the bounce is stored at ${location.uri}). ${handedOver}: ` +
      'no person has it. Nothing is handed over again, since it would bounce the same way: check the staff addresses and their ' +
      'mailboxes, then send the message on.',
  );
}

/**
 * The answer of ours that a bounce returns, from our records; undefined when it returns
 * none we remember. An answer recorded as uncertain does not count: it stands under the Message-ID
 * of the writer's own message, which no bounce of our answer returns as its own.
 */
async function bouncedAnswer(deps: Dependencies, bounce: Bounce): Promise<RepliedAnswer | undefined> {
  return (await deps.state.answersRepliedTo(returnedIds(bounce))).find((answer) => !answer.uncertain);
}

/**
 * Whether another delivery report (another SES id) already said that this answer failed, and so
 * claimed its hand-over: the refusing side may report twice, and SES forwards both. Staff were
 * told the writer has no answer; a second hand-over would say it again. Claimed per answer, so that
 * the first report's retries still hand over. A bounce with no standard report is handed over each
 * time: it may be the failure an earlier one (a delay warning, as far as faqmail can tell) only announced.
 */
async function reportedBefore(deps: Dependencies, bounce: Bounce, answer: RepliedAnswer, inboundId: string): Promise<boolean> {
  if (bounce.kind !== 'failed') return false;
  const first = await deps.state.claimBouncedAnswer(answer.messageIdHeader, inboundId);
  if (first !== undefined)
    deps.logger.info('Another report of this failed answer came first and claimed its hand-over; not handed over again', {
      answered: answer.inboundId,
      firstReport: first,
    });
  return first !== undefined;
}

interface BouncedAnswer {
  /** The report's SES id and receipt time: the hand-over and its decision record are filed by them. */
  inboundId: string;
  receivedAt: Date;
  /** Where the bounce is stored, and the bounce itself (attached for staff when it is no standard report). */
  report: StoredMailLocation;
  reportRaw: Buffer;
  bounce: Bounce;
  answer: RepliedAnswer;
  limits: Limits;
  /** No retry will follow: a message that still cannot be read is handed over without it. */
  lastChance: boolean;
}

/**
 * The address a bounced answer went to, when the bounce names it: our record of the answer keeps
 * only hashes of whom it went to, so an address the bounce names is confirmed (ours to show, no
 * longer the bounce's word) when its hash is one of them. Undefined when none is.
 */
async function answeredAddress(bounce: Bounce, raw: Buffer, answer: RepliedAnswer): Promise<string | undefined> {
  return (await addressesNamed(bounce, raw)).find((address) => answer.writers.includes(addressHash(address)));
}

/**
 * Hands staff the writer's message whose automatic answer a mailbox refused after SES took it
 * (a delivery report that says it failed and returns the answer's Message-ID): the writer has no
 * answer, and only a person can still reach them. The original is handed over like any other
 * (`handOver`, attached, Reply-To the writer), the first line saying that it was refused, with the
 * report's statuses, and the report's own words quoted below it (`Undelivered`).
 * Nothing goes to the writer automatically: the message is not decided again.
 *
 * A bounce with no standard report that returns the answer (`unreported`: a bounce written as plain
 * text) is handed over the same way, its first line saying only what is known: that mail returned
 * the answer, which may say it failed or only that it is delayed, and where it is stored for staff
 * to read. A delay warning then costs staff a look; staying silent would cost the writer their answer.
 *
 * A writer's message that cannot be read on the last attempt (an object the bucket's lifecycle
 * expired, or deleted) is handed over without it rather than the bounce in its place: the bounce's
 * sender is a mail server, no writer, and Reply to it would reach nobody. Reply then goes to the
 * inbox only, and the first line names the address the answer went to when the bounce names one
 * our records confirm (`answeredAddress`); the entries the answer held are shown as always.
 *
 * Every failure counts, whatever its status, 5.1.x (no such mailbox or domain) too, though a person
 * may seem unable to help there. The writer exists: the address just sent us mail its authentication
 * vouched for (an answer goes nowhere else), so "no such user" for it means a send-only address or
 * a receiving side that is broken or refusing in the wrong words. The status is the refusing side's
 * word, and a poor one to sort by: SES's own report in the shared real fixtures
 * (sisimai-lhost-amazonses-01.eml) says 5.0.0 "Unknown address error" for a server that answered
 * "5.7.1 Access denied", a policy refusal. And a person has ways the machine has not: an address or
 * number in the message, a colleague copied, their own records. It costs one mail to staff, within
 * the cap below, for each answer that bounced.
 *
 * Counted against the escalation cap apart from the writer's own mail, as unauthenticated mail is
 * (respond.ts): anyone who holds our answer's Message-ID (the writer, anyone they passed it on to)
 * can write such a report, and must not use up the writer's escalations for the day. What a report
 * can do is then what replying to our answer does: hand the writer's own message to staff.
 */
async function handOverBouncedAnswer(deps: Dependencies, bounced: BouncedAnswer): Promise<HandlerResult> {
  const { inboundId, receivedAt, answer, bounce } = bounced;
  const { config, faq } = deps.responder;
  const location = deps.mailStore.locate(answer.inboundId);
  // A failed read fails the attempt, for a retry to read it again. The last one hands over without it (its object may
  // be gone: the bucket's lifecycle keeps mail mailExpiryDays, which may be fewer than the answer's record is kept).
  const read = await deps.mailStore.read(answer.inboundId).catch((error: Error) => {
    if (!bounced.lastChance) throw error;
    return error;
  });
  const raw = read instanceof Error ? undefined : read;
  const parsed = raw && (await readMessage(raw));
  const message = parsed instanceof UnparseableMailError ? undefined : parsed;
  // Named only where the writer's message, which names them, is not shown.
  const sentTo = message ? undefined : await answeredAddress(bounce, bounced.reportRaw, answer);
  const storedAt = bounced.report.uri;
  // Only the statuses: the addresses and words of a report are anyone's, kept out of faqmail's lines (see `Undelivered`).
  const report: Undelivered =
    bounce.kind === 'failed'
      ? { kind: 'failed', statuses: failedStatuses(bounce.failed), refusedBy: whoRefused(bounce.failed), ...serversSaid(bounce.failed) }
      : { kind: 'unreported', storedAt, raw: bounced.reportRaw };
  const sent = `the automatic answer faqmail sent this message (${answer.messageIdHeader})`;
  const reason =
    (report.kind === 'failed'
      ? `A delivery report (stored at ${storedAt}) says that ${sent} failed after SES took it` +
        `${report.statuses.length > 0 ? ` (status ${report.statuses.join(', ')})` : ''}. `
      : `An automatic mail that is no standard delivery report (stored at ${storedAt}) returns ${sent} after SES took it: ` +
        'it may say the answer failed, or only that it is delayed; faqmail cannot tell which. ') +
    (read instanceof Error ? `The message it answered could not be read, on the last attempt (${read.message}). ` : '') +
    'Nothing more is sent to the writer automatically.';
  const decision: Decision = { kind: 'escalate', candidates: [], rule: 'answer-bounced', reason };
  const from = message?.from?.address ?? sentTo;
  const slot = from === undefined ? 'forward' : await bounced.limits.reserveEscalation(`answer-bounced:${from}`);
  const decided = slot === 'forward' ? decision : escalationCapped(decision, slot, config.senderDailyEscalations);
  // Logged without the report's text: it names the writer, whose address the logs only ever show masked.
  const said = bounce.kind === 'failed' ? { statuses: bounce.failed.recipients.map((r) => r.status) } : { standardReport: false };
  const logged = { answered: answer.inboundId, ...said, report: storedAt };
  if (decided.kind === 'ignore') {
    deps.logger.info('An answer bounced; the escalation cap holds the hand-over of the message it answered', logged);
    await recordDecision(deps, { inboundId, receivedAt, outcome: { decision: decided, message }, sent: [] });
    return { sesMessageId: inboundId, decision: decided.kind, rule: decided.rule, sent: [] };
  }
  deps.logger.warn('An automatic answer bounced; handing the message it answered to staff', logged);
  return handOver(deps, {
    inboundId,
    receivedAt,
    location,
    raw,
    message,
    // Answered, so its From is vouched: an answer goes only to a From address its authentication vouches for (answerAddress).
    fromVouched: true,
    rule: decided.rule,
    reason: decided.reason,
    lastChance: false,
    undelivered: { report, earlierAnswer: entriesNamed(faq, answer.entryIds), ...(sentTo ? { answeredAddress: sentTo } : {}) },
  });
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
  const metrics = createMetrics();
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
   * `lastChance`: no retry follows this attempt.
   */
  const process = async (
    event: SESEvent,
    reading: Promise<Buffer>,
    read: WhatWasRead,
    responder: Responder,
    lastChance: boolean,
  ): Promise<HandlerResult> => {
    const record = sesRecord(event);
    const inboundId = record.ses.mail.messageId;
    const receivedAt = new Date(record.ses.mail.timestamp);
    read.receivedAt = receivedAt;
    const location = deps.mailStore.locate(inboundId);
    const raw = await reading;
    read.raw = raw;
    // The limits are reserved in the state table before anything is sent (see ./state/limits).
    const limits = limitsFor(deps.state, responder.config, inboundId, receivedAt);
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
    // A bounce is automatic mail, which screening drops (not a staff reply, a copy or held mail). Never our own or a
    // staff address's: no mail server writes a bounce from those, and staff mail may show our Message-IDs (a forward).
    const bounce =
      decision.kind === 'ignore' && screenedOut(decision.rule) && decision.rule !== 'from-ourselves' ? await readBounce(raw) : undefined;
    if (bounce) {
      read.bounce = true;
      await failOnStaffBounce(deps, bounce, inboundId, location);
    }
    const returned = bounce && (await bouncedAnswer(deps, bounce));
    if (bounce && returned && !(await reportedBefore(deps, bounce, returned, inboundId)))
      return handOverBouncedAnswer(deps, {
        inboundId,
        receivedAt,
        report: location,
        reportRaw: raw,
        bounce,
        answer: returned,
        limits,
        lastChance,
      });
    if (decision.kind === 'ignore') {
      // Neither answered nor handed over (automatic or flagged mail): the raw message stays
      // in S3 until the bucket's lifecycle expires it, for anyone who wants to look.
      const details = { rule: decision.rule, reason: decision.reason, storedAt: location.uri };
      // Mail from staff or our own addresses is never answered (a loop, or a colleague answered by
      // machine); a warning, not a quiet info line, so that a staff message to the inbox is seen.
      if (decision.rule === 'from-ourselves') logger.warn('Mail from one of our own or a staff address; not answered, kept in S3', details);
      else logger.info('Ignored; the message is kept in S3', details);
    }
    const { sent, uncertain, recordLast } = await sendAll(
      deps,
      inboundId,
      outcome.mails,
      answersOf(decision).map((answer) => answer.entry.id),
    );
    await allDone([recordLast(), recordDecision(deps, { inboundId, receivedAt, outcome, sent })]);
    countDecision(metrics, decision, receivedAt);
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
    return { sesMessageId: inboundId, decision: decision.kind, rule: decision.rule, sent, ...heldBack };
  };

  /**
   * One event, once per SES message id (`inboundId`, the idempotency key: see ./state/idempotency);
   * `reading` reads its raw message (see below).
   */
  const processEvent = async (inboundId: string, _context: Context, event: SESEvent, reading: Promise<Buffer>): Promise<HandlerResult> => {
    // Counted before anything can fail; if the count itself fails, Lambda retries the event
    // (and after the last retry the dead-letter queue's alarm tells the operator).
    const { config } = deps.responder;
    const { count: attempt, mode: first } = await deps.state.countAttempt(inboundId, config.mode);
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
      return await process(event, reading, read, responder, attempt >= deps.attempts);
    } catch (error) {
      // Never handed over: the hand-over would go to the address that bounced, and bounce back here.
      if (error instanceof StaffUnreachableError) throw error;
      const ours = error instanceof PipelineError;
      if (!ours && attempt < deps.attempts) throw error;
      const why = ours ? 'a defect in faqmail (retrying would fail the same way)' : `attempt ${attempt} of ${deps.attempts}, the last`;
      logger.error('Processing failed; handing the message to staff', { attempt, error: error as Error });
      // What an earlier attempt sent the writer, so that staff do not answer again unawares; unknown when it cannot be read.
      const reply = await deps.state.sendMarker(inboundId, 'reply#0').catch(() => undefined);
      const answered =
        reply?.status === 'sent'
          ? `An earlier attempt sent the writer the automatic answer (SES message ${reply.sent.sesMessageId}). `
          : reply?.status === 'sending'
            ? 'An earlier attempt began sending the writer the automatic answer and stopped: SES may or may not have sent it. '
            : '';
      // A bounce is shown as no writer's message: Reply would go to its sender, a mail server, and reach nobody.
      const bounce = read.bounce
        ? 'It is a bounce: automatic mail a mail server wrote about mail of ours, which may have reached nobody. '
        : '';
      return handOver(deps, {
        inboundId,
        // A record with no receipt time is filed by when it was decided (decisionRecord).
        receivedAt: read.receivedAt ?? new Date(Number.NaN),
        location: deps.mailStore.locate(inboundId),
        raw: read.raw,
        message: read.bounce ? undefined : read.message,
        fromVouched: read.fromVouched,
        rule: 'processing-failed',
        lastChance: true,
        reason:
          (read.raw ? '' : whatSesRecorded(event)) +
          `Processing failed (${why}): ${(error as Error).message}. ${answered}${bounce}` +
          'Nothing further is sent automatically; the original is below.',
      });
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
    try {
      return await idempotent(sesMessageId, context, event, reading);
    } catch (error) {
      if (error instanceof IdempotencyAlreadyInProgressError) {
        // Another invocation holds this message and will finish it, or fail and be retried by
        // Lambda itself: this duplicate event can end here, without counting as an error.
        logger.warn('Another invocation is processing this message; this duplicate event ends here', { error: error.message });
        return { sesMessageId, decision: 'ignore', rule: 'in-progress', sent: [] };
      }
      // Logged here with the message id; thrown on so that Lambda retries, then dead-letters.
      logger.error('Processing failed; the event will be retried', error as Error);
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
