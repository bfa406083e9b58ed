/**
 * The digest from the local cloud's state: the decision records in its DynamoDB stand-in,
 * sent through its SES stand-in, exactly as the digest function does in AWS.
 */
import { createClients } from '../lambda/adapters/clients';
import type { Environment } from '../lambda/adapters/environment';
import { MailSender } from '../lambda/adapters/mail-sender';
import { contentDirFrom, loadConfig } from '../lambda/config';
import type { Period } from '../lambda/digest/build';
import { periodsEnding, sendDigest, type DigestSent } from '../lambda/digest/run';
import { codeFingerprint } from '../lambda/precomputed';
import { releaseId } from '../lambda/release-id';
import { createResponder, type Responder } from '../lambda/respond';
import { DecisionStore } from '../lambda/state/decision-store';
import { LOCAL_TABLE } from './cloud';
import { LOCAL_REGION } from './stand-ins';

export interface LocalDigestOptions {
  endpoints: { dynamodb: string; ses: string };
  /**
   * faqmail's settings (`FAQMAIL_*`), as the local cloud's handler reads them. The SDK's
   * credentials come from the process environment: the stand-ins' (`LOCAL_CREDENTIALS`).
   */
  env: Environment;
  /** The responder built from `env`, when the caller has checked it already (built here otherwise). */
  responder?: Responder;
  since?: Date;
  until?: Date;
  now?: Date;
}

/** [since, until) and the period of the same length before it; a bound not given follows from the period setting. */
function localPeriods(options: { since?: Date; until?: Date; now: Date; days: number }): { period: Period; previous: Period } {
  const { since, now, days } = options;
  const until = options.until ?? now;
  if (!since) return periodsEnding(until, days);
  if (since.getTime() >= until.getTime())
    throw new Error(`The period must start (${since.toISOString()}) before it ends (${until.toISOString()})`);
  const length = until.getTime() - since.getTime();
  return { period: { since, until }, previous: { since: new Date(since.getTime() - length), until: since } };
}

export async function localDigest(options: LocalDigestOptions): Promise<DigestSent> {
  const responder = options.responder ?? createResponder(loadConfig(options.env), contentDirFrom(options.env));
  const { config } = responder;
  const clients = createClients({ region: LOCAL_REGION, endpoints: options.endpoints });
  const now = options.now ?? new Date();
  return sendDigest(
    {
      responder,
      release: releaseId(codeFingerprint(), responder),
      decisions: new DecisionStore({ documents: clients.documents, table: LOCAL_TABLE, retentionDays: config.decisionRetentionDays }),
      mailSender: new MailSender(clients.ses, LOCAL_REGION),
    },
    localPeriods({ since: options.since, until: options.until, now, days: config.digestPeriodDays }),
    now,
  );
}
