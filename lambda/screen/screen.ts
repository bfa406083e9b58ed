/**
 * Screening decides, before any matching, whether a message may get an automatic reply,
 * must go to a person without one, or must be dropped (kept in storage and logged, but
 * neither answered nor escalated). Pure: the rules read the message, the receipt, the
 * settings and what our records say about the thread.
 */
import type { Config } from '../config';
import type { InboundMessage, Receipt, ScreenRuleName } from '../domain';
import { SCREEN_RULES, type ScreenHistory } from './rules';

/** `found`: what the rule matched (a header, an address, a phrase); a drop's is kept in its decision record. */
export type Screening = { verdict: 'proceed' } | { verdict: 'person' | 'drop'; rule: ScreenRuleName; reason: string; found: string };

export function screen(message: InboundMessage, receipt: Receipt, config: Config, history: ScreenHistory): Screening {
  for (const rule of SCREEN_RULES) {
    const found = rule.test(message, receipt, config, history);
    if (found !== undefined) return { verdict: rule.verdict, rule: rule.name, reason: rule.reason(found), found };
  }
  return { verdict: 'proceed' };
}
