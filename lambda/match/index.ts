import type { Faq, FaqEntry, ScoredAnswer } from '../domain';
import { oneLine } from '../one-line';
import { asksReaderToAct, type Ask, type Inquiry } from './asks';
import { ANSWER_MODEL, contributions, type AnswerModel } from './answer-model';
import { buildEntryIndex, type EntryIndex } from './entry-index';
import { readEvidence, type Evidence, type Unit } from './evidence';
import { heaviestFirst, matchedTerms, type EntryScore } from './score';
import type { WeighedTerm } from './vocabulary';
import { judge, type JudgeOptions, type Judgement, type WeighedPair } from './judge';
import { asksOwnFollowUp, pointsBackAtAsked, requestKind, restatesQuestion } from './sentences';
import type { OwnerReadings } from './owner';
import type { ExtractedQuestion, MatchResult, OpenPart } from './types';
import {
  ALSO_ASKS_COVERAGE,
  ALSO_ASKS_FIT,
  ALSO_ASKS_WORDS,
  ALSO_ASKS_ONE_WORD_FIT,
  COVERAGE,
  FIRST_ASKS_FIT,
  HALF_OPEN_PROBABILITY,
  NOT_ABOUT_PENALTY,
  REST_ASKS_FIT,
  REST_ASKS_OWNERS,
  REST_ASKS_SENT_COVERAGE,
} from './weights';

export type { Inquiry } from './asks';
export type { Evidence } from './evidence';
export { explainMatch, formatScore } from './explain';
export type { MatchResult } from './types';

/** The FAQ prepared for matching; build once, match many messages. */
export type FaqIndex = EntryIndex;

export interface MatchOptions extends JudgeOptions {
  /** The fitted answer model (default: the committed one). */
  model?: AnswerModel;
}

const CANDIDATES_SHOWN = 5;

export function buildIndex(faq: Faq): FaqIndex {
  return buildEntryIndex(faq);
}

function signed(amount: number): string {
  return `${amount >= 0 ? '+' : '−'}${Math.abs(amount).toFixed(2)}`;
}

/**
 * An entry as staff and `--explain` see it: its probability, and why. A pair is weighed once
 * per model, and fitting concludes it under many thresholds: it is described once, and the
 * description kept on the pair (judge.ts says why not in a WeakMap).
 */
function toAnswer(pair: WeighedPair, model: AnswerModel): ScoredAnswer {
  return (pair.described ??= new Described(pair, model));
}

/**
 * A pair described, its explanation written when first read. A decision describes each
 * question's first few entries and the message's (some ten pairs); the function reads the
 * explanation of none (`why` is for `--explain`) and the `reason` of only the few it shows
 * staff in an escalation, so writing them all cost every decision ~5% of its time and a
 * seventh of what it allocated. Getters on a class, not on each object: an object literal
 * with accessors takes ~30 times as long to make. `toJSON` writes what a plain object would.
 */
class Described implements ScoredAnswer {
  readonly entry: FaqEntry;
  readonly score: number;
  readonly #pair: WeighedPair;
  readonly #model: AnswerModel;
  #why: string[] | undefined;
  #reason: string | undefined;

  constructor(pair: WeighedPair, model: AnswerModel) {
    this.entry = pair.score.indexed.entry;
    this.score = pair.probability;
    this.#pair = pair;
    this.#model = model;
  }

