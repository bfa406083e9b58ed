/**
 * `npm run send -- [--to ADDRESS ...] FILE.eml ...`: delivers each message (each of an mbox in
 * turn, named FILE#1, FILE#2 ...) to the local cloud's SMTP listener, as a mail server on the
 * internet would deliver it to SES. The
 * envelope sender is the message's Return-Path (`<>` stays the null sender), else its From;
 * the recipients are `--to`, else the message's To and Cc.
 *
 * `npm run send -- --verdict "good" [--staff-mail ID] [--from ADDRESS]`: replies to a staff
 * mail faqmail sent about a message (the newest, or the one with SES id ID, as `npm start` logs
 * it; not a digest) the way a staff member would, with the verdict on the first line (see lambda/verdicts).
 */
import nodemailer, { type Transporter } from 'nodemailer';
import { sesMessageIdHeader } from '../lambda/adapters/mail-sender';
import { DecisionStore } from '../lambda/state/decision-store';
import { resolveEntry } from '../lambda/verdicts/resolve-entry';
import { isStaffAddress } from '../lambda/verdicts/staff-reply';
import { messagesIn, responderFromEnv } from '../tools/cli/local-responder';
import { runCli, unknownArgument, UsageError, userLine } from '../tools/cli/run';
import { oneLine } from '../lambda/one-line';
import { namesNoEntry, parseVerdict, VERDICT_WORDS } from '../lambda/verdicts/parse-verdict';
import { envelopeOf, type Envelope } from './envelope';
import { localCloudPorts } from './cloud-access';
import { PORTS, type PortName } from './ports';
import { LOCAL_REGION, localDocuments, LOOPBACK, type SesStoredEmail } from './stand-ins';
import { LOCAL_TABLE } from './cloud';
import { composeVerdictReply, staffMailsToAnswer } from './verdict-reply';

const USAGE = [
  'usage: npm run send -- [--to ADDRESS ...] FILE.eml ...',
  '       npm run send -- --verdict "good | wrong | wrong: <entry> | should answer: <entry>" [--staff-mail ID] [--from STAFF-ADDRESS]',
].join('\n');

const HELP = `
${USAGE}

Delivers each message to the local cloud (npm start) over SMTP, as a mail server would
deliver it to SES (a file in mbox format: each of its messages in turn, named FILE#1, FILE#2 ...): the envelope sender is its Return-Path (<> stays the null sender), else
its From; the recipients are its To and Cc, or --to.

  --to ADDRESS        deliver to ADDRESS instead (repeat, or comma-separate, for several)
  --verdict TEXT      reply to a staff mail faqmail sent, as staff would, with TEXT on the first line
  --staff-mail ID     with --verdict: the staff mail to reply to (its SES id; default the newest hand-over or proposal)
  --from ADDRESS      with --verdict: the staff address replying (default the first staff address)
  --help              this text`;

