import type { HandoverRule } from '../domain';
import { wordsOf } from './words';

/**
 * Recognises what only a person can deal with, from the phrases staff list in
 * `content/handover.md` (see lambda/content/parse-handover.ts for their form).
 */

export interface HandoverCue {
  reason: string;
  phrase: string;
  pattern: RegExp;
}

export interface HandoverHit {
  reason: string;
  phrase: string;
}

/** "..." in a phrase: up to this many words in between. */
const GAP_WORDS = 3;

function wordPattern(token: string): string {
  return token
    .split('/')
    .map((alternative) => {
      const prefix = alternative.endsWith('*');
      const words = wordsOf(alternative.replace(/\*$/, '')).map((w) => w.lower);
      return words.join(' ') + (prefix ? '[a-z0-9]*' : '');
    })
    .filter(Boolean)
    .join('|');
}

export function compileHandover(rules: readonly HandoverRule[]): HandoverCue[] {
  return rules.flatMap((rule) =>
    rule.cues.map((phrase) => {
      const parts = phrase
        .split(/\s+/)
        .filter(Boolean)
        .map((token) => (token === '...' ? null : `(?:${wordPattern(token)})`));
      let source = '';
      parts.forEach((part, i) => {
        if (part === null) source += `(?: [a-z0-9]+){0,${GAP_WORDS}}`;
        else source += (i > 0 ? ' ' : '') + part;
      });
      return { reason: rule.reason, phrase, pattern: new RegExp(`(?:^| )${source}(?= |$)`) };
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

export function findHandover(text: string, cues: readonly HandoverCue[]): HandoverHit | undefined {
  const normalised = cueText(text);
  const hit = cues.find((cue) => cue.pattern.test(normalised));
  return hit && { reason: hit.reason, phrase: hit.phrase };
}
