import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, type Dirent } from 'node:fs';
import path from 'node:path';
import type { Faq, FaqEntry, HandoverRule } from '../domain';
import { editDistance } from '../edit-distance';
import { compileHandover, findHandover } from '../match/handover';
import { compileOwner } from '../match/owner';
import { foldText } from '../match/words';
import { shownPath } from '../shown-path';
import { ContentError } from './content-error';
import { parseFaq, parseFrontMatter } from './parse-faq';
import { parseHandover } from './parse-handover';
import { parseSynonyms } from './parse-synonyms';

const SYNONYMS_FILE = 'synonyms.md';
const HANDOVER_FILE = 'handover.md';
/** Markdown by its name, in any case: only `*.md` is read, and `unread` refuses the others. */
const MARKDOWN_NAME = /\.(md|markdown)$/i;

const NO_ENTRY =
  'defines no FAQ entry, so none of it is ever sent: an entry is a "**Q: question?**" line with its answer under it, ' +
  'or a heading with prose under it (docs/content.md shows the format)';

/** How many of a question's first words make its id: enough to tell questions apart, few enough for a mail header. */
const ID_WORDS = 8;

/** The content folder shipped with faqmail, beside `lambda/` (the deployed functions read the index built from it at synth). */
const DEFAULT_CONTENT_DIR = path.resolve(__dirname, '../../content');

