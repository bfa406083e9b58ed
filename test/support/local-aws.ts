/**
 * The AWS stand-ins for tests. They are started exactly as the local cloud starts them
 * (`local/stand-ins.ts`), so a suite talks to the same servers `npm start` runs.
 */
import { createServer, type AddressInfo } from 'node:net';
import { LOOPBACK } from '../../local/stand-ins';

export {
  createStateTable,
  LOCAL_CREDENTIALS,
  LOCAL_REGION,
  localDocuments,
  startDynalite,
  startS3,
  startSes,
  type LocalS3,
  type LocalService,
  type LocalSes,
  type SentRawEmail,
  type SesStoredEmail,
} from '../../local/stand-ins';

/** A loopback port nothing listens on (for tests of a service that is down). */
export async function closedPort(): Promise<number> {
  const server = createServer();
  const port = await new Promise<number>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, LOOPBACK, () => resolve((server.address() as AddressInfo).port));
  });
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
