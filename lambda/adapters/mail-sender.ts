/** Sending through SES (v1 SendRawEmail: the message goes out byte for byte as composed). */
import { AwsSetupError, type AwsCall } from './aws-call';
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
 * Socket failures that come before a byte of the request could be written, as aws-lite words
 * them: it keeps the message of Node's error, not its code or syscall. Each holds, whatever the code:
 * - `getaddrinfo <code>` (ENOTFOUND, EAI_AGAIN): the name did not resolve, so no connection was opened.
 * - `connect <code>` (ECONNREFUSED, ETIMEDOUT, EHOSTUNREACH, ECONNRESET): the connect call itself
 *   failed, and Node writes a request only onto a connected socket.
 * - a code alone (`ECONNREFUSED`): an endpoint with several addresses (SES's) fails, when none takes
 *   the connection, with an AggregateError of the connect failures, which has no message.
 * - Node's own words when the peer closed during the TLS handshake: the request goes only
 *   encrypted, after the handshake.
 * Not a `read ECONNRESET`, `socket hang up` or TLS error (EPROTO) otherwise: those come on a
 * connected socket, before or after the request was written, and nothing says which.
 */
const BEFORE_THE_REQUEST = new RegExp(
  ': (?:(?:getaddrinfo|connect) E[A-Z_]+ |E[A-Z]+$|Client network socket disconnected before secure TLS connection was established$)',
);

/**
 * Whether a failed SendRawEmail certainly sent nothing: SES answered with a client error
 * (4xx: rejected, throttled, not verified), or the request was never written (the client could
 * not be made, or the connection failed). A timeout or a server error may come after SES
 * accepted the mail.
 */
function certainlyNotSent(error: unknown): boolean {
  if (error instanceof AwsSetupError) return true;
  const status = (error as { statusCode?: number }).statusCode;
  if (status !== undefined) return status >= 400 && status < 500;
  return BEFORE_THE_REQUEST.test(String((error as Error).message));
}

/**
 * Whether SES refused this very mail: a client error other than its throttling (also a 400, code
 * `Throttling`, for the sending rate or the daily quota), which the same mail may pass later.
 */
function refused(error: unknown): boolean {
  const { statusCode, name } = error as { statusCode?: number; name?: string };
  return statusCode !== undefined && statusCode >= 400 && statusCode < 500 && name !== 'Throttling';
}

/** SendRawEmail as SES's Query API takes it: a form, the message in base64. */
function sendRawEmailForm(mail: OutboundMail): string {
  const form = new URLSearchParams({ Action: 'SendRawEmail', Version: '2010-12-01', Source: mail.from });
  mail.to.forEach((address, i) => form.append(`Destinations.member.${i + 1}`, address));
  form.append('RawMessage.Data', mail.raw.toString('base64'));
  return form.toString();
}

export class MailSender {
  constructor(
    private readonly ses: AwsCall,
    private readonly region: string,
  ) {}

  async send(mail: OutboundMail): Promise<SentMail> {
    let sesMessageId: string | undefined;
    try {
      const { payload } = await this.ses({
        service: 'email',
        method: 'POST',
        path: '/',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: sendRawEmailForm(mail),
      });
      // aws-lite reads SES's XML answer (text/xml) without its root element.
      sesMessageId = (payload as { SendRawEmailResult?: { MessageId?: string } } | null)?.SendRawEmailResult?.MessageId;
    } catch (error) {
      const { name, message } = error as Error;
      throw new SendFailedError(
        `Sending the ${mail.kind} (${mail.raw.length} bytes, ${mail.to.length} recipient(s)) through SES failed: ${name}: ${message}`,
        { certainlyNotSent: certainlyNotSent(error), refused: refused(error) },
        error,
      );
    }
    if (!sesMessageId) throw new Error(`SES accepted the ${mail.kind} but returned no MessageId`);
    return { sesMessageId, messageIdHeader: sesMessageIdHeader(sesMessageId, this.region) };
  }
}
