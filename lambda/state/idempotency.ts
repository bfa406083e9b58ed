/**
 * Exactly once per SES message, with the Powertools idempotency utility: the first
 * invocation for a message id writes an in-progress record (a conditional put), runs, and
 * marks the record completed with its result; a repeated event finds the record and gets
 * that result without running again; an event repeated while the first still runs meets
 * IdempotencyAlreadyInProgressError, and the handler ends it there (rule `in-progress`, not
 * retried: the first run finishes the message, or fails and is retried). When the run fails, the
 * record is deleted so that Lambda's retry runs again: the sent markers (see
 * ./state-store) then keep that retry from sending what the failed attempt already sent.
 * A run that dies without cleaning up (timeout, crash) holds the lock only until the time
 * it had left, which the utility reads from the Lambda context.
 */
import { IdempotencyConfig } from '@aws-lambda-powertools/idempotency';
import type { DynamoDbDocuments } from '../adapters/dynamodb';
import { RETENTION } from './dynamodb-state-store';
import { StateTableIdempotencyRecords } from './idempotency-records';
import { PROCESSED_PREFIX } from './table-schema';

export interface Idempotency {
  persistenceStore: StateTableIdempotencyRecords;
  config: IdempotencyConfig;
  /** Key prefix: the records read `processed#<hash of the message id>` in the state table. */
  keyPrefix: string;
}

export function idempotency(documents: DynamoDbDocuments, table: string, onRepeat?: (result: unknown) => void): Idempotency {
  return {
    persistenceStore: new StateTableIdempotencyRecords(documents, table),
    config: new IdempotencyConfig({
      // The key is SES's id for the message (one id, one run, however often the event arrives),
      // handed to the idempotent function as its first argument rather than found in the event
      // with a JMESPath expression (Records[0].ses.mail.messageId), which the utility parsed and
      // ran twice an event: the same hashed key, computed in ~0.8 ms of a cold start instead of
      // ~2.4 (docs/cold-start-log.md, "The idempotency key handed over"). A missing id is not from SES: fail rather
      // than run unguarded.
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
