/**
 * The responder's bundle as Lambda runs it: from the folder the stack packs (`cdk synth`), in a
 * fresh Node.js process started outside the project (so nothing resolves from its
 * node_modules), on one SES event, against the stand-ins. The cold-start bench times it; a test
 * runs the deployed layout end to end with it.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import type { SESEvent } from 'aws-lambda';
import { MAIL_PREFIX } from '../lambda/adapters/mail-store';
import { configToEnv, type Config } from '../lambda/config';
import { sesEvent } from './ses-event';
import { localS3Client } from './local-s3';
import { createStateTable, LOCAL_CREDENTIALS, LOCAL_REGION, startDynalite, startS3, startSes, type LocalSes } from './stand-ins';

/**
 * Runs in the child: the phases of one cold start, in milliseconds, on one line (the last it
 * prints). The handler logs "Decided" once the message is decided and its mails composed,
 * before anything is sent: when that line is written marks the first decision. Beside wall
 * time, the main thread's own CPU time to that moment (Linux's per-thread schedstat; null
 * elsewhere): other work on the machine stretches wall time by tens of milliseconds and the
 * main thread's CPU time far less. It leaves out V8's helper threads (compiling, collecting),
 * which run beside it on another core, and the time spent waiting for the stand-ins.
 */
const PROBE = `
const fs = require('node:fs');
const threadCpu = () => {
  try { return Number(fs.readFileSync('/proc/self/task/' + process.pid + '/schedstat', 'utf8').split(' ')[0]) / 1e6; }
  catch { return NaN; }
};
let decided;
let decidedCpu;
const write = process.stdout.write.bind(process.stdout);
process.stdout.write = (chunk, ...rest) => {
  if (decided === undefined && String(chunk).includes('"message":"Decided"')) {
    decided = performance.now();
    decidedCpu = threadCpu();
  }
  return write(chunk, ...rest);
};
const c0 = threadCpu();
const t0 = performance.now();
const bundle = require(process.argv[2]);
const t1 = performance.now();
const handle = bundle.createHandler(process.env);
const t2 = performance.now();
const loop = performance.eventLoopUtilization();
const context = { functionName: 'bundle', awsRequestId: 'bundle', getRemainingTimeInMillis: () => 60000 };
handle(JSON.parse(process.env.BUNDLE_EVENT), context).then((result) => {
  const t3 = performance.now();
  const waiting = performance.eventLoopUtilization(loop).idle;
  process.stdout.write(JSON.stringify({ require: t1 - t0, init: t2 - t1, first: t3 - t2, decided: decided - t2, cpuToDecision: Number.isFinite(decidedCpu - c0) ? decidedCpu - c0 : null, waiting, decision: result.decision, rule: result.rule, rss: process.memoryUsage().rss }) + '\\n', () => process.exit(0));
}, (error) => { console.error(error); process.exit(1); });
`;

/** Where the bundle finds what the stack would give it. */
interface BundleSetting {
  /** The asset folder: `index.js` and what lies beside it. */
  dir: string;
  config: Config;
  table: string;
  endpoints: { s3: string; ses: string; dynamodb: string };
}

/** The inbox the runs' messages are addressed to, and the bucket SES stores them in. */
const BUNDLE_INBOX = 'developers@example.com';
const BUCKET = 'faqmail-bundle';

/** One run: its phases (ms), the time it sat idle waiting for the stand-ins, what it decided. */
export interface BundleRun {
  require: number;
  init: number;
  first: number;
  /** Into the first event, when its decision was logged: the S3 read, records read, parse, screen, decide, compose. */
  decided: number;
  /** The main thread's CPU time from require to the decision (ms); null where the system does not say it. */
  cpuToDecision: number | null;
  waiting: number;
  /** Spawn to exit, as a caller waits for it. */
  whole: number;
  decision: string;
  rule: string;
  rss: number;
}

/**
 * Wall time of a Node.js process from spawn to exit, and what it printed. `node` is the
 * binary, this one's unless another is named (the runtime's major, say, installed beside).
 */
