import { ConfigError, contentDirFrom, loadConfig, startupFailure } from '../../lambda/config';
import { ContentError } from '../../lambda/content/content-error';
import type { History, InboundMessage, Receipt, Verdicts } from '../../lambda/domain';
import { receiptFromHeaders } from '../../lambda/mail/receipt-headers';
import { createResponder, respond, type Outcome, type Responder } from '../../lambda/respond';
import { readInput, UsageError } from './run';

/** The responder as the Lambda would build it, from the same environment variables. */
export function responderFromEnv(): Responder {
  try {
    return createResponder(loadConfig(process.env), contentDirFrom(process.env));
  } catch (error) {
    if (error instanceof ConfigError || error instanceof ContentError) throw new UsageError(startupFailure(error));
    throw error;
  }
}

/** Outside the Lambda there are no records: nothing we sent is known (and no limits are counted). */
export function noHistory(): Promise<History> {
  return Promise.resolve({ repliesToOurAnswer: false });
}

const VERDICTS = ['spam', 'virus', 'spf', 'dkim', 'dmarc'] as const satisfies ReadonlyArray<keyof Verdicts>;

/**
 * The receipt for a message file: the verdicts SES wrote into it, and the inbox as its
 * envelope recipient, since a message handed to faqmail is one that reached the inbox (SES
 * invokes it only for mail to its recipients). A file that carries none of SES's verdicts
 * (written by hand, saved from another mailbox) is read as SES receives ordinary mail, every
 * verdict PASS, as the local cloud does: otherwise no such file could ever be answered.
 */
export function receiptOfStoredMail(responder: Responder): (message: InboundMessage) => Receipt {
  return (message) => storedMailReceipt(message, responder.config.inboxAddress);
}

/** The receipt of a message file that reached `inboxAddress`, as `receiptOfStoredMail` reads it. */
export function storedMailReceipt(message: InboundMessage, inboxAddress: string): Receipt {
  const receipt = receiptFromHeaders(message, [inboxAddress]);
  if (VERDICTS.some((verdict) => receipt[verdict] !== 'UNKNOWN')) return receipt;
  return { ...receipt, spam: 'PASS', virus: 'PASS', spf: 'PASS', dkim: 'PASS', dmarc: 'PASS' };
}

/** What faqmail would do with a message file (`-`: standard input); a file that is no email message is named as such. */
async function respondToFile(responder: Responder, file: string): Promise<Outcome> {
  const outcome = await respond(responder, await readInput(file), receiptOfStoredMail(responder), noHistory);
  if (outcome.decision.rule === 'unparseable') throw new UsageError(`${file}: not an email message (${outcome.decision.reason})`);
  return outcome;
}

/**
 * Writes what `show` makes of each file's outcome; a file that cannot be read or is no email message is named on
 * standard error and the others still run. 1 when any failed.
 */
export async function showEach(
  responder: Responder,
  files: readonly string[],
  show: (file: string, outcome: Outcome) => string | Promise<string>,
): Promise<number> {
  let failed = 0;
  for (const file of files) {
    try {
      process.stdout.write(await show(file, await respondToFile(responder, file)));
    } catch (error) {
      // One bad file must not stop the others.
      const detail = error instanceof UsageError ? error.message : `${file}: ${(error as Error).stack ?? String(error)}`;
      process.stderr.write(`faqmail: ${detail}\n`);
      failed += 1;
    }
  }
  return failed > 0 ? 1 : 0;
}
