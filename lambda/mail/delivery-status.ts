import { Headers, Splitter } from '@zone-eu/mailsplit';
import type { MimeNode, SplitterChunk } from '@zone-eu/mailsplit';
import { oneLine } from '../one-line';
import { SPLITTER_OPTIONS } from './part-types';

/**
 * What a delivery status notification (RFC 3464) says failed: the recipients whose
 * per-recipient fields say `Action: failed`, with their status and what the refusing server
 * said, and the Message-IDs of the
 * mail it returns. Read from the report's own parts, decoded as mailsplit decodes any part:
 * mailparser keeps those parts as attachments, out of the message's text, and RFC 3464's 7bit
 * is not what every gateway keeps (RFC 6533 itself lets a downgraded report be base64 or
 * quoted-printable).
 */

export interface FailedDelivery {
  /**
   * Each recipient the report says failed (lowercased, its Final-Recipient), with the address the
   * mail was sent to when the report gives another (its Original-Recipient: an alias the server
   * expanded), its Status and its Diagnostic-Code (the server's reply, less its type, on one
   * line) when given.
   */
  recipients: Array<{ address: string; original?: string; status?: string; diagnostic?: string }>;
  /** Message-IDs (with angle brackets) in the header blocks of the returned parts. */
  messageIds: string[];
}

/**
 * The machine-readable report: RFC 3464's, RFC 6533's for internationalized addresses, and the
 * unregistered name the XWall gateway gives it.
 */
const REPORT_TYPES = new Set(['message/delivery-status', 'message/global-delivery-status', 'message/xdelivery-status']);
/**
 * The mail returned, whole or its headers only (RFC 3462, RFC 6533); message/rfc822-headers is
 * no registered type, read as text/rfc822-headers should a reporter mix the two names up.
 */
const RETURNED_TYPES = new Set([
  'text/rfc822-headers',
  'message/rfc822',
  'message/global',
  'message/global-headers',
  'message/rfc822-headers',
]);

/**
 * Reports are small; this is far past any report's fields and the header block a part returns
 * (the returned message may be whole, attachments and all: only its start is read).
 */
const READ_BYTES = 256 * 1024;
const MAX_IDS = 10;

const ACTION_FAILED = /^Action:[ \t]*failed\b/im;
/** A recipient field's rfc822 address, or RFC 6533's utf-8 one. */
const recipientField = (name: string) =>
  new RegExp(`^${name}-Recipient:[ \\t]*(?:rfc822|utf-8)[ \\t]*;[ \\t]*<?([^\\s<>;"]+@[^\\s<>;"]+?)>?[ \\t]*$`, 'im');
const FINAL_RECIPIENT = recipientField('Final');
const ORIGINAL_RECIPIENT = recipientField('Original');
const STATUS = /^Status:[ \t]*([245]\.\d{1,3}\.\d{1,3})\b/im;
/** The field with its folded lines; the diagnostic type (`smtp;`, `x-unix;`) is left out. */
const DIAGNOSTIC = /^Diagnostic-Code:[ \t]*(?:[a-z0-9-]+[ \t]*;)?([^\r\n]*(?:\r?\n[ \t]+[^\r\n]*)*)/im;
/**
 * The longest reply line SMTP allows (RFC 5321 §4.5.3.1.5): a server's own words, as much as one
 * reply carries. It is shown to staff, and may be anyone's text (a report is easily forged).
 */
const MAX_DIAGNOSTIC_CHARS = 512;

/**
 * The decoded start of each report part and returned part, in document order. mailsplit walks
 * the tree without descending into an embedded message (`ignoreEmbedded`): a returned message
 * is read as the body of its part, and a report forwarded inside another message is not this one's.
 */
async function reportParts(raw: Buffer): Promise<Array<{ type: string; text: string }>> {
  const parts = new Map<MimeNode, { type: string; encoded: Buffer[]; size: number }>();
  const splitter = new Splitter({ ...SPLITTER_OPTIONS, ignoreEmbedded: true });
  splitter.end(raw);
  try {
    // The typings declare only the 'data' event; the splitter is a Readable like any other.
    for await (const chunk of splitter as unknown as AsyncIterable<SplitterChunk>) {
      if (chunk.type === 'node') {
        const type = (chunk.contentType || '').toLowerCase();
        if (REPORT_TYPES.has(type) || RETURNED_TYPES.has(type)) parts.set(chunk, { type, encoded: [], size: 0 });
      } else if (chunk.type === 'body') {
        const part = parts.get(chunk.node);
        // A chunk may be the part's whole body (mailsplit hands a body it holds whole in one piece): cut to the bound.
        if (part && part.size < READ_BYTES) {
          const kept = chunk.value.subarray(0, READ_BYTES - part.size);
          part.encoded.push(kept);
          part.size += kept.length;
        }
      }
    }
  } catch {
    // A tree the splitter gives up on keeps the parts read so far.
  }
  return Promise.all(
    [...parts].map(async ([node, { type, encoded }]) => {
      const decoder = node.getDecoder();
      decoder.end(Buffer.concat(encoded));
      const decoded: Buffer[] = [];
      for await (const piece of decoder) decoded.push(piece as Buffer);
      return { type, text: Buffer.concat(decoded).toString('utf8') };
    }),
  );
}

