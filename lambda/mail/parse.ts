import { isUtf8 } from 'node:buffer';
import { Readable } from 'node:stream';
import type Iconv from 'iconv-lite';
import { simpleParser, type AddressObject, type ParsedMail, type SimpleParserOptions } from 'mailparser';
import type { Address, AttachmentInfo, HeaderMap, InboundMessage } from '../domain';
import { bodyText, HTML_LIMIT } from './body-text';
import { disguisedLinks } from './links';
import { extractNewText } from './new-text';
import { partTypes, SPLITTER_OPTIONS } from './part-types';
import { threadEnds } from './thread-ends';

/** Input that is not mail, or that mailparser could not read; the raw original still goes to staff. */
export class UnparseableMailError extends Error {
  constructor(detail: string, options?: { cause?: unknown }) {
    super(`The message could not be parsed: ${detail}`, options);
    this.name = 'UnparseableMailError';
  }
}

/**
 * Bounds on what one header field hands to later stages. Header lines of 100 KB exist only
 * in attacks; SES itself caps the header block, these keep the stages after it cheap.
 */
const HEADER_VALUE_LIMIT = 16_000;
/** Also the longest topic an answer's subject repeats (lambda/compose/subject.ts). */
export const SUBJECT_LIMIT = 2_000;
/** References lists the thread oldest first; its first and newest ids are kept (./thread-ends). */
const REFERENCES_LIMIT = 100;

/**
 * mailparser 3.14 never settles on some truncated input (an inline message/rfc822 part cut
 * off in its header block, or ending in a lone CR before the closing delimiter): the
 * parser waits, idle, for data that never comes. A 20 MB message parses in about a second.
 */
const PARSE_TIMEOUT_MS = 10_000;

/** Exported for test/bundled-aliases.test.ts: the function bundle has no linkify-it (lambda/mail/no-link-finder.ts). */
export const PARSER_OPTIONS: SimpleParserOptions & { maxChildNodes?: number } = {
  // mailparser hands its options on to mailsplit's splitter, whose limits it does not declare.
  maxChildNodes: SPLITTER_OPTIONS.maxChildNodes,
  keepDeliveryStatus: true,
  // HTML is converted by bodyText() (unwrapped, Outlook-aware), not by mailparser.
  skipHtmlToText: true,
  maxHtmlLengthToParse: HTML_LIMIT,
  skipImageLinks: true,
  skipTextLinks: true,
  skipTextToHtml: true,
  checksumAlgo: false,
};

/** RFC 5322 field name: printable ASCII but the colon. */
const FIELD_NAME = /^[\x21-\x39\x3b-\x7e]{1,100}$/;
/** At least one of these makes a header block a message's; binary garbage has none. */
const MESSAGE_FIELDS = [
  'from',
  'to',
  'cc',
  'subject',
  'date',
  'message-id',
  'received',
  'return-path',
  'mime-version',
  'content-type',
  'sender',
  'reply-to',
];

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f]+/g;

function toAddresses(value: AddressObject | AddressObject[] | undefined): Address[] {
  const objects = value === undefined ? [] : Array.isArray(value) ? value : [value];
  const flat = objects.flatMap((object) => object.value).flatMap((entry) => (entry.group ? entry.group : [entry]));
  return flat
    .filter((entry) => typeof entry.address === 'string' && entry.address.includes('@'))
    .map((entry) => ({
      name: (entry.name ?? '').replace(CONTROL, ' ').trim(),
      address: (entry.address as string).replace(CONTROL, '').trim().toLowerCase(),
    }));
}

/**
 * A UTF-8 sequence of two to four bytes, read a byte a character: RFC 3629 §4's, with no overlong
 * form, no surrogate and nothing past U+10FFFF, as Node's isUtf8 takes them.
 */
const UTF8_SEQUENCE =
  /[\xc2-\xdf][\x80-\xbf]|\xe0[\xa0-\xbf][\x80-\xbf]|[\xe1-\xec\xee\xef][\x80-\xbf]{2}|\xed[\x80-\x9f][\x80-\xbf]|\xf0[\x90-\xbf][\x80-\xbf]{2}|[\xf1-\xf3][\x80-\xbf]{3}|\xf4[\x80-\x8f][\x80-\xbf]{2}/g;

