/** The digest's section on staff verdicts: precision and recall per period and per entry, and whether to switch to auto. */
import type { Block } from '../compose/blocks';
import type { Config } from '../config';
import type { DecisionRecord } from '../state/decision-record';
import {
  measureVerdicts,
  percent,
  switchJudgement,
  type EntryFigures,
  type Ratio,
  type SwitchJudgement,
  type VerdictMeasure,
} from './measure';

export interface VerdictSection {
  current: VerdictMeasure;
  previous: VerdictMeasure;
  /** Every verdict still on record, which the switch judgement reads. */
  overall: VerdictMeasure;
  judgement: SwitchJudgement;
  /** Entry id → its question today (the id when the FAQ no longer has it), for the entries measured. */
  questions: Record<string, string>;
}

/** The section from the records of the period, of the one before, and of all still kept. */
export function verdictSection(
  records: { current: readonly DecisionRecord[]; previous: readonly DecisionRecord[]; all: readonly DecisionRecord[] },
  config: Pick<Config, 'mode' | 'autoPrecisionBar' | 'autoMinVerdicts'>,
  questionOf: (entry: string) => string,
): VerdictSection {
  const current = measureVerdicts(records.current);
  const overall = measureVerdicts(records.all);
  return {
    current,
    previous: measureVerdicts(records.previous),
    overall,
    judgement: switchJudgement(overall, config),
    questions: Object.fromEntries(current.entries.map((f) => [f.entry, questionOf(f.entry)])),
  };
}

/** Entries listed; the rest are summed up in one line. */
const MAX_ENTRIES = 15;

function figure(r: Ratio): string {
  return r.of === 0 ? 'no verdicts' : `${percent(r)} (${r.hits} of ${r.of})`;
}

function entryLine(f: EntryFigures, questions: Record<string, string>): string {
  const precision: Ratio = { hits: f.truePositives, of: f.truePositives + f.falsePositives };
  const recall: Ratio = { hits: f.truePositives, of: f.truePositives + f.falseNegatives };
  return `${questions[f.entry] ?? f.entry} — precision ${figure(precision)}, recall ${figure(recall)}`;
}

export function verdictBlocks(section: VerdictSection): Block[] {
  const { current, previous, overall, judgement } = section;
  const blocks: Block[] = [
    { kind: 'heading', text: 'Staff verdicts' },
    {
      kind: 'fields',
      rows: [
        ['Verdicts', `${current.verdicts} (before: ${previous.verdicts})`],
        ['Precision', `${figure(current.precision)}; before: ${figure(previous.precision)}`],
        ['Recall', `${figure(current.recall)}; before: ${figure(previous.recall)}`],
        ['Hand-overs right', `${figure(current.handOvers)}; before: ${figure(previous.handOvers)}`],
        ['All on record', `precision ${figure(overall.precision)}, recall ${figure(overall.recall)}`],
      ],
    },
    { kind: 'text', text: judgement.says },
  ];
  if (current.entries.length > 0) {
    const shown = current.entries.slice(0, MAX_ENTRIES).map((f) => entryLine(f, section.questions));
    const more = current.entries.length - shown.length;
    const items = more > 0 ? [...shown, `… and ${more} more entries`] : shown;
    blocks.push({ kind: 'text', text: 'Per entry, this period:' }, { kind: 'list', items });
  }
  if (current.verdicts === 0) {
    const how = 'Reply to any staff mail with good, wrong, wrong: <entry> or should answer: <entry> on the first line.';
    blocks.push({ kind: 'text', muted: true, text: `No verdicts this period. ${how}` });
  }
  return blocks;
}
