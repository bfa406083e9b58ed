/**
 * `npm run digest -- [--since DATE] [--until DATE]`: builds the FAQ-gap digest from the
 * running local cloud's decision records (`npm start` in another terminal), sends it to
 * the SES stand-in (see it in the viewer) and prints its text part. Dates are ISO 8601
 * (`2026-03-02` or `2026-03-02T09:00:00Z`, UTC); by default the period is the last
 * `digestPeriodDays` days up to now, shown beside the same number of days before.
 */
import { digestBlocks, digestSubject } from '../lambda/digest/compose';
import { blocksToText } from '../lambda/compose/blocks';
import { responderFromEnv } from '../tools/cli/local-responder';
import { optionDate, runCli, unknownArgument, UsageError } from '../tools/cli/run';
import { localDigest } from './local-digest';
import { connectionRefused, localCloudNotAnswering, localCloudPorts } from './cloud-access';
import { LOOPBACK } from './stand-ins';

const USAGE = 'usage: npm run digest -- [--since DATE] [--until DATE]   (DATE: 2026-03-02 or 2026-03-02T09:00:00Z)';

const HELP = `
${USAGE}

Builds the FAQ-gap digest from the local cloud's decision records (npm start must be
running), sends it to the SES stand-in and prints it.

  --since DATE   start of the period (default: FAQMAIL_DIGEST_PERIOD_DAYS days before --until)
  --until DATE   end of the period (default: now)
  --help         this text`;

const date = (option: string, raw: string | undefined): Date => optionDate(option, raw, USAGE);

function parseArgs(args: string[]): { since?: Date; until?: Date } {
  const out: { since?: Date; until?: Date } = {};
  for (let i = 0; i < args.length; i += 1) {
    const [name, inline] = args[i].split('=', 2) as [string, string | undefined];
    if (name !== '--since' && name !== '--until') throw unknownArgument(args[i], 'npm run digest');
    const raw = inline ?? args[++i];
    const key = name === '--since' ? 'since' : 'until';
    // Taking the last of two silently would make a digest of a period nobody asked for.
    if (out[key]) throw new UsageError(`${name} given twice: give it once\n${USAGE}`);
    out[key] = date(name, raw);
  }
  if (out.since && out.since >= (out.until ?? new Date()))
    throw new UsageError(`--since must come before --until (now, when not given)\n${USAGE}`);
  return out;
}

async function main(): Promise<number> {
  const period = parseArgs(process.argv.slice(2));
  // Settings and content first, as npm start checks them: a mistake there is not a cloud that does not answer.
  const responder = responderFromEnv();
  const ports = localCloudPorts(process.env);
  const endpoints = { dynamodb: `http://${LOOPBACK}:${ports.dynamodb}`, ses: `http://${LOOPBACK}:${ports.ses}` };
  let sent;
  try {
    sent = await localDigest({ endpoints, env: process.env, responder, ...period });
  } catch (error) {
    if (connectionRefused(error)) {
      throw localCloudNotAnswering(endpoints.dynamodb, 'dynamodb');
    }
    throw error;
  }
  const { config } = responder;
  process.stdout.write(`Subject: ${digestSubject(sent.digest, config)}\n\n${blocksToText(digestBlocks(sent.digest))}\n`);
  process.stdout.write(
    `Sent to ${(config.digestRecipients ?? config.staffAddresses).join(', ')} through the SES stand-in (${sent.sesMessageId}): ${endpoints.ses}/\n`,
  );
  return 0;
}

runCli(main, HELP);
