import { UsageError } from '../tools/cli/run';
import { PortSettingError, portsFrom, type PortName } from './ports';
import { LOCAL_CREDENTIALS } from './stand-ins';

/**
 * What a CLI needs to reach the running local cloud (`npm start`): its ports, from the same
 * variables `npm start` reads, with the SDK given the stand-ins' credentials (a real session
 * token would be refused by them). A bad port setting is the user's to fix: a usage error.
 */
export function localCloudPorts(env: NodeJS.ProcessEnv): Record<PortName, number> {
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
