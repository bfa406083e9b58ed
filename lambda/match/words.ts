import stem from 'wink-porter2-stemmer';
import { MAX_WORD_LENGTH } from './limits';
import { remembered } from './remembered';
import { isStopWord } from './stopwords';

/** One word of a text, as written and as compared. */
export interface Word {
  /** The word as written (case kept): typo correction skips capitalised names. */
  raw: string;
  /** Lowercased, accents folded, apostrophes dropped. */
  lower: string;
  /** Porter2 stem of `lower`. */
  stem: string;
  /** `lower` is a stop word (isStopWord): worked out once per word read, not at every reading of it. */
  stop: boolean;
  /** Read as the FAQ word it is a typo of. */
  corrected?: boolean;
}

const stems = new Map<string, string>();

/**
 * Words Porter2 cuts down to an unrelated word's stem: "customer" is not "custom", an
 * "accounting" team is not an "account", "production" (the live system) is not a "product".
 */
const STEM_EXCEPTIONS: ReadonlyMap<string, string> = new Map([
  ['customer', 'customer'],
  ['customers', 'customer'],
  ['accounting', 'accounting'],
  ['accountant', 'accountant'],
  ['accountants', 'accountant'],
  ['news', 'news'],
  ['production', 'production'],
  ['productions', 'production'],
]);

function stemNow(lower: string): string {
  // Porter2's time grows with the square of the length: a longer "word" is kept as written.
  const stemmable = lower.length <= MAX_WORD_LENGTH && /^[a-z]+$/.test(lower);
  return STEM_EXCEPTIONS.get(lower) ?? (stemmable ? stem(lower) : lower);
}

/** Porter2 stem, memoised: the same few thousand words recur in every message. */
export function stemOf(lower: string): string {
  return remembered(stems, lower, stemNow, undefined);
}

/** Folds accents and typographic apostrophes so "café", "Okta’s" and "Okta's" compare alike. */
export function foldText(text: string): string {
  // eslint-disable-next-line no-control-regex -- the range is all of ASCII, NUL included
  if (!/[^\x00-\x7f`]/.test(text)) return text;
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[\u2018\u2019\u02bc`]/g, "'");
}

const WORD = /[A-Za-z0-9]+(?:'[A-Za-z]+)*/g;
/** Patterns run for every word are made once here: a pattern written in a function is a new object at every call. */
const POSSESSIVE = /'s$/i;
/** Words whose "'s" is "is" or "has" (or "us"), not a possessive: "what's" is "whats", as hand-over phrases write it. */
const CONTRACTED = /^(?:what|that|it|there|here|who|where|how|when|why|he|she|let)'s$/i;
const APOSTROPHES = /'/g;
/**
 * "SCIM2", "SAML2", "OAuth2": a name with its version glued on, read as the name and the version, as "SAML 2.0" is.
 * Three letters at least ("S3", "EC2" stay one word) and one digit ("test123", "sha256" stay too).
 */
const GLUED_VERSION = /^([A-Za-z]{3,})([0-9])$/;

/**
 * "Hearth", not "hearth" or "SCIM": inside a sentence, how a name is written. An upper-case
 * ASCII letter, then a lower-case one, read as character codes rather than by a pattern: it
 * runs for every word of every sentence.
 */
export function isCapitalised(raw: string): boolean {
  const first = raw.charCodeAt(0);
  const second = raw.charCodeAt(1);
  return first >= 65 && first <= 90 && second >= 97 && second <= 122;
}

/**
 * Addresses say where, not what: "kunde1.example.de" or a link would only add noise words. An "@"
 * with a "." after it is read from the first "@" (`[^@]*`): `.*@` went back to every "@" of the
 * token and read the rest of it from each, which is quadratic in a token of "a@a@a@...".
 */
const ADDRESS =
  /^(?:[^@]*@.*\.|https?:|www\.)|[a-z0-9-]\.(?:com|org|net|io|co|de|fr|uk|nl|se|no|dk|fi|es|it|in|jp|au|ca|us|eu|app|dev|ai|cloud)\b/i;

const MAYBE_ADDRESS = /@|:\/\/|www\.|[a-z0-9-]\.[a-z]{2,5}\b/i;

function withoutAddresses(text: string): string {
  if (!MAYBE_ADDRESS.test(text)) return text;
  return text
    .split(/(\s+)/)
    .map((token) => (ADDRESS.test(token) ? ' ' : token))
    .join('');
}

/** Words as written → their reading: the same words recur in every text, so each is read once. */
const readings = new Map<string, Word>();

function readNow(raw: string): Word {
  const lower = raw.toLowerCase();
  return { raw, lower, stem: stemOf(lower), stop: isStopWord(lower) };
}

function wordOf(raw: string): Word {
  return remembered(readings, raw, readNow, undefined);
}

/**
 * "+1" as a vote ("+1 for custom domains", "+1 to this"), read as the words "plus one": its "+" is
 * no word character, and "1" alone tells nothing. Not a telephone number's "+1 415 ...", "+1.415 ..." or "+1 (415)".
 */
const VOTE = /(^|[\s(])\+1(?![\w-]|\.\d|\s*[\d(])/g;

/**
 * The words of a text as written, for a reader that needs no stems (how many words a line
 * has, which are function words): possessive "'s" is dropped, other apostrophes close up
 * ("don't" → "dont", "what's" → "whats"). Runs of letters longer than MAX_WORD_LENGTH are not words (hashes,
 * tokens) and are left out, which keeps stemming and typo lookups cheap for any input.
 * Reading stops at `limit` words, for a reader that only asks whether there are so many.
 */
export function rawWordsOf(text: string, limit = Infinity): string[] {
  const out: string[] = [];
  const voted = text.includes('+1') ? text.replace(VOTE, '$1plus one') : text;
  // All runs at once, as strings: `match` with the global pattern makes no match object for each.
  for (let raw of withoutAddresses(foldText(voted)).match(WORD) ?? []) {
    if (out.length >= limit) break;
    if (raw.includes("'")) raw = (CONTRACTED.test(raw) ? raw : raw.replace(POSSESSIVE, '')).replace(APOSTROPHES, '');
    if (!raw || raw.length > MAX_WORD_LENGTH) continue;
    const glued = raw.charCodeAt(raw.length - 1) <= 57 ? GLUED_VERSION.exec(raw) : null;
    if (glued) out.push(glued[1], glued[2]);
    else out.push(raw);
  }
  return out;
}

/** Splits text into words (as rawWordsOf), each read: lowercased and stemmed. */
export function wordsOf(text: string): Word[] {
  // Pushed, not `map`ped: one array layout for its readers, compiled or not (vocabulary.ts, readAll).
  const words: Word[] = [];
  for (const raw of rawWordsOf(text)) words.push(wordOf(raw));
  return words;
}
