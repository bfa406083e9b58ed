/**
 * What the handler does with a bounce screening dropped: one of a hand-over to staff fails the
 * event (the alarm), one of an automatic answer hands the writer's message to staff.
 */
import { escalationCapped } from '../decide';
import type { Undelivered } from '../compose/escalation';
import { entriesNamed, type Decision } from '../domain';
import { comparable } from '../comparable-address';
import { StaffUnreachableError } from '../failures';
import { addressesNamed, failedStatuses, returnedIds, serversSaid, whoRefused, type Bounce } from '../mail/delivery-status';
import { UnparseableMailError } from '../mail/parse';
import { readMessage, type Limits } from '../respond';
import type { StoredMailLocation } from '../adapters/mail-store';
import { addressHash } from '../state/table-schema';
import type { RepliedAnswer } from '../state/state-store';
import { handOver } from './hand-over';
import { recordDecision } from './records';
import type { Dependencies, HandlerResult } from './types';

/**
 * Fails the event (StaffUnreachableError) when a bounce screening dropped is one of our
 * hand-overs: SES forwards a bounce to the address our mail came from, the inbox, and dropped
 * as automatic mail it told nobody that the message handed over reached no person. Only a bounce
 * that returns the Message-ID of a staff mail we remember counts: SES gave that id, and only SES,
 * staff's mail servers and staff know it, while anyone can write a report naming a staff address,
 * and each would end in the dead-letter queue and raise its alarm. A standard report counts whichever
 * recipient it says failed: a staff mail goes to staff addresses alone, so a mailbox it names that
 * is none of them is one a staff address leads to (an alias, a forward) named without it. A bounce
 * of a digest fails the event as well (`failOnDigestBounce`). A report naming a staff address that
 * returns no mail we remember (a forgery, or mail whose record expired or was never written) is
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
export async function failOnStaffBounce(
  deps: Dependencies,
  bounce: Bounce,
  inboundId: string,
  location: StoredMailLocation,
): Promise<void> {
  const { staffAddresses, digestRecipients } = deps.responder.config;
  const ours = new Set([...staffAddresses, ...(digestRecipients ?? [])].map(comparable));
  const isOurs = (address: string | undefined) => address !== undefined && ours.has(comparable(address));
  const ids = returnedIds(bounce);
  // Looked up for any bounce (most return an answer to a writer, which is no staff mail): at most
  // a few reads, and only for mail screening dropped.
  const about = await deps.decisions.staffMailRepliedTo(ids);
  if (about === undefined) {
    await failOnDigestBounce(deps, bounce, ids, location);
    if (bounce.kind === 'failed' && bounce.failed.recipients.some((r) => isOurs(r.address) || isOurs(r.original)))
      deps.logger.warn(
        'A delivery report says a staff address refused a mail that is no hand-over or digest we remember (a forgery, or one past its record)',
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
 * Fails the event (StaffUnreachableError) when the bounce returns a digest we sent (`rememberDigest`): the
 * digest alone lists the mail screening ignored on a guess, which a person may have written, and a digest
 * that reached nobody leaves that mail seen by nobody. As for a hand-over, only the Message-ID SES gave it
 * counts, which only SES and the digest recipients' side know; the next digest does not list that period's
 * mail again. Every bounce of it raises the alarm: no writer holds its Message-ID to raise it at will.
 */
async function failOnDigestBounce(deps: Dependencies, bounce: Bounce, ids: readonly string[], location: StoredMailLocation) {
  const period = await deps.decisions.digestNamed(ids);
  if (period === undefined) return;
  const what = `the digest of ${period}, which alone lists the mail ignored on a guess that a person may have written`;
  const act =
    'Check the digest recipients (digestRecipients, else staffAddresses) and their mailboxes, then send it again: invoked on ' +
    'the UTC day the digest was made, the digest function covers the same days; later, read that period in the decision ' +
    'records (docs/operate-digest.md).';
  if (bounce.kind === 'unreported')
    throw new StaffUnreachableError(
      `The digest to staff may have bounced: an automatic mail that is no standard delivery report returns ${what} (stored at ` +
        `${location.uri}), so faqmail cannot tell whether it says the digest failed or is only a delay warning. Read the bounce. ${act}`,
    );
  throw new StaffUnreachableError(
    `The digest to staff bounced: ${whoRefused(bounce.failed)} refused it (the bounce is stored at ${location.uri}). It was ${what}: ` +
      `nobody may have seen that list. ${act}`,
  );
}

/**
 * The answer of ours that a bounce returns, from our records; undefined when it returns
 * none we remember. An answer recorded as uncertain does not count: it stands under the Message-ID
 * of the writer's own message, which no bounce of our answer returns as its own.
 */
export async function bouncedAnswer(deps: Dependencies, bounce: Bounce): Promise<RepliedAnswer | undefined> {
  return (await deps.state.answersRepliedTo(returnedIds(bounce))).find((answer) => !answer.uncertain);
}

/**
 * Whether another delivery report (another SES id) already said that this answer failed, and so
 * claimed its hand-over: the refusing side may report twice, and SES forwards both. Staff were
 * told the writer has no answer; a second hand-over would say it again. Claimed per answer, so that
 * the first report's retries still hand over. A bounce with no standard report is handed over each
 * time: it may be the failure an earlier one (a delay warning, as far as faqmail can tell) only announced.
 */
export async function reportedBefore(deps: Dependencies, bounce: Bounce, answer: RepliedAnswer, inboundId: string): Promise<boolean> {
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
export async function handOverBouncedAnswer(deps: Dependencies, bounced: BouncedAnswer): Promise<HandlerResult> {
  const { inboundId, receivedAt, answer, bounce } = bounced;
  const { faq } = deps.responder;
  const location = deps.mailStore.locate(answer.inboundId);
  // A failed read fails the attempt, for a retry to read it again. The last one hands over without it (its object may
  // be gone: the bucket's lifecycle keeps mail mailExpiryDays, which may be fewer than the answer's record is kept).
  const read = await deps.mailStore.read(answer.inboundId).catch((error: Error) => {
    if (!bounced.lastChance) throw error;
    return error;
  });
  const raw = read instanceof Error ? undefined : read;
  const parsed = raw && (await readMessage(raw, deps.parse));
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
  const capped = from === undefined ? undefined : await bounced.limits.reserveEscalation(`answer-bounced:${from}`);
  const decided = capped ? escalationCapped(decision, capped) : decision;
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
    ...(decided.beforeCap ? { beforeCap: decided.beforeCap } : {}),
    lastChance: false,
    undelivered: { report, earlierAnswer: entriesNamed(faq, answer.entryIds), ...(sentTo ? { answeredAddress: sentTo } : {}) },
  });
}
