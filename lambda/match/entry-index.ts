/**
 * The FAQ prepared for matching. Each entry has forms — the ways its question is put:
 * the official question, each question sentence in it, and every phrasing staff added —
 * and a coverage map of everything it talks about, with how strongly.
 */
import { ContentError } from '../content/content-error';
import type { Faq, FaqEntry } from '../domain';
import { compileHandover, type HandoverCues } from './handover';
import { compileOwner, type OwnerReadings } from './owner';
import { splitItems } from './sentences';
import { isStopWord } from './stopwords';
import { buildLexicon, isLiteral, toTerms, type Term } from './lexicon';
import { buildPostings, type Posting } from './postings';
import { analyse, buildVocabulary, weigh, type Vocabulary, type WeighedTerm } from './vocabulary';
import { COVERAGE, PART_CREDIT, SHORT_FORM_WEIGHT } from './weights';
import { wordsOf } from './words';

export interface FormTerm {
  key: string;
  /** The key's number in the index's `termIds`. */
  id: number;
  weight: number;
  /** For a concept, the stems it was written with: a writer who says only "session" half-says "session timeout". */
  parts?: readonly string[];
  /** Their numbers in `termIds`, with `parts`. */
  partIds?: readonly number[];
}

export interface Form {
  text: string;
  /** Each key once (at its greatest weight), in the order first written: an array, for scoring walks them all for every ask. */
  terms: readonly FormTerm[];
  weight: number;
  kind: 'question' | 'phrasing';
}

export interface IndexedEntry {
  entry: FaqEntry;
  forms: Form[];
  /** Every term key and concept part of its forms, by number (`termIds`): an ask that says none of them fits no form. */
  formKeys: readonly number[];
  /** The entry defines a term ("What is SWA?"): it answers only a writer who asks what the term means. */
  defines: boolean;
  /** Term key → how squarely the entry covers it (1 in a question or phrasing, less in keywords, answer, headings). */
  coverage: ReadonlyMap<string, number>;
  /** What staff say it is not about: a writer who says every term of one of these asks about something else. */
  notAbout: NearMiss[];
}

export interface NearMiss {
  text: string;
  terms: WeighedTerm[];
}

export interface EntryIndex {
  entries: IndexedEntry[];
  vocabulary: Vocabulary;
  cues: HandoverCues;
  /** The readings that need the FAQ owner's name ("Hi Okta team"), none without one (owner.ts). */
  owner: OwnerReadings | undefined;
  /** Term key → entries that mention it (only those are scored). */
  postings: ReadonlyMap<string, Posting>;
  /**
   * A number for every term key and concept part of the forms, from 0 up: scoring reads what an
   * ask says of each term of each form it fits by number, from an array (score.ts), not by key.
   */
  termIds: ReadonlyMap<string, number>;
}

/**
 * "What is Secure Web Authentication (SWA)?": what, a verb, and a short name (a writer may leave out the "?", and
 * type "what's" as "whats"); or
 * "Is it the same thing as password vaulting?", "Is SWA the same as password vaulting?": whether two names are one,
 * which the entry defining the name answers.
 */
