/**
 * The clients for the AWS services, configured from the handler's environment. The handler
 * creates them once per container so that connections are reused across invocations.
 *
 * S3 and SES go through aws-lite (bundled: a SigV4 signer and one HTTP request per call), not
 * the AWS SDK: loading the SDK's S3 and SES clients made a cold start ~50-60 ms longer
 * (docs/design.md, "Cold start"). DynamoDB stays on the SDK, which the
 * Powertools idempotency layer needs.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { awsCall, type AwsCall } from './aws-call';
import type { HandlerEnvironment } from './environment';
import type { MailBucket } from './mail-store';

export interface AwsClients {
  s3: MailBucket;
  ses: AwsCall;
  /** The low-level client, for the Powertools idempotency persistence layer. */
  dynamodb: DynamoDBClient;
  /** The same connection with plain JavaScript values in and out, for the state store. */
  documents: DynamoDBDocumentClient;
}

/**
 * Time limits, well under the function's 60 s timeout, so that a hung call fails as an error
 * the handler can act on (retry, or hand the message to staff on the last attempt) instead of
 * using up the function's time. DynamoDB (the SDK): `requestTimeout` is the socket's idle
 * time; worst case 3 tries × (2 + 5) s = 21 s for the call that hangs. S3 and SES (aws-lite,
 * which sets no time limit and hides its socket): connection + request time bound the whole
 * call, all tries included, 12 s: SES's one try as before; the largest message SES receives,
 * 40 MB, reads from S3 within it at 3.3 MB/s.
 */
export const CLIENT_TIMEOUTS = {
  connectionTimeout: 2_000,
  dynamodbRequestTimeout: 5_000,
  requestTimeout: 10_000,
} as const;

const CALL_DEADLINE = CLIENT_TIMEOUTS.connectionTimeout + CLIENT_TIMEOUTS.requestTimeout;

export function createClients(environment: Pick<HandlerEnvironment, 'region' | 'endpoints'>): AwsClients {
  const { region, endpoints } = environment;
  const endpoint = (url: string | undefined) => (url ? { endpoint: url } : {});
  // S3 reads may be retried (aws-lite's own retries: 2, as the SDK's 3 attempts).
  const s3 = { call: awsCall({ region, retries: 2, ...endpoint(endpoints.s3) }, CALL_DEADLINE), region, pathStyle: !!endpoints.s3 };
  // No retries: a SendRawEmail that failed or timed out after SES accepted it would go out
  // twice. The handler's send markers decide instead.
  const ses = awsCall({ region, retries: 0, ...endpoint(endpoints.ses) }, CALL_DEADLINE);
  const dynamodb = new DynamoDBClient({
    region,
    requestHandler: { connectionTimeout: CLIENT_TIMEOUTS.connectionTimeout, requestTimeout: CLIENT_TIMEOUTS.dynamodbRequestTimeout },
    ...endpoint(endpoints.dynamodb),
  });
  const documents = DynamoDBDocumentClient.from(dynamodb, { marshallOptions: { removeUndefinedValues: true } });
  return { s3, ses, dynamodb, documents };
}
