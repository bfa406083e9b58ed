import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Faq, FaqEntry, HandoverRule } from '../domain';
import { ContentError } from './content-error';
import { parseFaq } from './parse-faq';
import { parseHandover } from './parse-handover';
import { parseSynonyms } from './parse-synonyms';

const SYNONYMS_FILE = 'synonyms.md';
const HANDOVER_FILE = 'handover.md';

/** The content folder shipped with faqmail, beside `lambda/` (the deployed functions read the index built from it at synth). */
const DEFAULT_CONTENT_DIR = path.resolve(__dirname, '../../content');

function normalizeQuestion(question: string): string {
  return question.toLowerCase().replace(/[^a-z0-9]+/g, ' ').trim();
}

function slug(question: string): string {
  return normalizeQuestion(question).split(' ').slice(0, 8).join('-') || 'entry';
}

/** Gives each entry a stable id and rejects a question asked twice (in any file). */
export function assembleFaq(files: Array<{ file: string; markdown: string }>, baseUrlOverride?: string): Faq {
  const entries: FaqEntry[] = [];
  const synonyms: string[][] = [];
  const handover: HandoverRule[] = [];
  const seen = new Map<string, FaqEntry>();
  const ids = new Set<string>();
  for (const { file, markdown } of files) {
    if (path.basename(file) === SYNONYMS_FILE) {
      synonyms.push(...parseSynonyms(markdown, file));
      continue;
    }
    if (path.basename(file) === HANDOVER_FILE) {
      handover.push(...parseHandover(markdown, file));
      continue;
    }
    for (const draft of parseFaq(markdown, file, baseUrlOverride)) {
      const key = normalizeQuestion(draft.question);
      const earlier = seen.get(key);
      if (earlier) {
        throw new ContentError(file, draft.source.line, `the question "${draft.question}" is already asked at ${earlier.source.file}:${earlier.source.line}`);
      }
      let id = slug(draft.question);
      for (let n = 2; ids.has(id); n += 1) id = `${slug(draft.question)}-${n}`;
      const entry: FaqEntry = { id, ...draft };
      ids.add(id);
      seen.set(key, entry);
      entries.push(entry);
    }
  }
  if (entries.length === 0) throw new ContentError(files[0]?.file ?? '(content)', 1, 'the FAQ has no entries (add **Q: ...** lines with answers)');
  return { entries, synonyms, handover };
}

/** Loads every `*.md` file of a content folder, in name order. */
export function loadFaq(dir: string = DEFAULT_CONTENT_DIR, baseUrlOverride?: string): Faq {
  let names: string[];
  try {
    names = readdirSync(dir).filter((name) => name.endsWith('.md')).sort();
  } catch (error) {
    throw new Error(`Cannot read the FAQ content folder ${dir}: ${(error as Error).message}`);
  }
  if (names.length === 0) throw new Error(`The FAQ content folder ${dir} has no .md files`);
  const files = names.map((name) => ({ file: path.join(path.relative(process.cwd(), dir) || '.', name), markdown: readFileSync(path.join(dir, name), 'utf8') }));
  return assembleFaq(files, baseUrlOverride);
}
