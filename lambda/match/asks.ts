/**
 * Reads an inquiry the way a support engineer does: finds what the writer asks (not
 * everything they tell), what each vague question ("is this possible?") refers to, and
 * what they ask a person to do.
 */
import type { HandoverCues, HandoverHit } from './handover';
import { findHandover, isStateHit, onlySaysFixed, toldFixed } from './handover';
import { isNudge } from './nudge';
import { isForwardSubject, isReplySubject, withoutSubjectPrefixes } from '../mail/subject-prefixes';
import { MAX_SENTENCES } from './limits';
import { findOwnInstance, type OwnInstanceCue } from './own-instance';
import type { OwnerReadings } from './owner';
import { NAMES_OUR_TEXT, saysAlreadyRead } from './already-read';
import {
  SETTLED_IN_PASSING,
  asksPleaseToDo,
  statesAlsoNeed,
  isBoilerplate,
  onlyThanks,
  pointsBackAtAsked,
  requestKind,
  splitItems,
  type Item,
  type RequestKind,
} from './sentences';
import { withoutRelayLeadIn } from './relay';
import { analyseWords, saysAnything, type Vocabulary, type WeighedTerm } from './vocabulary';
import { BARE_ASK_WORDS, CONTEXT_SENTENCES, MIN_ASKED_TERMS, OWN_CONTEXT_SENTENCES, SHORT_PLEA, VAGUE_WEIGHT } from './weights';
import { wordsOf, type Word } from './words';

export interface Inquiry {
  subject: string;
  newText: string;
  forwardedText: string;
}

export type AskSource = 'body' | 'subject' | 'forwarded';
/** Where the ask stands: the subject line, a paragraph, or an entry of a bulleted or numbered list. */
export type AskPosition = 'subject' | 'body' | 'list-item';

export interface Ask {
  /** The sentences that ask, as written. */
  text: string;
  /** What a vague question refers to: the sentences before it (and the subject). */
  context: string;
  source: AskSource;
  /** How its first sentence asks: a question, a statement that asks, or a command. */
  kind: RequestKind;
  position: AskPosition;
  terms: WeighedTerm[];
  contextTerms: WeighedTerm[];
  /**
   * What the sentences of the context that only tell say (not those that ask their own thing): a short question's near
   * misses are read on them too.
   */
  toldTerms: WeighedTerm[];
  /**
   * What the told sentences before it say the writer turns from ("... in the Auth0 Marketplace rather than the OIN"):
   * an entry about that is not what is asked (contrast round).
   */
  turnedFrom: WeighedTerm[];
  /** What those sentences turn to instead (the words just before "rather than"): an entry naming both weighs the two. */
  turnedTo: WeighedTerm[];
  /** The question says too little by itself; its context says what it is about. */
  vague: boolean;
  /** Vague, and one telling word is all it and its context say ("Test", "OIN"): no entry can answer it. */
  saysTooLittle: boolean;
  /** The question points back at its context ("changing these"): what it asks includes what it points at. */
  refersBack: boolean;
  /**
   * The statement told just before the question, in its paragraph or ending the paragraph before ("Our sales team moved to
   * Pipedrive last month. Does it support single logout?"): score.ts reads another vendor it names as what a pronoun
   * subject of the question points at. Its words are weighed there, when a name stands in a platform's place (rare).
   */
  toldBefore?: { text: string; words: readonly Word[] };
  /** The context holds sentences of the message, not only its subject. */
  contextFromBody: boolean;
  /**
   * Vague, with another question in the mail, right after a statement of what the writer needs done ("We need his dev
   * org moved to me. Is that something you can do?"): it points at that need, not at the other question, so no entry
   * sent for that question answers it by restating it (judge.ts).
   */
  pointsAtNeed: boolean;
  /**
   * Turns to another point and asks the reader to do something ("..., and also could you please book her onto the next
   * session?"): a request of its own, so no entry sent for the question before answers it by restating it (judge.ts).
   */
  turnsToAct: boolean;
  /** The question sentences of an ask that has several: each may bring an answer of its own. */
  parts: readonly string[];
  /** The words of each of `parts`, as split for reading the ask: read again on its own, a part is not split again. */
  partWords: ReadonlyArray<readonly Word[]>;
  /**
   * A part (`partsOf`) that is the later of two whole questions, opened by a joining word ("Is it free? And must we ask
   * first?"): the writer marks a second question of its own, not a follow-up narrowing the first.
   */
  markedSecond?: boolean;
  /**
   * The words of `text` (a relayed question's without its lead-in: relay.ts), then of `context`, as split for reading
   * them (request-words.ts reads them all).
   */
  words: readonly Word[];
}

export interface PersonSentence extends HandoverHit {
  sentence: string;
}

export interface Reading {
  asks: Ask[];
  /** Sentences that ask for what only a person can do, or report a problem. */
  forPerson: PersonSentence[];
  /**
   * Sentences for a person outside the text read for questions: the subject's, and the forwarded
   * mail's when the writer's note asks on its own. For a person as a body sentence is, kept apart
   * from `forPerson` because the answer model was fitted on those alone (answer-features.ts reads them).
   */
  alsoForPerson: PersonSentence[];
  /** The writer points at a question further down ("see the question below"). */
  pointsBelow: boolean;
  /** Sentences about the writer's own instance (their org, ticket, an error they see): evidence against an FAQ answer. */
  ownInstance: OwnInstanceCue[];
  /**
   * Sentences saying the writer read an entry of the FAQ, or what it says (./already-read), with what they quote after a
   * colon: each an ask of its own words but for those naming the FAQ itself ("entry", "FAQ"), for evidence.ts to find
   * the entry it names.
   */
  alreadyRead: Ask[];
}

/**
 * A statement of what the writer, or someone on their side, needs or wants ("We need his dev org moved to me.", "Our CFO
 * asked for an invoice.", "We'd like an exception to the review order.").
 */
