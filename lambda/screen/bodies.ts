/**
 * Automatic mail recognised by what its text says, for the bounces, challenges and notices that
 * carry no marker in their header: the machine-readable fields of a delivery status
 * notification (RFC 3464 §2.3) written out as text, the opening lines the common MTAs
 * put on their bounces, the wording of challenge-response ("please confirm you are a
 * person") systems, out-of-office notices and ticket systems' acknowledgements.
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
  // Gmail's and Exchange Online's, which also come from senders no sender rule knows (a relay's own address).
  /Your message wasn.t delivered to \S+ because/i,
  /Your message to \S+ couldn.t be delivered/i,
  /Your message could not be delivered to the following recipients?/i,
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
  /(?:prove|confirm|verify) (?:that )?you(?: are|'re) (?:a )?(?:human|real person|not a (?:robot|spammer|machine))[^.?!]{0,80}(?:deliver|receive|message|e-?mail)/i,
  // The delivery said first: "To complete delivery of your message, please verify that you're a real person: <link>".
  /(?:deliver\w*|receiv\w*) (?:of )?(?:your|the) (?:e-?mail|message)[^.?!]{0,80}(?:prove|confirm|verify) (?:that )?you(?: are|'re) (?:a )?(?:human|real person|not a (?:robot|spammer|machine))/i,
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
 * with no header marker): the writer is away (or a shared mailbox's office is closed), and it
 * says when they return or whom to write to instead. Both are needed, and it asks nothing: a person writing "I'll be out
 * of office next week — could you ...?" is not a notice, nor one who asks without a question
 * mark ("I'm travelling until Friday. Please send me the fees."): a notice's "please contact
 * Marc" asks the reader nothing of the writer's (requestKind reads it so), nor its "Need
 * something urgent?" (WHERE_TO_TURN): with that "?" counted, such a notice was answered.
 */
const AWAY = new RegExp(
  String.raw`\b(?:(?:i am|i'm|i will be|i'll be|i am currently|i'm currently|currently) (?:out of (?:the )?office|away|on (?:annual |parental |sick |maternity |paternity )?(?:leave|vacation|holiday|holidays|pto)|travell?ing|offline)|` +
    String.raw`out of (?:the )?office (?:until|till|from|through|and)|` +
    // A company's closure notice, sent from a shared mailbox: "our offices are closed for the holidays".
    String.raw`(?:our|the) (?:office|offices) (?:is|are|will be) (?:closed|shut)|` +
    String.raw`(?:thank you|thanks) for your (?:e-?mail|message)\. i am (?:currently )?(?:away|out))\b`,
  'i',
);
const RETURN_OR_INSTEAD = new RegExp(
  String.raw`\b(?:until|till|returning|return(?:ing)? on|back on|back in the office|on my return|upon my return|` +
    String.raw`when i(?:'m| am)? (?:get )?back|limited (?:access to|e-?mail)|` +
    String.raw`(?:for )?(?:urgent|immediate) (?:matters|requests|issues|enquiries|inquiries|assistance)|` +
    String.raw`in my absence|please contact|when we (?:re-?open|are back|return))\b`,
  'i',
);
/**
 * The same in German, French, Spanish and Dutch, the languages whose notices come as a plain "Re:"
 * most often (on text with accents folded: "Büro" reads "buro"; ß stays). Told from English
 * notices only, they went to a person, as a reply to our answer or as mail not in English.
 */
