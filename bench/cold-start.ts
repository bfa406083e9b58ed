/**
 * The deployed function as Lambda starts it: the bundle the stack builds (`cdk synth`), its
 * size, and cold starts of it in fresh Node.js processes — require, init (`createHandler`:
 * the precomputed index, the AWS clients) and the first event (S3 read, decision, SES send,
 * DynamoDB records, against the local stand-ins) — beside `node -e ''`.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { startBundleStage, timedNode } from '../local/bundle-run';
import { readPrecomputed } from '../lambda/precomputed';
import { functionAssetDir, PROJECT_ROOT, synthStack } from '../test/support/synth-stack';
import { minMedian, type Timing } from './timing';

const MESSAGE = path.join(PROJECT_ROOT, 'test/fixtures/inquiries/q001.eml');
/** The message's writer: it asks something the FAQ answers, so the first event composes and sends a reply. */
const WRITER = 'marta.kowalczyk@fernleaf-analytics.io';

export interface ColdStart {
  files: Array<{ name: string; bytes: number; gzipped: number }>;
  assetLoad: Timing & { first: number };
  runs: number;
  empty: Timing;
  phases: { require: Timing; init: Timing; first: Timing; decided: Timing; whole: Timing };
  /** Of the first event: the time the process sat idle, waiting for the stand-ins to answer. */
  waiting: Timing;
  /** The main thread's CPU time from require to the first decision; absent where the system does not say it. */
  cpuToDecision?: Timing;
  decision: string;
  rssMb: number;
}

/** `node`: the binary the cold starts and `node -e ''` run in (this process's unless another is named). */
export async function measureColdStart(runs: number, node = process.execPath): Promise<ColdStart> {
  const synthesized = synthStack({}, { realHandler: true });
  const stage = await startBundleStage(node);
  try {
    const dir = functionAssetDir(synthesized);
    const files = readdirSync(dir, { recursive: true, encoding: 'utf8' })
      .filter((name) => statSync(path.join(dir, name)).isFile())
      .sort()
      .map((name) => {
        const bytes = readFileSync(path.join(dir, name));
        return { name, bytes: bytes.length, gzipped: gzipSync(bytes).length };
      });
    const config = synthesized.settings.config;
    const loads: number[] = [];
    for (let i = 0; i < 20; i += 1) {
      const start = process.hrtime.bigint();
      readPrecomputed(dir, config);
      loads.push(Number(process.hrtime.bigint() - start) / 1e6);
    }

    const raw = readFileSync(MESSAGE);
    const empty: number[] = [];
    const phases = { require: [] as number[], init: [] as number[], first: [] as number[], decided: [] as number[], whole: [] as number[] };
    const waiting: number[] = [];
    const cpuToDecision: number[] = [];
    let decision = '';
    let rss = 0;
    // Interleaved: the two kinds of process see the same load from the rest of the machine.
    for (let i = 0; i < runs; i += 1) {
      empty.push((await timedNode(['-e', ''], { PATH: process.env.PATH }, undefined, node)).ms);
      const result = await stage.run(dir, config, raw, WRITER);
      if (!Number.isFinite(result.decided)) {
        throw new Error(
          `the bundle logged no "Decided" line in its first event (decision ${result.decision}): the probe times the decision by it`,
        );
      }
      phases.require.push(result.require);
      phases.init.push(result.init);
      phases.first.push(result.first);
      phases.decided.push(result.decided);
      phases.whole.push(result.whole);
      waiting.push(result.waiting);
      if (result.cpuToDecision !== null) cpuToDecision.push(result.cpuToDecision);
      decision = `${result.decision} (${result.rule})`;
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
        decided: minMedian(phases.decided),
        whole: minMedian(phases.whole),
      },
      waiting: minMedian(waiting),
      ...(cpuToDecision.length === runs ? { cpuToDecision: minMedian(cpuToDecision) } : {}),
      decision,
      rssMb: Math.round(rss / 1e6),
    };
  } finally {
    await stage.stop();
    synthesized.cleanup();
  }
}