const DEFINITION_QUESTION =
  /^(?:what(?:'s|s|\s+is|\s+are)\s+(?:an?\s+|the\s+)?[^\s?]+(?:\s+[^\s?]+){0,4}|(?:is|are)\s+[^\s?]+(?:\s+[^\s?]+){0,3}?\s+(?:the\s+)?same(?:\s+thing)?\s+as\s+[^\s?]+(?:\s+[^\s?]+){0,4})\s*\??$/i;

/** Asks what a term is, in the shape of an entry that defines one. */
export function isDefinitionQuestion(text: string): boolean {
  return DEFINITION_QUESTION.test(text.trim());
}

/** Each key once, at its greatest weight, in the order first written. */
function formTerms(terms: readonly WeighedTerm[]): WeighedTerm[] {
  const map = new Map<string, WeighedTerm>();
  for (const t of terms) {
    const seen = map.get(t.key);
    if (!seen || seen.weight < t.weight) map.set(t.key, t);
  }
  return [...map.values()];
}

function weightOf(terms: ReadonlyArray<{ weight: number }>): number {
  let sum = 0;
  for (const t of terms) sum += t.weight;
  return sum;
}

/** Markdown links and emphasis say nothing a reader would ask about. */
function plain(markdown: string): string {
  return markdown
    .replace(/\]\([^)]*\)/g, ']')
    .replace(/<[^>\s]+>/g, ' ')
    .replace(/[*_`#>[\]]/g, ' ');
}

/** More than one sentence: "I am an ISV ... How do I contact Okta?" */
const SEVERAL_SENTENCES = /[.?!]\s+\S/;

/**
 * The ways the official question is put: the whole of it, and each question sentence in
 * it (a short one keeps the sentence before it: "... How do I contact Okta?").
 */
function questionForms(question: string, answer: string, vocabulary: Vocabulary): string[] {
  if (!SEVERAL_SENTENCES.test(question) && /\?\s*$/.test(question)) return [question];
  const sentences = splitItems(question).flatMap((item) => item.sentences);
  const asking = sentences.filter((s) => s.asks);
  if (asking.length === 0) {
    // A heading standing for a section of prose ("SCIM"): its first sentence says what it offers.
    const first = splitItems(plain(answer)).flatMap((item) => item.sentences)[0]?.text ?? '';
    return [`${question}. ${first}`];
  }
  const forms = [question];
  if (sentences.length > 1) {
    sentences.forEach((s, i) => {
      if (!s.asks) return;
      const short = weightOf(formTerms(analyse(s.text, vocabulary))) < SHORT_FORM_WEIGHT;
      forms.push(short && i > 0 ? `${sentences[i - 1].text} ${s.text}` : s.text);
    });
  }
  return [...new Set(forms)];
}

/** The number of `key` in `ids`, given it if it has none yet. */
function numberOf(ids: Map<string, number>, key: string): number {
  let id = ids.get(key);
  if (id === undefined) ids.set(key, (id = ids.size));
  return id;
}

function makeForm(text: string, kind: Form['kind'], weighed: readonly WeighedTerm[], ids: Map<string, number>): Form {
  const terms = formTerms(weighed).map(({ key, weight, parts }): FormTerm => {
    const id = numberOf(ids, key);
    return parts ? { key, id, weight, parts, partIds: parts.map((part) => numberOf(ids, part)) } : { key, id, weight };
  });
  return { text, kind, terms, weight: weightOf(terms) };
}

function raise(coverage: Map<string, number>, key: string, credit: number): void {
  const had = coverage.get(key);
  if (had === undefined || had < credit) coverage.set(key, credit);
}

/** Records what `terms` cover: each term, and the words of each concept at less credit. */
function cover(coverage: Map<string, number>, terms: readonly Term[], credit: number): void {
  for (const t of terms) {
    raise(coverage, t.key, credit);
    if (t.words.length > 1 || t.key.startsWith('~')) {
      for (const w of t.words) if (!w.stop && !isLiteral(w)) raise(coverage, w.stem, credit * PART_CREDIT);
    }
  }
}

interface Fields {
  question: Term[];
  phrasings: Term[][];
  keywords: Term[][];
  section: Term[][];
  answer: Term[];
}

function indexEntry(entry: FaqEntry, fields: Fields, vocabulary: Vocabulary, ids: Map<string, number>): IndexedEntry {
  const questions = questionForms(entry.question, entry.answer, vocabulary).flatMap((text) => [text, ...alternativesOf(text)]);
  const forms: Form[] = [
    // The official question as read with the rest of the FAQ, unless it had to be split or varied.
    ...questions.map((text) =>
      makeForm(text, 'question', text === entry.question ? weigh(fields.question, vocabulary) : analyse(text, vocabulary), ids),
    ),
    ...entry.phrasings.map((text, i) => makeForm(text, 'phrasing', weigh(fields.phrasings[i], vocabulary), ids)),
  ].filter((f) => f.terms.length > 0);
  const coverage = new Map<string, number>();
  cover(coverage, fields.answer, COVERAGE.answer);
  for (const heading of fields.section) cover(coverage, heading, COVERAGE.heading);
  cover(coverage, fields.question, COVERAGE.context);
  for (const keyword of fields.keywords) cover(coverage, keyword, COVERAGE.keyword);
  for (const form of forms) {
    for (const { key, parts } of form.terms) {
      raise(coverage, key, COVERAGE.form);
      for (const part of parts ?? []) raise(coverage, part, COVERAGE.form * PART_CREDIT);
    }
  }
  const notAbout = (entry.notAbout ?? []).map((text, i): NearMiss => {
    const terms = analyse(text, vocabulary);
    if (terms.length === 0) {
      // At the topic's own line: the entry's question line is not the one to change (an entry built elsewhere has only that).
      throw new ContentError(
        entry.source.file,
        entry.source.notAbout?.[i] ?? entry.source.line,
        `the entry "${entry.question}" says "Not about: ${text}", and "${text}" has no telling word to recognise it by (only words too common to tell one topic from another): name the topic, e.g. "OIDC logout"`,
      );
    }
    return { text, terms };
  });
  const formKeys = new Set(forms.flatMap((form) => form.terms.flatMap(({ id, partIds }) => [id, ...(partIds ?? [])])));
  return { entry, forms, formKeys: [...formKeys], coverage, notAbout, defines: isDefinitionQuestion(entry.question) };
}

/** "startups, nonprofits or education": single words offered as alternatives. */
const ALTERNATIVES = /\b([A-Za-z][\w-]*)((?:, [A-Za-z][\w-]*)*),? or ([A-Za-z][\w-]*)\b/g;

/**
 * A question that offers alternatives ("discounts for startups, nonprofits or
 * education?") is also asked about each alone: a writer names the one that is theirs.
 */
function alternativesOf(text: string): string[] {
  const variants: string[] = [];
  for (const match of text.matchAll(ALTERNATIVES)) {
    const options = [match[1], ...match[2].split(', ').filter(Boolean), match[3]];
    if (options.some((o) => isStopWord(o.toLowerCase()))) continue;
    for (const option of options) variants.push(text.slice(0, match.index) + option + text.slice(match.index + match[0].length));
  }
  return variants;
}

export function buildEntryIndex(faq: Faq): EntryIndex {
  // Each field is read into terms once; the vocabulary and the entries both use them.
  const lexicon = buildLexicon(faq.synonyms);
  const fields = faq.entries.map((e): Fields => ({
    question: toTerms(wordsOf(e.question), lexicon),
    phrasings: e.phrasings.map((p) => toTerms(wordsOf(p), lexicon)),
    keywords: e.keywords.map((k) => toTerms(wordsOf(k), lexicon)),
    section: e.section.map((h) => toTerms(wordsOf(h), lexicon)),
    answer: toTerms(wordsOf(plain(e.answer)), lexicon, false),
  }));
  const documents = fields.map((f) => [f.question, ...f.phrasings, ...f.keywords, ...f.section, f.answer]);
  const vocabulary = buildVocabulary(lexicon, documents, faq.synonyms);
  const termIds = new Map<string, number>();
  const entries = faq.entries.map((entry, n) => indexEntry(entry, fields[n], vocabulary, termIds));
  const owner = compileOwner(faq.owner, faq.ownerTerms, (text) => analyse(text, vocabulary).map((t) => t.key));
  return { entries, vocabulary, cues: compileHandover(faq.handover ?? [], owner), owner, postings: buildPostings(entries), termIds };
}
