/**
 * The AWS stand-ins for tests. They are started exactly as the local cloud starts them
 * (`local/stand-ins.ts`), so a suite talks to the same servers `npm start` runs.
 */
import http from 'node:http';
import { createServer, type AddressInfo } from 'node:net';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { dynamoDbDocuments } from '../../lambda/adapters/dynamodb';
import { createStateTable, LOCAL_CREDENTIALS, LOCAL_REGION, LOOPBACK, startDynalite, type LocalService } from '../../local/stand-ins';

export {
  createStateTable,
  LOCAL_CREDENTIALS,
  LOCAL_REGION,
  localDocuments,
  startDynalite,
  startS3,
  startSes,
  type LocalS3,
  type LocalService,
  type LocalSes,
  type SentRawEmail,
  type SesStoredEmail,
} from '../../local/stand-ins';

/** The SDK's document client on a stand-in: items written and read as the SDK does, to hold ours against. */
function sdkDocuments(endpoint: string): DynamoDBDocumentClient {
  return DynamoDBDocumentClient.from(new DynamoDBClient({ endpoint, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS }));
}

/** A suite's dynalite, and the SDK's document client on it to read and write items as the SDK does. */
export interface SuiteDynamoDb {
  readonly endpoint: string;
  readonly sdk: DynamoDBDocumentClient;
}

/** A dynalite started before the suite's tests and stopped after them. */
export function dynaliteForSuite(): SuiteDynamoDb {
  let dynamodb: LocalService | undefined;
  let sdk: DynamoDBDocumentClient | undefined;
  beforeAll(async () => {
    dynamodb = await startDynalite();
    sdk = sdkDocuments(dynamodb.endpoint);
  });
  afterAll(async () => {
    sdk?.destroy();
    await dynamodb?.stop();
  });
  const started = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error("the suite's dynalite is started in beforeAll: use it inside a test");
    return value;
  };
  return {
    get endpoint() {
      return started(dynamodb).endpoint;
    },
    get sdk() {
      return started(sdk);
    },
  };
}

/** The same, holding the state table `table`. */
export function stateTableForSuite(table: string): SuiteDynamoDb {
  const local = dynaliteForSuite();
  beforeAll(() => createStateTable(local.endpoint, table));
  return local;
}

/** A loopback port nothing listens on (for tests of a service that is down). */
export async function closedPort(): Promise<number> {
  const server = createServer();
  const port = await new Promise<number>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, LOOPBACK, () => resolve((server.address() as AddressInfo).port));
  });
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** A local server that answers every request with `answer` (or never, when it returns undefined), counting requests. */
export async function answeringService(answer: () => { status: number; type: string; body: string } | undefined) {
  let requests = 0;
  const server = http.createServer((request, response) => {
    requests += 1;
    request.resume();
    const reply = answer();
    if (!reply) return;
    response.writeHead(reply.status, { 'content-type': reply.type });
    response.end(reply.body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests: () => requests,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A local server that answers as DynamoDB does with the error `type` (or never), and the adapter for it. */
export async function failingDynamoDb(answer: { status: number; type: string; item?: Record<string, unknown> } | undefined) {
  const server = await answeringService(
    () =>
      answer && {
        status: answer.status,
        type: 'application/x-amz-json-1.0',
        body: JSON.stringify({ __type: `com.amazonaws.dynamodb.v20120810#${answer.type}`, message: 'injected failure', Item: answer.item }),
      },
  );
  const documents = (deadlineMs = 5_000) =>
    dynamoDbDocuments({ endpoint: server.endpoint, region: LOCAL_REGION, ...LOCAL_CREDENTIALS, retries: 2 }, deadlineMs);
  return { ...server, documents };
}
