/**
 * Turns one Markdown FAQ file into entries.
 *
 * The form is the one staff already write: `##`/`###` headings for sections, a
 * `**Q: ...**` line for each question and the paragraphs after it for the answer. Staff
 * can teach the responder other ways a question is asked, right under the answer:
 *
 *     Also asked:
 *     - Is listing my app free?
 *     - Do we pay a fee to be listed?
 *
 *     Keywords: fee, price, charge
 *     Not about: the price of Okta licences
 *
 * Those lines are not part of the answer sent to writers. A section with prose but no
 * question (a pointer such as "SCIM FAQs are covered in ...") becomes one entry whose
 * question is the section's heading.
 */
import { parse as parseYaml } from 'yaml';
import type { FaqEntry, FaqSource } from '../domain';
import { editDistance, nameLetters } from '../edit-distance';
import { ContentError } from './content-error';

export interface FrontMatter {
  title?: string;
  /** Base URL that relative links (`/docs/...`) in answers resolve against. */
  baseUrl?: string;
  /** The name writers call the FAQ's owner by ("Okta"): "Hi Okta team, ..." addresses us (lambda/match/owner.ts). */
  owner?: string;
  /**
   * The FAQ's own names for the owner's programmes and products ("Okta Integration Network"), as its entries say them:
   * an entry that says one of them (or the owner's name) is about the owner's own thing, not another vendor's
   * ("How long does Duo take to approve ...?"). A list, or one name; needs `owner`.
   */
  ownerTerms?: string[];
}

/** The keys whose value is one string. */
const STRING_KEYS = ['title', 'baseUrl', 'owner'] as const;
const FRONT_MATTER_KEYS: ReadonlyArray<keyof FrontMatter> = [...STRING_KEYS, 'ownerTerms'];

