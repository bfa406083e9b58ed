/**
 * What a suite that runs the Lambda handler end to end starts: the stand-ins for DynamoDB, S3 (with the mail bucket)
 * and SES, the process environment the SDK and Powertools read pointed at them and quiet, and an S3 client to put
 * the raw mail SES would have stored. Started before the suite's tests, stopped (and the environment restored) after.
 */
import { randomBytes } from 'node:crypto';
import type { S3Client } from '@aws-sdk/client-s3';
import type { Context } from 'aws-lambda';
import { simpleParser, type ParsedMail } from 'mailparser';
import { LOCAL_CREDENTIALS, startDynalite, startS3, startSes, type LocalS3, type LocalService, type LocalSes } from './local-aws';
import { localS3Client } from '../../local/local-s3';

export interface HandlerStandIns {
  readonly dynamodb: LocalService;
  readonly s3: LocalS3;
  readonly ses: LocalSes;
  readonly s3Client: S3Client;
}

/** `env`: variables set beside the stand-ins' credentials for the whole suite. */
export function handlerStandIns(bucket: string, env: Record<string, string> = {}): HandlerStandIns {
  let started: HandlerStandIns | undefined;
  const savedEnv = { ...process.env };
  beforeAll(async () => {
    const [dynamodb, s3, ses] = await Promise.all([startDynalite(), startS3({ buckets: [bucket] }), startSes()]);
    Object.assign(process.env, {
      AWS_ACCESS_KEY_ID: LOCAL_CREDENTIALS.accessKeyId,
      AWS_SECRET_ACCESS_KEY: LOCAL_CREDENTIALS.secretAccessKey,
      POWERTOOLS_LOG_LEVEL: 'SILENT',
      POWERTOOLS_METRICS_DISABLED: 'true',
      ...env,
    });
    // A developer's own session or profile would reach past the stand-ins' credentials.
    delete process.env.AWS_SESSION_TOKEN;
    delete process.env.AWS_PROFILE;
    const s3Client = localS3Client(s3.endpoint);
    started = { dynamodb, s3, ses, s3Client };
  });
  afterAll(async () => {
    started?.s3Client.destroy();
    await Promise.all([started?.dynamodb.stop(), started?.s3.stop(), started?.ses.stop()]);
    process.env = savedEnv;
  });
  const get = <K extends keyof HandlerStandIns>(key: K): HandlerStandIns[K] => {
    if (started === undefined) throw new Error('the stand-ins are started in beforeAll: use them inside a test');
    return started[key];
  };
  return {
    get dynamodb() {
      return get('dynamodb');
    },
    get s3() {
      return get('s3');
    },
    get ses() {
      return get('ses');
    },
    get s3Client() {
      return get('s3Client');
    },
  };
}

/** The context Lambda hands the function, each invocation its own request id. */
export function lambdaContext(): Context {
  return {
    callbackWaitsForEmptyEventLoop: true,
    functionName: 'faqmail-test',
    functionVersion: '$LATEST',
    invokedFunctionArn: 'arn:aws:lambda:us-east-1:000000000000:function:faqmail-test',
    memoryLimitInMB: '512',
    awsRequestId: randomBytes(8).toString('hex'),
    logGroupName: '/aws/lambda/faqmail-test',
    logStreamName: 'test',
    getRemainingTimeInMillis: () => 60_000,
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}

/** What the SES stand-in received while `run` ran, parsed. */
export async function sentDuring(ses: LocalSes, run: () => Promise<unknown>): Promise<Array<{ to: string[]; mail: ParsedMail }>> {
  const before = ses.sentRaw().length;
  await run();
  return Promise.all(
    ses
      .sentRaw()
      .slice(before)
      .map(async (sent) => ({ to: sent.destinations, mail: await simpleParser(sent.raw) })),
  );
}
