/**
 * The digest as a mail to staff: a text part and an HTML part from the same blocks
 * (lambda/compose/blocks), so both say the same thing and everything a writer wrote is
 * escaped in HTML. Short lines and one column: it is read on phones as often as not.
 */
import { digestAddresses, type Config } from '../config';
import type { OutboundMail } from '../domain';
import { atMost, blocksToHtml, blocksToText, type Block } from '../compose/blocks';
import { buildMail } from '../compose/mime';
import { counted } from '../counted';
import {
  groupGuesses,
  type Digest,
  type EntryUse,
  type Gap,
  type Guess,
  type GuessGroup,
  type Period,
  type PhraseUse,
  type Volume,
} from './build';
import { DECISIONS_BY_DAY } from '../state/table-schema';
import { verdictBlocks } from '../verdicts/measure-blocks';

function day(date: Date): string {
  return date.toISOString().slice(0, 10);
}

const atMidnight = (date: Date) => date.getTime() % (24 * 60 * 60 * 1000) === 0;
const minute = (date: Date) => date.toISOString().slice(11, 16);

/**
 * `2026-03-02 to 2026-03-08` for whole UTC days: the last day shown is the last one the period
 * includes. A period that starts or ends within a day (`npm run digest` up to now) shows its
 * times, `2026-11-24 13:51 to 2026-12-01 13:51`: by its days alone, it and the period before
 * would both seem to hold 2026-11-24 whole.
 */
export function periodLabel(period: Period): string {
  const { since, until } = period;
  if (!atMidnight(since) || !atMidnight(until)) {
    const end = day(since) === day(until) ? minute(until) : `${day(until)} ${minute(until)}`;
    return `${day(since)} ${minute(since)} to ${end}`;
  }
  const last = new Date(until.getTime() - 1);
  return day(since) === day(last) ? day(since) : `${day(since)} to ${day(last)}`;
}

function percent(part: number, whole: number): string {
  return whole === 0 ? 'n/a' : `${Math.round((100 * part) / whole)}%`;
}

function beside(now: number, before: number): string {
  return `${now} (before: ${before})`;
}

/** This period's rules, most first, then those of the period before alone (at 0 now: a rule that stopped firing is news too). */
function ruleCounts(now: Volume['ignoredByRule'], before: Volume['ignoredByRule']): string[] {
  const earlier = new Map(before.map((r) => [r.rule, r.count]));
  const current = new Set(now.map((r) => r.rule));
  return [
    ...now.map((r) => `${r.rule}: ${beside(r.count, earlier.get(r.rule) ?? 0)}`),
    ...before.filter((r) => !current.has(r.rule)).map((r) => `${r.rule}: ${beside(0, r.count)}`),
  ];
}

/**
 * The answers sent, then those shadow mode proposed to staff instead, apart: counted together, "Answered" beside
 * "No FAQ entry was sent" read as a contradiction. With none proposed in either period, the one line auto mode has.
 */
function answeredRows(label: string, now: number, proposedNow: number, before: number, proposedBefore: number): Array<[string, string]> {
  const sent: [string, string] = [label, beside(now - proposedNow, before - proposedBefore)];
  if (proposedNow + proposedBefore === 0) return [sent];
  return [sent, [`Would have ${label.toLowerCase()} (proposed to staff, shadow mode)`, beside(proposedNow, proposedBefore)]];
}

