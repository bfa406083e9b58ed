/**
 * The responder as it is deployed: the bundle `cdk synth` packs, with what lies beside it, run in
 * a fresh Node.js process outside the project on a message in S3, against the stand-ins. A
 * message in UTF-8 reads nothing beside the bundle; one in another charset loads the decoder
 * shipped beside it (lib/function-code.ts, LOADED_WHEN_NEEDED), and both are answered.
 */
import { randomBytes } from 'node:crypto';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import iconv from 'iconv-lite';
import { simpleParser } from 'mailparser';
import { MAIL_PREFIX } from '../../lambda/adapters/mail-store';
import { runBundle, type BundleSetting } from '../../local/bundle-run';
import { sesEvent } from '../../local/ses-event';
import { functionAssetDir, PROJECT_ROOT, synthStack, type Synthesized } from '../support/synth-stack';
import {
  createStateTable,
  LOCAL_CREDENTIALS,
  LOCAL_REGION,
  startDynalite,
  startS3,
  startSes,
  type LocalS3,
  type LocalService,
  type LocalSes,
} from '../support/local-aws';

const BUCKET = 'bundle-mail';
const INBOX = 'developers@example.com';
const WRITER = 'marta.kowalczyk@fernleaf-analytics.io';
/** A question the FAQ answers, in UTF-8 as its writer sent it. */
const QUESTION = readFileSync(path.join(PROJECT_ROOT, 'test/fixtures/inquiries/q001.eml'));

/** The same message in GBK, with Chinese in its subject and signature: only iconv-lite reads them. */
function inGbk(raw: Buffer): Buffer {
  const text = raw.toString('utf8');
  const blank = text.search(/\r?\n\r?\n/);
  const [head, body] = [text.slice(0, blank), text.slice(blank).trim()];
  const gbkHead = head
    .replace(/^Subject: (.*)$/m, `Subject: $1 =?gbk?B?${iconv.encode('（预算）', 'gbk').toString('base64')}?=`)
    .replace(/charset="utf-8"; format=flowed/, 'charset="gbk"')
    .replace(/Content-Transfer-Encoding: 7bit/, 'Content-Transfer-Encoding: base64');
  const encoded = iconv.encode(`${body}\n马尔塔\n`, 'gbk').toString('base64');
  return Buffer.from(`${gbkHead}\n\n${encoded.replace(/.{76}/g, '$&\n')}\n`, 'latin1');
}

describe('the deployed function bundle, run as Lambda runs it', () => {
  let synthesized: Synthesized;
  let dynamodb: LocalService;
  let s3: LocalS3;
  let ses: LocalSes;
  let s3Client: S3Client;
  let tables = 0;
  beforeAll(async () => {
    synthesized = synthStack({}, { realHandler: true });
    [dynamodb, s3, ses] = await Promise.all([startDynalite(), startS3({ buckets: [BUCKET] }), startSes()]);
    s3Client = new S3Client({ endpoint: s3.endpoint, forcePathStyle: true, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS });
  }, 120_000);
  afterAll(async () => {
    s3Client?.destroy();
    await Promise.all([dynamodb?.stop(), s3?.stop(), ses?.stop()]);
    synthesized?.cleanup();
  });

  /** Stores `raw` as SES would and runs the bundle in `dir` on it; the reply it sent. */
  async function answer(raw: Buffer, dir: string) {
    const table = `bundle-${(tables += 1)}`;
    await createStateTable(dynamodb.endpoint, table);
    const messageId = randomBytes(20).toString('hex');
    await s3Client.send(new PutObjectCommand({ Bucket: BUCKET, Key: `${MAIL_PREFIX}${messageId}`, Body: raw }));
    await ses.clear();
    const setting: BundleSetting = {
      dir,
      config: synthesized.settings.config,
      inbox: INBOX,
      bucket: BUCKET,
      table,
      endpoints: { s3: s3.endpoint, ses: ses.endpoint, dynamodb: dynamodb.endpoint },
    };
    const run = await runBundle(setting, sesEvent({ messageId, recipients: [INBOX], source: WRITER, raw }));
    const [sent] = ses.sentRaw();
    return { run, reply: sent && (await simpleParser(sent.raw)) };
  }

  it('answers a message in UTF-8 with nothing beside the bundle but its index', async () => {
    // A copy without node_modules/: a UTF-8 message must not need what lies there.
    const bare = mkdtempSync(path.join(os.tmpdir(), 'faqmail-bare-'));
    try {
      cpSync(functionAssetDir(synthesized), bare, { recursive: true, filter: (file) => !file.includes('node_modules') });
      const { run, reply } = await answer(QUESTION, bare);
      expect(run.decision).toBe('answer');
      expect(reply?.to).toMatchObject({ text: expect.stringContaining(WRITER) });
      expect(reply?.text).toMatch(/Okta Integration Network|OIN/);
    } finally {
      rmSync(bare, { recursive: true, force: true });
    }
  }, 60_000);

  it('answers the same question in GBK, decoded by the iconv-lite shipped beside the bundle', async () => {
    const { run, reply } = await answer(inGbk(QUESTION), functionAssetDir(synthesized));
    expect(run.decision).toBe('answer');
    expect(reply?.text).toMatch(/Okta Integration Network|OIN/);
    // The reply's subject repeats the writer's, decoded.
    expect(reply?.subject).toBe('Re: Budget question re: Okta app catalog （预算）');
  }, 60_000);
});
