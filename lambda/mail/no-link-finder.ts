/**
 * Stands in for linkify-it in the function bundles (an esbuild alias, lib/function-code.ts).
 * Its two users there never ask it for links: mailparser only in `textToHtml`, which returns
 * before looking for links when `skipTextToHtml` is set, and only without `skipTextLinks`
 * (lambda/mail/parse.ts sets both); markdown-it only with its `linkify` option, which
 * lambda/compose/markdown.ts leaves off. Both configure one when their module loads, and
 * mailparser's configuration (the full TLD list) compiled linkify-it's patterns at every cold
 * start. Configuring this one does nothing; asking it for links throws (mailparser would catch
 * that and leave text links as text: test/bundled-aliases.test.ts checks its options, and parses
 * mail with links as bundled).
 */
const notBundled = (): never => {
  throw new Error(
    'linkify-it is left out of the function bundle: parse mail with skipTextToHtml and skipTextLinks, ' +
      'render Markdown with linkify: false, or drop the alias in lib/function-code.ts',
  );
};

export interface NoLinkFinder {
  tlds(...args: unknown[]): NoLinkFinder;
  add(...args: unknown[]): NoLinkFinder;
  set(...args: unknown[]): NoLinkFinder;
  test: () => never;
  pretest: () => never;
  match: () => never;
  matchAtStart: () => never;
  testSchemaAt: () => never;
}

/**
 * Called as mailparser does (`linkifyIt()`, the default export) or constructed as markdown-it
 * does (`new LinkifyIt()`, the named one).
 */
export default function noLinkFinder(): NoLinkFinder {
  const finder: NoLinkFinder = {
    tlds: () => finder,
    add: () => finder,
    set: () => finder,
    test: notBundled,
    pretest: notBundled,
    match: notBundled,
    matchAtStart: notBundled,
    testSchemaAt: notBundled,
  };
  return finder;
}

export { noLinkFinder as LinkifyIt };
