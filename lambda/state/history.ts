/** The facts from our records that the decision needs about one inbound message. */
import { writerAddress } from '../compose/writer';
import type { History, InboundMessage } from '../domain';
import type { StateStore } from './state-store';

/**
 * Looks up `message` (SES id `inboundId`): whether it replies to one of our answers, and
 * how many answers its reply address got in the last 24 hours, not counting an answer to
 * this very message (sent by an earlier attempt), so that a retry decides as before.
 */
export async function lookupHistory(state: StateStore, message: InboundMessage, inboundId: string): Promise<History> {
  // In-Reply-To first, then References newest first: where a reply to our answer names it.
  const ids = [...(message.inReplyTo ? [message.inReplyTo] : []), ...[...message.references].reverse()];
  const address = writerAddress(message)?.address;
  const [ours, recentRepliesToSender] = await Promise.all([
    ids.length > 0 ? state.findOurAnswer(ids) : Promise.resolve(undefined),
    address ? state.recentRepliesTo(address, { excluding: inboundId }) : Promise.resolve(0),
  ]);
  return ours ? { repliesToOurAnswer: true, earlierAnswer: ours.entryIds, recentRepliesToSender } : { repliesToOurAnswer: false, recentRepliesToSender };
}
