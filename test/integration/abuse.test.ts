/**
 * Attacks at the handler, on the local S3, SES and DynamoDB stand-ins: what an outsider can do
 * with mail our staff or our answers sent them.
 */
import { randomBytes } from 'node:crypto';
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import type { Context, SESEvent } from 'aws-lambda';
import { sesMessageIdHeader } from '../../lambda/adapters/mail-sender';
import { sesEvent } from '../../local/ses-event';
import { createHandler } from '../../lambda/handler';
import { DecisionStore } from '../../lambda/state/decision-store';
import {
  createStateTable,
  LOCAL_CREDENTIALS,
  LOCAL_REGION,
  localDocuments,
  startDynalite,
  startS3,
  startSes,
  type LocalS3,
  type LocalService,
  type LocalSes,
} from '../support/local-aws';

const BUCKET = 'faqmail-abuse-mail';
const PREFIX = 'inbound/';
const INBOX = 'developers@example.com';
const STAFF = 'staff@example.com';

let dynamodb: LocalService;
let s3: LocalS3;
let ses: LocalSes;
let s3Client: S3Client;
const savedEnv = { ...process.env };
let tables = 0;

beforeAll(async () => {
  [dynamodb, s3, ses] = await Promise.all([startDynalite(), startS3({ buckets: [BUCKET] }), startSes()]);
  Object.assign(process.env, {
    AWS_ACCESS_KEY_ID: LOCAL_CREDENTIALS.accessKeyId,
    AWS_SECRET_ACCESS_KEY: LOCAL_CREDENTIALS.secretAccessKey,
    POWERTOOLS_LOG_LEVEL: 'SILENT',
    POWERTOOLS_METRICS_DISABLED: 'true',
  });
  delete process.env.AWS_SESSION_TOKEN;
  delete process.env.AWS_PROFILE;
  s3Client = new S3Client({ endpoint: s3.endpoint, forcePathStyle: true, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS });
});

afterAll(async () => {
  s3Client?.destroy();
  await Promise.all([dynamodb?.stop(), s3?.stop(), ses?.stop()]);
  process.env = savedEnv;
});

async function environment(): Promise<Record<string, string>> {
  const table = `faqmail-abuse-${++tables}`;
  await createStateTable(dynamodb.endpoint, table);
  return {
    AWS_REGION: 'us-east-1',
    FAQMAIL_MAIL_BUCKET: BUCKET,
    FAQMAIL_MAIL_PREFIX: PREFIX,
    FAQMAIL_STATE_TABLE: table,
    FAQMAIL_S3_ENDPOINT: s3.endpoint,
    FAQMAIL_SES_ENDPOINT: ses.endpoint,
    FAQMAIL_DYNAMODB_ENDPOINT: dynamodb.endpoint,
    FAQMAIL_INBOX_ADDRESS: INBOX,
    FAQMAIL_STAFF_ADDRESSES: STAFF,
  };
}

function lambdaContext(): Context {
  return {
    callbackWaitsForEmptyEventLoop: false,
    functionName: 'faqmail-abuse',
    functionVersion: '$LATEST',
    invokedFunctionArn: 'arn:aws:lambda:us-east-1:000000000000:function:faqmail-abuse',
    memoryLimitInMB: '512',
    awsRequestId: randomBytes(8).toString('hex'),
    logGroupName: '/aws/lambda/faqmail-abuse',
    logStreamName: 'test',
    getRemainingTimeInMillis: () => 60_000,
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}

function mail(fields: string[], body: string): Buffer {
  return Buffer.from(
    [...fields, 'Date: Mon, 2 Mar 2026 09:00:00 +0000', 'MIME-Version: 1.0', 'Content-Type: text/plain; charset=utf-8', '', body, ''].join(
      '\r\n',
    ),
  );
}

/** Plays SES inbound: the raw message under a new SES id, received at `receivedAt`, every verdict PASS. */
async function deliver(raw: Buffer, source: string, receivedAt: string): Promise<SESEvent> {
  const messageId = randomBytes(20).toString('hex');
  await s3Client.send(new PutObjectCommand({ Bucket: BUCKET, Key: `${PREFIX}${messageId}`, Body: raw }));
  return sesEvent({ messageId, recipients: [INBOX], source, raw, receivedAt: new Date(receivedAt) });
}

describe('a staff verdict the writer was sent, replayed', () => {
  it('cannot undo the later verdict staff gave: a second delivery of the same staff mail is a copy', async () => {
    const env = await environment();
    const handler = createHandler(env);
    const store = new DecisionStore({ documents: localDocuments(dynamodb.endpoint), table: env.FAQMAIL_STATE_TABLE, retentionDays: 90 });
    const question = mail(
      [
        'Return-Path: <mallory@writer.example>',
        'From: Mallory <mallory@writer.example>',
        `To: ${INBOX}`,
        'Subject: Token exchange',
        'Message-ID: <q1@writer.example>',
      ],
      'Why does the token exchange fail with invalid_client?',
    );
    const handedOver = await handler(await deliver(question, 'mallory@writer.example', '2026-03-02T09:00:00.000Z'), lambdaContext());
    expect(handedOver.decision).toBe('escalate');
    const staffMail = sesMessageIdHeader(handedOver.sent[0].sesMessageId, 'us-east-1');
    // Staff reply to the hand-over (Reply-To is the writer) and add the inbox instead of replacing
    // the writer: the writer now holds the verdict, signed by our domain, and can send it again.
    const verdict = (word: string, id: string) =>
      mail(
        [
          `Return-Path: <${STAFF}>`,
          `From: Sam <${STAFF}>`,
          `To: mallory@writer.example, ${INBOX}`,
          'Subject: Re: [faqmail] Needs a person: Token exchange',
          `Message-ID: <${id}@example.com>`,
          `In-Reply-To: ${staffMail}`,
          `References: <q1@writer.example> ${staffMail}`,
        ],
        word,
      );
    const good = verdict('good', 'v1');
    expect((await handler(await deliver(good, STAFF, '2026-03-02T10:00:00.000Z'), lambdaContext())).rule).toBe('staff-verdict');
    const wrong = verdict('wrong', 'v2');
    expect((await handler(await deliver(wrong, STAFF, '2026-03-02T11:00:00.000Z'), lambdaContext())).rule).toBe('staff-verdict');
    expect((await store.get(handedOver.sesMessageId))?.verdict).toMatchObject({ verdict: 'wrong' });

    const replayed = await handler(await deliver(good, 'mallory@writer.example', '2026-03-02T12:00:00.000Z'), lambdaContext());
    expect(replayed).toMatchObject({ decision: 'ignore', rule: 'copy', sent: [] });
    expect((await store.get(handedOver.sesMessageId))?.verdict).toMatchObject({ verdict: 'wrong', at: '2026-03-02T11:00:00.000Z' });
  });
});
