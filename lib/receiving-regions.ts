/**
 * The regions where SES receives email. A stack elsewhere would deploy a receipt rule that
 * never receives anything. Source: AWS General Reference, "Amazon Simple Email Service
 * endpoints and quotas", table "Email Receiving endpoints"
 * (https://docs.aws.amazon.com/general/latest/gr/ses.html; the list as published in 2024).
 * AWS adds regions from time to time: a region added since is one line here.
 */
import { Aws, CfnRule, Fn, Stack, Token, Annotations } from 'aws-cdk-lib';
import type { Construct } from 'constructs';

const SES_RECEIVING_REGIONS: readonly string[] = [
  'us-east-1',
  'us-east-2',
  'us-west-2',
  'ap-southeast-3',
  'ap-southeast-1',
  'ap-southeast-2',
  'ap-northeast-1',
  'ca-central-1',
  'eu-central-1',
  'eu-west-1',
  'eu-west-2',
];

function refusal(region: string): string {
  return `SES does not receive email in ${region}; deploy faqmail to one of ${SES_RECEIVING_REGIONS.join(', ')}.`;
}

/**
 * Refuses a region without SES receiving: at synth time when the region is known (the stack's
 * env, or the CDK CLI's default region from the profile in use), and in any case at deploy
 * time, with a CloudFormation rule that fails before anything is created.
 */
export function requireReceivingRegion(scope: Construct): void {
  const stackRegion = Stack.of(scope).region;
  const region = Token.isUnresolved(stackRegion) ? process.env.CDK_DEFAULT_REGION : stackRegion;
  if (region && !SES_RECEIVING_REGIONS.includes(region)) Annotations.of(scope).addError(refusal(region));
  new CfnRule(scope, 'SesReceivingRegion', {
    assertions: [{ assert: Fn.conditionContains([...SES_RECEIVING_REGIONS], Aws.REGION), assertDescription: refusal('this region') }],
  });
}
