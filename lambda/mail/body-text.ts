import { convert, type HtmlToTextOptions } from 'html-to-text';

/**
 * Every later stage (reply stripping, screening, matching) reads at most this much text.
 * A question sent to a developer inbox fits many times over; hostile 20 MB bodies do not
 * reach the regex-based stages at all.
 */
export const TEXT_LIMIT = 100_000;

/** HTML beyond this is cut before conversion: the text it yields is capped anyway. */
export const HTML_LIMIT = 1_000_000;

const HTML_OPTIONS: HtmlToTextOptions = {
  // Wrapping would break sentences (and quote attributions) over lines that the reply
  // stripper then has to put back together.
  wordwrap: false,
  limits: { maxInputLength: HTML_LIMIT, maxDepth: 100, maxChildNodes: 10_000, ellipsis: '' },
  selectors: [
    { selector: 'a', options: { ignoreHref: true } },
    { selector: 'img', format: 'skip' },
    { selector: 'style', format: 'skip' },
    { selector: 'script', format: 'skip' },
    // Outlook writes one <p class=MsoNormal> per line and an empty one between paragraphs,
    // so a paragraph here is a line, not a block with blank lines around it.
    { selector: 'p', options: { leadingLineBreaks: 1, trailingLineBreaks: 1 } },
    { selector: 'blockquote', options: { trimEmptyLines: true } },
    // A table's cells are inline by default and run together ("ItemQuestionAttributesCan we ..."): a question in a
    // cell, as a planning table pasted into mail has them, lost its first word and its end. Each cell is a paragraph.
    ...['td', 'th'].map((selector) => ({ selector, format: 'block', options: { leadingLineBreaks: 2, trailingLineBreaks: 2 } })),
    ...['h1', 'h2', 'h3', 'h4', 'h5', 'h6'].map((selector) => ({ selector, options: { uppercase: false } })),
  ],
};

/**
 * Characters no writer means: NUL and other C0 controls (which our placeholders use), soft hyphens (U+00AD, a word
 * processor's hint where a word may break, shown only at a line end: "ses\u00adsion" is "session"), zero-width marks,
 * private-use marks.
 */
// eslint-disable-next-line no-control-regex -- C0 controls are among the characters stripped
const INVISIBLE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\u00ad\u200b-\u200d\u2060\ufeff\ue000-\ue0ff]/g;

const CLEARSIGNED_BEGIN = /^-----BEGIN PGP SIGNED MESSAGE-----$/gm;
/** The armour headers (RFC 4880 §7: `Hash:`), ended by an empty line. */
const ARMOUR_HEADERS = /(?:[A-Za-z][\w-]*: [^\n]*\n)*\n/y;
const SIGNATURE_BEGIN = '\n-----BEGIN PGP SIGNATURE-----\n';
const SIGNATURE_END = '\n-----END PGP SIGNATURE-----';

/**
 * Text signed inline with PGP (RFC 4880 §7) as the writer wrote it: without the armour above
 * it and the signature below, which are no words of theirs (our reply would quote the
 * signature's first line with their last sentence), and with the dashes the signer escaped
 * ("- -- ") unescaped. A block that no signature closes is left as it is. Linear: each search
 * starts where the last one ended.
 */
function clearsignedText(text: string): string {
  const kept: string[] = [];
  let from = 0;
  CLEARSIGNED_BEGIN.lastIndex = 0;
  for (let begin = CLEARSIGNED_BEGIN.exec(text); begin; begin = CLEARSIGNED_BEGIN.exec(text)) {
    ARMOUR_HEADERS.lastIndex = begin.index + begin[0].length + 1;
    const signed = ARMOUR_HEADERS.exec(text) ? ARMOUR_HEADERS.lastIndex : -1;
    const signature = signed < 0 ? -1 : text.indexOf(SIGNATURE_BEGIN, signed - 1);
    const end = signature < 0 ? -1 : text.indexOf(SIGNATURE_END, signature);
    if (end < 0) break;
    kept.push(text.slice(from, begin.index), text.slice(signed, signature + 1).replace(/^- /gm, ''));
    from = end + SIGNATURE_END.length;
    CLEARSIGNED_BEGIN.lastIndex = from;
  }
  return from === 0 ? text : kept.join('') + text.slice(from);
}

