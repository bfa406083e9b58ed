/**
 * The event SES hands the function, built from what an inbound server knows: the local
 * cloud's SMTP listener, the cold-start bench and the tests play SES inbound with it, so they
 * hand the handler what SES would.
 */
import type { SESEvent, SESMailHeader, SESReceiptStatus } from 'aws-lambda';
import type { DmarcPolicy, Verdict, Verdicts } from '../lambda/domain';

export interface SesEventInput {
  /** SES's id for the message; the raw message is stored under the mail prefix + this id. */
  messageId: string;
  /** Envelope recipients (RCPT TO). */
  recipients: string[];
  /** Envelope sender (MAIL FROM); '' for the null reverse-path. */
  source?: string;
  /** Each verdict defaults to PASS. UNKNOWN, which SES never writes, becomes PROCESSING_FAILED. */
  verdicts?: Partial<Verdicts>;
  /** The From domain's DMARC policy, which SES writes only beside a DMARC FAIL. */
  dmarcPolicy?: DmarcPolicy;
  /** The message as received: SES copies its header fields into the event. */
  raw?: Buffer;
  /** When SES received the message (default: now). */
  receivedAt?: Date;
  functionArn?: string;
}

/** SES lists at most this much of the header section in the event and marks the rest truncated. */
const HEADER_LIMIT = 10 * 1024;

/** The top-level header fields of `raw`, unfolded, in order; whether they were cut off. */
function headerFields(raw: Buffer): { headers: SESMailHeader[]; truncated: boolean } {
  const text = raw.toString('latin1');
  const blank = text.search(/\r?\n\r?\n/);
  const section = blank < 0 ? text : text.slice(0, blank);
  const headers: SESMailHeader[] = [];
  let size = 0;
  for (const field of section.split(/\r?\n(?![ \t])/)) {
    const colon = field.indexOf(':');
    if (colon <= 0) continue;
    size += field.length;
    if (size > HEADER_LIMIT) return { headers, truncated: true };
    headers.push({
      name: field.slice(0, colon).trim(),
      value: field
        .slice(colon + 1)
        .replace(/\r?\n[ \t]+/g, ' ')
        .trim(),
    });
  }
  return { headers, truncated: false };
}

function status(value: Verdict | undefined): SESReceiptStatus {
  return { status: value === undefined ? 'PASS' : value === 'UNKNOWN' ? 'PROCESSING_FAILED' : value };
}

/**
 * The event SES hands a receipt rule's Lambda action (Event invocation) for one message.
 * `commonHeaders` holds each field's value as written (SES also splits address lists).
 */
export function sesEvent(input: SesEventInput): SESEvent {
  const receivedAt = (input.receivedAt ?? new Date()).toISOString();
  const { headers, truncated } = input.raw ? headerFields(input.raw) : { headers: [], truncated: false };
  const field = (name: string) => headers.find((h) => h.name.toLowerCase() === name)?.value;
  const list = (name: string) => {
    const value = field(name);
    return value === undefined ? undefined : [value];
  };
  const source = input.source ?? '';
  const verdicts = input.verdicts ?? {};
  return {
    Records: [
      {
        eventSource: 'aws:ses',
        eventVersion: '1.0',
        ses: {
          mail: {
            timestamp: receivedAt,
            source,
            messageId: input.messageId,
            destination: input.recipients,
            headersTruncated: truncated,
            headers,
            commonHeaders: {
              returnPath: source,
              from: list('from'),
              to: list('to'),
              cc: list('cc'),
              replyTo: list('reply-to'),
              date: field('date') ?? '',
              messageId: field('message-id') ?? '',
              subject: field('subject'),
            },
          },
          receipt: {
            timestamp: receivedAt,
            processingTimeMillis: 0,
            recipients: input.recipients,
            spamVerdict: status(verdicts.spam),
            virusVerdict: status(verdicts.virus),
            spfVerdict: status(verdicts.spf),
            dkimVerdict: status(verdicts.dkim),
            dmarcVerdict: status(verdicts.dmarc),
            ...(input.dmarcPolicy ? { dmarcPolicy: input.dmarcPolicy } : {}),
            action: {
              type: 'Lambda',
              functionArn: input.functionArn ?? 'arn:aws:lambda:us-east-1:000000000000:function:faqmail',
              invocationType: 'Event',
            },
          },
        },
      },
    ],
  };
}
