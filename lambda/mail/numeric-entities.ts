/**
 * Stands in for `he` in the function bundles (an esbuild alias, lib/function-code.ts). mailparser
 * is its only user there, and only calls `encode`, to build HTML renderings of address fields
 * and of text that faqmail never reads (lambda/mail/parse.ts reads addresses' values and sets
 * `skipTextToHtml`). `he` is 75 KB of entity tables parsed at every cold start for that; this
 * encodes as `he.encode` does by default (the markup characters and everything past ASCII as
 * hexadecimal references, a surrogate pair as one), and as numbers where `he` is asked for
 * named references: the same characters either way (test/bundled-aliases.test.ts).
 */
const ENCODED = /[&<>"'`]|[\uD800-\uDBFF][\uDC00-\uDFFF]|[^\0-\x7E]/g;

export function encode(text: string): string {
  return text.replace(ENCODED, (symbol) => `&#x${symbol.codePointAt(0)!.toString(16).toUpperCase()};`);
}

export default { encode };
