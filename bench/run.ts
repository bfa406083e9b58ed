/**
 * `npm run bench`: what a cold start of the deployed function costs, how fast faqmail
 * decides as the FAQ grows, beside the fuse.js baseline, how the digest's grouping grows
 * with its questions, and how often an FAQ that answers none of the labelled mail answers it
 * (./cross-faq). A benchmark, not a test: it prints figures and asserts nothing. Other
 * work shares this machine: every figure is the min and median of repeated, interleaved runs,
 * and the load average is printed with them.
 *
 * Messages are parsed once; what is timed is the whole decision for faqmail (screening,
 * matching, deciding — `decide()`), and the search for fuse.js.
 *
 *   npm run bench [-- [--no-cold-start] [--no-cross-faq] [--sizes=200,2000,20000] [--node=PATH]]
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runCli, unknownArgument, UsageError } from '../tools/cli/run';
import { loadConfig } from '../lambda/config';
import { loadFaq } from '../lambda/content/load-faq';
import { decide } from '../lambda/decide';
import type { Faq, InboundMessage, Receipt } from '../lambda/domain';
import { parseMessage } from '../lambda/mail/parse';
import { receiptFromHeaders } from '../lambda/mail/receipt-headers';
import { buildIndex, type Inquiry } from '../lambda/match';
import { measureColdStart } from './cold-start';
import { crossFaqSection } from './cross-faq';
import { groupingSection } from './digest-grouping';
import { messageSizeSection } from './message-size';
import { row } from './table-row';
import { buildFuseBaseline, matchFuseBaseline } from './fuse-baseline';
import { syntheticFaq, syntheticQuestions } from './synthetic-faq';
import { load, milliseconds, minMedian, ms, quantile, range, type Timing } from './timing';

const DEV_DIR = path.resolve(__dirname, '../test/fixtures/labelled/dev');
const FIXTURE_DIR = path.resolve(__dirname, '../test/fixtures/billing-faq/messages');
/** Synthetic FAQ sizes, after the shipped FAQ (19 entries). */
const SIZES = [200, 2000, 20_000];
const COLD_STARTS = 10;
/** fuse.js takes seconds per message on a large FAQ: it is timed for this long per case. */
const BUDGET_MS = 15_000;
/** Beyond this size one fuse.js search takes longer than the budget: it does not finish. */
const FUSE_MAX_ENTRIES = 2000;

interface Sample {
  message: InboundMessage;
  receipt: Receipt;
  inquiry: Inquiry;
}

interface PerMessage {
  /** Of the per-round medians; of all timings when no round was whole. */
  median: Timing;
  p95: number;
  /** Messages timed, of those asked for (fuse.js stops at the budget). */
  count: number;
  of: number;
}

/**
 * Per-message times of each system, round by round (faqmail, then fuse.js, then the next
 * round), after a warm-up call each. A system with a budget stops timing when it is spent.
 */
function perMessage(samples: Sample[], rounds: number, systems: Array<{ run: (s: Sample) => void; budget: number }>): PerMessage[] {
  for (const { run, budget } of systems) if (budget > 0) run(samples[0]);
  const state = systems.map(() => ({ all: [] as number[], medians: [] as number[], spent: 0 }));
  for (let r = 0; r < rounds; r += 1) {
    systems.forEach(({ run, budget }, k) => {
      const own = state[k];
      const times: number[] = [];
      for (const s of samples) {
        if (own.spent >= budget) break;
        const start = process.hrtime.bigint();
        run(s);
        const t = milliseconds(start);
        own.spent += t;
        times.push(t);
      }
      if (times.length === samples.length) own.medians.push(minMedian(times).median);
      own.all.push(...times);
    });
  }
  return state.map((own) => {
    const sorted = own.all.sort((a, b) => a - b);
    return {
      median: minMedian(own.medians.length ? own.medians : sorted),
      p95: quantile(sorted, 0.95),
      count: sorted.length,
      of: samples.length * rounds,
    };
  });
}

async function loadSamples(): Promise<{ samples: Sample[]; source: string }> {
  const dir = existsSync(DEV_DIR) ? DEV_DIR : FIXTURE_DIR;
  const source = dir === DEV_DIR ? `the dev set (${DEV_DIR})` : `the billing fixtures (${FIXTURE_DIR}); ../shared is absent`;
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.eml'))
    .sort();
  const samples: Sample[] = [];
  for (const file of files) {
    const message = await parseMessage(readFileSync(path.join(dir, file)));
    samples.push({
      message,
      receipt: receiptFromHeaders(message),
      inquiry: { subject: message.subject, newText: message.newText, forwardedText: message.forwardedText },
    });
  }
  return { samples, source };
}

function kb(bytes: number): string {
  return bytes >= 1e6 ? `${(bytes / 1e6).toFixed(2)} MB` : `${Math.round(bytes / 1e3)} KB`;
}

