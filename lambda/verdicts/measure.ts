/**
 * What staff verdicts say about faqmail's answers on the team's own mail: precision (of the
 * answers it chose, or in shadow mode would have chosen, how many staff called right) and
 * recall (of the messages staff say an FAQ entry answers, how many it answered right), for
 * the whole and for each entry; and whether measured precision clears the bar for switching
 * shadow mode to auto. Pure: decision records in, figures out.
 *
 * How each verdict counts, for an answer (entries chosen) and for a hand-over (none):
 *
 * | verdict | answer | hand-over |
 * | --- | --- | --- |
 * | `good` | right: each entry a true positive | right hand-over (neither figure) |
 * | `wrong` | wrong: each entry a false positive; whether any entry answers is unknown (no recall) | a missed answer, entry unknown |
 * | `wrong: X`, X chosen | wrong: X a false positive, the others true positives (X alone: as `wrong`) | — |
 * | `wrong: X`, X not chosen | as `should answer: X` | as `should answer: X` |
 * | `should answer: X` | right only if X was all it chose; X a true positive if chosen, else a false | a missed answer: X a |
 * |  | negative; the others false positives | false negative |
 *
 * A `should answer` naming no entry faqmail knows counts for the message, not for any entry; so does
 * a `wrong` naming one on a hand-over (no entry was chosen, so the one named was not), and on an answer
 * of several entries (a wrong answer that needed one, as either row above says, but blaming none: which
 * is unknown). On an answer of one entry it is a `wrong`: that entry was wrong whichever the name meant. Only each
 * message's latest verdict counts; where it replaced another staff member's different one, the
 * message is listed (`overruled`) for staff to settle.
 */
import { counted } from '../counted';
import type { Config } from '../config';
import type { DecisionRecord, StaffVerdict } from '../state/decision-record';
import type { VerdictWord } from './parse-verdict';

export interface EntryFigures {
  entry: string;
  truePositives: number;
  /** False positives: the messages (inbound ids) it went to, or would have, where staff called it wrong. */
  wronglyFor: string[];
  /** False negatives: the messages staff said it answers and it was not chosen for. */
  missedFor: string[];
}

export interface Ratio {
  hits: number;
  of: number;
}

export interface VerdictMeasure {
  /** Records with a verdict. */
  verdicts: number;
  /**
   * Answers (sent, or proposed in shadow mode) on record, with a verdict or without: precision is
   * measured on those staff judged, and says nothing of the rest unless those are a fair sample.
   */
  answers: number;
  /** Answers (sent, or proposed in shadow mode) with a verdict, and how many staff called right. */
  precision: Ratio;
  /** Messages staff say an entry answers, and how many faqmail answered right. */
  recall: Ratio;
  /** Hand-overs with a verdict, and how many staff called right. */
  handOvers: Ratio;
  /** Per entry, most judged first. */
  entries: EntryFigures[];
  /** Messages (inbound ids) whose verdict replaced another staff member's different one: counted by the later. */
  overruled: string[];
  /** Messages whose verdict was also addressed to someone neither staff nor the inbox (the writer, after a plain Reply). */
  alsoSent: string[];
}

/** How much of the verdicts' evidence the release running now decided (the records' `release`). */
export interface RunningRelease {
  /** Its id (../release-id). */
  id: string;
  /** Judged answers it decided: of `precision.of`, those in its records; a record with no id was decided before it. */
  judged: number;
  /** When it decided the first of its records on record; absent when it has decided none yet. */
  since?: Date;
}

export function runningRelease(records: readonly DecisionRecord[], id: string): RunningRelease {
  const its = records.filter((r) => r.release === id);
  // Counted by measureVerdicts, so that "judged" means here what it means in the figures beside it.
  const judged = measureVerdicts(its).precision.of;
  if (its.length === 0) return { id, judged };
  // Not Math.min(...): 90 days of records can outnumber the arguments a call takes.
  return { id, judged, since: new Date(its.reduce((first, r) => Math.min(first, Date.parse(r.decidedAt)), Infinity)) };
}

/**
 * The records whose verdict was given during `period` (by when SES received it), whatever period their mail came in:
 * what a digest shows of each verdict given then, so that a verdict given after the digest of its mail's period is
 * shown in the next one, and each verdict in one.
 */
export function verdictsGivenDuring(records: readonly DecisionRecord[], period: { since: Date; until: Date }): DecisionRecord[] {
  return records.filter((r) => {
    const at = r.verdict ? Date.parse(r.verdict.at) : NaN;
    return at >= period.since.getTime() && at < period.until.getTime();
  });
}

export interface SwitchJudgement {
  ready: boolean;
  /** One sentence for staff. */
  says: string;
}

function ratio(hits: number, of: number): Ratio {
  return { hits, of };
}

function rate({ hits, of }: Ratio): number | undefined {
  return of === 0 ? undefined : hits / of;
}

