import { FUNCTION_WORDS } from './stopwords';
import { wordsOf } from './words';

/**
 * Whether a text is English. English prose is a third or more function words ("the",
 * "is", "we", "to"); other languages written in Latin script share few of them, so the
 * share of English function words tells the two apart without a model. Product names,
 * acronyms and signatures barely move it.
 */

/** Fewer words than this say too little to judge: treat as English. */
const MIN_WORDS = 8;
const MIN_ENGLISH_SHARE = 0.15;

export function detectLanguage(text: string): 'en' | 'other' {
  const words = wordsOf(text).filter((w) => !/\d/.test(w.lower));
  if (words.length < MIN_WORDS) return 'en';
  const english = words.filter((w) => FUNCTION_WORDS.has(w.lower)).length;
  return english / words.length >= MIN_ENGLISH_SHARE ? 'en' : 'other';
}
