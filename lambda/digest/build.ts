/**
 * The digest's content, from the decision records of a period and of the period before:
 * how much came in and what became of it, which entries went out most and how often their
 * writers wrote back, the mail ignored on a guess (a person may have written it), the hand-over
 * phrases that sent mail to a person and what staff said of it, and the questions nobody could
 * answer, grouped by topic with a suggestion for the FAQ. Pure: the records and the FAQ come in,
 * the digest goes out.
 */
import { comparable } from '../comparable-address';
import type { Config } from '../config';
import {
  ESCALATION_CAP_RULES,
  escalates,
  PERSON_CARRIES_ON,
  PHRASES_DECIDE,
  STAFF_REPLY_RULES,
  type DecisionKind,
  type FaqEntry,
  type HandlingRuleName,
  type LimitRuleName,
  type MatchRuleName,
  type ScreenRuleName,
} from '../domain';
import type { FaqIndex } from '../match';
import { findHandover, type HandoverCues } from '../match/handover';
import { inLatinScript } from '../match/language';
import { phraseKey, type DecisionRecord, type EntryScore, type FiredPhrase, type RecordedQuestion } from '../state/decision-record';
import { addressHash } from '../state/table-schema';
import { oneLine } from '../one-line';
import { dropsOnAGuess, screenedOut } from '../screen/rules';
import { verdictsGivenDuring, verdictWord } from '../verdicts/measure';
import { verdictSection, type VerdictSection } from '../verdicts/measure-blocks';
import { groupQuestions, type OpenQuestion } from './group';

export interface Period {
  since: Date;
  until: Date;
}

/**
 * Writers' mail, each message once: staff's own mail (verdicts, notes, mail to the inbox) is counted apart, in
 * `fromStaff`, so that a week of verdicts and no writer does not read as mail received; of a message delivered more
 * than once (ignored as a copy, or decided again), the other deliveries are counted apart in `copies`, so that one
 * message does not read as two.
 */
export interface Volume {
  received: number;
  answered: number;
  answeredAndHandedOver: number;
  /** Of `answered`, those shadow mode held back: proposed to staff, sent to no one. */
  proposed: number;
  /** Of `answeredAndHandedOver`, likewise: the hand-over went to staff, the answer only as a proposal. */
  proposedAndHandedOver: number;
  handedOver: number;
  /**
   * Of all, those the escalation cap (a sender's day, lambda/state/limits) held: forwarded to no one, whether the
   * decision also answered (counted as answered) or not (counted as ignored). Not one whose answer
   * shadow mode held back: its proposal went to staff.
   */
  heldByCap: number;
  /**
   * Of the handed over (alone or beside an answer), those that carried the escalation cap's notice: their
   * sender's further mail that day was held.
   */
  capNotices: number;
  /** As `heldByCap`, for the hourly escalation cap, all senders together. */
  heldByHourlyCap: number;
  /** As `capNotices`, for the hourly escalation cap: further hand-overs that hour, from any sender, were held. */
  hourlyCapNotices: number;
  /**
   * Of the handed over (alone or beside an answer), those an escalation cap held that staff had forwarded to them later
   * (`forwardedLater`): counted as handed over, by the rule that would have handed them over, not as held or ignored.
   */
  forwardedLater: number;
  ignored: number;
  /** Rules that ignored mail, most first. */
  ignoredByRule: Array<{ rule: string; count: number }>;
  /**
   * Rules that handed mail over (alone or beside an answer), most first: for the escalation cap's notice, the rule the
   * cap replaced (`beforeCap`), which is why the mail went to a person; `escalation-cap` in records written before it was kept.
   */
  handedOverByRule: Array<{ rule: string; count: number }>;
  /** The mail counted in `heldByCap` by the rule that would have handed it over (`beforeCap`), most first. */
  heldByCapByRule: Array<{ rule: string; count: number }>;
  /** The mail counted in `heldByHourlyCap`, likewise. */
  heldByHourlyCapByRule: Array<{ rule: string; count: number }>;
  /**
   * Staff's own mail (`staffMail`): their replies to our staff mail (STAFF_REPLY_RULES), their other mail, and copies of
   * either, in none of the figures above.
   */
  fromStaff: number;
  /** Writers' messages delivered again, counted by another delivery (`deliveredAgain`): in none of the figures above. */
  copies: number;
}

