/**
 * `npm run eval -- DIR` scores faqmail against `DIR/labels.jsonl` (format in docs/evaluation.md);
 * `npm run eval -- --explain FILE.eml` shows how one message was read and matched.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { formatScorecard, parseLabels, resolveKeys, scoreCase, scorecard, type CaseResult } from '../eval/score';
import { explainMatch } from '../match';
import { respond } from '../respond';
import { noHistory, receiptOfStoredMail, responderFromEnv } from './local-responder';
import { readInput, runCli, UsageError } from './run';

const USAGE = 'usage: npm run eval -- DIR            (DIR holds *.eml and labels.jsonl)\n       npm run eval -- --explain FILE.eml ...';

const HELP = `
${USAGE}

Scores faqmail against a labelled set and lists every failing case, or explains how one
message was read and matched (the same as npm run respond -- --explain). The label format
and how each figure is counted: docs/evaluation.md.

  --explain   explain each FILE.eml instead of scoring a set
  --help      this text`;

/** `faq-keys.json` names label keys; it sits in the set's folder or the one above. */
function readKeys(dir: string): Record<string, string> {
  const candidates = [path.join(dir, 'faq-keys.json'), path.join(dir, '..', 'faq-keys.json')];
  const file = candidates.find((f) => existsSync(f));
  if (!file) throw new UsageError(`no faq-keys.json in ${dir} or its parent: it maps label keys to FAQ entries`);
  return JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>;
}

async function evaluate(dir: string): Promise<number> {
  const labelsFile = path.join(dir, 'labels.jsonl');
  if (!existsSync(labelsFile)) throw new UsageError(`${labelsFile} does not exist\n${USAGE}`);
  const labels = parseLabels(readFileSync(labelsFile, 'utf8'), labelsFile);
  const responder = responderFromEnv();
  const keyByEntry = resolveKeys(readKeys(dir), responder.faq.entries);
  const cases: CaseResult[] = [];
  for (const label of labels) {
    const raw = await readInput(path.join(dir, label.file));
    const { decision } = await respond(responder, raw, receiptOfStoredMail(responder), noHistory);
    cases.push(scoreCase(label, decision, (id) => keyByEntry.get(id) ?? id));
  }
  process.stdout.write(`faqmail on ${dir} (${labels.length} messages)\n\n${formatScorecard(scorecard(cases))}\n`);
  return 0;
}

async function explain(file: string): Promise<number> {
  const responder = responderFromEnv();
  const outcome = await respond(responder, await readInput(file), receiptOfStoredMail(responder), noHistory);
  const { decision, match, message } = outcome;
  const out = [`== ${file}`, `Decision: ${decision.kind} (${decision.rule}) — ${decision.reason}`];
  if (message) out.push(`Subject: ${message.subject}`, '', 'New text as read:', message.newText.replace(/^/gm, '  | '));
  out.push('', match ? explainMatch(match) : '(matching did not run: the message was screened out before it)');
  process.stdout.write(`${out.join('\n')}\n`);
  return 0;
}

runCli(async () => {
  const args = process.argv.slice(2);
  if (args[0] === '--explain' && args.length >= 2) {
    for (const file of args.slice(1)) await explain(file);
    return 0;
  }
  if (args.length !== 1 || args[0].startsWith('--')) throw new UsageError(USAGE);
  return evaluate(args[0]);
}, HELP);
