/**
 * Fits the answer model on the labelled sets in the repository and writes
 * lambda/match/answer-model.json: `npm run fit`. Deterministic: the same sets, FAQ and
 * features give the same file (test/answer-model.test.ts checks the committed one). The committed
 * sets are read against the FAQ they were labelled on (the sample's fixed copy, the billing FAQ),
 * never content/, so a team's own FAQ changes nothing here.
 * `npm run fit -- --check` prints the model without writing it. `--with DIR` (repeatable) adds a
 * labelled set on the FAQ in content/, e.g. one `npm run export-labels` wrote from staff verdicts.
 */
import { existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { loadConfig, type Config } from '../../lambda/config';
import { loadFaq } from '../../lambda/content/load-faq';
import { fitAnswerModel, type LabelledCases } from '../eval/fit-answer-model';
import { readLabelledCases, readSetLabels } from '../eval/read-set';
import { SAMPLE_FAQ_DIR } from '../eval/sample-faq';
import { buildIndex, type FaqIndex } from '../../lambda/match';
import type { AnswerModel } from '../../lambda/match/answer-model';
import type { Faq } from '../../lambda/domain';
import { runCli, unknownArgument, UsageError } from './run';

const ROOT = path.resolve(__dirname, '../..');

const USAGE = 'usage: npm run fit [-- [--check] [--with DIR ...]]';

const HELP = `
${USAGE}

Fits the answer model on the labelled sets in the repository and writes
lambda/match/answer-model.json (docs/answer-model.md), then prints its weights.

  --check     print the model without writing it
  --with DIR  also fit on the labelled set in DIR (repeatable), e.g. one npm run export-labels wrote
  --help      this text`;

export interface TrainingSet {
  /** The messages, labels.jsonl and faq-keys.json. */
  dir: string;
  /** The FAQ the labels refer to (default: content/, the team's own). */
  content?: string;
}

/**
 * The sets the committed model is fitted on: four writers on the sample FAQ, and the billing
 * FAQ of another product, so that the weights hold for an FAQ beside ours. train-c, train-e and
 * train-f stay out: they measure what a writer nobody fitted on meets (docs/evaluation.md).
 */
export const TRAINING_SETS: readonly TrainingSet[] = [
  ...['inquiries', 'labelled/dev', 'labelled/train-a', 'labelled/train-b'].map((dir) => ({
    dir: path.join(ROOT, 'test/fixtures', dir),
    content: SAMPLE_FAQ_DIR,
  })),
  { dir: path.join(ROOT, 'test/fixtures/billing-faq/messages'), content: path.join(ROOT, 'test/fixtures/billing-faq/content') },
];
export const MODEL_FILE = path.join(ROOT, 'lambda/match/answer-model.json');

/** A content folder's FAQ and its index (absent: content/). */
export type FaqOf = (content?: string) => { faq: Faq; index: FaqIndex };

/** Each content folder read and indexed once, however many sets are labelled on it. */
export function faqLoader(): FaqOf {
  const loaded = new Map<string | undefined, { faq: Faq; index: FaqIndex }>();
  return (content) => {
    let found = loaded.get(content);
    if (!found) {
      const faq = loadFaq(content);
      found = { faq, index: buildIndex(faq) };
      loaded.set(content, found);
    }
    return found;
  };
}

/** The committed sets and any `extra` ones, in order, each read against the FAQ its labels refer to (`content`). */
export async function readTrainingSets(
  extra: readonly TrainingSet[],
  faqOf: FaqOf,
  config: Config,
): Promise<Array<LabelledCases & Pick<TrainingSet, 'content'>>> {
  const sets = [];
  for (const { dir, content } of [...TRAINING_SETS, ...extra]) {
    const { faq, index } = faqOf(content);
    sets.push({ ...(await readLabelledCases(dir, faq, index, config)), content });
  }
  return sets;
}

/** Fits on the committed sets and any `extra` ones (a team's own verdicts). */
export async function fitOnTrainingSets(extra: readonly TrainingSet[] = [], faqOf: FaqOf = faqLoader()): Promise<AnswerModel> {
  const config = loadConfig({});
  return fitAnswerModel(await readTrainingSets(extra, faqOf, config), config);
}

/** The sets named by `--with DIR` options, each read once before anything is fitted: a mistake in one is the user's to fix. */
function extraSets(args: readonly string[], faqOf: FaqOf): TrainingSet[] {
  // A set fitted twice weighs double, and the thresholds chosen on it would be decided by weights fitted on its copy.
  const committed = new Set(TRAINING_SETS.map((set) => path.resolve(set.dir)));
  const given = new Map<string, string>();
  return args.flatMap((arg, i) => {
    if (arg !== '--with') return [];
    const dir = args[i + 1];
    if (dir === undefined || dir.startsWith('--'))
      throw new UsageError(`faqmail: --with needs a folder holding *.eml, labels.jsonl and faq-keys.json\n${USAGE}`);
    if (committed.has(path.resolve(dir)))
      throw new UsageError(`faqmail: --with ${dir} is one of the sets npm run fit always fits on: given again, it would count twice`);
    const first = given.get(path.resolve(dir));
    if (first !== undefined) throw new UsageError(`faqmail: --with ${dir} is ${first} again: given twice, it would count twice`);
    given.set(path.resolve(dir), dir);
    if (!existsSync(path.join(dir, 'labels.jsonl')))
      throw new UsageError(`faqmail: --with ${dir}: no labels.jsonl there (a labelled set holds *.eml, labels.jsonl and faq-keys.json)`);
    try {
      readSetLabels(dir, faqOf().faq);
    } catch (error) {
      throw new UsageError(`faqmail: --with ${dir}: ${(error as Error).message}`);
    }
    return [{ dir: path.resolve(dir) }];
  });
}

/** The model `npm run fit` with these arguments fits (content/ read once, for checking the --with sets and for fitting). */
async function fitForArgs(args: readonly string[]): Promise<AnswerModel> {
  const unknown = args.find((arg, i) => arg !== '--check' && arg !== '--with' && args[i - 1] !== '--with');
  if (unknown) throw unknownArgument(unknown, 'npm run fit');
  const faqOf = faqLoader();
  return fitOnTrainingSets(extraSets(args, faqOf), faqOf);
}

export function modelJson(model: AnswerModel): string {
  return `${JSON.stringify(model, null, 2)}\n`;
}

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  const model = await fitForArgs(args);
  if (!args.includes('--check')) writeFileSync(MODEL_FILE, modelJson(model));
  const weights = model.features.map((name, i) => `  ${model.weights[i].toFixed(3).padStart(8)}  ${name}`).join('\n');
  const summary = `intercept ${model.intercept.toFixed(3)}; threshold ${model.threshold}; restate threshold ${model.restateThreshold}`;
  process.stdout.write(`${summary}\n${weights}\n`);
  return 0;
}

if (require.main === module) runCli(main, HELP);
