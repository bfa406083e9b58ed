/**
 * Whether a text is English. English prose is a third or more function words ("the",
 * "is", "we", "to"); other languages written in Latin script share few of them, so the
 * share of English function words tells the two apart without a model. Product names,
 * acronyms and signatures barely move it.
 */
import { FUNCTION_WORDS } from './stopwords';
import { rawWordsOf } from './words';

/** A line this long, or one that ends a sentence, is prose; shorter lines are names, titles and addresses. */
const PROSE_LINE_WORDS = 8;
/** Fewer words than this say too little to judge: treat as English. */
const MIN_WORDS = 8;
const MIN_ENGLISH_SHARE = 0.15;

/** The text's prose: a signature alone ("Kenji Watanabe / Senior Engineer / 200 Liberty Plaza") is in no language. */
function proseOf(text: string): string {
  return text
    .split(/\r?\n/)
    .filter((line) => /[.!?:]["')\]]*\s*$/.test(line) || rawWordsOf(line, PROSE_LINE_WORDS).length >= PROSE_LINE_WORDS)
    .join('\n');
}

/** Read as written and lowercased, not stemmed: function words are compared whole, and the whole message is read here. */
export function detectLanguage(text: string): 'en' | 'other' {
  const words = rawWordsOf(proseOf(text))
    .map((raw) => raw.toLowerCase())
    .filter((lower) => !/\d/.test(lower));
  if (words.length < MIN_WORDS) return 'en';
  const english = words.filter((lower) => FUNCTION_WORDS.has(lower)).length;
  return english / words.length >= MIN_ENGLISH_SHARE ? 'en' : 'other';
}
