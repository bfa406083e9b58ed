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
 * SES's levels for the account's bounce and complaint rates: at `review` it places the whole
 * account under review, at `pause` it may pause the account's sending (every answer and hand-over
 * with it). Amazon SES Developer Guide, "Reputation metrics messages"
 * (https://docs.aws.amazon.com/ses/latest/dg/reputationdashboardmessages.html); its page on
 * reputation alarms recommends alarming at the review levels, which leaves the review period to
 * find the cause before a pause.
 */
const SES_REPUTATION = {
  bounce: { metricName: 'Reputation.BounceRate', review: 0.05, pause: 0.1 },
  complaint: { metricName: 'Reputation.ComplaintRate', review: 0.001, pause: 0.005 },
} as const;

/**
 * Each alarm but the two on SES reputation fires on the first occurrence (any value above 0 in
 * a period). A message that fails is handed to staff on its last attempt (lambda/handler.ts), so
 * the dead-letter queue holds only what even that could not deliver. The error alarm counts real
 * failures: a duplicate event that finds its message already in progress ends without an error.
 *
 * The signs that mail may be waiting for a person: the function failed, a message exhausted its
 * retries (it sits in the dead-letter queue), or invocations were throttled; and the digest
 * failed or a run of it was dropped, which alone lists the mail screening ignored on a guess (a person may have written it)
 * and the mail the escalation cap held.
 *
 * And the sign that all sending may stop: the account's SES bounce or complaint rate reached the
 * level at which SES reviews the account. The rates are the account's, in this region: they count
 * everything it sends, not only faqmail's mail.
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
      // The schedule invokes the digest asynchronously: throttled past its maximum age (an hour), the run is
      // discarded with no error of its own, so DigestErrors never fires and that period's digest never comes.
      new cloudwatch.Alarm(this, 'DigestDropped', {
        ...common,
        alarmDescription:
          "faqmail: Lambda dropped a scheduled digest run (throttled past the hour it is kept, or failed every try). That period's digest will not come, and nobody sees the mail it would list as ignored on a guess. Invoke the digest function (stack output DigestFunctionName).",
        metric: props.digest.metric('AsyncEventsDropped', { period, statistic: cloudwatch.Stats.SUM }),
      }),
      reputationAlarm(this, 'SesBounceRate', 'bounce'),
      reputationAlarm(this, 'SesComplaintRate', 'complaint'),
    ];

    if (!props.alarmEmail) {
      // Without a destination the alarms change state in the console and tell nobody: a message in
      // the dead-letter queue would wait unseen until the queue drops it after 14 days.
      Annotations.of(this).addWarningV2(
        'faqmail:noAlarmDestination',
        'NO ALARM DESTINATION: alarmEmail is not set, so nobody is told when a message fails every attempt and waits in the dead-letter queue (kept 14 days). Set alarmEmail (-c alarmEmail=ADDRESS, or in cdk.json) to a mailbox an operator reads.',
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

/**
 * An alarm on one of the account's SES reputation rates. An hour's highest value is enough: SES
 * takes the rate over a representative volume of the account's mail, not over the period, so it
 * moves slowly. Missing data keeps the alarm's state: SES publishes the rates only once the
 * account has had a bounce or complaint ("Creating reputation monitoring alarms using CloudWatch"),
 * and an hour without a value says nothing of the rate, so it neither clears a raised alarm (to
 * raise it again, another mail, when the value returns) nor shows OK while the account is under review.
 */
function reputationAlarm(scope: Construct, id: string, kind: keyof typeof SES_REPUTATION): cloudwatch.Alarm {
  const { metricName, review, pause } = SES_REPUTATION[kind];
  const percent = (rate: number) => `${+(rate * 100).toFixed(3)}%`;
  return new cloudwatch.Alarm(scope, id, {
    alarmDescription:
      `faqmail: the SES account's ${kind} rate reached ${percent(review)}, at which SES places the whole account under review; at ` +
      `${percent(pause)} it may pause all the account's sending in this region, faqmail's answers and hand-overs with it. The rate counts ` +
      "everything the account sends, not only faqmail's mail. See the SES console's Reputation metrics page and the addresses SES suppressed " +
      `(aws sesv2 list-suppressed-destinations --reasons ${kind.toUpperCase()}); docs/operate.md says how to tell whether the mail is faqmail's.`,
    metric: new cloudwatch.Metric({ namespace: 'AWS/SES', metricName, statistic: cloudwatch.Stats.MAXIMUM, period: Duration.hours(1) }),
    threshold: review,
    comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
    evaluationPeriods: 1,
    treatMissingData: cloudwatch.TreatMissingData.IGNORE,
  });
}
