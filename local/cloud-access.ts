import { ConfigError, LOCAL_PREFIX, namesStarting, startupFailure, unknownNames } from '../lambda/config';
import { UsageError } from '../tools/cli/run';
import { PORTS, PortSettingError, portsFrom, type PortName } from './ports';
import { LOCAL_CREDENTIALS } from './stand-ins';

/**
 * A `FAQMAIL_LOCAL_*` name that is no port setting, refused by `npm start` and the commands that reach it alike: a
 * misspelt one would leave the default port in use without a word.
 */
export function checkLocalNames(env: NodeJS.ProcessEnv): void {
  const unknown = unknownNames(
    namesStarting(env, LOCAL_PREFIX),
    Object.values(PORTS).map((port) => port.env),
  );
  if (unknown.length > 0) throw new UsageError(startupFailure(new ConfigError(unknown)));
}

/**
 * What a CLI needs to reach the running local cloud (`npm start`): its ports, from the same
 * variables `npm start` reads, with the SDK given the stand-ins' credentials (a real session
 * token would be refused by them). A bad port setting is the user's to fix: a usage error.
 */
export function localCloudPorts(env: NodeJS.ProcessEnv): Record<PortName, number> {
  checkLocalNames(env);
  let ports;
  try {
    ports = portsFrom(env);
  } catch (error) {
    if (error instanceof PortSettingError) throw new UsageError(error.message);
    throw error;
  }
  delete env.AWS_SESSION_TOKEN;
  Object.assign(env, { AWS_ACCESS_KEY_ID: LOCAL_CREDENTIALS.accessKeyId, AWS_SECRET_ACCESS_KEY: LOCAL_CREDENTIALS.secretAccessKey });
  return ports;
}

/** Whether `error` (or the error it wraps: the stores name the table they called) is a refused connection. */
export function connectionRefused(error: unknown): boolean {
  return error instanceof Error && /ECONNREFUSED/.test(`${error.message} ${String((error as { cause?: Error }).cause ?? '')}`);
}

/** What a command that reaches the local cloud says when its stand-in on `endpoint` refuses the connection. */
export function localCloudNotAnswering(endpoint: string, name: PortName): UsageError {
  return new UsageError(
    `The local cloud does not answer at ${endpoint}: start it with \`npm start\` (or set ${PORTS[name].env} to its port).`,
  );
}