function volume(digest: Digest): Block[] {
  const { current: now, previous: before } = digest.volume;
  // An answer beside a held hand-over counts as answered: without these lines, what the caps held showed nowhere.
  const heldByCaps = (
    [
      ['escalation cap', now.heldByCap, before.heldByCap],
      ['hourly escalation cap', now.heldByHourlyCap, before.heldByHourlyCap],
    ] as const
  ).flatMap(([cap, held, heldBefore]): Array<[string, string]> =>
    held + heldBefore > 0 ? [[`Held by the ${cap} (forwarded to no one)`, beside(held, heldBefore)]] : [],
  );
  const forwardedLater: [string, string] = [
    'Forwarded later from the held mail (counted as handed over)',
    beside(now.forwardedLater, before.forwardedLater),
  ];
  const blocks: Block[] = [
    { kind: 'heading', text: 'Mail received' },
    {
      kind: 'fields',
      rows: [
        ['Received', beside(now.received, before.received)],
        ...answeredRows('Answered', now.answered, now.proposed, before.answered, before.proposed),
        ...answeredRows(
          'Answered + handed over',
          now.answeredAndHandedOver,
          now.proposedAndHandedOver,
          before.answeredAndHandedOver,
          before.proposedAndHandedOver,
        ),
        ['Handed over', beside(now.handedOver, before.handedOver)],
        ...heldByCaps,
        // Held, then forwarded at staff's request: it reached staff, late, and is no longer what the caps hold.
        ...(now.forwardedLater + before.forwardedLater > 0 ? [forwardedLater] : []),
        ['Ignored', beside(now.ignored, before.ignored)],
        // Neither staff's own mail nor a message's second delivery is what the figures above report on; shown apart so
        // that none of it goes unseen.
        ...(now.fromStaff + before.fromStaff > 0
          ? [["Staff's own mail, verdicts and notes (not counted above)", beside(now.fromStaff, before.fromStaff)] as [string, string]]
          : []),
        ...(now.copies + before.copies > 0
          ? [['Delivered again (not counted above)', beside(now.copies, before.copies)] as [string, string]]
          : []),
      ],
    },
  ];
  if (digest.expiredBefore) {
    const when = `${digest.expiredBefore.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
    const short = digest.expiredBefore > digest.period.since ? 'these figures and those before' : 'the figures before';
    blocks.push({
      kind: 'text',
      muted: true,
      text: `Decision records expire after decisionRetentionDays: none is left of mail received before ${when}, so ${short} count only what came after.`,
    });
  }
  if (now.handedOverByRule.length + before.handedOverByRule.length > 0)
    blocks.push(
      { kind: 'text', text: 'Handed over, by rule:' },
      { kind: 'list', items: ruleCounts(now.handedOverByRule, before.handedOverByRule) },
    );
  // Each listed under the rule that sent it to a person; that the cap was reached is said apart, with what it held.
  if (now.capNotices > 0)
    blocks.push({
      kind: 'text',
      muted: true,
      text: `${now.capNotices} of these carried the escalation cap's notice: their sender's further mail that day was held.`,
    });
  if (now.hourlyCapNotices > 0)
    blocks.push({
      kind: 'text',
      muted: true,
      text: `${now.hourlyCapNotices} of these carried the hourly escalation cap's notice: further hand-overs that hour, from any sender, were held.`,
    });
  if (now.forwardedLater > 0)
    blocks.push({
      kind: 'text',
      muted: true,
      text: `${now.forwardedLater} of these were held by an escalation cap and forwarded later, at staff's request.`,
    });
  const heldBy = (cap: string, nowByRule: Volume['heldByCapByRule'], beforeByRule: Volume['heldByCapByRule']): Block[] =>
    nowByRule.length + beforeByRule.length > 0
      ? [
          { kind: 'text', text: `Held by the ${cap}, by the rule that would have handed over:` },
          { kind: 'list', items: ruleCounts(nowByRule, beforeByRule) },
        ]
      : [];
  blocks.push(
    ...heldBy('escalation cap', now.heldByCapByRule, before.heldByCapByRule),
    ...heldBy('hourly escalation cap', now.heldByHourlyCapByRule, before.heldByHourlyCapByRule),
  );
  // A flood that fills the hour holds writers' hand-overs with the flooder's: nobody would see them without this.
  if (now.heldByCap + now.heldByHourlyCap > 0) {
    const date = (at: Date) => `${at.toISOString().slice(0, 16)}Z`;
    blocks.push({
      kind: 'text',
      muted: true,
      text:
        "The held messages are kept in the mail bucket. To hand this period's to staff now, each once with its original " +
        `attached (--dry-run lists them first; --rule or --sender picks some): npm run forward-held -- --since ${date(digest.period.since)} ` +
        `--until ${date(digest.period.until)}`,
    });
  }
  if (now.ignoredByRule.length + before.ignoredByRule.length > 0)
    blocks.push({ kind: 'text', text: 'Ignored, by rule:' }, { kind: 'list', items: ruleCounts(now.ignoredByRule, before.ignoredByRule) });
  return blocks;
}

