/** `npm start`'s outbox: a new temporary folder that keeps every mail the local cloud sends. */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { startLocalCloud, type LocalCloud, type LocalCloudOptions } from './cloud';

/**
 * Starts the local cloud with a new outbox in `parent`, and says where the outbox is. A cloud that does not start
 * (a port in use) has sent nothing: its outbox, empty, goes again rather than staying behind in the temporary folder.
 */
export async function startWithOutbox(
  options: Omit<LocalCloudOptions, 'outbox'>,
  parent: string = os.tmpdir(),
): Promise<{ cloud: LocalCloud; outbox: string }> {
  const outbox = await mkdtemp(path.join(parent, 'faqmail-outbox-'));
  try {
    return { cloud: await startLocalCloud({ ...options, outbox }), outbox };
  } catch (error) {
    await rm(outbox, { recursive: true, force: true });
    throw error;
  }
}
