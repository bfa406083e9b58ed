/**
 * Scoring of a responder against a labelled inquiry set, exactly as
 * `docs/labels.md` defines it (after the label rules of `../shared/eval/LABELS.md`, beside a checkout).
 */
import { answersOf, escalates, replies, type Decision, type FaqEntry } from '../../lambda/domain';

export interface Label {
  file: string;
  /** Keys of the FAQ entries a knowledgeable person would send. */
  faq: string[];
  escalate: boolean;
  reply: boolean;
  /** A tag for the sort of case (docs/labels.md); labels need not have one. */
  kind?: string;
  note?: string;
}

export interface CaseResult {
  label: Label;
  /** Keys of the entries the responder sent (an entry with no key shows as its id). */
  sent: string[];
  escalated: boolean;
  replied: boolean;
  answersRight: boolean;
  escalationRight: boolean;
  /** Entries sent that the label does not list. */
  falseAnswers: string[];
  pass: boolean;
}

export interface Figure {
  passed: number;
  total: number;
}

export interface Scorecard {
  overall: Figure;
  answerable: Figure;
  unanswerable: Figure;
  noReply: Figure;
  escalation: Figure;
  /** Messages that received at least one entry their label does not list. */
  falseAnswers: Figure;
  cases: CaseResult[];
}

/** Parses `labels.jsonl`, naming the line of any bad row. */
export function parseLabels(jsonl: string, file: string): Label[] {
  // One line per message: a second line for the same file would score it twice, under labels that may disagree.
  const lineOf = new Map<string, number>();
  return jsonl.split(/\r?\n/).flatMap((line, index) => {
    if (!line.trim()) return [];
    let row: Label;
    try {
      row = JSON.parse(line) as Label;
    } catch (error) {
      throw new Error(`${file}:${index + 1}: not JSON (${(error as Error).message})`);
    }
    if (typeof row.file !== 'string' || !Array.isArray(row.faq) || typeof row.escalate !== 'boolean' || typeof row.reply !== 'boolean') {
      throw new Error(`${file}:${index + 1}: a label needs "file", "faq" (array), "escalate" and "reply" (booleans)`);
    }
    const first = lineOf.get(row.file);
    if (first !== undefined)
      throw new Error(`${file}:${index + 1}: ${row.file} is labelled already on line ${first} (one line per message)`);
    lineOf.set(row.file, index + 1);
    return [row];
  });
}

/**
 * Maps each label key to an FAQ entry: the entry whose id is the key (sets exported from
 * staff verdicts name entries so), else the one whose question holds the key's text
 * (case-insensitive), or else whose answer does (as `faq-keys.json` says).
 */
export function resolveKeys(keys: Record<string, string>, entries: FaqEntry[]): Map<string, string> {
  const byEntryId = new Map<string, string>();
  for (const [key, text] of Object.entries(keys)) {
    if (key.startsWith('_')) continue;
    const needle = text.toLowerCase();
    const entry =
      entries.find((e) => e.id === key) ??
      entries.find((e) => e.question.toLowerCase().includes(needle)) ??
      entries.find((e) => e.answer.toLowerCase().includes(needle));
    if (!entry) throw new Error(`faq key "${key}" ("${text}") matches no FAQ entry`);
    byEntryId.set(entry.id, key);
  }
  return byEntryId;
}

export function scoreCase(label: Label, decision: Decision, keyOf: (entryId: string) => string): CaseResult {
  const sent = answersOf(decision).map((a) => keyOf(a.entry.id));
  const replied = replies(decision);
  const falseAnswers = sent.filter((key) => !label.faq.includes(key));
  let answersRight: boolean;
  if (!label.reply) answersRight = !replied;
  else if (label.faq.length > 0) answersRight = label.faq.every((key) => sent.includes(key)) && falseAnswers.length <= 1;
  else answersRight = sent.length === 0;
  const escalated = escalates(decision);
  const escalationRight = escalated === label.escalate;
  return {
    label,
    sent,
    escalated,
    replied,
    answersRight,
    escalationRight,
    falseAnswers,
    pass: answersRight && escalationRight,
  };
}

function figure(cases: CaseResult[], passed: (c: CaseResult) => boolean): Figure {
  return { passed: cases.filter(passed).length, total: cases.length };
}

export function scorecard(cases: CaseResult[]): Scorecard {
  const answerable = cases.filter((c) => c.label.reply && c.label.faq.length > 0);
  const unanswerable = cases.filter((c) => c.label.reply && c.label.faq.length === 0);
  const noReply = cases.filter((c) => !c.label.reply);
  return {
    overall: figure(cases, (c) => c.pass),
    answerable: figure(answerable, (c) => c.answersRight),
    unanswerable: figure(unanswerable, (c) => c.answersRight),
    noReply: figure(noReply, (c) => c.answersRight),
    escalation: figure(cases, (c) => c.escalationRight),
    falseAnswers: figure(cases, (c) => c.falseAnswers.length > 0),
    cases,
  };
}

function percent({ passed, total }: Figure): string {
  return total === 0 ? '   n/a' : `${((100 * passed) / total).toFixed(1).padStart(5)}%`;
}

export function formatScorecard(card: Scorecard): string {
  const rows: Array<[string, Figure]> = [
    ['overall (every criterion)', card.overall],
    ['answerable: right entries, ≤1 extra', card.answerable],
    ['unanswerable: no FAQ answer', card.unanswerable],
    ['no-reply: nothing sent', card.noReply],
    ['escalation agrees with label', card.escalation],
  ];
  const lines = ['| measure | passed | total | rate |', '| --- | ---: | ---: | ---: |'];
  for (const [name, f] of rows) lines.push(`| ${name} | ${f.passed} | ${f.total} | ${percent(f)} |`);
  // Not a row of the table: "passed" would read as good, and a message can pass with one
  // unlisted entry (the labels' ≤1 extra rule), so overall 100% and false answers > 0 agree.
  const f = card.falseAnswers;
  lines.push(
    '',
    `False answers: ${f.passed} of ${f.total} messages (${percent(f).trim()}) were sent an FAQ entry their label does not list` +
      (f.passed > 0 ? ' (one such extra entry beside the right ones still passes "answerable").' : '.'),
  );
  const failures = formatFailures(card.cases);
  if (failures.length > 0) lines.push('', `Failing cases (${failures.length}):`, ...failures);
  return lines.join('\n');
}

/** One line per failing case: what its label expects, and what the responder did. */
export function formatFailures(cases: readonly CaseResult[]): string[] {
  return cases
    .filter((c) => !c.pass)
    .map((c) => {
      const expected = `${c.label.reply ? `answers [${c.label.faq.join(', ')}]` : 'no reply'}, escalate ${c.label.escalate}`;
      const got = `${c.replied ? `answers [${c.sent.join(', ')}]` : 'no reply'}, escalate ${c.escalated}`;
      const kind = typeof c.label.kind === 'string' ? ` (${c.label.kind})` : '';
      return `- ${c.label.file}${kind}: expected ${expected}; got ${got}`;
    });
}
