/**
 * Signatures: email-reply-parser's rules (`-- `, "Sent from my iPhone", "Regards,", ...)
 * first, then our own for what it measurably leaves behind on real mail: legal footers,
 * and sign-offs it does not know ("Thanks,", "Mit freundlichen Grüßen") with the name,
 * title and phone lines below them.
 */
import { escapePattern } from '../escape-pattern';
import { type Fragment, joinFragments, replyFragments } from './reply-fragments';
import { isSeparatorLine, SHORT_LINE } from './quote-rules';

/** The formulas of legal footers, in the languages of the fixtures; a footer uses several. */
const LEGAL_TERMS = [
  /confidential|vertraulich|riservat|confidentiel|confidencial|vertrouwelijk|fortrolig|konfidentiell/i,
  /privileged|rechtlich geschützt|privilegiat|privilégié/i,
  /intended (?:solely |only )?(?:for|recipient)|addressee|sole use|destinatari|destinataire|empfänger|geadresseerde/i,
  /in error|by mistake|irrtümlich|per errore|par erreur|por error|abusivement/i,
  /notify the sender|contact the sender|reply (?:e-?mail|to the sender)|absender|mittente|expéditeur|remitente|afzender/i,
  /delete|destroy|löschen|vernichten|cancellare|distrugg|supprimer|détruire|eliminar|verwijder/i,
  /prohibited|unauthori[sz]ed|not permitted|untersagt|nicht gestattet|vietat|interdit|prohibid|niet toegestaan/i,
  /disclos|distribut|dissemina|copying|weitergabe|kopieren|divulga|diffusion/i,
];
/** A heading that announces a footer: two formulas are enough after it. */
const NOTICE_START =
  /^\s*(?:[*_]+\s*)?(?:confidentiality(?: notice| note)?|disclaimer|legal notice|privileged(?: and confidential)?|important notice|haftungsausschluss|avertissement|aviso legal|aviso de confidencialidad)\b/i;
/** Prose that may open a footer, or a writer's own sentence: three formulas are needed after it. */
const PROSE_START =
  /^\s*(?:(?:this|the|any) (?:e-?mail|message|communication|transmission|information)|the information (?:contained )?in this|le informazioni contenute|diese (?:e-?mail|nachricht)|ce (?:message|courriel)|este (?:mensaje|correo)|dit (?:e-?mail)?bericht|denne (?:e-?mail|meddelelse)|detta (?:e-?post)?meddelande)/i;

const legalTerms = (paragraph: string) => LEGAL_TERMS.filter((term) => term.test(paragraph)).length;

function opensFooter(paragraph: string): boolean {
  const head = paragraph.slice(0, SHORT_LINE);
  const body = paragraph.slice(0, 2_000);
  return (NOTICE_START.test(head) && legalTerms(body) >= 2) || (PROSE_START.test(head) && legalTerms(body) >= 3);
}

/** Text that opens as a legal notice does: all of it is the notice, nothing a writer asks. */
export function isLegalNotice(text: string): boolean {
  return opensFooter(text.split('\n\n', 1)[0]);
}

/**
 * A legal footer ("This email and any attachments are confidential..."): from the first
 * paragraph that opens like one and uses several of the formulas, to the end. Never the
 * first paragraph: a message that is all disclaimer keeps it.
 */
export function stripLegalFooter(text: string): string {
  const paragraphs = text.split(/\n\n/);
  const at = paragraphs.findIndex((paragraph, index) => index > 0 && opensFooter(paragraph));
  return at < 0 ? text : paragraphs.slice(0, at).join('\n\n');
}

