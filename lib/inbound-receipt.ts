import { RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as ses from 'aws-cdk-lib/aws-ses';
import * as actions from 'aws-cdk-lib/aws-ses-actions';
import { AwsCustomResource, AwsCustomResourcePolicy, PhysicalResourceId } from 'aws-cdk-lib/custom-resources';
import { Construct, type IConstruct } from 'constructs';

export interface InboundReceiptProps {
  /** Addresses (or domains) the rule accepts mail for. */
  recipients: string[];
  ruleSetName: string;
  useExistingRuleSet: boolean;
  activateRuleSet: boolean;
  /** Unique within the rule set; also part of the ARN the bucket and function trust. */
  ruleName: string;
  bucket: s3.Bucket;
  /** Key prefix for raw mail; the object key is the prefix plus the SES message id. */
  prefix: string;
  function: lambda.IFunction;
  /** How long the log of the function that activates the rule set is kept. */
  logRetention: logs.RetentionDays;
}

/**
 * The receipt rule: store the raw message in S3, then invoke the function, then stop, so
 * that no later rule in the set handles the same mail again (SES runs every matching rule).
 */
export class InboundReceipt extends Construct {
  readonly rule: ses.ReceiptRule;
  /** The rule's ARN, written from names so that the grants below need no reference to the rule. */
  readonly ruleArn: string;

  constructor(scope: Construct, id: string, props: InboundReceiptProps) {
    super(scope, id);

    const ruleSet = props.useExistingRuleSet
      ? ses.ReceiptRuleSet.fromReceiptRuleSetName(this, 'RuleSet', props.ruleSetName)
      : new ses.ReceiptRuleSet(this, 'RuleSet', { receiptRuleSetName: props.ruleSetName });

    this.ruleArn = Stack.of(this).formatArn({
      service: 'ses',
      resource: 'receipt-rule-set',
      resourceName: `${props.ruleSetName}:receipt-rule/${props.ruleName}`,
    });

    // SES writes with its service principal; these conditions keep other accounts' SES, and
    // other rules of this account, from writing into the bucket (confused deputy).
    const sesOfThisRule = {
      StringEquals: { 'aws:SourceAccount': Stack.of(this).account },
      ArnLike: { 'aws:SourceArn': this.ruleArn },
    };
    props.bucket.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'AllowSesReceiptRulePuts',
        principals: [new iam.ServicePrincipal('ses.amazonaws.com')],
        actions: ['s3:PutObject'],
        resources: [props.bucket.arnForObjects(`${props.prefix}*`)],
        conditions: sesOfThisRule,
      }),
    );
    // Created under the id the Lambda action looks for, so the action reuses it (and the rule
    // waits for it) instead of adding a grant conditioned on the account alone.
    props.function.addPermission('AllowSes', {
      principal: new iam.ServicePrincipal('ses.amazonaws.com'),
      action: 'lambda:InvokeFunction',
      sourceAccount: Stack.of(this).account,
      sourceArn: this.ruleArn,
    });

    this.rule = new ses.ReceiptRule(this, 'Rule', {
      ruleSet,
      receiptRuleName: props.ruleName,
      recipients: props.recipients,
      scanEnabled: true,
      tlsPolicy: ses.TlsPolicy.REQUIRE,
      actions: [
        new StoreInBucket(props.bucket, props.prefix),
        new actions.Lambda({ function: props.function, invocationType: actions.LambdaInvocationType.EVENT }),
        new actions.Stop(),
      ],
    });

    if (props.activateRuleSet && ruleSet instanceof ses.ReceiptRuleSet) {
      // On delete this does nothing: SES has no "activate only if still active" call, and
      // deactivating (or restoring whichever set was active before) could switch off a set
      // someone activated since. So the set is retained, because SES refuses to delete the
      // active set; after `cdk destroy` it stays active with no rules, and the README says
      // how to deactivate and delete it.
      ruleSet.applyRemovalPolicy(RemovalPolicy.RETAIN);
      const activation = new AwsCustomResource(this, 'ActivateRuleSet', {
        onCreate: activate(props.ruleSetName),
        onUpdate: activate(props.ruleSetName),
        // SetActiveReceiptRuleSet has no resource-level permissions.
        policy: AwsCustomResourcePolicy.fromStatements([
          new iam.PolicyStatement({ actions: ['ses:SetActiveReceiptRuleSet'], resources: ['*'] }),
        ]),
        // The call exists in the SDK bundled with the runtime; fetching the latest needs internet from Lambda.
        installLatestAwsSdk: false,
        // Else Lambda makes a group on first use that keeps its events forever and outlives the stack. It logs only
        // deployments' calls, so it goes with the stack.
        logGroup: new logs.LogGroup(this, 'ActivationLogs', { retention: props.logRetention, removalPolicy: RemovalPolicy.DESTROY }),
      });
      activation.node.addDependency(this.rule);
      Validations.of(activation).acknowledge({
        id: 'AwsSolutions-IAM5[Resource::*]',
        reason: 'ses:SetActiveReceiptRuleSet supports no resource-level permissions; the custom resource calls nothing else.',
      });
      // The provider function the CDK shares between all AwsCustomResources of the stack.
      const provider = Stack.of(this).node.tryFindChild(AWS_CUSTOM_RESOURCE_PROVIDER_ID);
      if (provider) {
        Validations.of(provider).acknowledge({
          id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
          reason: "The CDK's custom resource provider writes its own logs with this managed policy; it runs only during deployments.",
        });
      }
    }
  }
}

/** The construct id of AwsCustomResource's singleton provider function (fixed by the CDK). */
const AWS_CUSTOM_RESOURCE_PROVIDER_ID = 'AWS679f53fac002430cb0da5b7982bd2287';

function activate(ruleSetName: string) {
  return {
    service: 'SES',
    action: 'setActiveReceiptRuleSet',
    parameters: { RuleSetName: ruleSetName },
    physicalResourceId: PhysicalResourceId.of(`active-receipt-rule-set-${ruleSetName}`),
  };
}

/**
 * The S3 action without the bucket grant that `aws-ses-actions` adds (which trusts any rule
 * of the account): InboundReceipt grants to this rule's ARN instead. The rule must wait for
 * the bucket policy, since SES checks that it can write when the rule is created.
 */
class StoreInBucket implements ses.IReceiptRuleAction {
  constructor(
    private readonly bucket: s3.Bucket,
    private readonly prefix: string,
  ) {}

  bind(rule: IConstruct): ses.ReceiptRuleActionConfig {
    if (this.bucket.policy) rule.node.addDependency(this.bucket.policy);
    return { s3Action: { bucketName: this.bucket.bucketName, objectKeyPrefix: this.prefix } };
  }
}
