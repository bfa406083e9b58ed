/**
 * The AWS SDK clients, configured from the handler's environment. The handler creates them
 * once per container so that connections are reused across invocations.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import { SESClient } from '@aws-sdk/client-ses';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { HandlerEnvironment } from './environment';

export interface AwsClients {
  s3: S3Client;
  ses: SESClient;
  /** The low-level client, for the Powertools idempotency persistence layer. */
  dynamodb: DynamoDBClient;
  /** The same connection with plain JavaScript values in and out, for the state store. */
  documents: DynamoDBDocumentClient;
}

/**
 * Time limits, well under the function's 60 s timeout, so that a hung call fails as an error
 * the handler can act on (retry, or hand the message to staff on the last attempt) instead of
 * using up the function's time. `requestTimeout` is the socket's idle time, not the whole
 * call: a 40 MB object keeps streaming. Worst cases: DynamoDB 3 tries × (2 + 5) s = 21 s for
 * the call that hangs; SES one try, 2 + 10 s.
 */
export const CLIENT_TIMEOUTS = {
  connectionTimeout: 2_000,
  dynamodbRequestTimeout: 5_000,
  requestTimeout: 10_000,
} as const;

export function createClients(environment: Pick<HandlerEnvironment, 'region' | 'endpoints'>): AwsClients {
  const { region, endpoints } = environment;
  const handler = (requestTimeout: number) => ({
    requestHandler: { connectionTimeout: CLIENT_TIMEOUTS.connectionTimeout, requestTimeout },
  });
  // A stand-in answers at one host for every bucket, so it needs path-style addressing.
  const s3 = new S3Client({
    region,
    ...handler(CLIENT_TIMEOUTS.requestTimeout),
    ...(endpoints.s3 ? { endpoint: endpoints.s3, forcePathStyle: true } : {}),
  });
  // One try only: the SDK retries a timed-out or failed call, and a SendRawEmail that timed
  // out after SES accepted it would go out twice. The handler's send markers decide instead.
  const ses = new SESClient({
    region,
    maxAttempts: 1,
    ...handler(CLIENT_TIMEOUTS.requestTimeout),
    ...(endpoints.ses ? { endpoint: endpoints.ses } : {}),
  });
  const dynamodb = new DynamoDBClient({
    region,
    ...handler(CLIENT_TIMEOUTS.dynamodbRequestTimeout),
    ...(endpoints.dynamodb ? { endpoint: endpoints.dynamodb } : {}),
  });
  const documents = DynamoDBDocumentClient.from(dynamodb, { marshallOptions: { removeUndefinedValues: true } });
  return { s3, ses, dynamodb, documents };
}
