/**
 * Logs and metrics. Logs are JSON (Powertools Logger) and say what was decided and why,
 * with scores, but never what a writer wrote, and writers' addresses only masked: enough
 * for an operator to tell messages apart and find one in S3 by its id. Metrics are
 * CloudWatch embedded metric format (Powertools Metrics), written with the logs.
 */
import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import { answersOf, escalates, replies, type Decision, type ScoredAnswer } from '../domain';

const SERVICE = 'faqmail';
/** The CloudWatch namespace of faqmail's metrics. */
export const METRICS_NAMESPACE = 'faqmail';

/** Level and sampling come from POWERTOOLS_LOG_LEVEL and friends, as with any Powertools logger. */
export function createLogger(): Logger {
  return new Logger({ serviceName: SERVICE });
}

/**
 * POWERTOOLS_METRICS_DISABLED=true turns the output off (tests). The service dimension is the one the stack names
 * (POWERTOOLS_SERVICE_NAME, its dashboard's), so that two stacks in one account and region, which share the
 * namespace, each draw their own mail.
 */
export function createMetrics(env: Readonly<Record<string, string | undefined>>): Metrics {
  return new Metrics({ namespace: METRICS_NAMESPACE, serviceName: env.POWERTOOLS_SERVICE_NAME?.trim() || SERVICE });
}

function scores(answers: readonly ScoredAnswer[], limit: number): Array<{ entry: string; score: number }> {
  return answers.slice(0, limit).map((a) => ({ entry: a.entry.id, score: Math.round(a.score * 1000) / 1000 }));
}

/** A decision as logged: the rule and reason, and the scores of what was answered or considered. */
export function decisionLog(decision: Decision): Record<string, unknown> {
  return {
    decision: decision.kind,
    rule: decision.rule,
    reason: decision.reason,
    answers: scores(answersOf(decision), 10),
    candidates: scores(decision.candidates, 3),
  };
}

/**
 * Counts the decision: `answered`, `escalated` and `ignored` with the function's
 * dimensions, plus `decisions` by kind and rule (why mail was ignored or handed over).
 * `escalated` counts the message as handed over also when a hand-over outside the decision
 * reached staff (`handedOver`: an answer that may not have gone out). The handler counts once per
 * message, on the attempt that ends its event (docs/operate-digest.md, the operator dashboard).
 * `latency` runs from SES's receipt to now: what the writer waits, retries included.
 */
export function countDecision(metrics: Metrics, decision: Pick<Decision, 'kind' | 'rule'>, receivedAt: Date, handedOver = false): void {
  if (replies(decision)) metrics.addMetric('answered', MetricUnit.Count, 1);
  if (escalates(decision) || handedOver) metrics.addMetric('escalated', MetricUnit.Count, 1);
  if (decision.kind === 'ignore') metrics.addMetric('ignored', MetricUnit.Count, 1);
  const latency = Date.now() - receivedAt.getTime();
  if (Number.isFinite(latency)) metrics.addMetric('latency', MetricUnit.Milliseconds, Math.max(0, latency));
  const byRule = metrics.singleMetric();
  byRule.addDimensions({ decision: decision.kind, rule: decision.rule });
  byRule.addMetric('decisions', MetricUnit.Count, 1);
}

/** A repeated delivery of an event already processed (SES or Lambda delivering twice). */
export function countRepeat(metrics: Metrics): void {
  metrics.addMetric('repeated', MetricUnit.Count, 1);
}
