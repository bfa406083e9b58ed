/**
 * `npm start`: runs faqmail on this machine against embedded stand-ins for SES, S3 and
 * DynamoDB, takes mail over SMTP and logs what it decides for each message. Ctrl-C stops it.
 */
import { startLocalCloud, type LocalCloud } from './cloud';
import { describeProcessed } from './describe';
import { PORTS, portsFrom, PortSettingError, type PortName } from './ports';
import { LOOPBACK, PortInUseError } from './stand-ins';

/** Stopping waits for a running invocation; one that hangs must not keep the terminal. */
const STOP_TIMEOUT_MS = 15_000;

function banner(cloud: LocalCloud): string {
  return [
    '',
    'faqmail is running locally (Ctrl-C stops it).',
    '',
    `  Mail in    smtp://${LOOPBACK}:${cloud.smtpPort}  (plays SES inbound: stores each message, then invokes the handler)`,
    `  Mail out   ${cloud.ses.viewerUrl}  (SES viewer: every message faqmail sends)`,
    `  Raw mail   ${cloud.s3.endpoint}/${cloud.bucket}/${cloud.prefix}<id>  (S3; <id> is in the SMTP reply "250 Ok <id>")`,
    `  State      ${cloud.dynamodb.endpoint}  (DynamoDB in memory, table ${cloud.table}: gone when you stop)`,
    '',
    'Send the examples from another terminal:',
    '  npm run send -- examples/answered-inquiry.eml',
    '  npm run send -- examples/escalated-inquiry.eml examples/out-of-office.eml',
    `(or any SMTP client, e.g. swaks --server ${LOOPBACK} --port ${cloud.smtpPort} --to developers@example.com)`,
    '',
    'Each message is logged below as the handler decides it.',
    '',
  ].join('\n');
}

function portInUse(error: PortInUseError, ports: Record<PortName, number>): string {
  const name = (Object.keys(PORTS) as PortName[]).find((candidate) => ports[candidate] === error.port);
  const setting = name ? PORTS[name].env : 'the matching FAQMAIL_LOCAL_*_PORT variable';
  return `Port ${error.port} is in use, so the ${error.service} cannot start. Stop whatever listens there, or pick another port, e.g. ${setting}=${error.port + 100} npm start`;
}

async function main(): Promise<void> {
  let ports: Record<PortName, number>;
  try {
    ports = portsFrom(process.env);
  } catch (error) {
    if (!(error instanceof PortSettingError)) throw error;
    process.stderr.write(`${error.message}\n`);
    process.exitCode = 2;
    return;
  }
  process.stdout.write('Starting faqmail\'s local cloud...\n');
  let cloud: LocalCloud;
  try {
    cloud = await startLocalCloud({
      ports,
      onProcessed: (processed) => process.stdout.write(`${describeProcessed(processed)}\n`),
      onError: (error) => process.stderr.write(`SMTP listener: ${error.message}\n`),
    });
  } catch (error) {
    if (!(error instanceof PortInUseError)) throw error;
    process.stderr.write(`${portInUse(error, ports)}\n`);
    process.exitCode = 1;
    return;
  }
  process.stdout.write(banner(cloud));

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
        process.stdout.write('Stopped.\n');
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
}

main().catch((error: Error) => {
  process.stderr.write(`${error.stack ?? error.message}\n`);
  process.exitCode = 1;
});
