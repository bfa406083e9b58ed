/**
 * Recognises a staff verdict: a reply to one of our staff mails (escalation or shadow
 * proposal) with a verdict on its first line. All three must hold, or the message is not
 * taken as one and goes through the pipeline like any other:
 *
 * - it comes from a staff address (the From address, as `staffAddresses` lists it);
 * - that From address is authenticated (../mail/authentication, as for any writer): a forged `From: staff@…`
 *   must not change what faqmail has learnt; and, as for an answer, sent to us under that authentication
 *   (`unvouchedAddressing`): staff's reply to the writer alone is the writer's to deliver to us, when they choose;
 * - it is about a decision of ours: In-Reply-To or References names one of our staff mails (our
 *   records), or, when they name none, a verdict link's reference (./verdict-ref) names a
 *   decision on record. The reference only says which decision: it lets nobody give a verdict
 *   whom the first two checks do not already let.
 *
 * A reply to our staff mail that passes all three but says no verdict is a note, logged and left alone (a warning
 * when it went to staff and us alone; staff's answer to the writer that copies the inbox is none). A verdict
 * that passes the first two but names no decision on record is kept apart (`no-record`): it can
 * change nothing, but staff learn from the digest that it was not counted. So is one that fails the
 * second (`unauthenticated`): a staff domain whose mail passes neither SPF nor DKIM loses every verdict
 * its staff give, and they learn it from the digest; a forger who sends one learns nothing and changes
 * nothing. So is a verdict that cannot be read (`unreadable`): `should answer:` with no entry after the
 * colon (or `wrong:` with text below it), or a mail to the inbox alone, a verdict link's or a reply, whose first line
 * is no verdict (a link's mail is made to carry one there, and notes below it; a reply to the inbox alone is read by
 * no one else): meant as a verdict, but one that cannot count.
 * Pure: the history lookup and the FAQ lookup arrive as arguments.
 */
import type { Config } from '../config';
import type { FaqEntry, History, InboundMessage, Receipt } from '../domain';
import { describeVouched, unvouchedAddressing, vouchedSender } from '../mail/authentication';
import { oneLine } from '../one-line';
import { receivingAddresses, staffAddressSet } from '../screen/addresses';
import { comparable } from '../comparable-address';
import type { StaffVerdict } from '../state/decision-record';
import { addressHash } from '../state/table-schema';
import { firstLine, namesNoEntry, parseVerdict, verdictText, type VerdictWord } from './parse-verdict';
import { findVerdictRef, verdictRefLine, withoutVerdictRef } from './verdict-ref';

export type StaffReply =
  /**
   * Taken: record `verdict` on the decision about inbound message `inboundId`; `named`, the entry as staff named it,
   * to be read against the entries that decision chose (./resolve-entry `onChosen`) once its record is read.
   */
  | { kind: 'verdict'; inboundId: string; verdict: StaffVerdict; evidence: string; named?: string }
  /**
   * From staff, authenticated, about a decision of ours (a reply), but no verdict, and to a colleague or someone else
   * beside the inbox: logged only.
   * `alsoTo` counts its recipients who are neither staff nor the inbox: staff answering the writer and copying
   * the inbox, which is no verdict gone wrong.
   */
  | { kind: 'note'; inboundId: string; firstLine: string; alsoTo?: number }
  /**
   * From staff, authenticated, a verdict, but about no decision on record (why says why: expired, or
   * never one of ours): not recorded anywhere but in its own record, which the digest counts.
   */
  | { kind: 'no-record'; verdict: VerdictWord; why: string }
  /**
   * From staff, authenticated, about a decision of ours, but no verdict can be read: `should answer:` with no entry named
   * (or `wrong:` with text below it), or a verdict link's mail or a reply to the inbox alone whose first line is none. Counts
   * nowhere; the digest lists it.
   */
  | { kind: 'unreadable'; inboundId: string }
  /**
   * Looks like a verdict from a staff address (a verdict line or a link's reference), but its authentication does not
   * vouch that staff sent it to us (why says why): counts nowhere; the digest lists it, with what to check. `inboundId`:
   * the decision it names (the staff mail it replies to, else its link's reference, on record or not), when it names one,
   * for the operator to check.
   */
  | { kind: 'unauthenticated'; why: string; inboundId?: string }
  /** A verdict link's reference from staff, without a verdict, naming no decision on record (why says why): the pipeline decides. */
  | { kind: 'refused'; why: string };

/** Whether `address` is one of the staff addresses: only they give verdicts. */
export function isStaffAddress(address: string, config: Pick<Config, 'staffAddresses'>): boolean {
  return config.staffAddresses.some((staff) => comparable(staff) === comparable(address));
}

/**
 * Why `message` is a verdict link's mail from an address that is not staff's: a verdict on its
 * first line and the link's reference in what its sender wrote. A member of a staff mailing list
 * writing from their own address sends one, and so may a writer a staff mail was forwarded to. Only
 * staff give verdicts, and it is no inquiry either: its subject repeats the writer's, which faqmail
 * would answer, to the sender. Undefined for anything else.
 */
