import type { InboundMessage } from '../domain';

/** Every value of a header field (name in any case), in order; empty when absent. */
export function headerValues(message: InboundMessage, name: string): readonly string[] {
  return message.headers.get(name.toLowerCase()) ?? [];
}

/**
 * The keyword a structured field starts with, lowercased: `auto-replied` for
 * `Auto-Replied; owner-email="x@y"`, `auto-generated` for `auto-generated (failure)`.
 */
export function leadingKeyword(value: string): string {
  return value
    .trim()
    .split(/[\s;(,]/, 1)[0]
    .toLowerCase();
}

/**
 * Combining marks. Made once: esbuild writes a `\p{…}` pattern as `new RegExp(…)`, which in a
 * function would be made again at every call.
 */
const MARKS = /\p{M}+/gu;

/**
 * Lowercased, with accents removed, so one pattern serves "Réponse automatique" and
 * "reponse automatique", "Automātiskā atbilde" and "automatiska atbilde".
 */
export function fold(text: string): string {
  return text.normalize('NFKD').replace(MARKS, '').toLowerCase();
}