/**
 * A header line as mailparser hands it, a byte a character, as text: each UTF-8 sequence read as
 * UTF-8 (RFC 6532), as mailparser reads the fields it decodes, and every other byte as itself. Every
 * top-level field but VERIFICATION_FIELD's is UTF-8 by now (`withUnicodeHeader`); those are kept as
 * received, and read sequence by sequence, not field by field, the same bytes read the same wherever
 * they stand: SES's Received-SPF value within its Authentication-Results (lambda/mail/receipt-headers.ts
 * compares the two), a domain within either, whatever other byte the field holds.
 */
function headerText(line: string): string {
  return line.replace(UTF8_SEQUENCE, (bytes) => Buffer.from(bytes, 'latin1').toString('utf8'));
}

/** Header values by lowercased field name, unfolded, as text (`headerText`), in order; malformed lines left out. */
function headerMap(parsed: ParsedMail): HeaderMap {
  const map = new Map<string, string[]>();
  for (const { key, line } of parsed.headerLines) {
    const colon = line.indexOf(':');
    if (colon < 0 || !FIELD_NAME.test(key)) continue;
    const value = headerText(line.slice(colon + 1, colon + 1 + HEADER_VALUE_LIMIT))
      .replace(/\r?\n[ \t]/g, ' ')
      .trim();
    const values = map.get(key) ?? [];
    values.push(value);
    map.set(key, values);
  }
  return map;
}

function messageIds(value: string | string[] | undefined): string[] {
  const whole = Array.isArray(value) ? value.join(' ') : (value ?? '');
  // Read at both ends past the limit: a thread's first ids and its newest are the ones kept (./thread-ends).
  const half = HEADER_VALUE_LIMIT / 2;
  const joined = whole.length > HEADER_VALUE_LIMIT ? `${whole.slice(0, half)} ${whole.slice(-half)}` : whole;
  const bracketed = joined.match(/<[^<>\s]{1,998}>/g);
  if (bracketed) return bracketed;
  // Some clients leave out the angle brackets; the id is still the id.
  const bare = joined.trim();
  return /^[^<>\s]+@[^<>\s]+$/.test(bare) ? [`<${bare}>`] : [];
}

/** The Return-Path as recorded: '' for the null path `<>`, undefined when absent. */
function returnPath(headers: HeaderMap): string | undefined {
  const value = headers.get('return-path')?.[0];
  if (value === undefined) return undefined;
  const inner = /<([^<>]*)>/.exec(value)?.[1] ?? value;
  return inner.trim().toLowerCase();
}

function contentType(headers: HeaderMap): string {
  const value = headers.get('content-type')?.[0] ?? '';
  return value.split(';')[0].trim().toLowerCase() || 'text/plain';
}

/**
 * A part's header is read by mailparser's MIME splitter, which reads a field that is not UTF-8 as
 * Latin-1 (withUnicodeHeader reads only the top-level block): right for letters, but Windows-1252's
 * 0x80-0x9F (the euro sign, dashes, curly quotes) become C1 controls, and staff, who see the names
 * of attachments, got spaces. No writer means a C1 control in a file name, and a name encoded
 * (RFC 2047, 2231) as "iso-8859-1" holds them only when it was Windows-1252 mislabelled, as WHATWG's
 * reading of that label assumes; so each is read as the Windows-1252 byte it is.
 */
function partHeaderText(value: string): string {
  return value.replace(/[\x80-\x9f]+/g, (controls) => fromWindows1252(Buffer.from(controls, 'latin1')));
}

function attachmentInfo(parsed: ParsedMail): AttachmentInfo[] {
  return parsed.attachments.map((attachment) => ({
    filename: partHeaderText(attachment.filename ?? '')
      .replace(CONTROL, ' ')
      .trim(),
    contentType: attachment.contentType.toLowerCase(),
    size: attachment.size,
  }));
}