export interface EntryUse {
  entry: string;
  /** The entry's question today; the id when the FAQ no longer has it. */
  question: string;
  /** Answers in the period that sent it. */
  sent: number;
  /** Of those, the ones their writer replied to within the period (a reply screening dropped is no writer's). */
  followedUp: number;
}

/** A message a screening rule ignored on a guess (`dropsOnAGuess`): a person may have written it. */
export interface Guess {
  /** SES's id: the raw message's key in the mail bucket, less the prefix. */
  inboundId: string;
  receivedAt: string;
  rule: string;
  /** What the rule matched; absent in records written before it was kept. */
  matched?: string;
  /** Absent when question text is not recorded (and in records written before it was kept). */
  subject?: string;
}

/**
 * The messages one rule dropped on a guess for the same match (the same header, address or
 * phrase): software repeats itself, so a flood from one source is one group, and a person
 * tripped by the rule stands apart from it.
 */
export interface GuessGroup {
  rule: string;
  /** As in each of its messages; absent when not recorded. */
  matched?: string;
  /** Newest first. */
  guesses: Guess[];
}

/**
 * A hand-over phrase (content/handover.md) that fired in the period: a phrase that fires beside a
 * writer's question sends the mail to a person, so one that fires on ordinary wording sends
 * mail to staff that faqmail could have answered.
 */
export interface PhraseUse {
  reason: string;
  phrase: string;
  /** Messages of the period it fired in. */
  fired: number;
  /** Messages of the period before it fired in. */
  firedBefore: number;
  /** Of this period's, those that went to a person (handed over, or answered and handed over; or forwarded from the held mail later). */
  toPerson: number;
  /**
   * Staff's verdicts given during the period on messages it fired in, whatever period those came in (a
   * verdict given after the digest of its message's period is counted in the next one), each message by
   * its verdict as the verdict figures read it (`verdictWord`: `wrong: X` naming an entry not sent is `should answer`).
   */
  verdicts: { good: number; wrong: number; shouldAnswer: number };
  /** It still stands under its reason in the content the digest runs with: staff who narrowed or dropped it see it go. */
  inContent: boolean;
}

export type Suggestion = 'also-asked' | 'new-entry';

export interface Gap {
  count: number;
  /** Up to three distinct phrasings, as writers put them. */
  examples: string[];
  nearest?: EntryScore & { question: string };
  suggestion: Suggestion;
  /** Ready to paste into the FAQ content: of `examples`, those no hand-over phrase fires on. */
  snippet: string;
  /**
   * Examples left out of the snippet, each with the hand-over phrase that fires on it: such mail goes
   * to a person whatever the FAQ says, and `npm run check-content` refuses such a phrasing (load-faq).
   */
  handedOver: Array<{ text: string; phrase: string }>;
  /** Which questions the group holds (inbound id and position in the record). */
  members: Array<Pick<OpenQuestion, 'inboundId' | 'position'>>;
}

export interface Digest {
  period: Period;
  previous: Period;
  volume: { current: Volume; previous: Volume };
  entries: EntryUse[];
  gaps: Gap[];
  /**
   * Every message of the period ignored on a guess, newest first: each once, and none that another delivery of it counts
   * for (`deliveredAgain`: it reached us otherwise).
   */
  guesses: Guess[];
  /** Every hand-over phrase that fired in the period, most first (records written before phrases were kept name none). */
  phrases: PhraseUse[];
  /** What staff verdicts measure (lambda/verdicts). */
  verdicts: VerdictSection;
  /** Set when records have expired within the two periods: mail received before it is counted nowhere. */
  expiredBefore?: Date;
}

