/**
 * How our automatic answers are recognised when they come back quoted in a follow-up and no
 * record of what we sent is at hand. Mail clients do not quote headers, so every answer also
 * carries a short visible token in its footer, short enough that line re-wrapping rarely
 * splits it and matched leniently for when it does.
 */

/** Header on every automatic answer; its value names the FAQ entries the answer holds. */
export const ANSWER_HEADER = 'X-Faqmail-Answer';

const MARK = '[ref faqmail:answer]';

/**
 * The token, quote markers and line breaks allowed between its words: a client that re-wraps
 * a quoted line at 72 columns puts `\n> ` wherever it breaks, and an HTML-to-text conversion
 * may drop the brackets or join the token to the line before it.
 */
const QUOTED_MARK = /\bref[\s>]+faqmail[\s>]*:[\s>]*answer\b/i;

/** The footer line that marks a message as one of our automatic answers. */
export function answerMark(): string {
  return MARK;
}

/** True when quoted text (plain, `>`-quoted, re-wrapped or converted from HTML) holds our mark. */
export function hasAnswerMark(quotedText: string): boolean {
  return QUOTED_MARK.test(quotedText);
}
