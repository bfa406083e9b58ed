/**
 * The regions where SES receives email. A stack elsewhere would deploy a receipt rule that
 * never receives anything. Source: AWS General Reference, "Amazon Simple Email Service
 * endpoints and quotas", table "Email Receiving endpoints"
 * (https://docs.aws.amazon.com/general/latest/gr/ses.html), as published in 2024; and the regions
 * added since whose `inbound-smtp.<region>.amazonaws.com` has received mail that others record (a
 * Received field stamped by it, or a deployment's MX record and notes citing that table, 2025–2026:
 * us-west-1, ap-south-1, ap-northeast-2, ap-northeast-3, eu-north-1, eu-west-3, sa-east-1). AWS adds
 * regions from time to time: a deployment names one this list lacks in `addedReceivingRegions`.
 */
import { Aws, CfnRule, Fn, Stack, Token, Annotations } from 'aws-cdk-lib';
import type { Construct } from 'constructs';

const SES_RECEIVING_REGIONS: readonly string[] = [
  'us-east-1',
  'us-east-2',
  'us-west-1',
  'us-west-2',
  'ap-south-1',
  'ap-southeast-3',
  'ap-southeast-1',
  'ap-southeast-2',
  'ap-northeast-1',
  'ap-northeast-2',
  'ap-northeast-3',
  'ca-central-1',
  'eu-central-1',
  'eu-west-1',
  'eu-west-2',
  'eu-west-3',
  'eu-north-1',
  'sa-east-1',
];

/** `region` undefined: the deploy-time rule's, which cannot name the region it runs in. */
function refusal(region: string | undefined, regions: readonly string[]): string {
  return (
    `SES does not receive email in ${region ?? 'this region'}; deploy faqmail to one of ${regions.join(', ')}. ` +
    `If AWS has added email receiving there since (its "Email Receiving endpoints" table, ` +
    `https://docs.aws.amazon.com/general/latest/gr/ses.html), deploy with -c addedReceivingRegions=${region ?? 'REGION'}.`
  );
}

/**
 * Refuses a region without SES receiving: at synth time when the region is known (the stack's
 * env, or the CDK CLI's default region from the profile in use), and in any case at deploy
 * time, with a CloudFormation rule that fails before anything is created. `added`: the regions
 * the deployment says SES receives in beside the list.
 */
export function requireReceivingRegion(scope: Construct, added: readonly string[]): void {
  const regions = [...new Set([...SES_RECEIVING_REGIONS, ...added])];
  const stackRegion = Stack.of(scope).region;
  const region = Token.isUnresolved(stackRegion) ? process.env.CDK_DEFAULT_REGION : stackRegion;
  if (region && !regions.includes(region)) Annotations.of(scope).addError(refusal(region, regions));
  new CfnRule(scope, 'SesReceivingRegion', {
    assertions: [{ assert: Fn.conditionContains(regions, Aws.REGION), assertDescription: refusal(undefined, regions) }],
  });
}
