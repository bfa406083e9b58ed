import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { tempDir } from './temp-dir';

const EXAMPLES = path.resolve(__dirname, '../../examples');

export interface LabelledSetFiles {
  /** Names of messages in examples/, copied in under the same names. */
  messages?: string[];
  /** What faq-keys.json holds, as JSON (not necessarily a valid one: some tests check that it is refused). */
  keys?: unknown;
  /** The lines of labels.jsonl, one JSON object each. */
  labels?: object[];
  /** Where the set goes (made if missing); a new temporary folder, removed after the suite, when not given. */
  dir?: string;
}

/** A labelled set as `npm run eval` and `npm run fit -- --with` read one (docs/labels.md); returns its folder. */
export function labelledSet({ messages = [], keys = {}, labels = [], dir = tempDir('faqmail-set-') }: LabelledSetFiles): string {
  mkdirSync(dir, { recursive: true });
  for (const name of messages) writeFileSync(path.join(dir, name), readFileSync(path.join(EXAMPLES, name)));
  writeFileSync(path.join(dir, 'faq-keys.json'), JSON.stringify(keys));
  writeFileSync(path.join(dir, 'labels.jsonl'), `${labels.map((label) => JSON.stringify(label)).join('\n')}\n`);
  return dir;
}
