/**
 * `npm run export-labels -- --since DATE [--until DATE] [--out DIR] [--local]`: writes the
 * staff verdicts on messages received in [since, until) as a labelled set that
 * `npm run eval -- DIR` scores (tools/eval/verdict-labels.ts says how verdicts become labels).
 *
 * `--local` reads the running local cloud (`npm start`); otherwise AWS, from the table and
 * bucket the stack created (its outputs StateTableName and MailBucketName) named by
 * FAQMAIL_STATE_TABLE, FAQMAIL_MAIL_BUCKET and AWS_REGION, with the caller's credentials.
 */
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { createClients } from '../../lambda/adapters/clients';
import { MailStore } from '../../lambda/adapters/mail-store';
import { DecisionStore } from '../../lambda/state/decision-store';
import { shownPath } from '../../lambda/shown-path';
import { exportLabels } from '../eval/export-labels';
import { responderFromEnv } from './local-responder';
import { givenOptions, optionDate, runCli, unknownArgument, UsageError } from './run';
import { shellWord } from './shell-word';
import { reachingTheTable, stackSettings } from './stack-access';

const USAGE = 'usage: npm run export-labels -- --since DATE [--until DATE] [--out DIR] [--local]   (DATE: 2026-03-02 or 2026-03-02T09:00Z)';

const HELP = `
${USAGE}

Writes the staff verdicts on the messages received since DATE as a labelled set (the .eml files,
labels.jsonl and faq-keys.json) that \`npm run eval -- DIR\` scores and the answer model's fitting
can use. A verdict counts with its message, whenever it was given.

  --since DATE   start of the period, by when each message was received (required)
  --until DATE   end of the period (default: now)
  --out DIR      a new or empty folder to write the set in (default: verdicts-<since>/)
  --local        read the local cloud (npm start) instead of the deployed stack
  --help         this text`;

interface Args {
  since: Date;
  until: Date;
  out: string;
  local: boolean;
}

const date = (option: string, raw: string | undefined): Date => optionDate(option, raw, USAGE);

function parseArgs(args: string[]): Args {
  let since: Date | undefined;
  let until = new Date();
  let out: string | undefined;
  let local = false;
  for (const { arg, name, inline, value } of givenOptions(args, USAGE)) {
    if (name === '--since') since = date(name, value());
    else if (name === '--until') until = date(name, value());
    // An --out that ends the line is a folder forgotten, not a wish for the default one.
    else if (name === '--out') out = value() ?? '';
    // --local=false would otherwise read the local cloud all the same.
    else if (name === '--local' && inline !== undefined)
      throw new UsageError(`--local takes no value (given, it reads the local cloud; left out, the deployed stack)\n${USAGE}`);
    else if (name === '--local') local = true;
    else throw unknownArgument(arg, 'npm run export-labels');
  }
  if (!since) throw new UsageError(`--since is required\n${USAGE}`);
  if (since.getTime() >= until.getTime()) {
    throw new UsageError(`--since (${since.toISOString()}) must come before --until (${until.toISOString()})`);
  }
  if (out !== undefined && (out === '' || out.startsWith('--'))) throw new UsageError(`--out needs a folder\n${USAGE}`);
  out ??= `verdicts-${since.toISOString().slice(0, 10)}`;
  const found = statSync(out, { throwIfNoEntry: false });
  // Found only once the verdicts are read, it stopped the export with mkdir's EEXIST and its stack.
  if (found && !found.isDirectory())
    throw new UsageError(
      `--out ${out} is a file, not a folder (the set is written into a folder: its .eml files, labels.jsonl and faq-keys.json)`,
    );
  // Written into, an earlier export (whose verdicts may have expired since) or a hand-labelled set would be lost.
  if (found && readdirSync(out).length > 0)
    throw new UsageError(
      `--out ${out} holds files already: the export would write its labels.jsonl and faq-keys.json over theirs ` +
        'and mix its messages with the rest; give a new or empty folder (or remove this one to export again)',
    );
  return { since, until, out, local };
}

runCli(async () => {
  const args = parseArgs(process.argv.slice(2));
  const responder = responderFromEnv();
  const settings = stackSettings(args.local);
  const clients = createClients(settings);
  const dir = path.resolve(args.out);
  return reachingTheTable(settings, args.local, async () => {
    const result = await exportLabels({
      decisions: new DecisionStore({
        documents: clients.documents,
        table: settings.stateTable,
        retentionDays: responder.config.decisionRetentionDays,
      }),
      mail: new MailStore(clients.s3, settings.mailBucket, settings.mailPrefix),
      entries: responder.faq.entries,
      since: args.since,
      until: args.until,
      dir,
    });
    const named = shellWord(shownPath(result.dir));
    // npm run eval refuses a set with no labels: say so here rather than suggest it.
    const period = `from ${args.since.toISOString()} to ${args.until.toISOString()}`;
    const lines = [
      result.labelled === 0
        ? `No verdict ${period} gave a label: nothing to score (give verdicts first: docs/operate-shadow.md)`
        : `${result.labelled} labelled message(s) written to ${result.dir} (score them: npm run eval -- ${named})`,
    ];
    for (const { inboundId, why } of result.skipped) lines.push(`  skipped ${inboundId}: ${why}`);
    process.stdout.write(`${lines.join('\n')}\n`);
    return 0;
  });
}, HELP);
