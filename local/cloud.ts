/**
 * The local cloud: the stand-ins for S3, SES and DynamoDB, and an SMTP listener that plays
 * SES inbound. Each message it accepts is stored in the bucket, turned into the SES receipt
 * event and handed to the same Lambda handler that runs in AWS, configured by the same
 * environment variables, with its endpoints pointed at the stand-ins.
 */
import { randomUUID } from 'node:crypto';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import type { Context, SESEvent } from 'aws-lambda';
import { sesEvent } from './ses-event';
import { MAIL_PREFIX } from '../lambda/adapters/mail-store';
import { loadConfig } from '../lambda/config';
import type { DmarcPolicy, Verdict, Verdicts } from '../lambda/domain';
import type { HandlerResult, SesHandler } from '../lambda/handler';
import { parseMessage } from '../lambda/mail/parse';
import { receiptFromHeaders } from '../lambda/mail/receipt-headers';
import type { PortName } from './ports';
import { sesMessageId, storedCopy } from './ses-inbound';
import { startSmtpInbound, type SmtpDelivery } from './smtp-inbound';
import { localS3Client } from './local-s3';
import {
  createStateTable,
  LOCAL_CREDENTIALS,
  LOCAL_REGION,
  once,
  startDynalite,
  startS3,
  startSes,
  type LocalS3,
  type LocalService,
  type LocalSes,
  type SentRawEmail,
} from './stand-ins';

/** One handler invocation and what came of it. */
export interface Processed {
  /** The SES message id (the object key in the bucket, less the prefix). */
  messageId: string;
  event: SESEvent;
  /** What the handler returned, when it did not throw. */
  result?: HandlerResult;
  error?: Error;
  /** The mails the handler sent through the SES stand-in while it ran. */
  sent: SentRawEmail[];
}

export interface LocalCloudOptions {
  /** Loopback ports; 0 (the default) picks a free one. */
  ports?: Partial<Record<PortName, number>>;
  /**
   * The handler to invoke. Default: `lambda/handler`'s, the function's entry point, which
   * builds its clients from the environment on its first event and keeps them, as a Lambda
   * container does: one local cloud per process can use it.
   */
  handler?: SesHandler;
  /** Told of each invocation once it has finished. */
  onProcessed?: (processed: Processed) => void;
  /** Told of problems that concern no invocation (an SMTP client's broken connection, a failed store). */
  onError?: (error: Error) => void;
  /**
   * The addresses SES's receipt rule takes mail for; the SMTP listener refuses others as SES
   * would. Default: the inbox and `FAQMAIL_RECIPIENT_ADDRESSES`, read as the stack reads them.
   */
  recipients?: readonly string[];
  /** A folder to write every mail sent through the SES stand-in to, byte for byte (`NNN-<ses id>.eml`). */
  outbox?: string;
}

export interface LocalCloud {
  smtpPort: number;
  ses: LocalSes;
  s3: LocalS3;
  dynamodb: LocalService;
  bucket: string;
  prefix: string;
  table: string;
  /** The variables the handler was given (also set in this process's environment). */
  environment: Record<string, string>;
  /** Settles once the handler has run for the message the SMTP listener accepted as `messageId`. */
  processed: (messageId: string) => Promise<Processed>;
  /** Invokes the handler with `event` (again, as SES's at-least-once delivery and Lambda's retries may). */
  invoke: (event: SESEvent) => Promise<Processed>;
  /** Stops taking mail, lets running invocations finish, then stops every stand-in. */
  stop: () => Promise<void>;
}

export const LOCAL_BUCKET = 'faqmail-local-mail';
export const LOCAL_TABLE = 'faqmail-local-state';
const FUNCTION_NAME = 'faqmail-local';
const FUNCTION_ARN = `arn:aws:lambda:${LOCAL_REGION}:000000000000:function:${FUNCTION_NAME}`;
/** The stack's function timeout; the context reports the time left against it. */
const TIMEOUT_MS = 60_000;

/**
 * The verdicts for a submitted message: those its header fields state (so that an example
 * can play spam or a spoofed sender), PASS for the rest, as SES gives ordinary mail; and the
 * DMARC policy they state beside a failure, which SES would give in its event.
 */
async function verdictsIn(raw: Buffer): Promise<{ verdicts: Verdicts; dmarcPolicy?: DmarcPolicy }> {
  const stated = await parseMessage(raw).then(receiptFromHeaders, () => undefined);
  const or = (verdict: Verdict | undefined): Verdict => (verdict === undefined || verdict === 'UNKNOWN' ? 'PASS' : verdict);
  return {
    verdicts: { spam: or(stated?.spam), virus: or(stated?.virus), spf: or(stated?.spf), dkim: or(stated?.dkim), dmarc: or(stated?.dmarc) },
    ...(stated?.dmarcPolicy ? { dmarcPolicy: stated.dmarcPolicy } : {}),
  };
}

