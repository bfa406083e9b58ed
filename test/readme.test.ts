import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { CONTENT_DIR, DEPLOYMENT_VARIABLES, SETTINGS } from '../lambda/config';
import { STACK_SETTINGS } from '../lib/deploy-settings';
import { PORTS } from '../local/ports';

const ROOT = path.resolve(__dirname, '..');
const read = (file: string) => readFileSync(path.join(ROOT, file), 'utf8');
const README = read('README.md');
const SETTINGS_DOC = read('docs/settings.md');
const DEPLOY_DOC = read('docs/deploy.md');
const DOCS = readdirSync(path.join(ROOT, 'docs'))
  .filter((file) => file.endsWith('.md'))
  .map((file) => `docs/${file}`);

/** A default as the tables write it, as a pattern: `value`, or — for none. */
function defaultCell(fallback: string | undefined): string {
  return fallback === undefined ? '—' : `\`${fallback.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\``;
}

describe('the settings table (docs/settings.md)', () => {
  it.each(SETTINGS.map((s) => [s.context, s.env]))('documents the setting %s (%s)', (context, env) => {
    expect(SETTINGS_DOC).toContain(`| \`${context}\` | \`${env}\` |`);
  });

  // The answer threshold's default is whatever `npm run fit` last wrote, so the table says where it comes from.
  it.each(SETTINGS.filter((s) => s.key !== 'answerThreshold').map((s) => [s.context, s.fallback]))(
    'gives the default of %s as lambda/config.ts does',
    (context, fallback) => {
      expect(SETTINGS_DOC).toMatch(new RegExp(`^\\| \`${context}\` \\| [^|]+ \\| ${defaultCell(fallback)} \\|`, 'm'));
    },
  );

  it('documents the variable FAQMAIL_CONTENT_DIR', () => {
    expect(SETTINGS_DOC).toContain(`\`${CONTENT_DIR.env}\` |`);
  });

  it.each(DEPLOYMENT_VARIABLES.filter((name) => !name.endsWith('_ENDPOINT')))('names the variable %s the stack sets', (name) => {
    expect(SETTINGS_DOC).toContain(`\`${name}\``);
  });

  it.each(Object.values(PORTS).map((p) => [p.env, p.fallback]))('documents the variable %s and its default %s', (env, fallback) => {
    expect(SETTINGS_DOC).toContain(`| \`${env}\` | \`${fallback}\` |`);
  });

  it.each(STACK_SETTINGS.map((s) => [s.context, s.fallback]))(
    'documents the stack setting %s and its default in docs/deploy.md',
    (context, fallback) => {
      expect(DEPLOY_DOC).toMatch(new RegExp(`^\\| \`${context}\` \\| ${defaultCell(fallback)} \\|`, 'm'));
    },
  );
});

describe('README', () => {
  it('names the test command that .ci/run runs', () => {
    expect(read('.ci/run')).toMatch(/^npm test$/m);
    expect(README).toMatch(/^npm test\s/m);
    expect(README).toMatch(/^npm start\s/m);
  });

  it('fits on a screen or two', () => {
    expect(README.split('\n').length).toBeLessThanOrEqual(80);
  });

  it.each(['README.md', ...DOCS])('%s links only to files in the repository, and none outside it', (file) => {
    const text = read(file);
    expect(text).not.toMatch(/\.\.\/shared|\bshared\/(eval|fixtures)/);
    for (const [, target] of text.matchAll(/\]\(([^)#\s]+)(?:#[^)]*)?\)/g)) {
      if (/^([a-z]+:|\/)/.test(target)) continue;
      expect(existsSync(path.resolve(path.dirname(path.join(ROOT, file)), target))).toBe(true);
    }
  });
});
