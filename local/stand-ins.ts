/**
 * The embedded stand-ins for the AWS services faqmail uses, on loopback: dynalite
 * (DynamoDB, in memory), s3rver (S3) and aws-ses-v2-local (SES). The local cloud
 * (`npm start`) and the tests start them through this module, so both talk to the same
 * servers configured the same way.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import http, { type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo, Server as NetServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { CreateTableCommand, DynamoDBClient, waitUntilTableExists } from '@aws-sdk/client-dynamodb';
import startSesServer from 'aws-ses-v2-local';
import { dynamoDbDocuments, type DynamoDbDocuments } from '../lambda/adapters/dynamodb';
import { sesMessageIdHeader } from '../lambda/adapters/mail-sender';
import { DECISIONS_BY_DAY, TABLE_KEYS } from '../lambda/state/table-schema';

/** A running stand-in: where to reach it, and how to stop it (idempotent). */
export interface LocalService {
  endpoint: string;
  port: number;
  stop: () => Promise<void>;
}

export interface LocalS3 extends LocalService {
  /** The folder s3rver keeps objects in (removed on stop unless it was given). */
  directory: string;
}

/** One message as aws-ses-v2-local stored it for its viewer (parsed: no header fields). */
export interface SesStoredEmail {
  messageId: string;
  from: string;
  replyTo: string[];
  destination: { to: string[]; cc: string[]; bcc: string[] };
  subject: string;
  body: { text?: string; html?: string };
  attachments: Array<{ content: string; contentType: string; filename?: string; size: number }>;
  /** Epoch seconds. */
  at: number;
}

/** A `SendRawEmail` call as the SES stand-in received it: the message byte for byte. */
export interface SentRawEmail {
  /** The MessageId the stand-in answered with. */
  messageId: string;
  source?: string;
  destinations: string[];
  raw: Buffer;
  /** Where the message was written as a `.eml` file as SES delivers it (`asSesSends`), when the stand-in keeps an outbox. */
  file?: string;
}

export interface LocalSes extends LocalService {
  /** The web viewer that lists every message sent. */
  viewerUrl: string;
  /** Every message the viewer holds, oldest first. */
  emails: () => Promise<SesStoredEmail[]>;
  /**
   * Every `SendRawEmail` so far, oldest first, raw. The viewer keeps only what mailparser
   * made of a message (no threading or RFC 3834 headers, attached messages inlined), so
   * this is what shows exactly what faqmail sent.
   */
  sentRaw: () => readonly SentRawEmail[];
  /** The folder every sent message is written to, byte for byte, when one was asked for. */
  outbox?: string;
  /** Forgets every message sent (in the viewer and in `sentRaw`; the outbox's files stay). */
  clear: () => Promise<void>;
}

/**
 * Credentials for the stand-ins: s3rver accepts only this key pair, the others check that
 * requests are signed, not by whom. Setting them keeps the SDK's default provider chain
 * from looking for real ones (and failing, or worse, finding them).
 */
export const LOCAL_CREDENTIALS = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' } as const;
export const LOCAL_REGION = 'us-east-1';

export const LOOPBACK = '127.0.0.1';

/** The function's DynamoDB adapter, for the stand-in at `endpoint` (as the state stores use it). */
export function localDocuments(endpoint: string): DynamoDbDocuments {
  return dynamoDbDocuments({ endpoint, region: LOCAL_REGION, ...LOCAL_CREDENTIALS, retries: 2 }, 7_000);
}

/** A port that another program holds; `service` names who wanted it. */
export class PortInUseError extends Error {
  constructor(
    readonly service: string,
    readonly port: number,
  ) {
    super(`${service} cannot listen on ${LOOPBACK}:${port}: the port is in use`);
    this.name = 'PortInUseError';
  }
}

/** A port this user may not listen on (below 1024 without privileges); `service` names who wanted it. */
export class PortDeniedError extends Error {
  constructor(
    readonly service: string,
    readonly port: number,
  ) {
    super(`${service} may not listen on ${LOOPBACK}:${port}: the port needs privileges`);
    this.name = 'PortDeniedError';
  }
}