/**
 * The characters Windows-1252 shows for the bytes 0x80-0x9F. 0x81, 0x8D, 0x8F, 0x90 and 0x9D have none: decoders
 * write the C1 control (U+0080-U+009F, read below by code) or U+FFFD, taken here as 0x9D, the last byte of "”"
 * (E2 80 9D), by far the commonest of them in text.
 */
const WINDOWS_1252_HIGH = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\ufffdžŸ';
/** A character that stands for one UTF-8 continuation byte (0x80-0xBF) read as Windows-1252 or Latin-1. */
const CONTINUATION = `[${WINDOWS_1252_HIGH}\u0080-\u00bf]`;
/**
 * UTF-8 read as Windows-1252 ("mojibake"): a client that labelled UTF-8 text as Windows-1252 or Latin-1
 * shows "We’re" as "Weâ€™re" and "é" as "Ã©". Only the lead characters no writer puts before such
 * a character: Â and Ã (U+0080-U+00FF), â (U+2000-U+2FFF: quotes, dashes, bullets, the ellipsis) and
 * ð (emoji); Ä, Å and the rest lead letters that real Latin-1 words hold next to punctuation.
 */
const MOJIBAKE = new RegExp(`[\u00c2\u00c3]${CONTINUATION}|\u00e2${CONTINUATION}{2}|\u00f0${CONTINUATION}{3}`, 'g');

function continuationByte(char: string): number {
  const high = WINDOWS_1252_HIGH.indexOf(char);
  return high >= 0 ? 0x80 + high : char.charCodeAt(0);
}

/** Text with each run of MOJIBAKE that is one whole UTF-8 character read back as that character. */
function withoutMojibake(text: string): string {
  return text.replace(MOJIBAKE, (run) => {
    const bytes = Buffer.from([...run].map((char, at) => (at === 0 ? char.charCodeAt(0) : continuationByte(char))));
    const char = bytes.toString('utf8');
    // One whole character, and not a C1 control ("Â" before one of 0x80-0x9F's stand-ins).
    return [...char].length === 1 && char !== '\ufffd' && !/[\u0080-\u009f]/.test(char) ? char : run;
  });
}

/**
 * Quoted-printable a sending system left undecoded (RFC 2045 §6.7), as when a list or relay re-labels a part 7bit
 * without decoding it: "What=E2=80=99s the proce=" / "ss ...?=20". The tell-tale escapes: a space before a line end
 * ("=20"), an encoded "=" ("=3D"), and a whole UTF-8 character ("=E2=80=99"). Two of them and the text is read as
 * quoted-printable; a URL's "?id=AB" or base64's "==" is none of them.
 */
const QP_TELLTALE = /=20(?=\r?\n|$)|=3D|=[C-F][0-9A-F](?:=[89AB][0-9A-F]){1,3}/g;
const QP_ESCAPES = /(?:=[0-9A-F]{2})+/g;
const QP_SOFT_BREAK = /=\r?\n/g;

/** Text with quoted-printable left in it decoded; other text as it is. An escape run that is no UTF-8 stays. */
function withoutLeftQuotedPrintable(text: string): string {
  if ((text.match(QP_TELLTALE) ?? []).length < 2) return text;
  return text.replace(QP_SOFT_BREAK, '').replace(QP_ESCAPES, (run) => {
    const decoded = Buffer.from(run.replace(/=/g, ''), 'hex').toString('utf8');
    return decoded.includes('\ufffd') ? run : decoded;
  });
}

/**
 * Letters styled by their code point, which mean the plain ones: the mathematical bold, italic and sans-serif letters
 * and digits that "bold text" generators paste into mail and social posts ("𝗪𝗵𝗲𝗿𝗲 𝗱𝗼 𝘄𝗲 𝘀𝗶𝗴𝗻 𝘂𝗽",
 * U+1D400-U+1D7FF, two UTF-16 units each). NFKC maps each to its plain letter or digit; only these are mapped, so other
 * compatibility characters (an ellipsis, "²", "½") stay as written. Fullwidth letters and ligatures are not mapped
 * here: doing so changed how the labelled sets' mail is read (messymonth6).
 */
