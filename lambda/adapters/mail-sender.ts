/** Sending through SES (v1 SendRawEmail: the message goes out byte for byte as composed). */
import { SendRawEmailCommand, type SESClient } from '@aws-sdk/client-ses';
import type { OutboundMail } from '../domain';
import { SendFailedError } from '../failures';

export interface SentMail {
  /** The id SendRawEmail returned. */
  sesMessageId: string;
  /** The Message-ID header the recipient sees: SES replaces the one we composed. */
  messageIdHeader: string;
}

/**
 * The Message-ID SES gives a message it sends: `<id@REGION.amazonses.com>`, except in
 * us-east-1, where the domain is `email.amazonses.com`.
 */
export function sesMessageIdHeader(sesMessageId: string, region: string): string {
  const domain = region === 'us-east-1' ? 'email.amazonses.com' : `${region}.amazonses.com`;
  return `<${sesMessageId}@${domain}>`;
}

/**
 * Whether a failed SendRawEmail certainly sent nothing: SES answered with a client error
 * (4xx: rejected, throttled, not verified), or no connection was ever made. A timeout or a
 * server error may come after SES accepted the mail.
 */
function certainlyNotSent(error: unknown): boolean {
  const status = (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
  if (status !== undefined) return status >= 400 && status < 500;
  // No connection: Node's socket error, which the SDK may wrap (keeping only its message)
  // when it does not recognise it as an Error, as under Jest's separate realm.
  const code = (error as NodeJS.ErrnoException).code;
  const wrapped = /^AWS SDK error wrapper for Error: (?:connect ECONNREFUSED|getaddrinfo ENOTFOUND)/;
  return code === 'ECONNREFUSED' || code === 'ENOTFOUND' || wrapped.test(String((error as Error).message));
}

export class MailSender {
  constructor(
    private readonly ses: SESClient,
    private readonly region: string,
  ) {}

  async send(mail: OutboundMail): Promise<SentMail> {
    let sesMessageId: string | undefined;
    try {
      const result = await this.ses.send(
        new SendRawEmailCommand({ Source: mail.from, Destinations: mail.to, RawMessage: { Data: mail.raw } }),
      );
      sesMessageId = result.MessageId;
    } catch (error) {
      const { name, message } = error as Error;
      throw new SendFailedError(
        `Sending the ${mail.kind} (${mail.raw.length} bytes, ${mail.to.length} recipient(s)) through SES failed: ${name}: ${message}`,
        certainlyNotSent(error),
        error,
      );
    }
    if (!sesMessageId) throw new Error(`SES accepted the ${mail.kind} but returned no MessageId`);
    return { sesMessageId, messageIdHeader: sesMessageIdHeader(sesMessageId, this.region) };
  }
}
