import { oneLine } from '../one-line';

const TITLES = new Set(['mr', 'mrs', 'ms', 'miss', 'mx', 'dr', 'prof', 'sir', 'herr', 'frau', 'mme', 'mlle']);

/** Degrees and generational suffixes: they follow a name ("John Smith, PhD", "Smith Jr., John"), and are no one's to greet by. */
const SUFFIXES = new Set(['jr', 'sr', 'ii', 'iii', 'iv', 'phd', 'md', 'mba', 'msc', 'bsc', 'esq', 'cpa']);

/** A word as the tables above hold it: "Dr." and "Ph.D." are "dr" and "phd". */
function bare(word: string): string {
  return word.toLowerCase().replace(/\./g, '');
}

/**
 * Display names of roles, systems and companies ("Acme Inc."), which no one would greet by name.
 * Whole words by Unicode letters: `\b` knows only ASCII, and would find "ag" in "Agüero".
 */
const ROLE =
  /(?<![\p{L}\p{M}\p{N}])(?:team|support|info|admin|administrator|sales|developers?|hello|contact|no[- ]?reply|office|service|billing|help|helpdesk|desk|notifications?|mailer|postmaster|engineering|it|hr|accounts?|security|ops|marketing|customers?|manager|dept|department|group|labs?|cloud|news|solutions|systems|software|technologies|consulting|partners|inc|llc|ltd|limited|gmbh|corp|corporation|plc|pty|srl|sarl|bv|ag)(?![\p{L}\p{M}\p{N}])/iu;

/** Two cased letters, or consonants alone: initials ("JP", "AJ", "JRR") at least as often as a name. */
const INITIALS = /^(?:[\p{Lu}\p{Ll}]{2}|[b-df-hj-np-tv-xz]{2,4})$/iu;
const CONSONANTS = /^[b-df-hj-np-tv-xz]+$/i;

/**
 * Given names of two letters that are seldom anyone's initials: "ED SMITH" is Ed. Only these, since
 * "AJ", "TJ" or "AK" written so are someone's initials at least as often as a name.
 */
const TWO_LETTER_NAMES = new Set(['al', 'ed', 'jo', 'bo', 'ty']);

/**
 * A first word that may be initials, written in one case, as the greeting names it: as written when
 * in capitals by choice ("JP Morgan", where the rest is not in capitals) or when no name could be
 * so ("JP", consonants alone); otherwise ("AJ SMITH", "jp morgan") no name, since "Hello Aj," would
 * misspell initials and "Hello AJ," a name.
 */
function initials(word: string, name: string): string | undefined {
  if (TWO_LETTER_NAMES.has(word.toLowerCase())) return capitalise(word);
  const chosen = word === word.toUpperCase() && (name !== name.toUpperCase() || CONSONANTS.test(word));
  return chosen ? word : undefined;
}

function capitalise(word: string): string {
  return word
    .split('-')
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1).toLowerCase())
    .join('-');
}

/**
 * A display name that only repeats the writer's `address`: its local part in one case ("jdoe" or
 * "JDOE" on jdoe@…), what a mail client shows when no name was set, a user name (someone who typed
 * their name on such an address wrote it capitalised, "Priya" on priya@…, and is greeted by it); or
 * one word that is a name in its domain ("Slack" on feedback@slack.com), an organisation's or a
 * shared mailbox's.
 */
function addressName(name: string, address: string): boolean {
  const at = address.lastIndexOf('@');
  if (at < 0) return false;
  const [local, domain] = [address.slice(0, at), address.slice(at + 1).toLowerCase()];
  const lower = name.toLowerCase();
  const oneCase = name === lower || name === name.toUpperCase();
  if (oneCase && local !== '' && lower === local.toLowerCase()) return true;
  return !/\s/.test(name) && domain.split('.').slice(0, -1).includes(lower);
}

/**
 * Words of Chinese, Japanese and Korean names, which are greeted whole, as written ("Hello 山田 太郎,").
 * Their family name comes first, but not always in romanised names, so no order can be assumed; the
 * given name alone is for family and friends, and the family name alone is curt without the
 * honorific ("-san", "-ssi", "先生") that an English mail cannot choose for the writer's language
 * and rank. The full name is how a Chinese or Korean letter names a stranger politely. Words in
 * other scripts after it are the name again, romanised ("张伟 Wei Zhang").
 */
const CJK = /^[\p{sc=Han}\p{sc=Hiragana}\p{sc=Katakana}\p{sc=Hangul}ー]+$/u;

/** Companies and roles in those scripts, written without spaces, so ROLE's whole words cannot find them. */
const CJK_ROLE = /会社|公司|集团|集團|商事|サポート|チーム|주식회사|고객/u;

