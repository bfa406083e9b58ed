/**
 * `npm run bench`: how fast faqmail decides, beside the fuse.js baseline, on the shipped
 * FAQ and on a synthetic FAQ of 2,000 entries. A benchmark, not a test: it prints
 * figures and asserts nothing.
 *
 * Messages are parsed once; what is timed is the whole decision for faqmail (screening,
 * matching, deciding — `decide()`), and the search for fuse.js.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { runCli, UsageError } from '../lambda/cli/run';
import { loadConfig } from '../lambda/config';
import { loadFaq } from '../lambda/content/load-faq';
import { decide } from '../lambda/decide';
import type { Faq, InboundMessage, Receipt } from '../lambda/domain';
import { parseMessage } from '../lambda/mail/parse';
import { receiptFromHeaders } from '../lambda/mail/receipt-headers';
import { buildIndex, matchInquiry, type Inquiry } from '../lambda/match';
import { buildFuseBaseline, matchFuseBaseline } from './fuse-baseline';
import { syntheticFaq, syntheticQuestions } from './synthetic-faq';

const DEV_DIR = path.resolve(__dirname, '../../shared/eval/dev');
const FIXTURE_DIR = path.resolve(__dirname, '../test/fixtures/billing-faq/messages');
const SYNTHETIC_SIZE = 2000;

interface Sample {
  message: InboundMessage;
  receipt: Receipt;
  inquiry: Inquiry;
}

function milliseconds(start: bigint): number {
  return Number(process.hrtime.bigint() - start) / 1e6;
}

function quantile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
}

function time(rounds: number, run: () => void): { median: number; p95: number } {
  const times: number[] = [];
  for (let i = 0; i < rounds; i += 1) {
    const start = process.hrtime.bigint();
    run();
    times.push(milliseconds(start));
  }
  times.sort((a, b) => a - b);
  return { median: quantile(times, 0.5), p95: quantile(times, 0.95) };
}

/** fuse.js takes seconds per long message on a large FAQ: each system gets this long per case. */
const BUDGET_MS = 20_000;

interface PerMessage {
  median: number;
  p95: number;
  /** Timings taken (fewer than rounds × samples when the budget ran out). */
  count: number;
}

/** Per-message times over the samples, `rounds` times each after a warm-up call, within the budget. */
function perMessage(samples: Sample[], rounds: number, run: (s: Sample) => void): PerMessage {
  run(samples[0]);
  const began = Date.now();
  const times: number[] = [];
  for (let r = 0; r < rounds && Date.now() - began < BUDGET_MS; r += 1) {
    for (const s of samples) {
      if (Date.now() - began >= BUDGET_MS) break;
      const start = process.hrtime.bigint();
      run(s);
      times.push(milliseconds(start));
    }
  }
  times.sort((a, b) => a - b);
  return { median: quantile(times, 0.5), p95: quantile(times, 0.95), count: times.length };
}

function per(result: PerMessage, samples: number, rounds: number): string[] {
  const note = result.count < samples * rounds ? ` (${result.count} timings in the ${BUDGET_MS / 1000} s budget)` : '';
  return [ms(result.median), `${ms(result.p95)}${note}`];
}

async function loadSamples(): Promise<{ samples: Sample[]; source: string }> {
  const dir = existsSync(DEV_DIR) ? DEV_DIR : FIXTURE_DIR;
  const source = dir === DEV_DIR
    ? `the dev set (${DEV_DIR})`
    : `the billing fixtures (${FIXTURE_DIR}); ../shared is absent, so the dev set part is skipped`;
  const files = readdirSync(dir).filter((f) => f.endsWith('.eml')).sort();
  const samples: Sample[] = [];
  for (const file of files) {
    const message = await parseMessage(readFileSync(path.join(dir, file)));
    samples.push({ message, receipt: receiptFromHeaders(message), inquiry: { subject: message.subject, newText: message.newText, forwardedText: message.forwardedText } });
  }
  return { samples, source };
}

function row(cells: string[]): string {
  return `| ${cells.join(' | ')} |`;
}

function ms(value: number): string {
  return value < 0.01 ? `${(value * 1000).toFixed(1)} µs` : `${value.toFixed(2)} ms`;
}

async function main(): Promise<void> {
  const config = loadConfig({});
  const history = { repliesToOurAnswer: false };
  const { samples, source } = await loadSamples();
  const shipped = loadFaq();
  const large = syntheticFaq(SYNTHETIC_SIZE, 'faqmail-bench', shipped.synonyms);
  const largeWithRules: Faq = { ...large, handover: shipped.handover };
  const questions = syntheticQuestions(100).map((inquiry) => ({ ...samples[0], inquiry, message: { ...samples[0].message, subject: inquiry.subject, newText: inquiry.newText, forwardedText: '' } }));

  const out = [
    `faqmail benchmark — messages from ${source}: ${samples.length} parsed once; Node ${process.version}`,
    '',
    row(['FAQ', 'messages', 'system', 'index build (median)', 'per message (median)', 'per message (p95)']),
    row(['---', '---', '---', '---:', '---:', '---:']),
  ];
  const cases: Array<{ name: string; faq: Faq; samples: Sample[]; label: string; rounds: number; builds: number }> = [
    { name: `shipped (${shipped.entries.length} entries)`, faq: shipped, samples, label: `${samples.length} inbound`, rounds: 50, builds: 30 },
    { name: `synthetic (${large.entries.length} entries)`, faq: largeWithRules, samples, label: `${samples.length} inbound`, rounds: 10, builds: 10 },
    { name: `synthetic (${large.entries.length} entries)`, faq: largeWithRules, samples: questions, label: `${questions.length} synthetic`, rounds: 5, builds: 0 },
  ];
  for (const c of cases) {
    const index = buildIndex(c.faq);
    const fuse = buildFuseBaseline(c.faq);
    const faqBuild = c.builds > 0 ? ms(time(c.builds, () => buildIndex(c.faq)).median) : '(as above)';
    const fuseBuild = c.builds > 0 ? ms(time(c.builds, () => buildFuseBaseline(c.faq)).median) : '(as above)';
    const ours = perMessage(c.samples, c.rounds, (s) => decide({ message: s.message, receipt: s.receipt, history }, index, config));
    const theirs = perMessage(c.samples, c.rounds, (s) => matchFuseBaseline(fuse, s.inquiry));
    out.push(row([c.name, c.label, 'faqmail (decide)', faqBuild, ...per(ours, c.samples.length, c.rounds)]));
    out.push(row([c.name, c.label, 'fuse.js baseline', fuseBuild, ...per(theirs, c.samples.length, c.rounds)]));
  }
  const index = buildIndex(shipped);
  const matchOnly = perMessage(samples, 30, (s) => matchInquiry(index, s.inquiry, config));
  out.push('', `Matching alone (shipped FAQ): median ${ms(matchOnly.median)}, p95 ${ms(matchOnly.p95)}.`);
  out.push('Targets: under 5 ms median per message at the shipped FAQ, under 20 ms at 2,000 entries; index build under 200 ms at 2,000.');
  process.stdout.write(`${out.join('\n')}\n`);
}

const HELP = `
usage: npm run bench

Prints how fast faqmail decides (build time, median and p95 per message) beside the fuse.js
baseline, on the shipped FAQ and on a synthetic FAQ of 2,000 entries. It asserts nothing;
figures vary with the machine's load.

  --help      this text`;

runCli(async () => {
  const unknown = process.argv.slice(2)[0];
  if (unknown !== undefined) throw new UsageError(`faqmail: bench takes no arguments (got ${unknown}; npm run bench -- --help)`);
  await main();
  return 0;
}, HELP);