const AWAY_ELSEWHERE = new RegExp(
  String.raw`\b(?:ich bin (?:derzeit |zurzeit |momentan |aktuell )?(?:bis [^!?\n]{1,40}? )?(?:nicht im (?:buro|hause?)|abwesend|im urlaub|auf reisen|in elternzeit)|` +
    String.raw`je suis (?:actuellement )?(?:absente?|en conges?|en vacances|hors du bureau|en deplacement)|` +
    String.raw`(?:estoy|me encuentro) (?:actualmente )?(?:fuera de la oficina|de vacaciones|ausente|de viaje)|` +
    String.raw`ik ben (?:momenteel |tot [^!?\n]{1,40}? )?(?:afwezig|met vakantie|op vakantie|niet (?:op kantoor|aanwezig)|buiten kantoor))\b`,
  'i',
);
const RETURN_OR_INSTEAD_ELSEWHERE = new RegExp(
  String.raw`\b(?:bis (?:einschliesslich |zum |am )?\d|wieder (?:erreichbar|im buro|im hause?)|zuruck|in dringenden fallen|bei dringenden|nicht weitergeleitet|` +
    String.raw`jusqu'(?:au|a|le)|de retour|en cas d'urgence|urgente?s?|ne sera pas transfere|` +
    String.raw`hasta el|regresare|volvere|de regreso|de vuelta|asuntos urgentes|durante mi ausencia|` +
    String.raw`tot en met|tot \d|terug op|ben ik (?:weer|terug)|dringende (?:zaken|gevallen)|niet doorgestuurd)\b`,
  'i',
);
/**
 * What asks in those languages, which requestKind (English) does not read: a sentence holding one
 * asks, unless it names whom to turn to (an address, a number, a colleague), as a notice's
 * "wenden Sie sich bitte an Marc Keller (m.keller@…)" does; "bitte kontaktieren Sie mich danach" asks.
 */
const ASKS_ELSEWHERE = new RegExp(
  String.raw`\b(?:bitte|konnten sie|konnen sie|wurden sie|wusste (?:ich )?gerne?|hatte (?:ich )?gerne?|mochte (?:ich )?(?:gerne? )?wissen|ob|` +
    String.raw`veuillez|merci de|pourriez|pouvez-vous|j'aimerais|je voudrais|je souhaite|savoir si|` +
    String.raw`por favor|podria|puede usted|quisiera|me gustaria|necesito|saber si|` +
    String.raw`kunt u|zou u|kun je|graag|alstublieft|gelieve|ik wil|ik zou|weten of)\b`,
  'i',
);
const WHOM_TO_TURN_TO = /@|\d[\d ()/-]{5,}\d|\b(?:kollegen?|kollegin|vertretung|collegue|colega|companer[oa]|collega)\b/i;

/**
 * How a notice tells where to turn when it is urgent, in a question that asks the reader nothing:
 * "Need something urgent?", "Urgent request?". One that asks for something ("Can you urgently
 * send the fees?") is a person's.
 */
const WHERE_TO_TURN = new RegExp(
  String.raw`^(?:(?:need|have|got)(?: (?:an?|any|some|something|anything|help|assistance|it))? )?(?:urgent|immediate|emergency)` +
    String.raw`(?: (?:help|assistance|matters?|requests?|issues?|questions?|enquir(?:y|ies)|inquir(?:y|ies)))?\s*\?$|` +
    String.raw`^need (?:something|anything|help|assistance|it|an answer) (?:urgent(?:ly)?|immediately|sooner|right away)\s*\?$`,
  'i',
);

/** A sentence of a notice that asks: a question, or a request requestKind reads, but for where to turn when it is urgent. */
function asks(sentence: string): boolean {
  if (WHERE_TO_TURN.test(sentence.trim())) return false;
  if (ASKS_ELSEWHERE.test(sentence) && !WHOM_TO_TURN_TO.test(sentence)) return true;
  return QUESTION_MARK.test(sentence) || requestKind(sentence) !== undefined;
}

/** How much of the new text an out-of-office notice fills at most: they are short. */
const NOTICE_LENGTH = 1200;

/** Text that may ask where to turn when it is urgent (WHERE_TO_TURN): its question mark may be a notice's. */
const URGENT = /urgent|immediate|emergency/i;

/**
 * The new text of a message that may be a notice, folded (Outlook and phones type ’ for the
 * apostrophe of "I'm away"), with whitespace collapsed; undefined when it is too long for one or
 * asks with a question mark (most mail: it is then spared the folding).
 */
function noticeText(message: InboundMessage): string | undefined {
  // Measured before collapsing whitespace: a hostile 5 MB body is refused at once.
  const written = (message.newText || message.text).trim();
  if (written.length > 2 * NOTICE_LENGTH || (QUESTION_MARK.test(written) && !URGENT.test(written))) return undefined;
  const own = foldText(written.replace(/\s+/g, ' '));
  return own.length > NOTICE_LENGTH ? undefined : own;
}