/** Entries listed under "sent most". */
const TOP_ENTRIES = 10;
const MAX_EXAMPLES = 3;
/**
 * A group's nearest entry at this score (the answer model's probability) or above is close
 * enough that staff should ask whether it answers the group ("if it answers these, add them as
 * Also asked"); below, the FAQ lacks the answer. Measured on the open questions of the dev,
 * train-a and train-b sets: where the nearest entry is a labelled entry the mail did not get, 3
 * of 3 score 0.2 or more; for mail labelled unanswerable, 22 of 35 score below 0.2, and 7 of 10
 * whose nearest entry is not the labelled one. Above it, most questions still belong elsewhere
 * (docs/operate-digest.md): hence a question to staff, not an instruction. Refit it with the
 * answer model.
 */
export const CLOSE_ENTRY = 0.2;
/** Longest example phrasing shown or pasted. */
const EXAMPLE_CHARS = 200;

const count = <T>(items: readonly T[], test: (item: T) => boolean) => items.filter(test).length;

/** The rule of mail the escalation cap held, and of the one notice that it was reached (lambda/decide.ts). */
const ESCALATION_CAP: LimitRuleName = 'escalation-cap';
/** The same for the hourly escalation cap, all senders together. */
const HOURLY_ESCALATION_CAP: LimitRuleName = 'hourly-escalation-cap';
const capped = (r: DecisionRecord): boolean => (ESCALATION_CAP_RULES as readonly string[]).includes(r.rule);

/**
 * Mail an escalation cap held: nothing went to staff when it came (`npm run forward-held` hands it over later, on
 * request, and notes that on its record: `forwarded`). The notice that the cap was reached carries the rule too, and
 * was forwarded; so was a held answer's proposal (shadow mode).
 */
export const capHeld = (r: DecisionRecord): boolean => capped(r) && ((r.kind === 'answer' && !r.heldBack) || r.kind === 'ignore');

/** Held mail staff had forwarded to them later (`npm run forward-held`): it reached a person after all, late. */
const forwardedLater = (r: DecisionRecord): boolean => capHeld(r) && r.forwarded !== undefined;

/** What became of the message in the end: held mail forwarded later is handed over, beside the answer that went out. */
function endedAs(r: DecisionRecord): DecisionKind {
  if (!forwardedLater(r)) return r.kind;
  return r.kind === 'answer' ? 'answer-and-escalate' : 'escalate';
}

/** Whether the message reached a person: handed over when it came, or forwarded from the held mail later. */
const reachedStaff = (r: DecisionRecord): boolean => escalates({ kind: endedAs(r) });

/** The rule that hands over mail in a language other than the FAQ's (lambda/decide.ts). */
const NOT_IN_ENGLISH: MatchRuleName = 'not-english';

/** The rule that decided where the message went, the escalation cap aside: the rule the cap replaced, when the record kept it. */
const handedOverBy = (r: DecisionRecord): string => r.beforeCap ?? r.rule;

function byRule(
  records: readonly DecisionRecord[],
  ruleOf: (r: DecisionRecord) => string = (r) => r.rule,
): Array<{ rule: string; count: number }> {
  const counts = new Map<string, number>();
  for (const r of records) counts.set(ruleOf(r), (counts.get(ruleOf(r)) ?? 0) + 1);
  return [...counts].map(([rule, n]) => ({ rule, count: n })).sort((a, b) => b.count - a.count || a.rule.localeCompare(b.rule));
}

/** The rule of a delivery ignored as a copy of a message handled before (lambda/respond.ts). */
const COPY: HandlingRuleName = 'copy';

/** Screening's rule for our own mail, which takes a staff From its authentication vouches for (lambda/screen/ours.ts). */
const FROM_OURSELVES: ScreenRuleName = 'from-ourselves';

/**
 * Staff's own mail, counted apart from writers': their replies to our staff mail; their other mail (to the inbox, or
 * copying it), which screening drops as our own when authentication vouches for the staff From; and a copy of either
 * delivered again (a verdict sent in twice), ignored as `copy`. The last two are known by their sender's hash: under
 * those rules a staff sender is staff, since a staff From nothing vouches for is `claims-staff-address`, a guess the
 * digest lists. Our own answers come back (`from-ourselves` from the inbox) stay counted: a loop is for staff to see.
 */