// dynalite and s3rver ship no type declarations; these are the parts used here.
interface DynaliteOptions {
  createTableMs?: number;
  deleteTableMs?: number;
  updateTableMs?: number;
}
type Dynalite = (options?: DynaliteOptions) => Server;
interface S3rverOptions {
  address: string;
  port: number;
  silent: boolean;
  directory: string;
  configureBuckets: Array<{ name: string; configs: Buffer[] }>;
}
interface S3rverInstance {
  configureBuckets(): Promise<void>;
  /** With a callback, returns the (not yet listening) server at once. */
  listen(port: number, host: string, callback: () => void): Server;
}
type S3rverClass = new (options: S3rverOptions) => S3rverInstance;

// The packages have no type declarations; the interfaces above describe what we use of them.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const dynalite = require('dynalite') as Dynalite;
// eslint-disable-next-line @typescript-eslint/no-require-imports
const S3rver = require('s3rver') as S3rverClass;

/**
 * Waits for `server`, just told to listen on loopback `port` (0 picks a free one), to
 * listen, and returns its port; a taken port is a PortInUseError, a privileged one a PortDeniedError.
 */
export function listening(server: NetServer, port: number, service: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException) => {
      server.off('listening', onListening);
      if (error.code === 'EADDRINUSE') reject(new PortInUseError(service, port));
      else if (error.code === 'EACCES') reject(new PortDeniedError(service, port));
      else reject(new Error(`${service} cannot listen on ${LOOPBACK}:${port}: ${error.message}`, { cause: error }));
    };
    const onListening = () => {
      server.off('error', onError);
      resolve((server.address() as AddressInfo).port);
    };
    server.once('error', onError);
    server.once('listening', onListening);
  });
}

/** Makes a stop function safe to call more than once (and concurrently). */
export function once(stop: () => Promise<void>): () => Promise<void> {
  let stopping: Promise<void> | undefined;
  return () => (stopping ??= stop());
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve, reject) => {
    if (!server.listening) return resolve();
    server.close((error) => (error ? reject(error) : resolve()));
    // Keep-alive sockets (the SDK's, a browser's) would hold close() open until they time out.
    server.closeAllConnections();
  });
}

