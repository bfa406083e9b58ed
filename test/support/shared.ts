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
  : Object.assign((name: string) => {
      console.warn(`Skipping "${name}": ${SHARED_DIR} is absent (it holds the eval sets and real-world fixtures; see README).`);
      // The suite's body is not run at all: jest runs a skipped describe's body to collect
      // its tests, and these bodies read ../shared while collecting.
      return describe.skip(name, () => {
        it(`needs ${SHARED_DIR}`, () => undefined);
      });
    }, describe);
