/**
 * The limits on what one inbound message may send, taken from the state store before
 * anything is sent (see `Limits` in ../respond).
 */
import type { Config } from '../config';
import type { Limits } from '../respond';
import type { StateStore } from './state-store';

/**
 * The limits for inbound message `inboundId`, received at `receivedAt`: every reservation is
 * keyed by the message, so a retry takes what the first attempt took.
 */
export function limitsFor(state: StateStore, config: Config, inboundId: string, receivedAt: Date): Limits {
  return {
    async reserveAnswer(to) {
      const limit = config.senderDailyLimit;
      const senderLimit = {
        rule: 'sender-limit',
        reason: `The writer already had ${limit} automatic answers in the last 24 hours (the limit).`,
      } as const;
      // The sender's limit first: a flood from one address must not use up everyone's hour.
      const bySender = await state.reserveAnswer(to, inboundId, limit);
      if (!bySender) return senderLimit;
      if (!(await state.reserveHourlyAnswer(inboundId, receivedAt, config.hourlyAnswerLimit))) {
        // Nothing will be sent to this writer for this message: their slot goes back.
        await state.releaseAnswer(to, inboundId);
        const cap = config.hourlyAnswerLimit;
        return { rule: 'hourly-limit', reason: `${cap} automatic answers already went out this hour (the overall limit).` };
      }
      // Let on by the slot it gave back, to an hour that has room now (its cap raised since, or its count gone before a
      // late retry): the answer would go out, so it counts against the sender as any other, past the limit or not.
      if (bySender === 'given back' && !(await state.reserveAnswer(to, inboundId, limit, false))) return senderLimit;
      return undefined;
    },
    async reserveEscalation(sender) {
      const cap = config.senderDailyEscalations;
      // The sender's cap first, as for answers: a flood from one address must not use up everyone's hour.
      const bySender = await state.reserveEscalation(sender, inboundId, receivedAt, cap);
      if (bySender === 'notice' || bySender === 'hold') return { slot: bySender, rule: 'escalation-cap', cap };
      const inHour = await state.reserveHourlyEscalation(inboundId, receivedAt, config.hourlyEscalationLimit);
      if (inHour !== 'forward') {
        // Nothing is forwarded for this message as the sender's: their slot goes back, and the hour's cap decides.
        await state.releaseEscalation(sender, inboundId, receivedAt);
        return { slot: inHour, rule: 'hourly-escalation-cap', cap: config.hourlyEscalationLimit };
      }
      if (bySender === 'forward') return undefined;
      // Let on by the slot it gave back, to an hour that has room now (as for answers): counted against the sender.
      const counted = await state.reserveEscalation(sender, inboundId, receivedAt, cap, false);
      return counted === 'forward' ? undefined : { slot: counted, rule: 'escalation-cap', cap };
    },
  };
}
