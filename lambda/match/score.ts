/**
 * How well one FAQ entry answers one ask, as a confidence in [0, 1]. Two views, both
 * needed:
 * - fit: how much of one of the entry's forms (its question or a staff phrasing) the
 *   ask says — "does the writer ask this question?";
 * - coverage: how much of what the ask says the entry talks about — "does the entry
 *   speak to everything asked?". A near-miss fails here: "logout *signature error*"
 *   says more than "does Okta support single logout" covers.
 * The confidence is their weighted geometric mean, so neither can make up for the other
 * failing; coverage weighs more, because a near-miss fits well and covers badly.
 */
import { editDistance } from '../edit-distance';
import type { Ask } from './asks';
import type { EntryIndex, Form, FormTerm, IndexedEntry, NearMiss } from './entry-index';
import { preRank } from './pre-rank';
import { wordCount } from './sentences';
import { analyse, analyseWords, type WeighedTerm } from './vocabulary';
import {
  CONTEXT_CREDIT,
  DEFINITION_UNASKED,
  FIT_EXPONENT,
  NOT_ABOUT_PENALTY,
  PART_CREDIT,
  PARTLY_SAID,
  REFERENT_SHARE,
  SHORT_QUESTION_WORDS,
} from './weights';

export interface EntryScore {
  indexed: IndexedEntry;
  score: number;
  fit: number;
  coverage: number;
  form: Form;
  /** What the ask says, as every entry was fitted against it (one object for all its entries): for explaining the fit. */
  reading: AskReading;
  /** Terms of the ask the entry does not cover, in the ask's order (heaviestFirst sorts them for an explanation). */
  uncovered: WeighedTerm[];
  /** The entry defines a term, and the writer does not ask what it is. */
  definitionUnasked: boolean;
  /** What the entry is not about (its `Not about:` line), when the ask says it. */
  notAbout?: string;
}

/**
 * A writer who uses a term in passing ("the passwords Okta stores for SWA apps") already
 * knows what it is; only one who asks what it is, how it works ("how does SWA work?", or as a
 * list entry or after "I'd like to know", "how password vaulting works", "how it functions"), or asks for
 * information on it ("Info re: SWA", "details about SWA"), or whether it is the same thing as another name, or checks
 * a gloss of it ("SWA is basically a password vault?"), wants its definition. A vague ask (a bare subject "SWA") takes
 * its topic from its context, so the context may say that it wants the definition ("Info re: SWA please." not read
 * as a request of its own). Asked inside a sentence, a question keeps the order of a statement: "I've been tasked with
 * finding out what SWA is" asks the definition as "what is SWA?" does (indirect5 probe round; a plainly general reading
 * of English).
 */
