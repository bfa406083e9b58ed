import { Duration, Stack, Validations } from 'aws-cdk-lib';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as iam from 'aws-cdk-lib/aws-iam';
import { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import type * as logs from 'aws-cdk-lib/aws-logs';
import * as scheduler from 'aws-cdk-lib/aws-scheduler';
import { LambdaInvoke } from 'aws-cdk-lib/aws-scheduler-targets';
import { Construct } from 'constructs';
import { configToEnv, digestAddresses, type Config } from '../lambda/config';
import { DECISIONS_BY_DAY, keys } from '../lambda/state/table-schema';
import { functionCode, functionEnvironment } from './function-code';

/** How often a digest that failed, or whose invocation failed, is tried again, and for how long. */
const DIGEST_RETRIES = { attempts: 2, maxEventAge: Duration.hours(1) };

export interface DigestFunctionProps {
  config: Config;
  /** The digest module (`lambda/digest-handler.ts`, exporting `digest`). */
  entry: string;
  projectRoot: string;
  /** The FAQ index built at synth (lambda/precomputed.ts), packed with the code. */
  assets: readonly string[];
  stateTable: dynamodb.ITable;
  /** Where it logs (the responder's group: one place for faqmail's logs). */
  logGroup: logs.ILogGroup;
  /** An EventBridge Scheduler expression in UTC, e.g. `cron(0 8 ? * MON *)`. */
  schedule: string;
}

/**
 * The FAQ-gap digest: a function that reads the decision records and sends the digest to
 * staff, invoked on a schedule by EventBridge Scheduler.
 */
export class DigestFunction extends Construct {
  readonly function: NodejsFunction;
  readonly schedule: scheduler.Schedule;

  constructor(scope: Construct, id: string, props: DigestFunctionProps) {
    super(scope, id);
    const role = new iam.Role(this, 'Role', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: 'faqmail digest: read decision records, send the digest as the inbox address',
    });
    props.logGroup.grantWrite(role);

    this.function = new NodejsFunction(this, 'Function', {
      ...functionCode({ entry: props.entry, handler: 'digest', projectRoot: props.projectRoot, assets: props.assets }),
      // Reads at most two periods of records (a few thousand items) and groups their questions: small and quick.
      memorySize: 512,
      timeout: Duration.minutes(2),
      // The schedule invokes the function asynchronously, so these, not the schedule's retry policy,
      // decide what follows an error the digest throws: two more tries within the hour (a later run
      // covers another period). Sending twice is the worst a retry can do.
      retryAttempts: DIGEST_RETRIES.attempts,
      maxEventAge: DIGEST_RETRIES.maxEventAge,
      role,
      logGroup: props.logGroup,
      environment: {
        ...configToEnv(props.config),
        FAQMAIL_STATE_TABLE: props.stateTable.tableName,
        ...functionEnvironment(),
      },
    });
    // The digest reads decision records through the by-day index, and writes only the record of each digest it
    // sent (`digestmail#`), by which the responder knows a bounce of it (lambda/inbound/bounces.ts).
    role.addToPolicy(
      new iam.PolicyStatement({
        actions: ['dynamodb:Query'],
        resources: [`${props.stateTable.tableArn}/index/${DECISIONS_BY_DAY.indexName}`],
      }),
    );
    role.addToPolicy(
      new iam.PolicyStatement({
        actions: ['dynamodb:PutItem'],
        resources: [props.stateTable.tableArn],
        conditions: { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': [`${keys.digestMail('')}*`] } },
      }),
    );
    role.addToPolicy(
      new iam.PolicyStatement({
        actions: ['ses:SendRawEmail'],
        resources: [Stack.of(this).formatArn({ service: 'ses', resource: 'identity', resourceName: '*' })],
        // The digest mails only its recipients: a digest gone wrong must not reach anyone else. SES matches
        // ses:Recipients (To, Cc and Bcc) case-sensitively; the settings are lower-cased, as the digest addresses them.
        conditions: {
          StringEquals: { 'ses:FromAddress': props.config.inboxAddress },
          'ForAllValues:StringEquals': { 'ses:Recipients': digestAddresses(props.config) },
        },
      }),
    );

    // Only schedules of the default group, where this one is, in this account (confused deputy): the scheduler
    // names the group, not the schedule, as the source of the call (as in the role the CDK makes when given none).
    const scheduleGroupArn = Stack.of(this).formatArn({ service: 'scheduler', resource: 'schedule-group', resourceName: 'default' });
    const schedulerRole = new iam.Role(this, 'SchedulerRole', {
      assumedBy: new iam.ServicePrincipal('scheduler.amazonaws.com', {
        conditions: { StringEquals: { 'aws:SourceAccount': Stack.of(this).account, 'aws:SourceArn': scheduleGroupArn } },
      }),
      description: 'faqmail digest schedule: invoke the digest function',
    });
    this.schedule = new scheduler.Schedule(this, 'Schedule', {
      description: 'faqmail: send the FAQ-gap digest to staff',
      schedule: scheduler.ScheduleExpression.expression(props.schedule),
      // Covers only an invocation Lambda refused (throttled, say): retried as a failed digest is.
      target: new LambdaInvoke(this.function, {
        role: schedulerRole,
        retryAttempts: DIGEST_RETRIES.attempts,
        maxEventAge: DIGEST_RETRIES.maxEventAge,
      }),
    });

    const functionId = Stack.of(this).resolve((this.function.node.defaultChild as lambda.CfnFunction).logicalId) as string;
    Validations.of(role).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:ses:<AWS::Region>:<AWS::AccountId>:identity/*]',
      reason:
        'SES authorizes the sending identity and, in the sandbox, every recipient identity; the ses:FromAddress condition limits sending to the inbox address.',
    });
    Validations.of(schedulerRole).acknowledge({
      id: `AwsSolutions-IAM5[Resource::<${functionId}.Arn>:*]`,
      reason: "The scheduler may invoke the digest function and its versions (grantInvoke's form); nothing else.",
    });
  }
}