function times(t: Timing, baseline?: Timing): string {
  return `${range(t)}${baseline ? ` (${(t.median / baseline.median).toFixed(1)}×)` : ''}`;
}

/** Phases one after another, as the sum of their mins and of their medians. */
function phasesTogether(...phases: Timing[]): Timing {
  return { min: phases.reduce((sum, t) => sum + t.min, 0), median: phases.reduce((sum, t) => sum + t.median, 0) };
}

/** A Node.js binary to run cold starts in, and the version it reports. */
interface NodeBinary {
  path: string;
  version: string;
}

async function coldStartSection(node: NodeBinary): Promise<string[]> {
  const c = await measureColdStart(COLD_STARTS, node.path);
  const { require, init, first, decided, whole } = c.phases;
  const toFirst = phasesTogether(require, init, first);
  const toDecision = phasesTogether(require, init, decided);
  return [
    '## The deployed function (the bundle `cdk synth` builds)',
    '',
    row(['file', 'raw', 'gzipped']),
    row(['---', '---:', '---:']),
    ...c.files.map((f) => row([f.name, kb(f.bytes), kb(f.gzipped)])),
    '',
    'A cold start reads only `index.js` and the two assets; what lies under `node_modules/` is read when a message needs it ' +
      '(a charset other than UTF-8; Markdown not rendered at synth; two different domains to align through the Public Suffix List).',
    '',
    `Loading the precomputed index and word list (in process, 20 runs): min / median ${range(c.assetLoad)}; ` +
      `the first, ${ms(c.assetLoad.first)}, also fingerprints the sources (the bundle has its fingerprint built in).`,
    '',
    `Cold starts in Node ${node.version}${node.path === process.execPath ? '' : ` (${node.path})`}, ` +
      `${c.runs} runs interleaved with \`node -e ''\` (S3, SES and DynamoDB through the bundled aws-lite; ` +
      `first event: S3 read, decision "${c.decision}", SES send and DynamoDB records against the local stand-ins, ` +
      `logging at INFO as deployed; peak RSS ${c.rssMb} MB):`,
    '',
    row(['phase', 'min / median']),
    row(['---', '---:']),
    row(['require(index.js)', range(require)]),
    row(['init (createHandler: index, clients)', range(init)]),
    row(['first event', range(first)]),
    row(['… of which to its decision (S3 read, records read, parse, screen, decide, compose; logged "Decided")', range(decided)]),
    row(['… of which waiting for the stand-ins (event loop idle)', range(c.waiting)]),
    row(['require + init + first decision', range(toDecision)]),
    ...(c.cpuToDecision
      ? [row(["… the main thread's CPU time in it (less disturbed by other work than wall time)", range(c.cpuToDecision)])]
      : []),
    row(['require + init + first event (the SES send and records after the decision too)', range(toFirst)]),
    row(['whole process, spawn to exit after the first event (wall)', times(whole, c.empty)]),
    row(["`node -e ''` (wall)", range(c.empty)]),
    '',
  ];
}

async function scalingSection(sizes: number[]): Promise<string[]> {
  const config = loadConfig({});
  const history = { repliesToOurAnswer: false };
  const { samples, source } = await loadSamples();
  const shipped = loadFaq();
  const questions = syntheticQuestions(100).map((inquiry) => ({
    ...samples[0],
    inquiry,
    message: { ...samples[0].message, subject: inquiry.subject, newText: inquiry.newText, forwardedText: '' },
  }));
  const out = [
    '## Deciding as the FAQ grows',
    '',
    `Messages: ${samples.length} inbound from ${source}, and 100 synthetic questions about the synthetic FAQ. Per message: min / median of the per-round medians, and the p95 of all timings.`,
    '',
    row([
      'entries',
      'messages',
      'faqmail index build (min / median)',
      'per entry',
      'faqmail decide',
      'p95',
      'fuse.js build',
      'fuse.js search',
      'p95',
    ]),
    row(['---:', '---', '---:', '---:', '---:', '---:', '---:', '---:', '---:']),
  ];
  const faqs: Faq[] = [
    shipped,
    ...sizes.map((size) => ({ ...syntheticFaq(size, 'faqmail-bench', shipped.synonyms), handover: shipped.handover })),
  ];
  for (const faq of faqs) {
    const size = faq.entries.length;
    const builds = size >= 20_000 ? 3 : size >= 2000 ? 5 : 15;
    const buildTimes: number[] = [];
    const fuseBuilds: number[] = [];
    for (let i = 0; i < builds; i += 1) {
      let start = process.hrtime.bigint();
      buildIndex(faq);
      buildTimes.push(milliseconds(start));
      start = process.hrtime.bigint();
      buildFuseBaseline(faq);
      fuseBuilds.push(milliseconds(start));
    }
    const build = minMedian(buildTimes);
    const index = buildIndex(faq);
    const fuse = buildFuseBaseline(faq);
    const sets =
      faq === shipped
        ? [{ label: `${samples.length} inbound`, list: samples }]
        : [
            { label: `${samples.length} inbound`, list: samples },
            { label: '100 synthetic', list: questions },
          ];
    for (const set of sets) {
      const rounds = size >= 20_000 ? 3 : size >= 2000 ? 5 : 10;
      const [ours, theirs] = perMessage(set.list, rounds, [
        { run: (s) => decide({ message: s.message, receipt: s.receipt, history }, index, config), budget: Infinity },
        // Past FUSE_MAX_ENTRIES one fuse.js search takes tens of seconds: not run.
        { run: (s) => matchFuseBaseline(fuse, s.inquiry), budget: size > FUSE_MAX_ENTRIES ? 0 : BUDGET_MS },
      ]);
      const fuseCells =
        theirs.count === 0
          ? ['not run (see 2,000)', '']
          : [
              `${range(theirs.median)}${theirs.count < theirs.of ? ` (${theirs.count} of ${theirs.of} timed in ${BUDGET_MS / 1000} s)` : ''}`,
              ms(theirs.p95),
            ];
      out.push(
        row([
          faq.entries.length,
          set.label,
          range(build),
          ms(build.median / faq.entries.length),
          range(ours.median),
          ms(ours.p95),
          range(minMedian(fuseBuilds)),
          ...fuseCells,
        ]),
      );
    }
  }
  out.push('');
  return out;
}