/** dynalite, in memory. `port` 0 (the default) picks a free one. */
export async function startDynalite(options: { port?: number } = {}): Promise<LocalService> {
  // Tables are ACTIVE at once: nothing waits on table creation.
  const server = dynalite({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
  server.listen(options.port ?? 0, LOOPBACK);
  const port = await listening(server, options.port ?? 0, 'dynalite (DynamoDB)');
  return { endpoint: `http://${LOOPBACK}:${port}`, port, stop: once(() => closeServer(server)) };
}

/**
 * s3rver with the given buckets. Objects live in `directory` (a fresh temporary folder,
 * removed on stop, when none is given).
 */
export async function startS3(options: { port?: number; buckets?: string[]; directory?: string } = {}): Promise<LocalS3> {
  const directory = options.directory ?? (await mkdtemp(path.join(os.tmpdir(), 'faqmail-s3-')));
  const removeDirectory = () => (options.directory === undefined ? rm(directory, { recursive: true, force: true }) : Promise.resolve());
  const s3rver = new S3rver({
    address: LOOPBACK,
    port: options.port ?? 0,
    silent: true,
    directory,
    configureBuckets: (options.buckets ?? []).map((name) => ({ name, configs: [] })),
  });
  let server: Server;
  let port: number;
  try {
    await s3rver.configureBuckets();
    // Not s3rver.run(): it never settles when the port is taken (the error is an unhandled
    // 'error' event that ends the process). Its callback form hands over the server instead.
    server = s3rver.listen(options.port ?? 0, LOOPBACK, () => undefined);
    port = await listening(server, options.port ?? 0, 's3rver (S3)');
  } catch (error) {
    await removeDirectory();
    throw error;
  }
  return {
    endpoint: `http://${LOOPBACK}:${port}`,
    port,
    directory,
    stop: once(async () => {
      await closeServer(server);
      await removeDirectory();
    }),
  };
}

interface Exchange {
  method: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
  status: number;
  responseBody: Buffer;
}

/** The SendRawEmail call in one exchange with the SES stand-in, if it is one that succeeded. */
function sendRawEmailIn(exchange: Exchange): SentRawEmail | undefined {
  if (exchange.method !== 'POST' || exchange.status !== 200) return undefined;
  if (!String(exchange.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded')) return undefined;
  const params = new URLSearchParams(exchange.body.toString('utf8'));
  const data = params.get('RawMessage.Data');
  if (params.get('Action') !== 'SendRawEmail' || data === null) return undefined;
  const messageId = /<MessageId>([^<]+)<\/MessageId>/.exec(exchange.responseBody.toString('utf8'))?.[1] ?? '';
  const destinations = [...params.entries()].filter(([key]) => /^Destinations\.member\.\d+$/.test(key)).map(([, value]) => value);
  return { messageId, source: params.get('Source') ?? undefined, destinations, raw: Buffer.from(data, 'base64') };
}

/**
 * The message as SES delivers it: SES replaces the sender's Message-ID with its own
 * (`<id@email.amazonses.com>`, what a reply names), and leaves every other byte alone.
 */
function asSesSends(mail: SentRawEmail): Buffer {
  const raw = mail.raw.toString('latin1');
  const end = raw.search(/\r?\n\r?\n/);
  const head = end < 0 ? raw : raw.slice(0, end);
  const id = sesMessageIdHeader(mail.messageId, LOCAL_REGION);
  const replaced = /^Message-ID:/im.test(head)
    ? head.replace(/^Message-ID:[^\r\n]*(?:\r?\n[ \t][^\r\n]*)*/im, `Message-ID: ${id}`)
    : `${head}\r\nMessage-ID: ${id}`;
  return Buffer.from(replaced + raw.slice(head.length), 'latin1');
}

/** An HTTP server that relays every request to `backendPort` and shows each exchange to `observe`. */
function relay(backendPort: number, observe: (exchange: Exchange) => void): Server {
  const agent = new http.Agent({ keepAlive: false });
  return http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const body = Buffer.concat(chunks);
      const upstream = http.request(
        { host: LOOPBACK, port: backendPort, method: request.method, path: request.url, headers: request.headers, agent },
        (answer) => {
          const answerChunks: Buffer[] = [];
          answer.on('data', (chunk: Buffer) => answerChunks.push(chunk));
          answer.on('end', () => {
            const responseBody = Buffer.concat(answerChunks);
            const status = answer.statusCode ?? 502;
            observe({ method: request.method ?? '', headers: request.headers, body, status, responseBody });
            const headers = { ...answer.headers };
            // SES's Query API answers in text/xml; aws-ses-v2-local labels its XML text/html, which
            // a client that reads a body by its Content-Type (aws-lite) would not parse.
            if (responseBody.subarray(0, 5).toString() === '<?xml') headers['content-type'] = 'text/xml';
            delete headers['transfer-encoding'];
            headers['content-length'] = String(responseBody.length);
            response.writeHead(status, headers);
            response.end(responseBody);
          });
        },
      );
      upstream.on('error', (error) => {
        response.writeHead(502, { 'content-type': 'text/plain' });
        response.end(`SES stand-in unreachable: ${error.message}`);
      });
      upstream.end(body);
    });
  });
}

/**
 * aws-ses-v2-local (v1 `SendRawEmail`, v2 `SendEmail`, and its web viewer), reached through
 * a relay on the requested port that keeps each raw message sent (and writes it to
 * `outbox`, when given: the viewer rebuilds mail without its threading headers). The relay also owns the
 * public port because aws-ses-v2-local reports a taken port by resolving with a server
 * that is not listening. Its store is module state shared by every server in the process,
 * so `clear()` empties it for all of them.
 */
