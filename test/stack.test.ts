import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Annotations, Match, type Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import { configToEnv } from '../lambda/config';
import { loadFaq } from '../lambda/content/load-faq';
import { readPrecomputed } from '../lambda/precomputed';
import { RETENTION } from '../lambda/state/dynamodb-state-store';
import { CDK_JSON_CONTEXT, functionAssetDir, PROJECT_ROOT, synthStack, type Synthesized } from './support/synth-stack';

type Resource = {
  Type: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- synthesized CloudFormation JSON, read property by property
  Properties: Record<string, any>;
  DependsOn?: string[];
  DeletionPolicy?: string;
  UpdateReplacePolicy?: string;
};

function only(template: Template, type: string, props: Record<string, unknown> = {}): [string, Resource] {
  const found = Object.entries(template.findResources(type, { Properties: props }));
  expect(found).toHaveLength(1);
  return found[0] as [string, Resource];
}

const ruleArn = (ruleSet: string, rule: string) => ({
  'Fn::Join': [
    '',
    [
      'arn:',
      { Ref: 'AWS::Partition' },
      ':ses:',
      { Ref: 'AWS::Region' },
      ':',
      { Ref: 'AWS::AccountId' },
      `:receipt-rule-set/${ruleSet}:receipt-rule/${rule}`,
    ],
  ],
});

/** The dashboard's widgets, read from its body (the tokens in it replaced by their logical ids). */
function dashboardWidgets(template: Template): Array<{ title: string; metrics: unknown }> {
  const [, dashboard] = only(template, 'AWS::CloudWatch::Dashboard');
  const parts: unknown[] = dashboard.Properties.DashboardBody['Fn::Join'][1];
  const body = parts.map((part) => (typeof part === 'string' ? part : 'TOKEN')).join('');
  return (JSON.parse(body) as { widgets: Array<{ properties: { title: string; metrics: unknown } }> }).widgets.map((w) => w.properties);
}

/** AwsSolutions findings nobody acknowledged with a reason, as readable lines. */
function unacknowledgedFindings(synthesized: Synthesized): string[] {
  const report = new AwsSolutionsChecks().validateScope(synthesized.app);
  return report.violations.flatMap((v) =>
    v.violatingResources.map((r) => `${v.ruleName} (${v.severity}) at ${r.constructPath ?? r.resourceLogicalId}: ${v.description}`),
  );
}

