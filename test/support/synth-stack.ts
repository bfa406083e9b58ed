import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { BUNDLING_STACKS } from 'aws-cdk-lib/cx-api';
import { loadDeploySettings, type DeploySettings } from '../../lib/deploy-settings';
import { FaqmailStack } from '../../lib/faqmail-stack';

export const PROJECT_ROOT = path.resolve(__dirname, '../..');

/** The context `npx cdk synth` starts from. */
export const CDK_JSON_CONTEXT: Record<string, unknown> = JSON.parse(readFileSync(path.join(PROJECT_ROOT, 'cdk.json'), 'utf8')).context;

/** A handler that bundles in milliseconds, for the tests that check the stack rather than the code. */
export const FIXTURE_ENTRY = path.join(__dirname, '../fixtures/stack/handler.ts');

export interface Synthesized {
  app: App;
  stack: FaqmailStack;
  settings: DeploySettings;
  template: Template;
  /** The cloud assembly folder (bundled assets live here); removed by `cleanup`. */
  outdir: string;
  cleanup: () => void;
}

/**
 * Synthesizes the stack as the app does, from cdk.json's context plus `overrides` (like `-c`).
 * The functions are bundled from the small fixture unless `realHandler` asks for the stack's
 * default entries, `lambda/handler.ts` and `lambda/digest-handler.ts`; it packs `contentDir`, else content/.
 * `bundling: false` builds no code at all, as the CDK CLI does for a stack it was not asked to deploy: the functions'
 * assets are stand-ins, for a test that reads only the template (a synth took ~2.3 s, ~1.5 s of it bundling).
 */
export function synthStack(
  overrides: Record<string, unknown> = {},
  { realHandler = false, contentDir, bundling = true }: { realHandler?: boolean; contentDir?: string; bundling?: boolean } = {},
): Synthesized {
  const outdir = mkdtempSync(path.join(os.tmpdir(), 'faqmail-cdk-'));
  const noBundling = bundling ? {} : { [BUNDLING_STACKS]: [] };
  const app = new App({ outdir, context: { ...CDK_JSON_CONTEXT, ...overrides, ...noBundling } });
  const settings = loadDeploySettings((key) => app.node.tryGetContext(key));
  const stack = new FaqmailStack(app, settings.stack.stackName, {
    settings,
    entry: realHandler ? undefined : FIXTURE_ENTRY,
    digestEntry: realHandler ? undefined : FIXTURE_ENTRY,
    contentDir,
  });
  const template = Template.fromStack(stack);
  return { app, stack, settings, template, outdir, cleanup: () => rmSync(outdir, { recursive: true, force: true }) };
}

/** The folder holding the function's bundled code, found through the S3 key of its asset. */
export function functionAssetDir(synthesized: Synthesized): string {
  const functions = synthesized.template.findResources('AWS::Lambda::Function', {
    Properties: { Environment: { Variables: { POWERTOOLS_SERVICE_NAME: 'faqmail' } } },
  });
  const [fn] = Object.values(functions);
  const key: string = fn.Properties.Code.S3Key;
  return path.join(synthesized.outdir, `asset.${key.replace(/\.zip$/, '')}`);
}
