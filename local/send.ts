/**
 * `npm run send -- [--to ADDRESS ...] FILE.eml ...`: delivers each message to the local
 * cloud's SMTP listener, as a mail server on the internet would deliver it to SES. The
 * envelope sender is the message's Return-Path (`<>` stays the null sender), else its From;
 * the recipients are `--to`, else the message's To and Cc.
 */
import nodemailer from 'nodemailer';
import { readInput, runCli, UsageError } from '../lambda/cli/run';
import { parseMessage } from '../lambda/mail/parse';
import { oneLine } from '../lambda/one-line';
import { PortSettingError, portFrom, PORTS } from './ports';
import { LOOPBACK } from './stand-ins';

const USAGE = 'usage: npm run send -- [--to ADDRESS ...] FILE.eml ...';

const HELP = `
${USAGE}

Delivers each message to the local cloud (npm start) over SMTP, as a mail server would
deliver it to SES: the envelope sender is its Return-Path (<> stays the null sender), else
its From; the recipients are its To and Cc, or --to.

  --to ADDRESS   deliver to ADDRESS instead (repeat, or comma-separate, for several)
  --help         this text`;

/** A plain address check, so that a typo fails here in one line rather than in SMTP. */
const ADDRESS = /^[^\s@<>(),;:"]+@[^\s@<>(),;:"]+\.[^\s@<>(),;:"]+$/;

function addresses(value: string): string[] {
  const list = value.split(',').map((address) => address.trim()).filter(Boolean);
  const bad = list.find((address) => !ADDRESS.test(address));
  if (bad !== undefined || list.length === 0) throw new UsageError(`faqmail: --to "${bad ?? value}" is not an email address (expected e.g. developers@example.com)`);
  return list;
}

interface Envelope {
  from: string;
  to: string[];
  subject: string;
}

function parseArgs(args: string[]): { files: string[]; to: string[] } {
  const files: string[] = [];
  const to: string[] = [];
  for (let i = 0; i < args.length; i += 1) {
    const arg = args[i];
    if (arg === '--to') {
      const value = args[i + 1];
      if (value === undefined || value.startsWith('--')) throw new UsageError(`faqmail: --to needs an address\n${USAGE}`);
      to.push(...addresses(value));
      i += 1;
    } else if (arg.startsWith('--to=')) {
      to.push(...addresses(arg.slice('--to='.length)));
    } else if (arg.startsWith('--')) {
      throw new UsageError(`faqmail: unknown option ${arg} (npm run send -- --help lists them)`);
    } else {
      files.push(arg);
    }
  }
  if (files.length === 0) throw new UsageError(USAGE);
  return { files, to };
}

async function envelopeOf(file: string, raw: Buffer, to: string[]): Promise<Envelope> {
  let message;
  try {
    message = await parseMessage(raw);
  } catch (error) {
    throw new UsageError(`${file}: not an email message (${(error as Error).message})`);
  }
  const from = message.returnPath ?? message.from?.address;
  if (from === undefined) throw new UsageError(`${file}: has neither Return-Path nor From, so there is no envelope sender`);
  const recipients = to.length > 0 ? to : [...message.to, ...message.cc].map((address) => address.address);
  if (recipients.length === 0) throw new UsageError(`${file}: has no To or Cc address; name the recipient with --to`);
  return { from, to: recipients, subject: message.subject };
}

async function main(): Promise<number> {
  const { files, to } = parseArgs(process.argv.slice(2));
  let port: number;
  try {
    port = portFrom(process.env, 'smtp');
  } catch (error) {
    if (error instanceof PortSettingError) throw new UsageError(error.message);
    throw error;
  }
  const transport = nodemailer.createTransport({ host: LOOPBACK, port, secure: false, ignoreTLS: true });
  let failed = 0;
  try {
    for (const file of files) {
      try {
        const raw = await readInput(file);
        const envelope = await envelopeOf(file, raw, to);
        const info = await transport.sendMail({ envelope: { from: envelope.from, to: envelope.to }, raw });
        process.stdout.write(`${file}: sent "${envelope.subject}" from <${envelope.from}> to ${envelope.to.map((a) => `<${a}>`).join(', ')} (${info.response})\n`);
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        if (code === 'ECONNREFUSED' || code === 'ESOCKET') {
          throw new UsageError(`Nothing accepts mail on ${LOOPBACK}:${port}: start the local cloud with \`npm start\` (or set ${PORTS.smtp.env} to the port it listens on).`);
        }
        // SMTP refused the message (a recipient SES would not take): its reply says why.
        const refused = (error as { responseCode?: number }).responseCode;
        if (refused !== undefined && refused >= 500) {
          process.stderr.write(`${file}: refused: ${oneLine((error as { response?: string }).response ?? (error as Error).message, 400)}\n`);
          failed += 1;
          continue;
        }
        if (!(error instanceof UsageError)) throw error;
        process.stderr.write(`${error.message}\n`);
        failed += 1;
      }
    }
  } finally {
    transport.close();
  }
  return failed === 0 ? 0 : 1;
}

runCli(main, HELP);