const STYLED_LETTERS = /\ud835[\udc00-\udfff]/g;

/**
 * A fullwidth question mark, exclamation mark or comma right after a Latin letter or digit, as a Chinese or Japanese
 * IME types them into English ("Is the IdP session time out a setting in Okta？Does Okta support ...", messymonth7
 * p19): they mean the ASCII marks, which the sentence reader splits at; a space follows when the next word touches
 * them. After a CJK character ("加入目录？") they stay as written.
 */
const FULLWIDTH_MARK_AFTER_LATIN = /(?<=[A-Za-z0-9)\]'"])([\uff1f\uff01\uff0c])(\S?)/g;
const ASCII_MARK: Record<string, string> = { '\uff1f': '?', '\uff01': '!', '\uff0c': ',' };

/** The ASCII mark for a fullwidth one, and a space before the word that touched it. */
function asciiMark(_: string, mark: string, next: string): string {
  return next ? `${ASCII_MARK[mark]} ${next}` : ASCII_MARK[mark];
}

/**
 * An RFC 2047 encoded-word ("=?UTF-8?Q?Zo=C3=AB?=") belongs in a header, but a mail merge that copies a header's raw
 * value into the body ("Hi =?UTF-8?Q?Zo=C3=AB?= here", a signature's name) leaves it there, and its escapes then read
 * as quoted-printable left undecoded, which takes its "?=" before a line end for a soft break and joins the lines. Each
 * one is read as its header would be; one in a charset no decoder knows, or not whole, stays as it is.
 */
const ENCODED_WORD = /=\?([A-Za-z0-9._:-]{1,40})(?:\*[A-Za-z-]{1,20})?\?([QqBb])\?([^?\s]{1,200})\?=/g;

function withoutEncodedWords(text: string): string {
  if (!text.includes('=?')) return text;
  return text.replace(ENCODED_WORD, (word, charset: string, encoding: string, encoded: string) => {
    const bytes =
      encoding.toUpperCase() === 'B'
        ? Buffer.from(encoded, 'base64')
        : Buffer.from(
            encoded.replace(/_/g, ' ').replace(/=([0-9A-Fa-f]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))),
            'latin1',
          );
    try {
      return new TextDecoder(charset, { fatal: true }).decode(bytes);
    } catch {
      return word;
    }
  });
}

/**
 * Text as the later stages want it: encoded-words and quoted-printable left undecoded decoded, UTF-8 mojibake read back, styled
 * letters as plain ones, fullwidth question marks after Latin text as ASCII ones, LF line ends, no invisible
 * characters, no trailing blanks, no PGP armour around signed text, at most one empty line in a row, and at most
 * TEXT_LIMIT characters.
 */
export function normalizeText(text: string): string {
  const lines = withoutMojibake(withoutLeftQuotedPrintable(withoutEncodedWords(text.slice(0, TEXT_LIMIT * 2))))
    .replace(STYLED_LETTERS, (char) => char.normalize('NFKC'))
    .replace(FULLWIDTH_MARK_AFTER_LATIN, asciiMark)
    .replace(/\r\n?/g, '\n')
    .replace(INVISIBLE, '')
    // HTML's &nbsp;. Other fixed spaces stay: email-reply-parser's attributions expect them.
    .replace(/\u00a0/g, ' ')
    .split('\n')
    // trimEnd, not a /\s+$/m regex: that one is quadratic on a long run of blanks.
    .map((line) => line.trimEnd());
  return clearsignedText(lines.join('\n'))
    .replace(/\n{3,}/g, '\n\n')
    .slice(0, TEXT_LIMIT)
    .trim();
}

/**
 * Parsing HTML is quadratic in its nesting depth (20,000 nested elements take seconds; htmlparser2
 * shifts its array of open elements for each one), and no mail nests 1,000 deep. The same bound as
 * mailparser's.
 */
const HTML_DEPTH_LIMIT = 1_000;
const VOID_OR_IMPLIED_END = new Set([
  'area',
  'base',
  'br',
  'col',
  'embed',
  'hr',
  'img',
  'input',
  'link',
  'meta',
  'param',
  'source',
  'track',
  'wbr',
  'p',
  'li',
  'dt',
  'dd',
  'option',
  'tr',
  'td',
  'th',
  'tbody',
  'thead',
  'tfoot',
]);

