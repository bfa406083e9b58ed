/**
 * `npm run transcript`: runs the local cloud in this process, sends it every example, and
 * writes docs/local-run.md: the log `npm start` prints, then the reply and the escalation
 * as they were sent (from the raw outbox), so a reader sees them before installing anything.
 * Ports are picked freely and the outbox is a temporary folder, removed at the end. On a team's
 * own FAQ or settings it prints the transcript instead (`notThePage`).
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
import { runCli, unknownArgument, UsageError } from '../tools/cli/run';
import { CONTENT_DIR, contentDirFrom, settingVariables } from '../lambda/config';
import { shownPath } from '../lambda/shown-path';
import { SAMPLE_FAQ_DIR } from '../tools/eval/sample-faq';

const ROOT = path.resolve(__dirname, '..');
const EXAMPLES = path.join(ROOT, 'examples');
const OUT = path.join(ROOT, 'docs/local-run.md');
/** The FAQ the local cloud serves when FAQMAIL_CONTENT_DIR names none. */
const CONTENT = path.join(ROOT, 'content');

/** The FAQ files of a content folder (its `*.md`, hidden ones aside, as load-faq reads them), by name; none when it cannot be read. */
function markdownFiles(dir: string): Map<string, Buffer> {
  let names: string[];
  try {
    names = readdirSync(dir).filter((name) => name.endsWith('.md') && !name.startsWith('.'));
  } catch {
    return new Map();
  }
  return new Map(names.map((name) => [name, readFileSync(path.join(dir, name))]));
}

/**
 * Why a transcript made with `env` is not what docs/local-run.md documents (the shipped examples answered from the
 * sample FAQ as shipped, under the default settings), or undefined when it is. A team that replaced content/ with its
 * own FAQ, as docs/content.md tells it to, or set a setting, would have the project's page rewritten with its own
 * mail. The sample as shipped is its fixed copy (`shipped`, test/fixtures/sample-faq/content, which the project changes
 * beside content/): the FAQ served must have the same files, byte for byte. The examples are not compared: in the
 * project, a changed example is what the page is to show.
 */
export function notThePage(env: Readonly<Record<string, string | undefined>>, shipped: string = SAMPLE_FAQ_DIR): string | undefined {
  const settings = settingVariables(env).filter((name) => name !== CONTENT_DIR.env);
  if (settings.length > 0) return `it shows the default settings, and ${settings.join(', ')} ${settings.length > 1 ? 'are' : 'is'} set`;
  const content = contentDirFrom(env) ?? CONTENT;
  const [served, sample] = [markdownFiles(content), markdownFiles(shipped)];
  const same = (name: string) => {
    const [mine, theirs] = [served.get(name), sample.get(name)];
    return mine !== undefined && theirs !== undefined && mine.equals(theirs);
  };
  const differ = [...new Set([...served.keys(), ...sample.keys()])].filter((name) => !same(name)).sort();
  if (sample.size === 0 || differ.length > 0)
    return (
      `it shows the sample FAQ as shipped (${shownPath(shipped)}), and the FAQ served (${shownPath(content)}) is another` +
      (sample.size === 0 ? '' : ` (${differ.join(', ')} ${differ.length > 1 ? 'differ' : 'differs'})`)
    );
  return undefined;
}

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
usage: npm run transcript [-- --out FILE]

Runs the local cloud in this process on free ports, sends it every examples/*.eml, and rewrites
docs/local-run.md with the log and two of the mails it sent. Run it after changing the examples,
the FAQ or the composers. The page shows the sample FAQ as shipped under the default settings: with
a FAQ of your own in content/ (or FAQMAIL_CONTENT_DIR), or a FAQMAIL_* setting, the transcript is
printed instead, and the page left as it is.

  --out FILE  write the transcript to FILE, not to docs/local-run.md nor the screen
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

/** `--out FILE`, the only argument taken: the file to write the transcript to, if given. */
function outFile(args: readonly string[]): string | undefined {
  const [first, file, ...rest] = args;
  if (first === undefined) return undefined;
  const inline = first.startsWith('--out=') ? first.slice('--out='.length) : undefined;
  const unexpected = inline === undefined ? (first === '--out' ? rest[0] : first) : file;
  if (unexpected !== undefined) throw unknownArgument(unexpected, 'npm run transcript');
  const out = inline ?? file;
  // An --out that ends the line is a file forgotten, not a wish for the page.
  if (!out || out.startsWith('--')) throw new UsageError('faqmail: --out needs a file (npm run transcript -- --help)');
  return out;
}

async function main(): Promise<number> {
  const out = outFile(process.argv.slice(2));
  const why = notThePage(process.env);
  // Said before the run, which takes a while, so that nobody waits for the page to change.
  if (why !== undefined && out === undefined)
    process.stderr.write(`faqmail: docs/local-run.md is left as it is: ${why}. The transcript follows (--out FILE writes it to a file).\n`);
  process.env.POWERTOOLS_LOG_LEVEL = 'SILENT';
  const page = await transcriptPage();
  const file = out ?? (why === undefined ? OUT : undefined);
  if (file === undefined) process.stdout.write(page);
  else {
    writeFileSync(file, page);
    process.stdout.write(`Wrote ${shownPath(path.resolve(file))}\n`);
  }
  return 0;
}

if (require.main === module) runCli(main, HELP);
