/**
 * Whether a text is English. English prose is a third or more function words ("the",
 * "is", "we", "to"); other languages written in Latin script share few of them, so the
 * share of English function words tells the two apart without a model. Product names,
 * acronyms and signatures barely move it.
 */
import { FUNCTION_WORDS } from './stopwords';
import { MIN_ENGLISH_SHARE, MIN_WORDS, PROSE_LINE_WORDS } from './weights';
import { rawWordsOf } from './words';

/** Numbers and codes ("v2", "2024") are in no language. */
const HAS_DIGIT = /\d/;
/**
 * Nor are acronyms ("SAML", "SCIM", "OIN"): a terse English question is mostly those. A word in
 * capitals that is a function word ("WE", "IS") is still read, so shouted English stays English.
 */
const ACRONYM = /^\p{Lu}{2,5}$/u;
/**
 * English note form: busy writers drop the function words English is told by ("cust. admin setup for SSO -> sample
 * config doc?") and write English shorthand instead. "w/", "w/o" and "b/c" are read as the words they stand for, and
 * the abbreviations below count as English words: none is a word of another language written in Latin script. Loan
 * shorthand other languages' mail uses as well ("FYI", "asap", "info", "config") is left out.
 */
const NOTE_FORM_JOINS: ReadonlyArray<[RegExp, string]> = [
  [/(?<![\p{L}\d/])w\/o(?![\p{L}\d/])/giu, ' without '],
  [/(?<![\p{L}\d/])w\/(?![\p{L}\d/])/giu, ' with '],
  [/(?<![\p{L}\d/])b\/c(?![\p{L}\d/])/giu, ' because '],
];
const NOTE_FORM_WORDS: ReadonlySet<string> = new Set(
  'pls plz thx tia tbd approx reqd cust custs attr attrs freq ctx acct accts wk wks compat impl'.split(' '),
);
/** A line that ends a sentence (or introduces what follows). */
const ENDS_SENTENCE = /[.!?:]["')\]]*\s*$/;

/** The text's prose: a signature alone ("Kenji Watanabe / Senior Engineer / 200 Liberty Plaza") is in no language. */
function proseOf(text: string): string {
  return text
    .split(/\r?\n/)
    .filter((line) => ENDS_SENTENCE.test(line) || rawWordsOf(line, PROSE_LINE_WORDS).length >= PROSE_LINE_WORDS)
    .join('\n');
}

/** Read as written and lowercased, not stemmed: function words are compared whole, and the whole message is read here. */
export function detectLanguage(text: string): 'en' | 'other' {
  // Counted in one pass: the whole message is read here.
  let words = 0;
  let english = 0;
  const prose = NOTE_FORM_JOINS.reduce((read, [shorthand, spelt]) => read.replace(shorthand, spelt), proseOf(text));
  for (const raw of rawWordsOf(prose)) {
    if (HAS_DIGIT.test(raw)) continue;
    const lower = raw.toLowerCase();
    const isFunctionWord = FUNCTION_WORDS.has(lower) || NOTE_FORM_WORDS.has(lower);
    if (!isFunctionWord && ACRONYM.test(raw)) continue;
    words += 1;
    if (isFunctionWord) english += 1;
  }
  if (words < MIN_WORDS) return 'en';
  return english / words >= MIN_ENGLISH_SHARE ? 'en' : 'other';
}

const LETTER = /\p{L}/gu;
const LATIN_LETTER = /\p{Script=Latin}/gu;

/**
 * Whether a short text (a question, a subject) is written in the Latin script: at least half
 * of its letters are Latin, so product names in another script's sentence do not make it so
 * ("OINへのSCIM連携について（質問）" has 7 Latin letters of 17). The FAQ's English words
 * cannot match a phrasing in another script.
 */
export function inLatinScript(text: string): boolean {
  const letters = text.match(LETTER)?.length ?? 0;
  return (text.match(LATIN_LETTER)?.length ?? 0) * 2 >= letters;
}
