/**
 * How our automatic answers are recognised when they come back quoted in a follow-up and no
 * record of what we sent is at hand. Mail clients do not quote headers, so every answer also
 * ends with a short signature line that reads as ordinary mail to the writer ("Sent by
 * faqmail, our FAQ assistant.") and is matched leniently, for when quoting re-wraps it.
 */

/** Header on every automatic answer; its value names the FAQ entries the answer holds. */
export const ANSWER_HEADER = 'X-Faqmail-Answer';

const MARK = 'Sent by faqmail, our FAQ assistant.';

/**
 * The mark's words, with quote markers and line breaks allowed between them: a client that
 * re-wraps a quoted line at 72 columns puts `\n> ` wherever it breaks.
 */
const QUOTED_MARK = /\bsent[\s>]+by[\s>]+faqmail\b/i;
/** The token answers carried before the signature line; replies to those still arrive. */
const EARLIER_MARK = /\bref[\s>]+faqmail[\s>]*:[\s>]*answer\b/i;

/** The footer line that marks a message as one of our automatic answers. */
export function answerMark(): string {
  return MARK;
}

/** Text as a client may have quoted and re-wrapped it: no quote markers, single spaces, lower case. */
function unquoted(text: string): string {
  return text
    .replace(/^[ \t>]+/gm, '')
    .replace(/\s+/g, ' ')
    .toLowerCase();
}

/**
 * Whether the quoted text holds a line, however it was quoted and re-wrapped: where no record
 * names the answer a follow-up quotes, the FAQ questions it quotes do.
 */
export function quotes(quotedText: string): (line: string) => boolean {
  const quoted = unquoted(quotedText);
  return (line) => quoted.includes(unquoted(line));
}

/** True when quoted text (plain, `>`-quoted, re-wrapped or converted from HTML) holds our mark. */
export function hasAnswerMark(quotedText: string): boolean {
  return QUOTED_MARK.test(quotedText) || EARLIER_MARK.test(quotedText);
}