/** A plain address check, so that a typo fails here in one line rather than in SMTP. */
const ADDRESS = /^[^\s@<>(),;:"]+@[^\s@<>(),;:"]+\.[^\s@<>(),;:"]+$/;

function addresses(value: string): string[] {
  const list = value
    .split(',')
    .map((address) => address.trim())
    .filter(Boolean);
  const bad = list.find((address) => !ADDRESS.test(address));
  if (bad !== undefined || list.length === 0)
    throw new UsageError(`faqmail: --to "${bad ?? value}" is not an email address (expected e.g. developers@example.com)`);
  return list;
}

interface Args {
  files: string[];
  to: string[];
  verdict?: string;
  staffMail?: string;
  from?: string;
}

const VALUED = { '--verdict': 'verdict', '--staff-mail': 'staffMail', '--from': 'from' } as const;

function parseArgs(args: string[]): Args {
  const files: string[] = [];
  const to: string[] = [];
  const options: Pick<Args, 'verdict' | 'staffMail' | 'from'> = {};
  for (let i = 0; i < args.length; i += 1) {
    const arg = args[i];
    const equals = arg.startsWith('--') ? arg.indexOf('=') : -1;
    const [name, inline] = equals > 0 ? [arg.slice(0, equals), arg.slice(equals + 1)] : [arg, undefined];
    if (name in VALUED) {
      const value = inline ?? args[i + 1];
      if (value === undefined || (inline === undefined && value.startsWith('--'))) throw new UsageError(`${name} needs a value\n${USAGE}`);
      const option = VALUED[name as keyof typeof VALUED];
      // Taking the last of two silently would send a verdict nobody meant.
      if (options[option] !== undefined)
        throw new UsageError(`faqmail: ${name} given twice ("${options[option]}", "${value}"): give it once`);
      options[option] = value;
      if (inline === undefined) i += 1;
    } else if (arg === '--to') {
      const value = args[i + 1];
      if (value === undefined || value.startsWith('--')) throw new UsageError(`faqmail: --to needs an address\n${USAGE}`);
      to.push(...addresses(value));
      i += 1;
    } else if (arg.startsWith('--to=')) {
      to.push(...addresses(arg.slice('--to='.length)));
    } else if (arg.startsWith('-') && arg !== '-') {
      // A short option read as a file would be refused as one, and the messages after it sent all the same.
      throw unknownArgument(arg, 'npm run send');
    } else {
      files.push(arg);
    }
  }
  if (options.verdict !== undefined) {
    if (files.length > 0) throw new UsageError(`--verdict sends a reply of its own; give no files with it\n${USAGE}`);
    // faqmail reads any other first line as a note, logged only, and `should answer:` naming no entry as unreadable.
    const parsed = parseVerdict(options.verdict);
    if (parsed === undefined || namesNoEntry(parsed)) {
      const words = VERDICT_WORDS.map(([form]) => form.replace(' key or question', '')).join(', ');
      throw new UsageError(`faqmail: --verdict "${options.verdict}" is not a verdict faqmail takes (${words})\n${USAGE}`);
    }
    return { files, to, ...options };
  }
  if (options.staffMail !== undefined || options.from !== undefined) {
    throw new UsageError(`--staff-mail and --from go with --verdict\n${USAGE}`);
  }
  if (files.length === 0) throw new UsageError(USAGE);
  return { files, to };
}

/** The verdict reply to a staff mail the local SES stand-in holds, and its envelope. */
async function verdictReply(args: Args, ports: Record<PortName, number>): Promise<{ raw: Buffer; envelope: Envelope }> {
  const { config, faq, index } = responderFromEnv();
  const from = args.from ?? config.staffAddresses[0];
  // faqmail takes verdicts from staff addresses only: from anyone else the reply is an inquiry like any other.
  if (!isStaffAddress(from, config)) {
    throw new UsageError(
      `faqmail: --from ${from} is not a staff address (FAQMAIL_STAFF_ADDRESSES: ${config.staffAddresses.join(', ')}); faqmail would read the reply as an inquiry`,
    );
  }
  const names = parseVerdict(args.verdict ?? '')?.names;
  // `wrong:` naming nothing is a bare `wrong`.
  if (names && resolveEntry(names, faq.entries, index, config) === undefined) {
    throw new UsageError(
      `faqmail: --verdict names "${names}", which is no FAQ entry (give its key, its question or part of it); faqmail would record the verdict with no entry`,
    );
  }
  let emails: SesStoredEmail[];
  try {
    const response = await fetch(`http://${LOOPBACK}:${ports.ses}/store`);
    emails = ((await response.json()) as { emails: SesStoredEmail[] }).emails;
  } catch {
    throw new UsageError(`No SES stand-in on ${LOOPBACK}:${ports.ses}: start the local cloud (\`npm start\`) or set ${PORTS.ses.env}`);
  }
  const candidates = staffMailsToAnswer(emails, config.staffAddresses, args.staffMail);
  if (args.staffMail !== undefined && candidates.length === 0)
    throw new UsageError(`The SES stand-in holds no mail with id ${args.staffMail}`);
  // As the handler does: a verdict counts on a staff mail recorded with a decision, not on the digest, which staff get too.
  const decisions = new DecisionStore({
    documents: localDocuments(`http://${LOOPBACK}:${ports.dynamodb}`),
    table: LOCAL_TABLE,
    retentionDays: config.decisionRetentionDays,
  });
  let staffMail: SesStoredEmail | undefined;
  for (const mail of candidates) {
    if (await decisions.staffMailRepliedTo([sesMessageIdHeader(mail.messageId, LOCAL_REGION)])) {
      staffMail = mail;
      break;
    }
  }
  if (!staffMail) {
    if (args.staffMail === undefined)
      throw new UsageError(
        'faqmail has sent no mail to staff about a message yet: send an inquiry first (e.g. examples/escalated-inquiry.eml)',
      );
    throw new UsageError(
      `faqmail: ${args.staffMail} is no staff mail about a message (a digest, say): faqmail takes no verdict on it; ` +
        'give the id of a hand-over or proposal, as npm start logs it (escalation to ... <id@...>)',
    );
  }
  const raw = await composeVerdictReply({ verdict: args.verdict ?? '', from, to: config.inboxAddress, staffMail, region: LOCAL_REGION });
  return { raw, envelope: { from, to: args.to.length > 0 ? args.to : [config.inboxAddress], subject: `Re: ${staffMail.subject}` } };
}

class NothingListens extends UsageError {}

function sentLine(envelope: Envelope, response: string): string {
  return `sent "${envelope.subject}" from <${envelope.from}> to ${envelope.to.map((a) => `<${a}>`).join(', ')} (${response})`;
}

/** Hands one message to the SMTP listener; returns its reply ("250 Ok <id>"). */
async function deliver(transport: Transporter, raw: Buffer, envelope: Envelope, port: number): Promise<string> {
  try {
    return String((await transport.sendMail({ envelope: { from: envelope.from, to: envelope.to }, raw })).response ?? '');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ECONNREFUSED' || code === 'ESOCKET') {
      const start = `start the local cloud with \`npm start\` (or set ${PORTS.smtp.env} to the port it listens on).`;
      throw new NothingListens(`Nothing accepts mail on ${LOOPBACK}:${port}: ${start}`);
    }
    throw error;
  }
}