function lambdaContext(): Context {
  const deadline = Date.now() + TIMEOUT_MS;
  return {
    callbackWaitsForEmptyEventLoop: true,
    functionName: FUNCTION_NAME,
    functionVersion: '$LATEST',
    invokedFunctionArn: FUNCTION_ARN,
    memoryLimitInMB: '512',
    awsRequestId: randomUUID(),
    logGroupName: `/aws/lambda/${FUNCTION_NAME}`,
    logStreamName: 'local',
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}

function handlerEnvironment(endpoints: { s3: string; ses: string; dynamodb: string }): Record<string, string> {
  return {
    AWS_REGION: LOCAL_REGION,
    AWS_ACCESS_KEY_ID: LOCAL_CREDENTIALS.accessKeyId,
    AWS_SECRET_ACCESS_KEY: LOCAL_CREDENTIALS.secretAccessKey,
    AWS_LAMBDA_FUNCTION_NAME: FUNCTION_NAME,
    FAQMAIL_S3_ENDPOINT: endpoints.s3,
    FAQMAIL_SES_ENDPOINT: endpoints.ses,
    FAQMAIL_DYNAMODB_ENDPOINT: endpoints.dynamodb,
    FAQMAIL_MAIL_BUCKET: LOCAL_BUCKET,
    FAQMAIL_MAIL_PREFIX: MAIL_PREFIX,
    FAQMAIL_STATE_TABLE: LOCAL_TABLE,
    // The local cloud logs each decision in one line of its own; the handler's JSON logs
    // (POWERTOOLS_LOG_LEVEL=INFO) and metrics (POWERTOOLS_METRICS_DISABLED=false) on request.
    POWERTOOLS_LOG_LEVEL: process.env.POWERTOOLS_LOG_LEVEL ?? 'WARN',
    POWERTOOLS_METRICS_DISABLED: process.env.POWERTOOLS_METRICS_DISABLED ?? 'true',
  };
}

/** Starts every part, in an order where nothing receives mail before the handler is ready. */
export async function startLocalCloud(options: LocalCloudOptions = {}): Promise<LocalCloud> {
  const ports = options.ports ?? {};
  const reportError = options.onError ?? (() => undefined);
  const stops: Array<() => Promise<void>> = [];
  const stopStarted = async () => {
    for (const stop of stops.splice(0).reverse()) await stop();
  };
  try {
    const dynamodb = await startDynalite({ port: ports.dynamodb ?? 0 });
    stops.push(dynamodb.stop);
    await createStateTable(dynamodb.endpoint, LOCAL_TABLE);
    const s3 = await startS3({ port: ports.s3 ?? 0, buckets: [LOCAL_BUCKET] });
    stops.push(s3.stop);
    const ses = await startSes({ port: ports.ses ?? 0, outbox: options.outbox });
    stops.push(ses.stop);

    const environment = handlerEnvironment({ s3: s3.endpoint, ses: ses.endpoint, dynamodb: dynamodb.endpoint });
    // A real session token beside the stand-ins' fake keys would only confuse the signer.
    delete process.env.AWS_SESSION_TOKEN;
    Object.assign(process.env, environment);
    const handler = options.handler ?? (await import('../lambda/handler')).handler;

    const s3Client = localS3Client(s3.endpoint);
    stops.push(() => Promise.resolve(s3Client.destroy()));

    // One invocation at a time, so that what the SES stand-in receives meanwhile is that
    // invocation's doing.
    let idle: Promise<Processed | void> = Promise.resolve();
    const invoke = (event: SESEvent): Promise<Processed> => {
      const run = idle.then(async (): Promise<Processed> => {
        const before = ses.sentRaw().length;
        const messageId = event.Records[0]?.ses.mail.messageId ?? '';
        let processed: Processed;
        try {
          processed = { messageId, event, result: await handler(event, lambdaContext()), sent: [] };
        } catch (error) {
          processed = { messageId, event, error: error instanceof Error ? error : new Error(String(error)), sent: [] };
        }
        processed.sent = ses.sentRaw().slice(before);
        try {
          options.onProcessed?.(processed);
        } catch (error) {
          reportError(error instanceof Error ? error : new Error(String(error)));
        }
        return processed;
      });
      idle = run;
      return run;
    };

    const invocations = new Map<string, Promise<Processed>>();
    const accept = async (delivery: SmtpDelivery): Promise<string> => {
      const messageId = sesMessageId();
      const key = `${MAIL_PREFIX}${messageId}`;
      const receivedAt = new Date();
      const { verdicts, dmarcPolicy } = await verdictsIn(delivery.raw);
      const raw = storedCopy(delivery.raw, {
        messageId,
        mailFrom: delivery.mailFrom,
        recipients: delivery.recipients,
        receivedAt,
        verdicts,
      });
      await s3Client.send(new PutObjectCommand({ Bucket: LOCAL_BUCKET, Key: key, Body: raw }));
      const event = sesEvent({
        messageId,
        recipients: delivery.recipients,
        source: delivery.mailFrom,
        verdicts,
        ...(dmarcPolicy ? { dmarcPolicy } : {}),
        raw,
        receivedAt,
        functionArn: FUNCTION_ARN,
      });
      // As with SES's Event invocation, the sender has its 250 before the function runs.
      invocations.set(messageId, invoke(event));
      return messageId;
    };
    const recipients = new Set((options.recipients ?? loadConfig(process.env).recipientAddresses).map((address) => address.toLowerCase()));
    const smtp = await startSmtpInbound({ port: ports.smtp ?? 0, accept, recipients, onError: reportError });
    stops.push(async () => {
      await idle;
    });
    stops.push(smtp.stop);

    return {
      smtpPort: smtp.port,
      ses,
      s3,
      dynamodb,
      bucket: LOCAL_BUCKET,
      prefix: MAIL_PREFIX,
      table: LOCAL_TABLE,
      environment,
      processed: (messageId) =>
        invocations.get(messageId) ?? Promise.reject(new Error(`The SMTP listener accepted no message as ${messageId}`)),
      invoke,
      stop: once(stopStarted),
    };
  } catch (error) {
    await stopStarted();
    throw error;
  }
}
