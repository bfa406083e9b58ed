/**
 * The responder as it is deployed: the bundle `cdk synth` packs, with what lies beside it, run in
 * a fresh Node.js process outside the project on a message in S3, against the stand-ins. A
 * message in UTF-8 whose authentication vouches for its own domain reads nothing beside the
 * bundle; one in another charset, from a subdomain, loads the decoder and the Public
 * Suffix List shipped beside it (lib/function-code.ts, LOADED_WHEN_NEEDED), and both are answered.
 * The bundle is the one deployed, arrow functions rewritten and all (lib/lazy-arrows.ts); the first
 * message is the cold-start bench's.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import iconv from 'iconv-lite';
import { simpleParser } from 'mailparser';
import { startBundleStage, type BundleStage } from '../../local/bundle-run';
import { functionAssetDir, PROJECT_ROOT, synthStack, type Synthesized } from '../support/synth-stack';

const WRITER = 'marta.kowalczyk@fernleaf-analytics.io';
/** A question the FAQ answers, in UTF-8 as its writer sent it. */
const QUESTION = readFileSync(path.join(PROJECT_ROOT, 'test/fixtures/inquiries/q001.eml'));

/** The writer's address at a subdomain of the domain that passed: only the Public Suffix List tells it is the same organization. */
const AT_SUBDOMAIN = 'marta@eu.fernleaf-analytics.io';

/** The same message in GBK, with Chinese in its subject and signature (only iconv-lite reads them), from a subdomain. */
function inGbk(raw: Buffer): Buffer {
  const text = raw.toString('utf8');
  const blank = text.search(/\r?\n\r?\n/);
  const [head, body] = [text.slice(0, blank), text.slice(blank).trim()];
  const gbkHead = head
    .replace(/^From: .*$/m, `From: Marta Kowalczyk <${AT_SUBDOMAIN}>`)
    .replace(/^Subject: (.*)$/m, `Subject: $1 =?gbk?B?${iconv.encode('（预算）', 'gbk').toString('base64')}?=`)
    .replace(/charset="utf-8"; format=flowed/, 'charset="gbk"')
    .replace(/Content-Transfer-Encoding: 7bit/, 'Content-Transfer-Encoding: base64');
  const encoded = iconv.encode(`${body}\n马尔塔\n`, 'gbk').toString('base64');
  return Buffer.from(`${gbkHead}\n\n${encoded.replace(/.{76}/g, '$&\n')}\n`, 'latin1');
}

describe('the deployed function bundle, run as Lambda runs it', () => {
  let synthesized: Synthesized;
  let stage: BundleStage;
  beforeAll(async () => {
    synthesized = synthStack({}, { realHandler: true });
    stage = await startBundleStage();
  }, 120_000);
  afterAll(async () => {
    await stage?.stop();
    synthesized?.cleanup();
  });

  /** Runs the bundle in `dir` on `raw` as SES would hand it over; the reply it sent. */
  async function answer(raw: Buffer, dir: string) {
    await stage.ses.clear();
    const run = await stage.run(dir, synthesized.settings.config, raw, WRITER);
    const [sent] = stage.ses.sentRaw();
    return { run, reply: sent && (await simpleParser(sent.raw)) };
  }

  it('answers a message in UTF-8 with nothing beside the bundle but its index', async () => {
    // A copy without node_modules/: a UTF-8 message must not need what lies there.
    const bare = mkdtempSync(path.join(os.tmpdir(), 'faqmail-bare-'));
    try {
      cpSync(functionAssetDir(synthesized), bare, { recursive: true, filter: (file) => !file.includes('node_modules') });
      const { run, reply } = await answer(QUESTION, bare);
      expect(run).toMatchObject({ decision: 'answer', rule: 'matched' });
      expect(reply?.to).toMatchObject({ text: expect.stringContaining(WRITER) });
      expect(reply?.text).toMatch(/Okta Integration Network|OIN/);
    } finally {
      rmSync(bare, { recursive: true, force: true });
    }
  }, 60_000);

  it('answers the same question in GBK from a subdomain, with the iconv-lite and the suffix list shipped beside the bundle', async () => {
    const { run, reply } = await answer(inGbk(QUESTION), functionAssetDir(synthesized));
    expect(run.decision).toBe('answer');
    // The suffix list found From's organization to be the one authentication vouches for, so From was answered.
    expect(reply?.to).toMatchObject({ text: expect.stringContaining(AT_SUBDOMAIN) });
    expect(reply?.text).toMatch(/Okta Integration Network|OIN/);
    // The reply's subject repeats the writer's, decoded.
    expect(reply?.subject).toBe('Re: Budget question re: Okta app catalog （预算）');
  }, 60_000);
});
