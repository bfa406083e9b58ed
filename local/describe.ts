/**
 * One line per handled message for the local cloud's console: who wrote, about what, what
 * faqmail decided and by which rule, which FAQ entries it answered with, and what it sent;
 * then one line per mail sent, linking its raw file when the local cloud keeps an outbox.
 * The whole writer address is shown: this is a developer's own machine, not CloudWatch.
 */
import { pathToFileURL } from 'node:url';
import { decodeWords } from 'libmime';
import { sesMessageIdHeader } from '../lambda/adapters/mail-sender';
import { ANSWER_HEADER } from '../lambda/mail/answer-mark';
import { oneLine } from '../lambda/one-line';
import type { Processed } from './cloud';
import { LOCAL_REGION, type SentRawEmail } from './stand-ins';

/** Encoded words decoded; a malformed one is left as written rather than failing the log line. */
function decoded(value: string): string {
  try {
    return decodeWords(value);
  } catch {
    return value;
  }
}

/** One header field's unfolded value in a raw message's header section. */
function headerField(raw: Buffer, name: string): string | undefined {
  const text = raw.toString('latin1');
  const end = text.search(/\r?\n\r?\n/);
  const section = end < 0 ? text : text.slice(0, end);
  const field = section.split(/\r?\n(?![ \t])/).find((line) => line.toLowerCase().startsWith(`${name.toLowerCase()}:`));
  return field
    ?.slice(name.length + 1)
    .replace(/\r?\n[ \t]+/g, ' ')
    .trim();
}

function sentMail(mail: SentRawEmail, kind: string): string {
  // The Message-ID SES gives the mail is what a writer's reply names in In-Reply-To.
  return `${kind} to ${mail.destinations.join(', ')} ${sesMessageIdHeader(mail.messageId, LOCAL_REGION)}`;
}

export function describeProcessed(processed: Processed, now: Date = new Date()): string {
  const { mail } = processed.event.Records[0].ses;
  // SES hands over header values as written: names and subjects in RFC 2047 encoded words.
  const from = decoded(mail.commonHeaders.from?.join(', ') ?? '') || `<${mail.source}>`;
  const subject = mail.commonHeaders.subject === undefined ? '(no subject)' : `"${oneLine(decoded(mail.commonHeaders.subject), 60)}"`;
  const parts = [now.toTimeString().slice(0, 8), `${oneLine(from, 60)} ${subject}`];
  const { result, error } = processed;
  if (error || !result) {
    parts.push(
      `FAILED: ${oneLine(error?.message ?? 'the handler returned nothing', 200)} (Lambda would retry the event, then send it to the dead-letter queue)`,
    );
    return parts.join('  ');
  }
  parts.push(`→ ${result.decision} (${result.rule})${result.heldBack ? ' [shadow: no reply sent; proposal to staff]' : ''}`);
  const kinds = new Map(result.sent.map((sent) => [sent.sesMessageId, sent.kind]));
  const answers = processed.sent.map((sent) => headerField(sent.raw, ANSWER_HEADER)).find((value) => value !== undefined);
  if (answers) parts.push(`answers: ${answers}`);
  if (processed.sent.length > 0) {
    parts.push(`sent ${processed.sent.map((sent) => sentMail(sent, kinds.get(sent.messageId) ?? 'mail')).join('; ')}`);
  } else if (result.sent.length > 0) {
    parts.push('already handled: nothing sent again');
  } else {
    parts.push('nothing sent');
  }
  const files = processed.sent.flatMap((sent) =>
    sent.file ? [`    ${kinds.get(sent.messageId) ?? 'mail'} as sent: ${pathToFileURL(sent.file).href}`] : [],
  );
  return [parts.join('  '), ...files].join('\n');
}
