/**
 * The verdict words staff write on the first line of a reply to one of our staff mails:
 *
 * - `good`: what faqmail did (or, in shadow mode, would have sent) was right;
 * - `wrong`: it was wrong: the entries it chose should not have gone out (or a hand-over should
 *   not have been needed);
 * - `wrong: <entry key or question>`: only that one of the entries it chose was wrong;
 * - `should answer: <entry key or question>`: that entry answers the message.
 *
 * A verdict link opens with `wrong: ` or `should answer: ` for staff to complete, and a mail client
 * (on a phone, often) can leave the cursor before it: the word with nothing after the colon is still
 * meant as a verdict, and comes back with an empty name for the caller (./staff-reply) to tell apart from
 * a note: `wrong:` says the answer was wrong, as a bare `wrong` does, unless the entry was typed on
 * another line; `should answer:` says nothing that can count (whether the chosen entry was right
 * depends on the one not named).
 *
 * Pure: the words, not who may say them (./staff-reply) nor which entry a name means (./resolve-entry).
 */

export type VerdictWord = 'good' | 'wrong' | 'should-answer';

export interface ParsedVerdict {
  word: VerdictWord;
  /** The entry named after the colon, as written (trimmed): empty for `wrong:` or `should answer:` alone; absent for `good`, `wrong`. */
  names?: string;
}

/** Words and the punctuation people add to a one-word line ("Good.", "wrong!"). */
const BARE = /^(good|wrong)\s*[.!]*$/i;
const NAMING = /^(wrong|should\s+answer)\s*:\s*(.*?)\s*$/i;
/**
 * Emphasis as a client's plain-text part writes it (Gmail and Thunderbird `*bold*`, Thunderbird `/italic/` and
 * `_underline_`) or a Markdown habit types it (`**bold**`), paired: around the whole line, or around the verdict
 * word (with its colon or before it). Only the marks go: `*good* catch, but…` is still a sentence.
 */
const EMPHASIS = String.raw`(\*\*|__|[*_/])`;
const WRAPPED_LINE = new RegExp(String.raw`^${EMPHASIS}(?=\S)(.*\S)\1$`);
const WRAPPED_WORD = new RegExp(String.raw`^${EMPHASIS}(good|wrong|should answer)(:?)\1`, 'i');
/** A first line longer than this is a sentence, not a verdict. */
const MAX_LINE = 300;

/**
 * The text a verdict (and a verdict link's reference, ./verdict-ref) is read from: what staff
 * wrote now, or the whole text when the reply parser took all of it for quotes or a signature.
 */
export function verdictText(message: { newText: string; text: string }): string {
  return message.newText.trim() ? message.newText : message.text;
}

/** The first line that has anything on it. */
export function firstLine(text: string): string {
  return (
    text
      .split(/\r?\n/)
      .find((line) => line.trim() !== '')
      ?.trim() ?? ''
  );
}

/**
 * The verdict on the first non-empty line of `text`, or undefined when that line is not one
 * (a note, a question, "good catch, but…"): only the whole line counts, so that an ordinary
 * remark is never taken for a verdict.
 */
export function parseVerdict(text: string): ParsedVerdict | undefined {
  // NFKC: a CJK keyboard or IME types the full-width colon (U+FF1A), space and letters, which mean the ASCII ones.
  const spaced = firstLine(text).normalize('NFKC').replace(/\s+/g, ' ');
  if (spaced.length === 0 || spaced.length > MAX_LINE) return undefined;
  const line = spaced.replace(WRAPPED_LINE, '$2').replace(WRAPPED_WORD, '$2$3');
  const bare = BARE.exec(line);
  if (bare) return { word: bare[1].toLowerCase() as VerdictWord };
  const naming = NAMING.exec(line);
  if (!naming) return undefined;
  const word: VerdictWord = naming[1].toLowerCase() === 'wrong' ? 'wrong' : 'should-answer';
  return { word, names: naming[2] };
}

/**
 * `should answer:` naming no entry: meant as a verdict, but none that can count (whether the entry chosen was right
 * depends on the one not named). `wrong:` naming none is a bare `wrong`.
 */
export function namesNoEntry(verdict: ParsedVerdict): boolean {
  return verdict.word === 'should-answer' && verdict.names === '';
}

/** The verdict words as staff read them in a footer or a guide, one per line. */
export const VERDICT_WORDS: ReadonlyArray<[form: string, meaning: string]> = [
  ['good', 'the answer (or the hand-over) was right'],
  ['wrong', 'the answer should not have gone out (or the hand-over was not needed)'],
  ['wrong: <entry key or question>', 'that one of the answers was wrong'],
  ['should answer: <entry key or question>', 'that FAQ entry answers the message'],
];
