/**
 * Staff verdicts as labels in the `LABELS.md` format, so that the team's own mail can be
 * scored (`npm run eval`) and fitted on like the shipped sets. Pure: a decision record in, a
 * label (or why there is none) out. Labels name entries by id; the export's `faq-keys.json`
 * maps each id to its question.
 *
 * | verdict | label |
 * | --- | --- |
 * | `good` on an answer | the entries chosen; escalate as decided |
 * | `good` on a hand-over | no entry; escalate |
 * | `wrong` on an answer | no entry; escalate (a person must answer) |
 * | `wrong: X`, X chosen | the other entries chosen (none: escalate) |
 * | `should answer: X`, or `wrong: X` for an X not chosen | X; escalate only where something besides the match handed it over |
 * | `wrong` on a hand-over, or naming no known entry | no label: what answers it is unknown |
 */
import type { Label } from './score';
import type { DecisionRecord } from '../../lambda/state/decision-record';

export type Labelled = { label: Omit<Label, 'file'> } | { skipped: string };

/** Hand-overs for these rules happened only because no entry fit: with the right entry, none is needed. */
const MATCH_RULES = new Set(['no-match']);

export function labelFromVerdict(record: DecisionRecord): Labelled {
  const verdict = record.verdict;
  if (!verdict) return { skipped: 'no verdict' };
  const chosen = record.sent.map((s) => s.entry);
  const escalated = record.kind === 'escalate' || record.kind === 'answer-and-escalate';
  const named = verdict.entries?.[0];
  const naming = named ?? verdict.unresolved;
  const note = `staff verdict "${verdict.verdict}${naming ? `: ${naming}` : ''}" on decision ${record.kind} (${record.rule})`;
  const label = (faq: string[], escalate: boolean, kind: string): Labelled => ({ label: { faq, escalate, reply: true, kind, note } });

  if (verdict.verdict === 'good') {
    return chosen.length > 0 ? label(chosen, escalated, 'verdict-good') : label([], true, 'verdict-good-handover');
  }
  if (verdict.verdict === 'wrong' && named === undefined) {
    if (verdict.unresolved !== undefined) return { skipped: `names "${verdict.unresolved}", which is no FAQ entry` };
    if (chosen.length === 0) return { skipped: 'a hand-over called wrong without naming the entry that answers it' };
    return label([], true, 'verdict-wrong');
  }
  if (verdict.verdict === 'wrong' && named !== undefined && chosen.includes(named)) {
    const rest = chosen.filter((entry) => entry !== named);
    return label(rest, escalated || rest.length === 0, 'verdict-wrong-entry');
  }
  if (named === undefined) return { skipped: `names "${verdict.unresolved ?? ''}", which is no FAQ entry` };
  const handedOverForMore = record.kind === 'answer-and-escalate' || (record.kind === 'escalate' && !MATCH_RULES.has(record.rule));
  return label([named], handedOverForMore, 'verdict-should-answer');
}
