/**
 * How precise each hand-over phrase group is on labelled sets: on how many messages it
 * fires, and how many of those were labelled `escalate: false` (a person was not needed:
 * a misfire). Run: npx tsx bench/handover-precision.ts [--phrases] DIR...
 * (default: the four labelled sets in test/fixtures). `--phrases` adds the phrases
 * that misfired, by count only: no message text is printed.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { noHistory, receiptOfStoredMail, responderFromEnv } from '../tools/cli/local-responder';
import { readInput } from '../tools/cli/run';
import { parseLabels } from '../tools/eval/score';
import { respond } from '../lambda/respond';

const FIXTURES = path.resolve(__dirname, '../test/fixtures');
const DEFAULT_SETS = ['labelled/dev', 'labelled/train-a', 'labelled/train-b', 'inquiries'].map((set) => path.join(FIXTURES, set));

interface Tally {
  fires: number;
  misfires: number;
  phrases: Map<string, number>;
}

async function tallySet(dir: string): Promise<Map<string, Tally>> {
  const labels = parseLabels(readFileSync(path.join(dir, 'labels.jsonl'), 'utf8'), dir);
  const responder = responderFromEnv();
  const tallies = new Map<string, Tally>();
  const count = (group: string, misfire: boolean, phrases: string[]): void => {
    const tally = tallies.get(group) ?? { fires: 0, misfires: 0, phrases: new Map() };
    tally.fires += 1;
    if (misfire) {
      tally.misfires += 1;
      for (const phrase of new Set(phrases)) tally.phrases.set(phrase, (tally.phrases.get(phrase) ?? 0) + 1);
    }
    tallies.set(group, tally);
  };
  for (const label of labels) {
    const { match } = await respond(responder, await readInput(path.join(dir, label.file)), receiptOfStoredMail(responder), noHistory);
    if (!match) continue;
    const misfire = !label.escalate;
    for (const reason of new Set(match.handover.map((h) => h.reason))) {
      count(
        reason,
        misfire,
        match.handover.filter((h) => h.reason === reason).map((h) => h.phrase),
      );
    }
    if (match.ownInstance.length > 0)
      count(
        '(own-instance cues: a signal, not a hand-over)',
        misfire,
        match.ownInstance.map((c) => c.cue),
      );
  }
  return tallies;
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const showPhrases = args.includes('--phrases');
  const sets = args.filter((a) => !a.startsWith('--'));
  const dirs = (sets.length ? sets : DEFAULT_SETS).filter((d) => existsSync(path.join(d, 'labels.jsonl')));
  const perSet = await Promise.all(dirs.map(async (dir) => ({ dir, tallies: await tallySet(dir) })));
  const groups = [...new Set(perSet.flatMap((s) => [...s.tallies.keys()]))].sort();
  const names = perSet.map((s) => path.relative(process.cwd(), s.dir) || s.dir);
  const out = [
    `| group | ${names.map((n) => `${n}: fires / misfires`).join(' | ')} | precision (all) |`,
    `| --- |${names.map(() => ' ---: |').join('')} ---: |`,
  ];
  for (const group of groups) {
    const cells = perSet.map((s) => s.tallies.get(group) ?? { fires: 0, misfires: 0, phrases: new Map() });
    const fires = cells.reduce((n, c) => n + c.fires, 0);
    const misfires = cells.reduce((n, c) => n + c.misfires, 0);
    const precision = fires ? `${(((fires - misfires) / fires) * 100).toFixed(0)}%` : '–';
    out.push(`| ${group.slice(0, 60)} | ${cells.map((c) => `${c.fires} / ${c.misfires}`).join(' | ')} | ${precision} |`);
  }
  if (showPhrases) {
    out.push('', 'Phrases that fired on mail labelled escalate: false (messages):');
    for (const group of groups) {
      for (const [i, s] of perSet.entries()) {
        const phrases = s.tallies.get(group)?.phrases;
        if (phrases?.size) out.push(`  ${names[i]} · ${group.slice(0, 50)}: ${[...phrases].map(([p, n]) => `"${p}" ${n}`).join(', ')}`);
      }
    }
  }
  process.stdout.write(`${out.join('\n')}\n`);
}

void main();
