import { execFile } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
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
  : (Object.assign((name: string, fn: () => void) => {
      console.warn(`Skipping "${name}": ${HANDLER} does not exist yet.`);
      return describe.skip(name, fn);
    }, describe) as jest.Describe);

describeIfHandler('the function bundle built from lambda/handler.ts', () => {
  let s: Synthesized;
  let dir: string;
  beforeAll(() => {
    s = synthStack({}, { realHandler: true });
    dir = functionAssetDir(s);
  });
  afterAll(() => s.cleanup());

  it('holds the code, its source map and the FAQ content, and nothing else', () => {
    expect(readdirSync(dir).sort()).toEqual(['content', 'index.js', 'index.js.map']);
    expect(readdirSync(path.join(dir, 'content')).sort()).toEqual(readdirSync(path.join(PROJECT_ROOT, 'content')).sort());
  });

  it('loads without node_modules and exports the handler', async () => {
    const env = {
      PATH: process.env.PATH,
      ...configToEnv(s.settings.config),
      FAQMAIL_MAIL_BUCKET: 'mail',
      FAQMAIL_MAIL_PREFIX: 'inbound/',
      FAQMAIL_STATE_TABLE: 'state',
      FAQMAIL_CONTENT_DIR: path.join(dir, 'content'),
      POWERTOOLS_SERVICE_NAME: 'faqmail',
      POWERTOOLS_METRICS_NAMESPACE: 'faqmail',
      AWS_REGION: 'us-east-1',
    };
    const probe = 'const m = require(process.argv[1]); process.stdout.write(typeof m.handler);';
    // cwd outside the project, so nothing resolves from the project's node_modules.
    const { stdout } = await run(process.execPath, ['-e', probe, path.join(dir, 'index.js')], { cwd: dir, env });
    expect(stdout).toBe('function');
  });
});
