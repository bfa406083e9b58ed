/**
 * `npm start`: runs faqmail on this machine against embedded stand-ins for SES, S3 and
 * DynamoDB, takes mail over SMTP and logs what it decides for each message. Ctrl-C stops it.
 */
import { CONTENT_DIR, loadConfig, SETTINGS } from '../lambda/config';
import { responderFromEnv } from '../tools/cli/local-responder';
import { runCli, unknownArgument, UsageError, userLine } from '../tools/cli/run';
import { shellWord } from '../tools/cli/shell-word';
import type { Responder } from '../lambda/respond';
import type { LocalCloud } from './cloud';
import { checkLocalNames } from './cloud-access';
import { describeProcessed } from './describe';
import { startWithOutbox } from './outbox';
import { PORTS, portsFrom, PortSettingError, type PortName } from './ports';
import { portProblem, portsTaken } from './port-problem';
import { LOOPBACK, PortDeniedError, PortInUseError } from './stand-ins';

/** Stopping waits for a running invocation; one that hangs must not keep the terminal. */
const STOP_TIMEOUT_MS = 15_000;

/**
 * What another terminal must be told to reach this cloud, as `export` words: the faqmail settings it was started
 * with (npm run send --verdict, digest and export-labels read the staff addresses, the mode and the rest from their
 * own environment, and would otherwise take the defaults), and its ports that differ from the defaults (set, or
 * picked freely), by which alone they find it.
 */
function exportsFor(cloud: LocalCloud, settings: ReadonlyMap<string, string>): string[] {
  const bound: Record<PortName, number> = { smtp: cloud.smtpPort, ses: cloud.ses.port, s3: cloud.s3.port, dynamodb: cloud.dynamodb.port };
  const ports = (Object.keys(PORTS) as PortName[])
    .filter((name) => bound[name] !== PORTS[name].fallback)
    .map((name) => `${PORTS[name].env}=${bound[name]}`);
  return [...[...settings].map(([name, value]) => `${name}=${shellWord(value)}`), ...ports];
}

/** The faqmail settings in `env` that are set (blank is unset), as they were before the cloud added its own variables. */
function settingsGiven(env: NodeJS.ProcessEnv): Map<string, string> {
  const names = [...SETTINGS.map((setting) => setting.env), CONTENT_DIR.env];
  return new Map(names.flatMap((name) => (env[name]?.trim() ? [[name, env[name]] as [string, string]] : [])));
}

/** The examples are written to the default inbox: to another, `npm run send` must be told where to deliver them. */
const EXAMPLES_INBOX = loadConfig({}).inboxAddress;

function banner(cloud: LocalCloud, recipients: readonly string[], settings: ReadonlyMap<string, string>): string {
  const exports = exportsFor(cloud, settings);
  const send = recipients.includes(EXAMPLES_INBOX) ? 'npm run send --' : `npm run send -- --to ${recipients[0]}`;
  return [
    '',
    'faqmail is running locally (Ctrl-C stops it).',
    '',
    `  Mail in    smtp://${LOOPBACK}:${cloud.smtpPort}  (plays SES inbound: stores each message, then invokes the handler)`,
    `  Mail out   ${cloud.ses.outbox}  (every mail faqmail sends, byte for byte as SES would send it: one .eml each)`,
    `  Viewer     ${cloud.ses.viewerUrl}  (SES viewer: easier to read, but it rebuilds each mail without its threading and RFC 3834 headers)`,
    `  Raw mail   ${cloud.s3.endpoint}/${cloud.bucket}/${cloud.prefix}<id>  (S3; <id> is in the SMTP reply "250 Ok <id>")`,
    `  State      ${cloud.dynamodb.endpoint}  (DynamoDB in memory, table ${cloud.table}: gone when you stop)`,
    '',
    ...(exports.length === 0
      ? ['Send the examples from another terminal:']
      : [
          "Send the examples from another terminal, once told this cloud's settings and ports (not the defaults):",
          `  export ${exports.join(' ')}`,
        ]),
    `  ${send} examples/answered-inquiry.eml`,
    `  ${send} examples/escalated-inquiry.eml examples/out-of-office.eml`,
    `(or any SMTP client, e.g. swaks --server ${LOOPBACK} --port ${cloud.smtpPort} --to ${recipients[0]}; mail for other addresses is refused, as SES refuses it)`,
    '',
    'Each message is logged below as the handler decides it.',
    '',
  ].join('\n');
}

/**
 * Every setting and the FAQ, checked before anything starts, as the Lambda checks them on
 * its first event and `cdk synth` before it builds: a bad value, a misspelt name or broken
 * content stops here with one line each.
 */
function checkSettings(): { ports: Record<PortName, number>; responder: Responder } {
  checkLocalNames(process.env);
  try {
    return { ports: portsFrom(process.env), responder: responderFromEnv() };
  } catch (error) {
    if (error instanceof PortSettingError) throw new UsageError(`faqmail: ${error.message}`);
    throw error;
  }
}

const HELP = `
usage: npm start

Runs faqmail on this machine until Ctrl-C: an SMTP listener that plays SES inbound, the Lambda
handler, and stand-ins for SES, S3 and DynamoDB, on the ports FAQMAIL_LOCAL_*_PORT name
(docs/settings.md). Then, from a second terminal: npm run send -- examples/*.eml

  --help      this text`;

async function main(): Promise<number> {
  const [unexpected] = process.argv.slice(2);
  if (unexpected !== undefined) throw unknownArgument(unexpected, 'npm start');
  const { ports, responder } = checkSettings();
  const settings = settingsGiven(process.env);
  process.stdout.write("Starting faqmail's local cloud...\n");
  let cloud: LocalCloud;
  let outbox: string;
  try {
    ({ cloud, outbox } = await startWithOutbox({
      recipients: responder.config.recipientAddresses,
      ports,
      onProcessed: (processed) => process.stdout.write(`${describeProcessed(processed)}\n`),
      onError: (error) => process.stderr.write(`SMTP listener: ${error.message}\n`),
    }));
  } catch (error) {
    if (!(error instanceof PortInUseError || error instanceof PortDeniedError)) throw error;
    const taken = error instanceof PortInUseError ? await portsTaken(ports) : [];
    process.stderr.write(`${userLine(portProblem(error, ports, taken))}\n`);
    return 1;
  }
  process.stdout.write(banner(cloud, responder.config.recipientAddresses, settings));

  let stopping = false;
  const stop = () => {
    // One Ctrl-C arrives several times: from the terminal to every process in the group,
    // and again relayed by npm and tsx. Only the first counts.
    if (stopping) return;
    stopping = true;
    process.stdout.write('\nStopping...\n');
    const stuck = setTimeout(() => {
      process.stderr.write(`Still not stopped after ${STOP_TIMEOUT_MS / 1000} seconds; exiting anyway.\n`);
      process.exit(1);
    }, STOP_TIMEOUT_MS);
    stuck.unref();
    cloud.stop().then(
      () => {
        process.stdout.write(`Stopped. The mail it sent stays in ${outbox}\n`);
        process.exitCode = 0;
      },
      (error: Error) => {
        process.stderr.write(`Stopping failed: ${error.stack ?? error.message}\n`);
        process.exitCode = 1;
      },
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  return 0;
}

runCli(main, HELP);
