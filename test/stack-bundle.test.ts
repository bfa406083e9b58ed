import { execFile } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { LOADED_WHEN_NEEDED, NO_BASELINE_COMPILER, REGEXP_AT_ONCE, USE_STRICT } from '../lib/function-code';
import { arrowsAsFunctions } from '../lib/lazy-arrows';
import { configToEnv } from '../lambda/config';
import { functionAssetDir, PROJECT_ROOT, synthStack, type Synthesized } from './support/synth-stack';

const run = promisify(execFile);
const HANDLER = path.join(PROJECT_ROOT, 'lambda', 'handler.ts');

/**
 * The one suite that bundles the real `lambda/handler.ts` exactly as `cdk deploy` does, and
 * loads the bundle in a plain Node.js process as Lambda would (no TypeScript, no node_modules).
 */
const describeIfHandler: jest.Describe = existsSync(HANDLER)
  ? describe
  : Object.assign((name: string, fn: () => void) => {
      console.warn(`Skipping "${name}": ${HANDLER} does not exist yet.`);
      return describe.skip(name, fn);
    }, describe);

describeIfHandler('the function bundle built from lambda/handler.ts', () => {
  let s: Synthesized;
  let dir: string;
  beforeAll(() => {
    s = synthStack({}, { realHandler: true });
    dir = functionAssetDir(s);
  });
  afterAll(() => {
    s.cleanup();
  });

  it('holds the code, the precomputed FAQ index and word list, the libraries it loads when needed, and nothing else', () => {
    const files = readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((name) => statSync(path.join(dir, name)).isFile());
    const beside = LOADED_WHEN_NEEDED.map((name) => `node_modules/${name}/index.js`);
    expect(files.sort()).toEqual(['common-words.txt', 'faq-index.bin', 'index.js', ...beside].sort());
    // The SUBTLEX package (1.9 MB) and the SDK (0.8 MB) are not in it: issue 13's target.
    expect(statSync(path.join(dir, 'index.js')).size).toBeLessThan(1.5e6);
  });

  it('leaves each library it loads when needed to a require that Node resolves to the file beside it', () => {
    const code = readFileSync(path.join(dir, 'index.js'), 'utf8');
    for (const name of LOADED_WHEN_NEEDED) {
      expect(code).toContain(`require("${name}")`);
      expect(require.resolve(name, { paths: [dir] })).toBe(path.join(dir, 'node_modules', name, 'index.js'));
    }
  });

  it("requires nothing of the runtime's AWS SDK (aws-lite makes the calls)", () => {
    const code = readFileSync(path.join(dir, 'index.js'), 'utf8');
    expect(code.match(/require\(["'](@aws-sdk|@smithy)\/[^"']*["']\)/g) ?? []).toEqual([]);
  });

  it('starts with the "use strict" directive, before the banner, so that all of it runs as the strict code it was tested as', () => {
    // The build's acorn pass (lib/lazy-arrows.ts) then parses it as strict code too: `with`, octal literals and the like fail the build.
    expect(readFileSync(path.join(dir, 'index.js'), 'utf8').split('\n')[0]).toBe(USE_STRICT);
  });

  it('tells V8 to compile regular expressions at once before any runs (lib/function-code.ts)', () => {
    expect(readFileSync(path.join(dir, 'index.js'), 'utf8').split('\n')[1]).toBe(REGEXP_AT_ONCE);
  });

  it('tells V8 not to baseline-compile, before any of its own code runs (lib/function-code.ts)', () => {
    expect(readFileSync(path.join(dir, 'index.js'), 'utf8').split('\n')[2]).toBe(NO_BASELINE_COMPILER);
  });

  it('has its arrow functions written as function expressions where they behave the same (lib/lazy-arrows.ts)', () => {
    // Applied: a second pass finds nothing more to rewrite.
    expect(arrowsAsFunctions(readFileSync(path.join(dir, 'index.js'), 'utf8')).converted).toBe(0);
  });

  it('is ASCII text, which Node reads as a one-byte string (lib/ascii-source.ts)', () => {
    expect(readFileSync(path.join(dir, 'index.js')).find((byte) => byte > 0x7f)).toBeUndefined();
  });

  it('loads with nothing beside it, reads the precomputed index and exports the handler', async () => {
    const env = {
      PATH: process.env.PATH,
      ...configToEnv(s.settings.config),
      FAQMAIL_MAIL_BUCKET: 'mail',
      FAQMAIL_MAIL_PREFIX: 'inbound/',
      FAQMAIL_STATE_TABLE: 'state',
      FAQMAIL_PRECOMPUTED_DIR: dir,
      POWERTOOLS_SERVICE_NAME: 'faqmail',
      POWERTOOLS_METRICS_NAMESPACE: 'faqmail',
      AWS_REGION: 'us-east-1',
    };
    // createHandler loads the index: a stale one, or one the bundle cannot fingerprint, throws.
    // A strict function has no `caller` of its own (reading one throws); a sloppy one has.
    const probe =
      'const m = require(process.argv[1]); m.createHandler(process.env); ' +
      "process.stdout.write(typeof m.handler + (Object.hasOwn(m.createHandler, 'caller') ? ' sloppy' : ' strict'));";
    // cwd outside the project, so nothing resolves from the project's node_modules.
    const { stdout } = await run(process.execPath, ['-e', probe, path.join(dir, 'index.js')], { cwd: dir, env });
    expect(stdout).toBe('function strict');
  });
});
