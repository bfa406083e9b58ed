import { Duration, Stack } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { METRICS_NAMESPACE } from '../lambda/adapters/observability';

export interface OperatorDashboardProps {
  responder: lambda.IFunction;
  digest: lambda.IFunction;
  deadLetterQueue: sqs.IQueue;
  /** The account's SES sending quota (messages per 24 hours), drawn as a line when known. */
  sendingQuota?: number;
  /** The service dimension the responder's metrics carry: this stack's alone. */
  service: string;
}

/**
 * One CloudWatch dashboard for the operator, from the metrics the handler already emits
 * (`lambda/adapters/observability.ts`) and those AWS keeps: what was decided and by which
 * rule, how long writers wait, failures, the dead-letter queue, and SES sending.
 */
export class OperatorDashboard extends Construct {
  readonly dashboard: cloudwatch.Dashboard;

  constructor(scope: Construct, id: string, props: OperatorDashboardProps) {
    super(scope, id);
    const period = Duration.hours(1);
    const dimensionsMap = { service: props.service };
    const ours = (metricName: string, statistic: string, label: string) =>
      new cloudwatch.Metric({ namespace: METRICS_NAMESPACE, metricName, dimensionsMap, statistic, period, label });
    const day = Duration.days(1);
    const sent = new cloudwatch.Metric({
      namespace: 'AWS/SES',
      metricName: 'Send',
      statistic: cloudwatch.Stats.SUM,
      period: day,
      label: 'Sent (24 h)',
    });

    this.dashboard = new cloudwatch.Dashboard(this, 'Dashboard', {
      dashboardName: `${Stack.of(this).stackName}-operator`,
      defaultInterval: Duration.days(7),
      widgets: [
        [
          new cloudwatch.GraphWidget({
            // Not stacked: a message answered and handed over is in both series, so a stack would add up to more mail than came in.
            title: 'Decisions (a message answered and handed over is in both lines)',
            width: 12,
            left: [
              ours('answered', cloudwatch.Stats.SUM, 'answered'),
              ours('escalated', cloudwatch.Stats.SUM, 'handed over'),
              ours('ignored', cloudwatch.Stats.SUM, 'ignored'),
            ],
          }),
          new cloudwatch.GraphWidget({
            title: 'Decisions by kind and rule',
            width: 12,
            stacked: true,
            // The rules are whatever the handler names: a search finds every combination it emitted.
            left: [
              new cloudwatch.MathExpression({
                expression: `SEARCH('{${METRICS_NAMESPACE},decision,rule,service} MetricName="decisions" service="${props.service}"', 'Sum', ${period.toSeconds()})`,
                label: '',
                period,
              }),
            ],
          }),
        ],
        [
          new cloudwatch.GraphWidget({
            title: 'Latency: SES receipt to decision (ms)',
            width: 12,
            left: [ours('latency', 'p50', 'p50'), ours('latency', 'p90', 'p90'), ours('latency', cloudwatch.Stats.MAXIMUM, 'max')],
          }),
          new cloudwatch.GraphWidget({
            title: 'Errors and retries',
            width: 12,
            left: [
              props.responder.metricErrors({ period, label: 'responder errors' }),
              props.responder.metricThrottles({ period, label: 'responder throttles' }),
              props.digest.metricErrors({ period, label: 'digest errors' }),
              ours('repeated', cloudwatch.Stats.SUM, 'repeated deliveries'),
            ],
          }),
        ],
        [
          new cloudwatch.GraphWidget({
            title: 'Dead-letter queue depth',
            width: 12,
            left: [
              props.deadLetterQueue.metricApproximateNumberOfMessagesVisible({
                period: Duration.minutes(5),
                statistic: cloudwatch.Stats.MAXIMUM,
                label: 'messages waiting',
              }),
            ],
          }),
          new cloudwatch.GraphWidget({
            title: 'SES sending (24 h) against the quota',
            width: 12,
            left: [sent],
            leftAnnotations: props.sendingQuota ? [{ value: props.sendingQuota, label: 'sending quota', color: cloudwatch.Color.RED }] : [],
          }),
          ...(props.sendingQuota
            ? [
                new cloudwatch.SingleValueWidget({
                  title: 'Sending quota used (last 24 h)',
                  width: 6,
                  metrics: [
                    new cloudwatch.MathExpression({
                      expression: `100 * sent / ${props.sendingQuota}`,
                      usingMetrics: { sent },
                      label: '% used',
                      period: day,
                    }),
                  ],
                }),
              ]
            : []),
        ],
      ],
    });
  }
}
