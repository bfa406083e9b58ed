/** The digest's section on staff verdicts: precision and recall per period and per entry, and whether to switch to auto. */
import { atMost, type Block } from '../compose/blocks';
import { counted } from '../counted';
import type { Config } from '../config';
import type { StaffReplyRuleName } from '../domain';
import { oneLine } from '../one-line';
import type { DecisionRecord, RecordedQuestion } from '../state/decision-record';
import {
  measureVerdicts,
  percent,
  releaseSince,
  runningRelease,
  switchJudgement,
  verdictsGivenDuring,
  type RunningRelease,
  type EntryFigures,
  type Ratio,
  type SwitchJudgement,
  type VerdictMeasure,
} from './measure';

export interface VerdictSection {
  current: VerdictMeasure;
  previous: VerdictMeasure;
  /** Every verdict still on record, which the switch judgement reads. */
  overall: VerdictMeasure;
  judgement: SwitchJudgement;
  /** How much of `overall` the release running now decided; absent when its id is not known (a replay of saved records). */
  running?: RunningRelease;
  /** Entry id → its question today (the id when the FAQ no longer has it), for the entries measured. */
  questions: Record<string, string>;
  /**
   * Entries staff called wrong in the verdicts given during the period (on its mail or earlier mail; when the period is not
   * known, those on its mail), with what those writers asked: what a `Not about:` line can name.
   */
  wronglySent: AskedOf[];
  /** Likewise, entries staff said answer a message they were not chosen for, with what was asked: what `Also asked:` can say. */
  missed: AskedOf[];
  /** Records of mail received before this have expired, their verdicts with them: "All on record" reaches back to here. */
  keptSince?: Date;
  /** When the digest was made: "All on record" (and the running release's share) is the record as it stood then, whatever the period. */
  madeAt?: Date;
  /**
   * Verdicts given during the period on mail received before it: a verdict counts in the period
   * of the mail it judges, so these are in no figure of this period (0 when the period is not known).
   */
  givenOnEarlierMail: number;
  /**
   * Messages on record, of any period, whose verdict overrules another staff member's different one: a
   * dispute counts until the one overruled comes round, and often arises after the digest of its mail's period.
   */
  disputed: string[];
  /**
   * Messages whose verdict, given during the period (on its mail or earlier mail), was also addressed to someone
   * neither staff nor the inbox; when the period is not known, those of its mail.
   */
  alsoSent: string[];
  /**
   * Verdict mails received during the period that named no decision on record (expired, or never one
   * of ours), by their SES ids: in no figure, and said so, since the staff member who sent one is not told.
   */
  noRecord: string[];
  /** Likewise, verdict mails of the period that could not be read: `should answer:` with no entry, or a link's with no verdict. */
  unreadable: string[];
  /**
   * Verdict-looking mails from staff addresses received during the period that failed authentication (a staff
   * domain's SPF or DKIM broken, or a forger's): in no figure, and said so with what to check, since staff think they counted.
   */
  unauthenticated: string[];
}

/** The rules of verdict mails that count nowhere (../respond.ts). */
const NO_RECORD: StaffReplyRuleName = 'staff-verdict-no-record';
const UNREADABLE: StaffReplyRuleName = 'staff-verdict-unreadable';
const UNAUTHENTICATED: StaffReplyRuleName = 'staff-verdict-unauthenticated';

/** What the writers asked in the messages of one entry's verdicts. */
export interface AskedOf {
  entry: string;
  /** Their questions, one a message (recorded text only). */
  asked: string[];
  /** Messages whose question text is not recorded (`recordQuestionText` off): their inbound ids, to fetch from the mail bucket. */
  unrecorded: string[];
  /**
   * Messages whose record holds no question at all, whatever `recordQuestionText` says (mail handed
   * over before the matcher read it, or in which it found none): their inbound ids, likewise.
   */
  noQuestion: string[];
}

/** The question of a record the verdict is about: the one the entry came nearest to, else the first `preferred`, else the first. */
function askedIn(record: DecisionRecord, entry: string, preferred: (q: RecordedQuestion) => boolean): string | undefined {
  const texts = record.questions.filter((q) => q.text);
  return (texts.find((q) => q.best?.entry === entry) ?? texts.find(preferred) ?? texts[0])?.text;
}

