import { Annotations, Duration, Stack } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';

export interface OperatorAlarmsProps {
  function: lambda.IFunction;
  deadLetterQueue: sqs.IQueue;
  /** The digest function: the mail it lists as ignored on a guess reaches a person only through the digest. */
  digest: lambda.IFunction;
  /** When set, alarms notify this address through an SNS topic. */
  alarmEmail?: string;
}

/**
 * Each alarm fires on the first occurrence (any value above 0 in a period). A message that
 * fails is handed to staff on its last attempt (lambda/handler.ts), so the dead-letter queue
 * holds only what even that could not deliver. The error alarm counts real failures: a
 * duplicate event that finds its message already in progress ends without an error.
 *
 * The signs that mail may be waiting for a person: the function failed, a message exhausted its
 * retries (it sits in the dead-letter queue), or invocations were throttled; and the digest
 * failed, which alone lists the mail screening ignored on a guess (a person may have written it)
 * and the mail the escalation cap held.
 */
export class OperatorAlarms extends Construct {
  readonly alarms: cloudwatch.Alarm[];
  readonly topic?: sns.Topic;

  constructor(scope: Construct, id: string, props: OperatorAlarmsProps) {
    super(scope, id);
    const period = Duration.minutes(5);
    const common = {
      threshold: 0,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
      evaluationPeriods: 1,
      // No invocations means nothing failed.
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    };

    this.alarms = [
      new cloudwatch.Alarm(this, 'FunctionErrors', {
        ...common,
        alarmDescription:
          'faqmail: the responder function failed; Lambda retries, then moves the event to the dead-letter queue. See the function logs.',
        metric: props.function.metricErrors({ period, statistic: cloudwatch.Stats.SUM }),
      }),
      new cloudwatch.Alarm(this, 'DeadLetters', {
        ...common,
        alarmDescription:
          'faqmail: a message exhausted its retries and was neither answered nor escalated. The queue message holds the SES event (requestPayload) and the error; fix the cause, then invoke the function with that payload again.',
        metric: props.deadLetterQueue.metricApproximateNumberOfMessagesVisible({ period, statistic: cloudwatch.Stats.MAXIMUM }),
      }),
      new cloudwatch.Alarm(this, 'FunctionThrottles', {
        ...common,
        alarmDescription:
          'faqmail: invocations were throttled (reserved concurrency or the account limit); Lambda retries them for up to 6 hours.',
        metric: props.function.metricThrottles({ period, statistic: cloudwatch.Stats.SUM }),
      }),
      new cloudwatch.Alarm(this, 'DigestErrors', {
        ...common,
        alarmDescription:
          'faqmail: the digest function failed (Lambda tries it twice more within the hour). Until a digest goes out, nobody sees the mail ignored on a guess. See the function logs, then invoke the digest function (stack output DigestFunctionName).',
        metric: props.digest.metricErrors({ period, statistic: cloudwatch.Stats.SUM }),
      }),
    ];

    if (!props.alarmEmail) {
      // Without a destination the alarms change state in the console and tell nobody: a message in
      // the dead-letter queue would wait unseen until the queue drops it after 14 days.
      Annotations.of(this).addWarningV2(
        'faqmail:noAlarmDestination',
        'NO ALARM DESTINATION: alarmEmail is not set, so nobody is told when a message fails every attempt and waits in the dead-letter queue (kept 14 days). Set -c alarmEmail=you@example.com.',
      );
    }
    if (props.alarmEmail) {
      this.topic = new sns.Topic(this, 'Topic', { displayName: 'faqmail alarms', enforceSSL: true });
      this.topic.addSubscription(new subscriptions.EmailSubscription(props.alarmEmail));
      // The topic policy that enforceSSL writes replaces SNS's default one, whose account-wide Allow
      // is what lets CloudWatch publish: CloudWatch publishes as its service principal, so without
      // this every notification fails. These alarms only, in this account (confused deputy).
      this.topic.addToResourcePolicy(
        new iam.PolicyStatement({
          sid: 'AllowAlarmPublish',
          principals: [new iam.ServicePrincipal('cloudwatch.amazonaws.com')],
          actions: ['sns:Publish'],
          resources: [this.topic.topicArn],
          conditions: {
            StringEquals: { 'aws:SourceAccount': Stack.of(this).account },
            ArnEquals: { 'aws:SourceArn': this.alarms.map((alarm) => alarm.alarmArn) },
          },
        }),
      );
      // Unencrypted at rest on purpose: notifications carry alarm names and states, no mail, and
      // CloudWatch cannot publish to a topic encrypted with the AWS managed SNS key.
      const action = new SnsAction(this.topic);
      for (const alarm of this.alarms) alarm.addAlarmAction(action);
    }
  }
}