/**
 * mailparser hands a Buffer whole to its MIME splitter, which splits it to the end however long
 * that takes, even after the parse timed out (seconds of CPU per MB on crafted nesting, burnt in
 * the warm container's next invocations). Fed from a stream, the splitter takes the next piece
 * only when done with the last; so on a timeout the stream is destroyed (simpleParser then
 * destroys the parser too), and what is left to split is what the streams between them buffer
 * (up to about 1 MB), not the rest of the message. 64 KB is the piece mailparser splits in anyway.
 */
const PARSE_PIECE_BYTES = 64 * 1024;

function inPieces(raw: Buffer): Readable {
  return Readable.from(
    (function* () {
      for (let start = 0; start < raw.length; start += PARSE_PIECE_BYTES) yield raw.subarray(start, start + PARSE_PIECE_BYTES);
    })(),
  );
}

async function readMail(raw: Buffer, timeoutMs: number): Promise<ParsedMail> {
  if (raw.toString('latin1', 0, 4096).trim() === '') throw new UnparseableMailError('it is empty');
  let parsed: ParsedMail;
  let timer: NodeJS.Timeout | undefined;
  const source = inPieces(raw);
  const stalled = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      const error = new Error(`mailparser did not finish within ${timeoutMs} ms`);
      reject(error);
      source.destroy(error);
    }, timeoutMs);
  });
  try {
    parsed = await Promise.race([simpleParser(source, PARSER_OPTIONS), stalled]);
  } catch (error) {
    throw new UnparseableMailError((error as Error).message, { cause: error });
  } finally {
    clearTimeout(timer);
  }
  if (!parsed.headerLines.some(({ key }) => MESSAGE_FIELDS.includes(key))) {
    throw new UnparseableMailError('it has no header block (no From, To, Subject, Date, Received or Content-Type field)');
  }
  return parsed;
}

/** An attached message is read this far: a forwarded question sits at its start. */
const ATTACHED_MESSAGE_LIMIT = 256 * 1024;

/**
 * A message forwarded as an attachment (a message/rfc822 part with Content-Disposition attachment, as Outlook's,
 * Thunderbird's and Apple Mail's "forward as attachment" send it) is passed on as an inline forward is, but
 * mailparser leaves it out of the text (one shown inline it reads into the text already): "Can you help with the
 * question in the attached email?" asked of nothing. Its text, its own quotes and forwards left out, is read as
 * forwarded text. Only the first such part, only its start, and not a report's (a bounce returns our own mail).
 */
async function attachedMessageText(parsed: ParsedMail, timeoutMs: number): Promise<string> {
  if (contentType(headerMap(parsed)) === 'multipart/report') return '';
  const attached = parsed.attachments.find(
    (part) => part.contentType.toLowerCase() === 'message/rfc822' && part.contentDisposition === 'attachment',
  );
  if (!attached) return '';
  try {
    const inner = await readMail(attached.content.subarray(0, ATTACHED_MESSAGE_LIMIT), timeoutMs);
    const parts = extractNewText(bodyText(inner.text, inner.html), { subject: inner.subject ?? '' });
    return [parts.newText, parts.forwardedText].filter((part) => part.trim() !== '').join('\n\n');
  } catch {
    // An attached message mailparser cannot read is listed among the attachments, as any other file is.
    return '';
  }
}

/**
 * Text/enriched (RFC 1896), the rich text older Apple Mail, Eudora and some mailers send as the body or as the text half
 * of an alternative: mailparser reads only text/plain and text/html as the body and lists it among the attachments, so
 * "<bold>Is there a cost ...?</bold>" was read as a mail with no text at all. When no text/plain part came, the first
 * inline text/enriched part is read as the text, as the RFC says to show it: each formatting command dropped, a
 * <param> with its content, "<<" a "<"; a lone line break joins two lines with a space, and a run of n breaks is n - 1.
 */
