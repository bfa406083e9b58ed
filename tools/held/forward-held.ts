/**
 * Hands to staff, on their request, the mail an escalation cap held (docs/security.md, "Past a limit"): during a
 * flood that fills the hour, a writer's hand-over is held with the flooder's, and no person would ever see it.
 * Each goes as the handler hands a message over (`handOver`: the original attached, Reply-To the writer), once:
 * its send marker keeps two runs from sending it twice, and a note on its decision record (`forwarded`), kept as
 * long as the record, keeps any later run from sending it again.
 */
import { sesMessageIdHeader } from '../../lambda/adapters/mail-sender';
import { comparable } from '../../lambda/comparable-address';
import { capHeld } from '../../lambda/digest/build';
import { entriesNamed, type EscalationCapRuleName, type InboundMessage, type RuleName } from '../../lambda/domain';
import { handOverOnce } from '../../lambda/inbound/hand-over';
import type { Dependencies } from '../../lambda/inbound/types';
import { vouchedSender } from '../../lambda/mail/authentication';
import { UnparseableMailError } from '../../lambda/mail/parse';
import { receiptFromHeaders } from '../../lambda/mail/receipt-headers';
import { maskAddress } from '../../lambda/mask-address';
import { oneLine } from '../../lambda/one-line';
import { readMessage } from '../../lambda/respond';
import type { DecisionRecord } from '../../lambda/state/decision-record';
import { addressHash } from '../../lambda/state/table-schema';

/** Which held mail: received in [since, until), held by `rule` (either cap when absent), from `sender` (anyone's when absent). */
export interface HeldQuery {
  since: Date;
  until: Date;
  rule?: EscalationCapRuleName;
  /** The writer's From address; compared as the records keep it (`comparable`: no `+tag`, any case). */
  sender?: string;
}

export type HeldStatus = 'forwarded' | 'already forwarded' | 'in progress' | 'missing' | 'would forward';

/** One held message, and what became of it now. */
export interface HeldMessage {
  inboundId: string;
  receivedAt: string;
  rule: string;
  status: HeldStatus;
  /** The From address, masked; absent when the raw message was not read or names none. */
  sender?: string;
  subject?: string;
}

export interface HeldReport {
  messages: HeldMessage[];
  counts: { forwarded: number; alreadyForwarded: number; inProgress: number; missing: number; wouldForward: number };
}

/** Longest subject listed. */
const SUBJECT_CHARS = 200;

/**
 * How long a run's claim on a hand-over (its send marker `sending`) keeps another run from sending it. A run that is
 * alive turns it `sent` within SES's time limit on the send and DynamoDB's on the marker's write (12 s and 7 s,
 * CALL_DEADLINE_MS in lambda/adapters/clients.ts); a minute leaves room for two machines' clocks some 40 s apart.
 * An older marker's run stopped mid-send: the hand-over is sent again (staff may see it twice, but see it).
 */
const SEND_LEASE_SECONDS = 60;

/**
 * The held mail `query` asks for, in the order given (the decision store lists it oldest first): what the digest
 * counts as held (`capHeld`), forwarded since or not. Pure.
 */
export function selectHeld(records: readonly DecisionRecord[], query: Omit<HeldQuery, 'since' | 'until'>): DecisionRecord[] {
  const senderHash = query.sender === undefined ? undefined : addressHash(comparable(query.sender));
  return records.filter(
    (r) => capHeld(r) && (query.rule === undefined || r.rule === query.rule) && (senderHash === undefined || r.senderHash === senderHash),
  );
}

const utc = (iso: string) => `${iso.slice(0, 16).replace('T', ' ')} UTC`;

