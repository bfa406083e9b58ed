/**
 * A bundle as ASCII text, so that Node reads it as a one-byte string.
 *
 * Node reads a CommonJS file as UTF-8 and hands V8 the text: ASCII (or Latin-1) stays one byte a
 * character, but one character past U+00FF makes the whole file a two-byte string, decoded
 * character by character, twice the memory, and scanned as such. The responder's bundle held ~300
 * such characters (the quote headers of email-reply-parser in Chinese, Korean and Cyrillic, the
 * reading of curly quotes and dashes) in its 0.74 MB. esbuild writes strings, templates and
 * identifiers in ASCII with `--charset=ascii`, but leaves regular expression literals as written;
 * here each character past U+007F in one is written as a `\uXXXX` escape of its UTF-16 code units,
 * which means the same in a pattern with or without the `u` flag, inside a class or out (a pair of
 * surrogate escapes is one code point under `u`). A character escaped with a backslash (`\’`, an
 * identity escape) loses that backslash. Measured: `require` ~3.5 ms less CPU (docs/cold-start-log.md,
 * "The responder's bundle is ASCII text").
 */
import { tokenizer } from 'acorn';
import { BUNDLE_SOURCE } from './bundle-source';

const escapeUnit = (unit: string): string => `\\u${unit.charCodeAt(0).toString(16).padStart(4, '0')}`;

/** A regular expression literal's source with every non-ASCII code unit escaped (see above). */
export function asciiRegExpLiteral(literal: string): string {
  // Without the `u` flag the pattern matches code units, so a surrogate pair is escaped unit by unit.
  return literal.replace(
    /(\\*)([\u0080-\uffff])/g,
    (_, slashes: string, unit: string) =>
      // An odd run of backslashes escapes the character itself: the escape replaces that backslash.
      `${slashes.length % 2 === 1 ? slashes.slice(0, -1) : slashes}${escapeUnit(unit)}`,
  );
}

/**
 * `code` (a bundle built with `--charset=ascii`) with its regular expression literals in ASCII; it
 * throws, naming the place, if a non-ASCII character is left anywhere else.
 */
export function asciiSource(code: string): string {
  const parts: string[] = [];
  let copied = 0;
  for (const token of tokenizer(code, BUNDLE_SOURCE)) {
    if (token.type.label !== 'regexp') continue;
    const literal = code.slice(token.start, token.end);
    const ascii = asciiRegExpLiteral(literal);
    if (ascii === literal) continue;
    parts.push(code.slice(copied, token.start), ascii);
    copied = token.end;
  }
  parts.push(code.slice(copied));
  const result = parts.join('');
  const left = /\P{ASCII}/u.exec(result);
  if (left) {
    const at = left.index;
    throw new Error(
      `non-ASCII character U+${left[0].charCodeAt(0).toString(16).padStart(4, '0')} outside a regular expression literal, ` +
        `at offset ${at}: …${result.slice(Math.max(0, at - 60), at + 20)}… (is the bundle built with --charset=ascii?)`,
    );
  }
  return result;
}