describe('the stack as `cdk synth` builds it from cdk.json', () => {
  let s: Synthesized;
  let t: Template;
  beforeAll(() => {
    s = synthStack();
    t = s.template;
  });
  afterAll(() => s.cleanup());

  it('is environment-agnostic: no account or region is written into the template', () => {
    expect(s.stack.stackName).toBe('Faqmail');
    const json = JSON.stringify(t.toJSON());
    expect(json).not.toMatch(/\b\d{12}\b/);
    expect(json).toContain('"Ref":"AWS::AccountId"');
    expect(json).toContain('"Ref":"AWS::Region"');
  });

  it('stores raw mail in an encrypted, private, TLS-only bucket that expires mail and logs access', () => {
    const [, bucket] = only(t, 'AWS::S3::Bucket', { LoggingConfiguration: Match.anyValue() });
    expect(bucket.Properties).toMatchObject({
      BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }] },
      PublicAccessBlockConfiguration: {
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      },
      LifecycleConfiguration: { Rules: [expect.objectContaining({ ExpirationInDays: 90, Status: 'Enabled' })] },
      LoggingConfiguration: { DestinationBucketName: { Ref: expect.stringMatching(/AccessLogs/) } },
    });
    expect(bucket.DeletionPolicy).toBe('Retain');
    expect(bucket.UpdateReplacePolicy).toBe('Retain');
    // Every bucket refuses plain HTTP.
    for (const [, policy] of Object.entries(t.findResources('AWS::S3::BucketPolicy'))) {
      expect(policy.Properties.PolicyDocument.Statement).toContainEqual(
        expect.objectContaining({
          Effect: 'Deny',
          Action: 's3:*',
          Condition: { Bool: { 'aws:SecureTransport': 'false' } },
        }),
      );
    }
  });

  it('lets only SES of this account, through this receipt rule, put objects into the mail bucket', () => {
    const [bucketId] = only(t, 'AWS::S3::Bucket', { LoggingConfiguration: Match.anyValue() });
    const [, policy] = only(t, 'AWS::S3::BucketPolicy', { Bucket: { Ref: bucketId } });
    const allows = policy.Properties.PolicyDocument.Statement.filter((st: { Effect: string }) => st.Effect === 'Allow');
    expect(allows).toEqual([
      {
        Sid: 'AllowSesReceiptRulePuts',
        Effect: 'Allow',
        Principal: { Service: 'ses.amazonaws.com' },
        Action: 's3:PutObject',
        Resource: { 'Fn::Join': ['', [{ 'Fn::GetAtt': [bucketId, 'Arn'] }, '/inbound/*']] },
        Condition: {
          StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } },
          ArnLike: { 'aws:SourceArn': ruleArn('faqmail', 'Faqmail-inbound') },
        },
      },
    ]);
  });

  it('receives for the inbox with scanning and TLS required: store in S3, invoke the function (Event), stop', () => {
    const [bucketId] = only(t, 'AWS::S3::Bucket', { LoggingConfiguration: Match.anyValue() });
    const [functionId] = only(t, 'AWS::Lambda::Function', { Handler: 'index.handler' });
    const [, rule] = only(t, 'AWS::SES::ReceiptRule');
    expect(rule.Properties.Rule).toEqual({
      Name: 'Faqmail-inbound',
      Enabled: true,
      Recipients: ['developers@example.com'],
      ScanEnabled: true,
      TlsPolicy: 'Require',
      Actions: [
        { S3Action: { BucketName: { Ref: bucketId }, ObjectKeyPrefix: 'inbound/' } },
        { LambdaAction: { FunctionArn: { 'Fn::GetAtt': [functionId, 'Arn'] }, InvocationType: 'Event' } },
        { StopAction: { Scope: 'RuleSet' } },
      ],
    });
    // SES checks both grants when the rule is created, so the rule must come after them.
    const [policyId] = only(t, 'AWS::S3::BucketPolicy', { Bucket: { Ref: bucketId } });
    const [permissionId] = only(t, 'AWS::Lambda::Permission');
    expect(rule.DependsOn).toEqual(expect.arrayContaining([policyId, permissionId]));
  });

  it('creates the rule set but leaves the active one alone unless activateRuleSet is set', () => {
    const [ruleSetId, ruleSet] = only(t, 'AWS::SES::ReceiptRuleSet');
    expect(ruleSet.Properties).toEqual({ RuleSetName: 'faqmail' });
    only(t, 'AWS::SES::ReceiptRule', { RuleSetName: { Ref: ruleSetId } });
    t.resourceCountIs('Custom::AWS', 0);
  });

  it('runs the handler on Node.js 24, arm64, with justified memory and timeout and every runtime setting', () => {
    const [bucketId] = only(t, 'AWS::S3::Bucket', { LoggingConfiguration: Match.anyValue() });
    const [tableId] = only(t, 'AWS::DynamoDB::Table');
    const [, fn] = only(t, 'AWS::Lambda::Function', { Handler: 'index.handler' });
    expect(fn.Properties).toMatchObject({ Runtime: 'nodejs24.x', Architectures: ['arm64'], MemorySize: 1024, Timeout: 60 });
    expect(fn.Properties.Environment.Variables).toEqual({
      ...configToEnv(s.settings.config),
      FAQMAIL_MAIL_BUCKET: { Ref: bucketId },
      FAQMAIL_MAIL_PREFIX: 'inbound/',
      FAQMAIL_STATE_TABLE: { Ref: tableId },
      // Lambda's attempts (retryAttempts 2 + 1): the handler hands a failing message to staff on the last.
      FAQMAIL_ATTEMPTS: '3',
      FAQMAIL_PRECOMPUTED_DIR: '/var/task',
      POWERTOOLS_SERVICE_NAME: 'faqmail',
      POWERTOOLS_METRICS_NAMESPACE: 'faqmail',
    });
    expect(fn.Properties.Environment.Variables.FAQMAIL_INBOX_ADDRESS).toBe(CDK_JSON_CONTEXT.inboxAddress);
    expect(fn.Properties.Environment.Variables.FAQMAIL_HOURLY_ESCALATION_LIMIT).toBe(String(s.settings.config.hourlyEscalationLimit));
    expect(fn.Properties.ReservedConcurrentExecutions).toBeUndefined();
  });

  it('bundles the code with esbuild (no Docker) and packs the FAQ index built from the content beside it', () => {
    const dir = functionAssetDir(s);
    expect(existsSync(path.join(dir, 'index.js'))).toBe(true);
    expect(existsSync(path.join(dir, 'index.js.map'))).toBe(false);
    const { faq } = readPrecomputed(dir, s.settings.config);
    expect(faq).toEqual(loadFaq(path.join(PROJECT_ROOT, 'content'), s.settings.config.siteBaseUrl));
  });

  it("keeps logs for the configured retention in the function's own log group", () => {
    const [logGroupId, logGroup] = only(t, 'AWS::Logs::LogGroup');
    expect(logGroup.Properties.RetentionInDays).toBe(90);
    only(t, 'AWS::Lambda::Function', { Handler: 'index.handler', LoggingConfig: { LogGroup: { Ref: logGroupId } } });
  });

  it('retries a failed event twice, then sends it to an encrypted dead-letter queue', () => {
    const [queueId, queue] = only(t, 'AWS::SQS::Queue');
    expect(queue.Properties).toMatchObject({ MessageRetentionPeriod: 14 * 24 * 3600, SqsManagedSseEnabled: true });
    const [functionId] = only(t, 'AWS::Lambda::Function', { Handler: 'index.handler' });
    const [, config] = only(t, 'AWS::Lambda::EventInvokeConfig', { FunctionName: { Ref: functionId } });
    expect(config.Properties).toEqual({
      FunctionName: { Ref: functionId },
      Qualifier: '$LATEST',
      MaximumRetryAttempts: 2,
      MaximumEventAgeInSeconds: 6 * 3600,
      DestinationConfig: { OnFailure: { Destination: { 'Fn::GetAtt': [queueId, 'Arn'] } } },
    });
  });

  // Before: deleted with the stack, while what it holds (mail neither answered nor handed to anyone, and why) is
  // found nowhere else: the raw mail stays in S3, but not which of it failed.
  it('keeps the dead-letter queue on `cdk destroy`, as it keeps the mail and the table', () => {
    const [, queue] = only(t, 'AWS::SQS::Queue');
    expect(queue.DeletionPolicy).toBe('Retain');
    expect(queue.UpdateReplacePolicy).toBe('Retain');
  });

  it('keeps the send markers, Message-ID claims and processed records as long as a dead-lettered event can be sent again', () => {
    const [, queue] = only(t, 'AWS::SQS::Queue');
    const [functionId] = only(t, 'AWS::Lambda::Function', { Handler: 'index.handler' });
    const [, config] = only(t, 'AWS::Lambda::EventInvokeConfig', { FunctionName: { Ref: functionId } });
    // An event reaches the queue up to the event's maximum age after its first attempt wrote the markers, and
    // waits there for the queue's retention. Before: both were 14 days, so an event sent again from the queue in
    // its last hours found no marker and sent the answer an earlier attempt had sent a second time.
    const lastResend = Number(queue.Properties.MessageRetentionPeriod) + Number(config.Properties.MaximumEventAgeInSeconds);
    expect(RETENTION.redelivery).toBeGreaterThanOrEqual(lastResend);
  });

  it('keeps state in an on-demand, encrypted, point-in-time-recoverable table with TTL and the decisions-by-day index, retained on delete and protected from deletion', () => {
    const [, table] = only(t, 'AWS::DynamoDB::Table');
    expect(table.Properties).toEqual({
      KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
      AttributeDefinitions: [
        { AttributeName: 'pk', AttributeType: 'S' },
        { AttributeName: 'day', AttributeType: 'S' },
        { AttributeName: 'receivedAt', AttributeType: 'S' },
      ],
      GlobalSecondaryIndexes: [
        {
          IndexName: 'byDay',
          KeySchema: [
            { AttributeName: 'day', KeyType: 'HASH' },
            { AttributeName: 'receivedAt', KeyType: 'RANGE' },
          ],
          Projection: { ProjectionType: 'ALL' },
        },
      ],
      BillingMode: 'PAY_PER_REQUEST',
      TimeToLiveSpecification: { AttributeName: 'expiresAt', Enabled: true },
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
      SSESpecification: { SSEEnabled: true },
      // Before: none, so the table could be deleted outside CloudFormation (console, CLI, a stack whose policy
      // was changed) with the send markers and limits that keep faqmail from answering twice.
      DeletionProtectionEnabled: true,
    });
    expect(table.DeletionPolicy).toBe('Retain');
    expect(table.UpdateReplacePolicy).toBe('Retain');
  });

  it('grants the function only: its logs, its queue, inbound/* reads, item access to its table, sending as the inbox', () => {
    const [roleId, role] = only(t, 'AWS::IAM::Role', {
      AssumeRolePolicyDocument: { Statement: [Match.objectLike({ Principal: { Service: 'lambda.amazonaws.com' } })] },
      Description: Match.stringLikeRegexp('responder'),
    });
    expect(role.Properties.ManagedPolicyArns).toBeUndefined();
    const [, policy] = only(t, 'AWS::IAM::Policy', { Roles: [{ Ref: roleId }] });
    const [logGroupId] = only(t, 'AWS::Logs::LogGroup');
    const [queueId] = only(t, 'AWS::SQS::Queue');
    const [bucketId] = only(t, 'AWS::S3::Bucket', { LoggingConfiguration: Match.anyValue() });
    const [tableId] = only(t, 'AWS::DynamoDB::Table');
    const statements: Array<{ Action: string | string[]; Resource: unknown; Condition?: unknown; Effect: string }> =
      policy.Properties.PolicyDocument.Statement;
    const byResource = (resource: unknown) => statements.filter((st) => JSON.stringify(st.Resource) === JSON.stringify(resource));

    expect(statements.every((st) => st.Effect === 'Allow')).toBe(true);
    expect(statements.flatMap((st) => [st.Action].flat()).filter((action) => action.includes('*'))).toEqual([]);
    expect(byResource({ 'Fn::GetAtt': [logGroupId, 'Arn'] })).toEqual([
      expect.objectContaining({ Action: ['logs:CreateLogStream', 'logs:PutLogEvents'] }),
    ]);
    // Lambda delivers a failed event to the queue with the function's role, and needs sqs:SendMessage alone for it.
    // Before: the destination's grant (grantSendMessages) added sqs:GetQueueAttributes and sqs:GetQueueUrl, never called.
    expect(byResource({ 'Fn::GetAtt': [queueId, 'Arn'] })).toEqual([expect.objectContaining({ Action: 'sqs:SendMessage' })]);
    expect(JSON.stringify(statements)).not.toContain('sqs:GetQueue');
    expect(byResource({ 'Fn::Join': ['', [{ 'Fn::GetAtt': [bucketId, 'Arn'] }, '/inbound/*']] })).toEqual([
      expect.objectContaining({ Action: 's3:GetObject' }),
    ]);

    // The table alone, not `/index/*` (grant()'s form: a wildcard that item operations cannot use,
    // and the responder queries no index): only the item operations the state store and the
    // idempotency utility call.
    const [tableStatement] = byResource({ 'Fn::GetAtt': [tableId, 'Arn'] });
    expect(JSON.stringify(statements)).not.toContain('/index/');
    expect([tableStatement.Action].flat().sort()).toEqual([
      'dynamodb:BatchGetItem',
      'dynamodb:DeleteItem',
      'dynamodb:GetItem',
      'dynamodb:PutItem',
      'dynamodb:UpdateItem',
    ]);
    const tableAdmin = [
      'dynamodb:CreateTable',
      'dynamodb:DeleteTable',
      'dynamodb:UpdateTable',
      'dynamodb:UpdateTimeToLive',
      'dynamodb:RestoreTableToPointInTime',
      'dynamodb:CreateBackup',
      'dynamodb:DeleteBackup',
    ];
    expect([tableStatement.Action].flat().filter((action) => tableAdmin.includes(action))).toEqual([]);

    const send = statements.filter((st) => [st.Action].flat().some((action) => action.startsWith('ses:')));
    expect(send).toEqual([
      expect.objectContaining({
        Action: 'ses:SendRawEmail',
        Condition: { StringEquals: { 'ses:FromAddress': 'developers@example.com' } },
      }),
    ]);
    expect(statements).toHaveLength(5);
  });

  it('lets SES invoke the function only from this account and this rule', () => {
    const [functionId] = only(t, 'AWS::Lambda::Function', { Handler: 'index.handler' });
    const [, permission] = only(t, 'AWS::Lambda::Permission');
    expect(permission.Properties).toEqual({
      Action: 'lambda:InvokeFunction',
      FunctionName: { 'Fn::GetAtt': [functionId, 'Arn'] },
      Principal: 'ses.amazonaws.com',
      SourceAccount: { Ref: 'AWS::AccountId' },
      SourceArn: ruleArn('faqmail', 'Faqmail-inbound'),
    });
  });

  it("alarms on function errors, a non-empty dead-letter queue, throttles, the digest's errors and dropped runs, and SES reputation (no topic without alarmEmail)", () => {
    const [functionId] = only(t, 'AWS::Lambda::Function', { Handler: 'index.handler' });
    const [digestId] = only(t, 'AWS::Lambda::Function', { Handler: 'index.digest' });
    const [queueId] = only(t, 'AWS::SQS::Queue');
    const breachesOnAny = {
      Threshold: 0,
      ComparisonOperator: 'GreaterThanThreshold',
      EvaluationPeriods: 1,
      TreatMissingData: 'notBreaching',
    };
    t.hasResourceProperties('AWS::CloudWatch::Alarm', {
      ...breachesOnAny,
      Namespace: 'AWS/Lambda',
      MetricName: 'Errors',
      Statistic: 'Sum',
      Dimensions: [{ Name: 'FunctionName', Value: { Ref: functionId } }],
    });
    t.hasResourceProperties('AWS::CloudWatch::Alarm', {
      ...breachesOnAny,
      Namespace: 'AWS/Lambda',
      MetricName: 'Throttles',
      Statistic: 'Sum',
      Dimensions: [{ Name: 'FunctionName', Value: { Ref: functionId } }],
    });
    t.hasResourceProperties('AWS::CloudWatch::Alarm', {
      ...breachesOnAny,
      Namespace: 'AWS/SQS',
      MetricName: 'ApproximateNumberOfMessagesVisible',
      Dimensions: [{ Name: 'QueueName', Value: { 'Fn::GetAtt': [queueId, 'QueueName'] } }],
    });
    // Before: none. A digest that failed every try told nobody, and the mail it lists as ignored on a guess
    // (a person may have written it) reaches a person only through it.
    t.hasResourceProperties('AWS::CloudWatch::Alarm', {
      ...breachesOnAny,
      Namespace: 'AWS/Lambda',
      MetricName: 'Errors',
      Statistic: 'Sum',
      Dimensions: [{ Name: 'FunctionName', Value: { Ref: digestId } }],
    });
    // Before: none. A scheduled digest throttled past its maximum age is dropped without an error of its own.
    t.hasResourceProperties('AWS::CloudWatch::Alarm', {
      ...breachesOnAny,
      Namespace: 'AWS/Lambda',
      MetricName: 'AsyncEventsDropped',
      Statistic: 'Sum',
      Dimensions: [{ Name: 'FunctionName', Value: { Ref: digestId } }],
    });
    t.resourceCountIs('AWS::CloudWatch::Alarm', 7);
    t.resourceCountIs('AWS::SNS::Topic', 0);
    t.hasResourceProperties('AWS::CloudWatch::Alarm', { AlarmActions: Match.absent() });
  });

  // Before: none. SES places the whole account under review at a 5% bounce or 0.1% complaint rate,
  // and may pause its sending (every answer and hand-over) at 10% or 0.5%; nobody was told of either.
  it.each([
    ['Reputation.BounceRate', 0.05],
    ['Reputation.ComplaintRate', 0.001],
  ])("alarms when the account's %s reaches %s, the level at which SES places the account under review", (metricName, threshold) => {
    t.hasResourceProperties('AWS::CloudWatch::Alarm', {
      Namespace: 'AWS/SES',
      MetricName: metricName,
      // The account's own rate carries no dimension; a configuration set's would.
      Dimensions: Match.absent(),
      Statistic: 'Maximum',
      Period: 3600,
      Threshold: threshold,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      EvaluationPeriods: 1,
      // An hour with no value says nothing of the rate: it neither clears the alarm nor shows OK during a review.
      TreatMissingData: 'ignore',
    });
  });

  // Before: the cost table priced three alarms, written before the digest's errors had one.
  it("prices in docs/deploy.md's cost table as many alarms as it creates", () => {
    const deployDoc = readFileSync(path.join(PROJECT_ROOT, 'docs/deploy.md'), 'utf8');
    const priced = /^\| CloudWatch alarms \| (\d+) standard alarms × \$0\.10 \| \$(\d+\.\d\d) \|$/m.exec(deployDoc);
    const created = Object.keys(t.findResources('AWS::CloudWatch::Alarm')).length;
    expect(priced && [Number(priced[1]), priced[2]]).toEqual([created, (created * 0.1).toFixed(2)]);
  });

  it('says loudly at synth time that no alarm destination is set', () => {
    Annotations.fromStack(s.stack).hasWarning('*', Match.stringLikeRegexp('NO ALARM DESTINATION'));
  });

  // Before, it said "Set -c alarmEmail=you@example.com.": a team whose inbox is at its own domain that did so
  // had synth refuse the address (an example domain receives no mail).
  it('suggests no alarm address at an example domain, which synth refuses beside a real inbox', () => {
    const [warning] = Annotations.fromStack(s.stack).findWarning('*', Match.stringLikeRegexp('NO ALARM DESTINATION'));
    expect(JSON.stringify(warning.entry.data)).not.toMatch(/@example\.(com|org|net)\b/);
  });

  it('refuses, at deploy time, a region where SES does not receive email', () => {
    const rules = t.toJSON().Rules as Record<string, { Assertions: Array<{ Assert: { 'Fn::Contains': [string[], unknown] } }> }>;
    const [assertion] = Object.values(rules)[0].Assertions;
    expect(assertion.Assert['Fn::Contains'][0]).toEqual(expect.arrayContaining(['us-east-1', 'eu-west-1', 'us-west-2']));
    expect(assertion.Assert['Fn::Contains'][1]).toEqual({ Ref: 'AWS::Region' });
  });

  it('sends the digest weekly from its own function: EventBridge Scheduler invokes it, with retries', () => {
    const [digestId, digest] = only(t, 'AWS::Lambda::Function', { Handler: 'index.digest' });
    const [tableId] = only(t, 'AWS::DynamoDB::Table');
    expect(digest.Properties).toMatchObject({ Runtime: 'nodejs24.x', Architectures: ['arm64'] });
    expect(digest.Properties.Environment.Variables).toMatchObject({
      ...configToEnv(s.settings.config),
      FAQMAIL_STATE_TABLE: { Ref: tableId },
      FAQMAIL_PRECOMPUTED_DIR: '/var/task',
    });
    expect(digest.Properties.Environment.Variables.FAQMAIL_MAIL_BUCKET).toBeUndefined();
    const [, schedule] = only(t, 'AWS::Scheduler::Schedule');
    expect(schedule.Properties).toMatchObject({
      ScheduleExpression: 'cron(0 8 ? * MON *)',
      State: 'ENABLED',
      Target: { Arn: { 'Fn::GetAtt': [digestId, 'Arn'] }, RetryPolicy: { MaximumRetryAttempts: 2, MaximumEventAgeInSeconds: 3600 } },
    });
  });

  it("retries a failed digest twice within the hour: Lambda's retries, which the schedule's retry policy does not govern", () => {
    // EventBridge Scheduler invokes Lambda asynchronously: its retry policy covers only an invocation
    // Lambda refused, and an error the digest throws is retried by Lambda's own asynchronous settings.
    // Before, those were Lambda's defaults (two retries, within 6 hours), not what the stack set.
    const [digestId] = only(t, 'AWS::Lambda::Function', { Handler: 'index.digest' });
    const [, config] = only(t, 'AWS::Lambda::EventInvokeConfig', { FunctionName: { Ref: digestId } });
    expect(config.Properties).toEqual({
      FunctionName: { Ref: digestId },
      Qualifier: '$LATEST',
      MaximumRetryAttempts: 2,
      MaximumEventAgeInSeconds: 3600,
    });
  });

  // Before: aws:SourceAccount alone, so any schedule of the account could have the scheduler assume this role
  // (confused deputy); AWS's guidance, and the role the CDK makes when given none, add the schedule group's ARN.
  it("lets only this account's default schedule group, where the digest's schedule is, assume the schedule's role", () => {
    const [, role] = only(t, 'AWS::IAM::Role', { Description: Match.stringLikeRegexp('digest schedule') });
    only(t, 'AWS::Scheduler::Schedule', { GroupName: Match.absent() });
    expect(role.Properties.AssumeRolePolicyDocument.Statement).toEqual([
      {
        Effect: 'Allow',
        Principal: { Service: 'scheduler.amazonaws.com' },
        Action: 'sts:AssumeRole',
        Condition: {
          StringEquals: {
            'aws:SourceAccount': { Ref: 'AWS::AccountId' },
            'aws:SourceArn': {
              'Fn::Join': [
                '',
                [
                  'arn:',
                  { Ref: 'AWS::Partition' },
                  ':scheduler:',
                  { Ref: 'AWS::Region' },
                  ':',
                  { Ref: 'AWS::AccountId' },
                  ':schedule-group/default',
                ],
              ],
            },
          },
        },
      },
    ]);
  });

  it('lets the digest read decision records through the by-day index only, write only its own record, and send only as the inbox to staff', () => {
    const [roleId] = only(t, 'AWS::IAM::Role', { Description: Match.stringLikeRegexp('digest: read') });
    const [tableId] = only(t, 'AWS::DynamoDB::Table');
    const [, policy] = only(t, 'AWS::IAM::Policy', { Roles: [{ Ref: roleId }] });
    const statements: Array<{ Action: string | string[]; Resource: unknown; Condition?: unknown }> =
      policy.Properties.PolicyDocument.Statement;
    expect(statements).toContainEqual(
      expect.objectContaining({
        Action: 'dynamodb:Query',
        Resource: { 'Fn::Join': ['', [{ 'Fn::GetAtt': [tableId, 'Arn'] }, '/index/byDay']] },
      }),
    );
    // Before: the From address alone, so a digest gone wrong could mail anyone; it only ever mails the staff.
    expect(statements).toContainEqual(
      expect.objectContaining({
        Action: 'ses:SendRawEmail',
        Condition: {
          StringEquals: { 'ses:FromAddress': 'developers@example.com' },
          'ForAllValues:StringEquals': { 'ses:Recipients': ['staff@example.com'] },
        },
      }),
    );
    // The record of each digest sent, by which a bounce of it raises the alarm (lambda/inbound/bounces.ts): no other item.
    expect(statements).toContainEqual(
      expect.objectContaining({
        Action: 'dynamodb:PutItem',
        Resource: { 'Fn::GetAtt': [tableId, 'Arn'] },
        Condition: { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': ['digestmail#*'] } },
      }),
    );
    expect(statements.flatMap((st) => [st.Action].flat()).filter((a) => a.startsWith('dynamodb:'))).toEqual([
      'dynamodb:Query',
      'dynamodb:PutItem',
    ]);
  });

  it('draws the operator dashboard: decisions by kind and rule, latency, errors, dead letters, SES sending', () => {
    const widgets = dashboardWidgets(t);
    expect(widgets.map((w) => w.title)).toEqual([
      'Decisions (a message answered and handed over is in both lines)',
      'Decisions by kind and rule',
      'Latency: SES receipt to decision (ms)',
      'Errors and retries',
      'Dead-letter queue depth',
      'SES sending (24 h) against the quota',
    ]);
    const metrics = widgets.map((w) => JSON.stringify(w.metrics)).join('\n');
    expect(widgets[1].metrics).toEqual([
      [
        expect.objectContaining({
          expression: `SEARCH('{faqmail,decision,rule,service} MetricName="decisions" service="faqmail"', 'Sum', 3600)`,
        }),
      ],
    ]);
    for (const metric of [
      'answered',
      'escalated',
      'ignored',
      'latency',
      'repeated',
      'ApproximateNumberOfMessagesVisible',
      'Errors',
      'Throttles',
      'AWS/SES',
      'Send',
    ])
      expect(metrics).toContain(`"${metric}"`);
  });

  // A message answered and handed over counts in both "answered" and "handed over": stacked, the graph's height would
  // read as more mail than came in.
  it('draws decisions as lines that may overlap, not as a stack an operator would read as mail volume', () => {
    const [decisions] = dashboardWidgets(t) as Array<{ title: string; stacked?: boolean }>;
    expect(decisions.stacked).not.toBe(true);
    expect(decisions.title).toMatch(/answered and handed over.*both/i);
  });

  it('writes no DNS records and no SES identity without a hosted zone', () => {
    t.resourceCountIs('AWS::Route53::RecordSet', 0);
    t.resourceCountIs('AWS::SES::EmailIdentity', 0);
  });

  it('passes the cdk-nag AwsSolutions checks, each acknowledged finding with a reason', () => {
    expect(unacknowledgedFindings(s)).toEqual([]);
  });
});

