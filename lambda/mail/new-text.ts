/**
 * Reply stripping is email-reply-parser (crisp-oss), with our own rules only where it
 * measurably misses on the real-mail fixtures (test/mail-real.test.ts). It was measured
 * against planer (the JavaScript port of Mailgun's talon) on those fixtures, each
 * library's own output against the expected text:
 *
 *                          talon-* (quotes)  trimmer-* (quotes+signatures)  crisp-*
 *   email-reply-parser         10/12               16/27                     16/18
 *   planer                     12/12               10/27 (no signatures)      8/18
 *   this module, with rules    12/12               26/27                     18/18
 *
 * planer finds quotes better in talon's own fixtures but misses most of the others; it
 * removes no signatures, returns no quoted text (follow-up detection needs it), and
 * silently drops everything past line 1,000. email-reply-parser classifies every line
 * (quoted, signature, text), which gives the quoted text for free. Our rules: Outlook
 * header blocks and "Original Message" separators (quote-rules), attributions it does not
 * know, wrapped quote lines, forwards (forward), sign-offs, sender-name signatures and
 * legal footers (signature).
 */
import { normalizeText } from './body-text';
import { splitForward } from './forward';
import { hasAnswerMark } from './answer-mark';
import { attributionAboveQuote, brokenQuoteWraps, historyStart, pastedQuotes } from './quote-rules';
import { joinFragments, replyFragments } from './reply-fragments';
import { stripSignature } from './signature';

export interface ReplyParts {
  /** What the writer wrote now. */
  newText: string;
  /** Quoted history, attribution lines ("On ... wrote:", "From: ...") included. */
  quotedText: string;
  /** The forwarded message(s), header blocks and their own quotes left out. */
  forwardedText: string;
}

/** A forward inside a forward inside ... stops being split here. */
const FORWARD_DEPTH = 3;

const joinParts = (...parts: string[]) => parts.filter((part) => part !== '').join('\n\n');

/** Quotes removed, signature kept: the writer's text as talon defines it. */
function stripQuotesOnly(text: string): { text: string; quotedText: string } {
  const lines = text.split('\n');
  const history = historyStart(lines);
  const top = history < 0 ? text : lines.slice(0, history).join('\n');
  const below = history < 0 ? '' : lines.slice(history).join('\n').trim();
  const fragments = pastedQuotes(brokenQuoteWraps(attributionAboveQuote(replyFragments(top))), hasAnswerMark);
  return {
    text: joinFragments(fragments, ['text', 'signature']),
    quotedText: joinParts(joinFragments(fragments, ['quoted']), below),
  };
}

/** What is known about the message beyond its text. */
export interface TextContext {
  /** Tells Outlook's forwards (which look like its replies) from its replies. */
  subject?: string;
  /** The From display name: a signature often starts with it. */
  sender?: string;
}

function split(text: string, context: TextContext, depth: number): ReplyParts & { withSignature: string } {
  const lines = text.split('\n');
  const forward = depth < FORWARD_DEPTH ? splitForward(lines, context.subject) : undefined;
  if (forward) {
    const note = stripQuotesOnly(forward.note.join('\n'));
    // A forward below quoted history is part of that history, not something forwarded now.
    if (note.quotedText === '') {
      // Who wrote the forwarded message, and what it was about, is not known here.
      const inner = split(forward.forwarded.join('\n').trim(), {}, depth + 1);
      return {
        withSignature: note.text,
        newText: stripSignature(note.text, context.sender),
        quotedText: inner.quotedText,
        forwardedText: joinParts(inner.newText, inner.forwardedText),
      };
    }
  }
  const { text: withSignature, quotedText } = stripQuotesOnly(text);
  return { withSignature, newText: stripSignature(withSignature, context.sender), quotedText, forwardedText: '' };
}

/** Splits a body into what the writer wrote now, the quoted history and what they forward. */
export function extractNewText(text: string, context: TextContext = {}): ReplyParts {
  const { newText, quotedText, forwardedText } = split(normalizeText(text), context, 0);
  return { newText, quotedText, forwardedText };
}

/** The writer's text with quotes and forwards removed but the signature kept (talon's convention). */
export function stripQuotes(text: string, context: TextContext = {}): string {
  return split(normalizeText(text), context, 0).withSignature;
}
