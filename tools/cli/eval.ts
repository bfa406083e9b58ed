/**
 * `npm run eval -- DIR` scores faqmail against `DIR/labels.jsonl` (see docs/labels.md);
 * `npm run eval -- --folds DIR DIR ...` leaves each set out in turn: fits the answer model
 * on the others and scores the one left out;
 * `npm run eval -- --explain FILE.eml` shows how one message was read and matched.
 */
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { crossValidate, type FoldRow } from '../eval/fit-answer-model';
import { readLabelledCases, readSetLabels } from '../eval/read-set';
import { runLabelledSet } from '../eval/run-set';
import { formatFailures, formatScorecard, scorecard, type Figure } from '../eval/score';
import { ANSWER_MODEL, checkModel, type AnswerModel } from '../../lambda/match/answer-model';
import { explainOutcome } from './explain-outcome';
import { responderFromEnv, showEach } from './local-responder';
import { runCli, unknownArgument, UsageError } from './run';

const USAGE = [
  'usage: npm run eval -- DIR                  (DIR holds *.eml and labels.jsonl)',
  '       npm run eval -- --folds DIR DIR ...  (leave one set out: fit on the others, score it)',
  '       npm run eval -- --explain FILE.eml ...',
].join('\n');

const HELP = `
${USAGE}

Scores faqmail against a labelled set and lists every failing case; with --folds, estimates
how it does on a new writer: each set is scored by the answer model fitted on the others
(docs/evaluation.md); with --explain, shows how one message was read and matched (the same
as npm run respond -- --explain). The label format: docs/labels.md.

  --folds     leave one set out, for each of the sets given
  --explain   explain each FILE.eml instead of scoring a set
  --help      this text`;

/** A set that is not there or not labelled is the user's to fix: say so without a stack. */
async function asUsage<T>(read: () => T | Promise<T>): Promise<T> {
  try {
    return await read();
  } catch (error) {
    throw new UsageError(`${(error as Error).message}\n${USAGE}`);
  }
}

async function evaluate(dir: string): Promise<number> {
  const responder = responderFromEnv();
  const set = await asUsage(() => readSetLabels(dir, responder.faq));
  const cases = await runLabelledSet(dir, responder, set);
  // A message put in the folder without its label line is not scored: say so, or the count reads as the folder's.
  const labelled = new Set(set.labels.map((label) => label.file));
  const unlabelled = readdirSync(dir).filter((name) => name.endsWith('.eml') && !labelled.has(name));
  const skipped = unlabelled.length === 0 ? '' : `; not scored, no line in labels.jsonl: ${unlabelled.join(', ')}`;
  process.stdout.write(`faqmail on ${dir} (${set.labels.length} messages${skipped})\n\n${formatScorecard(scorecard(cases))}\n`);
  return 0;
}

function rate({ passed, total }: Figure): string {
  return total === 0 ? 'n/a' : `${((100 * passed) / total).toFixed(1)}%`;
}

/** One row per left-out set: the model fitted without it, then (in brackets) the committed model. */
export function formatFolds(rows: readonly FoldRow[]): string {
  const columns: Array<[string, (card: FoldRow['heldOut']) => Figure]> = [
    ['answerable', (c) => c.answerable],
    ['unanswerable', (c) => c.unanswerable],
    ['no-reply', (c) => c.noReply],
    ['escalation agrees', (c) => c.escalation],
    ['false answers', (c) => c.falseAnswers],
  ];
  const lines = [
    `| left-out set (messages) | ${columns.map(([name]) => name).join(' | ')} | threshold |`,
    `| --- | ${columns.map(() => '---:').join(' | ')} | ---: |`,
  ];
  for (const row of rows) {
    const cells = columns.map(([, pick]) => `${rate(pick(row.heldOut))}${row.shipped ? ` (${rate(pick(row.shipped))})` : ''}`);
    lines.push(`| ${row.name} (${row.heldOut.cases.length}) | ${cells.join(' | ')} | ${row.model.threshold} |`);
  }
  return lines.join('\n');
}

