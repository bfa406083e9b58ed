import type { Config } from '../config';
import {
  answersOf,
  type Address,
  FOLLOW_UP_RULES,
  type Decision,
  type FaqEntry,
  type InboundMessage,
  type OutboundMail,
  type RuleName,
  type ScoredAnswer,
} from '../domain';
import { atMost, blocksToHtml, blocksToText, type Block } from './blocks';
import { questionText } from './markdown';
import { buildMail } from './mime';
import { personTakesQuoted } from './reply';
import { oneLine } from '../one-line';
import { originalAttachment, originalFilename } from './original';
import { staffMailSubject, type StaffMailKind } from './subject';
import { threadingFor } from './threading';
import { verdictFooter } from './verdict-footer';
import { quotes } from '../mail/answer-mark';
import { formatAddress, MAX_REPLY_TO, writerAddresses, type OurAddress, type WriterAddresses } from '../mail/writer';
import { MAX_REFUSED_SHOWN } from '../mail/delivery-status';
import { comparable } from '../comparable-address';
import { counted } from '../counted';

/**
 * What a bounce says of an answer that bounced.
 * - `failed`: a delivery report says it failed. Only `statuses` may stand in faqmail's own lines;
 *   the rest is the report's to say, addresses too ("forwarded to" a mailbox of its choosing), shown apart.
 * - `unreported`: automatic mail with no standard report returns it, and nothing a machine reads
 *   says whether it failed or is only delayed; staff read the bounce where it is stored (ours to say).
 */
export type Undelivered =
  | {
      kind: 'failed';
      statuses: string[];
      /** Who refused it, as `whoRefused` says it. */
      refusedBy: string;
      /** The servers' replies, at most a few (`more` counts the rest). */
      said: string[];
      more: number;
    }
  | {
      kind: 'unreported';
      storedAt: string;
      /** The bounce itself, attached beside the original when both fit `config.maxAttachmentBytes`: staff seldom reach the bucket. */
      raw?: Buffer;
    };

export interface EscalationInput {
  /** Absent when the mail could not be parsed. */
  message?: InboundMessage;
  /** The original, attached when it fits `config.maxAttachmentBytes`; absent when it could not be read. */
  raw?: Buffer;
  decision: Decision;
  config: Config;
  /** Where the original is kept (e.g. `s3://bucket/inbound/abc`), named when it is too large to attach. */
  storedAt?: string;
  /**
   * The SES id the decision this mail shows is recorded under, which the verdict links name
   * (./verdict-footer); without it (no handler, as in the CLI), the footer offers only the reply.
   */
  inboundId?: string;
  /** For a reply to one of our answers, or one that bounced (`undelivered`): the FAQ entries that answer held, from our records. */
  earlierAnswer?: FaqEntry[];
  /**
   * The automatic answer to this message bounced, or may have (the first line leads with it), as the
   * bounce says it (lambda/mail/delivery-status.ts).
   */
  undelivered?: Undelivered;
  /**
   * For an answer that bounced whose writer's message is not shown (`message` absent: it could not
   * be read): the address the answer went to, when the bounce names one our records confirm; our
   * record of the answer keeps only a hash of it.
   */
  answeredAddress?: string;
  /**
   * Mail an escalation cap held beside an automatic answer, handed over later at staff's request (`npm run
   * forward-held`): the FAQ entries that answer held, from our records. The writer has them; a person takes the rest.
   */
  answeredBefore?: FaqEntry[];
  /** Shadow mode: the reply faqmail would have sent (./shadow-proposal), shown first. */
  proposal?: Block[];
  /**
   * False when nothing in the message's authentication vouches for its From address (see
   * `vouchedSender`): the first line then says so, whatever rule handed the message over.
   * Absent when not known (a hand-over after a failure).
   */
  fromVouched?: boolean;
  /**
   * The rule that handed the message over when the escalation cap's notice replaced it with its own:
   * a reply in a conversation staff took over (`follow-up-staff-thread`) or a colleague carries on
   * (`colleague-thread`) is still shown as one.
   */
  handedOverBy?: RuleName;
}