function staffMail(config: Pick<Config, 'staffAddresses'>): (r: DecisionRecord) => boolean {
  const staff = new Set(config.staffAddresses.map((address) => addressHash(comparable(address))));
  return (r) =>
    (STAFF_REPLY_RULES as readonly string[]).includes(r.rule) ||
    ((r.rule === COPY || r.rule === FROM_OURSELVES) && r.senderHash !== undefined && staff.has(r.senderHash));
}

/** A delivery whose Message-ID came before on another subject or text: the responder took it for a new message (lambda/respond.ts). */
const REUSED_MESSAGE_ID: HandlingRuleName = 'reused-message-id';

const inOrderReceived = (a: DecisionRecord, b: DecisionRecord) =>
  a.receivedAt.localeCompare(b.receivedAt) || a.inboundId.localeCompare(b.inboundId);

/**
 * The deliveries (inbound ids) that another delivery counts for: each ignored as a `copy` of one handled before, and of
 * the deliveries of one message (`messageKey`) all but one. A delivery screening dropped (a list's copy, a Bcc for
 * another mailbox) or nothing vouches for claims nothing (lambda/respond.ts, `mayClaim`), so the next is decided again
 * rather than as its copy: the one counted is the first screening did not drop (what became of the writer's mail), else
 * the first. Found once over every record the digest reads (the two periods and all still kept, read apart, so told
 * apart by inbound id), so that a message delivered on both sides of a period's end counts in one period: the counted
 * delivery's.
 */
function deliveredAgain(records: Iterable<DecisionRecord>): Set<string> {
  const again = new Set<string>();
  const deliveries = new Map<string, DecisionRecord[]>();
  for (const r of records) {
    if (r.rule === COPY) again.add(r.inboundId);
    else if (r.messageKey !== undefined && r.rule !== REUSED_MESSAGE_ID)
      deliveries.set(r.messageKey, [...(deliveries.get(r.messageKey) ?? []), r]);
  }
  for (const ofOne of deliveries.values()) {
    const inOrder = [...ofOne].sort(inOrderReceived);
    const counted = inOrder.find((r) => !screenedOut(r.rule)) ?? inOrder[0];
    for (const r of inOrder) if (r !== counted) again.add(r.inboundId);
  }
  return again;
}

function volumeOf(all: readonly DecisionRecord[], fromStaff: (r: DecisionRecord) => boolean, again: ReadonlySet<string>): Volume {
  const kind = (k: DecisionKind) => (r: DecisionRecord) => endedAs(r) === k;
  const writers = all.filter((r) => !fromStaff(r));
  const records = writers.filter((r) => !again.has(r.inboundId));
  const handedOver = records.filter(reachedStaff);
  // Held and forwarded to no one since.
  const heldBy = (rule: LimitRuleName) => records.filter((r) => r.rule === rule && capHeld(r) && !r.forwarded);
  const [held, heldInHour] = [heldBy(ESCALATION_CAP), heldBy(HOURLY_ESCALATION_CAP)];
  // A cap's notice went to staff when it came; held mail forwarded later carries the cap's rule too, and no notice.
  const notices = (rule: LimitRuleName) => count(records, (r) => escalates(r) && r.rule === rule);
  return {
    received: records.length,
    answered: count(records, kind('answer')),
    answeredAndHandedOver: count(records, kind('answer-and-escalate')),
    proposed: count(records, (r) => kind('answer')(r) && r.heldBack === true),
    proposedAndHandedOver: count(records, (r) => kind('answer-and-escalate')(r) && r.heldBack === true),
    handedOver: count(records, kind('escalate')),
    heldByCap: held.length,
    capNotices: notices(ESCALATION_CAP),
    heldByHourlyCap: heldInHour.length,
    hourlyCapNotices: notices(HOURLY_ESCALATION_CAP),
    forwardedLater: count(records, forwardedLater),
    ignored: count(records, kind('ignore')),
    ignoredByRule: byRule(records.filter(kind('ignore'))),
    handedOverByRule: byRule(handedOver, handedOverBy),
    heldByCapByRule: byRule(held, handedOverBy),
    heldByHourlyCapByRule: byRule(heldInHour, handedOverBy),
    fromStaff: all.length - writers.length,
    copies: writers.length - records.length,
  };
}