/** A question's words, accents folded ("café" is "cafe"), for telling the same question asked twice. */
function normalizeQuestion(question: string): string {
  return foldText(question)
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/**
 * An entry's id: staff verdicts, decision records and labels name entries by it, so it comes from the question alone,
 * never from where the entry stands. A question without a Latin letter or digit (no words to slug) is named by a hash.
 */
export function idOf(question: string): string {
  const words = normalizeQuestion(question);
  if (!words) return `entry-${createHash('sha256').update(question.trim()).digest('hex').slice(0, 8)}`;
  return words.split(' ').slice(0, ID_WORDS).join('-');
}

/** How a question or phrasing is compared with another: by its words, or as written when it has no Latin word. */
export function askedKey(text: string): string {
  return normalizeQuestion(text) || text.trim();
}

/**
 * Refuses an entry that asks, in its question or a phrasing, what another entry asks (the digest's snippet pasted under
 * the wrong entry): the matcher would be taught that the one question wants both, and answer it with either.
 */
function askedOnce(entry: FaqEntry, asked: Map<string, FaqEntry>): void {
  for (const text of [entry.question, ...entry.phrasings]) {
    const key = askedKey(text);
    const other = asked.get(key);
    if (other && other !== entry) {
      const own = text === entry.question ? 'its question' : 'a phrasing';
      const theirs = key === askedKey(other.question) ? 'the question' : 'a phrasing';
      throw new ContentError(
        entry.source.file,
        entry.source.line,
        `"${entry.question}" asks "${text}" (${own}), which is ${theirs} of "${other.question}" at ${other.source.file}:${other.source.line}: ` +
          'a way of asking belongs to one entry, so remove it from the entry that does not answer it',
      );
    }
    asked.set(key, entry);
  }
}

/** Gives each entry its id and rejects a question asked twice (in any file), or two that would share an id. */
export function assembleFaq(files: Array<{ file: string; markdown: string }>, baseUrlOverride?: string): Faq {
  const entries: FaqEntry[] = [];
  const synonyms: string[][] = [];
  const handover: HandoverRule[] = [];
  const seen = new Map<string, FaqEntry>();
  const ids = new Map<string, FaqEntry>();
  const asked = new Map<string, FaqEntry>();
  let owner: { name: string; file: string } | undefined;
  const ownerTerms: string[] = [];
  for (const { file, markdown } of files) {
    // Read as FAQ entries, a misnamed Synonyms.md would lose its groups and send its lists to writers as answers.
    const base = path.basename(file);
    const misnamed = [SYNONYMS_FILE, HANDOVER_FILE].find((name) => base !== name && editDistance(base.toLowerCase(), name) <= 2);
    if (misnamed) throw new ContentError(file, undefined, `named like ${misnamed}: rename it ${misnamed} (any other name is read as FAQ entries)`);
    lineEnds(file, markdown);
    if (base === SYNONYMS_FILE) {
      synonyms.push(...parseSynonyms(markdown, file));
      continue;
    }
    if (base === HANDOVER_FILE) {
      handover.push(...parseHandover(markdown, file));
      continue;
    }
    const { owner: named, ownerTerms: namedTerms } = parseFrontMatter(markdown, file).frontMatter;
    for (const term of namedTerms ?? []) if (!ownerTerms.includes(term)) ownerTerms.push(term);
    if (named !== undefined && owner !== undefined && named !== owner.name)
      throw new ContentError(file, undefined, `front matter "owner" is "${named}" here but "${owner.name}" in ${owner.file}: give the owner's name in one file`);
    if (named !== undefined) owner ??= { name: named, file };
    const drafts = parseFaq(markdown, file, baseUrlOverride);
    // Front matter or headings alone: staff who saved the file would think something in it served.
    if (drafts.length === 0) throw new ContentError(file, undefined, NO_ENTRY);
    for (const draft of drafts) {
      const key = askedKey(draft.question);
      const earlier = seen.get(key);
      if (earlier) {
        throw new ContentError(file, draft.source.line, `the question "${draft.question}" is already asked at ${earlier.source.file}:${earlier.source.line}`);
      }
      const id = idOf(draft.question);
      const sameId = ids.get(id);
      // Numbered in load order instead, an entry moved to an earlier file would take the other's id, and its verdicts.
      if (sameId)
        throw new ContentError(
          file,
          draft.source.line,
          `the question "${draft.question}" would have the id "${id}" (its first ${ID_WORDS} words), as the question at ${sameId.source.file}:${sameId.source.line} has: ` +
            'ids name entries in staff verdicts and records, so reword the start of one question',
        );
      const entry: FaqEntry = { id, ...draft };
      askedOnce(entry, asked);
      ids.set(id, entry);
      seen.set(key, entry);
      entries.push(entry);
    }
  }
  if (entries.length === 0) throw noEntries(files);
  handoverAsked(entries, handover, owner?.name);
  return { entries, synonyms, handover, ...(owner ? { owner: owner.name } : {}), ...(ownerTerms.length > 0 ? { ownerTerms } : {}) };
}

/**
 * Refuses a carriage return that ends no CRLF (an old Mac file, or a line pasted from one): Markdown ends a line there,
 * but the content is read by LF, so the lines around it would be read as one (a question and its answer, or two synonym
 * groups), silently wrong.
 */
function lineEnds(file: string, markdown: string): void {
  const lone = markdown.search(/\r(?!\n)/);
  if (lone < 0) return;
  const line = markdown.slice(0, lone).split('\n').length;
  throw new ContentError(file, line, 'this line holds a carriage return (CR) that ends no CRLF, an old Mac line end: save it with LF or CRLF line ends');
}

/**
 * The FAQ has no entry, though its folder was read: every file in it is synonyms or hand-over phrases (an FAQ file
 * defining none fails on its own). Located at the folder, not at a file: questions belong in no file it has.
 */
function noEntries(files: ReadonlyArray<{ file: string }>): ContentError {
  const names = files.map(({ file }) => path.basename(file));
  const hold = names.length === 1 ? 'holds' : 'hold';
  return new ContentError(
    files.length > 0 ? path.dirname(files[0].file) : '(content)',
    undefined,
    `the FAQ has no entries: ${names.join(', ')} ${hold} none (synonyms and hand-over phrases only); ` +
      'add a .md file of **Q: ...** lines with answers (docs/content.md shows the format)',
  );
}

/**
 * Refuses a hand-over phrase that fires on an entry's own question or staff phrasing: staff wrote
 * both that such mail is answered by the entry and that it needs a person, and mail asking it in
 * those words would go to a person every time, never getting the answer written for it.
 */
function handoverAsked(entries: readonly FaqEntry[], handover: readonly HandoverRule[], owner: string | undefined): void {
  const readings = compileOwner(owner);
  for (const rule of handover) {
    const cues = compileHandover([rule], readings);
    for (const entry of entries) {
      for (const asked of [entry.question, ...entry.phrasings]) {
        const hit = findHandover(asked, cues);
        if (!hit) continue;
        const which = asked === entry.question ? 'question' : 'phrasing';
        // At the phrase's own line, the one to narrow (a rule built elsewhere has only its reason's).
        throw new ContentError(
          rule.source.file,
          rule.source.cues?.[rule.cues.indexOf(hit.phrase)] ?? rule.source.line,
          `the phrase "${hit.phrase}" (under "${rule.reason}") fires on the ${which} "${asked}" at ${entry.source.file}:${entry.source.line}: ` +
            `mail asking it so would go to a person and never get that answer; narrow the phrase, or remove the ${which} if a person should answer it`,
        );
      }
    }
  }
}

// Fatal: a file saved in another encoding must fail, not reach writers with U+FFFD in it. The BOM some editors write is dropped.
const UTF8 = new TextDecoder('utf-8', { fatal: true });

/** One content file as text; a file that cannot be read or is not UTF-8 is a content mistake, named. */
function readContent(file: string, fullPath: string): string {
  let bytes: Buffer;
  try {
    bytes = readFileSync(fullPath);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new ContentError(file, undefined, `cannot read it (${code === 'EISDIR' ? 'it is a folder' : (error as Error).message})`);
  }
  try {
    return UTF8.decode(bytes);
  } catch {
    const lossy = new TextDecoder().decode(bytes);
    const line = lossy.slice(0, lossy.indexOf('\uFFFD')).split('\n').length;
    throw new ContentError(file, line, 'the file is not UTF-8 (an editor saved it in another encoding): save it as UTF-8');
  }
}

/**
 * Refuses FAQ files the load would pass over without a word: a subfolder of `.md` files (only
 * the folder's own files are read), Markdown not named `*.md` (`Billing.MD`, `faq.markdown`) and
 * a `.txt` file of questions.
 */
function unread(found: readonly Dirent[], dir: string, shown: string): void {
  for (const entry of found) {
    const file = path.join(shown, entry.name);
    if (entry.isDirectory() && !entry.name.endsWith('.md') && readdirSync(path.join(dir, entry.name)).some((name) => MARKDOWN_NAME.test(name)))
      throw new ContentError(file, undefined, `a folder of .md files: only the .md files directly in ${shown} are read (move them up, or merge them)`);
    const renamed = `only files named *.md are read: rename it ${entry.name.replace(/(?:\.md)?\.\w+$/i, '.md')}`;
    if (entry.isFile() && MARKDOWN_NAME.test(entry.name) && !entry.name.endsWith('.md')) throw new ContentError(file, undefined, renamed);
    // Notepad saves "refunds.md" as "refunds.md.txt"; a .txt of notes, with no question line, stays beside the FAQ.
    if (entry.isFile() && /\.txt$/i.test(entry.name) && /^ {0,3}\*\*Q:/m.test(readFileSync(path.join(dir, entry.name), 'utf8')))
      throw new ContentError(file, undefined, `it holds **Q: ...** lines, but ${renamed}`);
  }
}

/**
 * A hidden file or folder, its name starting with a dot, as ls, shells and file managers hide it: an editor's
 * lock or swap file (Emacs's `.#faq.md`, a link to nothing), macOS's `._faq.md` beside each file copied to a
 * shared drive, a copy put aside as `.faq.md`. Never the FAQ: read, each would fail the load or ask its
 * questions twice.
 */
function isHidden(name: string): boolean {
  return name.startsWith('.');
}

/** The FAQ, and the hidden Markdown files of its folder, passed over unread (check-content names them). */
interface LoadedContent {
  faq: Faq;
  hidden: string[];
}

/** Loads every `*.md` file of a content folder, in name order, passing over hidden ones. */
export function loadContent(dir: string = DEFAULT_CONTENT_DIR, baseUrlOverride?: string): LoadedContent {
  const shown = shownPath(dir);
  let found: Dirent[];
  try {
    found = readdirSync(dir, { withFileTypes: true });
  } catch (error) {
    throw new ContentError(shown, undefined, `cannot read the FAQ content folder (${(error as Error).message})`);
  }
  const visible = found.filter((entry) => !isHidden(entry.name));
  const hidden = found
    .map((entry) => entry.name)
    .filter((name) => isHidden(name) && MARKDOWN_NAME.test(name))
    .sort();
  unread(visible, dir, shown);
  const names = visible.map((entry) => entry.name).filter((name) => name.endsWith('.md')).sort();
  if (names.length === 0) {
    const passedOver = hidden.length > 0 ? ` (hidden ones are not read: ${hidden.join(', ')})` : '';
    throw new ContentError(shown, undefined, `the FAQ content folder has no .md files${passedOver}`);
  }
  const files = names.map((name) => {
    const file = path.join(shown, name);
    return { file, markdown: readContent(file, path.join(dir, name)) };
  });
  return { faq: assembleFaq(files, baseUrlOverride), hidden };
}

/** Loads the FAQ of a content folder (loadContent, without the names of the hidden files). */
export function loadFaq(dir: string = DEFAULT_CONTENT_DIR, baseUrlOverride?: string): Faq {
  return loadContent(dir, baseUrlOverride).faq;
}
