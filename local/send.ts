/**
 * `npm run send -- [--to ADDRESS ...] FILE.eml ...`: delivers each message to the local
 * cloud's SMTP listener, as a mail server on the internet would deliver it to SES. The
 * envelope sender is the message's Return-Path (`<>` stays the null sender), else its From;
 * the recipients are `--to`, else the message's To and Cc.
 */
import nodemailer from 'nodemailer';
import { readInput, runCli, UsageError } from '../lambda/cli/run';
import { envelopeOf } from './envelope';
import { PortSettingError, portFrom, PORTS } from './ports';
import { LOOPBACK } from './stand-ins';

const USAGE = 'usage: npm run send -- [--to ADDRESS ...] FILE.eml ...';

function parseArgs(args: string[]): { files: string[]; to: string[] } {
  const files: string[] = [];
  const to: string[] = [];
  for (let i = 0; i < args.length; i += 1) {
    const arg = args[i];
    if (arg === '--to') {
      const value = args[i + 1];
      if (value === undefined || value.startsWith('--')) throw new UsageError(`--to needs an address\n${USAGE}`);
      to.push(...value.split(',').map((address) => address.trim()).filter(Boolean));
      i += 1;
    } else if (arg.startsWith('--to=')) {
      to.push(...arg.slice('--to='.length).split(',').map((address) => address.trim()).filter(Boolean));
    } else if (arg.startsWith('--')) {
      throw new UsageError(`unknown option ${arg}\n${USAGE}`);
    } else {
      files.push(arg);
    }
  }
  if (files.length === 0) throw new UsageError(USAGE);
  return { files, to };
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

runCli(main);
