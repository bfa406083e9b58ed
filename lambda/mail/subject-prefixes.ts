/**
 * The markers mail clients put before a subject when a message is replied to or forwarded, in
 * the languages they localise them into ("Re:", "AW:", "Fwd:", "WG:", "TR:" ...), sometimes
 * with a counter ("Re[2]:", "Re(3):") or a full-width colon. One vocabulary for every reader:
 * composing an answer's subject, reading the subject as a question, telling a forward apart.
 */

import { escapePattern } from '../escape-pattern';

/**
 * Reply markers: Re, AW (German), SV and Svar (Nordic), Antw (Dutch), Odp (Polish), VS (Finnish),
 * YNT (Turkish), R (Italian), RES (Portuguese), Vá (Hungarian), ΑΠ and ΣΧΕΤ (Greek), BLS
 * (Indonesian), השב (Hebrew), رد (Arabic), 答复 and 回复 (simplified Chinese), 回覆 (traditional): the
 * localised markers of Outlook and Thunderbird (`mail.reply_prefixes`). Each is a whole marker
 * before a colon, never the start of a word ("Σχετικά:", "Blsa:").
 */
const REPLY = [
  're',
  'aw',
  'sv',
  'svar',
  'antw',
  'odp',
  'vs',
  'ynt',
  'r',
  'res',
  'vá',
  'απ',
  'σχετ',
  'bls',
  'השב',
  'رد',
  '答复',
  '回复',
  '回覆',
];
/**
 * Forward markers: Fwd/Fw, WG (German), TR (French), RV (Spanish), Enc (Portuguese), Doorst
 * (Dutch), VS/VB/VL (Nordic), PD (Polish), Rif/I (Italian), İLT (Turkish, also typed ILT), TRS
 * (Indonesian), Továbbítás (Hungarian), ΠΡΘ (Greek), העבר (Hebrew), إعادة توجيه (Arabic), 转发 and
 * 转寄 (simplified Chinese), 轉寄 (traditional): Outlook's localised markers (Thunderbird writes
 * "Fwd:" in every language). The `i` flag does not fold İ to I, hence both spellings.
 */
const FORWARD = [
  'fwd',
  'fw',
  'wg',
  'tr',
  'rv',
  'enc',
  'doorst',
  'vs',
  'vb',
  'vl',
  'pd',
  'rif',
  'i',
  'ilt',
  'İlt',
  'trs',
  'továbbítás',
  'πρθ',
  'העבר',
  'إعادة توجيه',
  '转发',
  '转寄',
  '轉寄',
];

// The fullwidth colon (U+FF1A) as the pattern's escape: String.raw keeps it as written, and the
// responder's bundle is ASCII text (lib/ascii-source.ts). The blanks after a counter belong to the
// counter's group: two `\s*` side by side around an absent counter could share each run of blanks
// in as many ways as it is long, and FORWARD_PREFIX, failing on a subject of stacked "Re  :", tried
// every way for every marker (2,000 characters of them would never finish).
const COLON = String.raw`\s*(?:(?:\[\d+\]|\(\d+\))\s*)?[:\uFF1A]`;
const alternatives = (words: readonly string[]) => `(?:${words.join('|')})`;

const REPLY_PREFIXES = new RegExp(String.raw`^(?:\s*${alternatives(REPLY)}${COLON}\s*)+`, 'i');
/** Reply and forward markers, and list or ticket tags ("[acme-dev]"), however many are stacked. */
const ANY_PREFIXES = new RegExp(String.raw`^(?:\s*${alternatives([...REPLY, ...FORWARD])}${COLON}\s*|\s*\[[^\]]*\]\s*)+`, 'i');
/** A forward marker, after any reply markers ("Re: Fwd: ..."). */
const FORWARD_PREFIX = new RegExp(String.raw`^(?:\s*${alternatives(REPLY)}${COLON})*\s*${alternatives(FORWARD)}${COLON}`, 'i');

/** The subject without the reply markers before it (forward markers and tags stay: they are part of the topic). */
export function withoutReplyPrefixes(subject: string): string {
  return subject.replace(REPLY_PREFIXES, '');
}

/** The subject's topic: every reply and forward marker and every list tag before it removed. */
export function withoutSubjectPrefixes(subject: string): string {
  return subject.replace(ANY_PREFIXES, '');
}

/**
 * The subject without the `own` prefixes before it ("[faqmail] Needs a person:", a subject we
 * write), each with the reply and forward markers before it, however often a conversation nested
 * them ("Re: [faqmail] Reply to staff: Re: [faqmail] Needs a person: ..."). What follows the last
 * is the writer's own subject, markers and all, and stays.
 */
export function withoutOwnPrefixes(subject: string, own: readonly string[]): string {
  const escaped = own.map((prefix) => escapePattern(prefix.trim()).replace(/\s+/g, String.raw`\s+`));
  const ours = new RegExp(String.raw`^(?:\s*${alternatives([...REPLY, ...FORWARD])}${COLON})*\s*${alternatives(escaped)}\s*`, 'i');
  let rest = subject;
  for (let found = ours.exec(rest); found?.[0]; found = ours.exec(rest)) rest = rest.slice(found[0].length);
  return rest;
}

/** The subject marks a reply ("Re: ...", "AW: ..."). */
export function isReplySubject(subject: string): boolean {
  return REPLY_PREFIXES.test(subject);
}

/** The subject marks a forwarded message (Outlook marks its forwards only there). */
export function isForwardSubject(subject: string): boolean {
  return FORWARD_PREFIX.test(subject);
}