function entryUses(records: readonly DecisionRecord[], questionOf: (id: string) => string): EntryUse[] {
  // A reply screening dropped (an out-of-office notice, a bounce, a copy) reached no person: no writer wrote back. One the
  // escalation cap held is ignored too, but a writer wrote it (it would have gone to a person).
  const followedUp = new Set(records.flatMap((r) => (r.followUpTo && (r.kind !== 'ignore' || capped(r)) ? [r.followUpTo.inboundId] : [])));
  const uses = new Map<string, EntryUse>();
  // Shadow mode's proposals went to no one: no writer read them, so none can have replied.
  for (const r of records.filter((record) => !record.heldBack)) {
    for (const { entry } of r.sent) {
      const use = uses.get(entry) ?? { entry, question: questionOf(entry), sent: 0, followedUp: 0 };
      use.sent++;
      if (followedUp.has(r.inboundId)) use.followedUp++;
      uses.set(entry, use);
    }
  }
  return [...uses.values()]
    .sort((a, b) => b.sent - a.sent || b.followedUp - a.followedUp || a.entry.localeCompare(b.entry))
    .slice(0, TOP_ENTRIES);
}

function ignoredOnAGuess(records: readonly DecisionRecord[]): Guess[] {
  return records
    .filter((r) => r.kind === 'ignore' && dropsOnAGuess(r.rule))
    .map(({ inboundId, receivedAt, rule, matched, subject }) => ({
      inboundId,
      receivedAt,
      rule,
      ...(matched ? { matched } : {}),
      ...(subject ? { subject } : {}),
    }))
    .sort((a, b) => b.receivedAt.localeCompare(a.receivedAt) || a.inboundId.localeCompare(b.inboundId));
}

/**
 * Whether the phrases that fired in the message could decide its hand-over (PHRASES_DECIDE): a
 * reply to our answer, a colleague's thread or unauthenticated mail goes to a person whatever
 * fires in it, and counted, a phrase would look busier, and staff's verdicts on that mail would
 * look like verdicts on it. A record of the cap written before it kept the rule it replaced counts:
 * phrases are kept only for mail the matcher read, and most such mail is the matcher's.
 */
export const phrasesDecided = (r: DecisionRecord): boolean =>
  (PHRASES_DECIDE as readonly string[]).includes(handedOverBy(r)) || (r.rule === ESCALATION_CAP && r.beforeCap === undefined);

/**
 * The phrases that fired in the period's records or the one before, most first, each beside the
 * period before (one that fired only then at 0, as the rules are: a phrase staff narrowed is seen to stop),
 * with the verdicts of `judged` (those given during the period) on messages they fired in.
 */
function phraseUses(
  records: readonly DecisionRecord[],
  previousRecords: readonly DecisionRecord[],
  judged: readonly DecisionRecord[],
  cues: HandoverCues,
): PhraseUse[] {
  const written = new Set(cues.list.map(phraseKey));
  const uses = new Map<string, PhraseUse>();
  // A record names each phrase once: counting the records a phrase is named in counts its messages.
  const useOf = ({ reason, phrase }: FiredPhrase): PhraseUse => {
    const key = phraseKey({ reason, phrase });
    const use = uses.get(key) ?? {
      reason,
      phrase,
      fired: 0,
      firedBefore: 0,
      toPerson: 0,
      verdicts: { good: 0, wrong: 0, shouldAnswer: 0 },
      inContent: written.has(key),
    };
    uses.set(key, use);
    return use;
  };
  for (const r of records.filter(phrasesDecided)) {
    for (const fired of r.handover ?? []) {
      const use = useOf(fired);
      use.fired++;
      if (reachedStaff(r)) use.toPerson++;
    }
  }
  for (const r of previousRecords.filter(phrasesDecided)) for (const fired of r.handover ?? []) useOf(fired).firedBefore++;
  for (const r of judged) {
    if (!r.verdict || !phrasesDecided(r)) continue;
    const word = verdictWord(
      r.verdict,
      r.sent.map((s) => s.entry),
    );
    // Only the phrases listed: one that fired in neither period is not brought back for a late verdict.
    for (const fired of r.handover ?? []) {
      const use = uses.get(phraseKey(fired));
      if (use) use.verdicts[word === 'should-answer' ? 'shouldAnswer' : word]++;
    }
  }
  return [...uses.values()].sort(
    (a, b) =>
      b.fired - a.fired ||
      b.toPerson - a.toPerson ||
      b.firedBefore - a.firedBefore ||
      a.reason.localeCompare(b.reason) ||
      a.phrase.localeCompare(b.phrase),
  );
}

