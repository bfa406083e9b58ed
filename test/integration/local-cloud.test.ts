/**
 * The local cloud's own machinery, with a recording handler in place of faqmail's: SMTP in,
 * the raw message stored in S3 as SES stores it, the SES event handed to the handler, the
 * SES stand-in's record of what is sent, `npm run send`, and clear errors for taken ports.
 */
import { execFile, spawn } from 'node:child_process';
import { EventEmitter } from 'node:events';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createServer, type AddressInfo, type Server as NetServer } from 'node:net';
import path from 'node:path';
import { promisify } from 'node:util';
import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { SendRawEmailCommand, SESClient } from '@aws-sdk/client-ses';
import type { SESEvent } from 'aws-lambda';
import nodemailer from 'nodemailer';
import { startLocalCloud, type LocalCloud } from '../../local/cloud';
import { describeProcessed } from '../../local/describe';
import { startWithOutbox } from '../../local/outbox';
import { portFrom, portsFrom } from '../../local/ports';
import { localS3Client } from '../../local/local-s3';
import { LOCAL_CREDENTIALS, LOCAL_REGION, LOOPBACK, listening, PortDeniedError, PortInUseError, startSes } from '../../local/stand-ins';
import { portProblem, portsTaken } from '../../local/port-problem';
import { bundledCommands } from '../support/bundled-commands';
import { closedPort } from '../support/local-aws';
import { tempDir } from '../support/temp-dir';
import { SAMPLE_FAQ_DIR } from '../support/sample-faq';

const ROOT = path.resolve(__dirname, '../..');
const example = (name: string) => readFileSync(path.join(ROOT, 'examples', name));

let cloud: LocalCloud;
const seen: SESEvent[] = [];
let s3: S3Client;
let ses: SESClient;

beforeAll(async () => {
  cloud = await startLocalCloud({
    recipients: ['developers@example.com', 'help@example.com', 'staff-test@example.com'],
    handler: async (event) => {
      seen.push(event);
      if (event.Records[0].ses.mail.commonHeaders.subject === 'make the handler fail') throw new Error('S3 unreachable (simulated)');
      // Sends through the SES stand-in, as faqmail's handler does, so `sent` can be checked.
      const { mail } = event.Records[0].ses;
      const sent = await ses.send(
        new SendRawEmailCommand({
          RawMessage: {
            Data: Buffer.from(`From: developers@example.com\r\nTo: ${mail.source}\r\nSubject: seen ${mail.messageId}\r\n\r\nok\r\n`),
          },
        }),
      );
      return {
        sesMessageId: mail.messageId,
        decision: 'escalate',
        rule: 'no-match',
        sent: [{ kind: 'escalation', sesMessageId: sent.MessageId ?? '' }],
      };
    },
  });
  s3 = localS3Client(cloud.s3.endpoint);
  ses = new SESClient({ endpoint: cloud.ses.endpoint, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS });
});

afterAll(async () => {
  s3?.destroy();
  ses?.destroy();
  await cloud?.stop();
});

/** Submits `raw` over SMTP and returns the SES message id from the 250 reply. */
async function submit(raw: Buffer, envelope: { from: string; to: string[] }): Promise<string> {
  const transport = nodemailer.createTransport({ host: LOOPBACK, port: cloud.smtpPort, secure: false, ignoreTLS: true });
  try {
    const info = await transport.sendMail({ envelope, raw });
    const id = /^250 Ok ([a-z0-9]{40})$/.exec(info.response)?.[1];
    if (!id) throw new Error(`unexpected SMTP reply: ${info.response}`);
    return id;
  } finally {
    transport.close();
  }
}

async function stored(messageId: string): Promise<string> {
  const object = await s3.send(new GetObjectCommand({ Bucket: cloud.bucket, Key: `${cloud.prefix}${messageId}` }));
  return object.Body!.transformToString();
}

