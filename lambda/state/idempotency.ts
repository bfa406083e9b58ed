/**
 * Exactly once per SES message, with the Powertools idempotency utility: the first
 * invocation for a message id writes an in-progress record (a conditional put), runs, and
 * marks the record completed with its result; a repeated event finds the record and gets
 * that result without running again; an event repeated while the first still runs fails
 * (IdempotencyAlreadyInProgressError) and Lambda retries it later. When the run fails, the
 * record is deleted so that Lambda's retry runs again: the sent markers (see
 * ./state-store) then keep that retry from sending what the failed attempt already sent.
 * A run that dies without cleaning up (timeout, crash) holds the lock only until the time
 * it had left, which the utility reads from the Lambda context.
 */
import { IdempotencyConfig } from '@aws-lambda-powertools/idempotency';
import { DynamoDBPersistenceLayer } from '@aws-lambda-powertools/idempotency/dynamodb';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { RETENTION } from './dynamodb-state-store';
import { PROCESSED_PREFIX, TABLE_KEYS } from './table-schema';

/** SES's id for the message: one id, one run, however often the event arrives. */
export const IDEMPOTENCY_KEY_PATH = 'Records[0].ses.mail.messageId';

export interface Idempotency {
  persistenceStore: DynamoDBPersistenceLayer;
  config: IdempotencyConfig;
  /** Key prefix: the records read `processed#<hash of the message id>` in the state table. */
  keyPrefix: string;
}

export function idempotency(dynamodb: DynamoDBClient, table: string, onRepeat?: (result: unknown) => void): Idempotency {
  return {
    persistenceStore: new DynamoDBPersistenceLayer({
      tableName: table,
      awsSdkV3Client: dynamodb,
      keyAttr: TABLE_KEYS.partitionKey,
      expiryAttr: TABLE_KEYS.timeToLive,
    }),
    config: new IdempotencyConfig({
      eventKeyJmesPath: IDEMPOTENCY_KEY_PATH,
      // An event without a message id is not from SES: fail rather than run unguarded.
      throwOnNoIdempotencyKey: true,
      expiresAfterSeconds: RETENTION.redelivery,
      responseHook: (response) => {
        onRepeat?.(response);
        return response;
      },
    }),
    // Not the function name (the default): renaming the function must not forget what was processed.
    keyPrefix: PROCESSED_PREFIX,
  };
}