/**
 * `guesses` (newest first) by rule and match, fewest first (the likeliest to hold a person), ties
 * by the newest message.
 */
export function groupGuesses(guesses: readonly Guess[]): GuessGroup[] {
  const groups = new Map<string, GuessGroup>();
  for (const g of guesses) {
    const key = JSON.stringify([g.rule, g.matched ?? null]);
    const group = groups.get(key) ?? { rule: g.rule, ...(g.matched !== undefined ? { matched: g.matched } : {}), guesses: [] };
    group.guesses.push(g);
    groups.set(key, group);
  }
  const newest = (group: GuessGroup) => group.guesses[0];
  return [...groups.values()].sort(
    (a, b) =>
      a.guesses.length - b.guesses.length ||
      newest(b).receivedAt.localeCompare(newest(a).receivedAt) ||
      newest(a).inboundId.localeCompare(newest(b).inboundId),
  );
}

function snippetFor(suggestion: Suggestion, examples: readonly string[], nearest: Gap['nearest'], entry: FaqEntry | undefined): string {
  const asked = examples.map((e) => `- ${e}`);
  if (suggestion === 'also-asked') {
    const where = entry ? ` (${entry.source.file}, line ${entry.source.line})` : '';
    return [`<!-- add below the entry "${nearest?.question}"${where} -->`, 'Also asked:', ...asked].join('\n');
  }
  const [first, ...rest] = examples;
  const question = first ? (/[?]$/.test(first) ? first : `${first}?`) : 'The question writers ask';
  return [
    `**Q: ${question}**`,
    '',
    'The answer, written by staff.',
    ...(rest.length ? ['', 'Also asked:', ...rest.map((e) => `- ${e}`)] : []),
  ].join('\n');
}

/**
 * The entry an open question comes nearest to: its own best (its open part's, when entries
 * answered the rest), or the subject's when that fits better. The matcher reads the subject as a summary of the body, so when the body's
 * question finds nothing close, the subject often still names the topic.
 */
function nearestFor(question: RecordedQuestion, record: DecisionRecord): EntryScore | undefined {
  const subject = record.questions.filter((q) => q.source === 'subject' && q.best).map((q) => q.best!);
  return [(question.openPart ?? question).best, ...subject]
    .filter((b): b is EntryScore => b !== undefined)
    .sort((a, b) => b.score - a.score)[0];
}

/**
 * The questions no entry answered that left their writer waiting. Mail handed over for not
 * being in English is left out, and so is a question written in another script (a Japanese
 * subject above an English body): the FAQ is English, so they are no gap in it, and pasted
 * as "Also asked" they would teach the matcher nothing it can read (the digest counts that
 * mail under its rule). So is a writer's reply in a conversation a person carries on, whose record
 * written before the record said so (it names the rule) leaves it open. Each by the rule the
 * escalation cap replaced, when it did (`beforeCap`).
 */
export function openQuestions(records: readonly DecisionRecord[]): OpenQuestion[] {
  return records.flatMap((r) =>
    r.questions.flatMap((q, position) => {
      // By the rule that handed it over, though the escalation cap's notice replaced it.
      const rule = handedOverBy(r);
      if (!q.open || rule === NOT_IN_ENGLISH || (PERSON_CARRIES_ON as readonly string[]).includes(rule)) return [];
      // A question answered in part is a gap by what is still open (`openPart`).
      const { text } = q.openPart ?? q;
      if (text !== undefined && !inLatinScript(text)) return [];
      const best = nearestFor(q, r);
      return [{ inboundId: r.inboundId, position, ...(text ? { text } : {}), ...(best ? { best } : {}) }];
    }),
  );
}

