import { ConfigError, loadConfig, startupFailure } from '../config';
import { ContentError } from '../content/content-error';
import type { History, InboundMessage, Receipt } from '../domain';
import { receiptFromHeaders } from '../mail/receipt-headers';
import { createResponder, type Responder } from '../respond';
import { UsageError } from './run';

/** The responder as the Lambda would build it, from the same environment variables. */
export function responderFromEnv(): Responder {
  try {
    return createResponder(loadConfig(process.env), process.env.FAQMAIL_CONTENT_DIR);
  } catch (error) {
    if (error instanceof ConfigError || error instanceof ContentError) throw new UsageError(startupFailure(error));
    throw error;
  }
}

/** Outside the Lambda there are no records: nothing we sent is known, no sender has a count. */
export async function noHistory(): Promise<History> {
  return { repliesToOurAnswer: false, recentRepliesToSender: 0 };
}

/**
 * The receipt for a message file: the verdicts SES wrote into it, and the inbox as its
 * envelope recipient, since a message handed to faqmail is one that reached the inbox (SES
 * invokes it only for mail to its recipients).
 */
export function receiptOfStoredMail(responder: Responder): (message: InboundMessage) => Receipt {
  return (message) => receiptFromHeaders(message, [responder.config.inboxAddress]);
}