/**
 * Groups of mail ignored on a guess shown (by rule and match, fewest first); the messages of the
 * rest are counted, with where to find each. The sample replay of 280 labelled messages
 * (docs/operate-digest.md) drops 4 on a guess, in 4 groups, so a week of an inbox like it fits well
 * within this; more groups mean a rule to look at rather than each line.
 */
export const MAX_GUESS_GROUPS = 20;

const at = (iso: string) => `${iso.slice(0, 16).replace('T', ' ')} UTC`;

const whatMatched = (matched: string | undefined) => (matched === undefined ? '(what it matched was not recorded)' : `matched ${matched}`);

function guessLine(g: Guess): string {
  return [
    `${at(g.receivedAt)}, ${g.rule} ${whatMatched(g.matched)}`,
    ...(g.subject ? [`Subject: ${g.subject}`] : []),
    `SES message id: ${g.inboundId}`,
  ].join('\n');
}

/** A group of one is its message; a larger one shows its newest and when the others came. */
function guessGroupLine(group: GuessGroup): string {
  const [newest, ...others] = group.guesses;
  if (others.length === 0) return guessLine(newest);
  const span =
    others.length === 1 ? at(others[0].receivedAt) : `${at(others[others.length - 1].receivedAt)} to ${at(others[0].receivedAt)}`;
  return [
    `${group.guesses.length} messages, ${group.rule} ${whatMatched(group.matched)}; the newest:`,
    `${at(newest.receivedAt)}`,
    ...(newest.subject ? [`Subject: ${newest.subject}`] : []),
    `SES message id: ${newest.inboundId}`,
    `Not shown: the other ${others.length}, received ${span}.`,
  ].join('\n');
}

/**
 * Where to find every message the list leaves out: its decision record (rule, what it matched,
 * subject, SES id), listed a day at a time through the table's index by day.
 */
function unshownGuesses(digest: Digest, groups: readonly GuessGroup[]): Block[] {
  // A group shown shows its newest message alone.
  const unshown = groups.flatMap((g, i) => g.guesses.slice(i < MAX_GUESS_GROUPS ? 1 : 0));
  if (unshown.length === 0) return [];
  const [example] = unshown;
  const day = example.receivedAt.slice(0, 10);
  const { indexName, partitionKey } = DECISIONS_BY_DAY;
  return [
    {
      kind: 'text',
      text:
        `${unshown.length} of these ${digest.guesses.length} messages ${unshown.length === 1 ? 'is' : 'are'} not shown. Each has a decision record in the state table ` +
        '(stack output StateTableName), decision#<SES message id>, with its rule, what it matched, its subject when kept and its SES ' +
        `message id. The table's ${indexName} index lists a day's records; those of one rule on one day, e.g. ${example.rule} on ${day} ` +
        '(TABLE: the state table; then fetch each from the mail bucket):',
    },
    {
      kind: 'code',
      text: [
        `aws dynamodb query --table-name TABLE --index-name ${indexName}`,
        `  --key-condition-expression '#day = :day' --filter-expression '#rule = :rule'`,
        `  --expression-attribute-names '{"#day":"${partitionKey}","#rule":"rule"}'`,
        `  --expression-attribute-values '{":day":{"S":"${day}"},":rule":{"S":"${example.rule}"}}'`,
        `  --projection-expression 'inboundId, receivedAt, matched, subject'`,
      ].join(' \\\n'),
    },
  ];
}

