/**
 * Recognises what only a person can deal with, from the phrases staff list in
 * `content/handover.md` (see lambda/content/parse-handover.ts for their form).
 */
import type { HandoverRule } from '../domain';
import { wordsOf } from './words';

export interface HandoverCue {
  reason: string;
  phrase: string;
  pattern: RegExp;
  /**
   * A word the text must hold for the pattern to match: one of its first part's alternatives'
   * first words (`prefix` when the alternative is one word ending in `*`). A text holding none
   * is not tested, so most of the cues are never run, nor compiled, for a given message.
   */
  starts: Array<{ word: string; prefix: boolean }>;
}

export interface HandoverHit {
  reason: string;
  phrase: string;
}

/** "..." in a phrase: up to this many words in between. */
const GAP_WORDS = 3;

/** A token's alternatives ("a/b", "word*"), as words. */
function alternativesOf(token: string): Array<{ words: string[]; prefix: boolean }> {
  return token.split('/').map((alternative) => ({
    words: wordsOf(alternative.replace(/\*$/, '')).map((w) => w.lower),
    prefix: alternative.endsWith('*'),
  }));
}

function wordPattern(token: string): string {
  return alternativesOf(token)
    .map(({ words, prefix }) => words.join(' ') + (prefix ? '[a-z0-9]*' : ''))
    .filter(Boolean)
    .join('|');
}

/**
 * The words a phrase's first part can begin with in cueText's text: its first word exactly, or
 * any word it begins when the alternative is a single word ending in `*`. Empty when the part
 * can match without a word of its own (an alternative with no words), so the cue is always tested.
 */
function startsOf(tokens: readonly string[]): HandoverCue['starts'] {
  const first = tokens.find((token) => token !== '...');
  if (first === undefined) return [];
  const alternatives = alternativesOf(first).filter((a) => a.words.length > 0 || a.prefix);
  if (alternatives.some((a) => a.words.length === 0)) return [];
  return alternatives.map(({ words, prefix }) => ({ word: words[0], prefix: prefix && words.length === 1 }));
}

export function compileHandover(rules: readonly HandoverRule[]): HandoverCue[] {
  return rules.flatMap((rule) =>
    rule.cues.map((phrase) => {
      const tokens = phrase.split(/\s+/).filter(Boolean);
      const parts = tokens.map((token) => (token === '...' ? null : `(?:${wordPattern(token)})`));
      let source = '';
      parts.forEach((part, i) => {
        if (part === null) source += `(?: [a-z0-9]+){0,${GAP_WORDS}}`;
        else source += (i > 0 ? ' ' : '') + part;
      });
      return { reason: rule.reason, phrase, pattern: new RegExp(`(?:^| )${source}(?= |$)`), starts: startsOf(tokens) };
    }),
  );
}

/**
 * Text as the cues read it: lowercase words separated by single spaces. Capitalised
 * words inside a sentence are names ("Hearth Booking" asks to book nothing) and are
 * read as a placeholder, so they still count as words between a phrase's parts.
 */
export function cueText(text: string): string {
  return wordsOf(text)
    .map((w, i) => (i > 0 && /^[A-Z][a-z]/.test(w.raw) ? '_' : w.lower))
    .join(' ');
}

/** Whether the text (its words, as cueText writes them) holds a word the cue's pattern must begin with. */
function mayMatch(cue: HandoverCue, words: ReadonlySet<string>): boolean {
  if (cue.starts.length === 0) return true;
  return cue.starts.some(({ word, prefix }) => words.has(word) || (prefix && [...words].some((w) => w.startsWith(word))));
}

export function findHandover(text: string, cues: readonly HandoverCue[]): HandoverHit | undefined {
  const normalised = cueText(text);
  const words = new Set(normalised.split(' '));
  const hit = cues.find((cue) => mayMatch(cue, words) && cue.pattern.test(normalised));
  return hit && { reason: hit.reason, phrase: hit.phrase };
}