function enrichedText(parsed: ParsedMail): string | undefined {
  if (parsed.text) return parsed.text;
  const part = parsed.attachments.find(
    (attachment) => attachment.contentType.toLowerCase() === 'text/enriched' && attachment.contentDisposition !== 'attachment',
  );
  if (!part) return parsed.text;
  let decoded: string;
  try {
    decoded = new TextDecoder(enrichedCharset(part.headers.get('content-type'))).decode(part.content);
  } catch {
    decoded = part.content.toString('utf8');
  }
  return withoutParams(decoded.slice(0, ENRICHED_LIMIT).replace(/\r\n?/g, '\n'))
    .replace(/<<|<\/?[A-Za-z][\w-]*>/g, (token) => (token === '<<' ? '<' : ''))
    .replace(/\n+/g, (breaks) => (breaks.length === 1 ? ' ' : breaks.slice(1)));
}

/** Enriched text beyond this is cut before reading: the text it yields is capped anyway. */
const ENRICHED_LIMIT = 200_000;

/** Text without its <param>...</param> runs; from a <param> that nothing closes, the rest is kept. Linear. */
function withoutParams(text: string): string {
  const lower = text.toLowerCase();
  const kept: string[] = [];
  let from = 0;
  for (let open = lower.indexOf('<param>'); open >= 0; open = lower.indexOf('<param>', from)) {
    const close = lower.indexOf('</param>', open);
    if (close < 0) break;
    kept.push(text.slice(from, open));
    from = close + '</param>'.length;
  }
  return kept.join('') + text.slice(from);
}

function enrichedCharset(header: unknown): string {
  const params = (header as { params?: Record<string, string> } | undefined)?.params;
  return params?.charset ?? 'us-ascii';
}

function toInboundMessage(raw: Buffer, parsed: ParsedMail, types: string[], attachedText = ''): InboundMessage {
  const headers = headerMap(parsed);
  const subject = (parsed.subject ?? '').replace(CONTROL, ' ').trim().slice(0, SUBJECT_LIMIT);
  const text = bodyText(enrichedText(parsed), parsed.html);
  const top = contentType(headers);
  const from = toAddresses(parsed.from)[0];
  const parts = extractNewText(text, { subject, sender: from?.name });
  const inReplyTo = messageIds(parsed.inReplyTo);
  return {
    messageId: messageIds(parsed.messageId)[0],
    from,
    replyTo: toAddresses(parsed.replyTo),
    returnPath: returnPath(headers),
    to: toAddresses(parsed.to),
    cc: toAddresses(parsed.cc),
    subject,
    date: parsed.date && !Number.isNaN(parsed.date.getTime()) ? parsed.date : undefined,
    inReplyTo: inReplyTo[0],
    ...(inReplyTo.length > 1 ? { inReplyToOthers: inReplyTo.slice(1) } : {}),
    references: threadEnds(messageIds(parsed.references), REFERENCES_LIMIT),
    headers,
    contentType: top,
    partTypes: types.includes(top) ? types : [top, ...types],
    text,
    ...parts,
    // An inline forward is what the writer passes on; where there is none, the message they attached.
    ...(parts.forwardedText === '' && attachedText !== '' ? { forwardedText: attachedText } : {}),
    links: parsed.html ? disguisedLinks(parsed.html) : [],
    attachments: attachmentInfo(parsed),
    size: raw.length,
  };
}

export interface ParseOptions {
  /** How long mailparser may take before the message counts as unparseable (PARSE_TIMEOUT_MS). */
  timeoutMs?: number;
}

/**
 * Mail saved on classic Mac OS ends its lines with CR alone; mailparser splits lines on LF,
 * so such a message would read as one endless header line.
 */
function withLineFeeds(raw: Buffer): Buffer {
  const headEnd = Math.min(raw.length, 64 * 1024);
  if (raw.subarray(0, headEnd).includes(0x0a) || !raw.subarray(0, headEnd).includes(0x0d)) return raw;
  return Buffer.from(raw.toString('latin1').replace(/\r/g, '\r\n'), 'latin1');
}

