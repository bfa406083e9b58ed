import { existsSync } from 'node:fs';
import path from 'node:path';

/**
 * `../shared` beside the project holds the eval sets and real-world fixtures. A user's
 * fresh clone has no such folder, so suites that read it skip, saying why.
 */
export const SHARED_DIR = path.resolve(__dirname, '../../../shared');
export const hasShared = existsSync(SHARED_DIR);

export const describeIfShared: jest.Describe = hasShared
  ? describe
  : (Object.assign((name: string, fn: () => void) => {
      console.warn(`Skipping "${name}": ${SHARED_DIR} is absent (it holds the eval sets and real-world fixtures; see README).`);
      return describe.skip(name, fn);
    }, describe) as jest.Describe);
