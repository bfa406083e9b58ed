/**
 * The domain vocabulary from `content/synonyms.md`: every term of a group, one word or
 * several ("SLO", "single logout", "single sign-out"), stands for one concept.
 */
import { wordsOf, type Word } from './words';

/**
 * One word of a phrase. Words are compared by stem ("registered" is "register", "logged out"
 * is "log out"), except abbreviations, compared as written (plural allowed): "AD" must not
 * match "adding", whose stem is "ad".
 */
type PhraseWord = { stem: string } | { literal: string };

interface Phrase {
  words: PhraseWord[];
  concept: string;
}

export interface Lexicon {
  /** Phrases by their first word's stem or literal, longest first. */
  phrases: ReadonlyMap<string, readonly Phrase[]>;
}

const TWO_CAPITALS = /[A-Z].*[A-Z]/;

/** Abbreviations ("AD", "IdP") and words of three letters or fewer: too short to count as a part of a concept they help name. */
export function isLiteral(word: Word): boolean {
  return word.lower.length <= 3 || TWO_CAPITALS.test(word.raw);
}

/**
 * A short word staff wrote with a capital ("AD", "App Wizard") may be an abbreviation; one
 * written in lower case ("log" of "log out") is a word, inflected like any other.
 */
function isAbbreviation(word: Word): boolean {
  return TWO_CAPITALS.test(word.raw) || (word.lower.length <= 3 && word.raw !== word.lower);
}

function phraseWord(word: Word): PhraseWord {
  return isAbbreviation(word) ? { literal: word.lower } : { stem: word.stem };
}

function keyOf(word: PhraseWord): string {
  return 'literal' in word ? word.literal : word.stem;
}

function matches(phrase: PhraseWord, word: Word | undefined): boolean {
  if (!word) return false;
  if ('stem' in phrase) return word.stem === phrase.stem;
  return word.lower === phrase.literal || word.lower === `${phrase.literal}s`;
}

/** A telling word of the text after phrase matching: a concept id, or the word's own stem. */
export interface Term {
  /** What is compared: the stem, or `~concept` for a synonym group. */
  key: string;
  /** The words of the text it stands for. */
  words: readonly Word[];
  /** Where its first word stands in the text (0 = first). */
  at: number;
}

/** A concept is named after the first term of its group: `~slo`, `~sign_up`. */
function conceptKey(group: readonly string[]): string {
  return `~${wordsOf(group[0])
    .map((w) => w.stem)
    .join('_')}`;
}

export function buildLexicon(groups: ReadonlyArray<readonly string[]>): Lexicon {
  const phrases = new Map<string, Phrase[]>();
  // A term in two groups joins them: staff may list "SSO = single sign-on" and later
  // "single sign-on = federated sign-on"; both mean one concept.
  const conceptOf = new Map<string, string>();
  for (const group of groups) {
    const written = group.map((term) => wordsOf(term).map(phraseWord)).filter((words) => words.length > 0);
    const ids = written.map((words) => words.map(keyOf).join(' '));
    const existing = ids.map((id) => conceptOf.get(id)).find((c): c is string => c !== undefined);
    const concept = existing ?? conceptKey(group);
    written.forEach((words, i) => {
      conceptOf.set(ids[i], concept);
      const list = phrases.get(keyOf(words[0])) ?? [];
      if (!list.some((p) => p.words.map(keyOf).join(' ') === ids[i])) list.push({ words, concept });
      phrases.set(keyOf(words[0]), list);
    });
  }
  for (const list of phrases.values()) list.sort((a, b) => b.words.length - a.words.length);
  return { phrases };
}

const NONE: readonly Phrase[] = [];

/** The phrases that may start at `word`: by its stem, or as written (plural or not). */
function phrasesAt(word: Word, lexicon: Lexicon): readonly Phrase[] {
  const byStem = lexicon.phrases.get(word.stem);
  const byWord = word.lower !== word.stem ? lexicon.phrases.get(word.lower) : undefined;
  const singular = word.lower.endsWith('s') ? word.lower.slice(0, -1) : undefined;
  const bySingular = singular !== undefined && singular !== word.stem ? lexicon.phrases.get(singular) : undefined;
  if (!byWord && !bySingular) return byStem ?? NONE;
  return [...(byStem ?? []), ...(byWord ?? []), ...(bySingular ?? [])].sort((a, b) => b.words.length - a.words.length);
}

/** Whether the lexicon has a phrase starting with this word (it is domain vocabulary). */
export function startsPhrase(word: Word, lexicon: Lexicon): boolean {
  return phrasesAt(word, lexicon).length > 0;
}