/** Nothing when no message was ignored on a guess. */
function guesses(digest: Digest): Block[] {
  if (digest.guesses.length === 0) return [];
  const groups = groupGuesses(digest.guesses);
  const count = (from: readonly GuessGroup[]) => from.reduce((sum, g) => sum + g.guesses.length, 0);
  return [
    { kind: 'heading', text: 'Ignored on a guess — a person may have written these' },
    {
      kind: 'text',
      muted: true,
      text:
        'A rule judged these automatic or not ours by the sender, the subject, the text or the addressing; no standard marker said so. ' +
        'Check that no person is among them: each is kept in the mail bucket (stack output MailBucketName) under its SES message id. ' +
        'Messages a rule dropped for the same match are grouped, fewest first: software repeats itself, a person seldom does.' +
        // Unlike the other guesses, such mail is no one's automatic mail: it needs an answer a person writes.
        (digest.guesses.some((g) => g.rule === 'claims-our-address')
          ? ' Those under claims-our-address gave our own address as sender, as a website or ticket form does: ' +
            'nobody answered them, and the person who wrote is in their Reply-To or their text.'
          : '') +
        // Not staff's own for sure: a forger's, or staff's mail that their domain's authentication does not cover.
        (digest.guesses.some((g) => g.rule === 'claims-staff-address')
          ? ' Those under claims-staff-address gave a staff address as sender that authentication does not vouch for: ' +
            "a forgery, or staff's own mail sent from servers the staff domain's SPF and DKIM do not cover."
          : ''),
    },
    {
      kind: 'list',
      items: atMost(
        groups,
        MAX_GUESS_GROUPS,
        guessGroupLine,
        (n) => `… and ${counted(n, 'more group')} (${counted(count(groups.slice(MAX_GUESS_GROUPS)), 'message')}), not shown`,
      ),
    },
    ...unshownGuesses(digest, groups),
  ];
}

/**
 * Hand-over phrases listed, most fired first; the rest are counted in one line. In the sample
 * replay of 280 labelled messages (docs/operate-digest.md), 41 phrases fired in the 55 messages the
 * matcher handed over: the 20 most fired account for 64 of the 87 firings, and each phrase past them fired in one or two
 * messages. A phrase that sends much mail to staff is near the top; the tail is counted.
 */
export const MAX_PHRASES_SHOWN = 20;

function phraseLine(use: PhraseUse): string {
  const { good, wrong, shouldAnswer } = use.verdicts;
  const verdicts =
    good + wrong + shouldAnswer === 0
      ? 'no verdicts given this period'
      : `verdicts given this period: ${good} good, ${wrong} wrong, ${shouldAnswer} should answer`;
  return [
    `"${use.phrase}" (${use.reason})`,
    `fired in ${counted(use.fired, 'message')} (before: ${use.firedBefore}); ${use.toPerson} went to a person; ${verdicts}` +
      (use.inContent ? '' : '; no longer in content/handover.md'),
  ].join('\n');
}

/** Nothing when no hand-over phrase fired in either period (nor in periods whose records were written before phrases were kept). */
function phrases(digest: Digest): Block[] {
  if (digest.phrases.length === 0) return [];
  return [
    { kind: 'heading', text: 'Hand-over phrases that fired' },
    {
      kind: 'text',
      muted: true,
      text:
        "A phrase in content/handover.md that fires beside a writer's question sends the mail to a person. Each that fired " +
        'this period or the one before, most first: the messages it fired in (beside the period before; only mail the matcher handed over, ' +
        'not mail a screening rule or another sent to a person anyway), how many of them went to a person, and ' +
        'the verdicts staff gave this period on messages it fired in, whichever period those came in. On mail handed over without an answer, ' +
        'wrong and should answer say no person was needed; on mail also answered, they may judge the answer instead.',
    },
    {
      kind: 'list',
      items: atMost(digest.phrases, MAX_PHRASES_SHOWN, phraseLine, (n) => {
        // Most fired first: the first not shown fired in as many messages as any of the rest.
        const most = digest.phrases[MAX_PHRASES_SHOWN].fired;
        return most === 0
          ? `… and ${counted(n, 'more phrase')} that fired only in the period before`
          : `… and ${counted(n, 'more phrase')}, each fired in ${counted(most, 'message')} or fewer`;
      }),
    },
    {
      kind: 'text',
      text:
        'A phrase that fires often where staff judge no person was needed sends staff mail that faqmail could have answered: ' +
        'narrow it in content/handover.md (the words that tell a request apart, e.g. "can you ... check" rather than "check") ' +
        'or drop it.',
    },
  ];
}

