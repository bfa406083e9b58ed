import { Headers, Splitter } from '@zone-eu/mailsplit';
import type { MimeNode, SplitterChunk } from '@zone-eu/mailsplit';
import { counted } from '../counted';
import { oneLine } from '../one-line';
import { ATEXT } from './address-syntax';
import { SPLITTER_OPTIONS } from './part-types';

/**
 * What a delivery status notification (RFC 3464) says failed: the recipients whose
 * per-recipient fields say `Action: failed`, with their status and what the refusing server
 * said, and the Message-IDs of the
 * mail it returns. Read from the report's own parts, decoded as mailsplit decodes any part:
 * mailparser keeps those parts as attachments, out of the message's text, and RFC 3464's 7bit
 * is not what every gateway keeps (RFC 6533 itself lets a downgraded report be base64 or
 * quoted-printable). And for a bounce with no such report (plain text: qmail, old Exchange,
 * Notes, GroupWise...), the Message-IDs of the mail it shows, read from its parts the same way.
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
 * The other machine-readable reports that may return our mail: a read receipt (RFC 8098, RFC 6533)
 * and a complaint (RFC 5965). Neither says a delivery failed, whatever headers they return.
 */
const OTHER_REPORT_TYPES = new Set([
  'message/disposition-notification',
  'message/global-disposition-notification',
  'message/feedback-report',
]);
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
 * Where a bounce with no report shows the mail it returns, besides the returned types: its text
 * (a part with no Content-Type is text, as mailsplit types it), and the text before and after a
 * multipart's parts, where a multipart that names its boundary and never uses it keeps its whole body.
 */
const TEXT_TYPE = 'text/plain';
const isMultipart = (type: string) => type.startsWith('multipart/');

/**
 * Reports are small; this is far past any report's fields and the header block a part returns
 * (the returned message may be whole, attachments and all: only its start is read), and past the
 * few lines a plain-text bounce writes before the copy of the message it returns.
 */
const READ_BYTES = 256 * 1024;
/**
 * The Message-IDs looked up for one bounce (each one read of the state table): a bounce returns
 * one message, which a plain-text bounce may show with a few it quotes; more is padding.
 */
const MAX_IDS = 10;

const ACTION_FAILED = /^Action:[ \t]*failed\b/im;
/**
 * A recipient field's rfc822 address, or RFC 6533's utf-8 one; or an address with no type, as
 * McAfee's gateway writes it (`Original-Recipient: <user@example.com>`). Another type (x400) names no address we sent to.
 * The address is read from its first "@" (no "@" before it): a local part that could hold "@" went
 * back to each "@" of the field and read the rest of it from there, quadratic in a field of "a@a@a@...".
 */
const recipientField = (name: string) =>
  new RegExp(`^${name}-Recipient:[ \\t]*(?:(?:rfc822|utf-8)[ \\t]*;[ \\t]*)?<?([^\\s<>;"@]+@[^\\s<>;"]+?)>?[ \\t]*$`, 'im');
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

/** The parts a bounce is read from. */
const readsPart = (type: string) =>
  REPORT_TYPES.has(type) || OTHER_REPORT_TYPES.has(type) || RETURNED_TYPES.has(type) || type === TEXT_TYPE || isMultipart(type);

interface BouncePart {
  type: string;
  /** Its decoded start (a multipart's own text as it stands). */
  text: string;
  /** The Message-ID in the part's own header block, where a returned header block took its place. */
  headerId?: string;
}

/**
 * The decoded start of each report part, returned part and text part, in document order, and the
 * text around a multipart's parts. mailsplit walks the tree without descending into an embedded
 * message (`ignoreEmbedded`): a returned message is read as the body of its part, and a report
 * forwarded inside another message is not this one's. The message's own header block is never read.
 */
async function bounceParts(raw: Buffer): Promise<BouncePart[]> {
  const parts = new Map<MimeNode, { part: Omit<BouncePart, 'text'>; encoded: Buffer[]; size: number }>();
  const splitter = new Splitter({ ...SPLITTER_OPTIONS, ignoreEmbedded: true });
  splitter.end(raw);
  const keep = (node: MimeNode, value: Buffer) => {
    const kept = parts.get(node);
    // A chunk may be the part's whole body (mailsplit hands a body it holds whole in one piece): cut to the bound.
    if (kept && kept.size < READ_BYTES) {
      const start = value.subarray(0, READ_BYTES - kept.size);
      kept.encoded.push(start);
      kept.size += start.length;
    }
  };
  try {
    // The typings declare only the 'data' event; the splitter is a Readable like any other.
    for await (const chunk of splitter as unknown as AsyncIterable<SplitterChunk>) {
      if (chunk.type === 'node') {
        const type = (chunk.contentType || TEXT_TYPE).toLowerCase();
        // A part's header block holds no Message-ID (RFC 2045): one that does is a returned header block written
        // where the part's own belongs (no blank line before it). The message's own header is never read.
        const headerId = chunk.root || !chunk.headers ? undefined : messageIdIn(chunk.headers);
        if (readsPart(type)) parts.set(chunk, { part: { type, ...(headerId ? { headerId } : {}) }, encoded: [], size: 0 });
      } else if (chunk.type === 'body') keep(chunk.node, chunk.value);
      // A multipart's own text (its preamble, boundaries and epilogue) comes as data, undecoded as it stands.
      else if (chunk.type === 'data' && isMultipart(parts.get(chunk.node)?.part.type ?? '')) keep(chunk.node, chunk.value);
    }
  } catch {
    // A tree the splitter gives up on keeps the parts read so far.
  }
  return Promise.all(
    [...parts].map(async ([node, { part, encoded }]) => {
      if (isMultipart(part.type)) return { ...part, text: Buffer.concat(encoded).toString('utf8') };
      const decoder = node.getDecoder();
      decoder.end(Buffer.concat(encoded));
      const decoded: Buffer[] = [];
      for await (const piece of decoder) decoded.push(piece as Buffer);
      return { ...part, text: Buffer.concat(decoded).toString('utf8') };
    }),
  );
}

