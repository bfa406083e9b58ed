/**
 * The AWS stand-ins for tests. They are started exactly as the local cloud starts them
 * (`local/stand-ins.ts`), so a suite talks to the same servers `npm start` runs.
 */
import http from 'node:http';
import { createServer, type AddressInfo, type Socket } from 'node:net';
import { DynamoDBClient, GetItemCommand, type AttributeValue } from '@aws-sdk/client-dynamodb';
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

/** `server` listening on a free loopback port: where to reach it, and how to stop it. */
async function onLoopback(server: http.Server): Promise<{ endpoint: string; stop: () => Promise<void> }> {
  await new Promise<void>((resolve) => server.listen(0, LOOPBACK, resolve));
  return {
    endpoint: `http://${LOOPBACK}:${(server.address() as AddressInfo).port}`,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/**
 * A loopback TCP server that does `serve` with each connection and speaks no HTTP nor TLS itself:
 * a peer that fails below the request, as a connection can on the way to SES.
 */
export async function tcpService(serve: (socket: Socket) => void): Promise<{ port: number; stop: () => Promise<void> }> {
  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    serve(socket);
  });
  await new Promise<void>((resolve) => server.listen(0, LOOPBACK, resolve));
  return {
    port: (server.address() as AddressInfo).port,
    stop: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
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
  return { ...(await onLoopback(server)), requests: () => requests };
}

/**
 * A local server that answers a connection's first request with `answer` and resets the
 * connection at any later one: a peer that dropped an idle keep-alive connection without the
 * client noticing, as happens to a Lambda function's sockets while it is frozen between events.
 */
export async function forgettingService(answer: { status: number; type: string; body: string }) {
  let requests = 0;
  let connections = 0;
  const served = new WeakSet<Socket>();
  const server = http.createServer((request, response) => {
    requests += 1;
    if (served.has(request.socket)) {
      request.socket.resetAndDestroy();
      return;
    }
    served.add(request.socket);
    request.resume();
    response.writeHead(answer.status, { 'content-type': answer.type });
    response.end(answer.body);
  });
  server.on('connection', () => (connections += 1));
  return { ...(await onLoopback(server)), requests: () => requests, connections: () => connections };
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

/** A relay in front of dynalite that answers as DynamoDB does, and the operations it passed on. */
export interface DynamoDbLikeAws {
  endpoint: string;
  /** The operations passed on so far, by name (`PutItem`, `GetItem`…), oldest first. */
  operations: string[];
  /**
   * The next `operation` is carried out, but its answer is lost: the caller gets a 500
   * `InternalServerError`, which DynamoDB says of a request that may or may not have been
   * processed, and tries again.
   */
  loseNextAnswer: (operation: string) => void;
  stop: () => Promise<void>;
}

/** DynamoDB's largest partition key: 2,048 bytes of UTF-8 (dynalite counts UTF-16 code units). */
const MAX_KEY_BYTES = 2048;

/** The partition keys a request names (`pk`, the state table's), in any operation faqmail uses. */
function requestKeys(request: Record<string, unknown>): string[] {
  type Keyed = { pk?: { S?: string } };
  const batches = Object.values((request.RequestItems ?? {}) as Record<string, { Keys?: Keyed[] }>);
  const keyed = [request.Key, request.Item, ...batches.flatMap((batch) => batch.Keys ?? [])] as Array<Keyed | undefined>;
  return keyed.flatMap((item) => (item?.pk?.S === undefined ? [] : [item.pk.S]));
}

/**
 * dynalite behind a relay that answers as DynamoDB does where dynalite does not: a write whose
 * condition failed, asked for `ReturnValuesOnConditionCheckFailure: 'ALL_OLD'`, gets the item
 * that failed it with the error (read here after the failure; a test that needs the two to be
 * one moment must not race them); a key longer than DynamoDB takes, counted in bytes, is refused.
 * It counts the operations, so a test can say what a step costs.
 */
export async function dynamoDbLikeAws(target: string): Promise<DynamoDbLikeAws> {
  const upstream = new URL(target);
  const reader = new DynamoDBClient({ endpoint: target, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS });
  const operations: string[] = [];
  const losing = new Set<string>();
  const oldItem = async (request: Record<string, unknown>): Promise<Record<string, AttributeValue> | undefined> => {
    const key = (request.Key ?? { pk: (request.Item as Record<string, AttributeValue>).pk }) as Record<string, AttributeValue>;
    const { Item } = await reader.send(new GetItemCommand({ TableName: String(request.TableName), Key: key, ConsistentRead: true }));
    return Item;
  };
  const server = http.createServer((incoming, outgoing) => {
    const chunks: Buffer[] = [];
    incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
    incoming.on('end', () => {
      const body = Buffer.concat(chunks);
      const operation = String(incoming.headers['x-amz-target'] ?? '').split('.')[1] ?? '';
      operations.push(operation);
      const lost = losing.delete(operation);
      if (requestKeys(JSON.parse(body.toString() || '{}') as Record<string, unknown>).some((pk) => Buffer.byteLength(pk) > MAX_KEY_BYTES)) {
        outgoing.writeHead(400, { 'content-type': 'application/x-amz-json-1.0' });
        outgoing.end(
          JSON.stringify({
            __type: 'com.amazon.coral.validate#ValidationException',
            message: 'One or more parameter values were invalid: Size of hashkey has exceeded the maximum size limit of 2048 bytes',
          }),
        );
        return;
      }
      const relay = http.request(
        { host: upstream.hostname, port: upstream.port, method: incoming.method, path: incoming.url, headers: incoming.headers },
        (answer) => {
          const parts: Buffer[] = [];
          answer.on('data', (part: Buffer) => parts.push(part));
          answer.on('end', () => {
            void (async () => {
              if (lost) {
                outgoing.writeHead(500, { 'content-type': 'application/x-amz-json-1.0' });
                outgoing.end(JSON.stringify({ __type: 'com.amazonaws.dynamodb.v20120810#InternalServerError', message: 'answer lost' }));
                return;
              }
              const text = Buffer.concat(parts).toString();
              const request = JSON.parse(body.toString() || '{}') as Record<string, unknown>;
              const error = JSON.parse(text || '{}') as { __type?: string };
              if (
                !String(error.__type).endsWith('#ConditionalCheckFailedException') ||
                request.ReturnValuesOnConditionCheckFailure !== 'ALL_OLD'
              ) {
                outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
                outgoing.end(text);
                return;
              }
              // A changed body: its length and checksum are no longer dynalite's.
              const { 'content-length': _length, 'x-amz-crc32': _crc32, ...headers } = answer.headers;
              outgoing.writeHead(answer.statusCode ?? 502, headers);
              outgoing.end(JSON.stringify({ ...error, Item: await oldItem(request) }));
            })();
          });
        },
      );
      relay.end(body);
    });
  });
  const served = await onLoopback(server);
  return {
    endpoint: served.endpoint,
    operations,
    loseNextAnswer: (operation) => losing.add(operation),
    stop: () => {
      reader.destroy();
      return served.stop();
    },
  };
}
