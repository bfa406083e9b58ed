import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Annotations, CfnOutput, RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import type { Construct } from 'constructs';
import { loadFaq } from '../lambda/content/load-faq';
import { buildIndex } from '../lambda/match';
import { writePrecomputed } from '../lambda/precomputed';
import { MAIL_PREFIX } from '../lambda/adapters/mail-store';
import { DECISIONS_BY_DAY, TABLE_KEYS } from '../lambda/state/table-schema';
import type { DeploySettings } from './deploy-settings';
import { DigestFunction } from './digest-function';
import { DomainRecords } from './domain-records';
import { InboundReceipt } from './inbound-receipt';
import { MailStore } from './mail-store';
import { OperatorAlarms } from './operator-alarms';
import { OperatorDashboard } from './operator-dashboard';
import { requireReceivingRegion } from './receiving-regions';
import { ResponderFunction } from './responder-function';

const PROJECT_ROOT = path.resolve(__dirname, '..');

export interface FaqmailStackProps extends StackProps {
  settings: DeploySettings;
  /** The handler module; tests may point at a small stand-in. Default: `lambda/handler.ts`. */
  entry?: string;
  /** The digest module; tests may point at a small stand-in. Default: `lambda/digest-handler.ts`. */
  digestEntry?: string;
  /** The FAQ folder, read, checked and indexed at synth (the functions get the index). Default: `content/`. */
  contentDir?: string;
}

export class FaqmailStack extends Stack {
  constructor(scope: Construct, id: string, props: FaqmailStackProps) {
    super(scope, id, { description: 'faqmail: answers developer mail from a Markdown FAQ, escalates the rest to staff', ...props });
    const { config, stack: settings } = props.settings;
    const contentDir = props.contentDir ?? path.join(PROJECT_ROOT, 'content');

    requireReceivingRegion(this, settings.addedReceivingRegions);

    // A content mistake fails here, with its file and line, rather than in every invocation.
    const faq = loadFaq(contentDir, config.siteBaseUrl);
    // The FAQ index is built now, not at every cold start; each function packs it (lambda/precomputed.ts).
    const precomputed = mkdtempSync(path.join(os.tmpdir(), 'faqmail-precomputed-'));
    const assets = writePrecomputed(precomputed, { faq, index: buildIndex(faq) }, config);

    for (const recipient of config.recipientAddresses) {
      const recipientDomain = recipient.slice(recipient.lastIndexOf('@') + 1);
      if (recipientDomain !== settings.domain) {
        Annotations.of(this).addWarningV2(
          'faqmail:recipientOutsideDomain',
          `Recipient ${recipient} is not at the receiving domain ${settings.domain}: SES receives its mail only if ${recipientDomain} is verified in this region and its MX record points at SES.`,
        );
      }
    }

    const mail = new MailStore(this, 'Mail', { expiryDays: settings.mailExpiryDays });

    // Sent replies, per-sender counts, decision records and Powertools idempotency records; every item expires.
    const stateTable = new dynamodb.Table(this, 'State', {
      partitionKey: { name: TABLE_KEYS.partitionKey, type: dynamodb.AttributeType.STRING },
      billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
      timeToLiveAttribute: TABLE_KEYS.timeToLive,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      encryption: dynamodb.TableEncryption.AWS_MANAGED,
      // What was sent to whom is what keeps follow-ups going to a person; keep it past a stack deletion, and
      // refuse a deletion from outside the stack too (console, CLI). Removing it: docs/deploy.md.
      removalPolicy: RemovalPolicy.RETAIN,
      deletionProtection: true,
    });
    // Decision records by the day they arrived: what the digest reads a period through.
    stateTable.addGlobalSecondaryIndex({
      indexName: DECISIONS_BY_DAY.indexName,
      partitionKey: { name: DECISIONS_BY_DAY.partitionKey, type: dynamodb.AttributeType.STRING },
      sortKey: { name: DECISIONS_BY_DAY.sortKey, type: dynamodb.AttributeType.STRING },
    });

    // Another faqmail stack in the account and region writes to the same namespace: its stack name keeps each
    // dashboard to its own mail. Lower case, so the default stack (Faqmail) keeps the `faqmail` its metrics always had.
    const metricsService = this.stackName.toLowerCase();

    const responder = new ResponderFunction(this, 'Responder', {
      config,
      entry: props.entry ?? path.join(PROJECT_ROOT, 'lambda', 'handler.ts'),
      projectRoot: PROJECT_ROOT,
      assets,
      mailBucket: mail.bucket,
      mailPrefix: MAIL_PREFIX,
      stateTable,
      logRetention: settings.logRetention,
      reservedConcurrency: settings.reservedConcurrency,
      metricsService,
    });

    const receipt = new InboundReceipt(this, 'Receipt', {
      recipients: config.recipientAddresses,
      ruleSetName: settings.receiptRuleSetName,
      useExistingRuleSet: settings.useExistingRuleSet,
      activateRuleSet: settings.activateRuleSet,
      ruleName: `${this.stackName}-inbound`,
      bucket: mail.bucket,
      prefix: MAIL_PREFIX,
      function: responder.function,
      logRetention: settings.logRetention,
    });

    const digest = new DigestFunction(this, 'Digest', {
      config,
      entry: props.digestEntry ?? path.join(PROJECT_ROOT, 'lambda', 'digest-handler.ts'),
      projectRoot: PROJECT_ROOT,
      assets,
      stateTable,
      logGroup: responder.logGroup,
      schedule: settings.digestSchedule,
    });
    // Both functions have bundled (and copied the index) by now.
    rmSync(precomputed, { recursive: true, force: true });

    if (settings.hostedZone) new DomainRecords(this, 'Domain', { domain: settings.domain, hostedZone: settings.hostedZone });

    const alarms = new OperatorAlarms(this, 'Alarms', {
      function: responder.function,
      deadLetterQueue: responder.deadLetterQueue,
      digest: digest.function,
      alarmEmail: settings.alarmEmail,
    });

    const dashboard = new OperatorDashboard(this, 'Dashboard', {
      responder: responder.function,
      digest: digest.function,
      deadLetterQueue: responder.deadLetterQueue,
      sendingQuota: settings.sendingQuota,
      service: metricsService,
    });

    new CfnOutput(this, 'MailBucketName', { value: mail.bucket.bucketName, description: `Raw mail, under ${MAIL_PREFIX}<SES message id>` });
    new CfnOutput(this, 'StateTableName', { value: stateTable.tableName });
    new CfnOutput(this, 'FunctionName', { value: responder.function.functionName });
    new CfnOutput(this, 'DeadLetterQueueUrl', { value: responder.deadLetterQueue.queueUrl, description: 'Events that failed every retry' });
    new CfnOutput(this, 'ReceiptRule', { value: `${settings.receiptRuleSetName} / ${receipt.rule.receiptRuleName}` });
    new CfnOutput(this, 'DigestFunctionName', { value: digest.function.functionName, description: 'Invoke it to send a digest now' });
    new CfnOutput(this, 'DashboardName', { value: dashboard.dashboard.dashboardName });
    if (alarms.topic) new CfnOutput(this, 'AlarmTopicArn', { value: alarms.topic.topicArn });
  }
}