function failedRecipients(report: string): FailedDelivery['recipients'] {
  const recipients: FailedDelivery['recipients'] = [];
  // Per-recipient fields stand in blocks of their own, separated by blank lines (RFC 3464 §2.1).
  for (const block of report.split(/\r?\n[ \t]*\r?\n/)) {
    if (!ACTION_FAILED.test(block)) continue;
    // Both are read, in whichever order they stand: Postfix writes the mailbox an alias led to
    // first, and the address the mail was sent to (ours) after it.
    const original = ORIGINAL_RECIPIENT.exec(block)?.[1]?.toLowerCase();
    const address = FINAL_RECIPIENT.exec(block)?.[1]?.toLowerCase() ?? original;
    if (address === undefined) continue;
    const status = STATUS.exec(block)?.[1];
    const diagnostic = oneLine(DIAGNOSTIC.exec(block)?.[1] ?? '', MAX_DIAGNOSTIC_CHARS);
    const sentTo = original !== undefined && original !== address ? { original } : {};
    if (!recipients.some((r) => r.address === address && r.original === sentTo.original))
      recipients.push({ address, ...sentTo, ...(status ? { status } : {}), ...(diagnostic ? { diagnostic } : {}) });
  }
  return recipients;
}

/** The returned mail's Message-ID: its header block is the part's start, up to the first blank line. */
function returnedMessageId(returned: string): string | undefined {
  const headerEnd = returned.search(/\r?\n[ \t]*\r?\n/);
  const headers = new Headers(Buffer.from(headerEnd < 0 ? returned : returned.slice(0, headerEnd)));
  return /<[^<>\s]+>/.exec(headers.getFirst('message-id'))?.[0];
}

/** Undefined when the message holds no report part whose per-recipient fields say a delivery failed. */
export async function failedDelivery(raw: Buffer): Promise<FailedDelivery | undefined> {
  const parts = await reportParts(raw);
  const recipients = failedRecipients(
    parts
      .filter((part) => REPORT_TYPES.has(part.type))
      .map((part) => part.text)
      .join('\r\n\r\n'),
  );
  if (recipients.length === 0) return undefined;
  const ids = parts.filter((part) => RETURNED_TYPES.has(part.type)).map((part) => returnedMessageId(part.text));
  const messageIds = [...new Set(ids.filter((id) => id !== undefined))].slice(0, MAX_IDS);
  return { recipients, messageIds };
}

/**
 * Who refused the mail, for a person to read: each recipient the report says failed, as the mail
 * was addressed, with the mailbox it was forwarded to when the report names another, and its status.
 */
export function whoRefused(failed: FailedDelivery): string {
  return failed.recipients
    .map((r) => {
      const notes = [...(r.original ? [`forwarded to ${r.address}`] : []), ...(r.status ? [`status ${r.status}`] : [])];
      return `${r.original ?? r.address}${notes.length > 0 ? ` (${notes.join(', ')})` : ''}`;
    })
    .join(', ');
}

/**
 * At most this many distinct server replies (and statuses) are shown. An answer goes to one address, so a report
 * of it names one recipient (with its alias, two fields); more is no report our answer caused but
 * padding, counted rather than shown.
 */
const MAX_SAID = 3;

/**
 * The distinct statuses the report gives (digits and dots only, as STATUS reads them: safe in any
 * line of ours), at most MAX_SAID of them.
 */
export function failedStatuses(failed: FailedDelivery): string[] {
  return [...new Set(failed.recipients.flatMap((r) => (r.status ? [r.status] : [])))].slice(0, MAX_SAID);
}

/**
 * What the refusing servers said, each distinct diagnostic once, at most MAX_SAID of them (`more`
 * counts the rest). The report's words, which anyone can write: never to be read as ours.
 */
export function serversSaid(failed: FailedDelivery): { said: string[]; more: number } {
  const all = [...new Set(failed.recipients.flatMap((r) => (r.diagnostic ? [r.diagnostic] : [])))];
  return { said: all.slice(0, MAX_SAID), more: Math.max(0, all.length - MAX_SAID) };
}
