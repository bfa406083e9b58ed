/**
 * Screening decides, before any matching, whether a message may get an automatic reply,
 * must go to a person without one, or must be dropped (kept in storage and logged, but
 * neither answered nor escalated). Pure: the rules read the message, the receipt, the
 * settings and what our records say about the thread.
 */
import type { Config } from '../config';
import type { InboundMessage, Receipt, ScreenRuleName } from '../domain';
import { SCREEN_RULES, SERVICE_RULES, type ScreenHistory, type ScreenRule } from './rules';

/** `found`: what the rule matched (a header, an address, a phrase); a drop's is kept in its decision record. */
export type Screening = { verdict: 'proceed' } | { verdict: 'person' | 'drop'; rule: ScreenRuleName; reason: string; found: string };

/** The first of `rules` that `found` says matched, as a screening. */
function firstMatch<R extends ScreenRule>(rules: readonly R[], found: (rule: R) => string | undefined): Screening {
  for (const rule of rules) {
    const matched = found(rule);
    if (matched !== undefined) return { verdict: rule.verdict, rule: rule.name, reason: rule.reason(matched), found: matched };
  }
  return { verdict: 'proceed' };
}

export function screen(message: InboundMessage, receipt: Receipt, config: Config, history: ScreenHistory): Screening {
  return firstMatch(SCREEN_RULES, (rule) => rule.test(message, receipt, config, history));
}

/**
 * The inbound service's verdicts alone, for mail that cannot be parsed: what SES flagged (a virus,
 * spam, a failed DMARC) is dropped whether or not it can be read, rather than handed to staff with
 * the original attached.
 */
export function screenReceipt(receipt: Receipt): Screening {
  return firstMatch(SERVICE_RULES, (rule) => rule.test(undefined, receipt));
}
