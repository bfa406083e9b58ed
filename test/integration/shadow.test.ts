/**
 * Shadow mode and staff verdicts end to end on the local cloud: the real handler with
 * FAQMAIL_MODE=shadow, mail over SMTP, staff replying through the SMTP listener with
 * `npm run send -- --verdict`, and the verdicts read back from the decision records.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { simpleParser } from 'mailparser';
import nodemailer from 'nodemailer';
import { blocksToText } from '../../lambda/compose/blocks';
import { NOTHING_SENT } from '../../lambda/compose/shadow-proposal';
import { digestBlocks } from '../../lambda/digest/compose';
import { DecisionStore } from '../../lambda/state/decision-store';
import { startLocalCloud, type LocalCloud, type Processed } from '../../local/cloud';
import { localDigest } from '../../local/local-digest';
import { LOCAL_CREDENTIALS, LOCAL_REGION, localDocuments, LOOPBACK } from '../../local/stand-ins';
import { composeVerdictReply } from '../../local/verdict-reply';
import { bundledCommands } from '../support/bundled-commands';
import { SAMPLE_FAQ_DIR } from '../support/sample-faq';

const run = promisify(execFile);
// Some tests start the CLI's commands as processes (export-labels, eval, send), beside cli.test.ts's own: a guard
// against a hang, as there.
jest.setTimeout(120_000);
const ROOT = path.resolve(__dirname, '../..');
const bundled = bundledCommands(['local/send.ts', 'tools/cli/export-labels.ts', 'tools/cli/eval.ts']);
const example = (name: string) => readFileSync(path.join(ROOT, 'examples', name));

let cloud: LocalCloud;
let decisions: DecisionStore;
let dynamodb: DynamoDBClient;

beforeAll(async () => {
  process.env.POWERTOOLS_LOG_LEVEL = 'SILENT';
  process.env.FAQMAIL_MODE = 'shadow';
  // The handler and the digest read the sample FAQ's fixed copy: the proposals checked here are its answers.
  process.env.FAQMAIL_CONTENT_DIR = SAMPLE_FAQ_DIR;
  cloud = await startLocalCloud();
  dynamodb = new DynamoDBClient({ endpoint: cloud.dynamodb.endpoint, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS });
  decisions = new DecisionStore({ documents: localDocuments(cloud.dynamodb.endpoint), table: cloud.table, retentionDays: 90 });
});

afterAll(async () => {
  dynamodb?.destroy();
  await cloud?.stop();
  delete process.env.FAQMAIL_MODE;
});

async function deliver(raw: Buffer, envelope: { from: string; to: string[] }): Promise<Processed> {
  const transport = nodemailer.createTransport({ host: LOOPBACK, port: cloud.smtpPort, secure: false, ignoreTLS: true });
  try {
    const info = await transport.sendMail({ envelope, raw });
    const processed = await cloud.processed(/^250 Ok (\S+)$/.exec(info.response)![1]);
    if (processed.error) throw processed.error;
    return processed;
  } finally {
    transport.close();
  }
}

/** The environment the CLIs find this local cloud with. */
function cliEnv(): NodeJS.ProcessEnv {
  return {
    ...process.env,
    FAQMAIL_LOCAL_SMTP_PORT: String(cloud.smtpPort),
    FAQMAIL_LOCAL_SES_PORT: String(cloud.ses.port),
    FAQMAIL_LOCAL_S3_PORT: String(cloud.s3.port),
    FAQMAIL_LOCAL_DYNAMODB_PORT: String(cloud.dynamodb.port),
  };
}

/** `npm run send -- ARGS` against this local cloud; resolves with what the listener did with the one message sent. */
async function send(args: string[]): Promise<{ stdout: string; processed: Processed }> {
  const { stdout } = await run(process.execPath, [bundled('local/send.ts'), ...args], { cwd: ROOT, env: cliEnv() });
  const id = /250 Ok ([a-z0-9]{40})/.exec(stdout)?.[1];
  if (!id) throw new Error(`npm run send sent nothing: ${stdout}`);
  return { stdout, processed: await cloud.processed(id) };
}