export async function startSes(options: { port?: number; outbox?: string } = {}): Promise<LocalSes> {
  const { outbox } = options;
  if (outbox !== undefined) mkdirSync(outbox, { recursive: true });
  const backend = await startSesServer({ host: LOOPBACK, port: 0 });
  if (!backend.listening) throw new Error('aws-ses-v2-local (SES) could not listen on a free loopback port');
  const sent: SentRawEmail[] = [];
  let written = 0;
  const front = relay((backend.address() as AddressInfo).port, (exchange) => {
    const mail = sendRawEmailIn(exchange);
    if (!mail) return;
    if (outbox !== undefined) {
      // Written before SES's answer goes back, so the file exists once the send returns.
      mail.file = path.join(outbox, `${String((written += 1)).padStart(3, '0')}-${mail.messageId || 'unnamed'}.eml`);
      writeFileSync(mail.file, asSesSends(mail));
    }
    sent.push(mail);
  });
  let port: number;
  try {
    front.listen(options.port ?? 0, LOOPBACK);
    port = await listening(front, options.port ?? 0, 'aws-ses-v2-local (SES)');
  } catch (error) {
    await closeServer(backend);
    throw error;
  }
  const endpoint = `http://${LOOPBACK}:${port}`;
  return {
    endpoint,
    port,
    viewerUrl: `${endpoint}/`,
    outbox,
    emails: async () => {
      const response = await fetch(`${endpoint}/store`);
      if (!response.ok) throw new Error(`aws-ses-v2-local GET /store answered ${response.status}`);
      const store = (await response.json()) as { emails: SesStoredEmail[] };
      return store.emails;
    },
    sentRaw: () => sent,
    clear: async () => {
      const response = await fetch(`${endpoint}/clear-store`, { method: 'POST' });
      if (!response.ok) throw new Error(`aws-ses-v2-local POST /clear-store answered ${response.status}`);
      sent.length = 0;
    },
    stop: once(async () => {
      await closeServer(front);
      await closeServer(backend);
    }),
  };
}

/**
 * Creates faqmail's state table as the stack does: partition key `pk` (S), no sort key,
 * on-demand, with the decision records' index by day. The stack also turns on TTL for `expiresAt`; dynalite has no TTL API (nor does
 * it delete expired items), which is why the state store never trusts an item past its
 * `expiresAt` on read.
 */
export async function createStateTable(endpoint: string, tableName: string): Promise<void> {
  const client = new DynamoDBClient({ endpoint, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS });
  try {
    await client.send(
      new CreateTableCommand({
        TableName: tableName,
        AttributeDefinitions: [
          { AttributeName: TABLE_KEYS.partitionKey, AttributeType: 'S' },
          { AttributeName: DECISIONS_BY_DAY.partitionKey, AttributeType: 'S' },
          { AttributeName: DECISIONS_BY_DAY.sortKey, AttributeType: 'S' },
        ],
        KeySchema: [{ AttributeName: TABLE_KEYS.partitionKey, KeyType: 'HASH' }],
        GlobalSecondaryIndexes: [
          {
            IndexName: DECISIONS_BY_DAY.indexName,
            KeySchema: [
              { AttributeName: DECISIONS_BY_DAY.partitionKey, KeyType: 'HASH' },
              { AttributeName: DECISIONS_BY_DAY.sortKey, KeyType: 'RANGE' },
            ],
            Projection: { ProjectionType: 'ALL' },
          },
        ],
        BillingMode: 'PAY_PER_REQUEST',
      }),
    );
    // dynalite marks a new table ACTIVE on a timer even with createTableMs 0, so a loaded
    // machine can describe it while still CREATING (CI once did); wait as a real client would.
    await waitUntilTableExists({ client, minDelay: 0.05, maxDelay: 0.5, maxWaitTime: 30 }, { TableName: tableName });
  } finally {
    client.destroy();
  }
}
