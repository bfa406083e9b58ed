/**
 * Our own quote rules, each for a case email-reply-parser measurably misses on the
 * real-mail fixtures (see test/mail-real.test.ts). Regexes here only ever see short lines
 * and are anchored without nested quantifiers, so they stay linear.
 */
import { appendFragment, type Fragment } from './reply-fragments';

/** No header, attribution or separator line is longer; longer lines are never tested. */
export const SHORT_LINE = 300;

const short = (line: string | undefined): line is string => line !== undefined && line.length <= SHORT_LINE;

// Outlook's header block: "From:" then within a few lines "Sent:"/"Date:" and "To:"/"Subject:",
// in the languages Outlook is localised to, bold in HTML-converted text (`*From:*`).
const FIELD = (names: string) => new RegExp(`^\\s*[*_]?(?:${names})[*_]?\\s*:`, 'iu');
const FROM_FIELD = FIELD('From|Von|De|Da|Van|Fra|Från|Od|Lähettäjä|От|Feladó|Kimden|差出人|发件人|寄件者');
const SENT_FIELD = FIELD(
  'Sent|Date|Gesendet|Datum|Envoyé|Enviado|Enviada|Inviato|Data|Verzonden|Skickat|Sendt|Wysłano|Lähetetty|Отправлено|Дата|Elküldve|Tarih|送信日時|发送时间|日期',
);
const TO_FIELD = FIELD(
  'To|Subject|An|Betreff|À|A|Objet|Para|Asunto|Assunto|Oggetto|Aan|Onderwerp|Till|Ämne|Til|Emne|Do|Temat|Кому|Тема|Címzett|Tárgy|Kime|Konu|宛先|件名|收件人|主题',
);