describe('the SMTP listener playing SES inbound', () => {
  it('stores the message under inbound/<id>, then invokes the handler with the SES event', async () => {
    const id = await submit(example('answered-inquiry.eml'), {
      from: 'priya.raman@tallyhq.io',
      to: ['developers@example.com', 'help@example.com'],
    });
    const processed = await cloud.processed(id);

    expect(processed.error).toBeUndefined();
    expect(processed.result).toMatchObject({ sesMessageId: id, rule: 'no-match' });
    const { mail, receipt } = processed.event.Records[0].ses;
    expect(mail.messageId).toBe(id);
    expect(mail.source).toBe('priya.raman@tallyhq.io');
    expect(receipt.recipients).toEqual(['developers@example.com', 'help@example.com']);
    expect(mail.commonHeaders.subject).toBe('Listing our app in the integration network - any fees?');
    expect(
      [receipt.spamVerdict, receipt.virusVerdict, receipt.spfVerdict, receipt.dkimVerdict, receipt.dmarcVerdict].map((v) => v.status),
    ).toEqual(['PASS', 'PASS', 'PASS', 'PASS', 'PASS']);

    // As SES stores it: its own fields on top, the sender's Return-Path replaced by the envelope's.
    const raw = await stored(id);
    expect(raw).toContain('Subject: Listing our app in the integration network - any fees?');
    expect(raw.startsWith('Return-Path: <priya.raman@tallyhq.io>\r\nReceived: from localhost')).toBe(true);
    expect(raw.match(/^Return-Path:/gm)).toHaveLength(1);
    expect(raw).toMatch(/^X-SES-Spam-Verdict: PASS\r$/m);
    expect(mail.headers.map((h) => h.name).slice(0, 3)).toEqual(['Return-Path', 'Received', 'X-SES-Spam-Verdict']);
  });

  it('takes the verdicts from the headers SES would have written, so examples can be spam or spoofed', async () => {
    const id = await submit(example('flagged-as-spam.eml'), { from: 'offers@partner-growth-hub.biz', to: ['developers@example.com'] });
    const { receipt } = (await cloud.processed(id)).event.Records[0].ses;
    expect(receipt.spamVerdict.status).toBe('FAIL');
    expect(receipt.virusVerdict.status).toBe('PASS');
    expect(receipt.spfVerdict.status).toBe('FAIL');
  });

  it("gives the handler the DMARC policy SES's Authentication-Results name beside a failure, as SES's event would", async () => {
    const field = 'Authentication-Results: amazonses.com; spf=fail; dkim=none; dmarc=fail (p=none; dis=none) header.from=tallyhq.io;';
    const raw = Buffer.concat([Buffer.from(`${field}\r\n`), example('answered-inquiry.eml')]);
    const processed = await cloud.processed(await submit(raw, { from: 'priya.raman@tallyhq.io', to: ['developers@example.com'] }));
    const { receipt } = processed.event.Records[0].ses;
    expect(receipt.dmarcVerdict.status).toBe('FAIL');
    expect(receipt.dmarcPolicy).toBe('none');
    // Under `none` a failure goes on (to a person: nothing vouches for its From) rather than being dropped.
    expect(processed.result).toMatchObject({ sesMessageId: expect.any(String) });
    expect(processed.result).not.toMatchObject({ rule: 'dmarc-fail' });
  });

  it('passes the null reverse-path on as an empty source', async () => {
    const id = await submit(example('out-of-office.eml'), { from: '', to: ['developers@example.com'] });
    const processed = await cloud.processed(id);
    expect(processed.event.Records[0].ses.mail.source).toBe('');
    expect((await stored(id)).startsWith('Return-Path: <>\r\n')).toBe(true);
  });

  it('records what the handler sent through the SES stand-in, byte for byte, and shows it in the viewer', async () => {
    const id = await submit(example('escalated-inquiry.eml'), { from: 'marcus.oyelaran@brightledger.com', to: ['developers@example.com'] });
    const processed = await cloud.processed(id);
    expect(processed.sent).toHaveLength(1);
    expect(processed.sent[0].raw.toString()).toContain(`Subject: seen ${id}`);
    expect(processed.sent[0].messageId).toMatch(/^ses-\d+$/);
    const viewer = await cloud.ses.emails();
    expect(viewer.map((e) => e.subject)).toContain(`seen ${id}`);
  });

  it('invokes the handler again with the same event on request (as a retried delivery would)', async () => {
    const id = await submit(example('answered-inquiry.eml'), { from: 'priya.raman@tallyhq.io', to: ['developers@example.com'] });
    const first = await cloud.processed(id);
    const again = await cloud.invoke(first.event);
    expect(again.event).toBe(first.event);
    expect(seen.filter((event) => event.Records[0].ses.mail.messageId === id)).toHaveLength(2);
  });

  it('reports a handler that throws, as Lambda would before retrying', async () => {
    const raw = Buffer.from('From: a@example.org\r\nTo: developers@example.com\r\nSubject: make the handler fail\r\n\r\nHello\r\n');
    const processed = await cloud.processed(await submit(raw, { from: 'a@example.org', to: ['developers@example.com'] }));
    expect(processed.error?.message).toBe('S3 unreachable (simulated)');
    expect(describeProcessed(processed)).toMatch(
      /a@example\.org "make the handler fail" {2}FAILED: S3 unreachable \(simulated\) \(Lambda would retry the event/,
    );
  });

  it('refuses recipients that the SES receipt rule would not take, with a hint (550)', async () => {
    const error = await submit(example('answered-inquiry.eml'), { from: 'priya.raman@tallyhq.io', to: ['sales@other.example'] }).catch(
      (e: unknown) => e,
    );
    expect((error as { responseCode?: number }).responseCode).toBe(550);
    expect((error as Error).message).toContain(
      '<sales@other.example>: mailbox unavailable. SES receives only for developers@example.com, help@example.com',
    );
  });

  it('gives no id for a message it never accepted', async () => {
    await expect(cloud.processed('nosuchmessage')).rejects.toThrow(/accepted no message as nosuchmessage/);
  });
});

describe('ports', () => {
  it('names the port that is taken', async () => {
    const error = await startSes({ port: cloud.smtpPort }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PortInUseError);
    expect((error as PortInUseError).port).toBe(cloud.smtpPort);
    expect((error as Error).message).toMatch(new RegExp(`${LOOPBACK}:${cloud.smtpPort}: the port is in use`));
  });

  // Before, a second npm start beside a running one said only "Port 2582 is in use, so the dynalite (DynamoDB) cannot
  // start ... e.g. FAQMAIL_LOCAL_DYNAMODB_PORT=2682 npm start"; moved, it stopped on the next port the same way.
  it('says the local cloud is most likely running already when every one of its ports is taken', async () => {
    const ports = { smtp: cloud.smtpPort, ses: cloud.ses.port, s3: cloud.s3.port, dynamodb: cloud.dynamodb.port };
    expect(await portsTaken(ports)).toEqual(['smtp', 'ses', 's3', 'dynamodb']);
    expect(await portsTaken({ ...ports, smtp: await closedPort() })).toEqual(['ses', 's3', 'dynamodb']);
    const defaults = { smtp: 2525, ses: 2580, s3: 2581, dynamodb: 2582 };
    const error = new PortInUseError('dynalite (DynamoDB)', 2582);
    expect(portProblem(error, defaults, ['smtp', 'ses', 's3', 'dynamodb'])).toBe(
      "Ports 2525, 2580, 2581 and 2582 are all in use: faqmail's local cloud is most likely running already (npm start in " +
        'another terminal). Use that one, or stop it with Ctrl-C there; to run this one beside it, give each part a port of ' +
        'its own, e.g. FAQMAIL_LOCAL_SMTP_PORT=2625 FAQMAIL_LOCAL_SES_PORT=2680 FAQMAIL_LOCAL_S3_PORT=2681 FAQMAIL_LOCAL_DYNAMODB_PORT=2682 npm start',
    );
    expect(portProblem(error, defaults, ['dynamodb'])).toBe(
      'Port 2582 is in use, so the dynalite (DynamoDB) cannot start. Stop whatever listens there, or pick another port, ' +
        'e.g. FAQMAIL_LOCAL_DYNAMODB_PORT=2682 npm start',
    );
  });

  it('names a port this user may not listen on (below 1024, unprivileged) apart from one that is taken, with the setting to change', async () => {
    const server = new EventEmitter() as unknown as NetServer;
    const pending = listening(server, 25, 'SMTP listener').catch((e: unknown) => e);
    server.emit('error', Object.assign(new Error('listen EACCES: permission denied 127.0.0.1:25'), { code: 'EACCES' }));
    const error = await pending;
    expect(error).toBeInstanceOf(PortDeniedError);
    expect(portProblem(error as PortDeniedError, { smtp: 25, ses: 2580, s3: 2581, dynamodb: 2582 })).toBe(
      'Port 25 needs privileges this user lacks (ports below 1024 do), so the SMTP listener cannot start: ' +
        'pick a port from 1024 up, e.g. FAQMAIL_LOCAL_SMTP_PORT=2525 npm start',
    );
  });

  it('stops what it started when a later part cannot start', async () => {
    const error = await startLocalCloud({
      handler: () => Promise.reject(new Error('never invoked')),
      ports: { smtp: cloud.ses.port },
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PortInUseError);
    expect((error as PortInUseError).service).toBe('SMTP listener');
  });

  // Before: npm start made its outbox first and left it behind, empty, in the temporary folder on every failed start.
  it("removes npm start's new outbox when the cloud cannot start, and keeps it when it does", async () => {
    const held = createServer();
    await new Promise<void>((resolve) => held.listen(0, LOOPBACK, resolve));
    const heldPort = (held.address() as AddressInfo).port;
    const parent = tempDir('faqmail-start-');
    const handler = () => Promise.reject(new Error('never invoked'));
    try {
      const error = await startWithOutbox({ handler, ports: { smtp: heldPort } }, parent).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(PortInUseError);
      expect((error as PortInUseError).port).toBe(heldPort);
      expect(readdirSync(parent)).toEqual([]);
    } finally {
      await new Promise((resolve) => held.close(resolve));
    }
    const started = await startWithOutbox({ handler }, parent);
    try {
      expect(readdirSync(parent)).toEqual([path.basename(started.outbox)]);
      expect(started.cloud.ses.outbox).toBe(started.outbox);
    } finally {
      await started.cloud.stop();
    }
  });
});

const bundled = bundledCommands(['local/start.ts', 'local/send.ts']);

describe('npm start', () => {
  /**
   * Runs local/start.ts; `until` resolves once stdout matches, with what was printed so far. It serves the sample FAQ's
   * fixed copy: the examples sent here are answered by the sample, whatever FAQ content/ holds.
   */
  function start(env: Record<string, string>) {
    // Its outbox, which it keeps when it stops (the mail is the user's), goes in a folder the suite removes.
    const child = spawn(process.execPath, [bundled('local/start.ts')], {
      cwd: ROOT,
      env: {
        ...process.env,
        POWERTOOLS_LOG_LEVEL: 'SILENT',
        TMPDIR: tempDir('faqmail-start-'),
        FAQMAIL_CONTENT_DIR: SAMPLE_FAQ_DIR,
        ...env,
      },
    });
    let stdout = '';
    let stderr = '';
    const waiting: Array<{ pattern: RegExp; resolve: (out: string) => void }> = [];
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      for (const wait of waiting.filter((w) => w.pattern.test(stdout))) {
        waiting.splice(waiting.indexOf(wait), 1);
        wait.resolve(stdout);
      }
    });
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const exit = new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) =>
      child.on('close', (code) => resolve({ code, stdout, stderr })),
    );
    const until = (pattern: RegExp) =>
      Promise.race([
        new Promise<string>((resolve) => (pattern.test(stdout) ? resolve(stdout) : waiting.push({ pattern, resolve }))),
        exit.then(({ code }) => Promise.reject(new Error(`start.ts exited (${code}) before printing ${pattern}:\n${stdout}\n${stderr}`))),
      ]);
    return { child, until, exit };
  }

  const freePorts = {
    FAQMAIL_LOCAL_SMTP_PORT: '0',
    FAQMAIL_LOCAL_SES_PORT: '0',
    FAQMAIL_LOCAL_S3_PORT: '0',
    FAQMAIL_LOCAL_DYNAMODB_PORT: '0',
  };

  it('prints where to look, logs each decision, and stops cleanly on Ctrl-C', async () => {
    const run = start(freePorts);
    try {
      const banner = await run.until(/Ctrl-C stops it[\s\S]*decides it\.\n/);
      expect(banner).toMatch(/Viewer\s+http:\/\/127\.0\.0\.1:\d+\/ {2}\(SES viewer/);
      expect(banner).toMatch(/Mail out\s+\S*faqmail-outbox-\S+ {2}\(every mail faqmail sends, byte for byte/);
      expect(banner).toContain('npm run send -- examples/answered-inquiry.eml');
      const smtpPort = Number(/Mail in\s+smtp:\/\/127\.0\.0\.1:(\d+)/.exec(banner)![1]);

      const transport = nodemailer.createTransport({ host: LOOPBACK, port: smtpPort, secure: false, ignoreTLS: true });
      await transport.sendMail({ envelope: { from: '', to: ['developers@example.com'] }, raw: example('out-of-office.eml') });
      transport.close();
      await run.until(/Hannah Becker .*→ ignore \(auto-submitted\) {2}nothing sent\n/);

      run.child.kill('SIGINT');
      const { code, stdout } = await run.exit;
      expect(stdout).toMatch(/Stopping\.\.\.\nStopped\. The mail it sent stays in \S+\n$/);
      expect(code).toBe(0);
    } finally {
      // Stopped above when all goes well; a failure before must not leave it running, its ports held, past the suite.
      run.child.kill('SIGINT');
      await run.exit;
    }
  });

  // Before, it printed `npm run send -- …` alone: on ports other than the defaults (picked freely, or moved as it
  // advises when one is in use), that sent to 2525, where nothing listened or another server took the mail.
  it('prints commands that reach it from another terminal as written, on ports other than the defaults', async () => {
    const run = start(freePorts);
    const banner = await run.until(/Ctrl-C stops it[\s\S]*decides it\.\n/);
    try {
      const commands = /Send the examples from another terminal[^\n]*\n((?: {2}\S.*\n)+)/.exec(banner)![1].split('\n');
      const send = commands.find((line) => line.includes('npm run send -- examples/answered-inquiry.eml'))!;
      const script = commands
        .slice(0, commands.indexOf(send) + 1)
        .join('\n')
        .replace('npm run send --', `"${process.execPath}" "${bundled('local/send.ts')}"`);
      // Another terminal: none of this one's FAQMAIL_LOCAL_* variables.
      const otherTerminal = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('FAQMAIL_LOCAL_')));
      const sent = await promisify(execFile)('sh', ['-c', script], { cwd: ROOT, env: otherTerminal });
      expect(sent.stdout).toMatch(/^examples\/answered-inquiry\.eml: sent /);
      await run.until(/Priya Raman .*→ answer \(matched\)/);
    } finally {
      run.child.kill('SIGINT');
      await run.exit;
    }
  });

  // Before, a team that started it with its own settings was told to send the examples as above: they are written
  // to developers@example.com, which its inbox no longer was (550), and the other terminal's send --verdict, digest
  // and export-labels read the defaults (staff@example.com), so send --verdict found no staff mail.
  it("prints commands that give another terminal this cloud's settings and reach its inbox", async () => {
    const settings = {
      FAQMAIL_INBOX_ADDRESS: 'developers@dev.acme.io',
      FAQMAIL_INBOX_NAME: "Acme's Developer Relations",
      FAQMAIL_STAFF_ADDRESSES: 'alice@acme.io,bob@acme.io',
      FAQMAIL_MODE: 'shadow',
      FAQMAIL_ESCALATION_TAG: '[acme]',
    };
    const run = start({ ...freePorts, ...settings });
    const banner = await run.until(/Ctrl-C stops it[\s\S]*decides it\.\n/);
    try {
      const commands = /Send the examples from another terminal[^\n]*\n((?: {2}\S.*\n)+)/.exec(banner)![1].split('\n');
      const send = commands.find((line) => line.includes('examples/answered-inquiry.eml'))!;
      const script = [...commands.slice(0, commands.indexOf(send) + 1), 'npm run send -- --verdict good']
        .join('\n')
        .replace(/npm run send --/g, `"${process.execPath}" "${bundled('local/send.ts')}"`);
      const otherTerminal = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('FAQMAIL_')));
      const sent = await promisify(execFile)('sh', ['-ec', script], { cwd: ROOT, env: otherTerminal });
      expect(sent.stdout).toMatch(/^examples\/answered-inquiry\.eml: sent .* to <developers@dev\.acme\.io> /);
      expect(sent.stdout).toMatch(/^verdict "good": sent "Re: \[acme\] Would answer: .* from <alice@acme\.io>/m);
      await run.until(/alice@acme\.io .*→ ignore \(staff-verdict\)/);
    } finally {
      run.child.kill('SIGINT');
      await run.exit;
    }
  });

  it.each([
    [{ FAQMAIL_ANSWER_TRESHOLD: '0.3' }, 'faqmail: Unknown setting FAQMAIL_ANSWER_TRESHOLD: did you mean FAQMAIL_ANSWER_THRESHOLD?'],
    [
      { FAQMAIL_ANSWER_THRESHOLD: 'abc' },
      'faqmail: Invalid setting FAQMAIL_ANSWER_THRESHOLD: "abc" must be a number greater than 0 and less than 1',
    ],
    [{ FAQMAIL_LOCAL_SMTP_PROT: '2525' }, 'faqmail: Unknown setting FAQMAIL_LOCAL_SMTP_PROT: did you mean FAQMAIL_LOCAL_SMTP_PORT?'],
  ])('stops on a bad or misspelt setting with one line, before starting anything (%o)', async (env, line) => {
    const { code, stdout, stderr } = await start({ ...freePorts, ...env }).exit;
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr.split('\n').filter((l) => l.startsWith('faqmail:'))).toEqual([`${line} (docs/settings.md lists every setting)`]);
    expect(stderr).not.toMatch(/\n\s+at /);
  });

  it('names the port in use and the variable that moves it', async () => {
    const { code, stderr } = await start({ ...freePorts, FAQMAIL_LOCAL_SMTP_PORT: String(cloud.smtpPort) }).exit;
    expect(code).toBe(1);
    // One line starting faqmail:, as every command reports a mistake (docs/operate.md).
    expect(stderr).toMatch(new RegExp(`^faqmail: Port ${cloud.smtpPort} is in use, so the SMTP listener cannot start\\.`, 'm'));
    expect(stderr).toContain(`FAQMAIL_LOCAL_SMTP_PORT=${cloud.smtpPort + 100} npm start`);
  });

  it('reads its ports from the environment, with fixed defaults', () => {
    expect(portsFrom({})).toEqual({ smtp: 2525, ses: 2580, s3: 2581, dynamodb: 2582 });
    expect(portFrom({ FAQMAIL_LOCAL_SES_PORT: ' 9000 ' }, 'ses')).toBe(9000);
    expect(() => portFrom({ FAQMAIL_LOCAL_SMTP_PORT: 'smtp' }, 'smtp')).toThrow('FAQMAIL_LOCAL_SMTP_PORT="smtp" is not a port number');
    expect(() => portFrom({ FAQMAIL_LOCAL_SMTP_PORT: '70000' }, 'smtp')).toThrow(/not a port number/);
  });
});

