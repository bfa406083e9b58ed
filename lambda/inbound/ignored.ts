/** Logging mail that is neither answered nor handed over, and the screening rules that drop mail from our own or a staff address. */
import type { Logger } from '@aws-lambda-powertools/logger';
import type { Decision, RuleName } from '../domain';

/**
 * The screening rules that drop mail giving our own or a staff address as its sender, each with the warning it
 * logs. Such mail is never answered (a loop, or a colleague answered by machine); a warning, not a quiet info
 * line, so that a staff message to the inbox is seen. It is read for no bounce, since no mail server writes one
 * from those, and staff mail may show our Message-IDs (a forward).
 */
const OUR_SENDERS: ReadonlyMap<RuleName, string> = new Map<RuleName, string>([
  ['from-ourselves', 'Mail from one of our own or a staff address; not answered, kept in S3'],
  ['claims-our-address', 'Mail giving our own address as sender, without our marks; not answered, listed in the digest, kept in S3'],
  [
    'claims-staff-address',
    'Mail giving a staff address as sender that its authentication does not vouch for; not answered, listed in the digest, kept in S3',
  ],
]);

/** Whether `rule` dropped mail giving our own or a staff address as its sender (`OUR_SENDERS`). */
export function fromOurAddress(rule: RuleName): boolean {
  return OUR_SENDERS.has(rule);
}

/**
 * Logs an ignored message (automatic or flagged mail): the raw message stays in S3 until the bucket's
 * lifecycle expires it, for anyone who wants to look.
 */
export function logIgnored(logger: Logger, decision: Decision, storedAt: string): void {
  const details = { rule: decision.rule, reason: decision.reason, storedAt };
  const warning = OUR_SENDERS.get(decision.rule);
  if (warning === undefined) logger.info('Ignored; the message is kept in S3', details);
  else logger.warn(warning, details);
}