const SIGN_OFF_WORDS = [
  'thanks',
  'thank you',
  'thx',
  'many thanks',
  'thanks again',
  'thanks so much',
  'thanks a lot',
  'thank you so much',
  'thank you very much',
  'thanks in advance',
  'thank you in advance',
  'thanks and regards',
  'thanks & regards',
  'regards',
  'best',
  'best regards',
  'kind regards',
  'warm regards',
  'warmest regards',
  'with regards',
  'with best regards',
  'best wishes',
  'all the best',
  'cheers',
  'sincerely',
  'yours sincerely',
  'yours truly',
  'yours',
  'greetings',
  'mit freundlichen grüßen',
  'mit freundlichen grüssen',
  'freundliche grüße',
  'viele grüße',
  'beste grüße',
  'liebe grüße',
  'gruß',
  'grüße',
  'met vriendelijke groet',
  'met vriendelijke groeten',
  'vriendelijke groet',
  'groeten',
  'cordialement',
  'bien cordialement',
  'bien à vous',
  'salutations',
  'merci',
  'saludos',
  'saludos cordiales',
  'un saludo',
  'atentamente',
  'gracias',
  'cordiali saluti',
  'distinti saluti',
  'saluti',
  'grazie',
  'atenciosamente',
  'abraços',
  'obrigado',
  'obrigada',
  'med vänliga hälsningar',
  'vänliga hälsningar',
  'hälsningar',
  'mvh',
  'med venlig hilsen',
  'venlig hilsen',
  'hilsen',
  'ystävällisin terveisin',
  'pozdrawiam',
  'z poważaniem',
  's pozdravem',
  'с уважением',
];
const SIGN_OFF_WORD = `(?:${[...SIGN_OFF_WORDS]
  .sort((a, b) => b.length - a.length)
  .map(escapePattern)
  .join('|')})`;
/** "Thanks,", "Best regards / Mit freundlichen Grüßen", "Thank you for your help." */
const SIGN_OFF = new RegExp(
  `^\\s*${SIGN_OFF_WORD}(?:\\s*[/&|]\\s*${SIGN_OFF_WORD})?(?: (?:for (?:your|the|all) (?:help|time|support|answers?|consideration|reply)|and have a (?:nice|good|great) (?:day|week|weekend)))?\\s*[,.!:;-]*\\s*!*$`,
  'iu',
);

/** A signature block holds names, titles, addresses, phone numbers: a few short lines. */
const SIGNATURE_LINES = 10;
const SIGNATURE_LINE = 120;
/**
 * A tagline that asks but not us: a company's, which answers itself with where to go ("Need help?
 * Visit support.acme.example", "Questions? Call +1 555 0100": a web or mail address or a phone
 * number after the question mark, which a question to us never ends on), or a motto, a line
 * wholly in quotation marks with at most who said it after.
 */
