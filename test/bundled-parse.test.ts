/**
 * Mail is read the same in the function bundle as in the sources. The bundle swaps packages
 * (`bundleAliases`: one build of each mail library, no linkify-it), so `lambda/mail/parse.ts`
 * is bundled with the same aliases and run in a plain Node.js process on every fixture — our
 * own (links in text and HTML, ISO-8859-1 and Windows-1252 among them) and, where `../shared`
 * is present, the real-world mail in many charsets — and its results compared with the sources'.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { build } from 'esbuild';
import { bundleAliases } from '../lib/function-code';
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

/** Runs in the child: each file's parse (or its error), as JSON. */
const PROBE = `
const { parseMessage } = require(process.argv[1]);
const files = JSON.parse(require('node:fs').readFileSync(0, 'utf8'));
const read = (file) => parseMessage(require('node:fs').readFileSync(file)).then((m) => m, (e) => ({ error: e.message }));
Promise.all(files.map(read)).then((all) => process.stdout.write(JSON.stringify(all)));
`;

describe('the bundled mail parser', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'faqmail-parse-bundle-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('never asks mailparser to find links in text, which the bundle cannot (lambda/mail/no-link-finder.ts)', () => {
    // mailparser looks for links only while turning text into HTML, and without skipTextLinks.
    expect(PARSER_OPTIONS).toMatchObject({ skipTextToHtml: true, skipTextLinks: true });
  });

  it(`reads each of ${FILES.length} fixtures as the sources do`, async () => {
    const started = Date.now();
    const bundle = path.join(dir, 'parse.js');
    await build({
      entryPoints: [path.join(PROJECT_ROOT, 'lambda/mail/parse.ts')],
      bundle: true,
      platform: 'node',
      format: 'cjs',
      outfile: bundle,
      alias: bundleAliases(PROJECT_ROOT),
      define: { 'import.meta.url': 'importMetaUrl' },
      banner: { js: 'const importMetaUrl = require("node:url").pathToFileURL(__filename).href;' },
      logLevel: 'silent',
    });
    expect(readFileSync(bundle, 'utf8')).not.toContain('linkify-it/index');
    const child = run(process.execPath, ['-e', PROBE, bundle], { cwd: dir, maxBuffer: 1 << 28 });
    child.child.stdin?.end(JSON.stringify(FILES));
    const bundled = JSON.parse((await child).stdout) as unknown[];
    const sources = await Promise.all(
      FILES.map((file) =>
        parseMessage(readFileSync(file)).then(
          (m) => m,
          (e: Error) => ({ error: e.message }),
        ),
      ),
    );
    // A message without a readable date is dated when it is parsed: the two processes parse it apart.
    const json = (parsed: unknown) =>
      JSON.stringify(parsed, (key, value: unknown) =>
        key === 'date' && typeof value === 'string' && Date.parse(value) >= started ? 'now' : value,
      );
    const differing = FILES.filter((_, i) => json(bundled[i]) !== json(sources[i]));
    expect(differing).toEqual([]);
  }, 60_000);
});