describe('the stack with a hosted zone, an alarm address, an activated rule set, reserved concurrency, a daily digest, a sending quota and shadow mode', () => {
  let s: Synthesized;
  let t: Template;
  beforeAll(() => {
    s = synthStack(
      {
        inboxAddress: 'developers@mail.example.org',
        recipientAddresses: ['help@mail.example.org'],
        hostedZoneId: 'Z0123456789ABCDEFGHIJ',
        hostedZoneName: 'example.org',
        alarmEmail: 'ops@example.org',
        activateRuleSet: 'true',
        reservedConcurrency: '5',
        logRetentionDays: '30',
        stackName: 'FaqmailTest',
        digestSchedule: 'rate(1 day)',
        sendingQuota: '50000',
        mode: 'shadow',
        autoPrecisionBar: 0.9,
        autoMinVerdicts: '80',
        digestRecipients: 'Lead@Example.org, ops@example.org',
      },
      // The code is the first describe's: these read the template alone.
      { bundling: false },
    );
    t = s.template;
  });
  afterAll(() => s.cleanup());

  it("points the domain's MX record at SES inbound in the stack's region", () => {
    t.hasResourceProperties('AWS::Route53::RecordSet', {
      HostedZoneId: 'Z0123456789ABCDEFGHIJ',
      Name: 'mail.example.org.',
      Type: 'MX',
      ResourceRecords: [{ 'Fn::Join': ['', ['10 inbound-smtp.', { Ref: 'AWS::Region' }, '.amazonaws.com']] }],
    });
  });

  it('verifies the receiving domain (below the zone apex) with Easy DKIM records in the zone', () => {
    const [identityId] = only(t, 'AWS::SES::EmailIdentity', { EmailIdentity: 'mail.example.org' });
    const dkim = t.findResources('AWS::Route53::RecordSet', { Properties: { Type: 'CNAME', HostedZoneId: 'Z0123456789ABCDEFGHIJ' } });
    expect(Object.values(dkim).map((r) => r.Properties.Name)).toEqual(
      [1, 2, 3].map((n) => ({ 'Fn::GetAtt': [identityId, `DkimDNSTokenName${n}`] })),
    );
  });

  it('receives at every recipient address, and grants to the renamed rule', () => {
    t.hasResourceProperties('AWS::SES::ReceiptRule', {
      Rule: Match.objectLike({ Name: 'FaqmailTest-inbound', Recipients: ['developers@mail.example.org', 'help@mail.example.org'] }),
    });
    t.hasResourceProperties('AWS::Lambda::Permission', { SourceArn: ruleArn('faqmail', 'FaqmailTest-inbound') });
  });

  it('activates the new rule set through a custom resource that does nothing on delete, and retains the set', () => {
    const [ruleSetId, ruleSet] = only(t, 'AWS::SES::ReceiptRuleSet');
    expect(ruleSet.DeletionPolicy).toBe('Retain');
    const [ruleId] = only(t, 'AWS::SES::ReceiptRule');
    const [, activation] = only(t, 'Custom::AWS');
    const call = {
      service: 'SES',
      action: 'setActiveReceiptRuleSet',
      parameters: { RuleSetName: 'faqmail' },
      physicalResourceId: { id: 'active-receipt-rule-set-faqmail' },
    };
    expect(JSON.parse(activation.Properties.Create)).toEqual(call);
    expect(JSON.parse(activation.Properties.Update)).toEqual(call);
    expect(activation.Properties.Delete).toBeUndefined();
    expect(activation.Properties.InstallLatestAwsSdk).toBe(false);
    expect(activation.DependsOn).toContain(ruleId);
    expect(ruleSetId).toBeDefined();
    t.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: { Statement: [{ Action: 'ses:SetActiveReceiptRuleSet', Effect: 'Allow', Resource: '*' }] },
    });
  });

  // Before: the CDK's provider function logged to the group Lambda makes on first use, which keeps its events forever
  // and outlives the stack.
  it("gives the rule set's activation function a log group of its own, kept for the configured retention", () => {
    const [, provider] = only(t, 'AWS::Lambda::Function', { Handler: 'index.handler', Timeout: 120 });
    const logGroupId = provider.Properties.LoggingConfig?.LogGroup?.Ref;
    expect(t.toJSON().Resources[logGroupId]).toMatchObject({ Type: 'AWS::Logs::LogGroup', Properties: { RetentionInDays: 30 } });
  });

  it('notifies the alarm address through a TLS-only topic from all seven alarms', () => {
    const [topicId] = only(t, 'AWS::SNS::Topic');
    t.hasResourceProperties('AWS::SNS::Subscription', { Protocol: 'email', Endpoint: 'ops@example.org', TopicArn: { Ref: topicId } });
    t.hasResourceProperties('AWS::SNS::TopicPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } })]),
      },
    });
    const alarms = Object.values(t.findResources('AWS::CloudWatch::Alarm'));
    expect(alarms.map((a) => a.Properties.AlarmActions)).toEqual([1, 2, 3, 4, 5, 6, 7].map(() => [{ Ref: topicId }]));
  });

  it("lets CloudWatch publish to the topic for this stack's seven alarms only", () => {
    // The topic policy replaces SNS's default one, whose account-wide Allow is what let CloudWatch
    // publish; CloudWatch publishes as its service principal, so without this Allow every alarm
    // notification fails ("no resource-based policy allows the SNS:Publish action").
    const [topicId] = only(t, 'AWS::SNS::Topic');
    const [, policy] = only(t, 'AWS::SNS::TopicPolicy');
    const alarmIds = Object.keys(t.findResources('AWS::CloudWatch::Alarm'));
    expect(alarmIds).toHaveLength(7);
    const allows = policy.Properties.PolicyDocument.Statement.filter((st: { Effect: string }) => st.Effect === 'Allow');
    expect(allows).toEqual([
      {
        Sid: 'AllowAlarmPublish',
        Effect: 'Allow',
        Principal: { Service: 'cloudwatch.amazonaws.com' },
        Action: 'sns:Publish',
        Resource: { Ref: topicId },
        Condition: {
          StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } },
          ArnEquals: { 'aws:SourceArn': alarmIds.map((id) => ({ 'Fn::GetAtt': [id, 'Arn'] })) },
        },
      },
    ]);
  });

  it('runs the digest on the configured schedule and draws the configured sending quota', () => {
    t.hasResourceProperties('AWS::Scheduler::Schedule', { ScheduleExpression: 'rate(1 day)' });
    const widgets = dashboardWidgets(t);
    expect(widgets.map((w) => w.title)).toContain('Sending quota used (last 24 h)');
    expect(JSON.stringify(widgets.map((w) => w.metrics))).toContain('100 * sent / 50000');
  });

  // SES matches ses:Recipients case-sensitively; the setting's addresses are lower-cased as the digest's To and
  // Destinations are, so the policy names the very strings the digest sends to.
  it('lets the digest send only to the digest recipients, when they are set, as it addresses them', () => {
    const [roleId] = only(t, 'AWS::IAM::Role', { Description: Match.stringLikeRegexp('digest: read') });
    const [, policy] = only(t, 'AWS::IAM::Policy', { Roles: [{ Ref: roleId }] });
    const send = policy.Properties.PolicyDocument.Statement.filter((st: { Action: string }) => st.Action === 'ses:SendRawEmail');
    expect(send.map((st: { Condition: unknown }) => st.Condition)).toEqual([
      {
        StringEquals: { 'ses:FromAddress': 'developers@mail.example.org' },
        'ForAllValues:StringEquals': { 'ses:Recipients': ['lead@example.org', 'ops@example.org'] },
      },
    ]);
  });

  it('passes shadow mode and the switch-on bar from context to the function', () => {
    t.hasResourceProperties('AWS::Lambda::Function', {
      Handler: 'index.handler',
      Environment: {
        Variables: Match.objectLike({ FAQMAIL_MODE: 'shadow', FAQMAIL_AUTO_PRECISION_BAR: '0.9', FAQMAIL_AUTO_MIN_VERDICTS: '80' }),
      },
    });
  });

  // A second stack in the account and region (staging beside production): each dashboard must draw its own stack's mail.
  it("emits and draws its metrics under its own stack's service dimension, apart from another faqmail stack's", () => {
    t.hasResourceProperties('AWS::Lambda::Function', {
      Handler: 'index.handler',
      Environment: { Variables: Match.objectLike({ POWERTOOLS_SERVICE_NAME: 'faqmailtest' }) },
    });
    const widgets = dashboardWidgets(t);
    const drawn = JSON.stringify(widgets.map((w) => w.metrics));
    expect(drawn).toContain('"service","faqmailtest"');
    expect(drawn).not.toMatch(/"service","faqmail"/);
    expect(widgets[1].metrics).toEqual([
      [
        expect.objectContaining({
          expression: `SEARCH('{faqmail,decision,rule,service} MetricName="decisions" service="faqmailtest"', 'Sum', 3600)`,
        }),
      ],
    ]);
  });

  it('reserves concurrency and keeps logs as configured', () => {
    t.hasResourceProperties('AWS::Lambda::Function', { Handler: 'index.handler', ReservedConcurrentExecutions: 5 });
    t.hasResourceProperties('AWS::Logs::LogGroup', { RetentionInDays: 30 });
  });

  it('passes the cdk-nag AwsSolutions checks, each acknowledged finding with a reason', () => {
    expect(unacknowledgedFindings(s)).toEqual([]);
  });
});

