/** The SMTP envelope a mail server on the internet would use to deliver a stored message to SES. */
import { UsageError } from '../tools/cli/run';
import { parseMessage } from '../lambda/mail/parse';

export interface Envelope {
  from: string;
  to: string[];
  subject: string;
}

/**
 * The sender is the message's Return-Path (`<>` stays the null sender), else its From;
 * the recipients are `to`, else the message's To and Cc. Errors name `file`.
 */
export async function envelopeOf(file: string, raw: Buffer, to: readonly string[]): Promise<Envelope> {
  let message;
  try {
    message = await parseMessage(raw);
  } catch (error) {
    throw new UsageError(`${file}: not an email message (${(error as Error).message})`);
  }
  const from = message.returnPath ?? message.from?.address;
  if (from === undefined) throw new UsageError(`${file}: has neither Return-Path nor From, so there is no envelope sender`);
  const recipients = to.length > 0 ? [...to] : [...message.to, ...message.cc].map((address) => address.address);
  if (recipients.length === 0) throw new UsageError(`${file}: has no To or Cc address; name the recipient with --to`);
  return { from, to: recipients, subject: message.subject };
}
