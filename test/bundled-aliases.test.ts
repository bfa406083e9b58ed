/**
 * The function bundles swap packages (`bundleAliases`: one build of each mail library, no
 * linkify-it, no `he`, no RE2 lookup), so what uses them is bundled here with the same aliases and run in a plain
 * Node.js process, and its results compared with the sources': mail is read the same (every
 * fixture: our own, links in text and HTML, ISO-8859-1 and Windows-1252 among them, and, where
 * `../shared` is present, the real-world mail in many charsets), and Markdown the bundle has
 * no rendering of is rendered the same.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { build } from 'esbuild';
import he from 'he';
import { bundleAliases } from '../lib/function-code';
import { markdownToHtml, markdownToText } from '../lambda/compose/markdown';
import { encode } from '../lambda/mail/numeric-entities';
import { PARSER_OPTIONS, parseMessage } from '../lambda/mail/parse';
import { hasShared, SHARED_DIR } from './support/shared';
import { PROJECT_ROOT } from './support/synth-stack';

const run = promisify(execFile);

function emlUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const file = path.join(dir, name);
    if (statSync(file).isDirectory()) return emlUnder(file);
    return name.endsWith('.eml') ? [file] : [];
  });
}

const FILES = [
  ...emlUnder(path.join(__dirname, 'fixtures')),
  ...(hasShared ? emlUnder(path.join(SHARED_DIR, 'fixtures/real')) : []),
].sort();

/**
 * Runs in the child: each file's parse (or its error), as JSON. One file at a time, as the sources
 * below: parsed all at once, the 765 share one parse timeout's worth of a busy machine, and some
 * fail on it in one process and not the other.
 */
const PARSE = `
const { parseMessage } = require(process.argv[1]);
const files = JSON.parse(require('node:fs').readFileSync(0, 'utf8'));
const read = (file) => parseMessage(require('node:fs').readFileSync(file)).then((m) => m, (e) => ({ error: e.message }));
(async () => {
  const all = [];
  for (const file of files) all.push(await read(file));
  process.stdout.write(JSON.stringify(all));
})();
`;

/**
 * Every fixture is parsed twice, so the time grows with each probe round: about 15 ms a file in CI, and it ran past a
 * fixed 60 s once beside other processes. A budget per file keeps the margin as the fixtures grow.
 */
const PARSE_ALL_TIMEOUT = Math.max(60_000, FILES.length * 60);

const MARKDOWN = [
  'See https://example.com/a?b=1 and www.example.org, or [the docs](https://docs.example.org/x).',
  'Mail <billing@example.com> or billing@example.com.\n\n- one `code`\n- two **bold**\n\n1. first\n2. second',
];

/** Runs in the child: both renderings of each text. */
const RENDER = `
const { markdownToHtml, markdownToText } = require(process.argv[1]);
const texts = JSON.parse(process.argv[2]);
process.stdout.write(JSON.stringify(texts.map((t) => [markdownToHtml(t), markdownToText(t)])));
`;

describe('code the function bundles hold with swapped packages', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'faqmail-aliases-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  /** The module bundled as the functions bundle it (lib/function-code.ts), as a file in `dir`. */
  async function bundled(entry: string): Promise<string> {
    const outfile = path.join(dir, `${path.basename(entry, '.ts')}.js`);
    await build({
      entryPoints: [path.join(PROJECT_ROOT, entry)],
      bundle: true,
      platform: 'node',
      format: 'cjs',
      outfile,
      alias: bundleAliases(PROJECT_ROOT),
      define: { 'import.meta.url': 'importMetaUrl' },
      banner: { js: 'const importMetaUrl = require("node:url").pathToFileURL(__filename).href;' },
      logLevel: 'silent',
    });
    expect(readFileSync(outfile, 'utf8')).toContain('linkify-it is left out of the function bundle');
    return outfile;
  }

  it('never asks mailparser to find links in text, which the bundle cannot (lambda/mail/no-link-finder.ts)', () => {
    // mailparser looks for links only while turning text into HTML, and without skipTextLinks.
    expect(PARSER_OPTIONS).toMatchObject({ skipTextToHtml: true, skipTextLinks: true });
  });

  it('encodes HTML as he.encode does by default, and the same characters where he is asked for named references', () => {
    const texts = ['a&b<c>"d\'e`', 'Café – “SAML” 😀 ü', 'x\uD800y\uDC00', '\x7F\u0000 plain ASCII ~', 'Zoë <zoe@example.net>'];
    for (const text of texts) {
      expect(encode(text)).toBe(he.encode(text));
      expect(he.decode(encode(text))).toBe(he.decode(he.encode(text, { useNamedReferences: true })));
    }
  });

  it(
    `reads each of ${FILES.length} fixtures as the sources do`,
    async () => {
      const started = Date.now();
      const child = run(process.execPath, ['-e', PARSE, await bundled('lambda/mail/parse.ts')], { cwd: dir, maxBuffer: 1 << 28 });
      child.child.stdin?.end(JSON.stringify(FILES));
      const inBundle = JSON.parse((await child).stdout) as unknown[];
      const fromSources: unknown[] = [];
      for (const file of FILES) {
        fromSources.push(
          await parseMessage(readFileSync(file)).then(
            (m) => m,
            (e: Error) => ({ error: e.message }),
          ),
        );
      }
      // A message without a readable date is dated when it is parsed: the two processes parse it apart.
      const json = (parsed: unknown) =>
        JSON.stringify(parsed, (key, value: unknown) =>
          key === 'date' && typeof value === 'string' && Date.parse(value) >= started ? 'now' : value,
        );
      const differing = FILES.filter((_, i) => json(inBundle[i]) !== json(fromSources[i]));
      expect(differing).toEqual([]);
    },
    PARSE_ALL_TIMEOUT,
  );

  it('renders Markdown as the sources do (markdown-it, with its link finder left out)', async () => {
    const { stdout } = await run(process.execPath, ['-e', RENDER, await bundled('lambda/compose/markdown.ts'), JSON.stringify(MARKDOWN)], {
      cwd: dir,
    });
    expect(JSON.parse(stdout)).toEqual(MARKDOWN.map((t) => [markdownToHtml(t), markdownToText(t)]));
  }, 60_000);
});