/** What the hand-over tells staff: which cap held the message, when, and that it comes now because staff asked. Pure. */
export function heldReason(record: DecisionRecord, now: Date): string {
  const held =
    record.rule === 'escalation-cap'
      ? `by the escalation cap on one sender's mail to staff on ${record.receivedAt.slice(0, 10)} (UTC), which held their further mail that day`
      : `by the hourly escalation cap on mail to staff, all senders together, in the hour from ${record.receivedAt.slice(0, 13).replace('T', ' ')}:00 UTC, ` +
        'which held the further hand-overs of that hour';
  const rule = record.beforeCap ? ` It would have come to staff under ${record.beforeCap}.` : '';
  // The cap holds no answer: the writer has it, and the rest of their message waits for a person.
  const answered =
    record.kind === 'answer'
      ? ` An automatic answer went to the writer when it came (FAQ ${record.sent.map((s) => s.entry).join(', ')}); only its hand-over was held.`
      : '';
  return (
    `Held, not forwarded, ${held}: received ${utc(record.receivedAt)}.${rule}${answered} ` +
    `It is forwarded now at staff's request (npm run forward-held), ${utc(now.toISOString())}.`
  );
}

/** What the listing shows of the message: its sender, masked, and its subject. */
function shown(message: InboundMessage | undefined): Pick<HeldMessage, 'sender' | 'subject'> {
  return {
    ...(message?.from ? { sender: maskAddress(message.from.address) } : {}),
    ...(message?.subject ? { subject: oneLine(message.subject, SUBJECT_CHARS) } : {}),
  };
}

async function forwardOne(deps: Dependencies, record: DecisionRecord, dryRun: boolean): Promise<HeldMessage> {
  const { inboundId } = record;
  const listed = { inboundId, receivedAt: record.receivedAt, rule: record.rule };
  if (record.forwarded) return { ...listed, status: 'already forwarded' };
  const raw = await deps.mailStore.readIfKept(inboundId);
  if (!raw) return { ...listed, status: 'missing' };
  const read = await readMessage(raw);
  // Unparseable mail was held too: it goes as the handler hands such mail over, the original attached.
  const message = read instanceof UnparseableMailError ? undefined : read;
  if (dryRun) return { ...listed, ...shown(message), status: 'would forward' };
  const now = new Date();
  // The stored message carries SES's verdicts; without them nothing vouches for its From, and the hand-over says so.
  const fromVouched = message?.from === undefined ? undefined : vouchedSender(message, receiptFromHeaders(message)) !== undefined;
  const { result, found } = await handOverOnce(deps, {
    inboundId,
    receivedAt: new Date(record.receivedAt),
    location: deps.mailStore.locate(inboundId),
    raw,
    message,
    fromVouched,
    // selectHeld kept only the caps' rules.
    rule: record.rule as EscalationCapRuleName,
    ...(record.beforeCap ? { beforeCap: record.beforeCap as RuleName } : {}),
    // The writer has the answer that went beside it; staff see what it held and take the rest.
    ...(record.kind === 'answer'
      ? {
          answeredBefore: entriesNamed(
            deps.responder.faq,
            record.sent.map((s) => s.entry),
          ),
        }
      : {}),
    reason: heldReason(record, now),
    // A failure stops the run: run it again, and what went out before is not sent twice.
    lastChance: false,
    sendLeaseSeconds: SEND_LEASE_SECONDS,
  });
  if (found === 'sending') return { ...listed, ...shown(message), status: 'in progress' };
  // Found sent, by a run that stopped before noting it (or one beside this): noted now, so that a verdict finds it.
  const [sent] = result.sent;
  await deps.decisions.markForwarded(inboundId, {
    at: now.toISOString(),
    staffMessageId: sesMessageIdHeader(sent.sesMessageId, deps.region),
  });
  return { ...listed, ...shown(message), status: found === 'sent' ? 'already forwarded' : 'forwarded' };
}

/**
 * Forwards to staff each held message `query` asks for (with `dryRun`, lists what it would forward and sends
 * nothing), one at a time: a message whose raw mail the bucket no longer holds is reported missing, and the rest go on.
 */
export async function forwardHeld(deps: Dependencies, request: HeldQuery & { dryRun: boolean }): Promise<HeldReport> {
  const held = selectHeld(await deps.decisions.between(request.since, request.until), request);
  const messages: HeldMessage[] = [];
  for (const record of held) messages.push(await forwardOne(deps, record, request.dryRun));
  const count = (status: HeldStatus) => messages.filter((m) => m.status === status).length;
  return {
    messages,
    counts: {
      forwarded: count('forwarded'),
      alreadyForwarded: count('already forwarded'),
      inProgress: count('in progress'),
      missing: count('missing'),
      wouldForward: count('would forward'),
    },
  };
}
