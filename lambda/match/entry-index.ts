import type { Faq, FaqEntry } from '../domain';
import { compileHandover, type HandoverCue } from './handover';
import { VAGUE_WEIGHT } from './asks';
import { splitItems } from './sentences';
import { isStopWord } from './stopwords';
import { buildLexicon, toTerms, type Term } from './lexicon';
import { analyse, buildVocabulary, weigh, type Vocabulary, type WeighedTerm } from './vocabulary';
import { wordsOf } from './words';

/**
 * The FAQ prepared for matching. Each entry has forms — the ways its question is put:
 * the official question, each question sentence in it, and every phrasing staff added —
 * and a coverage map of everything it talks about, with how strongly.
 */

export interface FormTerm {
  weight: number;
  /** For a concept, the stems it was written with: a writer who says only "session" half-says "session timeout". */
  parts?: readonly string[];
}

export interface Form {
  text: string;
  terms: ReadonlyMap<string, FormTerm>;
  weight: number;
  kind: 'question' | 'phrasing';
}

export interface IndexedEntry {
  entry: FaqEntry;
  forms: Form[];
  /** The entry defines a term ("What is SWA?"): it answers only a writer who asks what the term means. */
  defines: boolean;
  /** Term key → how squarely the entry covers it (1 in a question or phrasing, less in keywords, answer, headings). */
  coverage: ReadonlyMap<string, number>;
}

export interface EntryIndex {
  entries: IndexedEntry[];
  vocabulary: Vocabulary;
  cues: HandoverCue[];
  /** Term key → entries that mention it (only those are scored). */
  postings: ReadonlyMap<string, readonly IndexedEntry[]>;
}

/** "What is Secure Web Authentication (SWA)?": what, a verb, and a short name. */
const DEFINITION_QUESTION = /^what(?:'s|\s+is|\s+are)\s+(?:an?\s+|the\s+)?[^\s?]+(?:\s+[^\s?]+){0,4}\s*\?$/i;

export const COVERAGE = { form: 1, keyword: 0.9, context: 0.7, heading: 0.6, answer: 0.6 } as const;
/** A word that is only part of a concept the entry uses ("session" of "session timeout") is covered this much less. */
export const PART_CREDIT = 0.6;

function termMap(terms: readonly WeighedTerm[]): Map<string, FormTerm> {
  const map = new Map<string, FormTerm>();
  for (const t of terms) {
    const seen = map.get(t.key);
    if (!seen || seen.weight < t.weight) map.set(t.key, { weight: t.weight, ...(t.parts ? { parts: t.parts } : {}) });
  }
  return map;
}

function weightOf(terms: ReadonlyMap<string, FormTerm>): number {
  let sum = 0;
  for (const t of terms.values()) sum += t.weight;
  return sum;
}

/** Markdown links and emphasis say nothing a reader would ask about. */
function plain(markdown: string): string {
  return markdown.replace(/\]\([^)]*\)/g, ']').replace(/<[^>\s]+>/g, ' ').replace(/[*_`#>[\]]/g, ' ');
}

/** The official question's own question sentences; a short one keeps the sentence before it ("... How do I contact you?"). */
function questionForms(question: string, answer: string, vocabulary: Vocabulary): string[] {
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
      const short = weightOf(termMap(analyse(s.text, vocabulary))) < 2 * VAGUE_WEIGHT;
      forms.push(short && i > 0 ? `${sentences[i - 1].text} ${s.text}` : s.text);
    });
  }
  return [...new Set(forms)];
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
  const read = (text: string): Term[] => toTerms(wordsOf(text), lexicon);
  const fields = faq.entries.map((e) => ({
    question: read(e.question),
    phrasings: e.phrasings.map(read),
    keywords: e.keywords.map(read),
    section: e.section.map(read),
    answer: read(plain(e.answer)),
  }));
  const documents = fields.map((f) => [...f.question, ...f.phrasings.flat(), ...f.keywords.flat(), ...f.section.flat(), ...f.answer]);
  const vocabulary = buildVocabulary(lexicon, documents, faq.synonyms);
  const entries = faq.entries.map((entry, n): IndexedEntry => {
    const terms = fields[n];
    const form = (text: string, kind: Form['kind'], weighed: readonly WeighedTerm[]): Form => {
      const map = termMap(weighed);
      return { text, kind, terms: map, weight: weightOf(map) };
    };
    const forms: Form[] = [
      ...questionForms(entry.question, entry.answer, vocabulary)
        .flatMap((text) => [text, ...alternativesOf(text)])
        .map((text) => form(text, 'question', analyse(text, vocabulary))),
      ...entry.phrasings.map((text, i) => form(text, 'phrasing', weigh(terms.phrasings[i], vocabulary))),
    ].filter((f) => f.terms.size > 0);
    const coverage = new Map<string, number>();
    const set = (key: string, credit: number): void => {
      coverage.set(key, Math.max(coverage.get(key) ?? 0, credit));
    };
    const cover = (read: readonly Term[], credit: number): void => {
      for (const t of read) {
        if (!t.key.startsWith('~')) {
          if (!isStopWord(t.words[0].lower)) set(t.key, credit);
          continue;
        }
        set(t.key, credit);
        for (const w of t.words) if (!isStopWord(w.lower)) set(w.stem, credit * PART_CREDIT);
      }
    };
    cover(terms.answer, COVERAGE.answer);
    for (const heading of terms.section) cover(heading, COVERAGE.heading);
    cover(terms.question, COVERAGE.context);
    for (const keyword of terms.keywords) cover(keyword, COVERAGE.keyword);
    for (const form of forms) {
      for (const [key, term] of form.terms) {
        set(key, COVERAGE.form);
        for (const part of term.parts ?? []) set(part, COVERAGE.form * PART_CREDIT);
      }
    }
    return { entry, forms, coverage, defines: DEFINITION_QUESTION.test(entry.question.trim()) };
  });
  const postings = new Map<string, IndexedEntry[]>();
  for (const indexed of entries) {
    for (const key of indexed.coverage.keys()) {
      const list = postings.get(key) ?? [];
      list.push(indexed);
      postings.set(key, list);
    }
  }
  return { entries, vocabulary, cues: compileHandover(faq.handover ?? []), postings };
}
