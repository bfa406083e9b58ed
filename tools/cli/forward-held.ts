/**
 * `npm run forward-held -- --since DATE [--until DATE] [--rule RULE] [--sender ADDRESS] [--dry-run] [--local]`:
 * hands staff the mail the escalation caps held (docs/security.md, "Past a limit"), each once, as the handler
 * would have handed it over (../held/forward-held.ts).
 *
 * `--local` works on the running local cloud (`npm start`); otherwise on AWS, as export-labels does
 * (./stack-access.ts), sending through SES from the inbox to the staff addresses, which must be named as the stack has them.
 */
import { createLogger } from '../../lambda/adapters/observability';
import { ESCALATION_CAP_RULES, type EscalationCapRuleName } from '../../lambda/domain';
import { handlerDependencies } from '../../lambda/handler';
import { forwardHeld, type HeldMessage, type HeldReport } from '../held/forward-held';
import { responderFromEnv } from './local-responder';
import { givenOptions, optionDate, runCli, unknownArgument, UsageError } from './run';
import { reachingTheTable, stackSettings } from './stack-access';

const USAGE =
  'usage: npm run forward-held -- --since DATE [--until DATE] [--rule escalation-cap|hourly-escalation-cap] [--sender ADDRESS] ' +
  '[--dry-run] [--local]   (DATE: 2026-03-02 or 2026-03-02T09:00Z)';

const HELP = `
${USAGE}

Forwards to staff the messages an escalation cap held (nothing forwarded when they came: past the
sender's cap for the day, or the cap for the hour, all senders together), received in the period.
Each goes as faqmail hands a message over: the original attached, Reply-To the writer, and why it
comes now. Each goes once: run it again, or two at once, and what went before is not sent again
(a message another run is sending is listed "in progress"). A message whose raw mail the bucket
no longer keeps is reported, and the rest go on.

  --since DATE       start of the period, by when each message was received (required)
  --until DATE       end of the period (default: now)
  --rule RULE        only what this cap held: escalation-cap (a sender's day) or hourly-escalation-cap
  --sender ADDRESS   only the mail from this From address
  --dry-run          list what would be forwarded (id, received, rule, masked sender, subject); send nothing
  --local            the local cloud (npm start) instead of the deployed stack
  --help             this text

Against the deployed stack it needs FAQMAIL_STATE_TABLE, FAQMAIL_MAIL_BUCKET (the stack's outputs
StateTableName and MailBucketName), AWS_REGION, FAQMAIL_INBOX_ADDRESS and FAQMAIL_STAFF_ADDRESSES
(as the stack has them: the mail goes from the one to the others), and credentials that may read
the table and the bucket, write the table and send through SES.`;

/** What only the deployed stack's settings say: taken from the defaults, the mail would go from and to example.com. */
const SENDING_SETTINGS = ['FAQMAIL_INBOX_ADDRESS', 'FAQMAIL_STAFF_ADDRESSES'];

interface Args {
  since: Date;
  until: Date;
  rule?: EscalationCapRuleName;
  sender?: string;
  dryRun: boolean;
  local: boolean;
}

const date = (option: string, raw: string | undefined): Date => optionDate(option, raw, USAGE);

/** A flag's `=value` would otherwise be dropped without a word (`--dry-run=false` sending all the same). */
function flag(name: string, inline: string | undefined): true {
  if (inline !== undefined) throw new UsageError(`${name} takes no value (given, it applies; left out, it does not)\n${USAGE}`);
  return true;
}

