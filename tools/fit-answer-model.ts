/**
 * Fits the answer model on the four labelled sets in the repository and writes
 * lambda/match/answer-model.json: `npm run fit`. Deterministic: the same sets, FAQ and
 * features give the same file (test/answer-model.test.ts checks the committed one).
 * `npm run fit -- --check` prints the model without writing it.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { loadConfig } from '../lambda/config';
import { loadFaq } from '../lambda/content/load-faq';
import { fitAnswerModel } from '../lambda/eval/fit-answer-model';
import { readLabelledCases } from '../lambda/eval/read-set';
import { buildIndex } from '../lambda/match';
import type { AnswerModel } from '../lambda/match/answer-model';

const ROOT = path.resolve(__dirname, '..');

/** The sets the committed model is fitted on: four writers. */
export const TRAINING_SETS = ['inquiries', 'labelled/dev', 'labelled/train-a', 'labelled/train-b'].map((dir) => path.join(ROOT, 'test/fixtures', dir));
export const MODEL_FILE = path.join(ROOT, 'lambda/match/answer-model.json');

export async function fitOnTrainingSets(): Promise<AnswerModel> {
  const faq = loadFaq();
  const index = buildIndex(faq);
  const config = loadConfig({});
  const sets = [];
  for (const dir of TRAINING_SETS) sets.push(await readLabelledCases(dir, faq, index, config));
  return fitAnswerModel(sets, config);
}

export function modelJson(model: AnswerModel): string {
  return `${JSON.stringify(model, null, 2)}\n`;
}

async function main(): Promise<void> {
  const model = await fitOnTrainingSets();
  if (!process.argv.includes('--check')) writeFileSync(MODEL_FILE, modelJson(model));
  const weights = model.features.map((name, i) => `  ${model.weights[i].toFixed(3).padStart(8)}  ${name}`).join('\n');
  const summary = `intercept ${model.intercept.toFixed(3)}; threshold ${model.threshold}; restate threshold ${model.restateThreshold}`;
  process.stdout.write(`${summary}\n${weights}\n`);
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
