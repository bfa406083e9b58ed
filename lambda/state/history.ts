/** The facts from our records that the decision needs about one inbound message. */
import type { History, InboundMessage } from '../domain';
import { comparable } from '../comparable-address';
import type { DecisionStore } from './decision-store';
import type { StateStore } from './state-store';

/** In-Reply-To first, then References newest first: where a reply to our answer names it. */
function repliedIds(message: InboundMessage): string[] {
  return [...(message.inReplyTo ? [message.inReplyTo] : []), ...[...message.references].reverse()];
}

/** Where staff mails are remembered, and who staff are (only their mail is looked up there). */
export interface StaffMails {
  staffAddresses: readonly string[];
  decisions: Pick<DecisionStore, 'staffMailRepliedTo'>;
}

/**
 * Looks up whether `message` replies to one of our answers (and which entries it held), and
 * for mail from staff, which of our staff mails it replies to (a verdict names its decision so).
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
  const lookup = from !== undefined && staff.has(comparable(from)) && ids.length > 0 ? staffMails?.decisions : undefined;
  const { messageId } = message;
  const [[ours], repliesToStaffMailAbout, copyOf] = await Promise.all([
    ids.length > 0 ? state.answersRepliedTo(ids) : Promise.resolve([]),
    lookup ? lookup.staffMailRepliedTo(ids) : Promise.resolve(undefined),
    inboundId !== undefined && from !== undefined && messageId !== undefined
      ? state.claimMessageId(from, messageId, inboundId)
      : Promise.resolve(undefined),
  ]);
  return {
    repliesToOurAnswer: ours !== undefined,
    ...(ours ? { earlierAnswer: { inboundId: ours.inboundId, entryIds: ours.entryIds } } : {}),
    ...(repliesToStaffMailAbout ? { repliesToStaffMailAbout } : {}),
    ...(copyOf ? { copyOf } : {}),
  };
}