function askedOf(
  figures: readonly EntryFigures[],
  records: readonly DecisionRecord[],
  messages: (f: EntryFigures) => string[],
  preferred: (q: RecordedQuestion) => boolean,
): AskedOf[] {
  const byId = new Map(records.map((r) => [r.inboundId, r]));
  return figures
    .filter((f) => messages(f).length > 0)
    .map((f) => {
      const asked: string[] = [];
      const unrecorded: string[] = [];
      const noQuestion: string[] = [];
      for (const id of messages(f)) {
        const record = byId.get(id);
        const text = record && askedIn(record, f.entry, preferred);
        if (text) asked.push(oneLine(text, ASKED_CHARS));
        else if (record && record.questions.length > 0) unrecorded.push(id);
        else noQuestion.push(id);
      }
      return { entry: f.entry, asked, unrecorded, noQuestion };
    });
}

/** What the digest knows of when it was made; the section leaves out what depends on a part not given. */
interface VerdictContext {
  /** The digest's period: verdicts given in it on earlier mail are counted, copies to the writer listed by when given. */
  period?: { since: Date; until: Date };
  /** Records of mail received before this are gone. */
  keptSince?: Date;
  /** The running release's id: its own answers' precision is shown beside the record's. */
  release?: string;
  /** When the records were read: "All on record" says up to when it reaches. */
  madeAt?: Date;
}

/** The section from the records of the period, of the one before, and of all still kept. */
export function verdictSection(
  records: { current: readonly DecisionRecord[]; previous: readonly DecisionRecord[]; all: readonly DecisionRecord[] },
  config: Pick<Config, 'mode' | 'autoPrecisionBar' | 'autoMinVerdicts' | 'autoPrecisionBasis'>,
  questionOf: (entry: string) => string,
  { period, keptSince, release, madeAt }: VerdictContext = {},
): VerdictSection {
  const current = measureVerdicts(records.current);
  const overall = measureVerdicts(records.all);
  const running = release === undefined ? undefined : runningRelease(records.all, release);
  const givenThen = period ? verdictsGivenDuring(records.all, period) : [];
  const givenOnEarlierMail = period ? givenThen.filter((r) => Date.parse(r.receivedAt) < period.since.getTime()).length : 0;
  // What was asked is listed for the verdicts given during the period, on its mail or earlier mail: each in one digest.
  // By the mail's period, a verdict given after that period's digest (weekend mail judged on Monday) was in none.
  const judged = period ? givenThen : records.current;
  const given = measureVerdicts(judged);
  return {
    ...(keptSince ? { keptSince } : {}),
    ...(madeAt ? { madeAt } : {}),
    givenOnEarlierMail,
    disputed: overall.overruled,
    alsoSent: period ? givenThen.filter((r) => r.verdict?.alsoTo).map((r) => r.inboundId) : current.alsoSent,
    noRecord: records.current.filter((r) => r.rule === NO_RECORD).map((r) => r.inboundId),
    unreadable: records.current.filter((r) => r.rule === UNREADABLE).map((r) => r.inboundId),
    unauthenticated: records.current.filter((r) => r.rule === UNAUTHENTICATED).map((r) => r.inboundId),
    current,
    previous: measureVerdicts(records.previous),
    overall,
    judgement: switchJudgement(overall, config, running),
    ...(running ? { running } : {}),
    questions: Object.fromEntries([...current.entries, ...given.entries].map((f) => [f.entry, questionOf(f.entry)])),
    // Sent wrongly: the question it answered; missed: one left open, else the one another entry answered instead.
    wronglySent: askedOf(
      given.entries,
      judged,
      (f) => f.wronglyFor,
      (q) => q.answered,
    ),
    missed: askedOf(
      given.entries,
      judged,
      (f) => f.missedFor,
      (q) => q.open,
    ),
  };
}

/** Entries listed; the rest are summed up in one line. */
const MAX_ENTRIES = 15;
const moreEntries = (count: number) => `… and ${counted(count, 'more entry', 'more entries')}`;
const andMore = (count: number) => `and ${count} more`;
/** Questions shown for an entry sent wrongly: enough to see what they share. */
const MAX_ASKED = 3;
/** A question as shown: one line of a list. */
const ASKED_CHARS = 160;

function figure(r: Ratio): string {
  return r.of === 0 ? 'no verdicts' : `${percent(r)} (${r.hits} of ${r.of})`;
}

