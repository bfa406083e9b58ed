import { ConfigError, contentDirFrom, loadConfig, startupFailure } from '../../lambda/config';
import { ContentError } from '../../lambda/content/content-error';
import type { History, InboundMessage, Receipt, Verdicts } from '../../lambda/domain';
import { receiptFromHeaders } from '../../lambda/mail/receipt-headers';
import { createResponder, respond, type Outcome, type Responder } from '../../lambda/respond';
import { mboxMessages } from './mbox';
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

/** What faqmail would do with a message named `name`; a message that is no email message is named as such. */
async function respondTo(responder: Responder, name: string, raw: Buffer): Promise<Outcome> {
  const outcome = await respond(responder, raw, receiptOfStoredMail(responder), noHistory);
  if (outcome.decision.rule === 'unparseable') throw new UsageError(`${name}: not an email message (${outcome.decision.reason})`);
  return outcome;
}

/** The messages of a file (`-`: standard input): the file itself, or each message of an mbox, named FILE#1, FILE#2 ... */
export async function messagesIn(file: string): Promise<Array<{ name: string; raw: Buffer }>> {
  const raw = await readInput(file);
  const messages = mboxMessages(raw);
  if (messages === undefined || messages.length === 1) return [{ name: file, raw: messages?.[0] ?? raw }];
  return messages.map((message, at) => ({ name: `${file}#${at + 1}`, raw: message }));
}

/**
 * Writes what `show` makes of each message's outcome; a file that cannot be read, or a message that is no email
 * message, is named on standard error and the others still run. 1 when any failed.
 */
export async function showEach(
  responder: Responder,
  files: readonly string[],
  show: (name: string, outcome: Outcome) => string | Promise<string>,
): Promise<number> {
  let failed = 0;
  // One bad file or message must not stop the others.
  const report = (name: string, error: unknown) => {
    const detail = error instanceof UsageError ? error.message : `${name}: ${(error as Error).stack ?? String(error)}`;
    process.stderr.write(`faqmail: ${detail}\n`);
    failed += 1;
  };
  for (const file of files) {
    let messages: Array<{ name: string; raw: Buffer }>;
    try {
      messages = await messagesIn(file);
    } catch (error) {
      report(file, error);
      continue;
    }
    for (const { name, raw } of messages) {
      try {
        process.stdout.write(await show(name, await respondTo(responder, name, raw)));
      } catch (error) {
        report(name, error);
      }
    }
  }
  return failed > 0 ? 1 : 0;
}
