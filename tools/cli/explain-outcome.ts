import { explainMatch } from '../../lambda/match';
import type { Outcome } from '../../lambda/respond';

/** How one message was read, matched and decided: each request, its entries' probabilities and what pulled them. */
export function explainOutcome(file: string, { decision, match, message }: Outcome): string {
  const out = [`== ${file}`, `Decision: ${decision.kind} (${decision.rule}) — ${decision.reason}`];
  if (message) out.push(`Subject: ${message.subject}`, '', 'New text as read:', message.newText.replace(/^/gm, '  | '));
  out.push('', match ? explainMatch(match) : '(matching did not run: the message was screened out before it)');
  return `${out.join('\n')}\n`;
}