/** How many of the answers (sent or proposed) have a verdict: precision is of those alone. */
function judged(m: VerdictMeasure): string {
  return `${m.precision.of} of ${m.answers}`;
}

/** How many of the judged answers on record the running release decided, and since when it runs. */
function runningLine(overall: VerdictMeasure, running: RunningRelease): string {
  const since = releaseSince(running);
  const judged = overall.precision.of;
  if (judged === 0) return `release ${running.id}, ${since}; no answer on record has a verdict`;
  const decided = running.judged === 0 ? 'none was' : `${running.judged} ${running.judged === 1 ? 'was' : 'were'}`;
  return `of the ${counted(judged, 'answer')} judged, ${decided} decided by the release running now (${running.id}, ${since})`;
}

function entryLine(f: EntryFigures, questions: Record<string, string>): string {
  const precision: Ratio = { hits: f.truePositives, of: f.truePositives + f.wronglyFor.length };
  const recall: Ratio = { hits: f.truePositives, of: f.truePositives + f.missedFor.length };
  return `${questions[f.entry] ?? f.entry} — precision ${figure(precision)}, recall ${figure(recall)}`;
}

/** Messages by SES id, the first few named (`SES ids a, b, c and 2 more`): staff find them in the mail bucket. */
function sesIds(ids: readonly string[]): string {
  return `SES ${ids.length === 1 ? 'id' : 'ids'} ${atMost(ids, MAX_ASKED, (id) => id, andMore).join(', ')}`;
}

/** Verdicts given this period that count nowhere (`ids`, their mails' SES ids), what was wrong with them and what to do. */
function uncounted(ids: readonly string[], what: string, why: string): Block {
  const n = ids.length;
  return {
    kind: 'text',
    text:
      `${n === 1 ? '1 verdict given this period' : `${n} verdicts given this period`} ${what} ` +
      `(${sesIds(ids)}: the verdict mails, in the mail bucket), so ${n === 1 ? 'it counts' : 'they count'} nowhere: ${why}`,
  };
}

function askedLine(w: AskedOf, questions: Record<string, string>): string {
  const parts = atMost(w.asked, MAX_ASKED, (text) => `"${text}"`, andMore);
  const messages = (ids: readonly string[], what: string) => {
    if (ids.length > 0) parts.push(`${ids.length} ${what} (${sesIds(ids)})`);
  };
  messages(w.unrecorded, 'whose text is not recorded');
  messages(w.noQuestion, 'with no question on record');
  return `${questions[w.entry] ?? w.entry}: ${parts.join('; ')}`;
}