describe('shadow mode on the local cloud', () => {
  let proposal: Processed;

  beforeAll(async () => {
    proposal = await deliver(example('answered-inquiry.eml'), { from: 'priya.raman@tallyhq.io', to: ['developers@example.com'] });
  });

  it('sends nothing to the writer and the reply it would have sent to staff', async () => {
    expect(proposal.result).toMatchObject({ decision: 'answer', rule: 'matched' });
    expect(proposal.sent.map((mail) => mail.destinations)).toEqual([['staff@example.com']]);
    const staffMail = await simpleParser(proposal.sent[0].raw);
    expect(staffMail.text).toContain(NOTHING_SENT);
    expect(staffMail.text).toMatch(/Entries, best first:\s+- .+ \([a-z0-9-]+, score \d\.\d\d\)/);
    expect(staffMail.text).toContain('Hello Priya,');
    expect(staffMail.replyTo?.text).toContain('priya.raman@tallyhq.io');
    const record = await decisions.get(proposal.messageId);
    expect(record).toMatchObject({ kind: 'answer', heldBack: true, sent: [expect.objectContaining({ entry: expect.any(String) })] });
    expect(record?.replyMessageId).toBeUndefined();
  });

  it('records a verdict that staff send with npm run send, and answers it with nothing', async () => {
    const { stdout, processed } = await send(['--verdict', 'good', '--staff-mail', proposal.sent[0].messageId]);
    expect(stdout).toMatch(/verdict "good": sent "Re: \[faqmail\] Would answer: .*" from <staff@example.com> to <developers@example.com>/);
    expect(processed.result).toMatchObject({ decision: 'ignore', rule: 'staff-verdict', sent: [] });
    expect(processed.sent).toEqual([]);
    expect((await decisions.get(proposal.messageId))?.verdict).toEqual({ verdict: 'good', at: expect.any(String), by: expect.any(String) });
  });

  it('names a verdict the listener refuses (--to an address SES does not receive at) in one line, as it names a refused file', async () => {
    const refused = await run(process.execPath, [bundled('local/send.ts'), '--verdict', 'good', '--to', 'staff@example.com'], {
      cwd: ROOT,
      env: cliEnv(),
    }).then(
      () => undefined,
      (error: { code: number; stderr: string }) => error,
    );
    expect(refused?.code).toBe(1);
    expect(refused?.stderr).toMatch(
      /^faqmail: verdict "good": refused: 550 <staff@example\.com>: mailbox unavailable\. SES receives only for developers@example\.com/,
    );
    expect(refused?.stderr).not.toMatch(/\n\s+at /);
  });

  it('does not take a verdict-looking reply from anyone not on staff, nor one from staff that fails authentication', async () => {
    const staffMail = (await cloud.ses.emails()).find((email) => email.messageId === proposal.sent[0].messageId)!;
    const reply = (from: string, headers?: Record<string, string>) =>
      composeVerdictReply({ verdict: 'wrong', from, to: 'developers@example.com', staffMail, region: LOCAL_REGION, headers });

    const outsider = await deliver(await reply('priya.raman@tallyhq.io'), {
      from: 'priya.raman@tallyhq.io',
      to: ['developers@example.com'],
    });
    expect(outsider.result?.rule).not.toMatch(/^staff-/);
    expect(outsider.sent.flatMap((mail) => mail.destinations)).not.toContain('priya.raman@tallyhq.io');

    const forged = await deliver(
      await reply('staff@example.com', {
        'Authentication-Results': 'amazonses.com; spf=fail smtp.mailfrom=staff@example.com; dkim=none; dmarc=fail header.from=example.com',
      }),
      { from: 'staff@example.com', to: ['developers@example.com'] },
    );
    // Not taken, and recorded under a rule of its own, which the digest lists (below).
    expect(forged.result).toMatchObject({ decision: 'ignore', rule: 'staff-verdict-unauthenticated', sent: [] });

    expect((await decisions.get(proposal.messageId))?.verdict?.verdict).toBe('good');
  });

  it('lists a reply from staff to the inbox alone without a verdict as unreadable, and sends nothing', async () => {
    const staffMail = (await cloud.ses.emails()).find((email) => email.messageId === proposal.sent[0].messageId)!;
    const note = await composeVerdictReply({
      verdict: 'I have answered her myself.',
      from: 'staff@example.com',
      to: 'developers@example.com',
      staffMail,
      region: LOCAL_REGION,
    });
    const processed = await deliver(note, { from: 'staff@example.com', to: ['developers@example.com'] });
    // Only faqmail reads the inbox: a verdict was meant, and the digest lists it to be sent again. Before: a note, logged only.
    expect(processed.result).toMatchObject({ decision: 'ignore', rule: 'staff-verdict-unreadable', sent: [] });
    expect((await decisions.get(proposal.messageId))?.verdict?.verdict).toBe('good');
  });

  it('exports the verdicts as a labelled set that the eval CLI scores', async () => {
    const handOver = await deliver(example('escalated-inquiry.eml'), {
      from: 'marcus.oyelaran@brightledger.com',
      to: ['developers@example.com'],
    });
    expect(handOver.result?.decision).toBe('escalate');
    // Without --staff-mail the reply goes to the newest staff mail: this hand-over's.
    expect((await send(['--verdict', 'Good.'])).processed.result?.rule).toBe('staff-verdict');

    const dir = mkdtempSync(path.join(os.tmpdir(), 'faqmail-labels-'));
    try {
      const since = new Date(Date.now() - 3_600_000).toISOString();
      const exported = await run(process.execPath, [bundled('tools/cli/export-labels.ts'), '--local', '--since', since, '--out', dir], {
        cwd: ROOT,
        env: cliEnv(),
      });
      expect(exported.stdout).toMatch(/^2 labelled message\(s\) written to /);
      // Before: `npm run eval -- ../../tmp/faqmail-labels-…`, climbing out of the project to where the user had named it.
      expect(exported.stdout).toContain(`(score them: npm run eval -- ${dir})`);
      // A folder inside the project is named from its root (test/shown-path.test.ts): not made here, where the lint
      // that npm test runs beside the tests walks the project's folders.
      const labels = readFileSync(path.join(dir, 'labels.jsonl'), 'utf8')
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line));
      const record = await decisions.get(proposal.messageId);
      expect(labels).toEqual(
        expect.arrayContaining([
          expect.objectContaining({
            file: `${proposal.messageId}.eml`,
            faq: record!.sent.map((s) => s.entry),
            escalate: false,
            reply: true,
            kind: 'verdict-good',
          }),
          expect.objectContaining({
            file: `${handOver.messageId}.eml`,
            faq: [],
            escalate: true,
            reply: true,
            kind: 'verdict-good-handover',
          }),
        ]),
      );
      expect(readFileSync(path.join(dir, `${proposal.messageId}.eml`), 'utf8')).toContain(
        'Subject: Listing our app in the integration network - any fees?',
      );

      const scored = await run(process.execPath, [bundled('tools/cli/eval.ts'), dir], { cwd: ROOT, env: cliEnv() });
      expect(scored.stdout).toContain('(2 messages)');
      expect(scored.stdout).toMatch(/\| overall \(every criterion\) \| 2 \| 2 \|/);

      // A period without verdicts is said to be one, not offered to npm run eval, which refuses an empty set.
      const none = await run(
        process.execPath,
        [
          bundled('tools/cli/export-labels.ts'),
          '--local',
          '--since',
          '2020-01-01',
          '--until',
          '2020-01-08',
          '--out',
          path.join(dir, 'none'),
        ],
        { cwd: ROOT, env: cliEnv() },
      );
      expect(none.stdout).toBe(
        'No verdict from 2020-01-01T00:00:00.000Z to 2020-01-08T00:00:00.000Z gave a label: nothing to score (give verdicts first: docs/operate-shadow.md)\n',
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  // Before, it offered `npm run eval -- /tmp/…/verdicts of Zoë's team`: pasted, the shell stopped at the quote (or read
  // three sets for one folder).
  it('offers an npm run eval command that runs as written, whatever the folder is called', async () => {
    const parent = mkdtempSync(path.join(os.tmpdir(), 'faqmail-labels-'));
    const dir = path.join(parent, "verdicts of Zoë's team");
    try {
      const since = new Date(Date.now() - 3_600_000).toISOString();
      const exported = await run(process.execPath, [bundled('tools/cli/export-labels.ts'), '--local', '--since', since, '--out', dir], {
        cwd: ROOT,
        env: cliEnv(),
      });
      const offered = /\(score them: npm run eval -- (.+)\)$/m.exec(exported.stdout)?.[1];
      expect(offered).toBeDefined();
      // As a shell reads the command: the words it makes of the folder are what eval.ts is given.
      const scored = await run('sh', ['-c', `"$0" "$1" ${offered}`, process.execPath, bundled('tools/cli/eval.ts')], {
        cwd: ROOT,
        env: cliEnv(),
      });
      expect(scored.stdout).toMatch(/^faqmail on .+\/verdicts of Zoë's team \(\d+ messages\)/);
    } finally {
      rmSync(parent, { recursive: true, force: true });
    }
  });

  it('reports the verdicts in the digest, with the switch-on bar', async () => {
    const sent = await localDigest({ endpoints: { dynamodb: cloud.dynamodb.endpoint, ses: cloud.ses.endpoint }, env: process.env });
    const text = blocksToText(digestBlocks(sent.digest));
    expect(text).toContain('Staff verdicts');
    // The verdicts and the note staff sent above are staff's mail, not writers': counted apart, as the handler names them.
    const { current } = sent.digest.volume;
    expect(current.fromStaff).toBeGreaterThanOrEqual(3);
    expect(current.ignoredByRule.map((r) => r.rule)).not.toEqual(expect.arrayContaining([expect.stringMatching(/^staff-/)]));
    expect(text).toMatch(/Precision: +100% \(1 of 1\); before: no verdicts/);
    // The staff-From verdict that failed authentication above: staff who sent it learn it counted nowhere, and what to check.
    expect(text).toMatch(/1 mail from a staff address looked like a verdict but failed authentication \(SES id [a-z0-9]+: /);
    expect(text).toMatch(/Hand-overs right: +100% \(1 of 1\)/);
    expect(text).toMatch(
      /Not measured enough yet: 100% of 1 judged answer right; the bar is 95% over at least 50 verdicts on answers \(49 more needed\)/,
    );
  });

  // Before: for a past --until, "All on record" and "Running release" read the records up to that date only, leaving
  // out every verdict on later mail, while the period's own figures counted the verdicts given since.
  it('reads "All on record" as the record stands when the digest is made, for a past period too, and says so', async () => {
    const endpoints = { dynamodb: cloud.dynamodb.endpoint, ses: cloud.ses.endpoint };
    const now = await localDigest({ endpoints, env: process.env });
    const day = 24 * 60 * 60 * 1000;
    const until = new Date(Date.now() - 7 * day);
    const past = await localDigest({ endpoints, env: process.env, since: new Date(until.getTime() - 7 * day), until });
    expect(past.digest.volume.current.received).toBe(0);
    expect(now.digest.verdicts.overall.precision.of).toBeGreaterThan(0);
    expect(past.digest.verdicts.overall).toEqual(now.digest.verdicts.overall);
    expect(past.digest.verdicts.running).toEqual(now.digest.verdicts.running);
    expect(blocksToText(digestBlocks(past.digest))).toMatch(
      /All on record: +precision 100% \(\d+ of \d+\), .*\(older records have expired\) up to when this digest was made \(\d{4}-\d\d-\d\d \d\d:\d\d UTC\)/,
    );
  });

  // The digest goes to staff too. Before, send --verdict replied to it: the handler took the reply as our own mail
  // (from-ourselves), recorded no verdict, and send said "sent" with exit 0.
  it('npm run send --verdict replies to the newest staff mail about a message, not to a digest sent after it', async () => {
    const digest = await localDigest({ endpoints: { dynamodb: cloud.dynamodb.endpoint, ses: cloud.ses.endpoint }, env: process.env });
    const { stdout, processed } = await send(['--verdict', 'good']);
    expect(stdout).toMatch(/^verdict "good": sent "Re: \[faqmail\] Needs a person: /);
    expect(processed.result?.rule).toBe('staff-verdict');

    const named = await run(process.execPath, [bundled('local/send.ts'), '--verdict', 'good', '--staff-mail', digest.sesMessageId], {
      cwd: ROOT,
      env: cliEnv(),
    }).then(
      () => undefined,
      (error: { code: number; stderr: string }) => error,
    );
    expect(named?.code).toBe(2);
    expect(named?.stderr).toBe(
      `faqmail: ${digest.sesMessageId} is no staff mail about a message (a digest, say): faqmail takes no verdict on it; ` +
        'give the id of a hand-over or proposal, as npm start logs it (escalation to ... <id@...>)\n',
    );
  });
});