  get why(): string[] {
    return (this.#why ??= whyOf(this.#pair, this.#model));
  }

  get reason(): string {
    return (this.#reason ??= reasonOf(this.#pair.score));
  }

  toJSON(): ScoredAnswer {
    return { entry: this.entry, score: this.score, why: this.why, reason: this.reason };
  }
}

function whyOf(pair: WeighedPair, model: AnswerModel): string[] {
  const s = pair.score;
  const matched = matchedTerms(s);
  const pulls = contributions(model, pair.values)
    .map((c) => `${c.feature} ${signed(c.amount)}`)
    .join(', ');
  const uncovered = s.uncovered.length ? `; not: ${heaviestFirst(s.uncovered).slice(0, 6).join(', ')}` : '';
  return [
    `probability ${pair.probability.toFixed(3)}: ${pulls}`,
    ...(s.definitionUnasked ? ['defines a term the writer does not ask about: halved'] : []),
    ...(s.notAbout ? [`NOT ABOUT "${s.notAbout}", which the writer asks about: ×${NOT_ABOUT_PENALTY}`] : []),
    ...(pair.message.evidence.alreadyRead.has(s.indexed.entry.id)
      ? ['ALREADY READ: the writer says they read it or quotes it; not sent']
      : []),
    `fits "${s.form.text}" (${s.form.kind}) at ${s.fit.toFixed(2)}: says ${matched.join(', ') || 'nothing of it'}`,
    `covers ${Math.round(s.coverage * 100)}% of what is asked${uncovered}; score ${s.score.toFixed(2)}`,
  ];
}

function reasonOf(s: EntryScore): string {
  const said = matchedTerms(s)
    .slice(0, 4)
    .map((word) => word.toLowerCase());
  return said.length > 0 ? `they mention ${said.join(', ')}, as in "${s.form.text}"` : `close to "${s.form.text}"`;
}

/**
 * Whether an unanswered ask leaves the writer waiting. The subject only summarises the
 * body; a vague ask that refers to nothing in the body ("could you answer the question
 * below?") asks nothing of its own.
 */
function counts(ask: Ask, asks: readonly Ask[]): boolean {
  if (ask.source === 'subject') return asks.every((a) => a.source === 'subject');
  // A vague ask that names something of its own and points nowhere ("What is Secure Web Authentication?", "Who do we
  // contact with technical questions?") asks about its own words, however little they weigh; only one that points
  // elsewhere ("Is this possible?", "As per the subject, answers on both?") or names nothing refers to nothing here.
  return !ask.vague || ask.contextFromBody || (ask.terms.length > 0 && !ask.refersBack && !POINTS_ELSEWHERE.test(ask.text));
}

/** A word pointing away from the ask's own words: at what came before, the subject, or mail below. */
const POINTS_ELSEWHERE = /\b(?:this|that|these|those|it|both|below|above|subject)\b/i;

function name(pair: WeighedPair): string {
  return `"${pair.score.indexed.entry.question}"`;
}

function verdictOf(
  best: WeighedPair | undefined,
  answeredBy: WeighedPair | undefined,
  partly: { by: WeighedPair; open: readonly string[]; also?: AlsoAsked; beyond?: string } | undefined,
  ask: Ask,
  judgement: Judgement,
  thresholds: { answer: number; restate: number },
): string {
  if (answeredBy) {
    const own = answeredBy.unit.ask === ask ? '' : `its sentence "${answeredBy.unit.ask.text}": `;
    const sentOn = judgement.answers.find((p) => p.score.indexed.entry === answeredBy.score.indexed.entry);
    if (sentOn && sentOn !== answeredBy) {
      // A restatement: its own probability may be under the answer threshold, and the entry went out on another request.
      return (
        `${own}${name(answeredBy)} sent at ${sentOn.probability.toFixed(2)} on "${oneLine(sentOn.unit.ask.text, 60)}" ` +
        `(threshold ${thresholds.answer}); here at ${answeredBy.probability.toFixed(2)}, the entry most probable for it ` +
        `(restate threshold ${thresholds.restate})`
      );
    }
    return `${own}${name(answeredBy)} at ${answeredBy.probability.toFixed(2)} (threshold ${thresholds.answer})`;
  }
  if (partly?.also) {
    const { score, because } = partly.also;
    return (
      `${name(partly.by)} answers it at ${partly.by.probability.toFixed(2)}, but it also asks what ` +
      `"${oneLine(score.indexed.entry.question, 60)}" answers${because}: a person answers that part`
    );
  }
  if (partly?.beyond) {
    return (
      `only its sentence "${partly.by.unit.ask.text}" is answered (${name(partly.by)}); the whole asks about "${partly.beyond}", ` +
      'which that entry is not about: a person answers that part'
    );
  }
  if (partly) {
    const open = partly.open.map((text) => `"${text}"`).join(', ');
    const still = partly.open.length > 1 ? `its sentences ${open} are still open` : `its sentence ${open} is still open`;
    return partly.by.unit.ask === ask
      ? `${name(partly.by)} answers the whole at ${partly.by.probability.toFixed(2)}, but ${still} (a joined question asks something of its own)`
      : `only its sentence "${partly.by.unit.ask.text}" is answered (${name(partly.by)}): ${still}`;
  }
  if (!best) return 'no entry shares a telling word with it';
  if (best.score.notAbout) return `best ${name(best)} is not about "${best.score.notAbout}", which it asks about: not sent`;
  if (best.message.evidence.alreadyRead.has(best.score.indexed.entry.id))
    return `best ${name(best)} is the entry the writer says they read, and asks past: not sent`;
  return `best ${name(best)} at ${best.probability.toFixed(2)} is below the threshold ${thresholds.answer}, or was not sent for it`;
}

/**
 * Why a request no sent entry answers does or does not take the mail to a person, when
 * something is sent (with nothing sent the whole mail goes to one): the restate rule
 * (docs/answer-model.md) is what would have counted it answered.
 */
function openNote(ask: Ask, asks: readonly Ask[], own: readonly WeighedPair[], sent: ReadonlySet<string>, model: AnswerModel): string {
  if (!counts(ask, asks)) {
    return `; not left open: ${ask.source === 'subject' ? 'the subject only summarises the body' : 'vague, and it points at nothing in the body'}`;
  }
  const closest = own.filter((p) => sent.has(p.score.indexed.entry.id)).sort((a, b) => b.probability - a.probability)[0];
  const where = (p: WeighedPair) => (p.unit.ask === ask ? 'it' : `its sentence "${oneLine(p.unit.ask.text, 60)}"`);
  const why = closest
    ? `no sent entry answers it (the closest, "${oneLine(closest.score.indexed.entry.question, 60)}", ` +
      `at ${closest.probability.toFixed(2)} on ${where(closest)}; restate threshold ${model.restateThreshold})`
    : 'no sent entry is among its best entries';
  return `; left open, so a person answers it: ${why}`;
}

/** What a person must answer of a request: the units left open, and the entry that leads the likeliest of them. */
function openPart(open: readonly Unit[], weighed: readonly WeighedPair[], model: AnswerModel, also?: AlsoAsked): OpenPart {
  // Each unit's pairs come in rank order, its first the entry it is scored nearest to (a question's `best`); of a sentence
  // answered in part, the entry it also asks for.
  const leading = open.flatMap((unit) => weighed.find((p) => p.unit === unit && (!also || p.score === also.score)) ?? []);
  const best = leading.sort((a, b) => b.probability - a.probability)[0];
  return { text: open.map((u) => u.ask.text).join(' '), ...(best ? { best: toAnswer(best, model) } : {}) };
}

/** An entry not sent that a sentence also asks for, and why it is read as asked (for `--explain`, after "... answers"). */
interface AlsoAsked {
  score: EntryScore;
  because: string;
}

/**
 * An entry not sent that a sentence also asks for, beside the one that answers it: its phrasing fits the sentence closely in
 * words the sent entry does not say, so the sentence joins two questions the reader did not split ("Is there training on
 * Okta basics, as well as setup instructions for customer admins?"). Sent, a near-miss would go out; left, the question
 * is lost: a person answers it.
 */
function alsoAsks(unit: Unit, by: WeighedPair, sent: ReadonlySet<string>): AlsoAsked | undefined {
  // What another sent entry says of this question is answered too ("... how do we republish it after changing it?", the
  // republish entry sent for that sentence says "published").
  const speaking = [by.score, ...unit.scores.filter((s) => s !== by.score && sent.has(s.indexed.entry.id))];
  const said = new Set(speaking.flatMap((s) => matchedTerms(s)).map((word) => word.toLowerCase()));
  const score = unit.scores.find((s) => {
    if (sent.has(s.indexed.entry.id) || s.fit < ALSO_ASKS_FIT || s.coverage < ALSO_ASKS_COVERAGE) return false;
    const words = matchedTerms(s).map((word) => word.toLowerCase());
    if (words.some((word) => said.has(word))) return false;
    // "And what is SWA?" restated by the entry sent for the question before it: one word the sent entry does not say, but
    // the other entry's whole phrasing, is that entry's own question; not a term named in passing ("How do we move our listed
    // app from SWA to SAML?"), which asks no definition.
    return words.length >= ALSO_ASKS_WORDS || (words.length === 1 && s.fit >= ALSO_ASKS_ONE_WORD_FIT && !s.definitionUnasked);
  });
  return score && { score, because: ` (fits "${score.form.text}" at ${score.fit.toFixed(2)}, in words the sent entry does not say)` };
}

/**
 * An entry not sent that the words the sent entry leaves uncovered are about: "Is there a fee to be listed? How long until
 * we are in the catalog after submitting?" read as one request, the cost entry answers it and leaves "How long, submitting",
 * the after-submit entry's own words; that entry leaves uncovered only what the cost entry says. The two split the request
 * between them, so the second topic was asked, though its phrasing fits the whole under `alsoAsks`' floor (a second question
 * fits only half a sentence). Every uncovered word must be the other entry's own (a phrasing, its question or a keyword),
 * and no other unsent entry's: a word in passing that no entry or many entries name ("SAML", "review") keeps the sentence
 * answered.
 */
function restAsks(by: WeighedPair, unit: Unit, sent: ReadonlySet<string>, answers: readonly WeighedPair[]): AlsoAsked | undefined {
  // What another sent entry speaks to is answered ("Where do we register, and whom do we contact first?", both sent).
  const rest = by.score.uncovered.filter((t) => !answers.some((a) => (a.score.indexed.coverage.get(t.key) ?? 0) > 0));
  if (rest.length === 0 || by.score.coverage > REST_ASKS_SENT_COVERAGE) return undefined;
  const sentCovers = by.score.indexed.coverage;
  const owners = unit.scores.filter(
    (s) => !sent.has(s.indexed.entry.id) && rest.every((t) => (s.indexed.coverage.get(t.key) ?? 0) >= COVERAGE.keyword),
  );
  // Words several entries own ("review", "listed") name no one topic: said in passing as often as asked.
  if (owners.length > REST_ASKS_OWNERS) return undefined;
  const score = owners.find((s) => s.fit >= REST_ASKS_FIT && s.uncovered.every((t) => (sentCovers.get(t.key) ?? 0) > 0));
  return (
    score && {
      score,
      because:
        `: the words the sent entry leaves uncovered (${heaviestFirst(by.score.uncovered).join(', ')}) are that entry's own ` +
        `(it fits "${score.form.text}" at ${score.fit.toFixed(2)}, and the sent entry says the rest)`,
    }
  );
}

/**
 * The entry a first sentence too short to be weighed alone asks for, when the whole's answer is the one a later sentence
 * earned (`owedToLater`) and the first is a whole question naming a telling word of its own: an unsent entry that fits the
 * whole at least `FIRST_ASKS_FIT` and says a telling word no later sentence says, so it was the first sentence or its
 * context that named it ("WS-Fed", "single logout"). A first sentence that names nothing ("Can you help us? How do we sign
 * up?") or checks a claim ("Is that right?") leaves no such entry, and the later sentence's answer stands.
 */
function firstAsks(
  ask: Ask,
  own: readonly Unit[],
  wholeEntry: FaqEntry | undefined,
  sent: ReadonlySet<string>,
  owner: OwnerReadings | undefined,
): AlsoAsked | undefined {
  const [whole, ...sentences] = own;
  const opening = ask.parts[0] ?? '';
  if (!whole || sentences.some((u) => u.ask.text === opening)) return undefined;
  // A whole question the writer wrote with its "?" (not a half split from "What is the process and how long ...?", nor a
  // request to advise), that names a telling word itself: "Is that right?" after a told claim asks nothing of an entry.
  if (!opening.endsWith('?') || !ask.text.includes(opening) || requestKind(opening, owner) === undefined) return undefined;
  const lower = opening.toLowerCase();
  if (!whole.ask.terms.some((t) => lower.includes(t.text.toLowerCase()))) return undefined;
  const later = new Set(sentences.flatMap((u) => u.ask.terms.map((t) => t.key)));
  const score = whole.scores.find((s) => {
    if (s.indexed.entry === wholeEntry || sent.has(s.indexed.entry.id) || s.fit < FIRST_ASKS_FIT) return false;
    const { asked, context } = s.reading;
    return s.form.terms.some((t) => (asked.terms.has(t.key) || context.terms.has(t.key)) && !later.has(t.key));
  });
  return (
    score && {
      score,
      because:
        `: its first sentence "${oneLine(opening, 60)}", too short to weigh alone, names what that entry is about ` +
        `(it fits "${score.form.text}" at ${score.fit.toFixed(2)} in words no later sentence says)`,
    }
  );
}

/** Whether `part` stands in `whole` as a sentence of its own: at its start, or right after a sentence's end. */
function writtenAlone(part: string, whole: string): boolean {
  const at = whole.indexOf(part);
  return at === 0 || (at > 0 && /[.?!]\s*$/.test(whole.slice(0, at)));
}

/** The answer decision on evidence already read (fitting reads each message once). */
export function concludeMatch(evidence: Evidence, options: MatchOptions): MatchResult {
  const model = options.model ?? ANSWER_MODEL;
  const { reading, units, language } = evidence;
  const judgement = judge(evidence, model, options);
  const unanswered: string[] = [];
  const sent = new Set(judgement.answers.map((p) => p.score.indexed.entry.id));
  const questions = reading.asks.map((ask, owner): ExtractedQuestion => {
    // Its units' positions and answers, pushed rather than `map`ped: one array layout, compiled or not (vocabulary.ts, readAll).
    const own: number[] = [];
    units.forEach((unit, i) => {
      if (unit.owner === owner) own.push(i);
    });
    // A question of several sentences is answered as a whole, or sentence by sentence: one answered sentence leaves the
    // others open. The whole's answer leaves open a later sentence a coordinator joins on, or one that asks for a limit,
    // which asks a question of its own (docs/answer-model.md); a follow-up with neither ("How do we sign up? Is there a
    // form?") is what the whole asks. The first sentence is not, when the whole's answer is the one a later sentence
    // earned ("Do we need to contact Okta first, and is it free to be listed?"): left open, a person answers it. A first
    // sentence that restates the later one goes to a person needlessly then, the price of losing none
    // (answer-model-experiments.md, "Measured at stop 52").
    const by: Array<WeighedPair | undefined> = [];
    for (const i of own) by.push(judgement.answeredBy[i]);
    const wholeEntry = by[0]?.score.indexed.entry;
    const owedToLater =
      wholeEntry !== undefined &&
      by.some(
        (p, k) =>
          k > 0 &&
          p?.score.indexed.entry === wholeEntry &&
          units[own[k]].ask.text !== ask.parts[0] &&
          // "What does onboarding look like? I mean what their admins have to do.": a restatement earns the whole's answer
          // for the question it restates.
          !restatesQuestion(units[own[k]].ask.text),
      );
    // A later sentence pointing back at nothing, whose best entry is another than the one answering the whole: it may ask
    // something of its own. Written apart (not a half split from a joined question), the two readings below.
    const ledByAnother = (text: string, top: EntryScore | undefined): top is EntryScore =>
      wholeEntry !== undefined && top !== undefined && top.indexed.entry !== wholeEntry && !pointsBackAtAsked(text);
    const standsApart = (text: string, top: EntryScore | undefined): top is EntryScore =>
      ledByAnother(text, top) && writtenAlone(text, ask.text);
    // A term some sent entry covers.
    const saidBySent = (term: WeighedTerm): boolean => judgement.answers.some((a) => (a.score.indexed.coverage.get(term.key) ?? 0) > 0);
    // "Where do we sign up? What's the process after we submit?": a later whole question of its own (its own "?") that
    // names something, none of which any sent entry speaks to, is not answered by the entry sent for the others,
    // whatever the restate rule reads for the whole: a person answers it.
    const unsaidQuestion = (text: string, terms: readonly WeighedTerm[], top: EntryScore | undefined): boolean =>
      standsApart(text, top) &&
      !sent.has(top.indexed.entry.id) &&
      text.endsWith('?') &&
      terms.length > 0 &&
      terms.every((t) => !saidBySent(t));
    // "Where do our engineers register, and is there any cost to join the OIN?": the half of a joined question that points
    // back at nothing, says a word the sent entries do not, and is led by another entry probable for it at
    // `HALF_OPEN_PROBABILITY`, when the whole's answer is the only entry the mail gets, asks a second question no sent entry
    // speaks to: a person answers it (andsecond3 fix round). With other entries sent the fold table moved; with every word
    // said by the sent entry, or a weak lead, agreeing probes turned (the half was what the sent entry answers).
    const unansweredHalf = (unit: Unit, top: EntryScore | undefined): boolean =>
      ledByAnother(unit.ask.text, top) &&
      sent.size === 1 &&
      wholeEntry !== undefined &&
      sent.has(wholeEntry.id) &&
      !writtenAlone(unit.ask.text, ask.text) &&
      unit.ask.terms.some((t) => !saidBySent(t)) &&
      judgement.weighed.some((p) => p.unit === unit && p.score === top && p.probability >= HALF_OPEN_PROBABILITY);
    const open: Unit[] = [];
    for (const i of own.slice(1)) {
      const text = units[i].ask.text;
      // "Is it free to list our app? Can you send us the partner agreement to sign?": a later question the writer wrote as
      // a sentence of its own (not a half split from a joined one), asking the reader to act ("can you", "could
      // someone"), that says enough to be read alone (it has a unit), points back at nothing, and is led by another entry
      // than the one answering the whole, asks us to do or give something of its own (consecutive probe round). Without
      // a request to the reader, or for joined halves, the leave-one-set-out table and another round's probes moved; a
      // question only in the reader's words ("do you bill the extra calls?") narrows the first (billing FAQ b02).
      const top = units[i].scores[0];
      const asksUsOwnThing = standsApart(text, top) && asksReaderToAct(text);
      const ownQuestion =
        text !== ask.parts[0]
          ? asksOwnFollowUp(text) || asksUsOwnThing || unsaidQuestion(text, units[i].ask.terms, top) || unansweredHalf(units[i], top)
          : owedToLater && requestKind(text, evidence.faqOwner) !== undefined;
      if (!judgement.answeredBy[i] && (!by[0] || ownQuestion)) open.push(units[i]);
    }
    const whole = units[own[0]];
    // With nothing left open, the answered request may still ask for another entry: a second question the reader did not
    // split, the words the sent entry leaves uncovered, or, when a later sentence earned the whole's answer, a first
    // sentence too short to be weighed alone ("Our app uses WS-Fed today. Can we use the App Wizard? Will our integration
    // also work with other identity providers?"). A person answers that part.
    const also =
      open.length === 0 && by[0]
        ? (alsoAsks(whole, by[0], sent) ??
          restAsks(by[0], whole, sent, judgement.answers) ??
          (owedToLater
            ? firstAsks(
                ask,
                own.map((i) => units[i]),
                wholeEntry,
                sent,
                evidence.faqOwner,
              )
            : undefined))
        : undefined;
    // "Can an admin change the session timeout? Up to what maximum?": the entry answering a sentence is one staff say is
    // not about what the whole asks (its `Not about:` fired on the whole only). The sentence gets its answer; what the
    // entry is not about is left open, for a person.
    const beyond =
      open.length === 0 && !by[0]
        ? judgement.weighed.find(
            (p) => p.unit === whole && p.score.notAbout !== undefined && by.some((b) => b?.score.indexed.entry === p.score.indexed.entry),
          )?.score.notAbout
        : undefined;
    if (also || beyond) open.push(whole);
    const answeredBy = open.length > 0 ? undefined : (by[0] ?? by[1]);
    const partly = answeredBy ? undefined : by.find((p) => p !== undefined);
    const pairs = judgement.weighed.filter((p) => p.unit === whole);
    // Beside an answered part, the writer waits for the sentences left, not for what they were already sent.
    const waiting =
      !answeredBy && counts(ask, reading.asks) ? openPart(partly ? open : [whole], judgement.weighed, model, also) : undefined;
    if (waiting) unanswered.push(waiting.text);
    return {
      text: ask.text,
      ...(ask.context ? { context: ask.context } : {}),
      source: ask.source,
      kind: ask.kind,
      position: ask.position,
      ...(pairs[0] ? { best: toAnswer(pairs[0], model) } : {}),
      candidates: pairs.slice(0, CANDIDATES_SHOWN).map((p) => toAnswer(p, model)),
      answered: answeredBy !== undefined,
      verdict:
        verdictOf(pairs[0], answeredBy, partly && { by: partly, open: open.map((u) => u.ask.text), also, beyond }, ask, judgement, {
          answer: options.answerThreshold,
          restate: model.restateThreshold,
        }) +
        (answeredBy || partly || sent.size === 0
          ? ''
          : openNote(
              ask,
              reading.asks,
              judgement.weighed.filter((p) => p.unit.owner === owner),
              sent,
              model,
            )),
      ...(waiting ? { open: waiting } : {}),
    };
  });
  // Questions past the bound were not scored; they count as unanswered, so a person reads them.
  unanswered.push(...evidence.unscored);
  const forPerson = [...reading.alsoForPerson, ...reading.forPerson];
  const reasons = [...new Set(forPerson.map((p) => p.reason))];
  return {
    questions,
    answers: language === 'en' ? judgement.answers.map((p) => toAnswer(p, model)) : [],
    candidates: judgement.entries.slice(0, CANDIDATES_SHOWN).map((p) => toAnswer(p, model)),
    unanswered,
    ...(reasons.length ? { needsPerson: reasons.map(asSentence).join(' ') } : {}),
    handover: forPerson.map(({ reason, phrase, sentence }) => ({ reason, phrase, sentence })),
    ownInstance: reading.ownInstance,
    language,
  };
}

/** A hand-over reason is a heading staff wrote ("The writer asks us to act"); the decision's reason reads it as a sentence. */
function asSentence(reason: string): string {
  return /[.!?]$/.test(reason) ? reason : `${reason}.`;
}

export function matchInquiry(index: FaqIndex, inquiry: Inquiry, options: MatchOptions): MatchResult {
  return concludeMatch(readEvidence(index, inquiry), options);
}