describe('the stack adding its rule to an existing rule set, with the zone at the receiving domain', () => {
  let s: Synthesized;
  let t: Template;
  beforeAll(() => {
    s = synthStack(
      {
        useExistingRuleSet: true,
        receiptRuleSetName: 'default-rule-set',
        hostedZoneId: 'Z0123456789ABCDEFGHIJ',
        hostedZoneName: 'example.com',
      },
      { bundling: false },
    );
    t = s.template;
  });
  afterAll(() => s.cleanup());

  it('creates no rule set and puts the rule into the named one', () => {
    t.resourceCountIs('AWS::SES::ReceiptRuleSet', 0);
    t.resourceCountIs('Custom::AWS', 0);
    t.hasResourceProperties('AWS::SES::ReceiptRule', { RuleSetName: 'default-rule-set' });
    t.hasResourceProperties('AWS::Lambda::Permission', { SourceArn: ruleArn('default-rule-set', 'Faqmail-inbound') });
  });

  it("verifies the zone's own domain with Identity.publicHostedZone", () => {
    only(t, 'AWS::SES::EmailIdentity', { EmailIdentity: 'example.com' });
    t.hasResourceProperties('AWS::Route53::RecordSet', { Type: 'MX', Name: 'example.com.' });
  });
});

describe('the region', () => {
  /** The stack synthesized as the CDK CLI would in `region`, with `context` beside cdk.json's; its code is not built. */
  function inRegion<T>(region: string, context: Record<string, unknown>, check: (s: Synthesized) => T): T {
    const saved = process.env.CDK_DEFAULT_REGION;
    process.env.CDK_DEFAULT_REGION = region;
    const s = synthStack(context, { bundling: false });
    try {
      return check(s);
    } finally {
      s.cleanup();
      if (saved === undefined) delete process.env.CDK_DEFAULT_REGION;
      else process.env.CDK_DEFAULT_REGION = saved;
    }
  }
  const regionErrors = (s: Synthesized) =>
    Annotations.fromStack(s.stack).findError('*', Match.stringLikeRegexp('SES does not receive email'));
  const deployTimeRegions = (s: Synthesized): string[] => {
    const rules = s.template.toJSON().Rules as Record<string, { Assertions: Array<{ Assert: { 'Fn::Contains': [string[], unknown] } }> }>;
    return Object.values(rules)[0].Assertions[0].Assert['Fn::Contains'][0];
  };

  it('is refused at synth time when the CLI deploys where SES does not receive email', () => {
    inRegion('eu-south-1', {}, (s) => {
      Annotations.fromStack(s.stack).hasError('*', Match.stringLikeRegexp('SES does not receive email in eu-south-1'));
      // The refusal says how to deploy there once AWS receives in the region, not only that the code must change.
      Annotations.fromStack(s.stack).hasError('*', Match.stringLikeRegexp('-c addedReceivingRegions=eu-south-1'));
    });
  });

  // The 2024 list refused these, where SES has received mail since (inbound-smtp.<region> in real mail's Received fields).
  it.each(['us-west-1', 'ap-south-1', 'ap-northeast-2', 'ap-northeast-3', 'eu-north-1', 'eu-west-3', 'sa-east-1'])(
    'deploys to %s, where SES receives email',
    (region) => {
      inRegion(region, {}, (s) => {
        expect(regionErrors(s)).toEqual([]);
        expect(deployTimeRegions(s)).toContain(region);
      });
    },
  );

  it('deploys to a region the list lacks when the deployment names it in addedReceivingRegions, at synth and deploy time', () => {
    inRegion('eu-south-1', { addedReceivingRegions: 'eu-south-1, il-central-1' }, (s) => {
      expect(regionErrors(s)).toEqual([]);
      expect(deployTimeRegions(s)).toEqual(expect.arrayContaining(['eu-south-1', 'il-central-1', 'us-east-1']));
    });
  });
});