function failedRecipients(report: string): FailedDelivery['recipients'] {
  const recipients: FailedDelivery['recipients'] = [];
  // A set, not a search of `recipients`: a report (or many report parts) can name a hundred thousand.
  const seen = new Set<string>();
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
    const key = JSON.stringify([address, sentTo.original]);
    if (seen.has(key)) continue;
    seen.add(key);
    recipients.push({ address, ...sentTo, ...(status ? { status } : {}), ...(diagnostic ? { diagnostic } : {}) });
  }
  return recipients;
}

/** The Message-ID header fields give, folded lines unfolded as mailsplit unfolds any header. */
function messageIdIn(headers: Headers): string | undefined {
  return /<[^<>\s]+>/.exec(headers.getFirst('message-id'))?.[0];
}

const headerBlock = (text: string) => new Headers(Buffer.from(text));

/** The returned mail's Message-ID: its header block is the part's start, up to the first blank line. */
function returnedMessageId(returned: string): string | undefined {
  const headerEnd = returned.search(/\r?\n[ \t]*\r?\n/);
  return messageIdIn(headerBlock(headerEnd < 0 ? returned : returned.slice(0, headerEnd)));
}

/**
 * A line of a header block as a text shows it: after any quote marks (`>`, as a reply quotes) and
 * indentation (as Exchange and Notes indent the headers they return). A tab counts as 8 columns.
 * The rest is read to the line's end whatever it holds (`s`): a lone CR in a line made `.*` stop
 * short of the end, and the pattern then tried every split of the blanks before it, each read
 * to the CR again, which is quadratic in a line of blanks.
 */
const SHOWN_LINE = /^((?:[ \t]*>)*)([ \t]*)(.*)$/s;

function shownLine(line: string): { depth: number; indent: number; rest: string } {
  // Every part of the pattern may be empty and the rest takes whatever is left: it matches any line.
  const [, quotes, indent, rest] = SHOWN_LINE.exec(line) as RegExpExecArray;
  return { depth: quotes.split('>').length - 1, indent: indent.replaceAll('\t', ' '.repeat(8)).length, rest };
}

/**
 * Each Message-ID field in a text, in order, read as a header block with the lines it is folded
 * onto: those under the same quote marks, indented deeper than the field.
 */
function messageIdsShown(text: string): string[] {
  const lines = text.split(/\r?\n/);
  const ids: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const field = shownLine(lines[i]);
    if (!/^Message-ID[ \t]*:/i.test(field.rest)) continue;
    const block = [field.rest];
    let next = shownLine(lines[i + 1] ?? '');
    while (next.depth === field.depth && next.indent > field.indent && next.rest !== '') {
      block.push(` ${next.rest}`);
      i += 1;
      next = shownLine(lines[i + 1] ?? '');
    }
    const id = messageIdIn(headerBlock(block.join('\r\n')));
    if (id !== undefined) ids.push(id);
  }
  return ids;
}

const firstIds = (ids: ReadonlyArray<string | undefined>) => [...new Set(ids.filter((id) => id !== undefined))].slice(0, MAX_IDS);

/**
 * What a bounce says, when faqmail can act on it:
 * - `failed`: a standard report (RFC 3464) whose per-recipient fields say a delivery failed;
 * - `unreported`: mail with no machine-readable report at all (a bounce written as plain text,
 *   most often) that shows the Message-IDs of mail it returns. Nothing in it says, in a form a
 *   machine can read, whether the delivery failed or is only delayed, nor who refused it: only a
 *   person reading it can tell.
 * A standard report's fields are authoritative: one that says a delivery is delayed or succeeded,
 * a read receipt or a complaint returning our mail, is no bounce, whatever text it holds.
 */
export type Bounce = { kind: 'failed'; failed: FailedDelivery } | { kind: 'unreported'; messageIds: string[] };