const ASKS_DEFINITION =
  /\bwhat(?:'s|s|\s+is|\s+are|\s+does|\s+do)\b|\bwhat\s+(?:[\w()-]+\s+){1,4}(?:is|are|means)(?=\s*(?:$|[,.;:!?)]|(?:and|or|but|since|as|because|exactly|actually)\b))|\bmean(?:s|ing|t)?\b|\bhow\s+(?:does|do|would|will|is)\b.{0,60}\b(?:work|works|working|used|functions?|functioning)\b|\bhow\s+(?:[\w-]+\s+){1,3}(?:works|functions|is\s+used)\b|\b(?:info|information|details|an\s+overview|the\s+basics)\s+(?:on|about|re|regarding)\b|\bexplain|\bexplanation\b|\bdescri(?:be|ption)\b|\bdefin(?:e|ition)\b|\bstands?\s+for\b|\bheard\s+(?:of|about)\b|\btell\s+(?:me|us)\s+(?:more\s+)?about\b|\bsame(?:\s+thing)?\s+as\b|\b(?:is|are)\s+(?:basically|essentially)\b/i;

/**
 * A question that points back at a place or party the sentences before it name: "there" as a place ("Is there a fee to
 * be listed there?", "How much does listing there cost?"), not the "there" of "is there" or "there are"; "their" ("How
 * long does their review take?"); "that" or "it" after a preposition closing the question ("Is there a cost for that?").
 * What it points at is said before it, however long the question is, so its near misses are read with that too, as a
 * short question's are. Measured on every probe folder (nearctx fix round): it fixes nearmonth p26 ("there", the Entra
 * gallery) and ctxbefore p09 ("their", Google's store), turns no message and leaves the fold table and the refit as they
 * were; a pointing "it" or "that" elsewhere in the question (dummy "it" in "how long does it take") is not read so.
 * "that" or "this" as what would cost ("What would that cost us a month?", "How much does this cost?") points back as well
 * (costfix fix round, plainmonth19 p23: the staff said before it); the dummy "it" of "what does it cost to ..." does not.
 */
const POINTS_AT_TOLD =
  /\btheir\b|(?<!\b(?:is|are|was|were|be|been|will|would|could|should|can|may|might)\s+)\bthere\b(?!\s*(?:'s|\u2019s|'re|\u2019re)|\s+(?:is|are|was|were|will|would|should|must|might|may|could|can|be|been|need|needs|seems?|any|a|an|no)\b)|\b(?:for|to|on|into|with|about|in)\s+(?:that(?:\s+one)?|it)\s*(?:\?|$|,|\s(?:and|or|but)\b)|\b(?:would|will|does|did|do|might|could|should)\s+(?:that|this)\s+cost\b/i;

function termWeights(terms: readonly WeighedTerm[]): Map<string, WeighedTerm> {
  const map = new Map<string, WeighedTerm>();
  for (const t of terms) {
    const seen = map.get(t.key);
    if (!seen || seen.weight < t.weight) map.set(t.key, t);
  }
  return map;
}

/** Every stem the text says, alone or as part of a concept. */
function stemsOf(terms: ReadonlyMap<string, WeighedTerm>): Set<string> {
  const stems = new Set<string>();
  for (const t of terms.values()) {
    if (!t.key.startsWith('~')) stems.add(t.key);
    for (const part of t.parts ?? []) stems.add(part);
  }
  return stems;
}

interface Said {
  terms: ReadonlyMap<string, WeighedTerm>;
  stems: ReadonlySet<string>;
}

function saidBy(terms: ReadonlyMap<string, WeighedTerm>): Said {
  return { terms, stems: stemsOf(terms) };
}

/** What a question says read together with what `extra` says; the question's own weighing of a term wins. */
function readWith(extra: Said, own: Said): Said {
  return { terms: new Map([...extra.terms, ...own.terms]), stems: new Set([...extra.stems, ...own.stems]) };
}

/** What a form is fitted against: the question and its context. */
export interface AskReading {
  asked: Said;
  context: Said;
}

/** How much of a term without parts the text says: all of it, or as one of the words of a concept. */
function plainCredit(key: string, said: Said): number {
  return said.terms.has(key) ? 1 : said.stems.has(key) ? PARTLY_SAID : 0;
}

/** How much of a form's term the text says: all of it, or one of the words of a concept. */
function credit({ key, parts }: FormTerm, said: Said): number {
  if (!parts) return plainCredit(key, said);
  if (said.terms.has(key)) return 1;
  for (const part of parts) if (said.stems.has(part)) return PARTLY_SAID;
  return 0;
}

/** A form term's credit: what the question says of it, or less, what its context says. */
function earned(asked: number, context: number): number {
  return Math.max(asked, context * CONTEXT_CREDIT);
}

/** Terms as an explanation lists them: heaviest first (of equal weight, in the ask's order). */
export function heaviestFirst(terms: readonly WeighedTerm[]): string[] {
  return [...terms].sort((a, b) => b.weight - a.weight).map((t) => t.text);
}

/** How squarely an entry covers a term the writer used: itself, or failing that one of its words. */
function coverageOf(indexed: IndexedEntry, term: WeighedTerm): number {
  const own = indexed.coverage.get(term.key);
  if (own !== undefined || !term.parts) return own ?? 0;
  let best = 0;
  for (const part of term.parts) best = Math.max(best, indexed.coverage.get(part) ?? 0);
  return best * PART_CREDIT;
}

/** What the ask being scored says of a term: as a term or as a stem, in the question or in its context. */
const ASKED_TERM = 1;
const ASKED_STEM = 2;
const CONTEXT_TERM = 4;
const CONTEXT_STEM = 8;

/**
 * What the ask being scored says of each term of the index, by the term's number (`termIds`):
 * fitting reads it for every term of every form of every entry it reaches (some 500 at 19
 * entries), which by key took a map lookup or four each. Kept from one ask to the next, as
 * pre-ranking's arrays are: `stamp` holds the number of the ask that last marked a term, so a
 * term marked for an earlier ask reads as not said, and nothing needs clearing.
 */
interface Marks {
  stamp: Int32Array;
  flags: Uint8Array;
  ask: number;
}

let marks: Marks | undefined;

function marksFor(size: number): Marks {
  if (!marks || marks.stamp.length < size) marks = { stamp: new Int32Array(size), flags: new Uint8Array(size), ask: marks?.ask ?? 0 };
  return marks;
}

/** Marks the ask's terms (and the words of its concepts) that the index numbers. */
function mark(m: Marks, termIds: ReadonlyMap<string, number>, keys: Iterable<string>, flag: number): void {
  for (const key of keys) {
    const id = termIds.get(key);
    if (id === undefined) continue;
    if (m.stamp[id] !== m.ask) {
      m.stamp[id] = m.ask;
      m.flags[id] = 0;
    }
    m.flags[id] |= flag;
  }
}

function marksOf(asked: Said, context: Said, index: EntryIndex): Marks {
  const m = marksFor(index.termIds.size);
  m.ask += 1;
  mark(m, index.termIds, asked.terms.keys(), ASKED_TERM);
  mark(m, index.termIds, asked.stems, ASKED_STEM);
  mark(m, index.termIds, context.terms.keys(), CONTEXT_TERM);
  mark(m, index.termIds, context.stems, CONTEXT_STEM);
  return m;
}

function flagsOf(m: Marks, id: number): number {
  return m.stamp[id] === m.ask ? m.flags[id] : 0;
}

/** `credit` of a term by its marks: all of it, or as one of the words of a concept (`stem`). */
function markedCredit(flags: number, term: number, stem: number): number {
  return flags & term ? 1 : flags & stem ? PARTLY_SAID : 0;
}

/**
 * What a term earns for each combination of its marks (the four flags): `earned` of its two
 * credits, worked out once here rather than for every term of every form scored.
 */
const EARNED = Float64Array.from({ length: 16 }, (_, flags) =>
  earned(markedCredit(flags, ASKED_TERM, ASKED_STEM), markedCredit(flags, CONTEXT_TERM, CONTEXT_STEM)),
);

/**
 * A concept's marks, as a plain term's would give its `credit`: its own marks as a term, and
 * the marks as a stem of any of its words.
 */
function conceptFlags(m: Marks, { id, partIds }: FormTerm): number {
  let flags = flagsOf(m, id) & (ASKED_TERM | CONTEXT_TERM);
  for (const part of partIds!) flags |= flagsOf(m, part) & (ASKED_STEM | CONTEXT_STEM);
  return flags;
}

/** How much of `form` the ask says, as `credit` and `earned` reckon it, read from the ask's marks. */
function fitOf(form: Form, m: Marks): number {
  let got = 0;
  for (const term of form.terms) got += term.weight * EARNED[term.partIds ? conceptFlags(m, term) : flagsOf(m, term.id)];
  return got / form.weight;
}

/** Whether the ask says any of `ids` (an entry's `formKeys`): an entry none of whose forms it says fits none. */
function saysAny(ids: readonly number[], m: Marks): boolean {
  for (const id of ids) if (m.stamp[id] === m.ask) return true;
  return false;
}

/**
 * The terms of the entry's best form the ask says: as written, or as a concept it half-says
 * ("part of ..."). Worked out when a score is explained, not for every entry scored.
 */
export function matchedTerms(score: EntryScore): string[] {
  const { asked, context } = score.reading;
  const said: string[] = [];
  for (const term of score.form.terms) {
    const own = asked.terms.get(term.key) ?? context.terms.get(term.key);
    if (own) said.push(own.text);
    else if (credit(term, asked) > 0 || credit(term, context) > 0) said.push(`part of "${term.key.replace(/^~/, '').replace(/_/g, ' ')}"`);
  }
  return said;
}

/** Says the term itself: its key, or its key as a stem of a concept said. */
function saysTerm(t: WeighedTerm, said: Said): boolean {
  return said.terms.has(t.key) || said.stems.has(t.key);
}

/**
 * Each word of a concept as a near-miss names it: a one-word concept's word, or two words or more. One word
 * left of a phrase (the name dropped: "OpenID Connect" keeps only "connect") names nothing: "connected apps"
 * is no OpenID Connect.
 */
function saidInWords(t: WeighedTerm, said: Said): boolean {
  const parts = t.parts ?? [];
  if (parts.length === 0 || (parts.length === 1 && /\s/.test(t.text))) return false;
  return parts.every((p) => said.stems.has(p));
}

/**
 * "We run our own integrations marketplace", "we're launching our own partner programme": the writer's own one of a
 * thing Okta also has. A question read with it asks about theirs, and an entry about Okta's one is not about it, whatever
 * words it fits on ("Should vendors register for a developer account before they can join?"). Only a store or a
 * programme a writer's company runs for others (a marketplace, catalogue or app store; a partner, reseller or affiliate
 * programme or network), not "our own app", "our own listing", "our own program" (their software) or "our own login
 * page" (the fields the SWA entries answer about), which are what an ISV asks the FAQ about.
 */
const OWN_THING = new RegExp(
  String.raw`\b(?:our|my)\s+own\s+((?:[\w-]+\s+){0,2}?(?:marketplace|catalog|catalogue|app\s+store|` +
    String.raw`(?:partner|reseller|affiliate)\s+(?:program|programme|network)))\b`,
  'i',
);

/** The writer's own thing named in the ask or the sentences read with it ("their own ..."), or undefined. */
function ownThingOf(ask: Ask): string | undefined {
  const found = OWN_THING.exec(`${ask.text} ${ask.context}`);
  return found ? `their own ${found[1].replace(/\s+/g, ' ')}` : undefined;
}

/**
 * "How much is the AWS Marketplace listing fee?", "How long does the Zoom App Marketplace review take?", "our listing in
 * the ServiceNow Store", "For Ping's technology partner programme, do we need to contact Ping first?": a store or
 * partner programme the question names by another vendor's name. An entry about the FAQ's own one is not about it,
 * whatever words it fits on. The name is another vendor's when no entry's question or phrasing says it ("the Okta
 * marketplace", "the OIN app store" name the FAQ's own); only the question itself is read, not the sentences before it
 * ("Unlike the Zoom marketplace, ... How long does the OIN review take?" asks about the OIN).
 */
const NAMED_STORE =
  /\b([A-Z][\w.&-]*)(?:'s)?\s+(?:(?:app|apps|technology|tech|partner|integration)\s+){0,2}(marketplace|store|app\s+gallery|app\s+directory|(?:partner|technology)\s+program(?:me)?)\b/gi;

/** Another vendor's store or programme the question names ("the AWS Marketplace"), or undefined. */
function otherVendorsThingOf(ask: Ask, index: EntryIndex): string | undefined {
  for (const found of ask.text.matchAll(NAMED_STORE)) {
    const name = found[1];
    // A capital letter names someone ("the AWS Marketplace"), not "the app store", "our partner programme".
    if (!/^[A-Z]/.test(name)) continue;
    const term = ask.terms.find((t) => t.text.toLowerCase() === name.toLowerCase() || t.key === name.toLowerCase());
    // A name the FAQ's own questions say is its own ("the OIN marketplace"); a word that is no term ("The store") names no one.
    if (!term || index.termIds.has(term.key)) continue;
    return `${found[0].replace(/\s+/g, ' ')} (another vendor's)`;
  }
  return undefined;
}

/**
 * "does Microsoft charge anything ...?", "How long does Duo take to approve ...?": a name after an auxiliary verb and
 * before a lower-case word is the subject of the asked verb; "Do we need to contact CyberArk first?": a name after
 * "contact", "ask" or "email" is the one to be contacted. Either verb in either case ("Does Atlassian charge ..."); the
 * name is read by its own case below.
 */
const NAME_AS_SUBJECT = /\b(?:does|do|did|will|would|can|could|should|must)\s+([A-Za-z][\w&-]*)\s+([A-Za-z]+)\b/gi;
const NAME_CONTACTED = /\b(?:contact|ask|email)\s+([A-Za-z][\w&-]*)/gi;
/**
 * "How long is AWS's review?", "Is HubSpot's app certification free?": a name with a possessive before the asked thing
 * owns it; "In Rippling, is the session timeout global?": a name framing the whole question at its start is where the
 * asked thing is. "Our CTO's worry", "my PM's question": a name after "our", "my" and the like is one of the writer's own
 * people, not another vendor.
 */
const NAME_POSSESSIVE = /(?<!\b(?:our|my|your|their|his|her|its)\s+)\b([A-Za-z0-9][\w&-]*)['\u2019]s\s+[A-Za-z]/gi;
const NAME_FRAMING = /^(?:also,?\s+|and\s+)?in\s+([A-Za-z][\w&-]*),/i;

/** Four letters or more one typo from a term the FAQ's forms say ("Octa"): that term misspelt, not another name. */
const MISSPELT_FROM = 4;

/**
 * Whether `word` is one edit from a term the FAQ's forms say (not a synonym group's key). Below the typo reading's
 * length (vocabulary.ts reads typos from five letters), so scanned here; lengths more than one apart are more than
 * one edit apart, the cheap test first. The keys are copied before the scan: walking the Map's iterator in a loop
 * measured slower (`npm run bench`, decide at 20,000 entries 2.38 against 1.37 ms median).
 */
function misspeltTerm(word: string, index: EntryIndex): boolean {
  return [...index.termIds.keys()].some(
    (key) => !key.startsWith('~') && Math.abs(key.length - word.length) <= 1 && editDistance(word, key) <= 1,
  );
}

/** Says every key of one of the groups (the owner's terms: owner.ts `ownTerms`). */
function saysGroup(groups: ReadonlyArray<readonly string[]>, has: (key: string) => boolean): boolean {
  return groups.some((keys) => keys.every(has));
}

/** The question itself names the owner or one of its own programmes: whatever else it names, it is the FAQ's matter. */
function asksOfOwner(ask: Ask, own: ReadonlyArray<readonly string[]>): boolean {
  const keys = new Set(ask.terms.map((t) => t.key));
  return saysGroup(own, (key) => keys.has(key));
}

/**
 * Another vendor the question names as the one who does the asked thing, is to be asked, owns it or frames it ("does
 * Microsoft charge", "contact CyberArk first", "AWS's review", "In Rippling, ..."), or undefined: a capitalised name
 * no entry's question or phrasing says, and no typo of one, in a question that names neither the FAQ's owner nor its
 * own programmes (`ownTerms`: "Is the OIN review longer than Zendesk's?" is the FAQ's matter). An entry whose best
 * form names the owner's own thing is then not about it. Without an owner nothing is read: no entry is known to be the
 * owner's.
 */
function otherVendorAsSubjectOf(ask: Ask, index: EntryIndex): string | undefined {
  const own = index.owner?.ownTerms ?? [];
  if (own.length === 0 || asksOfOwner(ask, own)) return undefined;
  const names = [
    ...[...ask.text.matchAll(NAME_AS_SUBJECT)].filter((m) => /^[a-z]/.test(m[2])).map((m) => m[1]),
    ...[...ask.text.matchAll(NAME_CONTACTED)].map((m) => m[1]),
    ...[...ask.text.matchAll(NAME_POSSESSIVE)].map((m) => m[1]),
    ...(NAME_FRAMING.exec(ask.text)?.slice(1, 2) ?? []),
  ];
  for (const name of names) {
    // A capital letter names someone ("does Duo take", "1Password's"); "do we need", "contact support" name no one.
    if (!/^(?:[A-Z]|\d+[A-Z])/.test(name)) continue;
    const lower = name.toLowerCase();
    const term = ask.terms.find((t) => t.text.toLowerCase() === lower || t.key === lower);
    if (!term || index.termIds.has(term.key)) continue;
    if (lower.length >= MISSPELT_FROM && misspeltTerm(lower, index)) continue;
    return `${name} (another vendor's, as the question's subject)`;
  }
  return undefined;
}

/**
 * "Our sales team moved to Pipedrive last month. Does it support single logout?", "Our shop runs on Wix. Can the session
 * timeout there be changed?": a question whose subject is a pronoun pointing back ("does it", "can they", "their",
 * "them", "there" not in "is there"/"there is"), right after a statement that puts another vendor as the platform the
 * writer's thing lives on or moved to, asks about that vendor's product, read as if the name stood in the question (a
 * plain reading of English). The name counts only in that place (`TOLD_PLATFORM`: "moved/migrated/switched (our X) to",
 * "runs on", "built on/in", "hosted on", "sell/list/publish (X) on/in/through", "use/uses/using NAME", "on the NAME
 * marketplace/app store"), not anywhere in the statement: "OIDC", "January", "our CTO" or a customer named elsewhere is
 * no platform. It is read as `otherVendorAsSubjectOf` reads one: capitalised, or a domain ("monday.com"); no entry's
 * question or phrasing and no owner's term says it, no typo of such a term. Nothing is read when the question names the
 * owner or its own programmes, or without an owner.
 */
const PRONOUN_SUBJECT =
  /\b(?:does|do|did|is|are|was|were|will|would|can|could|should|must)\s+(?:it|they)\b|\b(?:their|them)\b|(?<!\b(?:is|are|was|were|be|will|would|can|could|should|may|might|must|does|do)\s+)\bthere\b(?!\s*(?:is|are|was|were|['\u2019]s|has|have)\b)/i;
const DOMAIN = String.raw`[a-z0-9][\w-]*\.(?:com|io|app|co|net|org|ai|dev|so|me)\b`;
const NAME = String.raw`(?:the\s+)?([A-Z][\w&-]*|\d+[A-Z][\w&-]*|${DOMAIN})`;
const FEW = String.raw`(?:\s+[\w'\u2019-]+){0,4}?`;
const TOLD_PLATFORM = new RegExp(
  [
    String.raw`\b(?:moved|migrated|switched|moving|migrating|switching|move|migrate|switch)${FEW}\s+to\s+${NAME}`,
    String.raw`\b(?:runs|run|running)\s+on\s+${NAME}`,
    String.raw`\bbuilt\s+(?:on|in)\s+${NAME}`,
    String.raw`\bhosted\s+on\s+${NAME}`,
    String.raw`\b(?:sell|sells|selling|sold|list|lists|listing|listed|publish|publishes|publishing|published)${FEW}\s+(?:on|in|through)\s+${NAME}`,
    String.raw`\b(?:use|uses|using)\s+${NAME}`,
    String.raw`\bon\s+the\s+([A-Z][\w&-]*|${DOMAIN})\s+(?:marketplace|app\s+store)\b`,
  ].join('|'),
  'g',
);

function otherVendorToldBefore(ask: Ask, index: EntryIndex): string | undefined {
  const told = ask.toldBefore;
  const own = index.owner?.ownTerms ?? [];
  if (!told || own.length === 0 || !PRONOUN_SUBJECT.test(ask.text) || asksOfOwner(ask, own)) return undefined;
  let toldTerms: WeighedTerm[] | undefined;
  for (const m of told.text.matchAll(TOLD_PLATFORM)) {
    const name = m.slice(1).find((g) => g !== undefined);
    if (!name) continue;
    const lower = name.toLowerCase();
    // "monday.com": a domain is no term of the statement's; its own name is read as a word.
    const word = /^[a-z0-9]/.test(name) ? lower.replace(/\..*$/, '') : lower;
    const term =
      word === lower
        ? (toldTerms ??= analyseWords(told.words, index.vocabulary)).find((t) => t.text.toLowerCase() === lower || t.key === lower)
        : analyse(word, index.vocabulary)[0];
    if (!term || index.termIds.has(term.key) || own.some((keys) => keys.includes(term.key))) continue;
    if (word.length >= MISSPELT_FROM && misspeltTerm(word, index)) continue;
    return `${name} (another vendor's, named just before the question as the writer's platform)`;
  }
  return undefined;
}

/**
 * "Our marketing site has its own small login; it has nothing to do with Okta. ... Is that session timeout a global
 * setting?", "Our agent reads their Active Directory directly; Okta is not involved at all. How can our agent use their
 * AD groups?": the writer says the owner plays no part in what they describe, so the question is about their own thing
 * and no entry (each about the owner's) is about it. Read in the question and the sentences read with it; a question
 * that itself names the owner or its own programmes is the FAQ's matter.
 */
function ownerNotInvolvedIn(ask: Ask, index: EntryIndex): string | undefined {
  const owner = index.owner;
  if (!owner || asksOfOwner(ask, owner.ownTerms)) return undefined;
  const found = owner.notInvolved.exec(`${ask.text} ${ask.context}`);
  return found ? `${found[0].replace(/\s+/g, ' ')} (the writer's own thing)` : undefined;
}

/**
 * The entry is about the FAQ owner's own thing: its best form, or its own question, names the owner or one of its own
 * programmes (owner.ts `ownTerms`). A phrasing may leave the owner unsaid ("Can the session length be set per
 * application?") where the entry's question says whose it is ("... a setting that an Okta administrator can change?").
 */
function namesOwner(form: Form, indexed: IndexedEntry, index: EntryIndex): boolean {
  const own = index.owner?.ownTerms ?? [];
  const says = (f: Form) => saysGroup(own, (key) => f.terms.some((t) => t.key === key));
  return says(form) || indexed.forms.some((f) => f.kind === 'question' && says(f));
}

/**
 * What the sentences before the question say the writer turns from ("We want it listed in the Auth0 Marketplace rather
 * than the OIN. Is there a fee to be listed there?"), when the entry's best form names it and the question itself does
 * not: in "X rather than Y" the writer is about X, so an entry about Y answers the other thing. Undefined otherwise.
 */
function turnedFromIn(ask: Ask, form: Form, asked: Said): string | undefined {
  // Most asks turn from nothing: no closure per entry for them.
  if (ask.turnedFrom.length === 0) return undefined;
  // A vague question ("Is that the case?") asks about what was said, the contrast with it; an entry naming what the
  // writer turns to as well ("WS-Fed rather than SAML") is about the choice itself.
  const names = (key: string) => form.terms.some((f) => f.key === key || (f.parts ?? []).includes(key));
  if (ask.vague || ask.turnedTo.some((t) => names(t.key))) return undefined;
  for (const t of ask.turnedFrom) {
    if (saysTerm(t, asked)) continue;
    if (names(t.key)) return `${t.text} (what the writer turns from)`;
  }
  return undefined;
}

/** Says every term of a near-miss: the term itself, or each word of a concept. */
function saysNearMiss(miss: NearMiss, said: Said): boolean {
  return miss.terms.every((t) => saysTerm(t, said) || saidInWords(t, said));
}

export function scoreAsk(ask: Ask, index: EntryIndex): EntryScore[] {
  const asked = termWeights(ask.terms);
  const context = termWeights(ask.contextTerms);
  // What the coverage is judged on: the question, and what a vague one refers to. What a
  // pointing one ("changing these") points at counts where the entry covers it, and is
  // not held against an entry that does not: the sentences around say more than is asked.
  const judged = new Map<string, { term: WeighedTerm; share: number; creditOnly: boolean }>();
  if (ask.vague || ask.refersBack) {
    for (const t of context.values())
      judged.set(t.key, { term: t, share: ask.vague ? CONTEXT_CREDIT : REFERENT_SHARE, creditOnly: !ask.vague });
  }
  for (const t of asked.values()) judged.set(t.key, { term: t, share: 1, creditOnly: false });
  const askedSaid = saidBy(asked);
  const contextSaid = saidBy(context);
  const reading: AskReading = { asked: askedSaid, context: contextSaid };
  // A vague question is about what its context says; a clear one about what it says itself. A short one names little of
  // its own: what makes it another matter than the entry's is said before it ("Our app uses OpenID Connect. Does single
  // logout work there?", "We hope to attend Oktane. Where do we register?"), so its near misses are read with that too;
  // with the sentences that tell only, for one that asks its own thing ("second, can you give us extra licences; third,
  // is there a fee?") sets no topic for the next.
  const about = ask.vague
    ? readWith(contextSaid, askedSaid)
    : wordCount(ask.text) <= SHORT_QUESTION_WORDS || POINTS_AT_TOLD.test(ask.text)
      ? readWith(saidBy(termWeights(ask.toldTerms)), askedSaid)
      : askedSaid;
  const candidates = preRank(judged.values(), index);
  const said = marksOf(askedSaid, contextSaid, index);
  // Read at the first entry that defines a term, then kept: the ask is the same for every entry.
  let asksDefinition: boolean | undefined;
  const ownThing = ownThingOf(ask) ?? otherVendorsThingOf(ask, index) ?? ownerNotInvolvedIn(ask, index);
  const otherVendor = otherVendorAsSubjectOf(ask, index) ?? otherVendorToldBefore(ask, index);
  const scores: EntryScore[] = [];
  for (const indexed of candidates) {
    // Reached for what it covers, but none of its forms holds a word the ask says: it fits none.
    if (!saysAny(indexed.formKeys, said)) continue;
    let form: Form | undefined;
    let fit = 0;
    for (const candidate of indexed.forms) {
      const candidateFit = fitOf(candidate, said);
      if (!form || candidateFit > fit) {
        form = candidate;
        fit = candidateFit;
      }
    }
    if (!form || fit === 0) continue;
    let covered = 0;
    let total = 0;
    const uncovered: WeighedTerm[] = [];
    for (const { term, share, creditOnly } of judged.values()) {
      const covers = coverageOf(indexed, term);
      covered += term.weight * share * covers;
      total += term.weight * share * (creditOnly ? covers : 1);
      if (covers === 0 && !creditOnly) uncovered.push(term);
    }
    const coverage = total > 0 ? covered / total : 0;
    const definitionUnasked =
      indexed.defines && !(asksDefinition ??= ASKS_DEFINITION.test(ask.vague ? `${ask.text} ${ask.context}` : ask.text));
    const notAbout =
      indexed.notAbout.find((miss) => saysNearMiss(miss, about))?.text ??
      ownThing ??
      (otherVendor && namesOwner(form, indexed, index) ? otherVendor : undefined) ??
      turnedFromIn(ask, form, askedSaid);
    const penalty = (definitionUnasked ? DEFINITION_UNASKED : 1) * (notAbout ? NOT_ABOUT_PENALTY : 1);
    // Every score has the same fields (notAbout undefined when none): one shape, not two, for the code reading them.
    scores.push({
      indexed,
      score: Math.pow(fit, FIT_EXPONENT) * Math.pow(coverage, 1 - FIT_EXPONENT) * penalty,
      definitionUnasked,
      notAbout,
      fit,
      coverage,
      form,
      reading,
      uncovered,
    });
  }
  return scores.sort((a, b) => b.score - a.score);
}