/** The adverb particles of English phrasal verbs ("sign up", "log out", "send in"). */
const PARTICLES: ReadonlySet<string> = new Set(['up', 'in', 'out', 'on', 'off', 'down', 'back', 'over']);
/** Object pronouns: English puts them between a phrasal verb and its particle ("sign us up", never "sign up us"). */
const OBJECT_PRONOUNS: ReadonlySet<string> = new Set(
  'me us you him her it them myself ourselves yourself yourselves himself herself itself themselves everyone everybody'.split(' '),
);
/** Words that open a short noun object ("send our app in") and, after a particle, its own noun phrase ("in the attachment"). */
const DETERMINERS: ReadonlySet<string> = new Set('a an the this that these those my our your their his her its all every each'.split(' '));

/**
 * How many words of object stand between a phrasal verb at `i` and its particle: a pronoun
 * ("log them out"), or a determiner and one telling word ("send our app in"); 0 when none
 * does. A particle that opens a noun phrase of its own ("sent the logs in the attachment") is
 * a preposition, and no phrasal verb is read.
 */
function objectGap(phrase: Phrase, words: readonly Word[], i: number): number {
  if (phrase.words.length !== 2) return 0;
  const [verb, particle] = phrase.words;
  if (!('stem' in particle) || !PARTICLES.has(particle.stem) || !matches(verb, words[i])) return 0;
  const gap =
    words[i + 1] && OBJECT_PRONOUNS.has(words[i + 1].lower)
      ? 1
      : words[i + 1] && DETERMINERS.has(words[i + 1].lower) && words[i + 2] && !words[i + 2].stop
        ? 2
        : 0;
  if (gap === 0 || !matches(particle, words[i + gap + 1])) return 0;
  const after = words[i + gap + 2];
  return after && DETERMINERS.has(after.lower) ? 0 : gap;
}

/**
 * "into" and "onto" are the particles "in" and "on" written together with the "to" after them: "log into the portal" is
 * "log in to the portal", "sign onto the VPN" is "sign on to" it. A phrasal verb of the lexicon whose particle is "in" or
 * "on" is read so when "into" or "onto" follows its verb, and its verb is then not read alone: the particle is part of the
 * term, and "log" of "log into" shares nothing with "log out" (neighbourfix fix round: devsymptom7 p09's "staff log into
 * their PCs" sent the single logout entry on "log"). Read in what writers write only: the FAQ's answers are read as before
 * (`joinedParticles` false), since the AD entry's answer says "log into your cloud app" and reading it so moved every
 * AD score and with them the committed fit.
 */
const JOINED_PARTICLES: ReadonlyMap<string, string> = new Map([
  ['into', 'in'],
  ['onto', 'on'],
]);

function joinedParticleAt(phrases: readonly Phrase[], words: readonly Word[], i: number): Phrase | undefined {
  const particle = words[i + 1] && JOINED_PARTICLES.get(words[i + 1].lower);
  if (!particle) return undefined;
  return phrases.find((p) => p.words.length === 2 && 'stem' in p.words[1] && p.words[1].stem === particle && matches(p.words[0], words[i]));
}

/** The first phrase read split by its object at `i`, and how wide the object is; most words start no phrase, and pay nothing. */
function splitPhraseAt(phrases: readonly Phrase[], words: readonly Word[], i: number): { phrase: Phrase; gap: number } | undefined {
  for (const phrase of phrases) {
    const gap = objectGap(phrase, words, i);
    if (gap > 0) return { phrase, gap };
  }
  return undefined;
}

/**
 * The telling terms of `words`: every phrase of the lexicon replaced by its concept
 * (longest match wins), stop words dropped — after phrase matching, so that "sign up"
 * and "time out" survive as concepts although "up" and "out" are stop words. A phrasal verb
 * split by its object ("sign us up") is read as the phrase, and its object's words as terms.
 */
export function toTerms(words: readonly Word[], lexicon: Lexicon, joinedParticles = true): Term[] {
  const out: Term[] = [];
  for (let i = 0; i < words.length;) {
    const phrases = phrasesAt(words[i], lexicon);
    const hit = phrases.find((p) => p.words.every((w, k) => matches(w, words[i + k])));
    const joined = hit || !joinedParticles ? undefined : joinedParticleAt(phrases, words, i);
    const split = hit || joined ? undefined : splitPhraseAt(phrases, words, i);
    if (hit) {
      out.push({ key: hit.concept, words: words.slice(i, i + hit.words.length), at: i });
      i += hit.words.length;
    } else if (joined) {
      out.push({ key: joined.concept, words: words.slice(i, i + 2), at: i });
      i += 2;
    } else if (split) {
      out.push({ key: split.phrase.concept, words: [words[i], words[i + split.gap + 1]], at: i });
      for (let k = i + 1; k <= i + split.gap; k++) if (!words[k].stop) out.push({ key: words[k].stem, words: [words[k]], at: k });
      i += split.gap + 2;
    } else {
      if (!words[i].stop) out.push({ key: words[i].stem, words: [words[i]], at: i });
      i += 1;
    }
  }
  return out;
}