/**
 * What a verdict says of a decision that chose the entries `chosen` (none for a hand-over), as
 * the table above reads it: `wrong: X` for an entry it did not choose means X is the one that
 * answers, as `should answer: X` would.
 */
export function verdictWord(verdict: StaffVerdict, chosen: readonly string[]): VerdictWord {
  const named = verdict.entries?.[0];
  return verdict.verdict === 'wrong' && named !== undefined && !chosen.includes(named) ? 'should-answer' : verdict.verdict;
}

export function measureVerdicts(records: readonly DecisionRecord[]): VerdictMeasure {
  const figures = new Map<string, EntryFigures>();
  const of = (entry: string) => {
    let f = figures.get(entry);
    if (!f) figures.set(entry, (f = { entry, truePositives: 0, wronglyFor: [], missedFor: [] }));
    return f;
  };
  const wrongly = (entry: string, record: DecisionRecord) => of(entry).wronglyFor.push(record.inboundId);
  const missed = (entry: string, record: DecisionRecord) => of(entry).missedFor.push(record.inboundId);
  let verdicts = 0;
  let answers = 0;
  const overruled: string[] = [];
  const alsoSent: string[] = [];
  const precision = ratio(0, 0);
  const recall = ratio(0, 0);
  const handOvers = ratio(0, 0);
  for (const record of records) {
    if (record.sent.length > 0) answers += 1;
    const verdict = record.verdict;
    if (!verdict) continue;
    verdicts += 1;
    if (verdict.overrules) overruled.push(record.inboundId);
    if (verdict.alsoTo) alsoSent.push(record.inboundId);
    const chosen = record.sent.map((s) => s.entry);
    const named = verdict.entries?.[0];
    const word = verdictWord(verdict, chosen);
    if (chosen.length === 0) {
      // Any `wrong` here names no entry that was chosen (none was): as `should answer`, even a name that is no entry.
      if (word === 'good') {
        handOvers.of += 1;
        handOvers.hits += 1;
      } else {
        handOvers.of += 1;
        recall.of += 1;
        if (named) missed(named, record);
      }
      continue;
    }
    precision.of += 1;
    if (word === 'good') {
      precision.hits += 1;
      recall.of += 1;
      recall.hits += 1;
      for (const entry of chosen) of(entry).truePositives += 1;
    } else if (word === 'wrong' && named !== undefined && chosen.length > 1) {
      // Only `named` was wrong: the others answer, so the message needed an answer and got a partly wrong one.
      // Named alone, it is a bare `wrong`: no entry is said to answer the message.
      recall.of += 1;
      for (const entry of chosen) {
        if (entry === named) wrongly(entry, record);
        else of(entry).truePositives += 1;
      }
    } else if (word === 'wrong' && verdict.unresolved !== undefined && chosen.length > 1) {
      // A name we cannot read: it blamed one of them (the others answer) or named another that answers (all were wrong);
      // either way the message needed an answer, and which entry to blame is unknown.
      recall.of += 1;
    } else if (word === 'wrong') {
      for (const entry of chosen) wrongly(entry, record);
    } else {
      const right = named !== undefined && chosen.length === 1 && chosen[0] === named;
      recall.of += 1;
      if (right) {
        precision.hits += 1;
        recall.hits += 1;
      }
      for (const entry of chosen) {
        if (entry === named) of(entry).truePositives += 1;
        else wrongly(entry, record);
      }
      if (named !== undefined && !chosen.includes(named)) missed(named, record);
    }
  }
  const judged = (f: EntryFigures) => f.truePositives + f.wronglyFor.length + f.missedFor.length;
  const entries = [...figures.values()].sort((a, b) => judged(b) - judged(a) || a.entry.localeCompare(b.entry));
  return { verdicts, answers, precision, recall, handOvers, entries, overruled, alsoSent };
}

/**
 * A share to a tenth of a percent, rounded down: rounded to nearest, 2,499 right of 2,500 read as "100.0%" (every
 * answer right) and a precision just below the bar as the bar.
 */
export function percent({ hits, of }: Ratio): string {
  if (of === 0) return 'n/a';
  return hits === of ? '100%' : `${(Math.floor((1000 * hits) / of) / 10).toFixed(1)}%`;
}

/** z for a two-sided 95% interval. */
const Z95 = 1.96;

/**
 * The Wilson score interval of a proportion at 95%: what the verdicts say of the precision on
 * mail not yet judged. 48 right of 50 is 96% measured, but 87–99% is all it shows.
 */
export function wilsonInterval({ hits, of }: Ratio): [low: number, high: number] {
  if (of === 0) return [0, 1];
  const p = hits / of;
  const z2 = Z95 * Z95;
  const centre = (p + z2 / (2 * of)) / (1 + z2 / of);
  const spread = (Z95 * Math.sqrt((p * (1 - p)) / of + z2 / (4 * of * of))) / (1 + z2 / of);
  return [Math.max(0, centre - spread), Math.min(1, centre + spread)];
}

