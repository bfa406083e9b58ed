/**
 * The CDK app: `npx cdk synth` / `npx cdk deploy`. Settings come from the context in
 * `cdk.json` and `-c key=value`; the stack is environment-agnostic (deploys to the account
 * and region of the credentials in use), so synthesizing needs no AWS credentials.
 */
import { App } from 'aws-cdk-lib';
import { ConfigError, startupFailure } from '../lambda/config';
import { ContentError } from '../lambda/content/content-error';
import { loadDeploySettings } from '../lib/deploy-settings';
import { FaqmailStack } from '../lib/faqmail-stack';

const app = new App();

try {
  const settings = loadDeploySettings(
    (key) => app.node.tryGetContext(key),
    Object.keys(app.node.getAllContext() as Record<string, unknown>),
    process.env,
  );
  new FaqmailStack(app, settings.stack.stackName, { settings });
} catch (error) {
  if (!(error instanceof ConfigError || error instanceof ContentError)) throw error;
  process.stderr.write(`${startupFailure(error)}\n`);
  process.exit(1);
}
