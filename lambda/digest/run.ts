/** One digest from end to end: the records of two periods read, the digest built, composed and sent. */
import type { MailSender } from '../adapters/mail-sender';
import type { OutboundMail } from '../domain';
import type { Responder } from '../respond';
import type { DecisionStore } from '../state/decision-store';
import { buildDigest, type Digest, type Period } from './build';
import { composeDigest, periodLabel } from './compose';

const DAY_MS = 24 * 60 * 60 * 1000;

/** The `days` before `until`, and the same number of days before those. */
export function periodsEnding(until: Date, days: number): { period: Period; previous: Period } {
  const since = new Date(until.getTime() - days * DAY_MS);
  return { period: { since, until }, previous: { since: new Date(since.getTime() - days * DAY_MS), until: since } };
}

/** A scheduled digest covers whole UTC days: those before the day it runs on. */
export function scheduledPeriods(now: Date, days: number): { period: Period; previous: Period } {
  return periodsEnding(new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate())), days);
}

export interface DigestSent {
  digest: Digest;
  mail: OutboundMail;
  sesMessageId: string;
}

export async function sendDigest(
  deps: { responder: Responder; release: string; decisions: DecisionStore; mailSender: MailSender },
  periods: { period: Period; previous: Period },
  now: Date = new Date(),
): Promise<DigestSent> {
  const { responder, decisions, mailSender } = deps;
  // A record expires decisionRetentionDays after it was written, about when its mail came.
  const keptSince = new Date(now.getTime() - responder.config.decisionRetentionDays * DAY_MS);
  const [records, previousRecords, allRecords] = await Promise.all([
    decisions.between(periods.period.since, periods.period.until),
    decisions.between(periods.previous.since, periods.previous.until),
    // The record as it stands now, whatever the period: the switch judgement and the running release are about now, and
    // the period's own figures already count verdicts given after it. A past period's end would leave later verdicts out.
    decisions.between(keptSince, now),
  ]);
  const digest = buildDigest({
    ...periods,
    records,
    previousRecords,
    allRecords,
    entries: responder.faq.entries,
    index: responder.index,
    config: responder.config,
    keptSince,
    madeAt: now,
    release: deps.release,
  });
  const mail = await composeDigest(digest, responder.config);
  const { sesMessageId, messageIdHeader } = await mailSender.send(mail);
  // So that its bounce raises the alarm (lambda/inbound/bounces.ts). Not written, the digest fails and is sent again.
  await decisions.rememberDigest(messageIdHeader, periodLabel(digest.period));
  return { digest, mail, sesMessageId };
}
