/**
 * The SES receipt event as the handler reads it: its one record, the Receipt in it, and what it
 * says of a message that could not be read.
 * (local/ses-event.ts builds such events for the local cloud, the bench and the tests.)
 */
import type { SESEvent, SESEventRecord } from 'aws-lambda';
import type { Receipt } from '../domain';
import { sesVerdict } from '../mail/ses-verdict';
import { oneLine } from '../one-line';

/** The one record of an SES event: SES invokes a function with exactly one message. */
export function sesRecord(event: SESEvent): SESEventRecord {
  const records = event?.Records ?? [];
  if (records.length !== 1 || records[0]?.ses?.mail?.messageId === undefined) {
    throw new Error(`Expected an SES receipt event with one record holding ses.mail.messageId; got ${records.length} record(s)`);
  }
  return records[0];
}

/** What the inbound service found, as the decision reads it. */
export function receiptFromEvent(record: SESEventRecord): Receipt {
  const { receipt } = record.ses;
  const receivedAt = new Date(record.ses.mail.timestamp);
  return {
    ...(Number.isNaN(receivedAt.getTime()) ? {} : { receivedAt }),
    recipients: (receipt.recipients ?? []).map((recipient) => recipient.trim().toLowerCase()),
    spam: sesVerdict(receipt.spamVerdict?.status),
    virus: sesVerdict(receipt.virusVerdict?.status),
    spf: sesVerdict(receipt.spfVerdict?.status),
    dkim: sesVerdict(receipt.dkimVerdict?.status),
    dmarc: sesVerdict(receipt.dmarcVerdict?.status),
    ...(receipt.dmarcPolicy ? { dmarcPolicy: receipt.dmarcPolicy, dmarcPolicySource: 'ses-receipt' as const } : {}),
    ...(record.ses.mail.source?.trim() ? { envelopeSender: record.ses.mail.source.trim().toLowerCase() } : {}),
  };
}

/**
 * What the SES event says of a message whose raw bytes could not be read (a missing object, a
 * wrong prefix, a key the function may not use): who it is from and its subject, so that staff
 * can reach the writer even when the stored original is gone. The writer's own words, unverified.
 */
export function whatSesRecorded(event: SESEvent): string {
  const mail = event?.Records?.[0]?.ses?.mail;
  const common = mail?.commonHeaders;
  const from = common?.from?.join(', ') || mail?.source;
  const parts = [
    ...(from ? [`from ${oneLine(from, 300)}`] : []),
    ...(common?.subject !== undefined ? [`subject "${oneLine(common.subject, 200)}"`] : []),
    ...(common?.date ? [`dated ${oneLine(common.date, 60)}`] : []),
  ];
  return parts.length > 0 ? `SES recorded it as ${parts.join(', ')} (as the sender wrote them, unverified). ` : '';
}
