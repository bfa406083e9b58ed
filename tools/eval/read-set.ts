/** Reading a labelled set from disk: its labels, its FAQ keys, and each message prepared for deciding. */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Config } from '../../lambda/config';
import { prepareDecision } from '../../lambda/decide';
import type { Faq, History } from '../../lambda/domain';
import { parseMessage } from '../../lambda/mail/parse';
import { receiptFromHeaders } from '../../lambda/mail/receipt-headers';
import type { FaqIndex } from '../../lambda/match';
import type { LabelledCases } from './fit-answer-model';
import { parseLabels, resolveKeys, type Label } from './score';

/** Outside the Lambda there are no records: nothing we sent is known, no sender has a count. */
const NO_HISTORY: History = { repliesToOurAnswer: false };

export interface SetLabels {
  labels: Label[];
  /** The label key of an FAQ entry (its id when no key names it). */
  keyOf: (entryId: string) => string;
}

/** `DIR/labels.jsonl`, and `faq-keys.json` from the set's folder or the one above. */
export function readSetLabels(dir: string, faq: Faq): SetLabels {
  const labelsFile = path.join(dir, 'labels.jsonl');
  if (!existsSync(labelsFile)) throw new Error(`${labelsFile} does not exist: a labelled set holds *.eml and labels.jsonl`);
  const keysFile = [path.join(dir, 'faq-keys.json'), path.join(dir, '..', 'faq-keys.json')].find((f) => existsSync(f));
  if (!keysFile) throw new Error(`no faq-keys.json in ${dir} or its parent: it maps label keys to FAQ entries`);
  const keyByEntry = resolveKeys(JSON.parse(readFileSync(keysFile, 'utf8')) as Record<string, string>, faq.entries);
  return { labels: parseLabels(readFileSync(labelsFile, 'utf8'), labelsFile), keyOf: (id) => keyByEntry.get(id) ?? id };
}

/** Every message of a set parsed, screened and read by the matcher, ready to be decided under any model. */
export async function readLabelledCases(dir: string, faq: Faq, index: FaqIndex, config: Config): Promise<LabelledCases> {
  const { labels, keyOf } = readSetLabels(dir, faq);
  const cases = [];
  for (const label of labels) {
    const message = await parseMessage(readFileSync(path.join(dir, label.file)));
    const receipt = receiptFromHeaders(message, [config.inboxAddress]);
    cases.push({ label, keyOf, prepared: prepareDecision({ message, receipt, history: NO_HISTORY }, index, config) });
  }
  return { name: path.basename(path.resolve(dir)), cases };
}
