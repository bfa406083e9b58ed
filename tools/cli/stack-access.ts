/**
 * Where a command that works on faqmail's records finds them: the deployed stack's state table and mail bucket
 * (its outputs StateTableName and MailBucketName, named by FAQMAIL_STATE_TABLE and FAQMAIL_MAIL_BUCKET, with
 * AWS_REGION and the caller's credentials), or with `--local` the running local cloud's (`npm start`).
 */
import { AwsSetupError } from '../../lambda/adapters/aws-call';
import { MissingEnvironmentError, readHandlerEnvironment, type HandlerEnvironment } from '../../lambda/adapters/environment';
import { MAIL_PREFIX } from '../../lambda/adapters/mail-store';
import { LOCAL_BUCKET, LOCAL_TABLE } from '../../local/cloud';
import { connectionRefused, localCloudNotAnswering, localCloudPorts } from '../../local/cloud-access';
import { LOCAL_REGION, LOOPBACK } from '../../local/stand-ins';
import { UsageError } from './run';

/** The stack's settings, or the running local cloud's as its handler sees them; a missing one is a usage error. */
export function stackSettings(local: boolean): HandlerEnvironment {
  const ports = local ? localCloudPorts(process.env) : undefined;
  const env = ports
    ? {
        AWS_REGION: LOCAL_REGION,
        FAQMAIL_MAIL_BUCKET: LOCAL_BUCKET,
        FAQMAIL_MAIL_PREFIX: MAIL_PREFIX,
        FAQMAIL_STATE_TABLE: LOCAL_TABLE,
        FAQMAIL_S3_ENDPOINT: `http://${LOOPBACK}:${ports.s3}`,
        FAQMAIL_SES_ENDPOINT: `http://${LOOPBACK}:${ports.ses}`,
        FAQMAIL_DYNAMODB_ENDPOINT: `http://${LOOPBACK}:${ports.dynamodb}`,
      }
    : process.env;
  try {
    return readHandlerEnvironment(env);
  } catch (error) {
    if (!(error instanceof MissingEnvironmentError)) throw error;
    const named = error.missing.map((name) => `${name} (${STACK_VARIABLES[name] ?? 'see docs/settings.md'})`);
    const list = named.length > 1 ? `${named.slice(0, -1).join(', ')} and ${named.at(-1)}` : named[0];
    throw new UsageError(`reading the deployed stack needs ${list}; or use --local for the local cloud`);
  }
}

/** Where a user finds each variable the handler's environment requires, for the stack they deployed. */
const STACK_VARIABLES: Readonly<Record<string, string>> = {
  AWS_REGION: 'the region it is deployed in',
  FAQMAIL_MAIL_BUCKET: 'its output MailBucketName',
  FAQMAIL_STATE_TABLE: 'its output StateTableName',
};

/**
 * `work`, with a state table that does not answer (the local cloud not started) and AWS not set up (no credentials, a
 * region aws-lite does not know) told as usage errors: the user's to fix, where a stack trace would say a bug.
 */
export async function reachingTheTable<T>(settings: HandlerEnvironment, local: boolean, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (connectionRefused(error)) {
      if (local && settings.endpoints.dynamodb) throw localCloudNotAnswering(settings.endpoints.dynamodb, 'dynamodb');
      throw new UsageError(`The state table does not answer (${(error as Error).message})`);
    }
    const setup = setupError(error);
    if (setup) {
      throw new UsageError(
        `AWS is not set up here: ${setup.message} (the deployed stack is read with your AWS credentials, e.g. AWS_PROFILE, ` +
          'in its region, AWS_REGION; --local reads the local cloud)',
      );
    }
    throw error;
  }
}

/** The AwsSetupError under `error`, which the stores wrap with the table or bucket they called. */
function setupError(error: unknown): AwsSetupError | undefined {
  for (let at = error; at instanceof Error; at = at.cause) if (at instanceof AwsSetupError) return at;
  return undefined;
}
