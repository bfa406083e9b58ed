/**
 * Scores faqmail's matching on a labelled set (default test/fixtures/labelled/dev) per
 * docs/labels.md, as `npm run eval` does (tools/eval/run-set.ts), or the fuse.js baseline
 * with `--baseline`. Rows with reply=false and follow-ups are screening's business and are
 * skipped; `npm run eval` scores everything.
 *
 *   npx tsx bench/dev-score.ts [DIR] [--content=DIR] [--baseline] [--verbose]
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { loadConfig, type Config } from '../lambda/config';
import { loadFaq } from '../lambda/content/load-faq';
import { decide } from '../lambda/decide';
import type { Decision, Faq } from '../lambda/domain';
import { readSetLabels } from '../tools/eval/read-set';
import { runLabelledSet } from '../tools/eval/run-set';
import { formatScorecard, scoreCase, scorecard, type CaseResult, type Label } from '../tools/eval/score';
import { parseMessage } from '../lambda/mail/parse';
import { receiptFromHeaders } from '../lambda/mail/receipt-headers';
import { buildIndex, explainMatch, type FaqIndex } from '../lambda/match';
import { buildFuseBaseline, matchFuseBaseline, type FuseBaseline } from './fuse-baseline';

export interface LabelledSet {
  dir: string;
  /** The rows matching is judged on: replies expected, not follow-ups. */
  labels: Label[];
  keyOf: (entryId: string) => string;
}

/** The set's labels and keys (see tools/eval/read-set.ts), keeping the rows matching is judged on. */
export function readLabelledSet(dir: string, faq: Faq): LabelledSet {
  const { labels, keyOf } = readSetLabels(dir, faq);
  return { dir, labels: labels.filter((l) => l.reply && l.kind !== 'followup'), keyOf };
}

const NO_HISTORY = { repliesToOurAnswer: false };

/** faqmail's decision on one labelled message, with the explanation of its match. */
export async function decideFile(file: string, index: FaqIndex, config: Config): Promise<{ decision: Decision; explanation: string }> {
  const message = await parseMessage(readFileSync(file));
  const { decision, match } = decide({ message, receipt: receiptFromHeaders(message), history: NO_HISTORY }, index, config);
  return { decision, explanation: match ? explainMatch(match) : '(screened out before matching)' };
}

async function baselineFile(file: string, fuse: FuseBaseline): Promise<Decision> {
  const message = await parseMessage(readFileSync(file));
  const answers = matchFuseBaseline(fuse, { subject: message.subject, newText: message.newText, forwardedText: message.forwardedText });
  const reason = 'fuse.js top hit';
  // Only which entries would go out is scored: the writer's own address stands in for the vouched one.
  const answerTo = message.from ?? { name: '', address: '' };
  return answers.length > 0
    ? { kind: 'answer', answers, answerTo, candidates: answers, rule: 'matched', reason }
    : { kind: 'escalate', candidates: answers, rule: 'no-match', reason };
}

export async function scoreSet(
  set: LabelledSet,
  faq: Faq,
  config: Config,
  options: { baseline?: boolean; verbose?: boolean } = {},
): Promise<CaseResult[]> {
  const index = buildIndex(faq);
  if (!options.baseline) {
    // faqmail's figures come from the runner `npm run eval` and the tests use.
    const cases = await runLabelledSet(set.dir, { config, faq, index }, set);
    for (const result of options.verbose ? cases.filter((c) => !c.pass) : []) {
      const { explanation } = await decideFile(path.join(set.dir, result.label.file), index, config);
      process.stdout.write(`\n== ${result.label.file} (${result.label.kind}): ${result.label.note ?? ''}\n${explanation}\n`);
    }
    return cases;
  }
  const fuse = buildFuseBaseline(faq);
  const cases: CaseResult[] = [];
  for (const label of set.labels) {
    cases.push(scoreCase(label, await baselineFile(path.join(set.dir, label.file), fuse), set.keyOf));
  }
  return cases;
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const dir = args.find((a) => !a.startsWith('--')) ?? path.resolve(__dirname, '../test/fixtures/labelled/dev');
  const contentDir = args.find((a) => a.startsWith('--content='))?.slice('--content='.length);
  const baseline = args.includes('--baseline');
  const faq = loadFaq(contentDir);
  const set = readLabelledSet(dir, faq);
  const cases = await scoreSet(set, faq, loadConfig({}), { baseline, verbose: args.includes('--verbose') });
  const card = scorecard(cases);
  process.stdout.write(
    `\n${baseline ? 'fuse.js baseline' : 'faqmail'} on ${dir} (${cases.length} messages that get a reply, follow-ups left out)\n\n${formatScorecard(card)}\n`,
  );
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
