/**
 * `npm run transcript`: runs the local cloud in this process, sends it every example, and
 * writes docs/local-run.md: the log `npm start` prints, then the reply and the escalation
 * as they were sent (from the raw outbox), so a reader sees them before installing anything.
 * Ports are picked freely and the outbox is a temporary folder, removed at the end.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { simpleParser } from 'mailparser';
import nodemailer from 'nodemailer';
import { startLocalCloud } from './cloud';
import { describeProcessed } from './describe';
import { LOOPBACK } from './stand-ins';
import { runCli, UsageError } from '../tools/cli/run';
import { settingVariables } from '../lambda/config';

const ROOT = path.resolve(__dirname, '..');
const EXAMPLES = path.join(ROOT, 'examples');
const OUT = path.join(ROOT, 'docs/local-run.md');

/**
 * Times, temporary paths and the ids the local SES makes up change on every run; the
 * transcript shows stable placeholders, an id the same one wherever it appears (the log line,
 * the outbox file), so that rerunning it changes the page only where faqmail's work changed.
 */
function stabilizer(outbox: string): (line: string) => string {
  const ids = new Map<string, string>();
  const placeholder = (id: string) => {
    if (!ids.has(id)) ids.set(id, `ses-${String(ids.size + 1).padStart(9, '0')}`);
    return ids.get(id)!;
  };
  return (line) =>
    line
      .replace(/^\d\d:\d\d:\d\d/, 'hh:mm:ss')
      .split(outbox)
      .join('/tmp/faqmail-outbox-XXXXXX')
      .replace(/\bses-\d+\b/g, placeholder);
}

const HELP = `
usage: npm run transcript

Runs the local cloud in this process on free ports, with the default settings, sends it every
examples/*.eml, and rewrites docs/local-run.md with the log and two of the mails it sent. Run it
after changing the examples, the FAQ or the composers.

  --help      this text`;

/** The page: every example sent to a local cloud started here, its log, and two of the mails it sent. */
export async function transcriptPage(): Promise<string> {
  const outbox = await mkdtemp(path.join(os.tmpdir(), 'faqmail-outbox-'));
  const cloud = await startLocalCloud({ outbox });
  const log: string[] = [];
  const stable = stabilizer(outbox);
  const sent: Array<{ kind: string; raw: Buffer }> = [];
  // The id the SMTP listener gives each message, in the order sent: the staff mails' verdict links carry it.
  const received: string[] = [];
  try {
    const transport = nodemailer.createTransport({ host: LOOPBACK, port: cloud.smtpPort, secure: false, ignoreTLS: true });
    for (const name of readdirSync(EXAMPLES)
      .filter((file) => file.endsWith('.eml'))
      .sort()) {
      const raw = readFileSync(path.join(EXAMPLES, name));
      const parsed = await simpleParser(raw);
      const from =
        parsed.headers.get('return-path') === undefined
          ? (parsed.from?.value[0]?.address ?? '')
          : ((parsed.headers.get('return-path') as { value: Array<{ address?: string }> }).value[0]?.address ?? '');
      const info = await transport.sendMail({ envelope: { from, to: ['developers@example.com'] }, raw });
      received.push(/^250 Ok (\S+)$/.exec(info.response)![1]);
      const processed = await cloud.processed(received[received.length - 1]);
      log.push(`$ npm run send -- examples/${name}`, ...describeProcessed(processed).split('\n').map(stable));
      for (const mail of processed.sent)
        sent.push({ kind: processed.result?.sent.find((s) => s.sesMessageId === mail.messageId)?.kind ?? 'mail', raw: mail.raw });
    }
    transport.close();
  } finally {
    await cloud.stop();
    await rm(outbox, { recursive: true, force: true });
  }
  const shown = async (kind: string, subject: string): Promise<string> => {
    const mail = sent.find(
      (m) =>
        m.kind === kind &&
        m.raw
          .toString('utf8')
          .replace(/\r?\n[ \t]+/g, ' ')
          .includes(subject),
    );
    if (!mail) return '(none sent)';
    const fields = mail.raw
      .toString('utf8')
      .split(/\r?\n\r?\n/)[0]
      .split(/\r?\n(?![ \t])/);
    const head = fields.filter((field) =>
      /^(From|To|Reply-To|Subject|In-Reply-To|References|Auto-Submitted|X-Faqmail-Answer):/i.test(field),
    );
    return [...head, '', ((await simpleParser(mail.raw)).text ?? '').trimEnd()].join('\n');
  };
  const doc = [
    '# A local run, captured',
    '',
    'What `npm start` logs while `npm run send -- examples/*.eml` delivers the examples, and two of the',
    'mails it sent, as written to its raw outbox (header fields that matter, then the text part).',
    'Made by `npm run transcript`; run it again after changing the examples, the FAQ or the composers.',
    '',
    '## The log',
    '',
    '```',
    ...log,
    '```',
    '',
    '## The answer to `examples/answered-inquiry.eml`',
    '',
    '```',
    await shown('reply', 'Subject: Re: Listing'),
    '```',
    '',
    '## The escalation of the follow-up (`examples/follow-up.eml`)',
    '',
    'Staff receive the original attached (not shown) and reply straight to the writer.',
    '',
    '```',
    await shown('escalation', 'Reply to our answer'),
    '```',
    '',
  ];
  // Made up anew on every run, like the SES ids: each its stable placeholder, numbered by the example it names.
  return received.reduce((page, id, i) => page.split(id).join(`inbound-${String(i + 1).padStart(9, '0')}`), doc.join('\n'));
}

async function main(): Promise<number> {
  const [unexpected] = process.argv.slice(2);
  if (unexpected !== undefined) throw new UsageError(`faqmail: unexpected argument ${unexpected} (npm run transcript -- --help)`);
  // The page shows what the shipped settings do; a setting left in the shell would change it (or fail it) unseen.
  const settings = settingVariables(process.env);
  if (settings.length > 0)
    throw new UsageError(
      `faqmail: npm run transcript records the default settings in docs/local-run.md: unset ${settings.join(', ')} first`,
    );
  process.env.POWERTOOLS_LOG_LEVEL = 'SILENT';
  writeFileSync(OUT, await transcriptPage());
  process.stdout.write(`Wrote ${path.relative(process.cwd(), OUT)}\n`);
  return 0;
}

if (require.main === module) runCli(main, HELP);
