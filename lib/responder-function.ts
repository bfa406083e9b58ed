import { Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { configToEnv, type Config } from '../lambda/config';
import { functionCode, functionEnvironment } from './function-code';

/** Lambda's retries of a failed asynchronous invocation; the handler hands the message to staff on the last. */
const RETRY_ATTEMPTS = 2;

export interface ResponderFunctionProps {
  config: Config;
  /** The handler module (`lambda/handler.ts`, exporting `handler`). */
  entry: string;
  /** The project folder holding `package-lock.json`, `tsconfig.json` and `node_modules`. */
  projectRoot: string;
  /** The FAQ index built at synth (lambda/precomputed.ts), packed with the code. */
  assets: readonly string[];
  mailBucket: s3.Bucket;
  /** The key prefix SES stores raw mail under; the function may read nothing else. */
  mailPrefix: string;
  stateTable: dynamodb.ITable;
  logRetention: logs.RetentionDays;
  reservedConcurrency?: number;
  /** The service dimension of its metrics, which the dashboard draws. */
  metricsService: string;
}

/**
 * The queue as an on-failure destination, its grant no wider than Lambda's delivery needs: sqs:SendMessage
 * with the function's role. SqsDestination grants grantSendMessages(), which adds sqs:GetQueueAttributes and
 * sqs:GetQueueUrl, called by nothing here. The queue's SSE-SQS encryption needs no KMS grant.
 */
function sendOnlyDestination(queue: sqs.IQueue): lambda.IDestination {
  return {
    bind: (_scope, fn) => {
      queue.grant(fn, 'sqs:SendMessage');
      return { destination: queue.queueArn };
    },
  };
}

/**
 * The Lambda function that answers or escalates each message, with its own log group, a
 * role holding only what it needs, and a dead-letter queue for events that exhaust retries.
 */
export class ResponderFunction extends Construct {
  readonly function: NodejsFunction;
  readonly deadLetterQueue: sqs.Queue;
  /** The function's log group (the digest function writes to it too). */
  readonly logGroup: logs.LogGroup;

  constructor(scope: Construct, id: string, props: ResponderFunctionProps) {
    super(scope, id);

    // Longest event age (6 h) plus two weeks to inspect a failure and invoke the function again.
    this.deadLetterQueue = new sqs.Queue(this, 'DeadLetterQueue', {
      retentionPeriod: Duration.days(14),
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      // Which mail reached no one, and why, is recorded nowhere else; its messages still expire after 14 days.
      removalPolicy: RemovalPolicy.RETAIN,
    });
    Validations.of(this.deadLetterQueue).acknowledge({
      id: 'AwsSolutions-SQS3',
      reason:
        "This queue is the dead-letter destination itself (the function's on-failure destination); nothing consumes it automatically, and an alarm fires when it holds a message.",
    });

    const logGroup = new logs.LogGroup(this, 'Logs', { retention: props.logRetention });
    this.logGroup = logGroup;

    // An explicit role instead of AWSLambdaBasicExecutionRole, so that logging is scoped to this log group.
    const role = new iam.Role(this, 'Role', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: 'faqmail responder: read inbound mail, use the state table, send as the inbox address',
    });
    logGroup.grantWrite(role);

    this.function = new NodejsFunction(this, 'Function', {
      ...functionCode({
        entry: props.entry,
        handler: 'handler',
        projectRoot: props.projectRoot,
        assets: props.assets,
        lazyArrows: true,
        asciiSource: true,
      }),
      // Memory: SES accepts messages up to 40 MB; mailparser holds the raw buffer, the decoded
      // parts and their text (UTF-16 strings double it) at once, so the peak for the largest
      // message is a few hundred MB. 1024 MB leaves headroom and buys the CPU share that keeps
      // parsing such a message to a few seconds. Typical mail uses a small fraction of it.
      memorySize: 1024,
      // Timeout: reading 40 MB from S3, parsing it and one SES SendRawEmail (up to 10 MB) take
      // seconds; 60 s absorbs slow SES or DynamoDB calls and the client's retries (aws-lite: S3 and DynamoDB), and a timeout only
      // costs a retry of an event that the idempotency record keeps from being answered twice.
      timeout: Duration.seconds(60),
      role,
      logGroup,
      reservedConcurrentExecutions: props.reservedConcurrency,
      // SES invokes asynchronously: two retries, then the event (with the error) goes to the queue.
      retryAttempts: RETRY_ATTEMPTS,
      maxEventAge: Duration.hours(6),
      onFailure: sendOnlyDestination(this.deadLetterQueue),
      environment: {
        ...configToEnv(props.config),
        FAQMAIL_MAIL_BUCKET: props.mailBucket.bucketName,
        FAQMAIL_MAIL_PREFIX: props.mailPrefix,
        FAQMAIL_STATE_TABLE: props.stateTable.tableName,
        FAQMAIL_ATTEMPTS: String(RETRY_ATTEMPTS + 1),
        ...functionEnvironment(),
        POWERTOOLS_SERVICE_NAME: props.metricsService,
        POWERTOOLS_METRICS_NAMESPACE: 'faqmail',
      },
    });

    // The function reads raw mail under the inbound prefix only.
    role.addToPolicy(
      new iam.PolicyStatement({
        actions: ['s3:GetObject'],
        resources: [props.mailBucket.arnForObjects(`${props.mailPrefix}*`)],
      }),
    );
    // Only the item operations the state store and the idempotency utility use: no Scan, Query or
    // batch writes. On the table alone: grant() would add `<table>/index/*`, which no item
    // operation can use (the digest alone queries the index).
    role.addToPolicy(
      new iam.PolicyStatement({
        actions: ['GetItem', 'BatchGetItem', 'PutItem', 'UpdateItem', 'DeleteItem'].map((action) => `dynamodb:${action}`),
        resources: [props.stateTable.tableArn],
      }),
    );
    // Identity ARNs: SES authorizes the sending identity (the domain or the address), and in
    // the sandbox each recipient's identity too, so the resource cannot be narrowed further;
    // the From address condition is what limits sending to the inbox.
    role.addToPolicy(
      new iam.PolicyStatement({
        actions: ['ses:SendRawEmail'],
        resources: [Stack.of(this).formatArn({ service: 'ses', resource: 'identity', resourceName: '*' })],
        conditions: { StringEquals: { 'ses:FromAddress': props.config.inboxAddress } },
      }),
    );

    const bucketId = Stack.of(this).resolve((props.mailBucket.node.defaultChild as s3.CfnBucket).logicalId) as string;
    Validations.of(role).acknowledge(
      {
        id: `AwsSolutions-IAM5[Resource::<${bucketId}.Arn>/${props.mailPrefix}*]`,
        reason: 'The function reads raw mail only under the inbound prefix, where SES writes one object per message id it receives.',
      },
      {
        id: 'AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:ses:<AWS::Region>:<AWS::AccountId>:identity/*]',
        reason:
          'SES authorizes the sending identity and, in the sandbox, every recipient identity; the ses:FromAddress condition limits sending to the inbox address.',
      },
    );
  }
}