/** The day a release began deciding, as the digest shows days; or that it has decided nothing on record. */
export function releaseSince(running: RunningRelease): string {
  return running.since ? `since ${running.since.toISOString().slice(0, 10)}` : 'it has decided no mail on record yet';
}

/**
 * When most judged answers were decided before the release running now: those verdicts judge
 * decisions it might not make (other code, FAQ content or answer settings), so the measured
 * figure says less of it than it seems to, in either direction.
 */
function olderEvidence(precision: Ratio, running: RunningRelease | undefined): string {
  if (running === undefined || precision.of === 0 || 2 * running.judged >= precision.of) return '';
  const before = precision.of - running.judged;
  return (
    ` ${before} of the ${counted(precision.of, 'judged answer')} ${before === 1 ? 'was' : 'were'} decided before the release running now (${releaseSince(running)}), ` +
    'by other code, FAQ content or answer settings, or by a release their records do not name: precision may have moved either way since, ' +
    'and verdicts on the mail the running release decides will tell.'
  );
}

/**
 * Whether measured precision justifies answering writers automatically (`mode=auto`), on all
 * verdicts on record: the measured share, or the low end of its interval (`autoPrecisionBasis`), against
 * the bar; `running` (when known) says how much of that the running release decided.
 */
export function switchJudgement(
  measure: VerdictMeasure,
  config: Pick<Config, 'mode' | 'autoPrecisionBar' | 'autoMinVerdicts' | 'autoPrecisionBasis'>,
  running?: RunningRelease,
): SwitchJudgement {
  const onLowerBound = config.autoPrecisionBasis === 'lower-bound';
  // As set, to a hundredth of a percent: rounded to a whole one, a bar of 0.975 read as 97% or 98%.
  const bar =
    `${Number((100 * config.autoPrecisionBar).toFixed(2))}%${onLowerBound ? ' at the low end of the 95% interval,' : ''} ` +
    `over at least ${counted(config.autoMinVerdicts, 'verdict')} on answers`;
  const { precision } = measure;
  const [low, high] = wilsonInterval(precision);
  // To a tenth of a percent, outwards (as `percent` rounds down): a low end of 94.99% must not read as a bar of 95%.
  const shown = (bound: number, round: (tenths: number) => number) => `${(round(1000 * bound) / 10).toFixed(1)}%`;
  // With no verdict on an answer there is no share to state ("n/a of 0 judged answers right").
  const measured =
    precision.of === 0 ? 'no answer has a verdict' : `${percent(precision)} of ${counted(precision.of, 'judged answer')} right`;
  // The share and its interval are of the judged answers; they speak for the others only if staff did not pick which
  // to judge by how they looked (a wrong answer stands out, and so may be judged more often, or less).
  const unjudged = measure.answers - precision.of;
  const coverage =
    unjudged > 0 && precision.of > 0
      ? ` ${precision.of} of ${measure.answers} answers on record ${precision.of === 1 ? 'has' : 'have'} a verdict: the figure speaks for the ${unjudged} ` +
        'without one only if the judged ones are a fair sample (judge every proposal, or every one of chosen days, not those that stand out).'
      : '';
  const older = olderEvidence(precision, running);
  if (precision.of < config.autoMinVerdicts) {
    const needed = config.autoMinVerdicts - precision.of;
    return { ready: false, says: `Not measured enough yet: ${measured}; the bar is ${bar} (${needed} more needed).${older}${coverage}` };
  }
  const value = onLowerBound ? low : (rate(precision) ?? 0);
  if (value < config.autoPrecisionBar) {
    // Rounded down (percent): a precision just below the bar must not read as the bar (94.99% as 95.0%).
    const measuredBelow = `${percent(precision)} of ${counted(precision.of, 'judged answer')} right`;
    const below = onLowerBound
      ? `${measuredBelow}, which shows only that precision on new mail is at least ${shown(low, Math.floor)} (the low end of its 95% interval)`
      : measuredBelow;
    const stop =
      config.mode === 'auto'
        ? ' faqmail answers writers (mode auto): to stop until the FAQ or the model is mended, deploy with mode=shadow.'
        : '';
    return { ready: false, says: `Below the bar: ${below}; the bar is ${bar}.${older}${coverage}${stop}` };
  }
  const fairly = unjudged > 0 ? ', if the judged answers are a fair sample' : '';
  const switchOn = `This justifies switching to auto${fairly} (set mode to auto and redeploy).`;
  const action = config.mode === 'shadow' ? switchOn : 'faqmail already answers (mode auto).';
  // How far the measured share could be from the precision on new mail (with the bar on the share, the interval's low
  // end may lie below it).
  const spread = `with ${counted(precision.of, 'verdict')}, precision on new mail is likely between ${shown(low, Math.floor)} and ${shown(high, Math.ceil)} (95% interval)`;
  return { ready: true, says: `Measured precision clears the bar: ${measured} (bar ${bar}); ${spread}.${older}${coverage} ${action}` };
}
