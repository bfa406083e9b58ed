import path from 'node:path';
import { loadFaq } from '../../lambda/content/load-faq';
import type { Faq } from '../../lambda/domain';

/**
 * The sample FAQ as shipped in content/, kept fixed: the project's labelled sets, its tests and
 * the committed answer model are written for it, while content/ is the deploying team's own to edit.
 */
export const SAMPLE_FAQ_DIR = path.resolve(__dirname, '../../test/fixtures/sample-faq/content');

const THREE_ENTRY_FAQ_DIR = path.resolve(__dirname, '../../test/fixtures/three-entry-faq');

/**
 * A team's own FAQ as one starts: three billing entries, the sample's synonyms and hand-over
 * phrases kept. None of the labelled mail is about it, so every answer it sends them is false.
 */
export function threeEntryFaq(): Faq {
  const sample = loadFaq(SAMPLE_FAQ_DIR);
  return { ...loadFaq(THREE_ENTRY_FAQ_DIR), synonyms: sample.synonyms, handover: sample.handover };
}