/** The binary at `file` with the version it reports; a clear error when it is no Node.js that runs here. */
function nodeBinary(file: string): NodeBinary {
  const run = spawnSync(file, ['--version'], { encoding: 'utf8' });
  if (run.status !== 0 || !/^v\d+\./.test(run.stdout)) {
    throw new UsageError(`faqmail: --node=${file} is not a Node.js binary that runs here (${run.error?.message ?? run.stderr.trim()})`);
  }
  return { path: file, version: run.stdout.trim() };
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const node = nodeBinary(args.find((a) => a.startsWith('--node='))?.slice('--node='.length) ?? process.execPath);
  const sizes =
    args
      .find((a) => a.startsWith('--sizes='))
      ?.slice('--sizes='.length)
      .split(',')
      .map(Number) ?? SIZES;
  const out = [
    `# faqmail benchmark — Node ${process.version}, ${os.cpus().length} CPUs; load average (1 / 5 / 15 min) at the start: ${load()}`,
    '',
    ...(args.includes('--no-cold-start') ? [] : await coldStartSection(node)),
    ...(await scalingSection(sizes)),
    ...(await messageSizeSection()),
    ...groupingSection(),
    ...(args.includes('--no-cross-faq') ? [] : await crossFaqSection()),
    `Load average at the end: ${load()}. Other work on the machine slows every figure; the min is the least disturbed run.`,
    "Targets (issue 13): require + init + first decision ≤ 250 ms and the whole process ≤ 3× `node -e ''`; index.js ≤ 1.5 MB, " +
      'assets loaded in ≤ 50 ms; decide ≤ 0.5 ms median at 19 entries, ≤ 3 ms median and ≤ 8 ms p95 at 20,000.',
  ];
  process.stdout.write(`${out.join('\n')}\n`);
}

const HELP = `
usage: npm run bench [-- [--no-cold-start] [--no-cross-faq] [--sizes=200,2000,20000] [--node=PATH]]

Prints what a cold start of the bundled function costs (bundle size; require, init and first
event, beside \`node -e ''\`) and how fast faqmail decides as the FAQ grows (the shipped FAQ,
then synthetic FAQs of each size), beside the fuse.js baseline where it finishes, and how the
whole pipeline's time grows with the message, shape by shape, and how the digest's grouping of
unanswered questions grows with their count, and how many messages about the sample FAQ an FAQ
that answers none of them is sent (cross-FAQ false answers; it fits the model five times). Every figure
is the min and median of repeated runs; it asserts nothing, and the machine's load is printed.

  --no-cold-start   skip the cold-start section (it synthesizes and bundles the stack)
  --no-cross-faq    skip the cross-FAQ false answers (a fit of the model per set)
  --sizes=LIST      synthetic FAQ sizes to time (default 200,2000,20000)
  --node=PATH       run the cold starts (and \`node -e ''\`) in this Node.js binary, e.g. the
                    runtime's major (Lambda runs Node.js 24) where this machine has another
  --help            this text`;

runCli(async () => {
  const unknown = process.argv
    .slice(2)
    .find(
      (arg) =>
        arg !== '--no-cold-start' && arg !== '--no-cross-faq' && !/^--sizes=[1-9]\d*(,[1-9]\d*)*$/.test(arg) && !/^--node=./.test(arg),
    );
  if (unknown?.startsWith('--sizes'))
    throw new UsageError(
      `faqmail: ${unknown}: --sizes= takes entry counts of 1 or more separated by commas, e.g. --sizes=200,2000 (npm run bench -- --help)`,
    );
  if (unknown !== undefined) throw unknownArgument(unknown, 'npm run bench');
  await main();
  return 0;
}, HELP);
