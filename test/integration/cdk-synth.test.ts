import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { tempDir } from '../support/temp-dir';

const ROOT = path.resolve(__dirname, '../..');
// One synth bundles both functions through esbuild (~13 s on a quiet machine); beside the other suites, more.
jest.setTimeout(180_000);

/**
 * docs/deploy.md's pre-flight step as a team runs it: the CDK CLI, cdk.json's app command (through tsx), no
 * credentials anywhere (no AWS variables, a home with no ~/.aws, no instance metadata to ask). The other stack suites
 * build the stack in-process or start the app from a bundle; this is the one run of the documented command itself.
 */
describe('npx cdk synth', () => {
  it('builds the template and both functions with no AWS credentials', async () => {
    const out = tempDir('faqmail-synth-');
    const env = { PATH: process.env.PATH ?? '', HOME: tempDir('faqmail-home-'), AWS_EC2_METADATA_DISABLED: 'true' };
    const { stdout, stderr } = await promisify(execFile)(path.join(ROOT, 'node_modules/.bin/cdk'), ['synth', '-q', '-o', out], {
      cwd: ROOT,
      env,
    });
    expect(stdout).toBe('');
    expect(stderr).not.toMatch(/credentials/i);
    const template = JSON.parse(readFileSync(path.join(out, 'Faqmail.template.json'), 'utf8')) as {
      Resources: Record<string, { Type: string; Properties: Record<string, unknown> }>;
    };
    const functions = Object.values(template.Resources).filter((r) => r.Type === 'AWS::Lambda::Function');
    // The responder and the digest function, each on Lambda's Node.js 22 or newer.
    expect(functions).toHaveLength(2);
    for (const f of functions) expect(Number(/^nodejs(\d+)\.x$/.exec(String(f.Properties.Runtime))?.[1])).toBeGreaterThanOrEqual(22);
  });
});
