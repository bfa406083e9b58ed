import EmailReplyParser from 'email-reply-parser';

/**
 * Splits a text body into what the writer wrote now and the quoted or forwarded history
 * below it, using email-reply-parser's quote-header and signature rules.
 */
export function extractNewText(text: string): { newText: string; quotedText: string; forwardedText: string } {
  const email = new EmailReplyParser().read(text);
  const fragments = email.getFragments();
  const newText = fragments.filter((f) => !f.isHidden() && !f.isQuoted()).map((f) => f.getContent()).join('\n').trim();
  const quotedText = fragments.filter((f) => f.isQuoted()).map((f) => f.getContent()).join('\n').trim();
  return { newText, quotedText, forwardedText: '' };
}
