/**
 * DynamoDB through aws-lite (bundled), for exactly the operations the state table's users make:
 * one signed JSON request per operation (DynamoDB's JSON protocol), with plain JavaScript values
 * in and out, marshalled as the SDK's document client did (`@aws-sdk/util-dynamodb`, bundled).
 * Loading the SDK's DynamoDB client and making its first call took ~120 ms of a cold start
 * (docs/cold-start-log.md, "DynamoDB through aws-lite too").
 */
import type { AwsLiteConfig } from '@aws-lite/client';
import { marshall, unmarshall, type NativeAttributeValue } from '@aws-sdk/util-dynamodb';
import { awsCall, type AwsCall } from './aws-call';

/** Undefined values are left out of items, as the state stores' document client was told to. */
const MARSHALL = { removeUndefinedValues: true } as const;

/** An item, a key or a set of expression values, as plain JavaScript values. */
export type Item = Record<string, NativeAttributeValue>;

/** The parameters of one request, named as DynamoDB names them; keys, items and values plain. */
export interface DynamoDbRequest {
  TableName?: string;
  Key?: Item;
  Item?: Item;
  ExclusiveStartKey?: Item;
  ExpressionAttributeValues?: Item;
  ExpressionAttributeNames?: Record<string, string>;
  ConditionExpression?: string;
  UpdateExpression?: string;
  KeyConditionExpression?: string;
  FilterExpression?: string;
  ProjectionExpression?: string;
  IndexName?: string;
  ConsistentRead?: boolean;
  ReturnValues?: 'NONE' | 'ALL_OLD' | 'UPDATED_OLD' | 'ALL_NEW' | 'UPDATED_NEW';
  ReturnValuesOnConditionCheckFailure?: 'NONE' | 'ALL_OLD';
  RequestItems?: Record<string, { Keys: Item[]; ProjectionExpression?: string; ConsistentRead?: boolean }>;
}

export interface DynamoDbResponse {
  Item?: Item;
  Attributes?: Item;
  Items?: Item[];
  LastEvaluatedKey?: Item;
  Responses?: Record<string, Item[]>;
  UnprocessedKeys?: Record<string, { Keys: Item[] }>;
}

/**
 * An error DynamoDB answered with, named as the SDK named it (`ConditionalCheckFailedException`,
 * `ResourceNotFoundException`…), so that code recognising a failed condition by name needs no
 * change. `item` is the item as it was, when a failed condition was asked to return it.
 */
export class DynamoDbError extends Error {
  constructor(
    name: string,
    message: string,
    readonly operation: string,
    readonly statusCode: number | undefined,
    readonly item: Item | undefined,
    cause: unknown,
  ) {
    super(`${operation}: ${message}`, { cause });
    this.name = name;
  }
}

type Marshalled = Record<string, unknown>;

/** What aws-lite throws for an error response: its fields, and DynamoDB's own (`__type`, `Item`). */
interface AwsLiteError extends Error {
  __type?: string;
  statusCode?: number;
  Item?: Marshalled;
}

function toDynamoDbError(operation: string, error: unknown): unknown {
  const { __type, statusCode, Item, message } = (error ?? {}) as AwsLiteError;
  if (typeof __type !== 'string') return error;
  // `com.amazonaws.dynamodb.v20120810#ConditionalCheckFailedException` → the part after '#'.
  const name = __type.slice(__type.lastIndexOf('#') + 1);
  const text = String(message ?? '').replace(/^@aws-lite\/client: dynamodb: /, '');
  return new DynamoDbError(name, text, operation, statusCode, Item && (unmarshall(Item as never) as Item), error);
}

/** A DynamoDB client over aws-lite whose every call fails at `deadlineMs`, all tries included. */
export function dynamoDbDocuments(config: AwsLiteConfig, deadlineMs: number): DynamoDbDocuments {
  // Answers read as plain JSON: aws-lite would otherwise try to unmarshall each whole answer as one item.
  return new DynamoDbDocuments(awsCall({ ...config, responseContentType: 'application/json' }, deadlineMs));
}

export class DynamoDbDocuments {
  constructor(private readonly call: AwsCall) {}

  get(request: DynamoDbRequest): Promise<DynamoDbResponse> {
    return this.send('GetItem', request);
  }

  put(request: DynamoDbRequest): Promise<DynamoDbResponse> {
    return this.send('PutItem', request);
  }

  update(request: DynamoDbRequest): Promise<DynamoDbResponse> {
    return this.send('UpdateItem', request);
  }

  delete(request: DynamoDbRequest): Promise<DynamoDbResponse> {
    return this.send('DeleteItem', request);
  }

  query(request: DynamoDbRequest): Promise<DynamoDbResponse> {
    return this.send('Query', request);
  }

  batchGet(request: DynamoDbRequest): Promise<DynamoDbResponse> {
    return this.send('BatchGetItem', request);
  }

  private async send(operation: string, request: DynamoDbRequest): Promise<DynamoDbResponse> {
    let payload: Record<string, unknown>;
    try {
      const response = await this.call({
        service: 'dynamodb',
        method: 'POST',
        path: '/',
        headers: { 'X-Amz-Target': `DynamoDB_20120810.${operation}`, 'Content-Type': 'application/x-amz-json-1.0' },
        // Marshalled here; aws-lite's own marshalling would take the whole request for an item.
        awsjson: false,
        payload: this.marshallRequest(request),
      });
      payload = (response.payload ?? {}) as Record<string, unknown>;
    } catch (error) {
      throw toDynamoDbError(operation, error);
    }
    return this.unmarshallResponse(payload);
  }

  private marshallRequest(request: DynamoDbRequest): Record<string, unknown> {
    const item = (value: Item | undefined) => value && marshall(value, MARSHALL);
    const { Key, Item, ExclusiveStartKey, ExpressionAttributeValues, RequestItems, ...rest } = request;
    const body: Record<string, unknown> = {
      ...rest,
      Key: item(Key),
      Item: item(Item),
      ExclusiveStartKey: item(ExclusiveStartKey),
      ExpressionAttributeValues: item(ExpressionAttributeValues),
    };
    if (RequestItems) {
      body.RequestItems = Object.fromEntries(
        Object.entries(RequestItems).map(([table, read]) => [table, { ...read, Keys: read.Keys.map((key) => marshall(key, MARSHALL)) }]),
      );
    }
    // Absent, not null: DynamoDB refuses a parameter given as null.
    return Object.fromEntries(Object.entries(body).filter(([, value]) => value !== undefined));
  }

  private unmarshallResponse(payload: Record<string, unknown>): DynamoDbResponse {
    const item = (value: unknown) => (value ? (unmarshall(value as never) as Item) : undefined);
    const items = (value: unknown) => (value as Marshalled[]).map(item) as Item[];
    const response: DynamoDbResponse = {};
    if (payload.Item) response.Item = item(payload.Item);
    if (payload.Attributes) response.Attributes = item(payload.Attributes);
    if (payload.Items) response.Items = items(payload.Items);
    if (payload.LastEvaluatedKey) response.LastEvaluatedKey = item(payload.LastEvaluatedKey);
    if (payload.Responses) {
      response.Responses = Object.fromEntries(Object.entries(payload.Responses).map(([table, found]) => [table, items(found)]));
    }
    if (payload.UnprocessedKeys) {
      const unprocessed = payload.UnprocessedKeys as Record<string, { Keys: Marshalled[] }>;
      response.UnprocessedKeys = Object.fromEntries(
        Object.entries(unprocessed).map(([table, read]) => [table, { Keys: items(read.Keys) }]),
      );
    }
    return response;
  }
}
