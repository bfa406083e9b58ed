/** The facts from our records that the decision needs about one inbound message. */
import { createHash } from 'node:crypto';
import { inReplyToIds, type History, type InboundMessage } from '../domain';
import { comparable } from '../comparable-address';
import { verdictText } from '../verdicts/parse-verdict';
import { findVerdictRef } from '../verdicts/verdict-ref';
import type { DecisionStore } from './decision-store';
import type { StateStore } from './state-store';
import { addressHash } from './table-schema';

/**
 * Every id In-Reply-To names first, then References newest first: where a reply to our answer
 * names it. The lookups cap how many are read (./table-schema, `lookupKeys`).
 */
function repliedIds(message: InboundMessage): string[] {
  return [...inReplyToIds(message), ...[...message.references].reverse()];
}

/**
 * What tells a copy of a message from another message under the same Message-ID (some mailers
 * and scripts write one id on every message): its subject and text, whitespace aside, hashed. A
 * copy delivered twice, re-sent or Bcc'd carries the same; a list's or forwarder's copy, whose
 * text may differ, is dropped or unauthenticated and claims nothing (respond.ts, `mayClaim`).
 */
function textFingerprint(message: InboundMessage): string {
  const normal = (text: string) => text.replace(/\s+/g, ' ').trim();
  return createHash('sha256')
    .update(`${normal(message.subject)}\n${normal(message.text)}`)
    .digest('base64url')
    .slice(0, 22);
}

/** Where staff mails and decisions are remembered, and who staff are (only their mail is read for a verdict). */
export interface StaffMails {
  staffAddresses: readonly string[];
  decisions: Pick<DecisionStore, 'staffMailRepliedTo' | 'get'>;
}

/**
 * Which decision a message is about: the staff mail its In-Reply-To or References name (and, for
 * anyone but staff, whether they are the writer of the message it was about), else, for staff's own
 * mail (`fromStaff`), the decision a verdict link's reference names (whether on record or not, for
 * the log). Anyone else's reference is no verdict, and leads to no read.
 */
async function staffMailAbout(
  decisions: StaffMails['decisions'],
  message: InboundMessage,
  ids: string[],
  fromStaff: boolean,
): Promise<Pick<History, 'repliesToStaffMailAbout' | 'fromHandedOverWriter' | 'verdictRef'>> {
  const repliesToStaffMailAbout = ids.length > 0 ? await decisions.staffMailRepliedTo(ids) : undefined;
  const from = message.from?.address;
  if (repliesToStaffMailAbout) {
    if (fromStaff || from === undefined) return { repliesToStaffMailAbout };
    const handedOver = await decisions.get(repliesToStaffMailAbout);
    const same = handedOver?.senderHash !== undefined && handedOver.senderHash === addressHash(comparable(from));
    return { repliesToStaffMailAbout, ...(same ? { fromHandedOverWriter: true } : {}) };
  }
  if (!fromStaff) return {};
  const ref = findVerdictRef(verdictText(message));
  if (ref === undefined) return {};
  return { verdictRef: { inboundId: ref, onRecord: (await decisions.get(ref)) !== undefined } };
}

/**
 * Looks up whether `message` replies to one of our answers (and which entries it held), and
 * which of our staff mails it replies to (a writer's reply in a conversation staff took over names
 * our hand-over), or, for mail from staff, failing that which decision its verdict link's reference
 * names (a verdict finds its decision so).
 * With `inboundId` (SES's id of this delivery), it also claims the message's Message-ID for its
 * sender, and says when an earlier delivery already holds it: the copy is then decided before
 * any limit is taken for it.
 */
export async function lookupHistory(
  state: StateStore,
  message: InboundMessage,
  { staffMails, inboundId }: { staffMails?: StaffMails; inboundId?: string } = {},
): Promise<History> {
  const ids = repliedIds(message);
  const from = message.from?.address;
  const staff = new Set(staffMails?.staffAddresses.map(comparable));
  const fromStaff = from !== undefined && staff.has(comparable(from));
  const { messageId } = message;
  const [[ours], aboutStaffMail, earlier] = await Promise.all([
    ids.length > 0 ? state.answersRepliedTo(ids) : Promise.resolve([]),
    staffMails ? staffMailAbout(staffMails.decisions, message, ids, fromStaff) : Promise.resolve({}),
    inboundId !== undefined && from !== undefined && messageId !== undefined
      ? state.claimMessageId(from, messageId, inboundId, textFingerprint(message))
      : Promise.resolve(undefined),
  ]);
  return {
    repliesToOurAnswer: ours !== undefined,
    ...(earlier && !earlier.sameText ? { sameMessageIdAs: earlier.inboundId } : {}),
    ...(ours ? { earlierAnswer: { inboundId: ours.inboundId, entryIds: ours.entryIds } } : {}),
    ...aboutStaffMail,
    ...(earlier?.sameText ? { copyOf: earlier.inboundId } : {}),
  };
}
