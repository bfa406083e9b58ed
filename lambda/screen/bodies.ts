/**
 * Automatic mail recognised by what its text says, for the bounces and challenges that
 * carry no marker in their header: the machine-readable fields of a delivery status
 * notification (RFC 3464 §2.3) written out as text, the opening lines the common MTAs
 * put on their bounces, and the wording of challenge-response ("please confirm you are a
 * person") systems.
 */
import { anyOf } from '../any-of';
import { oneLine } from '../one-line';
import type { InboundMessage } from '../domain';
import { requestKind, splitSentences } from '../match/sentences';
import { foldText } from '../match/words';
import { isLegalNotice, isSignatureOnly } from '../mail/signature';

/** Per-recipient DSN fields; a line may carry quote marks when a bounce was forwarded. */
const DSN_RECIPIENT = /^[> \t]*Final-Recipient:[ \t]*\S/im;
const DSN_OUTCOME = /^[> \t]*(?:Action:[ \t]*(?:failed|delayed)\b|Status:[ \t]*[45]\.\d{1,3}\.\d{1,3}\b)/im;

/**
 * How Postfix, Exim, qmail, Sendmail, Exchange and Gmail open a bounce. Looked for only where
 * a bounce puts them, at the very top, so that a person quoting such a line in a question
 * ("our mail gets: Your message did not reach…") is not taken for one.
 */
const MTA_BOUNCE_OPENINGS = [
  /This is the mail system at host \S+/i,
  /This message was created automatically by mail delivery software/i,
  /This is the qmail-send program at \S+/i,
  /I'm afraid I wasn't able to deliver your message to the following addresses/i,
  /The following addresses had permanent fatal errors/i,
  /Delivery to the following recipients? failed permanently/i,
  /Your message did not reach some or all of the intended recipients/i,
  /Delivery has failed to these recipients or (?:groups|distribution lists)/i,
];

/**
 * How much of the text the patterns read: notices put what identifies them at the top, and
 * a bound keeps a hostile 20 MB body from costing more than its first pages.
 */
const HEAD = 64 * 1024;
/** Where a bounce's opening line must start: within its first characters (whitespace collapsed). */
const OPENING = 160;

/** Most text holds none of the openings: one scan says so, and only text that holds one is asked which and where. */
const ANY_MTA_BOUNCE_OPENING = anyOf(MTA_BOUNCE_OPENINGS);

/**
 * The openings with each space read as any run of whitespace, for the text as written. Text
 * whose whitespace is collapsed holds an opening only where the text as written holds it so
 * (the openings hold no character class, nor a space but as a separator): tested first, it
 * spares collapsing the top of every message, most of bounceText's time.
 */