/** What staff see of the writer's text; the whole message is attached. */
const MAX_ASKED_CHARS = 4000;
/** Staff read one glance, not a ranking: a few likely answers or none. */
const MAX_CANDIDATES = 3;
/**
 * The lowest probability (the answer model's) at which an entry is offered to staff as a
 * likely answer. Measured on the escalated messages of the four labelled sets of this FAQ
 * (282 candidates not sent, 12 of them labelled answers): 0.15 keeps 8 of the 12 and shows 35
 * of the other 270; 0.4 would keep 5 (14 others shown), 0.05 all 12 (58 others shown).
 * Refit it when the answer model is refitted.
 */
export const CANDIDATE_FLOOR = 0.15;
/** What staff see of the quoted answer when our records do not name its entries. */
const MAX_QUOTED_ANSWER_CHARS = 2000;
/** Attachment names listed in the summary of an original too large to attach. */
const MAX_LISTED_ATTACHMENTS = 20;

function size(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

/**
 * Whether the message replies to one of our answers: a follow-up rule says so, or our records name
 * the answer it replies to (`earlierAnswer`, which only such a message has) under another rule, as
 * the escalation cap's notice, which replaces the follow-up rule with its own. Not a reply in a
 * conversation staff took over, whose thread may name our answer too: staff answer it, not faqmail.
 */
function isFollowUp(input: EscalationInput): boolean {
  const { decision, earlierAnswer, undelivered } = input;
  if ((FOLLOW_UP_RULES as readonly string[]).includes(decision.rule)) return true;
  if (inStaffThread(input)) return false;
  return undelivered === undefined && earlierAnswer !== undefined && earlierAnswer.length > 0;
}

/** Whether the message was handed over by `rule`: its decision's, or the one the cap's notice replaced. */
function handedOverUnder({ decision, handedOverBy }: EscalationInput, rule: RuleName): boolean {
  return decision.rule === rule || handedOverBy === rule;
}

/** Whether the message replies in a conversation staff took over. */
const inStaffThread = (input: EscalationInput) => handedOverUnder(input, 'follow-up-staff-thread');

/** Whether the message replies in a conversation a colleague carries on, who has it too. */
const inColleagueThread = (input: EscalationInput) => handedOverUnder(input, 'colleague-thread');

/** What staff are asked for, in the subject: a filter can tell follow-ups from new questions. */
function subjectOf(input: EscalationInput): string {
  return staffMailSubject(input.config.escalationTag, subjectKind(input), input.message?.subject);
}

function subjectKind(input: EscalationInput): StaffMailKind {
  if (input.proposal) return 'Would answer';
  if (isFollowUp(input)) return 'Reply to our answer';
  if (inStaffThread(input)) return 'Reply to staff';
  if (inColleagueThread(input)) return 'Reply to a colleague';
  return 'Needs a person';
}

function trimmed(text: string, max: number): string {
  const whole = text.trim();
  // Code points, not UTF-16 units, so that no emoji is cut in half; only the head is split.
  const head = Array.from(whole.slice(0, max * 2))
    .slice(0, max)
    .join('');
  return head.length < whole.length ? `${head.trimEnd()}\n[… ${whole.length - head.length} more characters in the original]` : whole;
}

/** What staff must know before writing to a From address the message's authentication does not vouch for (see `replyGoesTo`). */
function unvouched(from: Address | undefined, fromVouched: boolean | undefined): string {
  return from !== undefined && fromVouched === false
    ? `; nothing in the message's authentication vouches for its From address ${from.address}: anyone may have written it under that name, so check who wrote before writing to it`
    : '';
}

/**
 * Where staff's reply goes when it cannot go to the writer: no address they gave can take mail sent
 * through SES, or takes it for the writer (one of ours, `writer.ours`). A Reply-To that none can
 * still leaves a From address that may (Reply-To is copied alone when set, so that staff never write
 * past the writer's choice unawares): named for staff to use.
 */
function unreachable(message: InboundMessage, writer: WriterAddresses, config: Config, fromVouched: boolean | undefined): string {
  const inbox = 'so a reply to this mail goes to the inbox only';
  const cannot =
    writer.ours.length > 0
      ? 'can take your reply: each is one of ours (see the next line) or one Amazon SES cannot send to'
      : 'can take mail sent through Amazon SES';
  const from = message.replyTo.length > 0 ? writerAddresses({ ...message, replyTo: [] }, config).to[0] : undefined;
  if (!from) return `no address the writer gave (below) ${cannot}, ${inbox}.`;
  return (
    `no Reply-To address the writer set (below) ${cannot}, ${inbox}; their From address ` +
    `${from.address} can: write to them there yourself${unvouched(message.from, fromVouched)}.`
  );
}

/**
 * Where staff's reply goes. Reply-To is the writer's to set and nothing vouches for it: said
 * plainly when it is not the From address, so that nobody can have staff mail strangers unawares.
 * Nor does anything vouch for a From address the message's authentication does not (`fromVouched`
 * false): anyone can write a stranger's, and a screening rule that hands mail to a person (a
 * follow-up, an auto-forward, a helpdesk envelope) comes before the authentication check, so no
 * other line may say so.
 */
function replyGoesTo(writer: WriterAddresses, from: Address | undefined, fromVouched: boolean | undefined): string {
  const { to, leftOut } = writer;
  const forged = unvouched(from, fromVouched);
  if (writer.fromInstead) return `it goes to their From address ${to[0].address}, not to the Reply-To they set: see the next line${forged}`;
  if (to.length === 1 && leftOut === 0 && from !== undefined && comparable(to[0].address) === comparable(from.address))
    return forged ? `it goes to their From address ${to[0].address}${forged}` : 'it goes to the writer';
  const notFrom = from === undefined ? '' : `, not to their From address ${from.address}`;
  const where =
    leftOut > 0
      ? `the first ${to.length} of the ${to.length + leftOut} addresses the writer set as Reply-To (listed below; the other ${leftOut} are left out, to be read in the original)`
      : `the Reply-To the writer set, ${to.length === 1 ? to[0].address : `${to.length} addresses (listed below)`}`;
  return `it goes to ${where}${notFrom}: check it before sending${forged}`;
}

/** What was left out of where staff's reply goes for being ours (`WriterAddresses.ours`), and why, beside the first line. */
function oursLeftOut(ours: readonly OurAddress[]): Block[] {
  if (ours.length === 0) return [];
  const why = {
    inbox: 'is our own inbox, where faqmail takes your reply for a note from staff and sends it on to nobody',
    staff: 'is a staff address, where only we would read it',
  };
  const each = ours.map((our) => `${our.address} (their ${our.field}) ${why[our.whose]}`);
  const either = ours.length > 1 ? 'Either way the writer' : 'The writer';
  return [{ kind: 'text', text: `Left out of where your reply goes: ${each.join('; ')}. ${either} would never get your answer there.` }];
}

/**
 * Who refused the answer and what their servers said, apart from faqmail's own lines and marked as
 * the report's: a report is anyone's to write (anyone who holds our answer's Message-ID), and text
 * of theirs in the first line could close its quotes and go on in faqmail's voice ("write to them at ...").
 */
function reportQuoted(undelivered: Undelivered | undefined): Block[] {
  if (undelivered?.kind !== 'failed') return [];
  const { refusedBy, said, more } = undelivered;
  const counted = more > 0 ? ` (${said.length} of the ${said.length + more} server replies it gives)` : '';
  return [
    {
      kind: 'text',
      text:
        `What the report says${counted}, in the report's words, unchecked: anyone who holds our answer's Message-ID can ` +
        'write such a report, so take no address or link from it.',
    },
    { kind: 'quote', text: [`Refused by: ${oneLine(refusedBy, MAX_REFUSED_SHOWN)}`, ...said].join('\n') },
  ];
}

const BOUNCE_FILENAME = 'bounce.eml';

/** Whether the original fits the attachment limit (it is attached first). */
const originalFits = ({ raw, config }: EscalationInput) => raw !== undefined && raw.length <= config.maxAttachmentBytes;

/** The bounce with no standard report, when it fits the attachment limit beside the original (SES takes one raw message of 10 MB). */
function bounceAttached(input: EscalationInput): Buffer | undefined {
  const bounce = input.undelivered?.kind === 'unreported' ? input.undelivered.raw : undefined;
  const used = originalFits(input) ? (input.raw?.length ?? 0) : 0;
  return bounce !== undefined && used + bounce.length <= input.config.maxAttachmentBytes ? bounce : undefined;
}

const statusNote = (statuses: readonly string[]) => (statuses.length > 0 ? `status ${statuses.join(', ')}; ` : '');
/** `shown`: whether this mail shows the writer's message; else it is to be found where "The original message" says, if anywhere. */
const reachAnotherWay = (shown: boolean) =>
  'Their server may refuse your mail as it refused ours; a person may reach them another way ' +
  (shown
    ? '(another address or a number in their message, or your own records).'
    : '(your own records, or another address or a number in their message, if it can be found: see "The original message" below).');

/**
 * Where staff reach the writer of an answer that bounced when this mail does not show their message:
 * not by Reply, which would go to the inbox (the sender of what is shown, a bounce, is a mail server).
 */
function unshownWriter(address: string | undefined): string {
  const who = address
    ? `the answer went to ${address} (our records confirm the address the bounce names): write to them there yourself.`
    : 'faqmail cannot name them: its record of the answer keeps only a hash of the address it went to.';
  return `faqmail could not read their message (see below), so a reply to this mail goes to the inbox only; ${who}`;
}

/**
 * What a hand-over that shows nothing of the message (the notice sent when the one that showed it
 * could not go) must still say first, from its rule alone: whether the writer may lack an answer,
 * or may have one already.
 */
function unshownLead(rule: RuleName): string {
  if (rule === 'answer-bounced')
    return "faqmail's automatic answer to the writer of this message did not reach them, or may not have (why below): they may have no answer. ";
  if (rule === 'answer-uncertain') return 'The writer may have had an automatic answer already (why below): check before you answer them. ';
  return '';
}

/**
 * The parts of the message the reply told the writer a person will answer (./reply), as it quoted
 * them: the reason names none of them (it goes to the logs), and staff are to answer those.
 */
function promisedParts(decision: Decision): Block[] {
  const takes = decision.kind === 'answer-and-escalate' ? (decision.personTakes ?? []) : [];
  if (takes.length === 0) return [];
  const which = takes.length === 1 ? 'this part' : 'these parts';
  return [{ kind: 'text', text: `We told the writer a person will answer ${which} of their message:` }, ...personTakesQuoted(takes)];
}

/** The first line: what staff should do, then why faqmail did not answer alone. */
function situation(input: EscalationInput): Block[] {
  const { message, decision } = input;
  const writer: WriterAddresses = message ? writerAddresses(message, input.config) : { to: [], leftOut: 0, ours: [], fromInstead: false };
  // The message, when it names the writer at all (their addresses are shown below).
  const named = message && (message.from !== undefined || message.replyTo.length > 0) ? message : undefined;
  const how =
    writer.to.length > 0
      ? `reply to this mail (${replyGoesTo(writer, message?.from, input.fromVouched)}).`
      : named
        ? unreachable(named, writer, input.config, input.fromVouched)
        : !message && input.undelivered
          ? unshownWriter(input.answeredAddress)
          : 'the writer’s address is unknown, so a reply to this mail goes to the inbox only.';
  let todo: string;
  if (!message && !input.undelivered)
    todo =
      unshownLead(decision.rule) +
      (input.raw
        ? 'Please open the original and deal with it yourself: faqmail shows nothing of it here (why below), and a reply to this mail goes to the inbox only.'
        : 'Please find the original and deal with it yourself: faqmail could not read it, so nothing of it is here or attached ' +
          '(why below; where it was stored, under "The original message"), and a reply to this mail goes to the inbox only.');
  else if (input.undelivered?.kind === 'failed')
    // Whatever rule it carries (the escalation cap's notice too): staff must know the writer has no answer.
    todo =
      `faqmail's automatic answer to this writer could not be delivered: a delivery report says it was refused (` +
      `${statusNote(input.undelivered.statuses)}the report is quoted below). They have no answer; ` +
      `please reach them: ${how} ${reachAnotherWay(message !== undefined)}`;
  else if (input.undelivered?.kind === 'unreported')
    // Not a standard report: nothing faqmail reads says whether it failed, so the line says what is known and who can tell.
    todo =
      "faqmail's automatic answer to this writer may not have been delivered: an automatic mail that is no standard " +
      `delivery report returns it, so faqmail cannot tell whether it says the answer was refused or only delayed. Please read it ` +
      `(${bounceAttached(input) ? `attached as ${BOUNCE_FILENAME}; ` : ''}stored at ${oneLine(input.undelivered.storedAt, 500)}), ` +
      "as anyone's words: whoever holds our answer's Message-ID can write such a mail, so take no address or link from it. " +
      `If it was refused, they have no answer; please reach them: ${how} ` +
      reachAnotherWay(message !== undefined);
  else if (decision.rule === 'answer-uncertain' || decision.rule === 'processing-failed')
    // Handed over outside the decision: an earlier attempt may have sent its answer (the reason says what is known).
    todo = `faqmail did not finish with this message (why below): the writer may have had an automatic answer already. Please check before you answer them; ${how}`;
  else if (input.proposal)
    todo = `No automatic answer was sent to the writer (shadow mode). Please answer them yourself, using the reply above if it is right; ${how}`;
  else if (isFollowUp(input)) todo = `The writer replied to an automatic answer we sent. Please answer them yourself; ${how}`;
  else if (inStaffThread(input))
    // Often sent to staff directly as well (Reply All): said, so that nobody takes it for a new message.
    todo =
      'The writer replied in a conversation staff took over from faqmail (it may have reached you directly too); ' +
      `no automatic answer was sent. Please carry on with them; ${how}`;
  else if (inColleagueThread(input))
    // The colleague is among its recipients (named under Why): two of you answering would be worse than none.
    todo =
      'The writer replied in a conversation a colleague of ours is carrying on with them (one of its recipients, named ' +
      'below; it reached them directly); no automatic answer was sent. Please check with your colleague before you ' +
      `answer, so that only one of you does; ${how}`;
  else if (input.answeredBefore)
    todo = `We answered part of this automatically when it came (that answer is below), but the rest needs a person. Please follow up; ${how}`;
  else if (answersOf(decision).length > 0)
    todo = `We answered part of this automatically (the answers marked "sent" below), but the rest needs a person. Please follow up; ${how}`;
  else if (decision.rule === 'no-match')
    todo = `No FAQ answer fits well enough, so nobody has answered yet. Please answer the writer; ${how}`;
  // Other rules hand over whatever the match (a limit, the authentication, a screening rule): the reason says which.
  else todo = `Nobody has answered this message yet (why below). Please answer the writer; ${how}`;
  return [
    { kind: 'text', text: todo },
    ...oursLeftOut(writer.ours),
    { kind: 'text', text: `Why: ${oneLine(decision.reason, 1000)}` },
    ...promisedParts(decision),
    ...reportQuoted(input.undelivered),
    // Staff reply under this mail's subject, whose tag and kind are ours as much as the notes are.
    ...(writer.to.length > 0
      ? [
          {
            kind: 'text',
            muted: true,
            text: `Remove these notes from your reply, and "${input.config.escalationTag} ${subjectKind(input)}:" from its subject: the writer sees both.`,
          } as Block,
        ]
      : []),
  ];
}

/**
 * For a follow-up: what we sent before, from our records, or from the writer's quote of it. For an
 * answer that bounced: what it said, from our records (staff may send it another way).
 */
function earlier(input: EscalationInput): Block[] {
  const { message, answeredBefore } = input;
  const earlierAnswer = input.earlierAnswer ?? answeredBefore;
  const bounced = input.undelivered !== undefined;
  // What a bounced answer said is shown even without the writer's message: it may be all staff have of the exchange.
  if (!bounced && !(message && isFollowUp(input)) && !answeredBefore) return [];
  const heading: Block = {
    kind: 'heading',
    text: bounced
      ? input.undelivered?.kind === 'failed'
        ? 'The answer that did not reach them'
        : 'The answer that may not have reached them'
      : answeredBefore
        ? 'The answer we sent when it came'
        : 'The answer we sent earlier',
  };
  if (earlierAnswer && earlierAnswer.length > 0) {
    return [
      heading,
      ...earlierAnswer.flatMap((entry): Block[] => [
        { kind: 'text', text: questionText(entry.question) },
        { kind: 'markdown', markdown: entry.answer },
      ]),
    ];
  }
  if (answeredBefore) return [heading, { kind: 'text', text: 'The FAQ no longer has the entries it held (named under Why).' }];
  // The writer's own quote is of something else: they never saw the answer.
  if (bounced || !message) return [];
  const quoted = message.quotedText.trim();
  if (!quoted) return [heading, { kind: 'text', text: 'Our records do not name it and the writer did not quote it.' }];
  return [
    heading,
    { kind: 'text', muted: true, text: 'As the writer quoted it (our records do not name it):' },
    { kind: 'quote', text: trimmed(quoted, MAX_QUOTED_ANSWER_CHARS) },
  ];
}

function summary(message: InboundMessage): Block {
  const rows: Array<[string, string]> = [['From', message.from ? formatAddress(message.from) : '(none)']];
  if (message.replyTo.length > 0) {
    // As many as a reply to this mail can reach (MAX_REPLY_TO): a longer list is the original's to show.
    const more = message.replyTo.length - MAX_REPLY_TO;
    const shown = message.replyTo.slice(0, MAX_REPLY_TO).map((a) => oneLine(formatAddress(a), 500));
    rows.push(['Reply-To', `${shown.join(', ')}${more > 0 ? ` and ${more} more` : ''}`]);
  }
  rows.push(['Subject', oneLine(message.subject) || '(no subject)']);
  rows.push(['Date', message.date ? message.date.toUTCString() : '(none)']);
  if (message.messageId) rows.push(['Message-ID', oneLine(message.messageId, 250)]);
  rows.push(['Size', size(message.size)]);
  return { kind: 'fields', rows };
}

/** The message's attachments as staff read them: name, type, size; at most MAX_LISTED_ATTACHMENTS. */
function attachmentList(message: InboundMessage): Block {
  const shown = (a: InboundMessage['attachments'][number]) =>
    `${oneLine(a.filename, 120) || '(unnamed)'} (${oneLine(a.contentType, 80)}, ${size(a.size)})`;
  return { kind: 'list', items: atMost(message.attachments, MAX_LISTED_ATTACHMENTS, shown) };
}

/**
 * A message with no text may still say everything in what it attaches (a screenshot of the error,
 * a PDF): "nothing besides the subject" would tell staff there is nothing more to open.
 */
function noText(message: InboundMessage): Block[] {
  const { length } = message.attachments;
  if (length === 0) return [{ kind: 'text', text: '(Nothing besides the subject.)' }];
  return [
    { kind: 'text', text: `No text besides the subject; ${counted(length, 'attachment')}, in the original:` },
    attachmentList(message),
  ];
}

function asked(message: InboundMessage): Block[] {
  const text = message.newText.trim() || message.forwardedText.trim();
  return [
    { kind: 'heading', text: 'What they wrote' },
    ...(text ? [{ kind: 'quote', text: trimmed(text, MAX_ASKED_CHARS) } as Block] : noText(message)),
    ...links(message),
  ];
}

/** The text copy above drops where links lead; a link whose words name another place is shown with its target. */
function links(message: InboundMessage): Block[] {
  if (message.links.length === 0) return [];
  return [
    { kind: 'text', text: 'Links whose text is not where they lead (text → target):' },
    { kind: 'list', items: message.links.map((link) => `${oneLine(link.text, 200)} → ${oneLine(link.href, 500)}`) },
  ];
}

/**
 * Likely answers only: those sent, then the best others above the floor, at most
 * MAX_CANDIDATES (or every one sent, when more were). `quoted`: whether the writer quotes a line
 * (for a reply to our answer).
 */
function candidates(decision: Decision, earlierAnswer: readonly FaqEntry[], quoted: (line: string) => boolean): Block[] {
  const answers = answersOf(decision);
  const sent = new Set(answers.map((answer) => answer.entry.id));
  // What we sent before is shown as such; offering it again would not help staff. Where our
  // records do not name it, an entry whose question the writer quotes is the one we sent.
  const shown = new Set([...sent, ...earlierAnswer.map((entry) => entry.id)]);
  const offered = (candidate: ScoredAnswer) =>
    !shown.has(candidate.entry.id) && candidate.score >= CANDIDATE_FLOOR && !quoted(questionText(candidate.entry.question));
  const pool = decision.candidates.length > 0 ? decision.candidates : answers;
  const likely = [...answers, ...pool.filter(offered)].slice(0, Math.max(MAX_CANDIDATES, sent.size));
  if (likely.length === 0) return [];
  const entry = (candidate: ScoredAnswer): Block[] => [
    { kind: 'heading', text: `${questionText(candidate.entry.question)}${sent.has(candidate.entry.id) ? ' (sent)' : ''}` },
    ...(candidate.reason ? [{ kind: 'text', muted: true, text: `Why it may fit: ${oneLine(candidate.reason, 300)}` } as Block] : []),
    { kind: 'markdown', markdown: candidate.entry.answer },
  ];
  const title =
    likely.length === sent.size ? 'What we sent' : likely.length === 1 ? 'A likely answer from the FAQ' : 'Likely answers from the FAQ';
  return [{ kind: 'heading', text: title }, ...likely.flatMap(entry)];
}

function originalNote(input: EscalationInput, attached: string | undefined): Block[] {
  const { message, raw, config, storedAt } = input;
  const blocks: Block[] = [{ kind: 'heading', text: 'The original message' }];
  if (attached && raw) {
    blocks.push({ kind: 'text', text: `Attached as ${attached} (${size(raw.length)}).` });
    return blocks;
  }
  if (!raw) {
    // Reading it failed, on the last attempt: the object may have expired under the bucket's lifecycle, or been deleted.
    const was = storedAt
      ? `It was stored at ${oneLine(storedAt, 500)}: look for it there, though it may be gone (expired or deleted).`
      : 'Its stored location was not given.';
    blocks.push({ kind: 'text', text: `faqmail could not read the original (the Why line above says why), so it is not attached. ${was}` });
    return blocks;
  }
  const where = storedAt ? `It is stored at ${oneLine(storedAt, 500)}.` : 'Its stored location was not given.';
  blocks.push({
    kind: 'text',
    text: `The original (${size(raw.length)}) is larger than the attachment limit of ${size(config.maxAttachmentBytes)} and is not attached. ${where}`,
  });
  if (message && message.attachments.length > 0) blocks.push({ kind: 'text', text: `Its attachments:` }, attachmentList(message));
  return blocks;
}

/**
 * The hand-over to staff, readable at a glance: what to do and why, what the writer wrote,
 * for a follow-up the answer we sent before, the likely FAQ answers (if any), who wrote,
 * and the original itself (or where to find it when it is too large for the SES raw send).
 */
export async function composeEscalation(input: EscalationInput): Promise<OutboundMail> {
  const { message, raw, decision, config } = input;
  const subject = subjectOf(input);
  const fits = originalFits(input);
  const filename = originalFilename(message?.subject);
  const bounce = bounceAttached(input);
  const replyTo = message ? writerAddresses(message, config).to : [];
  const blocks: Block[] = [
    ...(input.proposal ?? []),
    ...situation(input),
    ...(message ? asked(message) : []),
    ...earlier(input),
    ...(message
      ? [
          ...candidates(decision, input.earlierAnswer ?? [], isFollowUp(input) ? quotes(message.quotedText) : () => false),
          { kind: 'heading', text: 'Message' } as Block,
          summary(message),
        ]
      : []),
    ...originalNote(input, fits ? filename : undefined),
    { kind: 'text', muted: true, text: `faqmail rule: ${oneLine(decision.rule, 100)}` },
    ...verdictFooter(
      config,
      input.inboundId === undefined ? undefined : { inboundId: input.inboundId, subject: message?.subject },
      replyTo.length > 0,
    ),
  ];
  return buildMail({
    kind: 'escalation',
    from: { name: config.inboxName, address: config.inboxAddress },
    to: config.staffAddresses.map((address) => ({ name: '', address })),
    replyTo,
    subject,
    threading: message ? threadingFor(message) : { references: [] },
    // Staff's own automatic replies leave it alone: they would go to its Reply-To, the writer. Helpdesks
    // hold such mail back from their tickets, so staff addresses are people's (docs/deploy.md).
    headers: {
      'Auto-Submitted': 'auto-generated',
      'X-Auto-Response-Suppress': 'OOF, AutoReply',
    },
    text: blocksToText(blocks),
    html: blocksToHtml(blocks, subject),
    attachments: [
      ...(fits && raw ? [originalAttachment(raw, filename, message !== undefined)] : []),
      // Parsed by the pipeline before screening dropped it, as the original was.
      ...(bounce ? [originalAttachment(bounce, BOUNCE_FILENAME, true)] : []),
    ],
  });
}
