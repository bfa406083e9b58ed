/**
 * The SES receipt event as the handler reads it: its one record, and the Receipt in it.
 * (local/ses-event.ts builds such events for the local cloud, the bench and the tests.)
 */
import type { SESEvent, SESEventRecord, SESReceiptStatus } from 'aws-lambda';
import type { Receipt, Verdict } from '../domain';

const SES_VERDICTS: ReadonlySet<string> = new Set<Verdict>(['PASS', 'FAIL', 'GRAY', 'PROCESSING_FAILED', 'DISABLED']);

function verdict(status: SESReceiptStatus | undefined): Verdict {
  const value = String(status?.status ?? '').toUpperCase();
  return SES_VERDICTS.has(value) ? (value as Verdict) : 'UNKNOWN';
}

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
  return {
    recipients: (receipt.recipients ?? []).map((recipient) => recipient.trim().toLowerCase()),
    spam: verdict(receipt.spamVerdict),
    virus: verdict(receipt.virusVerdict),
    spf: verdict(receipt.spfVerdict),
    dkim: verdict(receipt.dkimVerdict),
    dmarc: verdict(receipt.dmarcVerdict),
  };
}