describe('npm run send', () => {
  const send = (args: string[], port: number) =>
    promisify(execFile)(process.execPath, [bundled('local/send.ts'), ...args], {
      cwd: ROOT,
      env: { ...process.env, FAQMAIL_LOCAL_SMTP_PORT: String(port) },
    }).then(
      ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
      (error: { code: number; stdout: string; stderr: string }) => ({ code: error.code, stdout: error.stdout, stderr: error.stderr }),
    );

  it('delivers each file with the envelope taken from its headers, or --to, and reports files it cannot send', async () => {
    const result = await send(
      ['--to', 'staff-test@example.com', 'no-such-file.eml', 'examples/escalated-inquiry.eml', 'examples/out-of-office.eml'],
      cloud.smtpPort,
    );
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('no-such-file.eml: cannot read it (no such file)');
    const ids = [...result.stdout.matchAll(/250 Ok ([a-z0-9]{40})/g)].map((m) => m[1]);
    expect(ids).toHaveLength(2);
    const [inquiry, ooo] = await Promise.all(ids.map((id) => cloud.processed(id)));
    expect(inquiry.event.Records[0].ses.mail.source).toBe('marcus.oyelaran@brightledger.com');
    expect(inquiry.event.Records[0].ses.receipt.recipients).toEqual(['staff-test@example.com']);
    expect(ooo.event.Records[0].ses.mail.source).toBe('');
    expect(result.stdout).toContain(
      'examples/out-of-office.eml: sent "Automatic reply: Your OIN submission" from <> to <staff-test@example.com>',
    );
  });

  // Before: the mbox went as one message, the second (below its envelope line) taken for the first's body.
  it('delivers each message of an mbox in turn, as npm run respond reads one', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'faqmail-send-'));
    const mbox = path.join(dir, 'folder.mbox');
    const envelopeLine = (sender: string) => `From ${sender} Tue Oct 14 09:12:44 2025\n`;
    writeFileSync(
      mbox,
      Buffer.concat([
        Buffer.from(envelopeLine('marcus.oyelaran@brightledger.com')),
        example('escalated-inquiry.eml'),
        Buffer.from(`\n${envelopeLine('MAILER-DAEMON')}`),
        example('out-of-office.eml'),
      ]),
    );
    try {
      const result = await send(['--to', 'staff-test@example.com', mbox], cloud.smtpPort);
      expect(result).toMatchObject({ code: 0, stderr: '' });
      const ids = [...result.stdout.matchAll(/250 Ok ([a-z0-9]{40})/g)].map((m) => m[1]);
      expect(ids).toHaveLength(2);
      const [inquiry, ooo] = await Promise.all(ids.map((id) => cloud.processed(id)));
      expect(inquiry.event.Records[0].ses.mail.source).toBe('marcus.oyelaran@brightledger.com');
      expect(ooo.event.Records[0].ses.mail.source).toBe('');
      expect(result.stdout).toContain(`${mbox}#2: sent "Automatic reply: Your OIN submission" from <>`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('says in one line when --to is no address, or when the listener refuses a recipient', async () => {
    const bad = await send(['--to', 'not-an-address', 'examples/answered-inquiry.eml'], cloud.smtpPort);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('faqmail: --to "not-an-address" is not an email address');
    expect(bad.stderr).not.toMatch(/\n\s+at /);
    const refused = await send(['--to', 'sales@other.example', 'examples/answered-inquiry.eml'], cloud.smtpPort);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(
      /^faqmail: examples\/answered-inquiry\.eml: refused: 550 <sales@other\.example>: mailbox unavailable\. SES receives only for /,
    );
    expect(refused.stderr).not.toMatch(/\n\s+at /);
  });

  // Before, a file written to another inbox (the examples, to a cloud started with a team's own) was refused with
  // no word of the option that delivers it.
  it('says, when the listener refuses the recipients a file names, that --to delivers it to the inbox', async () => {
    const file = path.join(tempDir('faqmail-send-'), 'elsewhere.eml');
    writeFileSync(
      file,
      example('answered-inquiry.eml').toString('latin1').replace('To: developers@example.com', 'To: sales@other.example'),
    );
    const refused = await send([file], cloud.smtpPort);
    expect(refused.code).toBe(1);
    expect(refused.stderr.trimEnd().split('\n')).toEqual([
      expect.stringMatching(
        /: refused: 550 <sales@other\.example>: mailbox unavailable\. .*; npm run send -- --to ADDRESS FILE delivers it to one of those$/,
      ),
    ]);
  });

  it('says to start the local cloud when nothing listens', async () => {
    const result = await send(['examples/answered-inquiry.eml'], await closedPort());
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/start the local cloud with `npm start`/);
  });
});