/** Undefined when the message says of no delivery that it failed, and shows no Message-ID outside its own header. */
export async function readBounce(raw: Buffer): Promise<Bounce | undefined> {
  const parts = await bounceParts(raw);
  if (parts.some((part) => REPORT_TYPES.has(part.type))) {
    const recipients = failedRecipients(
      parts
        .filter((part) => REPORT_TYPES.has(part.type))
        .map((part) => part.text)
        .join('\r\n\r\n'),
    );
    if (recipients.length === 0) return undefined;
    const messageIds = firstIds(parts.filter((part) => RETURNED_TYPES.has(part.type)).map((part) => returnedMessageId(part.text)));
    return { kind: 'failed', failed: { recipients, messageIds } };
  }
  if (parts.some((part) => OTHER_REPORT_TYPES.has(part.type))) return undefined;
  const messageIds = firstIds(parts.flatMap((part) => [part.headerId, ...messageIdsShown(part.text)]));
  return messageIds.length > 0 ? { kind: 'unreported', messageIds } : undefined;
}

/** The Message-IDs of the mail a bounce returns. */
export const returnedIds = (bounce: Bounce): string[] => (bounce.kind === 'failed' ? bounce.failed.messageIds : bounce.messageIds);

/**
 * At most this many characters name who refused a mail (`whoRefused`): as much as the hand-over quotes
 * of it. A report is easily forged and can name 100,000 recipients, some 3 MB, which in a log line is
 * over CloudWatch Logs' 256 KB an event (split or cut there) and in a hand-over is no list a person reads.
 */
export const MAX_REFUSED_SHOWN = 1000;

/**
 * Who refused the mail, for a person to read: each recipient the report says failed, as the mail
 * was addressed, with the mailbox it was forwarded to when the report names another, and its status;
 * as many as fit in MAX_REFUSED_SHOWN characters, then how many more there were.
 */
export function whoRefused(failed: FailedDelivery): string {
  const names = failed.recipients.map((r) => {
    const notes = [...(r.original ? [`forwarded to ${r.address}`] : []), ...(r.status ? [`status ${r.status}`] : [])];
    return `${r.original ?? r.address}${notes.length > 0 ? ` (${notes.join(', ')})` : ''}`;
  });
  const more = (shown: number) => (shown < names.length ? ` and ${counted(names.length - shown, 'more recipient')}` : '');
  let said = '';
  let shown = 0;
  for (const name of names) {
    const longer = shown === 0 ? name : `${said}, ${name}`;
    if (longer.length + more(shown + 1).length > MAX_REFUSED_SHOWN) break;
    [said, shown] = [longer, shown + 1];
  }
  // Not even the first name fits (a hostile address of KBs): it is cut, and counted as shown.
  if (shown === 0 && names.length > 0) [said, shown] = [oneLine(names[0], MAX_REFUSED_SHOWN - more(1).length), 1];
  return `${said}${more(shown)}`;
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

/**
 * What may stand between the addresses a text shows (anything an ASCII address cannot hold), and an
 * address among them, with the full stops of a sentence it ends. Split first and matched anchored, so
 * that no text makes the match try each of its positions over again.
 */
const NOT_IN_ADDRESS = new RegExp(`[^.@${ATEXT}]+`);
const ADDRESS_SHOWN = new RegExp(`^([.${ATEXT}]+@[a-z0-9-]+(?:\\.[a-z0-9-]+)+)\\.*$`, 'i');
/**
 * The addresses kept of a bounce with no report, each only hashed and compared with our record of
 * one answer (no read): such a bounce names the refused address, and the header block it returns
 * names it again beside ours. The 34 in the shared real fixtures that return a Message-ID show at
 * most 9 distinct ones (ids included); past 30, a bounce is padding.
 */
const MAX_ADDRESSES = 30;

/** The distinct addresses the texts show, lowercased, in order, at most MAX_ADDRESSES. */
function addressesShown(texts: readonly string[]): string[] {
  const found = new Set<string>();
  for (const text of texts)
    for (const word of text.split(NOT_IN_ADDRESS)) {
      const address = ADDRESS_SHOWN.exec(word)?.[1];
      if (address !== undefined) found.add(address.toLowerCase());
      if (found.size === MAX_ADDRESSES) return [...found];
    }
  return [...found];
}

/**
 * The addresses a bounce names, anyone's words until checked against our records: a report's
 * failed recipients (each as the mail was sent to it, then the mailbox it was forwarded to), or
 * for a bounce with no report, those the parts `readBounce` reads show (which of them was
 * refused, only a person can tell). `raw` is the bounce `bounce` was read from.
 */
export async function addressesNamed(bounce: Bounce, raw: Buffer): Promise<string[]> {
  if (bounce.kind === 'failed') return bounce.failed.recipients.flatMap((r) => [...(r.original ? [r.original] : []), r.address]);
  return addressesShown((await bounceParts(raw)).map((part) => part.text));
}
