import type { InboundMessage } from '../domain';

/** Every value of a header field (name in any case), in order; empty when absent. */
export function headerValues(message: InboundMessage, name: string): readonly string[] {
  return message.headers.get(name.toLowerCase()) ?? [];
}

/**
 * The keyword a structured field starts with, lowercased: `auto-replied` for
 * `Auto-Replied; owner-email="x@y"`, `auto-generated` for `auto-generated (failure)`, and for
 * `(vacation) auto-replied` too: RFC 5322 lets comments stand before it (RFC 3834 §5's
 * `[CFWS]`), and a keyword some software writes as a quoted-string (`"bulk"`) is the same keyword.
 */
export function leadingKeyword(value: string): string {
  return withoutLeadingComments(value)
    .replace(/^"/, '')
    .split(/[\s;(,"]/, 1)[0]
    .toLowerCase();
}

/**
 * The keyword stands as a quoted-string, even an empty one (`""`): unlike an empty field or one of
 * comments alone, a value the sending software wrote.
 */
export function quotedKeyword(value: string): boolean {
  return withoutLeadingComments(value).startsWith('"');
}

/** The value after the comments (nested ones too) and whitespace it starts with; '' where a comment never closes. */
function withoutLeadingComments(value: string): string {
  let at = 0;
  for (let depth = 0; at < value.length; at += 1) {
    const char = value[at];
    if (char === '\\' && depth > 0) at += 1;
    else if (char === '(') depth += 1;
    else if (char === ')' && depth > 0) depth -= 1;
    else if (depth === 0 && !/\s/.test(char)) break;
  }
  return value.slice(at);
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
