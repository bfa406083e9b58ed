/**
 * Subjects that mail software writes: auto-replies and read receipts in the languages
 * Outlook, Exchange, Lotus Notes and webmail localise them into, delivery failures in the
 * wordings of the common MTAs (sisimai's lhost subjects, osTicket's isBounce), and
 * abuse/DMARC report subjects. The patterns are anchored to where software puts them —
 * a prefix ending in a colon, the whole subject, or a bracketed tag — so that a person
 * asking *about* automatic replies is not taken for one.
 */
import { isForwardSubject } from '../mail/subject-prefixes';
import { oneLine } from '../one-line';
import { fold } from './fields';

/** "Automatic reply" and "out of office" as clients word them (accents folded). */
const AUTO_REPLY_PHRASES = [
  'automatic reply',
  'automatic response',
  'auto[- ]?reply',
  'auto[- ]?response',
  'auto[- ]?respond(?:er)?',
  'out of (?:the )?office(?: auto[- ]?reply| reply)?',
  'out-of-office',
  'automatische antwort',
  'abwesenheitsnotiz',
  'reponse automatique',
  'absence du bureau',
  'risposta automatica',
  'respuesta automatica',
  'fuera de la oficina',
  'resposta automatica',
  'automatisch antwoord',
  'automatiskt? svar',
  'autosvar',
  'automaattinen vastaus',
  'automatyczna odpowiedz',
  'automaticka odpoved',
  'automatikus valasz',
  'raspuns automat',
  'automatiska atbilde',
  'automatinis atsakymas',
  'otomatik yan[iı]t',
  'автоматическии ответ',
  'автоответ',
  'αυτοματη απαντηση',
  '自動応答',
  '自動返信',
  '自动回复',
  '自動回覆',
];

/** Read receipts (Outlook's "Read:", localised), and other receipt subjects. */
const RECEIPT_PREFIXES = [
  'read',
  'not read',
  'gelesen',
  'nicht gelesen',
  'lu',
  'non lu',
  'letto',
  'leido',
  'lido',
  'gelezen',
  'luettu',
  'прочитано',
];
const RECEIPT_SUBJECTS = ['read receipt', 'return receipt', 'read notification', 'lesebestatigung'];

/** Delivery failure and delay notices, from the start of the subject. */
const BOUNCE_PREFIXES = [
  'undeliverable(?:\\s*:| mail\\b| message\\b)',
  'undelivered mail',
  'delivery status notification',
  'delivery status(?: report)?$',
  'delivery notification:',
  'delivery (?:status )?fail(?:ure|ed)',
  '(?:message )?delivery has failed',
  '(?:e-?mail |mail )?delivery (?:failure|failed)',
  'mail delivery failed',
  'mail could not be delivered',
  'mail failure\\s*(?:[-:]|$)',
  'mail system error\\b',
  'returned mail\\s*(?::|$)',
  'failure notice\\s*(?::|$)',
  'failure delivery',
  'failed delivery',
  'non[- ]?delivery(?:\\s*:| report| notification)',
  'notice: mail delivery status',
  'postmaster notify',
  'delayed mail\\s*(?:[(:]|$)',
  'warning: could not send message',
  'warning: message .* delayed',
  'message status - undeliverable',
  'there was an error sending your mail',
  '(?:e-?mail )?bounce notification',
  'non remis',
  'non recapitabile',
  'unzustellbar',
  'nicht zustellbar',
  'olevererbart',
  'onbestelbaar',
  'no se puede entregar',
  'nao e possivel entregar',
  'ikke leveret',
  'kan ikke leveres',
  'nie mozna dostarczyc',
  'nedorucitelne',
  'kezbesithetetlen',
  'недоставленное сообщение',
  'ваше сообщение не доставлено',
  'не доставлено',
];

/** Abuse feedback-loop and DMARC report subjects (RFC 5965, RFC 7489 §7.2.1.1). */
const REPORT_SUBJECTS = [
  /^email feedback report for ip\b/,
  /^complaint about message from\b/,
  /\(feedback loop\)/,
  /^dmarc (?:forensic|failure) report\b/,
  /^report domain: .+ submitter: /,
];

const words = (alternatives: string[]) => alternatives.join('|');
// Word edges that hold for every script (\b does not know Cyrillic or CJK letters).
const START = String.raw`(?<![\p{L}\p{N}])`;
const END = String.raw`(?![\p{L}\p{N}])`;
/** An optional list or system tag before the text: "[languse] ", "[Postmaster] ". */
const TAG = String.raw`^\s*(?:\[[^\]]*\]\s*)?`;

const AUTO_REPLY = [
  // A marker ending in a colon, at the start or further in: "Automatic reply: …",
  // "Out of Office AutoReply: …", "Ārpus biroja atrašanās automātiskā atbilde: …".
  new RegExp(`${START}(?:${words(AUTO_REPLY_PHRASES)})\\s*:`, 'u'),
  // The whole subject: "Out of Office reply", "Automatic Response".
  new RegExp(`${TAG}(?:${words(AUTO_REPLY_PHRASES)})\\s*[.!]?\\s*$`, 'u'),
  // A bracketed tag anywhere: "Re: your mail (Automatic Response)", "[Automatyczna odpowiedź] …".
  new RegExp(`[[(]\\s*(?:${words(AUTO_REPLY_PHRASES)})\\s*[\\])]`, 'u'),
  // Out-of-office notices that go on in free text: "Out of office until 10 June".
  /^\s*out of (?:the )?office\b/,
  // Lotus Notes: "AUTO: Jane Doe is out of the office".
  /^\s*auto\s*:/,
  new RegExp(`^\\s*(?:${words(RECEIPT_PREFIXES)})\\s*:`, 'u'),
  new RegExp(`${TAG}(?:${words(RECEIPT_SUBJECTS)})${END}`, 'u'),
];

const BOUNCE = [new RegExp(`${TAG}(?:${words(BOUNCE_PREFIXES)})`, 'u'), ...REPORT_SUBJECTS];

/**
 * The marker that makes the subject automatic, as matched (folded, quoted), never the whole
 * subject: the rest is often the writer's own ("Automatic reply: <their subject>"), and what a
 * rule found goes to the logs and the decision record, which keep no writer's text.
 */
function firstMatch(subject: string, patterns: RegExp[]): string | undefined {
  // The phrases are written with single spaces; software pads and re-encodes them ("Automatic  reply:").
  const folded = fold(subject).replace(/\s+/g, ' ');
  for (const pattern of patterns) {
    const marker = pattern.exec(folded)?.[0].trim();
    if (marker) return `"${oneLine(marker, 80)}"`;
  }
  return undefined;
}

/**
 * What marks the subject of an auto-reply, out-of-office notice or read receipt. Not under a
 * forward marker ("Fwd: Automatic reply: …"): auto-responders put theirs first, so a person
 * passes on the auto-reply they got, often asking whom else to write to.
 */
export function autoReplySubject(subject: string): string | undefined {
  return isForwardSubject(subject) ? undefined : firstMatch(subject, AUTO_REPLY);
}

/** What marks the subject of a delivery failure, delay notice or abuse/DMARC report. */
export function bounceSubject(subject: string): string | undefined {
  return firstMatch(subject, BOUNCE);
}
