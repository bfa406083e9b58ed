import { readFileSync } from 'node:fs';
import path from 'node:path';
import { SETTINGS } from '../lambda/config';
import { STACK_SETTINGS } from '../lib/deploy-settings';

const README = readFileSync(path.resolve(__dirname, '../README.md'), 'utf8');

describe('README', () => {
  it.each(SETTINGS.map((s) => [s.context, s.env]))('documents the setting %s (%s)', (context, env) => {
    expect(README).toContain(`\`${context}\``);
    expect(README).toContain(`\`${env}\``);
  });

  it.each(STACK_SETTINGS.map((s) => s.context))('documents the stack setting %s', (context) => {
    expect(README).toContain(`| \`${context}\` |`);
  });

  it('names the test command that .ci/run runs', () => {
    const ci = readFileSync(path.resolve(__dirname, '../.ci/run'), 'utf8');
    expect(ci).toMatch(/^npm test$/m);
    expect(README).toMatch(/^npm test\s/m);
  });
});