/** A name as writers type it: letters and digits, with spaces, "&", "-", "'" or "." between, up to 60 characters. */
const OWNER_NAME = /^[\p{L}\p{N}](?:[\p{L}\p{N} &'.-]{0,58}[\p{L}\p{N}])?$/u;

// Markdown reads a line indented by up to three spaces as unindented: so indented, a heading was sent inside the answer above.
const HEADING = /^ {0,3}(#{1,6})\s+(.*)$/;

/**
 * A heading line's level and title, without the closing #s and the blanks around them. Cut off
 * by hand: a pattern that read them after a lazy title (`(.*?)\s*#*\s*$`) took cubic time on a
 * line of many blanks (77 s to load a heading with 5,000).
 */
function headingOf(text: string): { level: number; title: string } | undefined {
  const heading = HEADING.exec(text);
  if (!heading) return undefined;
  return { level: heading[1].length, title: withoutTrailing(heading[2].trimEnd(), (c) => c === '#').trimEnd() };
}

/**
 * `text` without the characters `cut` takes at its end, cut one by one: an end-anchored pattern
 * (`/[\s*_]+$/`) backtracks quadratically over a long run of them inside the line.
 */
function withoutTrailing(text: string, cut: (character: string) => boolean): string {
  let end = text.length;
  while (end > 0 && cut(text[end - 1])) end -= 1;
  return text.slice(0, end);
}
/**
 * A `**Q: ...**` bold part, its words in group 1: read up to the first `**` (so `**Q: How?** By card.**` is no question)
 * and trimmed after, not by lazy matches around `\s*` that backtrack quadratically over a long line.
 */
const BOLD_QUESTION = String.raw`\*\*Q:((?:[^*]|\*(?!\*))+)\*\*`;
const QUESTION = new RegExp(String.raw`^ {0,3}${BOLD_QUESTION}\s*$`);
/**
 * Any other line that starts like a question (`Q: ...` plain or italic, `**Q:** ...` bold around "Q:" alone, `__Q: ...__`,
 * `q:`, `Q.`, `**Q**`, `Question:`, in a bulleted or numbered list): read as prose it would be sent as answer text, and
 * as a heading's title (`### Q: ...`) it would be a section, sent to writers as the question "Q: ...". Its words: group 1.
 */
const QUESTION_START = /^\s*(?:(?:[-*+]|\d+[.)])\s+)?[*_]*(?:Q(?:\s*[:.]|[*_]+\s*[:.]?)|Question[*_]*\s*:)[*_]*\s*(.*)$/i;
/**
 * A line of bold or italic text ending in "?" (`**How do I pay?**`, `__How do I pay?__`, `**How do I pay**?`,
 * `*How do I pay?*`), its words in group 2.
 */
const EMPHASIS_QUESTION = /^\s*(\*{1,3}|_{1,3})(?=.*[\p{L}\p{N}])((?:(?!\1).)*?)(?:\?\s*\1|\1\s*\?+)\s*$/u;
/** A blockquote line (`> ...`, `>...`, nested `> > ...`), what it quotes in group 1. */
const BLOCKQUOTE = /^\s*>(?:\s*>)*\s*(.*)$/;
/** A `**Q: ...**` line with more after its closing `**`: the bold part in group 1, the rest in group 2. */
const QUESTION_THEN_MORE = new RegExp(String.raw`^\s*${BOLD_QUESTION}(.*)$`);
// A staff line's name takes its colon, inside or outside the emphasis (`**Keywords:**`, `*Keywords*:`). Like Markdown,
// which reads a line indented by up to three spaces as unindented: so indented, it was sent to writers.
const ALSO_ASKED = /^ {0,3}[*_]{0,2}Also asked\s*(?::[*_]{0,2}|[*_]{0,2}\s*:)\s*(.*)$/i;
const KEYWORDS = /^ {0,3}[*_]{0,2}Keywords\s*(?::[*_]{0,2}|[*_]{0,2}\s*:)\s*(.*)$/i;
const NOT_ABOUT = /^ {0,3}[*_]{0,2}Not about\s*(?::[*_]{0,2}|[*_]{0,2}\s*:)\s*(.*)$/i;
const STAFF_LINES = ['Also asked', 'Keywords', 'Not about'];
/** A staff line's name with no colon after it. */
const BARE_NAME = /^ {0,3}[*_]{0,2}(Also asked|Keywords|Not about)\b/i;
/** The few words before a line's first colon, as a staff line's name would stand. */
const LABEL = /^ {0,3}[*_]{0,2}([A-Za-z][A-Za-z -]{0,18}?)[*_]{0,2}:/;
/**
 * A fenced code block's fence (CommonMark: three or more backticks or tildes, indented up to three
 * spaces). Inside one, a `# comment` is no heading and `Keyword: x` no staff line: code in an
 * answer is sent as written.
 */
const FENCE = /^ {0,3}(`{3,}|~{3,})/;
const COMMENT_OPEN = '<!--';
const COMMENT_CLOSE = '-->';

/**
 * A line without its HTML comments (`<!-- ... -->`, notes for staff such as the digest's "add below
 * the entry ..."), and whether a comment is still open at its end; `open`: one was at its start.
 * Read as text, a comment would reach writers: the answers' Markdown is rendered with HTML escaped.
 */
function withoutComments(text: string, open: boolean): { text: string; open: boolean } {
  let kept = '';
  let rest = text;
  let inside = open;
  for (;;) {
    if (inside) {
      const end = rest.indexOf(COMMENT_CLOSE);
      if (end < 0) return { text: kept, open: true };
      rest = rest.slice(end + COMMENT_CLOSE.length);
    }
    const start = rest.indexOf(COMMENT_OPEN);
    if (start < 0) return { text: kept + rest, open: false };
    kept += rest.slice(0, start);
    rest = rest.slice(start + COMMENT_OPEN.length);
    inside = true;
  }
}

// Bulleted or numbered: both are lists in Markdown, and a numbered one read as prose would reach writers.
const LIST_ITEM = /^\s*(?:[-*+]|\d+[.)])\s+(.+)$/;

interface Draft extends StaffLines {
  question: string;
  section: string[];
  line: number;
  answer: string[];
}

export function parseFrontMatter(markdown: string, file: string): { frontMatter: FrontMatter; body: string; bodyLine: number } {
  const lines = markdown.split(/\r?\n/);
  if (lines[0]?.trim() !== '---') return { frontMatter: {}, body: markdown, bodyLine: 1 };
  const end = lines.findIndex((line, i) => i > 0 && line.trim() === '---');
  if (end < 0) throw new ContentError(file, 1, 'front matter starts with "---" but has no closing "---" line');
  let data: unknown;
  try {
    data = parseYaml(lines.slice(1, end).join('\n')) ?? {};
  } catch (error) {
    const linePos = (error as { linePos?: Array<{ line: number }> }).linePos?.[0]?.line ?? 0;
    // YAML ends its first line with where it stopped, counted from the front matter: the error's line says it for the file.
    const why = (error as Error).message.split('\n')[0].replace(/ at line \d+, column \d+:$/, '');
    throw new ContentError(file, 1 + linePos, `front matter is not valid YAML: ${why}`);
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    throw new ContentError(file, 2, 'front matter must be a set of "key: value" lines');
  }
  const record = data as Record<string, unknown>;
  for (const key of Object.keys(record)) {
    if (!(FRONT_MATTER_KEYS as readonly string[]).includes(key)) {
      throw new ContentError(file, lineOf(lines, end, key), `unknown front matter key "${key}" (known: ${FRONT_MATTER_KEYS.join(', ')})`);
    }
  }
  const frontMatter: FrontMatter = {};
  for (const key of STRING_KEYS) {
    const value = record[key];
    if (value === undefined) continue;
    if (typeof value !== 'string' || value.trim() === '') throw new ContentError(file, lineOf(lines, end, key), `front matter "${key}" must be a non-empty string`);
    frontMatter[key] = value.trim();
  }
  const terms = record.ownerTerms;
  if (terms !== undefined) {
    const list = Array.isArray(terms) ? (terms as unknown[]) : [terms];
    if (list.length === 0 || list.some((t) => typeof t !== 'string' || t.trim() === '')) {
      throw new ContentError(file, lineOf(lines, end, 'ownerTerms'), 'front matter "ownerTerms" must be a name or a list of names (e.g. ownerTerms: [Example Network])');
    }
    if (record.owner === undefined) {
      throw new ContentError(file, lineOf(lines, end, 'ownerTerms'), 'front matter "ownerTerms" names the owner\'s programmes and products: give "owner" too');
    }
    frontMatter.ownerTerms = list.map((t) => (t as string).trim());
  }
  if (frontMatter.baseUrl !== undefined) {
    try {
      const url = new URL(frontMatter.baseUrl);
      if (!/^https?:$/.test(url.protocol)) throw new Error('not http(s)');
    } catch {
      throw new ContentError(file, lineOf(lines, end, 'baseUrl'), `front matter "baseUrl" must be an absolute http(s) URL, got "${frontMatter.baseUrl}"`);
    }
  }
  if (frontMatter.owner !== undefined && !OWNER_NAME.test(frontMatter.owner)) {
    throw new ContentError(
      file,
      lineOf(lines, end, 'owner'),
      `front matter "owner" must be the name writers call you by (e.g. owner: Okta): letters and digits, with spaces, "&", "-", "'" or "." between, up to 60 characters; got "${frontMatter.owner}"`,
    );
  }
  return { frontMatter, body: lines.slice(end + 1).join('\n'), bodyLine: end + 2 };
}

/**
 * Refuses a numbered list item where the list files (synonyms.md, handover.md) take bullets: it
 * would be left out without a word, a synonym group or a hand-over phrase missing.
 */
export function numberedItem(text: string, file: string, line: number): void {
  const numbered = /^\s*\d+[.)]\s+(.+)$/.exec(text);
  if (numbered) throw new ContentError(file, line, `"${text.trim()}" is numbered: write it as a bullet ("- ${numbered[1].trim()}")`);
}

/**
 * Refuses, in those list files, a line straight after a bullet that is no bullet, heading, comment or blank line:
 * Markdown reads it as the bullet's end (a phrase or group wrapped by an editor), and it would be left out.
 */
export function continuedItem(text: string, afterItem: boolean, file: string, line: number): void {
  if (!afterItem || !text.trim() || /^\s*(?:[-*+]\s|#{1,6}\s|<!--)/.test(text)) return;
  throw new ContentError(
    file,
    line,
    'this line continues the bullet above (Markdown reads the two as one), and would be left out: join it to that line, ' +
      'or put a blank line before it if it is a note',
  );
}

function lineOf(lines: string[], end: number, key: string): number {
  const index = lines.findIndex((line, i) => i > 0 && i < end && line.startsWith(`${key}:`));
  return index < 0 ? 1 : index + 1;
}

/** A link target that names its scheme (`https:`, `mailto:`): it works from a mail as written. */
const ABSOLUTE = /^[a-z][a-z0-9+.-]*:/i;
/** A reference definition (`[guide]: /docs/x "Title"`): its target in group 2, between what comes before and after. */
const REFERENCE = /^( {0,3}\[[^\]]+\]:\s*)(\S+)(.*)$/;
/**
 * An HTML tag of an element (`<b>`, `</p>`, `<a href=...>`, `<br/>`), its name in group 1. Answers are rendered with HTML
 * escaped, so the tag would reach writers as text. Only element names: `<your-app>` is a placeholder, sent as written,
 * and `</docs>` a relative autolink.
 */
const HTML_TAG =
  /<\/?(a|abbr|b|big|blockquote|br|center|code|dd|div|dl|dt|em|font|h[1-6]|hr|i|iframe|img|kbd|li|ol|p|pre|s|script|small|span|strike|strong|style|sub|sup|table|tbody|td|th|thead|tr|u|ul)(?:[\s/][^<>]*)?>/i;
const HTML_MARKDOWN: Record<string, string> = { a: '[text](https://...)', img: '![text](https://...)', b: '**bold**', strong: '**bold**', i: '*italic*', em: '*italic*' };

/**
 * A line of prose as it can be sent: `](/path)` links, `</path>` autolinks and reference definitions resolved against
 * the base URL, outside its code spans (in code, `</div>` in an HTML sample is text, sent as written). A link relative
 * to the page (`docs/x.md`, `#refunds`, an image beside the file) or an HTML tag is refused: in a mail there is no page.
 */
function resolveLinks(text: string, baseUrl: string | undefined, file: string, line: number): string {
  const resolve = (target: string): string => {
    if (ABSOLUTE.test(target)) return target;
    // A protocol-relative link (`//host/x`) takes the scheme of the page it is on, and a mail has none.
    if (target.startsWith('//'))
      throw new ContentError(file, line, `the link "${target}" names no scheme, and a mail has no page to take one from: write https:${target}`);
    if (!target.startsWith('/'))
      throw new ContentError(
        file,
        line,
        `the link "${target}" is relative to a page, and cannot work in mail (no page is open): a link in an answer is a full ` +
          `address (https://...), a mail address (mailto:...) or a path from ${baseUrl ?? "the front matter's baseUrl"} (/docs/...)`,
      );
    if (!baseUrl) throw new ContentError(file, line, `relative link "${target}" needs "baseUrl" in the front matter (e.g. baseUrl: https://developer.example.com)`);
    return new URL(target, baseUrl).toString();
  };
  const reference = REFERENCE.exec(text);
  if (reference) return `${reference[1]}${resolve(reference[2].replace(/^<|>$/g, ''))}${reference[3]}`;
  // Split on code spans: the odd parts are spans.
  return text
    .split(/(`+[^`]*`+)/)
    .map((part, index) => {
      if (index % 2 === 1) return part;
      const tag = HTML_TAG.exec(part);
      if (tag) {
        const name = tag[1].toLowerCase();
        const markdown = HTML_MARKDOWN[name] ?? (/^(p|br|div)$/.test(name) ? 'a blank line' : 'Markdown');
        throw new ContentError(file, line, `${tag[0]} is HTML, which is sent to writers as text: write ${markdown} instead (docs/content.md)`);
      }
      return part
        .replace(/\]\(\s*([^)\s]+)([^)]*)\)/g, (_m, target: string, rest: string) => `](${resolve(target)}${rest})`)
        .replace(/<(\/[^>\s]*)>/g, (_m, target: string) => `<${resolve(target)}>`);
    })
    .join('');
}

function splitTerms(text: string): string[] {
  return text.split(/[,;|·]/).map((term) => term.trim().replace(/^["']|["']$/g, '')).filter(Boolean);
}

/** Where staff lines go: phrasings after "Also asked:", keywords, or else the prose itself. */
interface StaffLines {
  phrasings: string[];
  keywords: string[];
  notAbout: string[];
  /** The line of each of `notAbout`, in its order. */
  notAboutLines: number[];
  /** True while list items after "Also asked:" are being read. */
  inPhrasings: boolean;
  /** The line of an "Also asked:" that has named no phrasing yet, on its line or in its list. */
  alsoAskedEmpty?: number;
  /** What the line before was, when a staff line or a phrasing: Markdown reads a line straight after it as part of it. */
  continues?: string;
}

function noStaffLines(): StaffLines {
  return { phrasings: [], keywords: [], notAbout: [], notAboutLines: [], inPhrasings: false };
}

/**
 * Why a line that is not a staff line looks like one misspelt ("Keywrods: fee") or without its
 * colon ("Not about OIDC logout"), if it does: read as the answer's prose it would be sent to
 * writers, and the entry would lack what staff meant to teach the matcher.
 */
function staffLineMistake(text: string): string | undefined {
  const bare = BARE_NAME.exec(text);
  if (bare) {
    const name = STAFF_LINES.find((n) => n.toLowerCase() === bare[1].toLowerCase());
    return `"${bare[1]}" needs its colon: write "${name}: ..." (a sentence of the answer cannot start with these words: reword it)`;
  }
  const label = LABEL.exec(text)?.[1];
  const meant = label && STAFF_LINES.find((name) => editDistance(nameLetters(label), nameLetters(name)) <= 2);
  if (!meant) return undefined;
  return `"${label}:" is no staff line: did you mean "${meant}:"? (as written, the line would be sent to writers as part of the answer)`;
}

/**
 * Why a line that is no `**Q: ...**` line looks like a question staff meant, if it does: read as
 * prose, no writer's question would ever be matched to it.
 */
function questionLineMistake(text: string, inAnswer: boolean): string | undefined {
  // Quoted, a question and its answer would be sent as part of the answer before it, or as the section's.
  const quoted = BLOCKQUOTE.exec(text)?.[1];
  if (quoted !== undefined && QUESTION_START.test(quoted)) return `a question is no quote${writeIt(quoted)} on a line of its own, without the >`;
  if (QUESTION_START.test(text)) {
    const asked = askedBeforeAnswer(text);
    if (asked) return `the answer goes on the lines below its question: write **Q: ${asked}** on a line of its own, the answer under it`;
    return `a question line must look like **Q: your question?** (bold, on one line)${rewritten(text)}`;
  }
  // An answer may hold a bold or italic line of its own ("**Still stuck?**"); before a section's first question, or a
  // file's, it is the question: its answer would be sent whole as the section's entry (the heading's), or dropped.
  const bold = inAnswer ? null : EMPHASIS_QUESTION.exec(text);
  if (!bold) return undefined;
  return `a question line starts with "Q:": write it **Q: ${bold[2].trim()}?** (without "Q:" it is read as prose, and no writer's question is ever matched to it)`;
}

/**
 * ": write it **Q: ...**" with the words of a question written in another form, when they stand clear of emphasis
 * (not in `**Q: How** do I pay?`, bold in part).
 */
function rewritten(text: string): string {
  const words = withoutTrailing(QUESTION_START.exec(text)?.[1] ?? '', (c) => /[\s*_]/.test(c));
  return /[\p{L}\p{N}]/u.test(words) && !/\*|__/.test(words) ? `: write it **Q: ${words}**` : '';
}

/**
 * The question of a question line that goes on to answer it (`**Q: How do I pay?** By card.`, `**Q:** How do I pay? By
 * card.`, `Q: How do I pay? By card.`), if it does: what follows the first "?" says something and asks nothing. Only a
 * bold part that asks counts (`**Q: How** do I pay?` bolds part of the question, not all of it).
 */
function askedBeforeAnswer(text: string): string | undefined {
  const [, bold, afterBold] = QUESTION_THEN_MORE.exec(text) ?? [];
  const words = withoutTrailing(QUESTION_START.exec(text)?.[1] ?? '', (c) => /[\s*_]/.test(c));
  const end = words.indexOf('?') + 1;
  // Unbolded, its words must stand clear of emphasis, as for a rewrite (below).
  const [asked, more] = bold === undefined ? [words.slice(0, end), words.slice(end)] : [bold.trim(), afterBold];
  const clear = bold !== undefined || (end > 0 && !/\*|__/.test(asked));
  const answers = /[\p{L}\p{N}]/u.test(more) && !withoutTrailing(more, (c) => /[\s*_]/.test(c)).endsWith('?');
  return clear && asked.endsWith('?') && answers ? asked : undefined;
}

/** ": write it **Q: ...**" for a question line written where no question may stand, its words or the general form. */
function writeIt(text: string): string {
  return rewritten(text) || ': write it **Q: your question?**';
}

const UNSENT_FIX = 'if it answers a question, write the question above it as **Q: your question?**; if it is an introduction or a note, delete it';
const STAFF_FIX = 'Also asked:, Keywords: and Not about: lines belong to one entry: move it under the answer of its **Q: ...** line';

/**
 * The mistake in a line before the file's first heading or `**Q: ...**` line: no entry takes it, so
 * it would never be sent. Only front matter, blank lines and headings (a `# Title`) belong there.
 */
function beforeFirstEntry(text: string, file: string, line: number): ContentError {
  if (text.trim() === '---') {
    return new ContentError(file, line, `"---" here starts no front matter (only on the file's first line does it), and is never sent: move the front matter to line 1, or delete the line`);
  }
  return new ContentError(file, line, `this is before the file's first heading or **Q: ...** line, so it is never sent: ${UNSENT_FIX}`);
}

/** Reads a line of an answer or a section's prose: a staff line (true), or prose handed to `addProse`. */
function readLine(target: StaffLines, addProse: (text: string) => void, text: string, file: string, line: number): boolean {
  const also = ALSO_ASKED.exec(text);
  const keywords = KEYWORDS.exec(text);
  const notAbout = NOT_ABOUT.exec(text);
  const item = LIST_ITEM.exec(text);
  const continued = target.continues;
  target.continues = also ? '"Also asked:" line' : keywords ? '"Keywords:" line' : notAbout ? '"Not about:" line' : undefined;
  if (also) {
    const phrasings = splitTerms(also[1]);
    target.phrasings.push(...phrasings);
    if (phrasings.length === 0) target.alsoAskedEmpty ??= line;
    target.inPhrasings = true;
  } else if (keywords) {
    const terms = splitTerms(keywords[1]);
    // Unlike "Also asked:", it takes no list: bullets under it would be read as the answer.
    if (terms.length === 0) throw new ContentError(file, line, '"Keywords:" names no keyword (write them on its line, e.g. "Keywords: fee, price")');
    target.keywords.push(...terms);
    target.inPhrasings = false;
  } else if (notAbout) {
    const topics = splitTerms(notAbout[1]);
    if (topics.length === 0) {
      throw new ContentError(file, line, '"Not about:" names no topic (write e.g. "Not about: OIDC logout, API token lifetime")');
    }
    target.notAbout.push(...topics);
    target.notAboutLines.push(...topics.map(() => line));
    target.inPhrasings = false;
  } else if (target.inPhrasings && item) {
    // Taken as a phrasing, "- Not about: OIDC logout" would teach the matcher the very topic the entry is not about.
    const staffLine = item[1].trim();
    if ([ALSO_ASKED, KEYWORDS, NOT_ABOUT].some((name) => name.test(staffLine)))
      throw new ContentError(file, line, `a staff line is no phrasing: write "${staffLine}" on a line of its own, without the bullet`);
    target.phrasings.push(staffLine);
    target.alsoAskedEmpty = undefined;
    target.continues = 'phrasing under "Also asked:"';
  } else if (target.inPhrasings && /^\s*(?:[-*+]\s*)?$/.test(text)) {
    // A blank line may separate "Also asked:" from its list; an empty bullet (one deleted, or not yet written) must not end it.
  } else {
    const mistake = staffLineMistake(text);
    if (mistake) throw new ContentError(file, line, mistake);
    // A tab or four spaces make it an indented code block in Markdown: no staff line, but sent to writers as code.
    if (/^(?:\t| {4})/.test(text) && [ALSO_ASKED, KEYWORDS, NOT_ABOUT].some((name) => name.test(text.trim())))
      throw new ContentError(file, line, `this staff line is indented as code, so it would be sent to writers as code: write "${text.trim()}" without the indent`);
    // A phrasing or staff line wrapped onto the next line: read as prose, its end and all after it went to writers.
    if (continued && text.trim())
      throw new ContentError(
        file,
        line,
        `this line continues the ${continued} above (Markdown reads the two as one), so it would be sent to writers as part of the answer: ` +
          'join it to that line, or put a blank line before it if it is the answer',
      );
    target.inPhrasings = false;
    addProse(text);
    return false;
  }
  return true;
}

/**
 * Refuses an "Also asked:" that named no phrasing (its list forgotten, emptied, or parted from it by answer text):
 * staff meant to teach the matcher a way writers ask, and nothing would be taught.
 */
function alsoAskedNamed(staff: StaffLines, file: string): void {
  if (staff.alsoAskedEmpty === undefined) return;
  throw new ContentError(
    file,
    staff.alsoAskedEmpty,
    '"Also asked:" names no phrasing: list them under it, one a bullet ("- Can I pay by card?"), with no answer text between, or delete the line',
  );
}

/** Where an entry stands, and its `Not about:` topics when it has any: a topic refused later is located at its own line. */
function sourceOf(file: string, line: number, staff: StaffLines): FaqSource {
  return { file, line, ...(staff.notAboutLines.length > 0 ? { notAbout: staff.notAboutLines } : {}) };
}

/** Parses one FAQ file; `file` is the name reported in errors. */
export function parseFaq(markdown: string, file: string, baseUrlOverride?: string): Array<Omit<FaqEntry, 'id'>> {
  const { frontMatter, body, bodyLine } = parseFrontMatter(markdown, file);
  const baseUrl = baseUrlOverride ?? frontMatter.baseUrl;
  const entries: Array<Omit<FaqEntry, 'id'>> = [];
  const headings: string[] = [];
  let headingLevels: number[] = [];
  let draft: Draft | undefined;
  // `from`: the line of the first text under the heading, which no entry takes once a question follows it;
  // `staffFrom`: of its first staff line, which no entry takes if the section has no prose either.
  let sectionProse: (StaffLines & { heading: string; line: number; text: string[]; from?: number; staffFrom?: number }) | undefined;

  const finishDraft = (): void => {
    if (!draft) return;
    const answer = draft.answer.join('\n').trim();
    if (!answer) throw new ContentError(file, draft.line, `the question "${draft.question}" has no answer (write the answer in the paragraphs under it)`);
    alsoAskedNamed(draft, file);
    entries.push({
      question: draft.question,
      answer,
      section: draft.section,
      phrasings: draft.phrasings,
      keywords: draft.keywords,
      notAbout: draft.notAbout,
      source: sourceOf(file, draft.line, draft),
    });
    draft = undefined;
  };
  const finishSection = (): void => {
    if (!sectionProse) return;
    const prose = sectionProse.text.join('\n').trim();
    if (prose) {
      alsoAskedNamed(sectionProse, file);
      entries.push({
        question: sectionProse.heading,
        answer: prose,
        section: headings.slice(0, -1),
        phrasings: sectionProse.phrasings,
        keywords: sectionProse.keywords,
        notAbout: sectionProse.notAbout,
        source: sourceOf(file, sectionProse.line, sectionProse),
      });
    } else if (sectionProse.staffFrom !== undefined) {
      const where = `this is under "${sectionProse.heading}", which has no question and no prose of its own, so no entry takes it`;
      throw new ContentError(file, sectionProse.staffFrom, `${where}: ${STAFF_FIX}`);
    }
    sectionProse = undefined;
  };

  let code: { fence: string; line: number } | undefined;
  // The line an HTML comment still open began on.
  let comment: number | undefined;
  body.split(/\r?\n/).forEach((written, index) => {
    const line = bodyLine + index;
    let text = written;
    if (!code && (comment !== undefined || text.includes(COMMENT_OPEN))) {
      const uncommented = withoutComments(text, comment !== undefined);
      comment = uncommented.open ? (comment ?? line) : undefined;
      // A line that held only a comment is no line at all, not even a blank one between paragraphs.
      if (!uncommented.text.trim()) return;
      text = uncommented.text;
    }
    const fence = FENCE.exec(text)?.[1];
    if (code || fence) {
      // It closes on a fence of the same character, at least as long, with nothing after it.
      if (!code) code = { fence: fence!, line };
      else if (fence && fence[0] === code.fence[0] && fence.length >= code.fence.length && text.trim() === fence) code = undefined;
      if (draft) {
        draft.inPhrasings = false;
        draft.continues = undefined;
        draft.answer.push(text);
      } else if (sectionProse) {
        sectionProse.inPhrasings = false;
        sectionProse.continues = undefined;
        sectionProse.from ??= line;
        sectionProse.text.push(text);
      } else throw beforeFirstEntry(text, file, line);
      return;
    }
    const heading = headingOf(text);
    if (heading && QUESTION_START.test(heading.title)) {
      // As a section its title would be sent to writers as the question, "Q:" and all, and the entries after it filed under it.
      throw new ContentError(file, line, `a question is no heading${writeIt(heading.title)} on a line of its own, without the #s, under its section's heading`);
    }
    if (heading) {
      finishDraft();
      finishSection();
      const { level } = heading;
      const keep = headingLevels.filter((l) => l < level).length;
      headings.splice(keep);
      headingLevels = headingLevels.slice(0, keep);
      headings.push(heading.title);
      headingLevels.push(level);
      sectionProse = { heading: heading.title, line, text: [], ...noStaffLines() };
      return;
    }
    const question = QUESTION.exec(text)?.[1].trim();
    if (question !== undefined) {
      finishDraft();
      if (!/[\p{L}\p{N}]/u.test(question)) throw new ContentError(file, line, 'the question has no words (write **Q: your question?**)');
      if (sectionProse?.from !== undefined) {
        const where = `this is under "${sectionProse.heading}" before its first **Q: ...** line`;
        // A heading's prose is an entry of its own only in a section of no questions (a pointer, such as "### SCIM").
        const staff = sectionProse.from === sectionProse.staffFrom;
        throw new ContentError(file, sectionProse.from, staff ? `${where}, so no entry takes it: ${STAFF_FIX}` : `${where}, so it is never sent: ${UNSENT_FIX}`);
      }
      draft = { question, section: [...headings], line, answer: [], ...noStaffLines() };
      return;
    }
    // A writer's phrasing under "Also asked:" may open with a label ("- Question: can I pay by invoice?", as the
    // digest's snippet pastes it): there it is a phrasing, unless written as a whole question line.
    const phrasing = (draft ?? sectionProse)?.inPhrasings ? LIST_ITEM.exec(text)?.[1].trim() : undefined;
    const mistake = phrasing === undefined || QUESTION.test(phrasing) ? questionLineMistake(text, draft !== undefined) : undefined;
    if (mistake) throw new ContentError(file, line, mistake);
    // Staff phrasings and keywords follow an answer, or the prose of a section without questions.
    const linked = (into: string[]) => (prose: string) => into.push(resolveLinks(prose, baseUrl, file, line));
    if (draft) readLine(draft, linked(draft.answer), text, file, line);
    else if (sectionProse) {
      if (text.trim()) sectionProse.from ??= line;
      const staff = readLine(sectionProse, linked(sectionProse.text), text, file, line);
      if (staff && text.trim()) sectionProse.staffFrom ??= line;
    } else if (text.trim()) throw beforeFirstEntry(text, file, line);
  });
  // Unclosed, it would hide every entry after it.
  if (comment !== undefined)
    throw new ContentError(file, comment, `the comment opened here with ${COMMENT_OPEN} is not closed (end it with ${COMMENT_CLOSE})`);
  // Unclosed, it would take every entry after it into one answer.
  if (code) throw new ContentError(file, code.line, `the code block opened here with ${code.fence} is not closed (end it with ${code.fence})`);
  finishDraft();
  finishSection();
  return entries;
}
