/** Reading a labelled set from disk: its labels, its FAQ keys, and each message prepared for deciding. */
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Config } from '../../lambda/config';
import { prepareDecision } from '../../lambda/decide';
import type { Faq, History } from '../../lambda/domain';
import { parseMessage, UnparseableMailError } from '../../lambda/mail/parse';
import type { FaqIndex } from '../../lambda/match';
import { storedMailReceipt } from '../cli/local-responder';
import { UsageError } from '../cli/run';
import type { LabelledCases } from './fit-answer-model';
import { parseLabels, resolveKeys, type Label } from './score';

/** Outside the Lambda there are no records: nothing we sent is known, no sender has a count. */
const NO_HISTORY: History = { repliesToOurAnswer: false };

export interface SetLabels {
  labels: Label[];
  /** The label key of an FAQ entry (its id when no key names it). */
  keyOf: (entryId: string) => string;
}

/** A set's text file, without the byte order mark Notepad and Excel write (as the FAQ's own files are read). */
function readText(file: string): string {
  // Read, a folder fails with EISDIR, which names no file.
  if (statSync(file).isDirectory())
    throw new Error(`${file}: a folder, not a file (a labelled set holds *.eml, labels.jsonl and faq-keys.json)`);
  return new TextDecoder().decode(readFileSync(file));
}

/** `faq-keys.json`: one object of key → text; errors name the file. */
function readKeys(keysFile: string, faq: Faq): { keys: Record<string, string>; keyByEntry: Map<string, string> } {
  const text = readText(keysFile);
  let keys: unknown;
  try {
    keys = JSON.parse(text);
  } catch (error) {
    throw new Error(`${keysFile}: not JSON (${(error as Error).message})`);
  }
  if (typeof keys !== 'object' || keys === null || Array.isArray(keys) || Object.values(keys).some((text) => typeof text !== 'string'))
    throw new Error(`${keysFile}: must be one JSON object of "key": "text of the entry's question" (docs/labels.md)`);
  try {
    return { keys: keys as Record<string, string>, keyByEntry: resolveKeys(keys as Record<string, string>, faq.entries) };
  } catch (error) {
    throw new Error(`${keysFile}: ${(error as Error).message}`);
  }
}

/**
 * `DIR/labels.jsonl`, and `faq-keys.json` from the set's folder or the one above. A label for a
 * message that is not there, or naming a key that names no entry, is refused: the one would stop
 * the run with a stack, the other be a case that can never pass.
 */
export function readSetLabels(dir: string, faq: Faq): SetLabels {
  const labelsFile = path.join(dir, 'labels.jsonl');
  const kind = statSync(dir, { throwIfNoEntry: false });
  if (!kind) throw new Error(`${dir} does not exist: give the folder of a labelled set (*.eml and labels.jsonl)`);
  if (!kind.isDirectory())
    throw new Error(
      `${dir} is not a folder: give the folder of a labelled set (*.eml and labels.jsonl); npm run eval -- --explain FILE.eml explains one message`,
    );
  if (!existsSync(labelsFile)) throw new Error(`${labelsFile} does not exist: a labelled set holds *.eml and labels.jsonl`);
  const keysFile = [path.join(dir, 'faq-keys.json'), path.join(dir, '..', 'faq-keys.json')].find((f) => existsSync(f));
  if (!keysFile) throw new Error(`no faq-keys.json in ${dir} or its parent: it maps label keys to FAQ entries`);
  const { keys, keyByEntry } = readKeys(keysFile, faq);
  const labels = parseLabels(readText(labelsFile), labelsFile);
  if (labels.length === 0) throw new Error(`${labelsFile} holds no labels (one JSON object a line: docs/labels.md)`);
  const known = new Set([...Object.keys(keys).filter((key) => !key.startsWith('_')), ...faq.entries.map((e) => e.id)]);
  for (const label of labels) {
    const found = statSync(path.join(dir, label.file), { throwIfNoEntry: false });
    if (!found) throw new Error(`${labelsFile}: ${label.file}: no such message in ${dir}`);
    if (found.isDirectory()) throw new Error(`${labelsFile}: ${label.file}: a folder, not a message (a label names one message file)`);
    const unknown = label.faq.find((key) => !known.has(key));
    if (unknown !== undefined)
      throw new Error(`${labelsFile}: ${label.file}: faq key "${unknown}" is neither in ${keysFile} nor an FAQ entry's id`);
  }
  return { labels, keyOf: (id) => keyByEntry.get(id) ?? id };
}

/**
 * A labelled file that is no email message, named by its label: scored, it would count as mail handed to
 * staff (faqmail hands over what it cannot read), a pass wherever the label says so.
 */
export function notAnEmail(dir: string, file: string, why: string): UsageError {
  return new UsageError(`${path.join(dir, 'labels.jsonl')}: ${file}: not an email message (${why})`);
}

/** Every message of a set parsed, screened and read by the matcher, ready to be decided under any model. */
export async function readLabelledCases(dir: string, faq: Faq, index: FaqIndex, config: Config): Promise<LabelledCases> {
  const { labels, keyOf } = readSetLabels(dir, faq);
  const cases = [];
  for (const label of labels) {
    let message;
    try {
      message = await parseMessage(readFileSync(path.join(dir, label.file)));
    } catch (error) {
      if (error instanceof UnparseableMailError) throw notAnEmail(dir, label.file, error.message);
      throw error;
    }
    // As npm run respond and npm run eval -- DIR read it: a file with none of SES's verdicts is ordinary mail.
    const receipt = storedMailReceipt(message, config.inboxAddress);
    cases.push({ label, keyOf, prepared: prepareDecision({ message, receipt, history: NO_HISTORY }, index, config) });
  }
  return { name: path.basename(path.resolve(dir)), cases };
}
