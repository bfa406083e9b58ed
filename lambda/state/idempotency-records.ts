/**
 * Where the Powertools idempotency utility keeps its records: the state table, through our
 * DynamoDB adapter (../adapters/dynamodb) instead of the SDK client that Powertools' own
 * `DynamoDBPersistenceLayer` needs. A copy of that layer's reads and writes for a table with a
 * partition key only (Powertools' "bring your own persistence layer"), so the records are the
 * same items, under the same attribute names: `processed#…` keys, `expiresAt` (the table's TTL),
 * Powertools' `status`, `in_progress_expiration`, `data` and `validation`; and `claim`, which
 * tells a run its own in-progress record (below).
 */
import { randomUUID } from 'node:crypto';
import {
  IdempotencyItemAlreadyExistsError,
  IdempotencyItemNotFoundError,
  IdempotencyRecordStatus,
  PERSISTENCE_ATTRIBUTE_KEY_MAPPINGS as ATTRIBUTES,
} from '@aws-lambda-powertools/idempotency';
import { BasePersistenceLayer, IdempotencyRecord } from '@aws-lambda-powertools/idempotency/persistence';
import type { IdempotencyRecordStatusValue } from '@aws-lambda-powertools/idempotency/types';
import type { DynamoDbDocuments, Item } from '../adapters/dynamodb';
import { isConditionFailure } from './dynamodb-state-store';
import { TABLE_KEYS } from './table-schema';

const KEY = TABLE_KEYS.partitionKey;
const EXPIRY = TABLE_KEYS.timeToLive;
/** Ours, beside Powertools' attributes: a token of the write that put the record in progress. */
const CLAIM = 'claim';

export class StateTableIdempotencyRecords extends BasePersistenceLayer {
  constructor(
    private readonly documents: DynamoDbDocuments,
    private readonly table: string,
  ) {
    super();
  }

  private toRecord(item: Item): IdempotencyRecord {
    return new IdempotencyRecord({
      idempotencyKey: item[KEY] as string,
      status: item[ATTRIBUTES.statusAttr] as IdempotencyRecordStatusValue,
      expiryTimestamp: item[EXPIRY] as number | undefined,
      inProgressExpiryTimestamp: item[ATTRIBUTES.inProgressExpiryAttr] as number | undefined,
      responseData: item[ATTRIBUTES.dataAttr] as IdempotencyRecord['responseData'],
      payloadHash: item[ATTRIBUTES.validationKeyAttr] as string | undefined,
    });
  }

  private async read(idempotencyKey: string): Promise<Item | undefined> {
    return (await this.documents.get({ TableName: this.table, Key: { [KEY]: idempotencyKey }, ConsistentRead: true })).Item;
  }

  protected async _getRecord(idempotencyKey: string): Promise<IdempotencyRecord> {
    const item = await this.read(idempotencyKey);
    if (!item) throw new IdempotencyItemNotFoundError();
    return this.toRecord(item);
  }

  /**
   * Writes a new in-progress record where there is none, or the one there has expired, or it is
   * in progress past the time its run had (a run that died without cleaning up).
   */
  protected async _putRecord(record: IdempotencyRecord): Promise<void> {
    const item: Item = {
      [KEY]: record.idempotencyKey,
      [EXPIRY]: record.expiryTimestamp,
      [ATTRIBUTES.statusAttr]: record.getStatus(),
      [CLAIM]: randomUUID(),
    };
    if (record.inProgressExpiryTimestamp !== undefined) item[ATTRIBUTES.inProgressExpiryAttr] = record.inProgressExpiryTimestamp;
    if (this.isPayloadValidationEnabled() && record.payloadHash !== undefined) item[ATTRIBUTES.validationKeyAttr] = record.payloadHash;
    const now = Date.now();
    try {
      await this.documents.put({
        TableName: this.table,
        Item: item,
        ExpressionAttributeNames: {
          '#id': KEY,
          '#expiry': EXPIRY,
          '#in_progress_expiry': ATTRIBUTES.inProgressExpiryAttr,
          '#status': ATTRIBUTES.statusAttr,
        },
        ExpressionAttributeValues: { ':now': now / 1000, ':now_in_millis': now, ':inprogress': IdempotencyRecordStatus.INPROGRESS },
        ConditionExpression:
          'attribute_not_exists(#id) OR #expiry < :now OR ' +
          '(#status = :inprogress AND attribute_exists(#in_progress_expiry) AND #in_progress_expiry < :now_in_millis)',
        ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
      });
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
      // DynamoDB returns the record that is there; without it (dynalite), it is read.
      const existing = (error as { item?: Item }).item ?? (await this.read(record.idempotencyKey));
      // This very write, taken by DynamoDB on a try whose answer was lost (a server error or a
      // broken connection) before the adapter tried again: the run holds the record already.
      // Refused, it would end as a duplicate of itself, and nobody would handle the message.
      if (existing?.[CLAIM] === item[CLAIM]) return;
      throw new IdempotencyItemAlreadyExistsError(
        `Failed to put record for already existing idempotency key: ${record.idempotencyKey}`,
        existing && this.toRecord(existing),
      );
    }
  }

  protected async _updateRecord(record: IdempotencyRecord): Promise<void> {
    const fields = ['#expiry = :expiry', '#status = :status'];
    const names: Record<string, string> = { '#expiry': EXPIRY, '#status': ATTRIBUTES.statusAttr };
    const values: Item = { ':expiry': record.expiryTimestamp, ':status': record.getStatus() };
    if (record.responseData !== undefined) {
      fields.push('#response_data = :response_data');
      names['#response_data'] = ATTRIBUTES.dataAttr;
      values[':response_data'] = record.responseData;
    }
    if (this.isPayloadValidationEnabled()) {
      fields.push('#validation_key = :validation_key');
      names['#validation_key'] = ATTRIBUTES.validationKeyAttr;
      values[':validation_key'] = record.payloadHash;
    }
    await this.documents.update({
      TableName: this.table,
      Key: { [KEY]: record.idempotencyKey },
      UpdateExpression: `SET ${fields.join(', ')}`,
      ExpressionAttributeNames: names,
      ExpressionAttributeValues: values,
    });
  }

  protected async _deleteRecord(record: IdempotencyRecord): Promise<void> {
    await this.documents.delete({ TableName: this.table, Key: { [KEY]: record.idempotencyKey } });
  }
}