export function outOfOfficeText(message: InboundMessage): string | undefined {
  const own = noticeText(message);
  if (own === undefined) return undefined;
  const away = AWAY.exec(own) ?? AWAY_ELSEWHERE.exec(own);
  if (!away || !(RETURN_OR_INSTEAD.test(own) || RETURN_OR_INSTEAD_ELSEWHERE.test(own))) return undefined;
  return splitSentences(own).some(asks) ? undefined : `"${oneLine(away[0], 80)}"`;
}

/**
 * What ticket systems (Zendesk, Freshdesk, Jira Service Management, HubSpot, a shop's own) send
 * when a message opens a ticket, with no header marker: a text that calls itself automatic, or
 * that says the request was received and promises a response, beside what only a ticket system
 * adds (its number, "a ticket has been created", the line to reply above). Receipt alone is no
 * mark: an agent may write "We've received your request and will be in touch soon.", a writer
 * "we have received your request #4521 and fixed it on our side". Answered, the acknowledgement
 * opens a ticket again, whose system acknowledges our answer: a loop.
 */
const SELF_DECLARED = new RegExp(
  String.raw`\bthis is an? (?:automated|automatic|auto-?generated|computer-generated) (?:response|reply|message|notification|e-?mail|acknowledge?ment|confirmation)\b|` +
    String.raw`\bthis (?:e-?mail|message) (?:was|has been|is) (?:sent|generated) automatically\b`,
  'i',
);
const RECEIVED = new RegExp(
  String.raw`\b(?:we(?: have|'ve)? received your (?:request|ticket|message|e-?mail|enquiry|inquiry|query)|` +
    String.raw`your (?:request|ticket|message|e-?mail|enquiry|inquiry|query)(?: \(#?\d+\))? has been received|` +
    String.raw`acknowledge (?:that we have received|receipt of|the receipt of) your)\b`,
  'i',
);
/** What an acknowledgement promises; a person writing back about a request they received ("fixed it on our side") need not. */
const PROMISE = new RegExp(
  String.raw`\b(?:will (?:be )?(?:in touch|get back|respond|reply|review\w*|contact you|send you|look into|answer)|` +
    String.raw`(?:is|are) being (?:reviewed|processed|handled|looked at)|within \d+ (?:business |working )?(?:hours?|days?)|as soon as (?:possible|we can))\b`,
  'i',
);
const TICKET_SIGN = new RegExp(
  String.raw`#\s?\d{3,}|\(#?\d{3,}\)|\b(?:ticket|request|case)(?: (?:number|id|no\.?|reference))?(?: is)?:? #?\d{3,}\b|` +
    String.raw`\bticket has been (?:created|opened|logged)\b|\breply above this line\b`,
  'i',
);

/**
 * A ticket's update carries what an agent wrote, under the same self-declared automatic lines
 * ("This is an automated message. Your request (#4521) has been updated."): a person's words,
 * even when they ask nothing, so a person reads them.
 */
const UPDATED_BY_PERSON = new RegExp(
  String.raw`\b(?:has been updated|(?:new|a) (?:comment|reply|response) (?:has been |was )?(?:added|posted)|` +
    String.raw`(?:replied|commented|responded) (?:to|on) your (?:request|ticket|case|message)|(?:commented|replied|wrote):)`,
  'i',
);

export function acknowledgementText(message: InboundMessage): string | undefined {
  const own = noticeText(message);
  if (own === undefined || UPDATED_BY_PERSON.test(own)) return undefined;
  const declared = SELF_DECLARED.exec(own);
  const received = declared ? undefined : RECEIVED.exec(own);
  const found = declared ?? (received && TICKET_SIGN.test(own) && PROMISE.test(own) ? received : undefined);
  if (!found) return undefined;
  return splitSentences(own).some(asks) ? undefined : `"${oneLine(found[0], 80)}"`;
}