function entryLine(use: EntryUse): string {
  const times = use.sent === 1 ? 'once' : `${use.sent} times`;
  return `${use.question}\nsent ${times}; writers replied to ${use.followedUp} (${percent(use.followedUp, use.sent)})`;
}

function entries(digest: Digest): Block[] {
  const blocks: Block[] = [{ kind: 'heading', text: 'Entries sent most' }];
  if (digest.entries.length === 0) {
    const { proposed, proposedAndHandedOver } = digest.volume.current;
    const why = proposed + proposedAndHandedOver > 0 ? ': in shadow mode, answers are proposed to staff and sent to no one' : '';
    return [...blocks, { kind: 'text', text: `No FAQ entry was sent${why}.` }];
  }
  return [
    ...blocks,
    {
      kind: 'text',
      muted: true,
      text: 'A reply to an automatic answer goes to a person: a high reply rate marks an answer that does not help.',
    },
    { kind: 'list', items: digest.entries.map(entryLine) },
  ];
}

/** SES ids shown for a group whose question text is not recorded. */
const MAX_UNRECORDED = 3;

/** Without recorded text, where staff can read the questions: the group's messages, by SES id. */
function unrecorded(g: Gap): string {
  const ids = [...new Set(g.members.map((m) => m.inboundId))];
  const more = ids.length > MAX_UNRECORDED ? ` and ${ids.length - MAX_UNRECORDED} more` : '';
  const listed = `${ids.slice(0, MAX_UNRECORDED).join(', ')}${more}`;
  const messages =
    ids.length === 1 ? 'the message in the mail bucket, SES message id' : `the ${ids.length} messages in the mail bucket, SES message ids`;
  return `(Question text is not recorded: read ${messages} ${listed}.)`;
}

/** "Also asked" with no phrasing under it (question text not recorded) would paste nothing. */
const hasSnippet = (g: Gap) => g.suggestion !== 'also-asked' || g.examples.length > g.handedOver.length;

/** The phrasings a hand-over phrase fires on, left out of the snippet, and why. */
function leftOut(g: Gap): Block[] {
  if (g.handedOver.length === 0) return [];
  const which = g.handedOver.map((h) => `"${h.text}" (the hand-over phrase "${h.phrase}" fires on it)`).join('; ');
  return [
    {
      kind: 'text',
      text:
        `Left out of the snippet: ${which}. Such mail goes to a person whatever the FAQ says, and npm run check-content ` +
        'refuses such a phrasing; to have faqmail answer it, narrow that phrase in content/handover.md first.',
    },
  ];
}

function gap(g: Gap, rank: number): Block[] {
  const questions = counted(g.count, 'question');
  const nearest = g.nearest ? `Nearest entry: ${g.nearest.question} (score ${g.nearest.score.toFixed(2)})` : 'No entry came near.';
  const suggestion =
    g.suggestion === 'also-asked'
      ? `Suggestion: if "${g.nearest?.question}" answers these, add them as "Also asked" under it; if not, they need an entry of their own.`
      : 'Suggestion: a new entry is needed.';
  return [
    { kind: 'heading', text: `${rank}. ${questions}` },
    ...(g.examples.length > 0
      ? [{ kind: 'list', items: g.examples.map((e) => `"${e}"`) } as Block]
      : [{ kind: 'text', text: unrecorded(g) } as Block]),
    { kind: 'text', text: `${nearest}\n${suggestion}` },
    ...(hasSnippet(g) ? [{ kind: 'code', text: g.snippet } as Block] : []),
    ...leftOut(g),
  ];
}

