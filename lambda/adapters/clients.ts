/**
 * The clients for the AWS services, configured from the handler's environment. The handler
 * creates them once per container so that connections are reused across invocations.
 *
 * S3, SES and DynamoDB go through aws-lite (bundled: a SigV4 signer and one HTTP request per
 * call), not the AWS SDK: loading the SDK's clients made a cold start ~50-60 ms longer for S3
 * and SES, and ~120 ms for DynamoDB (docs/cold-start-log.md, "S3 and SES through aws-lite" and "DynamoDB through
 * aws-lite too").
 */
import { awsCall, type AwsCall } from './aws-call';
import { dynamoDbDocuments, type DynamoDbDocuments } from './dynamodb';
import type { HandlerEnvironment } from './environment';
import type { MailBucket } from './mail-store';

export interface AwsClients {
  s3: MailBucket;
  ses: AwsCall;
  /** DynamoDB with plain JavaScript values in and out, for the state stores and the idempotency records. */
  documents: DynamoDbDocuments;
}

/**
 * Time limits on a whole call, all tries included, well under the function's 60 s timeout, so
 * that a hung call fails as an error the handler can act on (retry, or hand the message to
 * staff on the last attempt) instead of using up the function's time. aws-lite sets no time
 * limit and hides its socket, so each is the connection time (2 s) plus what a try had when
 * the SDK made the calls. S3 and SES: 2 + 10 s: SES's one try as before; the largest message
 * SES receives, 40 MB, reads from S3 within it at 3.3 MB/s. DynamoDB: 2 + 5 s (the SDK's worst
 * case was 3 tries × 7 s = 21 s); its items are small, and answers take milliseconds.
 */
const CALL_DEADLINE_MS = { mail: 12_000, dynamodb: 7_000 } as const;

export function createClients(environment: Pick<HandlerEnvironment, 'region' | 'endpoints'>): AwsClients {
  const { region, endpoints } = environment;
  const endpoint = (url: string | undefined) => (url ? { endpoint: url } : {});
  // S3 reads may be retried (aws-lite's own retries: 2, as the SDK's 3 attempts).
  const s3 = { call: awsCall({ region, retries: 2, ...endpoint(endpoints.s3) }, CALL_DEADLINE_MS.mail), region, pathStyle: !!endpoints.s3 };
  // No retries: a SendRawEmail that failed or timed out after SES accepted it would go out
  // twice. The handler's send markers decide instead. And no kept-alive connection: Lambda
  // freezes the function between events, and a connection SES closed meanwhile still looks open
  // when it thaws; a send written onto it fails with a reset that cannot tell whether SES took
  // the mail, so the writer would get no answer and staff a warning. A connection of its own
  // costs a send one TLS handshake in a warm function (a cold start opens one anyway).
  const ses = awsCall({ region, retries: 0, keepAlive: false, ...endpoint(endpoints.ses) }, CALL_DEADLINE_MS.mail);
  // Three tries, as the SDK made: aws-lite retries throttling, 5xx and lost connections with the SDK's backoff.
  const documents = dynamoDbDocuments({ region, retries: 2, ...endpoint(endpoints.dynamodb) }, CALL_DEADLINE_MS.dynamodb);
  return { s3, ses, documents };
}