/** Separators mail clients put above the quoted or forwarded message. */
const ORIGINAL_MESSAGE =
  /^\s*-{2,}\s*(?:Original Message|Ursprüngliche Nachricht|Message d'origine|Mensaje original|Messaggio originale|Mensagem original|Oorspronkelijk bericht|Originalmeddelande|Oprindelig meddelelse|Opprinnelig melding|Alkuperäinen viesti|Wiadomość oryginalna|Исходное сообщение|Původní zpráva)\s*-{2,}\s*$/iu;
const RULE_LINE = /^\s*(?:[-_=*]\s*){10,}$/;

/** A rule (`______`, `------`) or "-----Original Message-----" line. */
export function isSeparatorLine(line: string): boolean {
  return line.length <= SHORT_LINE && (RULE_LINE.test(line) || ORIGINAL_MESSAGE.test(line));
}

/** Outlook's "From: / Sent: / To: / Subject:" block: where its quoted history starts. */
function outlookHeaderBlock(lines: readonly string[], at: number): boolean {
  if (!short(lines[at]) || !FROM_FIELD.test(lines[at])) return false;
  const next = lines.slice(at + 1, at + 6).filter(short);
  return next.some((line) => SENT_FIELD.test(line)) && next.some((line) => TO_FIELD.test(line));
}

/** "-----Original Message-----" and its translations. */
function originalMessageSeparator(lines: readonly string[], at: number): boolean {
  return short(lines[at]) && ORIGINAL_MESSAGE.test(lines[at]);
}

/**
 * The first line of the quoted history that top-posting clients append without quote
 * marks, or -1. A rule line or empty lines just above belong to it.
 */
export function historyStart(lines: readonly string[]): number {
  for (let at = 0; at < lines.length; at += 1) {
    if (lines[at].startsWith('>')) return -1;
    if (originalMessageSeparator(lines, at)) return at;
    if (outlookHeaderBlock(lines, at)) {
      let start = at;
      while (start > 0 && lines[start - 1].trim() === '') start -= 1;
      return start > 0 && short(lines[start - 1]) && RULE_LINE.test(lines[start - 1]) ? start - 1 : at;
    }
  }
  return -1;
}

// A date or time, or an address: what an attribution's first line names.
const ATTRIBUTION_HINT = /\d|@/;
/** The tail of "<bob@example.com\n>:" when a client wrapped the address, read as a quote line. */
const WRAPPED_ADDRESS_END = /^>:/;

/**
 * An attribution email-reply-parser does not know (other languages, or broken over lines
 * as in `02.04.2012 14:20 пользователь "bob" <\nbob@example.com> написал:`): the last one
 * to three lines of a text fragment right above a quoted fragment, the first naming a date
 * or an address, the last ending in a colon. They move into the quote.
 */
export function attributionAboveQuote(fragments: readonly Fragment[]): Fragment[] {
  const result = fragments.map((fragment) => ({ ...fragment }));
  result.forEach((fragment, index) => {
    const next = result[index + 1];
    if (fragment.kind !== 'text' || next?.kind !== 'quoted') return;
    const lines = fragment.text.trimEnd().split('\n');
    const paragraphStart = lines.lastIndexOf('') + 1;
    const endsLikeAttribution = lines[lines.length - 1].endsWith(':') || WRAPPED_ADDRESS_END.test(next.text);
    if (!endsLikeAttribution) return;
    for (let size = Math.min(3, lines.length - paragraphStart); size >= 1; size -= 1) {
      const block = lines.slice(lines.length - size);
      if (block.join('\n').length > SHORT_LINE || !ATTRIBUTION_HINT.test(block[0])) continue;
      fragment.text = lines.slice(0, lines.length - size).join('\n');
      next.text = `${block.join('\n')}\n${next.text}`;
      return;
    }
  });
  return result;
}

const lastLine = (text: string) => text.slice(text.lastIndexOf('\n') + 1);

/**
 * A quoted line that the quoting client wrapped, so that its tail lost the quote mark
 * (`> ... Nullam pharetra d` / `ignissim odio?` / `>`): one line starting in lower case
 * between two quoted fragments, the one above ending in a long line. It is quoted.
 */
export function brokenQuoteWraps(fragments: readonly Fragment[]): Fragment[] {
  const result: Fragment[] = [];
  fragments.forEach((fragment, index) => {
    const before = result[result.length - 1];
    const wrapped =
      fragment.kind === 'text' &&
      before?.kind === 'quoted' &&
      fragments[index + 1]?.kind === 'quoted' &&
      !fragment.text.trim().includes('\n') &&
      /^\p{Ll}/u.test(fragment.text.trim()) &&
      lastLine(before.text).length >= 60;
    appendFragment(result, wrapped ? 'quoted' : fragment.kind, fragment.text);
  });
  return result;
}

/** A line of a quote that is itself history: a deeper quote mark, an attribution, a header field. */
const HISTORY_LINE = /^\s*>\s*>|\bwrote\s*:\s*$/iu;
/** What a pasted quote holds at most: someone's question or short message, not a thread. */
const PASTED_QUOTE_LINES = 20;
/** The writer's line that presents what follows: ending in a colon, or pointing "below". */
const PRESENTS_QUOTE = /:\s*$|\bbelow\b/iu;

/**
 * A quote the writer pasted into their own mail ("Please see the question below from our
 * finance lead:" / `> Is there a fee ...?`, "Our customer asks:" / `> ...`): a short
 * one-level quote right under a line of the writer's that presents it, holding no
 * attribution, header block or deeper quote of its own. It is what the writer asks now, so
 * it becomes text, its quote marks removed. History keeps its attribution above the quote
 * (moved into it by `attributionAboveQuote`), so it never follows a presenting line; and a
 * quote of our own answer (`isOurs`) stays quoted, for follow-ups are told by it.
 */
export function pastedQuotes(fragments: readonly Fragment[], isOurs: (text: string) => boolean): Fragment[] {
  const result: Fragment[] = [];
  fragments.forEach((fragment, index) => {
    const before = fragments[index - 1];
    const lines = fragment.text.split('\n');
    const presenting = before?.kind === 'text' ? lastLine(before.text.trimEnd()) : '';
    const pasted =
      fragment.kind === 'quoted' &&
      short(presenting) &&
      PRESENTS_QUOTE.test(presenting) &&
      lines.filter((line) => line.trim() !== '').length <= PASTED_QUOTE_LINES &&
      lines.every((line) => short(line) && !HISTORY_LINE.test(line) && !FROM_FIELD.test(line.replace(/^\s*>/, ''))) &&
      !isOurs(fragment.text);
    if (pasted) appendFragment(result, 'text', lines.map((line) => line.replace(/^\s*> ?/, '')).join('\n'));
    else appendFragment(result, fragment.kind, fragment.text);
  });
  return result;
}
