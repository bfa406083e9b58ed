/**
 * The S3 read and the SES send (aws-lite) against s3rver, aws-ses-v2-local and small local
 * servers that answer as a failing service would: the bytes as stored, errors that name the
 * object or the mail, which send failures certainly sent nothing, S3 retried and SES not, SES
 * on a fresh connection each time, and the time limit.
 */
import type { LookupFunction, Socket } from 'node:net';
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import type { AwsLiteRequest } from '@aws-lite/client';
import { awsCall, CallTimedOutError } from '../../lambda/adapters/aws-call';
import { createClients } from '../../lambda/adapters/clients';
import { MailSender } from '../../lambda/adapters/mail-sender';
import { MailStore } from '../../lambda/adapters/mail-store';
import type { OutboundMail } from '../../lambda/domain';
import { SendFailedError } from '../../lambda/failures';
import {
  answeringService,
  closedPort,
  forgettingService,
  LOCAL_CREDENTIALS,
  LOCAL_REGION,
  startS3,
  startSes,
  tcpService,
  type LocalS3,
  type LocalSes,
} from '../support/local-aws';
import { localS3Client } from '../../local/local-s3';

const BUCKET = 'faqmail-adapters';
const PREFIX = 'inbound/';
const MAIL: OutboundMail = {
  kind: 'reply',
  from: 'developers@example.com',
  to: ['jane@writer.example', 'joe@writer.example'],
  raw: Buffer.from('From: developers@example.com\r\nTo: jane@writer.example\r\nSubject: Re: fees\r\n\r\nNo fee.\r\n'),
};

let s3: LocalS3;
let ses: LocalSes;
let s3Client: S3Client;
const savedEnv = { ...process.env };

const sesError = (code: string) =>
  `<ErrorResponse><Error><Type>Sender</Type><Code>${code}</Code><Message>injected failure</Message></Error></ErrorResponse>`;

/** What the send threw, which must be a SendFailedError. */
async function sendFailure(sender: MailSender): Promise<SendFailedError> {
  const error = await sender.send(MAIL).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(SendFailedError);
  return error as SendFailedError;
}

beforeAll(async () => {
  [s3, ses] = await Promise.all([startS3({ buckets: [BUCKET] }), startSes()]);
  Object.assign(process.env, {
    AWS_ACCESS_KEY_ID: LOCAL_CREDENTIALS.accessKeyId,
    AWS_SECRET_ACCESS_KEY: LOCAL_CREDENTIALS.secretAccessKey,
  });
  delete process.env.AWS_SESSION_TOKEN;
  delete process.env.AWS_PROFILE;
  s3Client = localS3Client(s3.endpoint);
});

afterAll(async () => {
  s3Client?.destroy();
  await Promise.all([s3?.stop(), ses?.stop()]);
  process.env = savedEnv;
});

describe('reading the raw message from S3', () => {
  const store = (endpoint: string) =>
    new MailStore(createClients({ region: LOCAL_REGION, endpoints: { s3: endpoint } }).s3, BUCKET, PREFIX);

  it.each([
    ['message/rfc822', Buffer.from('Subject: caf\xe9\r\n\r\n\x00\xff\xfe binary\r\n', 'latin1')],
    // aws-lite would parse these by their Content-Type, were S3 not asked to answer as bytes.
    ['application/json', Buffer.from('{"not": "parsed"}')],
    ['application/xml', Buffer.from('<?xml version="1.0"?><not>parsed</not>')],
    ['message/rfc822', Buffer.alloc(0)],
  ])('returns the object byte for byte (stored as %s)', async (contentType, body) => {
    const id = `object-${body.length}-${contentType.replace('/', '-')}`;
    await s3Client.send(new PutObjectCommand({ Bucket: BUCKET, Key: `${PREFIX}${id}`, Body: body, ContentType: contentType }));
    expect((await store(s3.endpoint).read(id)).equals(body)).toBe(true);
  });

  it("names the bucket, the key and S3's error code when the object is missing", async () => {
    await expect(store(s3.endpoint).read('missing0000')).rejects.toThrow(
      `Reading the raw message s3://${BUCKET}/${PREFIX}missing0000 (bucket ${BUCKET}, key ${PREFIX}missing0000) failed: NoSuchKey:`,
    );
  });

  it('tries a read three times when S3 answers with a server error', async () => {
    const failing = await answeringService(() => ({
      status: 500,
      type: 'application/xml',
      body: '<Error><Code>InternalError</Code></Error>',
    }));
    try {
      await expect(store(failing.endpoint).read('any')).rejects.toThrow(`(bucket ${BUCKET}, key ${PREFIX}any) failed: InternalError`);
      expect(failing.requests()).toBe(3);
    } finally {
      await failing.stop();
    }
  });
});

