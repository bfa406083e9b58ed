import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Config } from '../../lambda/config';
import { decide } from '../../lambda/decide';
import type { Decision } from '../../lambda/domain';
import { parseMessage } from '../../lambda/mail/parse';
import { receiptFromHeaders } from '../../lambda/mail/receipt-headers';
import type { FaqIndex } from '../../lambda/match';
import { PROJECT_ROOT } from './synth-stack';
import { SHARED_DIR } from './shared';
import { SAMPLE_FAQ_DIR } from './sample-faq';

/** A folder of labelled messages and the content folder its FAQ keys refer to. */
export interface LabelledFolder {
  name: string;
  dir: string;
  contentDir: string;
}

/** The project's own labelled sets. */
export const OWN_SETS: LabelledFolder[] = [
  { name: 'inquiries', dir: path.join(PROJECT_ROOT, 'test/fixtures/inquiries'), contentDir: SAMPLE_FAQ_DIR },
  {
    name: 'billing',
    dir: path.join(PROJECT_ROOT, 'test/fixtures/billing-faq/messages'),
    contentDir: path.join(PROJECT_ROOT, 'test/fixtures/billing-faq/content'),
  },
];

/** The eval sets in ../shared (absent from a fresh clone: see describeIfShared). */
export const SHARED_SETS: LabelledFolder[] = ['dev', 'train/a', 'train/b'].map((name) => ({
  name,
  dir: path.join(SHARED_DIR, 'eval', name),
  contentDir: SAMPLE_FAQ_DIR,
}));

/** Everything a decision says, scores and explanations included, by message file. */
export async function decisionsOf(folder: LabelledFolder, index: FaqIndex, config: Config): Promise<Record<string, Decision>> {
  const history = { repliesToOurAnswer: false, recentRepliesToSender: 0 };
  const out: Record<string, Decision> = {};
  for (const file of readdirSync(folder.dir)
    .filter((f) => f.endsWith('.eml'))
    .sort()) {
    const message = await parseMessage(readFileSync(path.join(folder.dir, file)));
    out[file] = decide({ message, receipt: receiptFromHeaders(message), history }, index, config).decision;
  }
  return out;
}