function parseArgs(args: string[]): Args {
  let since: Date | undefined;
  let until = new Date();
  let rule: EscalationCapRuleName | undefined;
  let sender: string | undefined;
  let dryRun = false;
  let local = false;
  for (const { arg, name, inline, value } of givenOptions(args, USAGE)) {
    if (name === '--since') since = date(name, value());
    else if (name === '--until') until = date(name, value());
    else if (name === '--rule') {
      const raw = value();
      if (!(ESCALATION_CAP_RULES as readonly string[]).includes(raw ?? ''))
        throw new UsageError(
          `--rule ${raw === undefined ? 'needs a rule' : `"${raw}" is no cap's rule`}: ${ESCALATION_CAP_RULES.join(' or ')}\n${USAGE}`,
        );
      rule = raw as EscalationCapRuleName;
    } else if (name === '--sender') {
      const raw = value();
      if (raw === undefined || raw.startsWith('--')) throw new UsageError(`--sender needs an address\n${USAGE}`);
      // Any writer's address, not only one SES sends to: a name or a typo would match nothing without a word.
      if (!/^[^@\s<>]+@[^@\s<>]+$/.test(raw.trim()))
        throw new UsageError(`--sender "${raw}" is not an email address (the From address alone, e.g. sam@writer.example)\n${USAGE}`);
      sender = raw.trim();
    } else if (name === '--dry-run') dryRun = flag(name, inline);
    else if (name === '--local') local = flag(name, inline);
    else throw unknownArgument(arg, 'npm run forward-held');
  }
  if (!since) throw new UsageError(`--since is required\n${USAGE}`);
  if (since.getTime() >= until.getTime())
    throw new UsageError(`--since (${since.toISOString()}) must come before --until (${until.toISOString()})`);
  if (!local && !dryRun) {
    const unset = SENDING_SETTINGS.filter((setting) => !process.env[setting]?.trim());
    if (unset.length > 0)
      throw new UsageError(
        `${unset.join(' and ')} must be set as the stack has them: the held mail goes from the inbox to the staff addresses (or use --local, or --dry-run)`,
      );
  }
  return { since, until, ...(rule ? { rule } : {}), ...(sender ? { sender } : {}), dryRun, local };
}

function line(m: HeldMessage): string {
  const received = `${m.receivedAt.slice(0, 16).replace('T', ' ')} UTC`;
  const shown = [m.sender ?? '(no sender read)', m.subject === undefined ? '' : `"${m.subject}"`].filter(Boolean).join(' ');
  const why =
    m.status === 'missing'
      ? 'raw mail no longer in the bucket, not forwarded'
      : m.status === 'in progress'
        ? 'in progress: another run is sending it now (or one stopped sending it under a minute ago; run again after a minute)'
        : m.status;
  return `${m.inboundId}  ${received}  ${m.rule}  ${m.status === 'missing' || m.status === 'already forwarded' ? '' : `${shown}  `}${why}`;
}

function summary({ counts }: HeldReport, dryRun: boolean): string {
  const missing = `missing ${counts.missing}`;
  return dryRun
    ? `would forward ${counts.wouldForward}, already forwarded ${counts.alreadyForwarded}, ${missing} (dry run: nothing sent)`
    : `forwarded ${counts.forwarded}, already forwarded ${counts.alreadyForwarded}, in progress ${counts.inProgress}, ${missing}`;
}

runCli(async () => {
  const args = parseArgs(process.argv.slice(2));
  const responder = responderFromEnv();
  const settings = stackSettings(args.local);
  // The handler's logs at INFO would bury the listing: warnings and errors only, unless asked for.
  process.env.POWERTOOLS_LOG_LEVEL ??= 'WARN';
  const deps = handlerDependencies(settings, responder, createLogger());
  return reachingTheTable(settings, args.local, async () => {
    const report = await forwardHeld(deps, args);
    const lines = report.messages.map(line);
    if (lines.length === 0)
      lines.push(
        `Nothing held ${args.rule ? `by ${args.rule} ` : ''}${args.sender ? 'from that sender ' : ''}from ${args.since.toISOString()} to ${args.until.toISOString()}`,
      );
    process.stdout.write(`${[...lines, summary(report, args.dryRun)].join('\n')}\n`);
    return 0;
  });
}, HELP);