/**
 * Topics shown, largest first; the rest are counted in one line. The replay of 280 labelled
 * messages (docs/operate-digest.md) gives 46 topics, 36 of them one question each: all are shown.
 * Questions that share no terms each make a topic of their own, so a long period, or a wave of mail
 * about what the FAQ never covers, made a topic of every question: 3,000 made a digest of several MB
 * (up to 2 KB a topic, in each part), and SES refuses a mail over 10 MB.
 */
export const MAX_GAPS_SHOWN = 50;

/** The topics past MAX_GAPS_SHOWN (`rest`, largest first), counted. */
function moreGaps(rest: readonly Gap[]): Block[] {
  if (rest.length === 0) return [];
  const questions = rest.reduce((sum, g) => sum + g.count, 0);
  return [
    {
      kind: 'text',
      text:
        `… and ${counted(rest.length, 'more topic')} (${counted(questions, 'question')}), each of ${counted(rest[0].count, 'question')}` +
        `${rest[0].count > 1 ? ' or fewer' : ''}, not shown: each is an open question in its message's decision record.`,
    },
  ];
}

function gaps(digest: Digest): Block[] {
  const total = digest.gaps.reduce((sum, g) => sum + g.count, 0);
  const blocks: Block[] = [{ kind: 'heading', text: 'Questions the FAQ did not answer' }];
  if (total === 0) return [...blocks, { kind: 'text', text: 'None: every question was answered or handed over for another reason.' }];
  // The intro speaks of the topics a reader sees: those past MAX_GAPS_SHOWN are only counted.
  const shown = digest.gaps.slice(0, MAX_GAPS_SHOWN);
  return [
    ...blocks,
    {
      kind: 'text',
      muted: true,
      text:
        `${counted(total, 'question')} in ${counted(digest.gaps.length, 'topic')}, largest first. ` +
        (shown.every(hasSnippet)
          ? 'Each ends with a snippet to paste into the FAQ content.'
          : 'Each with phrasings or a new entry to paste ends with a snippet for the FAQ content.'),
    },
    ...shown.flatMap((g, i) => gap(g, i + 1)),
    ...moreGaps(digest.gaps.slice(MAX_GAPS_SHOWN)),
  ];
}

export function digestSubject(digest: Digest, config: Pick<Config, 'escalationTag'>): string {
  const open = digest.gaps.reduce((sum, g) => sum + g.count, 0);
  // Questions, not messages: one message may ask several (and an answered one leave one open), so "2 unanswered" could
  // stand beside "1 received".
  return `${config.escalationTag} digest ${periodLabel(digest.period)}: ${digest.volume.current.received} received, ${counted(open, 'question')} unanswered`;
}

export function digestBlocks(digest: Digest): Block[] {
  return [
    { kind: 'text', text: `What faqmail did ${periodLabel(digest.period)} (UTC), beside ${periodLabel(digest.previous)}.` },
    ...volume(digest),
    ...guesses(digest),
    ...phrases(digest),
    ...entries(digest),
    ...gaps(digest),
    ...verdictBlocks(digest.verdicts),
  ];
}

export async function composeDigest(digest: Digest, config: Config): Promise<OutboundMail> {
  const subject = digestSubject(digest, config);
  const blocks = digestBlocks(digest);
  return buildMail({
    kind: 'digest',
    from: { name: config.inboxName, address: config.inboxAddress },
    to: digestAddresses(config).map((address) => ({ name: '', address })),
    subject,
    threading: { references: [] },
    headers: { 'Auto-Submitted': 'auto-generated', 'X-Auto-Response-Suppress': 'OOF, AutoReply' },
    text: blocksToText(blocks),
    html: blocksToHtml(blocks, subject),
  });
}