export function verdictBlocks(section: VerdictSection): Block[] {
  const { current, previous, overall, judgement } = section;
  // The switch judgement reads these: say which mail they cover, so that verdicts expiring are not lost without a word.
  const since = section.keptSince
    ? `, on mail received since ${section.keptSince.toISOString().slice(0, 10)} (older records have expired)`
    : '';
  // Not the period's end: for a past period the record reaches past it, to the verdicts given since.
  const upTo = section.madeAt
    ? `${since ? ' up' : ', on mail received up'} to when this digest was made (${section.madeAt.toISOString().slice(0, 16).replace('T', ' ')} UTC)`
    : '';
  const blocks: Block[] = [
    { kind: 'heading', text: 'Staff verdicts' },
    {
      kind: 'fields',
      rows: [
        ['Verdicts', `${current.verdicts} (before: ${previous.verdicts})`],
        ['Answers judged', `${judged(current)}; before: ${judged(previous)}`],
        ['Precision', `${figure(current.precision)}; before: ${figure(previous.precision)}`],
        ['Recall', `${figure(current.recall)}; before: ${figure(previous.recall)}`],
        ['Hand-overs right', `${figure(current.handOvers)}; before: ${figure(previous.handOvers)}`],
        ['All on record', `precision ${figure(overall.precision)}, recall ${figure(overall.recall)}${since}${upTo}`],
        // The judgement below reads every verdict on record, whatever release decided the mail: say how much is the running one's.
        ...(section.running ? [['Running release', runningLine(overall, section.running)] as [string, string]] : []),
      ],
    },
    { kind: 'text', text: judgement.says },
  ];
  if (current.entries.length > 0) {
    const items = atMost(current.entries, MAX_ENTRIES, (f) => entryLine(f, section.questions), moreEntries);
    blocks.push({ kind: 'text', text: 'Per entry, this period:' }, { kind: 'list', items });
  }
  const askedBlocks = (title: string, of: AskedOf[], advice: string): Block[] =>
    of.length === 0
      ? []
      : [
          { kind: 'text', text: title },
          {
            kind: 'list',
            items: atMost(of, MAX_ENTRIES, (a) => askedLine(a, section.questions), moreEntries),
          },
          { kind: 'text', muted: true, text: advice },
        ];
  blocks.push(
    ...askedBlocks(
      'Chosen where staff said it was wrong (sent, or proposed in shadow mode), in verdicts given this period, and what was asked:',
      section.wronglySent,
      'Where they ask about something the entry does not cover, say so under it in the FAQ with the few words that make ' +
        'the difference, e.g. "Not about: OIDC logout": faqmail then never sends it for a question that says them.',
    ),
    ...askedBlocks(
      'Not chosen where staff said it answers, in verdicts given this period, and what was asked:',
      section.missed,
      'Where they ask what the entry answers in words of their own, add their question under it as "Also asked:".',
    ),
  );
  if (section.disputed.length > 0) {
    const n = section.disputed.length;
    blocks.push({
      kind: 'text',
      muted: true,
      text:
        `Staff disagreed on ${counted(n, 'message')} on record (a later verdict replaced another staff member's different one; ` +
        `the later counts, and the message is listed until the one overruled gives the same verdict): ${sesIds(section.disputed)}.`,
    });
  }
  if (section.alsoSent.length > 0) {
    const n = section.alsoSent.length;
    blocks.push({
      kind: 'text',
      text:
        `${n === 1 ? '1 verdict given this period was' : `${n} verdicts given this period were`} also addressed to someone neither staff nor the inbox ` +
        `(${sesIds(section.alsoSent)}): a plain Reply to a staff mail goes to the writer, who then gets the verdict and ` +
        'the staff mail quoted under it. Address verdicts to the inbox only.',
    });
  }
  if (section.noRecord.length > 0)
    blocks.push(
      uncounted(
        section.noRecord,
        'named no message on record',
        'the message judged has expired from the record, or the verdict replied to no hand-over or proposal of ours (a digest, say), ' +
          'or its faqmail-ref line was changed. Whoever sent it was not told.',
      ),
    );
  if (section.unreadable.length > 0)
    blocks.push(
      uncounted(
        section.unreadable,
        'could not be read',
        '"should answer:" with no entry after the colon (or "wrong:" with text on a line below), or a verdict link\'s mail or a reply to the inbox ' +
          'alone whose first line is no verdict (a greeting before the word, or a remark after it on its line: "good, thanks"). Send it again with ' +
          'the verdict alone on the first line, the entry key or question after the colon.',
      ),
    );
  if (section.unauthenticated.length > 0) {
    const n = section.unauthenticated.length;
    blocks.push({
      kind: 'text',
      text:
        `${n === 1 ? '1 mail' : `${n} mails`} from a staff address looked like a verdict but failed authentication ` +
        `(${sesIds(section.unauthenticated)}: in the mail bucket, with the reason in the log), so ${n === 1 ? 'it counts' : 'they count'} nowhere. ` +
        "If staff sent them, their domain's mail passes neither SPF nor DKIM at the inbox (check its SPF record names the " +
        'servers staff send from and that they sign with DKIM), or it passed DKIM alone and named the inbox in neither To ' +
        'nor Cc (send verdicts to the inbox, not Bcc). If no one did, the From was forged, and changed nothing.',
    });
  }
  if (section.givenOnEarlierMail > 0) {
    const n = section.givenOnEarlierMail;
    const given = n === 1 ? '1 verdict given this period judges' : `${n} verdicts given this period judge`;
    blocks.push({
      kind: 'text',
      muted: true,
      text: `${given} mail received before it: a verdict counts in the period of the mail it judges (and in All on record).`,
    });
  } else if (current.verdicts === 0 && section.noRecord.length + section.unreadable.length + section.unauthenticated.length === 0) {
    // Not "reply": a staff mail's Reply-To is the writer, who would get the verdict and the staff mail quoted under it.
    const how =
      'To give one, open a verdict link at the end of a hand-over or proposal and send it: it goes to the inbox alone (Reply goes to the writer).';
    blocks.push({ kind: 'text', muted: true, text: `No verdicts this period. ${how}` });
  }
  return blocks;
}
