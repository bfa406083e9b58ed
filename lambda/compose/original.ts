import type { MailComposerAttachment } from 'nodemailer/lib/mail-composer';
import { oneLine } from '../one-line';

/** RFC 5322 line limit, and the limit of the SES raw send (1,000 with CRLF). */
const MAX_LINE_OCTETS = 998;

/**
 * How the original's bytes can travel. message/rfc822 allows no encoding other than 7bit
 * or 8bit (RFC 2046 §5.2.1), so it carries only mail that is transportable as is: lines of
 * at most 998 octets, no NUL, no CR outside CRLF. Anything else (hostile or broken input)
 * goes base64-encoded as an opaque .eml file that mail clients still open.
 */
export function transportEncoding(raw: Buffer): '7bit' | '8bit' | 'base64' {
  let eightBit = false;
  let lineLength = 0;
  for (let i = 0; i < raw.length; i += 1) {
    const byte = raw[i];
    if (byte === 0x0a) {
      lineLength = 0;
      continue;
    }
    if (byte === 0x00 || (byte === 0x0d && raw[i + 1] !== 0x0a)) return 'base64';
    if (byte !== 0x0d) lineLength += 1;
    if (lineLength > MAX_LINE_OCTETS) return 'base64';
    if (byte >= 0x80) eightBit = true;
  }
  return eightBit ? '8bit' : '7bit';
}

/**
 * A file name for the original from its subject: letters with their marks (the vowel signs of
 * Devanagari or Tamil, without which only consonants are left), digits, dashes; never empty.
 */
export function originalFilename(subject: string | undefined): string {
  const stem = Array.from(
    oneLine(subject ?? '', 200)
      .normalize('NFC')
      .replace(/[^\p{L}\p{M}\p{N}\s._-]+/gu, ' ')
      .trim()
      .replace(/\s+/g, '-')
      .replace(/^[.-]+|[.-]+$/g, ''),
  )
    .slice(0, 60)
    .join('')
    .replace(/[.-]+$/, '');
  return `${stem || 'original-message'}.eml`;
}

/**
 * The original as an attachment: embedded as message/rfc822 when it is mail that can travel
 * as is, else as an opaque file (`parsed` false: it is not mail a client could show).
 */
export function originalAttachment(raw: Buffer, filename: string, parsed: boolean): MailComposerAttachment {
  const encoding = parsed ? transportEncoding(raw) : 'base64';
  return encoding === 'base64'
    ? {
        filename,
        content: raw,
        contentType: 'application/octet-stream',
        contentDisposition: 'attachment',
        contentTransferEncoding: 'base64',
      }
    : { filename, content: raw, contentType: 'message/rfc822', contentDisposition: 'attachment', contentTransferEncoding: encoding };
}