const NAME_WORD = /^\p{L}[\p{L}\p{M}'’-]*$/u;

function inCapitals(text: string): boolean {
  return text === text.toUpperCase() && text !== text.toLowerCase();
}

/** A word of a name as greeted: as written, or capitalised when written in one case; none when it is no name's. */
function greeted(word: string, whole: string): string | undefined {
  if (Array.from(word).length < 2 || !NAME_WORD.test(word)) return undefined;
  // A word in lower case where the name is not starts a family name ("van Dijk", "d'Artagnan");
  // one ending in 's names someone's device ("Jane's iPhone").
  if ((/^\p{Ll}/u.test(word) && whole !== whole.toLowerCase()) || /['’]s$/iu.test(word)) return undefined;
  const oneCase = word === word.toUpperCase() || word === word.toLowerCase();
  if (oneCase && INITIALS.test(word)) return initials(word, whole);
  return oneCase ? capitalise(word) : word;
}

/**
 * The part of a name with commas that holds the given name, and whether the family name came
 * before it. After the comma when one family name is before it ("Smith, John", "van der Berg, Jan",
 * "Smith Jr., John"); before it when what follows is degrees and suffixes ("John Smith, PhD",
 * "Hans Müller, Dr.") or a role in capitals ("Jane Doe, CTO"). Several names before a comma are
 * a double family name ("García López, María") as often as a name before a job title ("Jane Doe,
 * Head of Product"): undefined, since no one can tell "María" from "Head".
 */
function givenPart(name: string): { text: string; familyFirst: boolean } | undefined {
  const parts = name
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean);
  const suffix = (part: string) => part.split(/\s+/).every((word) => SUFFIXES.has(bare(word)) || TITLES.has(bare(word)));
  while (parts.length > 1 && suffix(parts[parts.length - 1])) parts.pop();
  if (parts.length === 1) return { text: parts[0], familyFirst: false };
  if (parts.length > 2) return undefined;
  const [before, after] = parts;
  const names = before.split(/\s+/).filter((word) => /^\p{Lu}/u.test(word) && !SUFFIXES.has(bare(word)));
  if (names.length <= 1) return { text: after, familyFirst: true };
  return inCapitals(after) && !inCapitals(name) ? { text: before, familyFirst: false } : undefined;
}

/**
 * Which of `words` holds the given name when a family name in capitals comes first ("SMITH John",
 * "DE LA CRUZ Maria", "TANAKA Hiroshi"), as directories in France and East Asia write a name: the
 * one word after it. 0 when the name does not start so, or starts with initials ("JP Morgan",
 * "JRR Tolkien"). -1, no name, when the word in capitals is two letters ending in a vowel, a
 * family name ("LI Wei") as often as initials, or when several words follow: which one a writer
 * goes by differs by culture ("NGUYEN Van An" is An), and an acronym before words ("ACME Listing
 * Experts") looks the same.
 */
function givenAt(words: string[], whole: string): number {
  const family = words.findIndex((word) => !inCapitals(word) || !NAME_WORD.test(word) || Array.from(word).length < 2);
  if (family <= 0 || inCapitals(whole)) return 0;
  if (family === 1 && INITIALS.test(words[0])) {
    return /[aeiouy]$/i.test(words[0]) && !TWO_LETTER_NAMES.has(words[0].toLowerCase()) ? -1 : 0;
  }
  return family === words.length - 1 ? family : -1;
}

/**
 * The first name in a display name, when it plainly holds one: "Marco Bellini",
 * "Bellini, Marco" and "Dr. Marco Bellini" give "Marco", "JP Morgan" "JP", "SMITH John" "John";
 * "IT Support", "Dr. Smith", "jdoe42", an address, and a name that only repeats the writer's
 * `address` ("jdoe" on jdoe@…, "Slack" on feedback@slack.com) give nothing, and the greeting stays neutral.
 */
export function firstName(displayName: string, address = ''): string | undefined {
  const whole = oneLine(displayName, 100)
    .replace(/\([^)]*\)|\[[^\]]*\]|(?:\p{Extended_Pictographic}(?:[\u{1F3FB}-\u{1F3FF}]|\uFE0F)*\u200D?)+|\p{Regional_Indicator}+/gu, ' ')
    // What follows "via", a bar or a dash is the service the mail came through or what the writer
    // does ("Jane Doe via Zendesk", "Jane Doe | CTO @ Acme"), no part of the name.
    .split(/\s(?:via|[|•–—-])\s/)[0]
    .replace(/^["'\s]+|["'\s]+$/g, '')
    .trim();
  if (!whole || whole.includes('@') || ROLE.test(whole) || addressName(whole, address)) return undefined;
  // One word in capitals is an organisation's acronym ("IBM", "NASA") as often as a name; consonants alone stay initials ("JP").
  if (!/[\s,]/.test(whole) && inCapitals(whole) && !CONSONANTS.test(whole)) return undefined;
  const written = whole.split(/[\s,]+/);
  const run = written.findIndex((word) => !CJK.test(word));
  if (run !== 0) {
    const full = (run < 0 ? written : written.slice(0, run)).join(' ');
    return Array.from(full).length >= 2 && !CJK_ROLE.test(full) ? full : undefined;
  }
  const part = givenPart(whole);
  if (!part) return undefined;
  const words = part.text.split(/\s+/);
  const at = words.findIndex((token) => !TITLES.has(bare(token)));
  // A title before one word ("Dr. Smith", "Frau Müller") names a family name, no one's to greet by.
  if (at < 0 || (!part.familyFirst && at > 0 && at === words.length - 1)) return undefined;
  const name = words.slice(at);
  const given = part.familyFirst ? 0 : givenAt(name, whole);
  return given < 0 ? undefined : greeted(name[given], whole);
}
