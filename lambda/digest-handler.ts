/**
 * The digest function EventBridge Scheduler invokes (weekly by default): the decision
 * records of the last `digestPeriodDays` whole days beside the days before, sent to the
 * digest recipients through SES. A failure propagates: Lambda invokes it again (the
 * schedule invokes it asynchronously; lib/digest-function.ts), and sending twice is the worst
 * it can do.
 */
import { createClients } from './adapters/clients';
import { readDigestEnvironment, type Environment } from './adapters/environment';
import { MailSender } from './adapters/mail-sender';
import { createLogger } from './adapters/observability';
import { digestAddresses, loadConfig } from './config';
import { periodLabel } from './digest/compose';
import { scheduledPeriods, sendDigest } from './digest/run';
import { codeFingerprint, loadResponder } from './precomputed';
import { releaseId } from './release-id';
import { DecisionStore } from './state/decision-store';

export interface DigestResult {
  period: string;
  received: number;
  unanswered: number;
  sesMessageId: string;
}

export type DigestHandler = () => Promise<DigestResult>;

export function createDigestHandler(env: Environment, now: () => Date = () => new Date()): DigestHandler {
  const settings = readDigestEnvironment(env);
  const config = loadConfig(env);
  const clients = createClients(settings);
  const logger = createLogger();
  const responder = loadResponder(config, settings);
  const deps = {
    responder,
    // As the responder computes it (lambda/handler.ts), from the same bundle fingerprint and packed FAQ.
    release: releaseId(codeFingerprint(), responder),
    decisions: new DecisionStore({ documents: clients.documents, table: settings.stateTable, retentionDays: config.decisionRetentionDays }),
    mailSender: new MailSender(clients.ses, settings.region),
  };
  return async () => {
    const at = now();
    const { digest, sesMessageId } = await sendDigest(deps, scheduledPeriods(at, config.digestPeriodDays), at);
    const result = {
      period: periodLabel(digest.period),
      received: digest.volume.current.received,
      unanswered: digest.gaps.reduce((sum, g) => sum + g.count, 0),
      sesMessageId,
    };
    logger.info('Digest sent', { ...result, groups: digest.gaps.length, to: digestAddresses(config).length });
    return result;
  };
}

let built: DigestHandler | undefined;

/** The function's entry point (`index.digest` in the stack); built on the first invocation, as the responder's is. */
export const digest: DigestHandler = () => {
  built ??= createDigestHandler(process.env);
  return built();
};