export interface DigestInput {
  period: Period;
  previous: Period;
  records: readonly DecisionRecord[];
  previousRecords: readonly DecisionRecord[];
  /** The FAQ as it is now (entries by id) and its matcher index. */
  entries: readonly FaqEntry[];
  index: FaqIndex;
  /**
   * Every record still kept when the digest is made: the switch-to-auto judgement reads all verdicts, not one period's,
   * and the deliveries of one message are told apart over all of them (`deliveredAgain`).
   */
  allRecords: readonly DecisionRecord[];
  /** When `allRecords` were read (the digest was made): "All on record" says up to when it reaches; absent: not said. */
  madeAt?: Date;
  config: Pick<Config, 'mode' | 'autoPrecisionBar' | 'autoMinVerdicts' | 'autoPrecisionBasis' | 'staffAddresses'>;
  /** Records of mail received before this are gone (`decisionRetentionDays` before the digest was made); absent: none is. */
  keptSince?: Date;
  /** The running release's id (`releaseId`): the verdict section says how much of its evidence that release decided. */
  release?: string;
}

export function buildDigest(input: DigestInput): Digest {
  const byId = new Map(input.entries.map((e) => [e.id, e]));
  const questionOf = (id: string) => byId.get(id)?.question ?? id;
  const fromStaff = staffMail(input.config);
  // The FAQ's hand-over phrases as the index compiled them: a gap's question they fire on is left out of its snippet.
  const { cues } = input.index;
  // A question is asked once however often its message came (handed over twice, when nothing vouched for it); a delivery
  // dropped on a guess (a Bcc for another mailbox) is no loss to check when its message counts by another.
  const read = new Map([...input.allRecords, ...input.previousRecords, ...input.records].map((r) => [r.inboundId, r]));
  const again = deliveredAgain(read.values());
  const once = input.records.filter((r) => !again.has(r.inboundId));
  const asked = openQuestions(once);
  const gaps = groupQuestions(asked, input.index.vocabulary).map((group): Gap => {
    const examples = [...new Set(group.questions.flatMap((q) => (q.text ? [oneLine(q.text, EXAMPLE_CHARS)] : [])))].slice(0, MAX_EXAMPLES);
    const nearest = group.nearest ? { ...group.nearest, question: questionOf(group.nearest.entry) } : undefined;
    const suggestion: Suggestion = nearest && nearest.score >= CLOSE_ENTRY && byId.has(nearest.entry) ? 'also-asked' : 'new-entry';
    const handedOver = examples.flatMap((text) => {
      const hit = findHandover(text, cues);
      return hit ? [{ text, phrase: hit.phrase }] : [];
    });
    const pasted = examples.filter((text) => !handedOver.some((h) => h.text === text));
    return {
      count: group.questions.length,
      examples,
      ...(nearest ? { nearest } : {}),
      suggestion,
      snippet: snippetFor(suggestion, pasted, nearest, nearest ? byId.get(nearest.entry) : undefined),
      handedOver,
      members: group.questions.map(({ inboundId, position }) => ({ inboundId, position })),
    };
  });
  return {
    period: input.period,
    previous: input.previous,
    volume: {
      current: volumeOf(input.records, fromStaff, again),
      previous: volumeOf(input.previousRecords, fromStaff, again),
    },
    entries: entryUses(input.records, questionOf),
    gaps,
    guesses: ignoredOnAGuess(once),
    phrases: phraseUses(input.records, input.previousRecords, verdictsGivenDuring(input.allRecords, input.period), input.index.cues),
    ...(input.keptSince && input.keptSince > input.previous.since ? { expiredBefore: input.keptSince } : {}),
    verdicts: verdictSection({ current: input.records, previous: input.previousRecords, all: input.allRecords }, input.config, questionOf, {
      period: input.period,
      keptSince: input.keptSince,
      release: input.release,
      madeAt: input.madeAt,
    }),
  };
}
