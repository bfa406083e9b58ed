import { simpleParser, type AddressObject, type ParsedMail } from 'mailparser';
import type { Address, HeaderMap, InboundMessage } from '../domain';
import { extractNewText } from './new-text';

/** Mail that mailparser could not make sense of; the raw original still goes to staff. */
export class UnparseableMailError extends Error {
  constructor(detail: string) {
    super(`The message could not be parsed: ${detail}`);
    this.name = 'UnparseableMailError';
  }
}

function toAddresses(value: AddressObject | AddressObject[] | undefined): Address[] {
  const objects = value === undefined ? [] : Array.isArray(value) ? value : [value];
  const flat = objects.flatMap((object) => object.value).flatMap((entry) => (entry.group ? entry.group : [entry]));
  return flat
    .filter((entry) => typeof entry.address === 'string' && entry.address.includes('@'))
    .map((entry) => ({ name: (entry.name ?? '').trim(), address: (entry.address as string).trim().toLowerCase() }));
}

function unfold(line: string): string {
  return line.replace(/\r?\n[ \t]+/g, ' ');
}

/** Raw header values by lowercased name, unfolded, in order. */
function headerMap(parsed: ParsedMail): HeaderMap {
  const map = new Map<string, string[]>();
  for (const { key, line } of parsed.headerLines) {
    const colon = line.indexOf(':');
    const value = unfold(colon < 0 ? '' : line.slice(colon + 1)).trim();
    const values = map.get(key) ?? [];
    values.push(value);
    map.set(key, values);
  }
  return map;
}

function messageIds(value: string | string[] | undefined): string[] {
  const joined = Array.isArray(value) ? value.join(' ') : value ?? '';
  return joined.match(/<[^<>\s]+>/g) ?? [];
}

/** The Return-Path as recorded: '' for the null path `<>`, undefined when absent. */
function returnPath(headers: HeaderMap): string | undefined {
  const value = headers.get('return-path')?.[0];
  if (value === undefined) return undefined;
  const inner = /<([^>]*)>/.exec(value)?.[1] ?? value;
  return inner.trim().toLowerCase();
}

function contentType(headers: HeaderMap): string {
  const value = headers.get('content-type')?.[0] ?? 'text/plain';
  return value.split(';')[0].trim().toLowerCase() || 'text/plain';
}

/** Parses a raw RFC 5322 message; throws UnparseableMailError for input that is not mail. */
export async function parseMessage(raw: Buffer): Promise<InboundMessage> {
  let parsed: ParsedMail;
  try {
    parsed = await simpleParser(raw, { keepDeliveryStatus: true, skipImageLinks: true, skipTextLinks: true, skipTextToHtml: true });
  } catch (error) {
    throw new UnparseableMailError((error as Error).message);
  }
  const headers = headerMap(parsed);
  if (headers.size === 0) throw new UnparseableMailError('it has no header fields');
  const from = toAddresses(parsed.from)[0];
  const text = (parsed.text ?? '').replace(/\r\n?/g, '\n');
  const { newText, quotedText, forwardedText } = extractNewText(text);
  const inReplyTo = messageIds(parsed.inReplyTo)[0];
  return {
    messageId: messageIds(parsed.messageId)[0],
    from,
    replyTo: toAddresses(parsed.replyTo),
    returnPath: returnPath(headers),
    to: toAddresses(parsed.to),
    cc: toAddresses(parsed.cc),
    subject: (parsed.subject ?? '').trim(),
    date: parsed.date && !Number.isNaN(parsed.date.getTime()) ? parsed.date : undefined,
    inReplyTo,
    references: messageIds(parsed.references),
    headers,
    contentType: contentType(headers),
    partTypes: [contentType(headers), ...parsed.attachments.map((a) => a.contentType.toLowerCase())],
    text,
    newText,
    quotedText,
    forwardedText,
    attachments: parsed.attachments.map((a) => ({ filename: a.filename ?? '', contentType: a.contentType.toLowerCase(), size: a.size })),
    size: raw.length,
  };
}