/** Whether elements nest deeper than the limit, counted in one pass over the tags. */
export function nestsTooDeep(html: string): boolean {
  let depth = 0;
  for (const [, closing, name] of html.matchAll(/<(\/?)([a-zA-Z][\w:-]{0,30})[^<>]*>/g)) {
    if (VOID_OR_IMPLIED_END.has(name.toLowerCase())) continue;
    depth = closing ? Math.max(0, depth - 1) : depth + 1;
    if (depth > HTML_DEPTH_LIMIT) return true;
  }
  return false;
}

const TAG = /<[^<>]*>/g;

/** The tags go, the words stay: for HTML too broken or too deep to convert. */
const stripTags = (html: string) => html.replace(TAG, ' ');

const LINK_OPEN = /^<a\b/i;
const LINK_CLOSE = /^<\/a\b/i;

/**
 * HTML too deep to parse reduced to its links and words: every other tag goes, as in stripTags,
 * and each `<a>` first closes any link still open (as HTML parsers do), so that nothing nests.
 */
export const linksOnly = (html: string) =>
  html.replace(TAG, (tag) => (LINK_OPEN.test(tag) ? `</a>${tag}` : LINK_CLOSE.test(tag) ? tag : ' '));

function htmlToText(html: string): string {
  const capped = html.slice(0, HTML_LIMIT);
  if (nestsTooDeep(capped)) return stripTags(capped);
  try {
    return convert(capped, HTML_OPTIONS);
  } catch {
    return stripTags(capped);
  }
}

/** What a client writes into a text part for a picture or attachment the HTML shows: "[image: logo]", "[cid:image001.png@01DB...]". */
const PICTURE_STAND_IN = /\[(?:image|cid)\b[^\]\n]{0,200}\]/gi;
const WORD = /[\p{L}\p{N}]+/gu;
/** The words a reader sees: pictures' stand-ins ("[image: logo]") are not text. */
const wordsIn = (text: string): string[] => text.replace(PICTURE_STAND_IN, ' ').match(WORD) ?? [];
const wordCount = (text: string) => wordsIn(text).length;

/**
 * A text part this short (in words, pictures' stand-ins not counted) may be a stand-in for the
 * HTML beside it rather than the message: "This message is best viewed in HTML.", or nothing but
 * "[image: logo]" lines, as mail-merge tools, ticket systems and some clients write.
 */
const STAND_IN_WORDS = 30;
/** It is one when the HTML says at least twice as many words (and a sentence's worth). */
const STAND_IN_SHARE = 2;
const STAND_IN_HTML_WORDS = 15;

/**
 * The body as text: the text parts, or the HTML converted when there is no text (or only
 * an empty text part beside a real HTML part, as some clients send), or when the text part is
 * a stand-in for the HTML: a few words beside an HTML part that says twice as many or more, or
 * that says more and not what the text part says.
 */
export function bodyText(text: string | undefined, html: string | false | undefined): string {
  const plain = normalizeText(text ?? '');
  if (!html) return plain;
  const plainWords = plain === '' ? 0 : wordCount(plain);
  if (plain !== '' && plainWords >= STAND_IN_WORDS) return plain;
  const converted = normalizeText(htmlToText(html));
  if (plain === '') return converted;
  const htmlWords = wordCount(converted);
  if (htmlWords < STAND_IN_HTML_WORDS) return plain;
  return htmlWords >= STAND_IN_SHARE * plainWords || (htmlWords > plainWords && !saysMostOf(converted, plain)) ? converted : plain;
}

const distinctWords = (text: string) => new Set(wordsIn(text.toLowerCase()));

/**
 * Whether the HTML says at least half the words of the text part: a client's text part is the
 * same message without markup, while a notice written in its place ("This message contains
 * formatted content. Please view it in an HTML-capable mail client.") shares few words with it.
 */
function saysMostOf(html: string, plain: string): boolean {
  const htmlWords = distinctWords(html);
  const plainWords = [...distinctWords(plain)];
  return plainWords.filter((word) => htmlWords.has(word)).length * 2 >= plainWords.length;
}