const CONTACT_TAGLINE = /\?\s+\S.*(?:\b[\w-]+(?:\.[\w-]+)*\.[a-z]{2,}\b|\+?\d[\d ().-]{6,}\d)/i;
const MOTTO = /^\s*["\u201c][^"\u201c\u201d]+["\u201d]\s*(?:[-\u2013\u2014~]\s*[^?]*)?$/;
/** Lines that are clearly a signature block: a few short ones that ask nothing (blank lines aside). */
function isSignatureBlock(lines: readonly string[]): boolean {
  const block = lines.filter((line) => line.trim() !== '');
  return (
    block.length <= SIGNATURE_LINES &&
    block.every((line) => line.length <= SIGNATURE_LINE && (!line.includes('?') || CONTACT_TAGLINE.test(line) || MOTTO.test(line)))
  );
}

/**
 * A P.S. after the signature is meant to be read, and so is an afterthought written there the same way:
 * "P.P.S.", "Btw -", "Oh, and one more thing:", "Forgot to ask:", "Edit:", "Also:" on a line of their own
 * under the name, title and phone lines (postscript probe round: such a question was cut off as signature,
 * neither answered nor handed over).
 */
const POSTSCRIPT =
  /^\s*(?:P\.?\s?(?:P\.?\s?)?S\.?\b|(?:btw|by the way)\b|oh,?\s+and\b|one more thing\b|forgot to (?:ask|mention)\b|(?:edit|also)\s*[:-])/i;

/**
 * email-reply-parser takes everything from "Best regards," down as signature, a P.S. below the name
 * included. The P.S. and what follows it are text again; the lines between stay signature.
 */
function keepPostscripts(fragments: readonly Fragment[]): Fragment[] {
  return fragments.flatMap((fragment) => {
    if (fragment.kind !== 'signature') return [fragment];
    const lines = fragment.text.split('\n');
    const at = lines.findIndex((line, index) => index > 0 && POSTSCRIPT.test(line));
    if (at < 0) return [fragment];
    return [
      { kind: 'signature', text: lines.slice(0, at).join('\n') },
      { kind: 'text', text: lines.slice(at).join('\n') },
    ];
  });
}

/**
 * A sign-off and the signature block below it, when that block is clearly one: at most
 * SIGNATURE_LINES short lines that ask nothing, up to the end or to a P.S. Never all of
 * the text.
 */
export function stripSignOff(text: string): string {
  const lines = text.split('\n');
  for (let at = Math.max(0, lines.length - SIGNATURE_LINES - 1); at < lines.length; at += 1) {
    if (lines[at].length > SHORT_LINE || !SIGN_OFF.test(lines[at])) continue;
    const postscript = lines.findIndex((line, index) => index > at && POSTSCRIPT.test(line));
    const end = postscript < 0 ? lines.length : postscript;
    const signature = isSignatureBlock(lines.slice(at + 1, end));
    const rest = [...lines.slice(0, at), ...lines.slice(end)].join('\n').trimEnd();
    // A message that is nothing but "Thank you." said just that.
    if (signature) return rest.trim() === '' ? text : rest;
  }
  return text;
}

/**
 * The ways a sender signs: the full display name and each of its words ("张伟 Wei Zhang"
 * signs "Wei"), as in "Anjali", "- Anjali", "Anjali Verma | NimbusDesk".
 */
function namesOf(sender: string): string[] {
  const full = sender
    .replace(/["'()]/g, '')
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase();
  return [full, ...full.split(' ')].filter((name) => name.length >= 2);
}

function writesName(line: string, names: readonly string[]): boolean {
  const bare = line
    .trim()
    .replace(/^[-–—~\s]+/, '')
    .replace(/[\s,.!]+$/, '')
    .toLowerCase();
  return names.some((name) => bare === name || (bare.startsWith(name) && /^[\s,|–—-]/.test(bare.slice(name.length)) && name.includes(' ')));
}

/**
 * A sign-off, then a name, on one line ("Thanks, Eva", "Best - Raj"): split at the sign-off's
 * punctuation so that the sign-off pattern, costly to compile, is the one already built.
 */
const SIGN_OFF_AND_NAME = /^([^,.!:;-]*[,.!:;-]+)\s+(\S.*)$/;

/**
 * The sender's name opens the signature: alone on a line after a blank one (a name alone
 * inside a paragraph may be a word of it), or after a sign-off on the same line ("Thanks, Eva").
 */
function signsWithName(lines: readonly string[], at: number, names: readonly string[]): boolean {
  if (lines[at].length > SHORT_LINE) return false;
  if (lines[at - 1].trim() === '' && writesName(lines[at], names)) return true;
  const signed = SIGN_OFF_AND_NAME.exec(lines[at]);
  return signed !== null && SIGN_OFF.test(signed[1]) && writesName(signed[2], names);
}

/**
 * A signature without a sign-off line of its own: a paragraph that starts with the sender's
 * name ("Tom", "Anjali Verma", "Thanks, Eva") near the end, with only a clear signature block
 * after it (as for stripSignOff). Never all of the text.
 */
export function stripSenderName(text: string, sender: string): string {
  const names = namesOf(sender);
  if (names.length === 0) return text;
  const lines = text.split('\n');
  for (let at = Math.max(1, lines.length - SIGNATURE_LINES - 1); at < lines.length; at += 1) {
    if (!signsWithName(lines, at, names)) continue;
    if (isSignatureBlock(lines.slice(at + 1))) return lines.slice(0, at).join('\n').trimEnd();
  }
  return text;
}

/**
 * Text that is a signature and nothing else: a "-- " line or the sender's name, then a clear
 * signature block. What Outlook writes beside a body it carries elsewhere (winmail.dat, a
 * message forwarded as an attachment); the stripping above never takes all of the text.
 */
export function isSignatureOnly(text: string, sender: string): boolean {
  const [first, ...rest] = text.trim().split('\n');
  const opens = first.trim() === '--' || (first.length <= SHORT_LINE && writesName(first, namesOf(sender)));
  return opens && isSignatureBlock(rest);
}

/** Rules and "-----Original Message-----" left dangling at the end once history is gone. */
function stripTrailingSeparators(text: string): string {
  const lines = text.trimEnd().split('\n');
  while (lines.length > 0 && (lines[lines.length - 1].trim() === '' || isSeparatorLine(lines[lines.length - 1]))) lines.pop();
  return lines.join('\n');
}

/** The text without its signature, sign-off and legal footer; `sender` is the From display name. */
export function stripSignature(text: string, sender = ''): string {
  const unsigned = stripLegalFooter(stripTrailingSeparators(joinFragments(keepPostscripts(replyFragments(text)), ['text'])));
  return stripTrailingSeparators(stripSenderName(stripSignOff(unsigned), sender)).trim();
}