export function verdictFromElsewhere(message: InboundMessage, config: Pick<Config, 'staffAddresses'>): string | undefined {
  const from = message.from?.address;
  if (!from || isStaffAddress(from, config)) return undefined;
  const text = verdictText(message);
  const ref = findVerdictRef(text);
  const parsed = parseVerdict(withoutVerdictRef(text));
  if (ref === undefined || !parsed) return undefined;
  return (
    `A staff verdict (${parsed.word}) on message ${ref}, from a verdict link, but ${from} is not a staff address: ` +
    "it counts nowhere and nothing is sent. Only staffAddresses give verdicts: to count this sender's, add the address there."
  );
}

/**
 * What `message` is as a staff reply, or undefined when it is none of it (not from staff,
 * or from staff but neither a verdict nor a reply to our staff mail): the pipeline decides.
 */
export function recognizeStaffReply(
  message: InboundMessage,
  receipt: Receipt,
  config: Config,
  history: Pick<History, 'repliesToStaffMailAbout' | 'verdictRef'>,
  resolve: (name: string) => FaqEntry | undefined,
  now: Date,
  /**
   * Whether screening takes it for machine mail (an out-of-office notice answering our staff mail): no verdict was
   * meant. Asked only of staff mail to the inbox alone with no verdict, so that other mail is not screened twice.
   */
  { automatic = () => false }: { automatic?: () => boolean } = {},
): StaffReply | undefined {
  const from = message.from?.address;
  if (!from || !isStaffAddress(from, config)) return undefined;
  const text = withoutVerdictRef(verdictText(message));
  const parsed = parseVerdict(text);
  const vouched = vouchedSender(message, receipt);
  const { verdictRef } = history;
  const inboundId = history.repliesToStaffMailAbout ?? (verdictRef?.onRecord ? verdictRef.inboundId : undefined);
  const named = history.repliesToStaffMailAbout ?? verdictRef?.inboundId;
  const unauthenticated = (why: string): StaffReply | undefined =>
    parsed || verdictRef ? { kind: 'unauthenticated', why, ...(named === undefined ? {} : { inboundId: named }) } : undefined;
  if (!vouched)
    return unauthenticated(
      `the From address ${from} is not authenticated (no DMARC pass, nor an SPF or DKIM pass aligned with its domain)`,
    );
  // Staff's signed mail to someone else (the writer, answered by Reply) may be delivered to us by them, when they choose.
  const unaddressed = unvouchedAddressing(message, receipt, receivingAddresses(config));
  if (unaddressed) return unauthenticated(`its authentication does not show that staff sent it to us: ${unaddressed}`);
  if (inboundId === undefined) {
    const why = verdictRef
      ? `its ${verdictRefLine(verdictRef.inboundId)} names no decision on record (never decided here, or expired), and it replies to none of our staff mails`
      : 'it replies to none of our staff mails (In-Reply-To and References name none we remember)';
    if (parsed) return { kind: 'no-record', verdict: parsed.word, why };
    // A reference without a verdict: a note about a message no longer on record.
    return verdictRef ? { kind: 'refused', why } : undefined;
  }
  // A link's mail holds a verdict on its first line and notes below it: one without a verdict is one mangled (typed before the word).
  if (!parsed && history.repliesToStaffMailAbout === undefined) return { kind: 'unreadable', inboundId };
  // The inbox is every address it receives at: mail to one of its aliases reached nobody else.
  const inbox = receivingAddresses(config);
  const recipients = [...message.to, ...message.cc].map((a) => comparable(a.address));
  const ours = new Set([...inbox, ...staffAddressSet(config)]);
  const alsoTo = recipients.filter((a) => !ours.has(a)).length;
  // Mail to the inbox alone is read by faqmail alone: a verdict was meant ("Good — thanks", a greeting first), and one
  // logged as a note would leave its sender believing it counted.
  if (!parsed && recipients.every((a) => inbox.has(a)) && !automatic()) return { kind: 'unreadable', inboundId };
  if (!parsed) return { kind: 'note', inboundId, firstLine: oneLine(firstLine(text), 120), ...(alsoTo > 0 ? { alsoTo } : {}) };
  // `wrong:` alone is a bare `wrong`, unless the entry was typed on a line below (the cursor at the end of the link's body):
  // read as `wrong` it would blame every entry chosen.
  const typedBelow = text.trim().split(/\r?\n/).slice(1).join('').trim() !== '';
  if (namesNoEntry(parsed) || (parsed.names === '' && typedBelow)) return { kind: 'unreadable', inboundId };
  const verdict: StaffVerdict = { verdict: parsed.word, at: now.toISOString(), by: addressHash(comparable(from)) };
  // Nothing can call the mail back; counted so that the digest can say it happens and how to stop it.
  if (alsoTo > 0) verdict.alsoTo = alsoTo;
  if (parsed.names) {
    const entry = resolve(parsed.names);
    if (entry) verdict.entries = [entry.id];
    else verdict.unresolved = oneLine(parsed.names, 300);
  }
  return { kind: 'verdict', inboundId, verdict, evidence: describeVouched(vouched), ...(parsed.names ? { named: parsed.names } : {}) };
}
