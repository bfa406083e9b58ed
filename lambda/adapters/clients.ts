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

export function createClients(environment: Pick<HandlerEnvironment, 'region' | 'endpoints'>): AwsClients {
  const { region, endpoints } = environment;
  // A stand-in answers at one host for every bucket, so it needs path-style addressing.
  const s3 = new S3Client({ region, ...(endpoints.s3 ? { endpoint: endpoints.s3, forcePathStyle: true } : {}) });
  const ses = new SESClient({ region, ...(endpoints.ses ? { endpoint: endpoints.ses } : {}) });
  const dynamodb = new DynamoDBClient({ region, ...(endpoints.dynamodb ? { endpoint: endpoints.dynamodb } : {}) });
  const documents = DynamoDBDocumentClient.from(dynamodb, { marshallOptions: { removeUndefinedValues: true } });
  return { s3, ses, dynamodb, documents };
}
