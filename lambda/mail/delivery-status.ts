/**
 * What a delivery status notification (RFC 3464) says failed: the recipients whose
 * per-recipient fields say `Action: failed`, with their status, and the Message-IDs in the
 * headers of the mail it returns (its text/rfc822-headers or message/rfc822 part). Read from
 * the raw bytes: mailparser keeps those parts as attachments, out of the message's text.
 */

export interface FailedDelivery {
  /** Each recipient the report says failed (lowercased), with its Status when given. */
  recipients: Array<{ address: string; status?: string }>;
  /** Message-IDs (with angle brackets) found below the report's own header block. */
  messageIds: string[];
}

/** Reports are small; this is far past any report's fields and the headers it returns. */
const READ_BYTES = 256 * 1024;
const MAX_IDS = 10;

const ACTION_FAILED = /^Action:[ \t]*failed\b/im;
const RECIPIENT = /^(?:Final|Original)-Recipient:[ \t]*rfc822[ \t]*;[ \t]*<?([^\s<>;"]+@[^\s<>;"]+?)>?[ \t]*$/im;
const STATUS = /^Status:[ \t]*([245]\.\d{1,3}\.\d{1,3})\b/im;
const MESSAGE_ID = /^Message-ID:[ \t]*(<[^<>\s]+>)/gim;

/** Undefined when the raw message holds no per-recipient field that says a delivery failed. */
export function failedDelivery(raw: Buffer): FailedDelivery | undefined {
  const text = raw.toString('latin1', 0, Math.min(raw.length, READ_BYTES));
  const recipients: FailedDelivery['recipients'] = [];
  // Per-recipient fields stand in blocks of their own, separated by blank lines (RFC 3464 §2.1).
  for (const block of text.split(/\r?\n[ \t]*\r?\n/)) {
    if (!ACTION_FAILED.test(block)) continue;
    const address = RECIPIENT.exec(block)?.[1]?.toLowerCase();
    if (address === undefined) continue;
    const status = STATUS.exec(block)?.[1];
    if (!recipients.some((r) => r.address === address)) recipients.push({ address, ...(status ? { status } : {}) });
  }
  if (recipients.length === 0) return undefined;
  const headerEnd = text.search(/\r?\n\r?\n/);
  const below = headerEnd < 0 ? '' : text.slice(headerEnd);
  const messageIds = [...new Set([...below.matchAll(MESSAGE_ID)].map((m) => m[1]))].slice(0, MAX_IDS);
  return { recipients, messageIds };
}
