/**
 * The CDK app: `npx cdk synth` / `npx cdk deploy`. Settings come from the context in
 * `cdk.json` and `-c key=value`; the stack is environment-agnostic (deploys to the account
 * and region of the credentials in use), so synthesizing needs no AWS credentials.
 */
import { App } from 'aws-cdk-lib';
import { ConfigError } from '../lambda/config';
import { ContentError } from '../lambda/content/content-error';
import { loadDeploySettings, unknownContextKeys } from '../lib/deploy-settings';
import { FaqmailStack } from '../lib/faqmail-stack';

const app = new App();

for (const key of unknownContextKeys(Object.keys(app.node.getAllContext()))) {
  process.stderr.write(`faqmail: ignoring context key "${key}", which is not a faqmail setting (see the configuration table in README.md)\n`);
}

try {
  const settings = loadDeploySettings((key) => app.node.tryGetContext(key));
  new FaqmailStack(app, settings.stack.stackName, { settings });
} catch (error) {
  if (!(error instanceof ConfigError || error instanceof ContentError)) throw error;
  const where = error instanceof ConfigError ? 'Fix it in cdk.json ("context") or pass -c key=value.' : 'Fix the FAQ content (npm run check-content).';
  process.stderr.write(`faqmail: ${error.message}\n${where}\n`);
  process.exit(1);
}