/** SMTP's reply when the listener refused the message (a recipient SES would not take), else undefined. */
function refusal(error: unknown): string | undefined {
  const code = (error as { responseCode?: number }).responseCode;
  if (code === undefined || code < 500) return undefined;
  return oneLine((error as { response?: string }).response ?? (error as Error).message, 400);
}

async function main(): Promise<number> {
  const args = parseArgs(process.argv.slice(2));
  const { files, to } = args;
  const ports = localCloudPorts(process.env);
  const port = ports.smtp;
  const transport = nodemailer.createTransport({ host: LOOPBACK, port, secure: false, ignoreTLS: true });
  let failed = 0;
  try {
    if (args.verdict !== undefined) {
      const { raw, envelope } = await verdictReply(args, ports);
      try {
        const info = await deliver(transport, raw, envelope, port);
        process.stdout.write(`verdict "${args.verdict}": ${sentLine(envelope, info)}\n`);
      } catch (error) {
        // As for a file: a recipient SES would not take (--to) is named by SMTP's reply, not a stack.
        const refused = refusal(error);
        if (refused === undefined) throw error;
        process.stderr.write(`faqmail: verdict "${args.verdict}": refused: ${refused}\n`);
        failed += 1;
      }
    }
    for (const file of files) {
      let messages;
      try {
        messages = await messagesIn(file);
      } catch (error) {
        if (!(error instanceof UsageError)) throw error;
        process.stderr.write(`${userLine(error.message)}\n`);
        failed += 1;
        continue;
      }
      for (const { name, raw } of messages) {
        try {
          const envelope = await envelopeOf(name, raw, to);
          const info = await deliver(transport, raw, envelope, port);
          process.stdout.write(`${name}: ${sentLine(envelope, info)}\n`);
        } catch (error) {
          if (error instanceof NothingListens) throw error;
          // SMTP refused the message (a recipient SES would not take): its reply says why.
          const refused = refusal(error);
          if (refused !== undefined) {
            // A file written to another inbox (the examples, beside a cloud started with an inbox of its own) is delivered by --to.
            const hint = to.length === 0 ? '; npm run send -- --to ADDRESS FILE delivers it to one of those' : '';
            process.stderr.write(`faqmail: ${name}: refused: ${refused}${hint}\n`);
            failed += 1;
            continue;
          }
          if (!(error instanceof UsageError)) throw error;
          process.stderr.write(`${userLine(error.message)}\n`);
          failed += 1;
        }
      }
    }
  } finally {
    transport.close();
  }
  return failed === 0 ? 0 : 1;
}

runCli(main, HELP);