const ANY_MTA_BOUNCE_OPENING_AS_WRITTEN = anyOf(
  MTA_BOUNCE_OPENINGS.map((pattern) => {
    if (/\[| [?*+{]/.test(pattern.source))
      throw new Error(`an MTA bounce opening holds a character class or an optional space: ${pattern}`);
    return new RegExp(pattern.source.replaceAll(' ', String.raw`\s+`), pattern.flags);
  }),
);

function hasDsnFields(text: string): boolean {
  return DSN_RECIPIENT.test(text) && DSN_OUTCOME.test(text);
}

/**
 * A question mark in any script a writer's keyboard gives: the ASCII one, the full-width one of
 * Chinese and Japanese input (？), the Arabic (؟), the Greek (;, U+037E, left as written by mail
 * clients), the small form (﹖) and the reversed one (⸮). A writer who asks is no notice.
 */
const QUESTION_MARK = /[?;؟⸮﹖？]/u;

/**
 * Words a person wrote above a bounce they forward or quote: the fields stand in what they
 * pass on, not in their own text. A bounce's fields stand in its own text, and a mailbox rule
 * that passes a bounce on adds no words.
 */
function ownWordsAboveFields(message: InboundMessage): string | undefined {
  const own = message.newText.slice(0, HEAD);
  return /\p{L}/u.test(own) && !hasDsnFields(own) ? own : undefined;
}

const DSN_FIELDS_FOUND = 'delivery status fields (Final-Recipient, Action/Status) in the text';

export function bounceText(message: InboundMessage): string | undefined {
  const text = message.text.slice(0, HEAD);
  if (hasDsnFields(text) && ownWordsAboveFields(message) === undefined) return DSN_FIELDS_FOUND;
  if (!ANY_MTA_BOUNCE_OPENING_AS_WRITTEN.test(text.slice(0, 4096))) return undefined;
  const top = text.slice(0, 4096).replace(/\s+/g, ' ').trimStart();
  if (!ANY_MTA_BOUNCE_OPENING.test(top)) return undefined;
  const opening = MTA_BOUNCE_OPENINGS.map((pattern) => pattern.exec(top)).find((match) => match !== null && match.index < OPENING);
  // Words that ask, above the opening, are a person's who passes the bounce on ("Why did this bounce?"
  // above one forwarded as an inline message, whose text follows theirs): no bounce asks before it opens.
  if (!opening || QUESTION_MARK.test(top.slice(0, opening.index))) return undefined;
  return `"${oneLine(opening[0], 80)}"`;
}

/**
 * A bounce a person passes on with words of their own but no question ("FYI", "Please check
 * why this bounced."): a person wrote it, so it is not dropped, but it asks the FAQ nothing
 * and a bounce is about their own mail, so a person sees it rather than an automatic answer.
 * One who asks ("is our domain blocked?") is read like any other mail.
 */
export function passedOnBounce(message: InboundMessage): string | undefined {
  if (!hasDsnFields(message.text.slice(0, HEAD))) return undefined;
  const own = ownWordsAboveFields(message);
  return own !== undefined && !QUESTION_MARK.test(own) ? DSN_FIELDS_FOUND : undefined;
}

/**
 * Parts that hold the writer's words where we cannot read them: encrypted (S/MIME, RFC 8551; an
 * opaque-signed S/MIME message too, which wraps its text the same way; PGP/MIME, RFC 3156),
 * Outlook's rich text as TNEF (winmail.dat), one fragment of a message split in several
 * (RFC 2046 §5.2.2: the rest comes in other mail, and no fragment is read as text), a body
 * left elsewhere by reference (RFC 2046 §5.2.3: a URL or FTP site we never fetch), or a
 * message attached whole (a forward as .eml), whose text is not read as the writer's.
 */
const UNREADABLE_PARTS: ReadonlySet<string> = new Set([
  'multipart/encrypted',
  'application/pkcs7-mime',
  'application/x-pkcs7-mime',
  'application/ms-tnef',
  'application/vnd.ms-tnef',
  'message/partial',
  'message/external-body',
  'message/rfc822',
]);
const PGP_MESSAGE = /^-----BEGIN PGP MESSAGE-----\s*$/m;

/**
 * What stands beside an unreadable part when the writer's words are all in it: no text, or only
 * what software adds there (a gateway's legal notice, which it cannot write into an encrypted
 * or TNEF body; the signature Outlook puts above a message it forwards as an attachment).
 * Undefined when the text holds words of the writer's own.
 */
function textBesides(text: string, sender: string): string | undefined {
  if (!/\p{L}/u.test(text)) return 'no text besides';
  if (isLegalNotice(text)) return 'no text besides but a legal notice';
  if (isSignatureOnly(text, sender)) return 'no text besides but a signature';
  return undefined;
}

/**
 * Why the writer's words cannot be read, or undefined when they can: the text holds an encrypted
 * PGP message, or nothing of the writer's own beside such a part. Answered for its subject
 * alone, what the writer wrote would reach no one; a person sees it instead.
 */
export function unreadableText(message: InboundMessage): string | undefined {
  const text = message.text.slice(0, HEAD);
  if (PGP_MESSAGE.test(text)) return 'an encrypted PGP message in the text';
  const part = message.partTypes.find((type) => UNREADABLE_PARTS.has(type));
  const besides = part === undefined ? undefined : textBesides(text, message.from?.name ?? '');
  return besides === undefined ? undefined : `${part} part, ${besides}`;
}

/** Challenge-response systems asking the sender to prove they are a person (matched on text with whitespace collapsed). */
const CHALLENGES = [
  /have (?:your|the sender's) (?:e-?mail )?address added to (?:the recipient's |my )?(?:allowed|approved|safe|white) ?(?:list|senders)/i,
  /(?:this|my) (?:e-?mail )?(?:account|address|mailbox|inbox) is protected by \S+/i,
  /I(?: am|'m) protecting myself from (?:receiving )?(?:junk|spam|unsolicited)/i,
  /(?:prove|confirm|verify) (?:that )?you are (?:a )?(?:human|real person|not a (?:robot|spammer|machine))[^.?!]{0,80}(?:deliver|receive|message|e-?mail)/i,
  /your (?:e-?mail|message) (?:is|has been|will be) (?:held|quarantined|pending)[^.?!]{0,80}until you (?:verify|confirm|click|respond)/i,
];

const ANY_CHALLENGE = anyOf(CHALLENGES);

/** Looks only at what the sender wrote now: a person may quote such a notice. */
export function challengeText(message: InboundMessage): string | undefined {
  const own = foldText((message.newText || message.text).slice(0, HEAD).replace(/\s+/g, ' '));
  if (!ANY_CHALLENGE.test(own)) return undefined;
  const found = CHALLENGES.map((pattern) => pattern.exec(own)).find(Boolean);
  return found ? `"${oneLine(found[0], 80)}"` : undefined;
}

/**
 * An out-of-office notice told by its text alone (some clients send one as a plain "Re:"
 * with no header marker): the writer is away, and it says when they return or whom to
 * write to instead. Both are needed, and it asks nothing: a person writing "I'll be out
 * of office next week — could you ...?" is not a notice, nor one who asks without a question
 * mark ("I'm travelling until Friday. Please send me the fees."): a notice's "please contact
 * Marc" asks the reader nothing of the writer's (requestKind reads it so).
 */
const AWAY = new RegExp(
  String.raw`\b(?:(?:i am|i'm|i will be|i'll be|i am currently|i'm currently|currently) (?:out of (?:the )?office|away|on (?:annual |parental |sick |maternity |paternity )?(?:leave|vacation|holiday|holidays|pto)|travell?ing|offline)|` +
    String.raw`out of (?:the )?office (?:until|till|from|through|and)|` +
    String.raw`(?:thank you|thanks) for your (?:e-?mail|message)\. i am (?:currently )?(?:away|out))\b`,
  'i',
);
const RETURN_OR_INSTEAD = new RegExp(
  String.raw`\b(?:until|till|returning|return(?:ing)? on|back on|back in the office|on my return|upon my return|` +
    String.raw`when i(?:'m| am)? (?:get )?back|limited (?:access to|e-?mail)|` +
    String.raw`(?:for )?(?:urgent|immediate) (?:matters|requests|issues|enquiries|inquiries|assistance)|` +
    String.raw`in my absence|please contact)\b`,
  'i',
);
/** How much of the new text an out-of-office notice fills at most: they are short. */
const NOTICE_LENGTH = 1200;

export function outOfOfficeText(message: InboundMessage): string | undefined {
  // Measured before collapsing whitespace: a hostile 5 MB body is refused at once.
  const written = (message.newText || message.text).trim();
  // Asking before collapsing, which most mail (it asks) is then spared.
  if (written.length > 2 * NOTICE_LENGTH || QUESTION_MARK.test(written)) return undefined;
  // Folded: Outlook and phones type ’ for the apostrophe of "I'm away".
  const own = foldText(written.replace(/\s+/g, ' '));
  if (own.length > NOTICE_LENGTH) return undefined;
  const away = AWAY.exec(own);
  if (!away || !RETURN_OR_INSTEAD.test(own)) return undefined;
  return splitSentences(own).some((sentence) => requestKind(sentence) !== undefined) ? undefined : `"${oneLine(away[0], 80)}"`;
}