describe('sending through SES', () => {
  const sender = (endpoint: string) =>
    new MailSender(createClients({ region: LOCAL_REGION, endpoints: { ses: endpoint } }).ses, LOCAL_REGION);

  it('sends the message byte for byte to every recipient and returns the id SES gave it', async () => {
    await ses.clear();
    const sent = await sender(ses.endpoint).send(MAIL);
    const [received] = ses.sentRaw();
    expect(received).toMatchObject({ messageId: sent.sesMessageId, source: MAIL.from, destinations: MAIL.to });
    expect(received.raw.equals(MAIL.raw)).toBe(true);
    expect(sent.messageIdHeader).toBe(`<${sent.sesMessageId}@email.amazonses.com>`);
  });

  it('certainly sent nothing when SES refuses the mail (4xx), and says which mail and why', async () => {
    const refusing = await answeringService(() => ({ status: 400, type: 'text/xml', body: sesError('MessageRejected') }));
    try {
      const error = await sendFailure(sender(refusing.endpoint));
      expect(error).toMatchObject({ certainlyNotSent: true, refused: true });
      expect(error.message).toMatch(
        /^Sending the reply \(\d+ bytes, 2 recipient\(s\)\) through SES failed: MessageRejected: .*injected failure/,
      );
    } finally {
      await refusing.stop();
    }
  });

  it('certainly sent nothing when SES throttles the send, which refuses not the mail but the moment', async () => {
    const throttling = await answeringService(() => ({ status: 400, type: 'text/xml', body: sesError('Throttling') }));
    try {
      expect(await sendFailure(sender(throttling.endpoint))).toMatchObject({ certainlyNotSent: true, refused: false });
    } finally {
      await throttling.stop();
    }
  });

  it('certainly sent nothing when SES cannot be reached, and refused nothing', async () => {
    const error = await sendFailure(sender(`http://127.0.0.1:${await closedPort()}`));
    expect(error).toMatchObject({ certainlyNotSent: true, refused: false });
    expect(error.message).toMatch(/ECONNREFUSED/);
  });

  it('certainly sent nothing when the connection is closed during the TLS handshake: the request goes only after it', async () => {
    // The ClientHello is read before the close, so that the peer sends a FIN, not a reset for unread data.
    const cut = await tcpService((socket) => socket.once('data', () => socket.end()));
    try {
      const error = await sendFailure(sender(`https://127.0.0.1:${cut.port}`));
      expect(error.message).toMatch(/disconnected before secure TLS connection was established$/);
      expect(error.certainlyNotSent).toBe(true);
    } finally {
      await cut.stop();
    }
  });

  it("certainly sent nothing when none of the addresses SES's name resolves to takes the connection", async () => {
    // SES's names resolve to several addresses: Node tries each, and fails with an error that has no message.
    const port = await closedPort();
    const call = createClients({ region: LOCAL_REGION, endpoints: { ses: `http://ses.test:${port}` } }).ses;
    // Node's lookup option, which http.request hands to the connection: the name resolves, the connections are refused.
    const lookup: LookupFunction = (_name, options, resolved) =>
      options.all
        ? resolved(null, [
            { address: '127.0.0.1', family: 4 },
            { address: '127.0.0.2', family: 4 },
          ])
        : resolved(null, '127.0.0.1', 4);
    const error = await sendFailure(new MailSender((request) => call({ ...request, lookup } as AwsLiteRequest), LOCAL_REGION));
    expect(error.message).toMatch(/: ECONNREFUSED$/);
    expect(error.certainlyNotSent).toBe(true);
  });

  it.each([
    ['reset', (socket: Socket) => socket.resetAndDestroy(), /read ECONNRESET$/],
    ['closed', (socket: Socket) => socket.end(), /socket hang up$/],
  ])('may have sent when the connection is %s after the request was written', async (_how, drop, surfaced) => {
    const dropping = await tcpService((socket) => socket.once('data', () => drop(socket)));
    try {
      const error = await sendFailure(sender(`http://127.0.0.1:${dropping.port}`));
      expect(error.message).toMatch(surfaced);
      expect(error.certainlyNotSent).toBe(false);
    } finally {
      await dropping.stop();
    }
  });

  it('tries exactly once, and may have sent, when SES answers with a server error', async () => {
    const failing = await answeringService(() => ({ status: 500, type: 'text/xml', body: sesError('InternalFailure') }));
    try {
      const error = await sendFailure(sender(failing.endpoint));
      expect(error.certainlyNotSent).toBe(false);
      expect(failing.requests()).toBe(1);
    } finally {
      await failing.stop();
    }
  });

  it('sends each mail on a connection of its own: a connection SES dropped between events cannot take a send', async () => {
    // Reused, such a connection fails the send with a reset after the mail was written, which
    // must count as maybe sent: the writer would get no answer, and staff a warning instead.
    const forgetting = await forgettingService({
      status: 200,
      type: 'text/xml',
      body: '<SendRawEmailResponse><SendRawEmailResult><MessageId>0100-sent</MessageId></SendRawEmailResult></SendRawEmailResponse>',
    });
    try {
      const sending = sender(forgetting.endpoint);
      for (let i = 0; i < 3; i += 1) expect((await sending.send(MAIL)).sesMessageId).toBe('0100-sent');
      expect(forgetting.requests()).toBe(3);
      expect(forgetting.connections()).toBe(3);
    } finally {
      await forgetting.stop();
    }
  });

  it('gives up at its deadline when SES never answers, and may have sent', async () => {
    const silent = await answeringService(() => undefined);
    try {
      const error = await sendFailure(
        new MailSender(awsCall({ region: LOCAL_REGION, retries: 0, endpoint: silent.endpoint }, 200), LOCAL_REGION),
      );
      expect(error.cause).toBeInstanceOf(CallTimedOutError);
      expect(error.message).toMatch(/CallTimedOutError: no answer within 200 ms/);
      expect(error.certainlyNotSent).toBe(false);
      expect(silent.requests()).toBe(1);
    } finally {
      await silent.stop();
    }
  });
});