/** Why the committed model cannot be applied (fitted on other features than today's), if it cannot. */
function staleness(model: AnswerModel): string | undefined {
  try {
    checkModel(model);
    return undefined;
  } catch (error) {
    return (error as Error).message;
  }
}

async function folds(dirs: string[]): Promise<number> {
  if (dirs.length < 2) throw new UsageError(`--folds needs two or more sets: each is scored by a model fitted on the others\n${USAGE}`);
  // A set named twice would be scored by a model fitted on itself, and its figures read as held out.
  const named = new Map<string, string>();
  for (const dir of dirs) {
    const first = named.get(path.resolve(dir));
    if (first !== undefined)
      throw new UsageError(
        `faqmail: --folds: ${dir} is ${first} again: each set is scored by a model fitted on the others, so give each once\n${USAGE}`,
      );
    named.set(path.resolve(dir), dir);
  }
  const responder = responderFromEnv();
  const read = [];
  for (const dir of dirs) read.push(await asUsage(() => readLabelledCases(dir, responder.faq, responder.index, responder.config)));
  // A set is named by its folder; two folders of one name (team-a/messages, team-b/messages) go by the paths given.
  const names = read.map((set) => set.name);
  const sets = read.map((set, i) => (names.indexOf(set.name) === names.lastIndexOf(set.name) ? set : { ...set, name: dirs[i] }));
  const stale = staleness(ANSWER_MODEL);
  const rows = crossValidate(sets, responder.config, stale ? undefined : ANSWER_MODEL);
  const shipped = stale
    ? `The committed model is not shown: ${stale}.`
    : `In brackets, the committed model at threshold ${responder.config.answerThreshold}, which was fitted on the committed sets.`;
  const note = `Each row: the set scored by the answer model fitted on the other sets (weights and thresholds). ${shipped}`;
  // What each left-out set got wrong, decided by the model fitted without it: what a new writer meets.
  const failing = rows.map((row) => {
    const lines = formatFailures(row.heldOut.cases);
    return lines.length === 0 ? `${row.name}: no failing case` : `${row.name}: failing cases (${lines.length})\n${lines.join('\n')}`;
  });
  process.stdout.write(`Leave one set out (${sets.length} sets)\n\n${formatFolds(rows)}\n\n${note}\n\n${failing.join('\n\n')}\n`);
  return 0;
}

/** The FAQ is indexed once for all the files. */
function explain(files: readonly string[]): Promise<number> {
  return showEach(responderFromEnv(), files, explainOutcome);
}

if (require.main === module) {
  runCli(async () => {
    const args = process.argv.slice(2);
    const unknown = args.find((arg) => arg.startsWith('-') && arg !== '-' && arg !== '--folds' && arg !== '--explain');
    if (unknown) throw unknownArgument(unknown, 'npm run eval');
    // One mode a run, written anywhere: a second one was read as a file or a set's name (--folds: cannot read it).
    const modes = args.filter((arg) => arg === '--folds' || arg === '--explain');
    if (modes.length > 1)
      throw new UsageError(
        modes[0] === modes[1]
          ? `faqmail: ${modes[0]} given twice: give it once\n${USAGE}`
          : `faqmail: --folds and --explain do not go together\n${USAGE}`,
      );
    const rest = args.filter((arg) => arg !== modes[0]);
    if (modes[0] === '--explain' && rest.length === 0) throw new UsageError(`faqmail: --explain needs a FILE.eml\n${USAGE}`);
    if (modes[0] === '--explain') return explain(rest);
    if (modes[0] === '--folds') return folds(rest);
    if (rest.length > 1) throw new UsageError(`faqmail: one set at a time (got ${rest[1]} too; --folds takes several)\n${USAGE}`);
    if (rest.length === 0) throw new UsageError(USAGE);
    return evaluate(rest[0]);
  }, HELP);
}