const STATES_NEED = /\b(?:needs?|wants?|(?:would|'d|\u2019d)\s+(?:also\s+|really\s+)?(?:like|love)|asked for|asking for|requires?)\b/i;

/** A question that points back ("such an app", "like this", "changing these") needs what it points at. */
const REFERS_BACK = /\b(?:this|these|those|such)\b|\blike (?:ours|theirs|that)\b/i;
/**
 * "That" as the object of what is asked about ("Can the wizard handle that?", "How do we do that in the wizard?"),
 * not introducing a clause ("a FAQ that covers SCIM"), or "it" after the same verbs ("can our app connect to it?"). Read
 * as pointing back only in a list entry right after an entry that tells ("- Our login page has an extra field."), or in
 * a question opening its paragraph right after a paragraph that ends telling: there it points at that sentence. Measured
 * wider ("that" before any stop, after any entry that tells), it moved the leave-one-set-out refit against dev and
 * train-b; the paragraph case (probes/anaphora) left the folds, the refit and every other probe as they were.
 */
const THAT_POINTS_BACK =
  /\b(?:do|handle|support|manage|configure|set up|achieve|model|connect to|deal with)\s+(?:that|it)(?=\s*(?:\?|$)|\s+(?:in|with|through|via|using)\b)/i;
/**
 * "That way" ("If we build it that way, ..."), or "that", "it" or "there" as a pronoun ending a clause of the ask, before a
 * comma or a joining word ("Can we keep doing that, or ...?", "What do we put there so every customer works?"): a plain
 * reading of English, read as pointing back under the same condition as THAT_POINTS_BACK (a question opening its
 * paragraph right after a paragraph that ends telling). Not "that" or "it" before a clause or noun of the ask's own
 * ("a guide that covers", "is it possible"), nor "is there a ...". Measured with "that" before "?" too ("Who controls
 * that?"): it turned two probes into answers sent with nobody told; "it" or "there" before "?" moved the fit
 * (reachback round, issue 8).
 */
const PRONOUN_POINTS_BACK = /\b(?:(?:that|it)(?=\s*[,;])|(?:that|it|there)(?=\s+(?:so|or|and|but|before|now|too)\b)|that way\b)/i;
/**
 * "That" as the subject of a question, right after the auxiliary opening it ("Can that happen through you?", "How is
 * that handled for an app like ours?", "What's that thing called?", "Is that the right kind of account?"): after "is",
 * "can" or "does" "that" cannot open a clause, so in plain English it points at what was said before. Read as pointing
 * back under the same condition as THAT_POINTS_BACK (devsymptom3 round, issue 8).
 */
const SUBJECT_THAT_POINTS_BACK =
  /^\W*(?:(?:how|what|where|who)['’]s\s+|(?:(?:how|what|where|when|why|who|which)\s+)?(?:is|was|are|can|could|does|did|will|would|should|may|might)\s+)that\b/i;
/**
 * A short question whether what was just told is so ("Is he right?", "Is that true?", "Am I right?", "Does that sound
 * right?"), or how to do what was just told ("How do we do that?", "Can we do it?", "Is that possible?"): in plain English
 * it asks about the sentence before it, which is read as the ask (pointback3 round, issue 8). So do "Have I got that
 * right?", "Did I get it right?" and, after a told worry, "Would that happen?", "Could that happen?", "Is that a risk?"
 * (pointback4 round). "Have I got this right?" is left out: on plancheck p18 the told description of SWA read as the ask
 * sent the extra-fields entry with nobody told, where nothing was sent before. An alternative that only doubts may follow
 * ("Am I right, or is there a catch somewhere?", "Is that right, or am I missing something?", "..., or not?"): it asks
 * nothing else (guessfix round, plainmonth19 p01).
 */
const CONFIRMS_TOLD =
  /^\W*(?:(?:is|isn['’]?t|was)\s+(?:that|he|she|they|it|this)\s+(?:right|true|correct|so)|(?:are|were)\s+(?:they|we)\s+(?:right|correct)|am\s+i\s+(?:right|correct)|(?:have|did)\s+i\s+(?:got|get|understood|understand)\s+(?:that|it)\s+(?:right|correct(?:ly)?)|(?:does|do)\s+(?:that|this)\s+sound\s+(?:right|correct)|(?:would|could|will|can|might)\s+(?:that|this)\s+(?:really\s+)?happen|is\s+(?:that|this)\s+a\s+(?:real\s+)?risk)(?:\s*,?\s+or\s+(?:not|am\s+i\s+(?:wrong|mistaken|missing\s+something)|have\s+i\s+(?:got\s+(?:that|it)\s+wrong|missed\s+something)|is\s+there\s+(?:a|any)\s+catch(?:\s+\w+)?))?\s*\?\s*$/i;
const ASKS_HOW_OF_PLAN =
  /^\W*(?:is\s+(?:that|this|it)\s+possible|how\s+(?:do|can|would|should)\s+(?:we|i)\s+do\s+(?:that|it|this)|(?:can|could)\s+(?:we|i)\s+do\s+(?:that|it|this))\s*\?\s*$/i;
/**
 * A sentence reporting what someone says, believes or fears ("our sales team says", "my colleague insists", "I was told",
 * "our board member is worried that ..."): a worry reported is a claim of what may be so, not a problem to fix.
 */
const REPORTS_CLAIM =
  /\b(?:says?|said|insists?|claims?|thinks?|believes?|told (?:me|us)|was told|were told|heard|(?:is|are|was|were|gets?|got)\s+(?:worried|afraid|concerned)\s+(?:that|about)|fears?\s+that)\b/i;
/** A told plan or need: "we need to change ...", "we'd like to ...", "we plan to ...". */
const STATES_PLAN = /\b(?:need|needs|want|wants|(?:would|'d|’d)\s+(?:also\s+|really\s+)?like|plan(?:ning)?|going|hoping|trying)\s+to\b/i;
/** A question that only points at a forwarded one. */
const POINTS_BELOW =
  /\b(?:below|underneath|forward(?:ed|ing)|see (?:the )?(?:thread|trail|mail|email|message)|attached (?:e-?mail|mail|message)|(?:e-?mail|mail|message) (?:is |are )?attached)\b/i;
/**
 * "Our customer's IT team asks us below: can the session differ per app?": "below" for "as follows", the question written
 * after its colon in the same sentence, which asks it there rather than pointing at mail further down.
 */
const ASKED_AFTER_BELOW = /\b(?:below|underneath)\s*:\s*(?:\S+\s+){4}\S/i;
/**
 * A statement that tells of a question below ("A customer asks below whether ...", "Forwarding a question from our CTO
 * below"): the forwarded mail asks it, beside whatever the note asks of its own.
 */
const TELLS_OF_QUESTION = /\b(?:asks?|asked|asking|questions?|quer(?:y|ies)|enquir(?:y|ies)|inquir(?:y|ies))\b/i;
/** ... unless the writer withdraws it ("No need to answer the question below, we sorted that out"). */
const WITHDRAWN =
  /\b(?:no need|(?:do not|don't|dont|does not|doesn't|doesnt) need|no longer|ignore|disregard|never ?mind|answered|(?:figured|sorted|worked) (?:\w+ )?out|resolved|solved)\b/i;
/**
 * A note right after a question, in its own list entry or paragraph, that takes it back: "(we believe yes - no need to
 * answer this one)", "- skip this one, already answered". A questionnaire's writer settles some items themself.
 */
const TAKES_BACK =
  /\b(?:no need to (?:answer|reply to|respond to|cover|address)|(?:please\s+)?(?:ignore|skip|disregard) (?:this|that)(?: one| question| item| point)?\b|already answered)/i;
/**
 * A sentence that takes back what the writer asked, here or in earlier mail: "Please ignore my earlier email", "No action
 * needed", "nothing needed from you" (selfcorrect probe round). Like a question the writer settles, it leaves the subject
 * naming what was asked, not a question left over.
 */
const WITHDRAWS_ASKING = new RegExp(
  String.raw`\b(?:(?:ignore|disregard) my (?:earlier|previous|last|other) (?:e-?mail|mail|message|question|request)s?|` +
    String.raw`no (?:action|reply|response|answer) (?:is )?(?:needed|required|necessary)|nothing (?:is )?(?:needed|required) from (?:you|your side))\b`,
  'i',
);
/**
 * A note that opens by taking back what was just asked: "Never mind - saw it's free.", "Scratch both - our architect
 * answered them." It may open the next paragraph, as an afterthought does (selfcorrect probe round).
 */
const TAKES_BACK_OPENING = /^\W*(?:never ?mind|scratch (?:that|this|both|those|them|it))\b/i;
/**
 * The sentence right after a question, in its paragraph, answering it: "Is it worth it? Absolutely.", "Do we pay to list?
 * No - your FAQ says it is free.", "Was it fast? Not really.", "Did we need to contact you first? Turns out no.", "Why
 * build for Okta only? We didn't: ...". A rhetorical or self-answered question: it asks nothing of us.
 */
const ANSWERS = new RegExp(
  String.raw`^(?:(?:honestly|frankly|well|so|short answer|in short)[,:]?\s+)?(?:(?:yes|yeah|yep|yup|no|nope|nah|not really|not yet|` +
    String.raw`not at all|not quite|absolutely(?: not)?|definitely(?: not)?|of course(?: not)?|certainly(?: not)?|probably(?: not)?|` +
    String.raw`hardly|nothing|never)\s*(?:[,.;:!\u2013\u2014-]|$)|(?:we|i|it|they|that|this) ` +
    String.raw`(?:do|did|does|is|are|was|were|can|could|will|would|have|has|had|should)(?:n't|nt| not)?\s*(?:[,.;:!\u2013\u2014-]|$)|` +
    String.raw`(?:it )?(?:turns|turned) out\b|not with\b|not a (?:cent|penny|dime|thing)\b)`,
  'i',
);
/**
 * What the writer thinks or decided settles a question of their own judgement ("Is it worth it? We think so.") or a yes-or-no
 * one ("Should we list now or after GA? We decided to wait."), not a question of fact about us ("Does the OIN charge a fee? We
 * think so, since ...") nor a wh-question ("What happens after we submit? We decided to submit next week."): writers say what
 * they think or plan and still ask (measured at stop 53).
 */
const THINKS = /^(?:(?:honestly|frankly|well|so)[,:]?\s+)?(?:we|i) (?:think|believe) (?:so|not)\s*(?:[,.;:!\u2013\u2014-]|$)/i;
const DECIDED = /^(?:(?:we|i)(?:'ve| have)?(?:\s+[\w']+){0,5}?\s+(?:decided|chose|opted|concluded|settled on|went with|gone with))\b/i;
const ASKS_JUDGEMENT =
  /^\W*(?:is it (?:really )?worth|should (?:we|i)\b|would it (?:make sense|be (?:wise|better))|does it make sense|is it (?:a good idea|wise|better))/i;
const YES_OR_NO = /^\W*(?:is|are|do|does|did|can|could|should|would|will|was|were|has|have|must|may)\b/i;
/** "Why SAML? Because our customers asked.": a why-question answered by its reason. */
const WHY = /^\W*why\b/i;
const BECAUSE = /^(?:because|'?cause)\b/i;
/** An answer that hedges ("Yes, we assume so, but can you confirm?") leaves the question open. */
const HEDGES =
  /\b(?:confirm\w*|correct|verify|double[- ]?check\w*|not sure|unsure|uncertain|assum\w*|guess\w*|hop(?:e|ing)|unless|as far as)\b/i;

/** Whether `note`, the statement right after the question `question`, answers it (a rhetorical or settled question). */
export function answersQuestion(question: string, note: string): boolean {
  const said = note.replace(/^["'\u201c\u2018\s]+/, '');
  if (HEDGES.test(said)) return false;
  return (
    ANSWERS.test(said) ||
    (WHY.test(question) && BECAUSE.test(said)) ||
    (ASKS_JUDGEMENT.test(question) && THINKS.test(said)) ||
    (YES_OR_NO.test(question) && DECIDED.test(said))
  );
}
/** A question put to the reader ("Could you explain it?", "Can someone help?"), not about the world. */
const ASKS_READER = /\b(?:you|your|someone|somebody|anyone|anybody)\b/i;
/**
 * A request that the reader do something ("Can you send us ...?", "could someone tell me why ..."), not a question put
 * in their words about how things are ("do you bill the extra calls?", "does your listing page show up?").
 */
const ASKS_READER_TO_ACT = /\b(?:can|could|would|will)\s+(?:you|someone|somebody|anyone|anybody)\b/i;
/** Whether the sentence asks the reader to do something ("Can you send us ...?") rather than how things are. */
export function asksReaderToAct(sentence: string): boolean {
  return ASKS_READER_TO_ACT.test(sentence);
}
/**
 * A question that asks who does something, or asks the reader to do it ("Who decides that?", "Is that something you can
 * do for us?"); not one about what is so ("We want ten minutes. Is this possible?").
 */
const ASKS_PERSON = new RegExp(String.raw`\bwhom?\b|${ASKS_READER.source}`, 'i');
/** A vague question with one of these words, next to a reported problem, asks for help with that problem. */
const HELP_WORDS = /\b(?:help|idea|ideas|missing|wrong|fix|solve|resolve|troubleshoot|going on|happening|why)\b/i;

/** Words that ask for help without saying with what. */
const PLEA_TERM = /^(?:guidance|advice|help|input|thoughts?|pointers?|suggestions?|ideas?|share|fyi|assist\w*)$/i;

/** A sentence that ends on a quoted question ('... the answer to "Is it free?"'). */
const QUOTES_QUESTION_READ = /\?\s*["\u201d]\s*[.:]?\s*$/;

/** A body that only seconds what the thread says: "+1", "me too", "same here". */
const ONLY_A_VOTE = /^\s*(?:\+\s*1|me too|same here|same)\s*[.!]*\s*$/i;

/** The subject's own ask is read without a subject beside it. */
const NO_SUBJECT: Read = { text: '', words: [] };

function cleanSubject(subject: string): string {
  return withoutSubjectPrefixes(subject).trim();
}

function weightOf(terms: readonly WeighedTerm[]): number {
  return terms.reduce((sum, t) => sum + t.weight, 0);
}

type Kind = 'question' | 'statement' | 'person';

/** A text and its words, split once: the hand-over cues, the question and the context around it all read them. */
interface Read {
  text: string;
  words: readonly Word[];
}

/**
 * The words of texts in a row, as those of the texts joined by spaces. Joined by `concat`:
 * `flatMap` took ~10 times as long (Node 20, optimised or not), for every question read.
 */
function wordsIn(texts: readonly Read[]): Word[] {
  return ([] as Word[]).concat(...texts.map((t) => t.words));
}

/** The texts, pushed rather than `map`ped: one array layout whether or not V8 has compiled this yet (vocabulary.ts, readAll). */
function textsOf(reads: readonly Read[]): string[] {
  const texts: string[] = [];
  for (const read of reads) texts.push(read.text);
  return texts;
}

interface Line extends Read {
  kind: Kind;
  request?: RequestKind;
  opensPoint: boolean;
  item: number;
  listed: boolean;
  hit?: HandoverHit;
  /** The sentence this one was split from ("X, and how do we Y?"). */
  joined?: string;
}

/**
 * The sentences a question at `index` is read with: those before it in its own paragraph
 * or list entry; for a vague or pointing question with little of that, also the
 * paragraphs before — but never another entry of the same list, which asks its own thing.
 * A list entry that points back ("- How do we handle that?") may also read the entries
 * before it that only tell ("- Each customer has its own subdomain.").
 */
function contextOf(all: readonly Line[], index: number, reachBack: boolean, pointsBack: boolean): Line[] {
  const { item, listed } = all[index];
  const own = all.slice(0, index).filter((l) => l.item === item);
  if (!reachBack || own.length >= OWN_CONTEXT_SENTENCES) return own.slice(-CONTEXT_SENTENCES);
  const earlier = all.slice(0, index).filter((l) => l.item !== item && !(listed && l.listed && !(pointsBack && l.kind === 'statement')));
  return [...earlier, ...own].slice(-CONTEXT_SENTENCES);
}

/**
 * The statements told right before the question at `index`: those of its own paragraph or list entry back to the
 * previous question, or, for a question opening its own, the statements ending the paragraph before (not across a
 * list's entries).
 */
function toldJustBefore(all: readonly Line[], index: number, claims: boolean): Line[] {
  const { item, listed } = all[index];
  // A claim someone is reported to make ("Our sales team says it won't work with Entra ID") tells what they say, not a problem.
  const tells = (l: Line) => l.kind === 'statement' || (claims && l.kind === 'person' && REPORTS_CLAIM.test(l.text));
  const before = index > 0 ? all[index - 1] : undefined;
  if (before === undefined || !tells(before) || before.listed !== listed) return [];
  const from = before.item === item ? item : before.item;
  if (before.item !== item && listed) return [before];
  let k = index - 1;
  while (k > 0 && all[k - 1].item === from && tells(all[k - 1])) k -= 1;
  return all.slice(k, index).slice(-CONTEXT_SENTENCES);
}

/**
 * What a one-sentence question at `index` asks about when it only points at what was told before it: "He says it will
 * only work with Okta. Is he right?" asks about the claims told right before it (its own paragraph's, or the paragraph
 * before when it opens its own); "We need to change our phone number. How do we do that?" asks about the plan. Empty
 * when the question is not of those kinds.
 */
function toldAskedAbout(all: readonly Line[], index: number): Line[] {
  const confirms = CONFIRMS_TOLD.test(all[index].text);
  const told = toldJustBefore(all, index, confirms);
  if (confirms) return told;
  const plan = told.at(-1);
  return plan !== undefined && ASKS_HOW_OF_PLAN.test(all[index].text) && STATES_PLAN.test(plan.text) ? [plan] : [];
}

/**
 * The part of a sentence that names what the writer turns from: "rather than", "instead of", "as opposed to" and what
 * follows, up to the end of the clause ("We want it listed in the Auth0 Marketplace rather than the OIN."). In "X rather
 * than Y" the writer is about X; Y names the other thing, so an entry about Y answers what the writer turned from
 * (score.ts, turnedFromIn). A plain reading of English (contrast round, issue 8).
 */
const CONTRAST =
  /\b(?:rather\s+than|instead\s+of|as\s+opposed\s+to)\s+[^,.;:!?()]*?(?=\s*[,.;:!?()]|\s+(?:and|but|so|because|since|while|which|who)\b|\s*$)/gi;

/**
 * What the told sentences turn from (the words after each "rather than", "instead of", "as opposed to": CONTRAST) and
 * what they turn to (the last two telling words of the clause before it, "called WS-Fed"), in one pass over each.
 */
function contrastsIn(told: readonly Read[]): { from: Word[]; to: Word[] } {
  const from: Word[] = [];
  const to: Word[] = [];
  for (const { text } of told) {
    for (const m of text.matchAll(CONTRAST)) {
      from.push(...wordsOf(m[0].replace(/^\S+\s+\S+(?:\s+to)?\s+/, '')));
      const clause =
        text
          .slice(0, m.index)
          .split(/[,;:()]/)
          .at(-1) ?? '';
      to.push(
        ...wordsOf(clause)
          .filter((w) => !w.stop)
          .slice(-2),
      );
    }
  }
  return { from, to };
}

/** Whether the sentence after the item's sentence `at` only says a fault is over ("We've fixed it."). */
function fixedNext(item: Item, at: number): boolean {
  const next = item.sentences[at + 1];
  return next !== undefined && onlySaysFixed(next.text);
}

/**
 * Whether the text tells a fault the writer says is over, in its own sentence ("that one was our bug and it is fixed
 * now") or in the next ("... came back rejected. We've fixed it."): the subject's fault word ("SCIM questions after a
 * crash") then names the same fault, as context.
 */
function faultToldOver(items: Item[], cues: HandoverCues): boolean {
  return items.some(
    (item) =>
      !item.machine &&
      item.sentences.some((s, at) => {
        if (toldFixed(s.text, cues)) return true;
        const hit = fixedNext(item, at) ? findHandover(s.text, cues) : undefined;
        return hit !== undefined && isStateHit(hit, cues);
      }),
  );
}

/** The sentences of the items, read. A loop, not `flatMap` (see wordsIn): it runs for every text. */
function lines(items: Item[], cues: HandoverCues, vocabulary: Vocabulary): Line[] {
  const all: Line[] = [];
  items.forEach((item, index) => {
    // A disclaimer is a paragraph: one boilerplate sentence marks all of it.
    if (item.sentences.some((s) => isBoilerplate(s.text))) return;
    item.sentences.forEach((s, at) => {
      const words = wordsOf(s.text);
      // A question joined to a request for a person ("How do we get removed, and what happens then?") goes with it;
      // one that asks its own thing before the request ("do we pay to publish, and can they fast-track our review?")
      // is read in its own right. Pasted machine lines report nothing by their words ("LOG_LEVEL: error"); the
      // writer's own sentences say what is wrong.
      // A sentence addressed to someone else ("Maria, can you check ...?") asks nothing of us, for a person or an entry.
      const own = item.machine || s.elsewhere || s.corrects ? undefined : findHandover(s.text, cues, words);
      const before =
        s.joined !== undefined &&
        !own &&
        item.sentences.slice(at + 1).some((later) => later.joined === s.joined && findHandover(later.text, cues)) &&
        weightOf(analyseWords(words, vocabulary)) >= VAGUE_WEIGHT;
      // A machine line is never split (it has no `joined`), so its `own` stands.
      const found = s.joined === undefined || before || s.elsewhere || s.corrects ? own : (own ?? findHandover(s.joined, cues));
      // "Our first submission came back rejected ... We've fixed it.": a fault the next sentence says is over is context.
      const hit = found && fixedNext(item, at) && isStateHit(found, cues) ? undefined : found;
      if (hit) {
        all.push({
          text: s.text,
          words,
          kind: 'person',
          item: index,
          listed: item.listed,
          opensPoint: s.opensPoint,
          hit,
          joined: s.joined,
        });
        return;
      }
      // 'I read the answer to "am I building an integration that only works with Okta?"': the question is the entry's, quoted.
      const kind = s.asks && !(QUOTES_QUESTION_READ.test(s.text) && saysAlreadyRead(s.text)) ? 'question' : 'statement';
      // A relayed question is scored on the clause relayed: who relays it names no topic ("My manager asks me to find out
      // how ..." is not about managing).
      const relayed = kind === 'question' ? withoutRelayLeadIn(s.text) : s.text;
      all.push({
        text: s.text,
        words: relayed === s.text ? words : wordsOf(relayed),
        kind,
        item: index,
        listed: item.listed,
        opensPoint: s.opensPoint,
        request: s.request,
        joined: s.joined,
      });
    });
  });
  return all;
}

/** Where an ask was read (body, subject or forwarded mail; a paragraph or a list entry) and how its first sentence asks. */
interface Placing {
  source: AskSource;
  kind: RequestKind;
  position: AskPosition;
}

/** `question` and `terms`: the question, already read by the caller (each text is analysed once). */
function makeAsk(
  question: Read,
  terms: WeighedTerm[],
  contextLines: readonly (Read & { kind?: Kind })[],
  subject: Read,
  placing: Placing,
  vocabulary: Vocabulary,
  parts: readonly Read[],
  refersBack = REFERS_BACK.test(question.text),
  bare = false,
): Ask {
  const vague = weightOf(terms) < VAGUE_WEIGHT;
  const withSubject = (vague || refersBack) && subject.text !== '';
  const read = withSubject ? [...contextLines, subject] : contextLines;
  const context = textsOf(read).join(' ');
  const contextWords = wordsIn(read);
  const contextTerms = analyseWords(contextWords, vocabulary);
  // Without the subject the context is the body's sentences alone: their terms are the context's.
  const contextFromBody = withSubject ? saysAnything(wordsIn(contextLines), vocabulary) : contextTerms.length > 0;
  const told = contextLines.filter((l) => l.kind === 'statement');
  const contrasts = contrastsIn(told);
  return {
    text: question.text,
    context,
    ...placing,
    terms,
    contextTerms,
    toldTerms: analyseWords(wordsIn(told), vocabulary),
    turnedFrom: analyseWords(contrasts.from, vocabulary),
    turnedTo: analyseWords(contrasts.to, vocabulary),
    vague,
    saysTooLittle: (vague || bare) && new Set([...terms, ...contextTerms].map((t) => t.key)).size < MIN_ASKED_TERMS,
    refersBack,
    contextFromBody,
    pointsAtNeed: false,
    turnsToAct: false,
    parts: parts.map((p) => p.text),
    partWords: parts.map((p) => p.words),
    words: [...question.words, ...contextWords],
  };
}

/** What the writer says they read, as an ask of that sentence alone: no context, no parts. */
function readAsk(text: string, terms: WeighedTerm[], words: readonly Word[]): Ask {
  return {
    text,
    context: '',
    source: 'body',
    kind: 'direct',
    position: 'body',
    terms,
    contextTerms: [],
    toldTerms: [],
    turnedFrom: [],
    turnedTo: [],
    vague: false,
    saysTooLittle: false,
    refersBack: false,
    contextFromBody: false,
    pointsAtNeed: false,
    turnsToAct: false,
    parts: [],
    partWords: [],
    words,
  };
}

/** Reads the text's asks into `reading`; returns how many of its questions the writer answered, settled or took back. */
function readText(
  text: string,
  source: AskSource,
  subject: Read,
  cues: HandoverCues,
  vocabulary: Vocabulary,
  reading: Reading,
  owner: OwnerReadings | undefined,
): number {
  let settled = 0;
  const all = lines(splitItems(text, owner), cues, vocabulary).slice(0, MAX_SENTENCES);
  all.forEach((line, at) => {
    if (line.kind === 'question' || !saysAlreadyRead(line.text)) return;
    // 'Your FAQ says:' and the quote on the next line: what was read is what follows the colon.
    const next = all[at + 1];
    const read = /:\s*$/.test(line.text) && next && next.kind !== 'question' ? [line, next] : [line];
    const words = wordsIn(read);
    const terms = analyseWords(words, vocabulary).filter((t) => !NAMES_OUR_TEXT.test(t.key) && !NAMES_OUR_TEXT.test(t.text));
    reading.alreadyRead.push(readAsk(textsOf(read).join(' '), terms, words));
  });
  for (const line of all) {
    if (line.hit) reading.forPerson.push({ ...line.hit, sentence: line.text });
    if (line.kind === 'statement' && POINTS_BELOW.test(line.text) && TELLS_OF_QUESTION.test(line.text) && !WITHDRAWN.test(line.text))
      reading.pointsBelow = true;
    if (line.kind === 'statement' && (SETTLED_IN_PASSING.test(line.text) || WITHDRAWS_ASKING.test(line.text))) settled += 1;
    const own = findOwnInstance(line.text);
    if (own) reading.ownInstance.push(own);
  }
  for (let start = 0; start < all.length; start += 1) {
    if (all[start].kind !== 'question') continue;
    // Consecutive questions of one item ask one thing ("How do we change it? Is there a form?"),
    // unless one turns to another point ("2) ...", "Also, ...").
    let end = start;
    while (end + 1 < all.length && all[end + 1].kind === 'question' && all[end + 1].item === all[start].item && !all[end + 1].opensPoint)
      end += 1;
    const asking = all.slice(start, end + 1);
    const note = all[end + 1];
    const settles = note !== undefined && note.item === all[start].item && note.kind === 'statement' ? note.text : undefined;
    const takesBack =
      (settles !== undefined && TAKES_BACK.test(settles)) ||
      (note?.kind === 'statement' && !note.listed && TAKES_BACK_OPENING.test(note.text));
    const answered = settles !== undefined && !takesBack && answersQuestion(all[end].text, settles);
    if (takesBack || answered) {
      settled += 1;
      start = end;
      continue;
    }
    if (source === 'forwarded' && owner && asking.every((l) => owner.passToUs.test(l.text))) continue;
    const sentences = textsOf(asking);
    const ofTold = asking.length === 1 ? toldAskedAbout(all, start) : [];
    const claimed = new Set(ofTold.filter((l) => l.kind === 'person').map((l) => l.text));
    if (claimed.size > 0) reading.forPerson = reading.forPerson.filter((p) => !claimed.has(p.sentence));
    const asksOfTold = ofTold.length > 0;
    const question = asksOfTold ? `${textsOf(ofTold).join(' ')} ${asWritten(asking, all)}` : asWritten(asking, all);
    const questionWords = asksOfTold ? wordsIn([...ofTold, ...asking]) : wordsIn(asking);
    const first = start;
    start = end;
    const terms = analyseWords(questionWords, vocabulary);
    const vague = weightOf(terms) < VAGUE_WEIGHT;
    // A list entry right after one that only tells may point back at it with "that" ("- How do we handle that?").
    const previous = first > 0 ? all[first - 1] : undefined;
    // So may a question opening its own paragraph after a paragraph that ends telling ("Our app signs in with WS-Federation
    // today.\n\nCan the App Wizard handle that?"): nothing of its own paragraph comes before it to point at.
    const told =
      previous !== undefined && previous.item !== all[first].item && previous.kind === 'statement' && previous.listed === all[first].listed;
    const refersBack = !asksOfTold && REFERS_BACK.test(question);
    const pointsAtItems =
      told &&
      !refersBack &&
      (THAT_POINTS_BACK.test(question) || PRONOUN_POINTS_BACK.test(question) || SUBJECT_THAT_POINTS_BACK.test(question));
    const pointsBack = refersBack || pointsAtItems;
    const reached = contextOf(all, first, vague || pointsBack, pointsAtItems);
    // "Is there a fee? ... They also want a letter saying so. Who can provide that?": a vague question right after a need,
    // with a question before it, points at what lies between the two questions, not at the question before; with the
    // other question after it ("Our auditors need a letter. Who can provide that? Also, is there a fee?"), at the need.
    const prior = first > 0 && all[first - 1].item === all[first].item ? all[first - 1] : undefined;
    const pointsAtNeed =
      vague &&
      ASKS_PERSON.test(question) &&
      prior?.kind === 'statement' &&
      STATES_NEED.test(prior.text) &&
      all.some((l, k) => k !== first && l.kind === 'question');
    const lastAsked = pointsAtNeed ? reached.map((l) => l.kind).lastIndexOf('question') : -1;
    const nearest = reached.slice(lastAsked + 1).filter((l) => !ofTold.includes(l));
    // "See the question below", or "Forwarding a question below. Could you explain it?": the question is in the forwarded mail.
    // A plea asks the reader to help with it ("Could you explain it?") or says too little alone ("Any idea?"). A question
    // that turns to another point ("Also, is there ...?"), or asks about the world in its own words ("But where do we
    // sign up?"), asks its own thing, however short.
    const after = first > 0 && all[first - 1].item === all[first].item && !all[first].opensPoint ? all[first - 1] : undefined;
    const plea = questionWords.length <= SHORT_PLEA && (vague || ASKS_READER.test(question));
    if (
      (POINTS_BELOW.test(question) && !ASKED_AFTER_BELOW.test(question)) ||
      (after && POINTS_BELOW.test(after.text) && plea) ||
      isNudge(question)
    ) {
      reading.pointsBelow = true;
      continue;
    }
    const problem = vague && HELP_WORDS.test(question) ? nearest.find((l) => l.kind === 'person') : undefined;
    if (problem?.hit) {
      reading.forPerson.push({ ...problem.hit, sentence: question });
      continue;
    }
    // A reported problem is part of the story a question refers to, though not itself a question for the FAQ.
    const placing: Placing = { source, kind: all[first].request ?? 'direct', position: all[first].listed ? 'list-item' : 'body' };
    const asked = { text: question, words: questionWords };
    // Nor at the subject, which names what the mail is about as a whole.
    const ask = makeAsk(
      asked,
      terms,
      nearest,
      pointsAtNeed ? NO_SUBJECT : subject,
      placing,
      vocabulary,
      ofTold.length > 1 ? ofTold : sentences.length > 1 ? asking : [],
      pointsBack,
    );
    // "Where else can we learn about Okta, and also could you please book her onto the next session?": a request that
    // turns to another point and asks the reader to act is the writer's own, whatever entry the question before earns.
    // So is one that asks with "please also" for something done, not told ("also please remove the old logo"):
    // an entry sent for another question does nothing (partlost2 fix round).
    // And one that states a second need for a thing ("We also need our listing's logo replaced").
    const turnsToAct = (all[first].opensPoint && asksReaderToAct(question)) || asksPleaseToDo(question) || statesAlsoNeed(question);
    const toldBefore =
      !asksOfTold && previous?.kind === 'statement' && previous.listed === all[first].listed
        ? { text: previous.text, words: previous.words }
        : undefined;
    reading.asks.push(pointsAtNeed || turnsToAct || toldBefore ? { ...ask, pointsAtNeed, turnsToAct, toldBefore } : ask);
  }
  return settled;
}

/**
 * The asking sentences as the writer wrote them: a sentence split into its questions ("X, and how do we Y?") is
 * quoted whole, coordinator and all, where every part of it asks here; staff read this text in the digest.
 */
function asWritten(asking: readonly Line[], all: readonly Line[]): string {
  const texts: string[] = [];
  for (let i = 0; i < asking.length; i += 1) {
    const { joined } = asking[i];
    let last = i;
    while (joined !== undefined && last + 1 < asking.length && asking[last + 1].joined === joined) last += 1;
    const whole = joined !== undefined && last > i && all.filter((l) => l.joined === joined).length === last - i + 1;
    texts.push(whole ? joined.trim() : asking[i].text);
    if (whole) i = last;
  }
  return texts.join(' ');
}

/** A body line that only points at the subject ("see subject", "as per subject line", "subject says it all") tells nothing. */
const POINTS_TO_SUBJECT =
  /^\s*(?:(?:please\s+)?(?:see|read|as\s+per|per)\s+(?:the\s+)?subject(?:\s+line)?(?:\s+above)?|(?:the\s+)?subject\s+says\s+it\s+all)\s*[.!:]*\s*$/i;

/**
 * A subject that only labels or states, over a body that asks nothing, asks nothing either: a short statement that
 * something is done ("SCIM done", "Submitted", "Screenshot attached"), the writer's own case named ("Status of our
 * submission", "Review of our app", "Our SAML app"), or an appointment ("Call with partnerships", "Meeting next
 * week"). A person reads what such mail wants; a subject written as a question or a request still asks.
 */
const STATES_DONE =
  /^(?:[\w-]+\s+){0,3}(?:done|complete|completed|finished|submitted|resubmitted|sent|attached|uploaded|ready|live|fixed|resolved)\s*[.!]*$/i;
const NAMES_OWN_CASE = new RegExp(
  String.raw`^(?:(?:the\s+)?(?:status|progress|review|approval|update)\s+(?:of|on|for)\s+(?:our|my)\b|` +
    String.raw`(?:our|my)\s+(?:[\w-]+\s+){0,2}(?:app|application|integration|submission|listing)\s*[.!]*$)`,
  'i',
);
const NAMES_APPOINTMENT = /^(?:call|meeting|sync|catch[\s-]?up)(?:\s+(?:with|about|re|regarding|on|next|tomorrow|today|this)\b|\s*[.!]*$)/i;

/**
 * A subject naming where the writer's own case stands ("Our submission status", "Status of our app") or one of their
 * numbered papers ("Invoice 4471", "Ticket #5512") gives a person something to look up, though the body asks the FAQ
 * something else: only staff see a submission or an invoice (probes/subjectplus p15, p16).
 */
const NAMES_OWN_CASE_FOR_PERSON = new RegExp(
  String.raw`^(?:(?:our|my)\s+(?:[\w-]+\s+){0,2}(?:submission|app|application|integration|listing|review)\s+status|` +
    String.raw`(?:the\s+)?(?:status|progress)\s+(?:of|on|for)\s+(?:our|my)\s+(?:[\w-]+\s+){0,2}(?:submission|app|application|integration|listing|review)|` +
    String.raw`(?:invoice|order|ticket|case|po)\s*(?:no\.?\s*|number\s*|#\s*)?\d{3,})\s*[.!]*$`,
  'i',
);
const OWN_CASE_REASON = "The subject names the writer's own case, which only staff can look up";

function onlyLabels(subject: string, owner: OwnerReadings | undefined): boolean {
  if (requestKind(subject, owner) !== undefined) return false;
  return STATES_DONE.test(subject) || NAMES_OWN_CASE.test(subject) || NAMES_APPOINTMENT.test(subject);
}

/** The body's opening sentences, for a subject that asks with too few words of its own. */
function bodyStatements(text: string): Read[] {
  return splitItems(text)
    .flatMap((item) => item.sentences)
    .filter((s) => !isBoilerplate(s.text) && !POINTS_TO_SUBJECT.test(s.text))
    .slice(0, CONTEXT_SENTENCES)
    .map((s) => ({ text: s.text, words: wordsOf(s.text) }));
}

export function readInquiry(inquiry: Inquiry, cues: HandoverCues, vocabulary: Vocabulary, owner?: OwnerReadings): Reading {
  const reading: Reading = { asks: [], forPerson: [], alsoForPerson: [], pointsBelow: false, ownInstance: [], alreadyRead: [] };
  const subjectText = cleanSubject(inquiry.subject);
  const subject = { text: subjectText, words: wordsOf(subjectText) };
  const settled = readText(inquiry.newText, 'body', subject, cues, vocabulary, reading, owner);
  // "Any guidance you can share would help": a plea for help with the forwarded mail says nothing of its own.
  const plea = (a: Ask) => !a.vague && a.terms.every((t) => PLEA_TERM.test(t.text));
  const substantive = reading.asks.some((a) => !a.vague && !plea(a));
  let forwardForPerson = false;
  let pointedTold: Read[] = [];
  if ((!substantive || reading.pointsBelow) && inquiry.forwardedText.trim()) {
    const [asked, forPerson] = [reading.asks.length, reading.forPerson.length];
    readText(inquiry.forwardedText, 'forwarded', subject, cues, vocabulary, reading, owner);
    // "See what Tom says below. Where do we go to do that?" over a forward that only tells: what it tells is what the
    // note asks about, read with the subject as the body's statements are (belowfix round, issue 8).
    if (reading.pointsBelow && reading.asks.length === 0) pointedTold = bodyStatements(inquiry.forwardedText);
    forwardForPerson = reading.asks.length === asked && reading.forPerson.length > forPerson;
    if (reading.asks.some((a) => a.source === 'forwarded')) reading.asks = reading.asks.filter((a) => a.source !== 'body' || !plea(a));
  } else if (inquiry.forwardedText.trim()) {
    // The note asks on its own, but what the mail it passes on asks of a person still needs one.
    for (const line of lines(splitItems(inquiry.forwardedText, owner), cues, vocabulary).slice(0, MAX_SENTENCES))
      if (line.hit) reading.alsoForPerson.push({ ...line.hit, sentence: line.text });
  }
  const subjectTerms = analyseWords(subject.words, vocabulary);
  const subjectHit = subjectText ? findHandover(subjectText, cues, subject.words) : undefined;
  // The subject sums up the body: asked in its own right if phrased as a question, or
  // standing in for a body that asks nothing — unless the body is all for a person, or is a
  // reply that only thanks: its subject is the topic of the answer it thanks for.
  // So is a reply's that only votes ("+1", "me too") or names no term of its own (an emoji, nothing above the quote):
  // its subject is the thread's topic, not a question of the writer's.
  const newText = inquiry.newText;
  const repliesWithNothing =
    isReplySubject(inquiry.subject) &&
    (onlyThanks(newText) || ONLY_A_VOTE.test(newText) || analyseWords(wordsOf(newText), vocabulary).length === 0);
  // A body whose questions the writer answered themself ("Do we pay to list? No, it's free.") asked them: the subject
  // names what they were about, not a question left over.
  const asksNothing = reading.asks.length === 0 && reading.forPerson.length === 0 && !repliesWithNothing && settled === 0;
  // A forward's subject is the forwarded mail's own: when that mail asks only a person, its "?" asks nothing more.
  const ownQuestion = /\?\s*$/.test(subjectText) && !(forwardForPerson && isForwardSubject(inquiry.subject));
  const subjectAsks = subjectText && (ownQuestion || (asksNothing && !onlyLabels(subjectText, owner)));
  // A fault word in the subject over a body that tells that fault as over, and raises none still open, is its context.
  const subjectFaultOver =
    subjectHit !== undefined &&
    isStateHit(subjectHit, cues) &&
    !reading.forPerson.some((hit) => hit.reason === subjectHit.reason) &&
    faultToldOver(splitItems(newText, owner), cues);
  // The writer wrote the subject as they wrote the body: what it gives a person to do is for a
  // person, as a body line's is, though the body asks something the FAQ answers.
  if (subjectHit && !subjectFaultOver) reading.alsoForPerson.unshift({ ...subjectHit, sentence: subjectText });
  else if (reading.asks.length > 0 && NAMES_OWN_CASE_FOR_PERSON.test(subjectText))
    reading.alsoForPerson.unshift({ reason: OWN_CASE_REASON, phrase: 'own case in the subject', sentence: subjectText });
  if (subjectAsks && subjectTerms.length > 0 && !subjectHit) {
    // A short subject ("SWA?") over a body that asks nothing is read with what the body tells.
    // With a forward it points at, the note's own pointing sentence ("See what Tom says below.") gives way to what it points at.
    const told =
      reading.asks.length === 0
        ? [...bodyStatements(inquiry.newText).filter((s) => pointedTold.length === 0 || !POINTS_BELOW.test(s.text)), ...pointedTold]
        : [];
    const placing: Placing = { source: 'subject', kind: requestKind(subjectText, owner) ?? 'direct', position: 'subject' };
    // "WS-Fed?", "pricing?", "Is it free?" over a body that asks nothing: a bare topic names a subject, not what is
    // asked of it; unless it or what the body tells names MIN_ASKED_TERMS terms, it says too little.
    const bare = reading.asks.length === 0 && subject.words.length <= BARE_ASK_WORDS;
    reading.asks.push(makeAsk(subject, subjectTerms, told, NO_SUBJECT, placing, vocabulary, [], undefined, bare));
  }
  return reading;
}

/**
 * "And", "Also", "Plus", "Or", "But" opening a whole question of its own, after a whole question: the writer marks a
 * second question ("Is the session timeout global or per app? And what is SWA?").
 */
const OPENS_WITH_JOINER = /^\s*(?:and|also|plus|or|but)\b/i;
const WHOLE_QUESTION = /\?\s*$/;
/**
 * "And once the app is published, how do we republish it after changing it?": a second question opened by a joining word and
 * a clause naming its own thing ("the app", "our widget") points with its pronoun at that thing, not at the question before;
 * a clause that points back itself ("And once we send it in, ...") still may (andsecond2 fix round, issue 8).
 */
const OPENS_NEW_STAGE =
  /^\s*(?:and|also|plus)\s*,?\s+(?:once|when|after|as\s+soon\s+as)\s+(?:the|our|your|their|my)\s+(?!(?:it|its|that|this|these|those|them|same|such)\b)[^,?]*,/i;
/**
 * A pronoun closing a question after a preposition ("Can they still use your App Wizard for it?", "Is a sandbox good with
 * that?"): in the first of two whole questions it points at the sentences before, not at the question after, so it does
 * not tie the two together (pointback2 round, issue 8; any pointing word in the first question moved the fold fits).
 */
const ENDS_POINTING = /\b(?:for|with|to|about|on)\s+(?:it|that)\s*\?\s*$/i;

/**
 * A short question ("What is SWA?") is read with the questions beside it, and gets no unit of its own. When a joining
 * word opens the later of two whole questions, each ending with "?", and neither points back, the writer asked two
 * things: each is read alone, however short (andnext probe round; "What is SWA? And does Okta support single logout?",
 * "... global or per app? And what is SWA?" lost SWA with no person).
 */
function pairedByJoiner(parts: readonly string[], i: number): boolean {
  return joinedAfter(parts, i) || joinedAfter(parts, i + 1);
}

/** Whether the later question of a pair names, in an opening clause that points at nothing, the thing its pronoun points at. */
function namesOwnThing(part: string, later: boolean): boolean {
  return later && OPENS_NEW_STAGE.test(part) && !pointsBackAtAsked(part.slice(0, part.indexOf(',')));
}

/** Whether part `k` is the later of two whole questions, opened by a joining word (`pairedByJoiner`). */
function joinedAfter(parts: readonly string[], k: number): boolean {
  const alone = (j: number) =>
    j >= 0 &&
    j < parts.length &&
    WHOLE_QUESTION.test(parts[j]) &&
    (!pointsBackAtAsked(j === 0 ? parts[j].replace(ENDS_POINTING, '') : parts[j]) || namesOwnThing(parts[j], j === k));
  return alone(k - 1) && alone(k) && OPENS_WITH_JOINER.test(parts[k]);
}

/** The sentences of a several-question ask, each read as an ask of its own (vague ones stay in the group). */
export function partsOf(ask: Ask, vocabulary: Vocabulary): Ask[] {
  // Pushed, not `map`ped: one array layout whether or not V8 has compiled this yet (vocabulary.ts, readAll).
  const parts: Ask[] = [];
  ask.parts.forEach((part, i) => {
    const terms = analyseWords(ask.partWords[i], vocabulary);
    if (weightOf(terms) < VAGUE_WEIGHT && !(terms.length > 0 && pairedByJoiner(ask.parts, i))) return;
    parts.push({
      ...ask,
      text: part,
      terms,
      vague: false,
      saysTooLittle: false,
      refersBack: REFERS_BACK.test(part),
      pointsAtNeed: false,
      turnsToAct: false,
      parts: [],
      partWords: [],
      markedSecond: terms.length > 0 && joinedAfter(ask.parts, i),
    });
  });
  return parts;
}
