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
      // The sender's limit first: a flood from one address must not use up everyone's hour.
      if (!(await state.reserveAnswer(to, inboundId, config.senderDailyLimit))) {
        const limit = config.senderDailyLimit;
        return { rule: 'sender-limit', reason: `The writer already had ${limit} automatic answers in the last 24 hours (the limit).` };
      }
      if (!(await state.reserveHourlyAnswer(inboundId, receivedAt, config.hourlyAnswerLimit))) {
        // Nothing will be sent to this writer for this message: their slot goes back.
        await state.releaseAnswer(to, inboundId);
        const cap = config.hourlyAnswerLimit;
        return { rule: 'hourly-limit', reason: `${cap} automatic answers already went out this hour (the overall limit).` };
      }
      return undefined;
    },
    async reserveEscalation(sender) {
      // The sender's cap first, as for answers: a flood from one address must not use up everyone's hour.
      const bySender = await state.reserveEscalation(sender, inboundId, receivedAt, config.senderDailyEscalations);
      if (bySender !== 'forward') return { slot: bySender, rule: 'escalation-cap', cap: config.senderDailyEscalations };
      const inHour = await state.reserveHourlyEscalation(inboundId, receivedAt, config.hourlyEscalationLimit);
      if (inHour === 'forward') return undefined;
      // Nothing is forwarded for this message as the sender's: their slot goes back, and the hour's cap decides.
      await state.releaseEscalation(sender, inboundId, receivedAt);
      return { slot: inHour, rule: 'hourly-escalation-cap', cap: config.hourlyEscalationLimit };
    },
  };
}
