/** The facts from our records that the decision needs about one inbound message. */
import type { History, InboundMessage } from '../domain';
import type { StateStore } from './state-store';

/** Looks up whether `message` replies to one of our answers. */
export async function lookupHistory(state: StateStore, message: InboundMessage): Promise<History> {
  // In-Reply-To first, then References newest first: where a reply to our answer names it.
  const ids = [...(message.inReplyTo ? [message.inReplyTo] : []), ...[...message.references].reverse()];
  const ours = ids.length > 0 ? await state.findOurAnswer(ids) : undefined;
  return ours ? { repliesToOurAnswer: true, earlierAnswer: ours.entryIds } : { repliesToOurAnswer: false };
}