export function timedNode(
  args: string[],
  env: NodeJS.ProcessEnv,
  cwd?: string,
  node = process.execPath,
): Promise<{ ms: number; line: string }> {
  return new Promise((resolve, reject) => {
    const start = process.hrtime.bigint();
    const child = spawn(node, args, { env, cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('error', reject);
    child.on('exit', (code) => {
      const ms = Number(process.hrtime.bigint() - start) / 1e6;
      if (code === 0) resolve({ ms, line: out.trim() });
      else reject(new Error(`${node} ${args.join(' ')} exited with ${code}: ${err.slice(0, 2000)}`));
    });
  });
}

function environment(setting: BundleSetting, event: SESEvent): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH,
    ...configToEnv(setting.config),
    FAQMAIL_INBOX_ADDRESS: BUNDLE_INBOX,
    AWS_REGION: LOCAL_REGION,
    AWS_ACCESS_KEY_ID: LOCAL_CREDENTIALS.accessKeyId,
    AWS_SECRET_ACCESS_KEY: LOCAL_CREDENTIALS.secretAccessKey,
    FAQMAIL_MAIL_BUCKET: BUCKET,
    FAQMAIL_MAIL_PREFIX: MAIL_PREFIX,
    FAQMAIL_STATE_TABLE: setting.table,
    FAQMAIL_PRECOMPUTED_DIR: setting.dir,
    FAQMAIL_S3_ENDPOINT: setting.endpoints.s3,
    FAQMAIL_SES_ENDPOINT: setting.endpoints.ses,
    FAQMAIL_DYNAMODB_ENDPOINT: setting.endpoints.dynamodb,
    POWERTOOLS_SERVICE_NAME: 'faqmail',
    // Powertools' default, as the stack deploys it: the logs are part of what an event costs.
    POWERTOOLS_LOG_LEVEL: 'INFO',
    POWERTOOLS_METRICS_DISABLED: 'true',
    BUNDLE_EVENT: JSON.stringify(event),
  };
}

/** Runs the bundle on `event` in a fresh process of `node`: require, `createHandler`, the event. */
async function runBundle(setting: BundleSetting, event: SESEvent, node: string): Promise<BundleRun> {
  const outside = mkdtempSync(path.join(os.tmpdir(), 'faqmail-bundle-'));
  try {
    const probe = path.join(outside, 'probe.js');
    writeFileSync(probe, PROBE);
    const { ms, line } = await timedNode([probe, path.join(setting.dir, 'index.js')], environment(setting, event), outside, node);
    return { ...(JSON.parse(line.slice(line.lastIndexOf('\n') + 1)) as Omit<BundleRun, 'whole'>), whole: ms };
  } finally {
    rmSync(outside, { recursive: true, force: true });
  }
}

/** The stand-ins bundles run against, and how to hand one a message as SES would. */
export interface BundleStage {
  ses: LocalSes;
  /**
   * Stores `raw` (sent by `source` to BUNDLE_INBOX) under a new SES id and runs the bundle in
   * `dir` on its event, with a state table of its own: a writer's daily limit would otherwise
   * turn a later run's answer into a hand-over.
   */
  run(dir: string, config: Config, raw: Buffer, source: string): Promise<BundleRun>;
  stop(): Promise<void>;
}

/** `node`: the binary that runs the bundles (this process's unless another is named). */
export async function startBundleStage(node = process.execPath): Promise<BundleStage> {
  const [dynamodb, s3, ses] = await Promise.all([startDynalite(), startS3({ buckets: [BUCKET] }), startSes()]);
  const s3Client = localS3Client(s3.endpoint);
  const endpoints = { s3: s3.endpoint, ses: ses.endpoint, dynamodb: dynamodb.endpoint };
  let tables = 0;
  return {
    ses,
    run: async (dir, config, raw, source) => {
      const table = `faqmail-bundle-${(tables += 1)}`;
      await createStateTable(dynamodb.endpoint, table);
      const messageId = randomBytes(20).toString('hex');
      await s3Client.send(new PutObjectCommand({ Bucket: BUCKET, Key: `${MAIL_PREFIX}${messageId}`, Body: raw }));
      return runBundle({ dir, config, table, endpoints }, sesEvent({ messageId, recipients: [BUNDLE_INBOX], source, raw }), node);
    },
    stop: async () => {
      s3Client.destroy();
      await Promise.all([dynamodb.stop(), s3.stop(), ses.stop()]);
    },
  };
}
