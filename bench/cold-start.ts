/**
 * The deployed function as Lambda starts it: the bundle the stack builds (`cdk synth`), its
 * size, and cold starts of it in fresh Node.js processes — require, init (`createHandler`:
 * the precomputed index, the AWS clients) and the first event (S3 read, decision, SES send,
 * DynamoDB records, against the local stand-ins) — beside `node -e ''`.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { sesEvent } from '../local/ses-event';
import { MAIL_PREFIX } from '../lambda/adapters/mail-store';
import { configToEnv } from '../lambda/config';
import { readPrecomputed } from '../lambda/precomputed';
import { createStateTable, LOCAL_CREDENTIALS, LOCAL_REGION, startDynalite, startS3, startSes } from '../local/stand-ins';
import { functionAssetDir, PROJECT_ROOT, synthStack } from '../test/support/synth-stack';
import { minMedian, type Timing } from './timing';

const MESSAGE = path.join(PROJECT_ROOT, 'test/fixtures/inquiries/q001.eml');
const BUCKET = 'faqmail-bench';
/** The message's own addresses: it asks something the FAQ answers, so the first event composes and sends a reply. */
const INBOX = 'developers@example.com';
const WRITER = 'marta.kowalczyk@fernleaf-analytics.io';

/** Runs in the child: the phases of one cold start, in milliseconds, on one line. */
const PROBE = `
const t0 = performance.now();
const bundle = require(process.argv[2]);
const t1 = performance.now();
const handle = bundle.createHandler(process.env);
const t2 = performance.now();
const loop = performance.eventLoopUtilization();
const context = { functionName: 'bench', awsRequestId: 'bench', getRemainingTimeInMillis: () => 60000 };
handle(JSON.parse(process.env.BENCH_EVENT), context).then((result) => {
  const t3 = performance.now();
  const waiting = performance.eventLoopUtilization(loop).idle;
  process.stdout.write(JSON.stringify({ require: t1 - t0, init: t2 - t1, first: t3 - t2, waiting, decision: result.decision + ' (' + result.rule + ')', rss: process.memoryUsage().rss }) + '\\n', () => process.exit(0));
}, (error) => { console.error(error); process.exit(1); });
`;

export interface ColdStart {
  files: Array<{ name: string; bytes: number; gzipped: number }>;
  assetLoad: Timing & { first: number };
  runs: number;
  empty: Timing;
  phases: { require: Timing; init: Timing; first: Timing; whole: Timing };
  /** Of the first event: the time the process sat idle, waiting for the stand-ins to answer. */
  waiting: Timing;
  decision: string;
  rssMb: number;
}

/** Wall time of a child process from spawn to exit (or to its line of output), and that line. */
function timed(args: string[], env: NodeJS.ProcessEnv): Promise<{ ms: number; line: string }> {
  return new Promise((resolve, reject) => {
    const start = process.hrtime.bigint();
    const child = spawn(process.execPath, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('error', reject);
    child.on('exit', (code) => {
      const ms = Number(process.hrtime.bigint() - start) / 1e6;
      if (code === 0) resolve({ ms, line: out.trim() });
      else reject(new Error(`${args.join(' ')} exited with ${code}: ${err.slice(0, 2000)}`));
    });
  });
}

export async function measureColdStart(runs: number): Promise<ColdStart> {
  const synthesized = synthStack({}, { realHandler: true });
  // The probe runs outside the project, so the bundle finds nothing in its node_modules.
  const outside = mkdtempSync(path.join(os.tmpdir(), 'faqmail-bench-'));
  const [dynamodb, s3, ses] = await Promise.all([startDynalite(), startS3({ buckets: [BUCKET] }), startSes()]);
  const s3Client = new S3Client({ endpoint: s3.endpoint, forcePathStyle: true, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS });
  try {
    const dir = functionAssetDir(synthesized);
    const files = readdirSync(dir)
      .sort()
      .map((name) => {
        const bytes = readFileSync(path.join(dir, name));
        return { name, bytes: statSync(path.join(dir, name)).size, gzipped: gzipSync(bytes).length };
      });
    const config = synthesized.settings.config;
    const loads: number[] = [];
    for (let i = 0; i < 20; i += 1) {
      const start = process.hrtime.bigint();
      readPrecomputed(dir, config);
      loads.push(Number(process.hrtime.bigint() - start) / 1e6);
    }

    const probe = path.join(outside, 'probe.js');
    writeFileSync(probe, PROBE);
    const raw = readFileSync(MESSAGE);
    const env: NodeJS.ProcessEnv = {
      PATH: process.env.PATH,
      ...configToEnv(config),
      FAQMAIL_INBOX_ADDRESS: INBOX,
      AWS_REGION: LOCAL_REGION,
      AWS_ACCESS_KEY_ID: LOCAL_CREDENTIALS.accessKeyId,
      AWS_SECRET_ACCESS_KEY: LOCAL_CREDENTIALS.secretAccessKey,
      FAQMAIL_MAIL_BUCKET: BUCKET,
      FAQMAIL_MAIL_PREFIX: MAIL_PREFIX,
      FAQMAIL_PRECOMPUTED_DIR: dir,
      FAQMAIL_S3_ENDPOINT: s3.endpoint,
      FAQMAIL_SES_ENDPOINT: ses.endpoint,
      FAQMAIL_DYNAMODB_ENDPOINT: dynamodb.endpoint,
      POWERTOOLS_SERVICE_NAME: 'faqmail',
      POWERTOOLS_LOG_LEVEL: 'SILENT',
      POWERTOOLS_METRICS_DISABLED: 'true',
    };
    const empty: number[] = [];
    const phases = { require: [] as number[], init: [] as number[], first: [] as number[], whole: [] as number[] };
    const waiting: number[] = [];
    let decision = '';
    let rss = 0;
    // Interleaved: the two kinds of process see the same load from the rest of the machine.
    for (let i = 0; i < runs; i += 1) {
      empty.push((await timed(['-e', ''], { PATH: process.env.PATH })).ms);
      // A fresh state table each time: the writer's daily limit would turn later answers into hand-overs.
      const table = `faqmail-bench-${i}`;
      await createStateTable(dynamodb.endpoint, table);
      const messageId = randomBytes(20).toString('hex');
      await s3Client.send(new PutObjectCommand({ Bucket: BUCKET, Key: `${MAIL_PREFIX}${messageId}`, Body: raw }));
      const event = sesEvent({ messageId, recipients: [INBOX], source: WRITER, raw });
      const { ms, line } = await timed([probe, path.join(dir, 'index.js')], {
        ...env,
        FAQMAIL_STATE_TABLE: table,
        BENCH_EVENT: JSON.stringify(event),
      });
      const result = JSON.parse(line) as { require: number; init: number; first: number; waiting: number; decision: string; rss: number };
      phases.require.push(result.require);
      phases.init.push(result.init);
      phases.first.push(result.first);
      phases.whole.push(ms);
      waiting.push(result.waiting);
      decision = result.decision;
      rss = Math.max(rss, result.rss);
    }
    return {
      files,
      assetLoad: { ...minMedian(loads), first: loads[0] },
      runs,
      empty: minMedian(empty),
      phases: {
        require: minMedian(phases.require),
        init: minMedian(phases.init),
        first: minMedian(phases.first),
        whole: minMedian(phases.whole),
      },
      waiting: minMedian(waiting),
      decision,
      rssMb: Math.round(rss / 1e6),
    };
  } finally {
    s3Client.destroy();
    await Promise.all([dynamodb.stop(), s3.stop(), ses.stop()]);
    rmSync(outside, { recursive: true, force: true });
    synthesized.cleanup();
  }
}