/**
 * iconv-lite, required at first use: only mail with a header in raw 8-bit bytes that are not UTF-8
 * needs it, and a cold start that loads it reads and compiles it (lib/function-code.ts,
 * LOADED_WHEN_NEEDED). Not Node's TextDecoder: on Node 20.20 its `windows-1252` is Latin-1, so
 * 0x80-0x9F came out as C1 controls, not the euro sign, dashes and quotes.
 */
let iconvLite: typeof Iconv | undefined;
function fromWindows1252(bytes: Buffer): string {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded at first use on purpose (above)
  iconvLite ??= require('iconv-lite') as typeof Iconv;
  return iconvLite.decode(bytes, 'windows-1252');
}

/** How long the top-level header block is, its empty line aside: up to its first empty line, or the whole message. */
function headerLength(raw: Buffer): number {
  if (raw[0] === 0x0a || (raw[0] === 0x0d && raw[1] === 0x0a)) return 0;
  const ends = [raw.indexOf('\n\n'), raw.indexOf('\n\r\n')].filter((at) => at >= 0);
  return ends.length > 0 ? Math.min(...ends) + 1 : raw.length;
}

/**
 * SES's report of its checks and the signatures it checked, read against each other as text:
 * Authentication-Results must start with SES's Received-SPF value word for word, or a HELO name the
 * sender chose counts as results (lambda/mail/receipt-headers.ts), and a passing signer is found by
 * its DKIM-Signature's d=. Each is read as it always was (8-bit bytes as UTF-8, as mailparser reads
 * them), whatever else it holds: one read as Windows-1252 beside another read as UTF-8 spelled the
 * same bytes two ways. Machine-written, they hold no text for people.
 */
const VERIFICATION_FIELD = /^(?:authentication-results|received-spf|dkim-signature)[ \t]*:/i;

/**
 * The message with each header field that is not UTF-8 read as Windows-1252 (the WHATWG default for
 * legacy 8-bit Western text; Latin-1 is part of it, bar the C1 controls) and written in UTF-8.
 * Raw 8-bit bytes in a header are UTF-8 under RFC 6532, and mailparser reads them so; old clients
 * and scripts write the system's 8-bit charset instead, without RFC 2047 encoding, and mailparser
 * turned each such byte into U+FFFD ("Gr\uFFFD\uFFFDe"), which our subjects and greetings then
 * repeated. Field by field (with the lines folded under it), since a field that is UTF-8 is read as
 * such, and VERIFICATION_FIELD's never are. Only the top-level header block: the body has its own charset.
 */
function withUnicodeHeader(raw: Buffer): Buffer {
  const length = headerLength(raw);
  const head = raw.toString('latin1', 0, length);
  if (!/[\x80-\xff]/.test(head)) return raw;
  const fields = head.split(/(?<=\n)(?![ \t])/).map((field) => {
    const bytes = Buffer.from(field, 'latin1');
    return isUtf8(bytes) || VERIFICATION_FIELD.test(field) ? bytes : Buffer.from(fromWindows1252(bytes), 'utf8');
  });
  return Buffer.concat([...fields, raw.subarray(length)]);
}

/**
 * Parses a raw RFC 5322 message. Throws UnparseableMailError, and nothing else, for input
 * that is not mail or that cannot be read; anything that does parse yields a message.
 */
export async function parseMessage(original: Buffer, options: ParseOptions = {}): Promise<InboundMessage> {
  const raw = withUnicodeHeader(withLineFeeds(original));
  const parsed = await readMail(raw, options.timeoutMs ?? PARSE_TIMEOUT_MS);
  const attachedText = await attachedMessageText(parsed, options.timeoutMs ?? PARSE_TIMEOUT_MS);
  try {
    return toInboundMessage(raw, parsed, await partTypes(raw), attachedText);
  } catch (error) {
    // A defect in our own reading of a message mailparser accepted: the message still
    // reaches a person (as unparseable), with the cause kept for the logs.
    throw new UnparseableMailError(`reading it failed (${(error as Error).message})`, { cause: error });
  }
}
