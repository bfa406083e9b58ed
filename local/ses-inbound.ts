/**
 * What SES inbound does to a message before anything else sees it: it gives the message an
 * id, and the copy it stores in S3 starts with the header fields SES writes (Return-Path
 * from the envelope, Received, the spam and virus verdicts, Authentication-Results).
 */
import { randomBytes } from 'node:crypto';
import type { Verdict, Verdicts } from '../lambda/domain';

/** An id shaped like those SES gives inbound mail: 40 lowercase letters and digits. */
export function sesMessageId(): string {
  const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789';
  // 252 is the largest multiple of 36 below 256: bytes above it would favour some letters.
  const id: string[] = [];
  while (id.length < 40) {
    for (const byte of randomBytes(48)) if (byte < 252 && id.length < 40) id.push(alphabet[byte % 36]);
  }
  return id.join('');
}

export interface Stamp {
  messageId: string;
  /** MAIL FROM; '' for the null reverse-path. */
  mailFrom: string;
  recipients: string[];
  receivedAt: Date;
  verdicts: Verdicts;
}

/** Where the header section ends: the offset of the blank line's first byte. */
function headerEnd(raw: Buffer): number {
  const text = raw.toString('latin1');
  const crlf = text.indexOf('\r\n\r\n');
  const lf = text.indexOf('\n\n');
  if (crlf < 0 && lf < 0) return raw.length;
  if (crlf < 0) return lf;
  if (lf < 0) return crlf;
  return Math.min(crlf, lf);
}

/** `header` less the fields whose first line matches `drop` (with their continuation lines). */
function withoutFields(header: string, drop: RegExp): string {
  const lines = header.split(/(?<=\n)/);
  const kept: string[] = [];
  let dropping = false;
  for (const line of lines) {
    const continuation = /^[ \t]/.test(line);
    if (!continuation) dropping = drop.test(line);
    if (!dropping) kept.push(line);
  }
  return kept.join('');
}

const lower = (verdict: Verdict) => verdict.toLowerCase();

/**
 * The message as SES stores it. The sender's own Return-Path fields go: the receiving
 * server's is the only one that counts (RFC 5321 §4.4). Verdict fields that the message
 * already carries stay, which is how an example simulates spam or a spoofed sender.
 */
export function storedCopy(raw: Buffer, stamp: Stamp): Buffer {
  const end = headerEnd(raw);
  const header = raw.subarray(0, end).toString('latin1');
  const has = (field: RegExp) => field.test(header);
  const { verdicts } = stamp;
  const fields = [
    `Return-Path: <${stamp.mailFrom}>`,
    `Received: from localhost (localhost [127.0.0.1])\r\n by inbound-smtp.local.faqmail with SMTP id ${stamp.messageId}\r\n for ${stamp.recipients.join(',\r\n ')};\r\n ${stamp.receivedAt.toUTCString().replace('GMT', '+0000')}`,
    ...(has(/^X-SES-Spam-Verdict:/im) ? [] : [`X-SES-Spam-Verdict: ${verdicts.spam}`]),
    ...(has(/^X-SES-Virus-Verdict:/im) ? [] : [`X-SES-Virus-Verdict: ${verdicts.virus}`]),
    // Only SES's own Authentication-Results counts; one from the sender's side gets SES's on top.
    ...(has(/^Authentication-Results:\s*amazonses\.com\s*;/im)
      ? []
      : [
          `Authentication-Results: amazonses.com;\r\n spf=${lower(verdicts.spf)} smtp.mailfrom=${stamp.mailFrom || '<>'};\r\n dkim=${lower(verdicts.dkim)};\r\n dmarc=${lower(verdicts.dmarc)}`,
        ]),
  ];
  const kept = Buffer.from(withoutFields(header, /^return-path:/i), 'latin1');
  return Buffer.concat([Buffer.from(`${fields.join('\r\n')}\r\n`, 'latin1'), kept, raw.subarray(end)]);
}
