import type { ScoredAnswer } from '../domain';
import { oneLine } from '../one-line';
import type { MatchResult } from './types';

/** A matcher score as every command shows it (text and JSON alike): two decimals. */
export function formatScore(score: number): string {
  return score.toFixed(2);
}

function quote(text: string, max = 100): string {
  return `"${oneLine(text, max)}"`;
}

function candidateLines(candidates: readonly ScoredAnswer[], indent: string): string[] {
  return candidates.flatMap((c) => [
    `${indent}${formatScore(c.score)}  ${quote(c.entry.question, 80)}`,
    ...c.why.map((w) => `${indent}       ${w}`),
  ]);
}

/** How a message was read and matched, for staff fixing content rather than code. */
export function explainMatch(result: MatchResult): string {
  const out: string[] = [`Language: ${result.language}`];
  out.push('', `Questions extracted (${result.questions.length}):`);
  if (result.questions.length === 0) out.push('  (none: nothing in the message asks anything)');
  result.questions.forEach((q, i) => {
    const where = q.position === 'list-item' ? `${q.source}, list item` : q.source;
    out.push(`  ${i + 1}. [${where}; ${q.kind}] ${quote(q.text, 160)}`);
    if (q.context) out.push(`     read with: ${quote(q.context, 160)}`);
    out.push(`     ${q.answered ? 'ANSWERED' : 'not answered'}: ${q.verdict}`);
    out.push(...candidateLines(q.candidates, '     '));
  });
  out.push('', 'Hand-over cues:');
  if (result.handover.length === 0) out.push('  (none)');
  for (const h of result.handover) out.push(`  - ${h.reason}: "${h.phrase}" in ${quote(h.sentence)}`);
  if (result.ownInstance.length) {
    out.push('', 'About their own instance (against an FAQ answer):');
    for (const c of result.ownInstance) out.push(`  - ${c.cue}: ${quote(c.sentence)}`);
  }
  out.push('', `Answers: ${result.answers.map((a) => `${quote(a.entry.question, 60)} ${formatScore(a.score)}`).join(', ') || '(none)'}`);
  if (result.unanswered.length) out.push(`Unanswered: ${result.unanswered.map((u) => quote(u, 80)).join(', ')}`);
  if (result.needsPerson) out.push(`Needs a person: ${result.needsPerson}`);
  return out.join('\n');
}
