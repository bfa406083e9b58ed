/**
 * Stands in for `dom-serializer` in the function bundles (an esbuild alias, lib/function-code.ts).
 * Its users there never serialize: html-to-text only for its `blockHtml` and `inlineHtml`
 * formats, which bodyText's options (./body-text.ts) never select, and htmlparser2 only through
 * the DomUtils it re-exports, which ./links.ts does not call. The package and the older
 * `entities` it brings (57 KB, whose decoding tables were built at every cold start) are left out;
 * serializing throws (test/bundled-aliases.test.ts reads every fixture through the bundle).
 */
export function render(): never {
  throw new Error(
    'dom-serializer is left out of the function bundle: convert HTML without the blockHtml and inlineHtml formats, ' +
      'or drop the alias in lib/function-code.ts',
  );
}

export default render;
