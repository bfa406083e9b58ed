/**
 * Writes the verdicts of a period as a labelled set: each judged message's raw original
 * (from the mail bucket) as `<inbound id>.eml`, `labels.jsonl` (`LABELS.md`'s format) and
 * `faq-keys.json` (entry id → question, as `npm run eval` resolves keys).
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { MailStore } from '../../lambda/adapters/mail-store';
import type { FaqEntry } from '../../lambda/domain';
import type { Label } from './score';
import type { DecisionStore } from '../../lambda/state/decision-store';
import { labelFromVerdict } from './verdict-labels';

export interface ExportResult {
  dir: string;
  labelled: number;
  /** Records with a verdict that gave no label, with why. */
  skipped: Array<{ inboundId: string; why: string }>;
}

export async function exportLabels(options: {
  decisions: Pick<DecisionStore, 'between'>;
  mail: Pick<MailStore, 'read'>;
  entries: readonly FaqEntry[];
  since: Date;
  until: Date;
  dir: string;
}): Promise<ExportResult> {
  const records = (await options.decisions.between(options.since, options.until)).filter((record) => record.verdict);
  await mkdir(options.dir, { recursive: true });
  const labels: Label[] = [];
  const skipped: ExportResult['skipped'] = [];
  for (const record of records) {
    const labelled = labelFromVerdict(record);
    if ('skipped' in labelled) {
      skipped.push({ inboundId: record.inboundId, why: labelled.skipped });
      continue;
    }
    let raw: Buffer;
    try {
      raw = await options.mail.read(record.inboundId);
    } catch (error) {
      // The bucket's lifecycle may have expired it before its record.
      skipped.push({ inboundId: record.inboundId, why: `the raw message could not be read (${(error as Error).message})` });
      continue;
    }
    const file = `${record.inboundId}.eml`;
    await writeFile(path.join(options.dir, file), raw);
    labels.push({ file, ...labelled.label });
  }
  const used = new Set(labels.flatMap((label) => label.faq));
  const keys = Object.fromEntries(options.entries.filter((entry) => used.has(entry.id)).map((entry) => [entry.id, entry.question]));
  const period = `${options.since.toISOString()} to ${options.until.toISOString()}`;
  const about = `Keys are faqmail entry ids; exported from staff verdicts on messages received ${period}.`;
  await writeFile(path.join(options.dir, 'faq-keys.json'), `${JSON.stringify({ _about: about, ...keys }, null, 2)}\n`);
  await writeFile(path.join(options.dir, 'labels.jsonl'), labels.map((label) => `${JSON.stringify(label)}\n`).join(''));
  return { dir: options.dir, labelled: labels.length, skipped };
}
