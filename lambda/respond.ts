import type { Config } from './config';
import { composeEscalation } from './compose/escalation';
import { composeReply } from './compose/reply';
import { shadowProposal } from './compose/shadow-proposal';
import { loadFaq } from './content/load-faq';
import { answerRefused, decide, droppedBy, escalationCapped, type Decided } from './decide';
import {
  entriesNamed,
  escalates,
  replies,
  type Decision,
  type CappedEscalation,
  type Faq,
  type HandlingRuleName,
  type History,
  type InboundMessage,
  type LimitRuleName,
  type OutboundMail,
  type Receipt,
  type RuleName,
} from './domain';
import { PipelineError, type PipelineStage } from './failures';
import { unvouchedAddressing, vouchedSender } from './mail/authentication';
import { parseMessage, UnparseableMailError, type ParseOptions } from './mail/parse';
import { receivingAddresses } from './screen/addresses';
import { looksAutomatic, type ScreenHistory } from './screen/rules';
import { screen, screenReceipt, type Screening } from './screen/screen';
import { buildIndex, type FaqIndex, type MatchResult } from './match';
import { resolveEntry } from './verdicts/resolve-entry';
import type { VerdictWord } from './verdicts/parse-verdict';
import { isStaffAddress, recognizeStaffReply, verdictFromElsewhere, type StaffReply } from './verdicts/staff-reply';

/** Everything that stays the same from one message to the next: built once per process. */
export interface Responder {
  config: Config;
  faq: Faq;
  index: FaqIndex;
}

export function createResponder(config: Config, contentDir?: string): Responder {
  const faq = loadFaq(contentDir, config.siteBaseUrl);
  return { config, faq, index: buildIndex(faq) };
}

export interface Outcome {
  /** Absent when the raw message could not be parsed. */
  message?: InboundMessage;
  decision: Decision;
  match?: MatchResult;
  /** What to send, replies first. */
  mails: OutboundMail[];
  /**
   * Shadow mode held back the reply `decision` calls for: staff were shown it instead. The
   * decision itself says what faqmail would have done, so that verdicts can judge it.
   */
  heldBack: boolean;
  /** The message is a reply from staff to one of our staff mails (or looks like a verdict from staff). */
  staffReply?: StaffReply;
  /** What our records said of the message (absent when it could not be parsed). */
  history?: History;
  /** Whether the message's authentication vouches for its From address (absent when unparsed or no From). */
  fromVouched?: boolean;
  /** The rule that decided before the limits, which the escalation cap may have replaced (absent when unparsed). */
  handedOverBy?: RuleName;
}

/**
 * The limits on what goes out, shared by every invocation: the handler takes them from the
 * state table with conditional writes before anything is sent; the CLI has none.
 */
export interface Limits {
  /**
   * Takes an automatic answer to `to` (from the writer's 24-hour limit, then from the clock hour's
   * overall one): undefined when taken, else the rule and reason that refused it.
   */
  reserveAnswer(to: string): Promise<{ rule: LimitRuleName; reason: string } | undefined>;
  /**
   * Takes a slot for the mail to staff from `sender` (from the sender's day cap, then from the clock
   * hour's overall one): undefined when it is forwarded, else the cap that took it and how.
   */
  reserveEscalation(sender: string): Promise<CappedEscalation | undefined>;
}

const NO_LIMITS: Limits = { reserveAnswer: () => Promise.resolve(undefined), reserveEscalation: () => Promise.resolve(undefined) };

/**
 * The decision within the limits. Mail that authentication does not show to be the writer's own
 * mail to us counts apart from mail that is, so that forged mail, or a signed message of theirs
 * that someone else delivers to us (`unvouchedAddressing`), cannot use up a real sender's
 * escalations; so does mail whose From names no address (keyed on the envelope sender). The
 * writer's own reply in a conversation staff took over from them takes no slot (docs/security.md):
 * held, it would stall a conversation staff chose to have.
 */
async function withinLimits(
  decision: Decision,
  message: InboundMessage,
  received: Receipt,
  fromVouched: boolean | undefined,
  history: History,
  limits: Limits,
  config: Config,
): Promise<Decision> {
  let limited = decision;
  if (replies(limited)) {
    const refused = await limits.reserveAnswer(limited.answerTo.address);
    if (refused) limited = answerRefused(limited, refused.rule, refused.reason);
  }
  if (!escalates(limited)) return limited;
  const from = message.from?.address;
  const theirs = from !== undefined && fromVouched && unvouchedAddressing(message, received, receivingAddresses(config)) === undefined;
  if (theirs && limited.rule === 'follow-up-staff-thread' && history.fromHandedOverWriter) return limited;
  // Mail with no From address to key the cap on is keyed, as unreadable mail is, on the envelope sender SES received it from.
  const sender = from === undefined ? `no-from:${received.envelopeSender ?? ''}` : theirs ? from : `unauthenticated:${from}`;
  const capped = await limits.reserveEscalation(sender);
  return capped ? escalationCapped(limited, capped) : limited;
}

function handOverUnread(rule: HandlingRuleName, reason: string): Decided {
  return { decision: { kind: 'escalate', candidates: [], rule, reason } };
}

/**
 * The hand-over of mail that cannot be read (`why`), within the escalation cap: its From is unknown, so the
 * envelope sender SES received it from keys the cap, counted apart from any sender's readable mail (as
 * unauthenticated mail is), so that a flood of unreadable mail from one sender is held like any other.
 */
async function unreadWithinLimits(why: string, envelopeSender: string | undefined, limits: Limits): Promise<Decided> {
  const { decision } = handOverUnread('unparseable', why);
  const capped = await limits.reserveEscalation(`unparseable:${envelopeSender ?? ''}`);
  return { decision: capped ? escalationCapped(decision, capped) : decision };
}

/** Runs one stage of our own code; what it throws is a defect of ours, tagged with the stage. */
async function stage<T>(name: PipelineStage, run: () => T | Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    throw error instanceof PipelineError ? error : new PipelineError(name, error);
  }
}

/**
 * The message in `raw`, or the UnparseableMailError that says why it cannot be read (mail to hand
 * over unread); any other failure is a defect of ours, tagged with the stage `parse`.
 */
export function readMessage(raw: Buffer, options: ParseOptions = {}): Promise<InboundMessage | UnparseableMailError> {
  return stage('parse', () =>
    parseMessage(raw, options).catch((error: unknown) => {
      if (error instanceof UnparseableMailError) return error;
      throw error;
    }),
  );
}

/** What screening reads of our records, for a message they name as no reply to our answer. */
const NO_REPLY: ScreenHistory = { repliesToOurAnswer: false };

/**
 * Whether this delivery may claim the writer's Message-ID, making later deliveries of it copies:
 * only one that screening does not drop, and whose From its authentication vouches for. A drop can
 * rest on what this delivery alone carries (its recipients, a list's fields, the verdicts on a
 * forwarder's copy), and a copy dropped so must not make another delivery of the message look
 * handled: a Bcc to the inbox arrives apart from the copy for the domain's other mailboxes, the
 * writer's own copy beside a list's. Nor may a delivery nothing vouches for: anyone can write the
 * writer's From and Message-ID, and the writer's own mail, arriving second, would be ignored as a
 * copy (an unauthenticated message delivered twice reaches staff twice, which loses nothing). No
 * drop rule reads our records (every drop comes before the follow-up rules), so `screening` needs
 * none to tell. Mail from staff claims though dropped (`fromStaff`).
 */
function mayClaim(screening: Screening, message: InboundMessage, fromVouched: boolean | undefined, config: Config): boolean {
  if (!fromVouched) return false;
  return screening.verdict !== 'drop' || fromStaff(screening, message, config);
}

/**
 * Mail from a staff address, which screening drops as our own for its From alone (the same in every
 * delivery of it): it claims its Message-ID too, so that a staff reply is taken once. Staff who reply
 * to a hand-over (Reply-To: the writer) and add the inbox send the writer their verdict, signed by our
 * domain; sent in again later, it would be taken as a verdict given then, and undo the one staff gave since.
 */
function fromStaff(screening: Screening, message: InboundMessage, config: Config): boolean {
  return screening.verdict === 'drop' && screening.rule === 'from-ourselves' && isStaffAddress(message.from?.address ?? '', config);
}

/**
 * A staff verdict that names no decision on record (`why`): it is recorded under its own rule, which
 * the digest counts, so that the judgement does not vanish into a log line.
 */
export function verdictWithoutRecord(verdict: VerdictWord, why: string): Decision {
  const reason = `A staff verdict (${verdict}) that judges nothing on record: ${why}. Not counted; nothing is sent.`;
  return { kind: 'ignore', candidates: [], rule: 'staff-verdict-no-record', reason };
}

/** A staff reply taken as such: nothing is sent, whatever it says. */
function staffReplyDecided(reply: Exclude<StaffReply, { kind: 'refused' }>): Decided {
  if (reply.kind === 'no-record') return { decision: verdictWithoutRecord(reply.verdict, reply.why) };
  // Dropped as our own mail, as any mail from a staff address would be, but under a rule of its own for the digest to list.
  if (reply.kind === 'unauthenticated') {
    // Which decision it would have judged, when it names one: the operator checks that one (and the staff member who sent it).
    const about = reply.inboundId === undefined ? '' : `, about the decision on message ${reply.inboundId},`;
    const reason = `A verdict-looking mail from a staff address${about} that is not taken as a verdict: ${reply.why}. Not counted; nothing is sent.`;
    return { decision: { kind: 'ignore', candidates: [], rule: 'staff-verdict-unauthenticated', reason } };
  }
  if (reply.kind === 'unreadable') {
    const reason =
      `A staff verdict on the decision about message ${reply.inboundId} that cannot be read ("should answer:" with no entry ` +
      'after the colon, "wrong:" with text on a line below, or a verdict link\'s mail or a reply to the inbox alone whose first line is no verdict): ' +
      'it counts nowhere, and the digest lists it; nothing is sent.';
    return { decision: { kind: 'ignore', candidates: [], rule: 'staff-verdict-unreadable', reason } };
  }
  const reason =
    reply.kind === 'verdict'
      ? `A staff verdict (${reply.verdict.verdict}) on the decision about message ${reply.inboundId}; it is recorded and nothing is sent.`
      : `A reply from staff to our staff mail about message ${reply.inboundId}, with no verdict on its first line; logged, nothing sent.`;
  const rule = reply.kind === 'verdict' ? 'staff-verdict' : 'staff-note';
  return { decision: { kind: 'ignore', candidates: [], rule, reason } };
}

/**
 * One inbound message from raw bytes to the mails to send. Bad mail never throws: what
 * cannot be parsed or decided goes to staff with the raw original attached, unless the inbound
 * service flagged it (a virus, spam, a failed DMARC: `screenReceipt`), which is dropped as if read. A defect in
 * parsing, deciding or composing throws a PipelineError (the handler hands the message to staff at
 * once); failures of our dependencies (the history lookup) throw as they are, so that the
 * caller retries.
 *
 * `receipt` is the inbound service's verdicts, or a way to read them from the parsed
 * message when there is no SES event (the CLI reads the headers SES writes into stored mail).
 * `lookupHistory` claims the writer's Message-ID only when `claim` says so (see `mayClaim`).
 * `limits` are taken after deciding and before composing: an answer or escalation they
 * refuse is never composed, let alone sent. `stored` is where the raw message is kept and its SES
 * id, which a staff mail names (its verdict links, see compose/verdict-footer.ts); the CLI has neither.
 * `parse` is how the raw message is read (parseMessage's options; its defaults when not given).
 */
export async function respond(
  responder: Responder,
  raw: Buffer,
  receipt: Receipt | ((message: InboundMessage) => Receipt),
  lookupHistory: (message: InboundMessage, claim: boolean) => Promise<History>,
  stored?: { storedAt: string; inboundId: string },
  limits: Limits = NO_LIMITS,
  parse: ParseOptions = {},
): Promise<Outcome> {
  const { config, index, faq } = responder;
  const parsed = await readMessage(raw, parse);
  const message = parsed instanceof UnparseableMailError ? undefined : parsed;
  let decided: Decided;
  let history: History | undefined;
  let staffReply: StaffReply | undefined;
  // Whether the message's authentication vouches for its From address: the hand-over says when not.
  let fromVouched: boolean | undefined;
  // The rule that handed it over, which the cap's notice replaces: its hand-over still says what it replies in.
  let handedOverBy: RuleName | undefined;
  if (parsed instanceof UnparseableMailError) {
    // Read from the SES event, the service's verdicts need no message (the CLI reads them from the message's own headers).
    const fromEvent = typeof receipt === 'function' ? undefined : receipt;
    const flagged = fromEvent && screenReceipt(fromEvent);
    decided =
      flagged?.verdict === 'drop' ? droppedBy(flagged) : await unreadWithinLimits(parsed.message, fromEvent?.envelopeSender, limits);
  } else {
    const received = typeof receipt === 'function' ? receipt(parsed) : receipt;
    fromVouched = parsed.from === undefined ? undefined : vouchedSender(parsed, received) !== undefined;
    // Screened before our records are read, to know whether this delivery may claim the Message-ID.
    const screening = await stage('decide', () => screen(parsed, received, config, NO_REPLY));
    history = await lookupHistory(parsed, mayClaim(screening, parsed, fromVouched, config));
    const resolve = (name: string) => resolveEntry(name, faq.entries, index, config);
    // Dated when SES received it, not when processed: a later reply's verdict replaces an earlier one's, and a
    // retry or a late delivery of the earlier must not undo that.
    if (!history.copyOf) {
      const known = history;
      staffReply = recognizeStaffReply(parsed, received, config, known, resolve, received.receivedAt ?? new Date(), {
        automatic: () => looksAutomatic(parsed, received, config, known),
      });
    }
    // A verdict link's mail from an address that is not staff's (why, when it is one); mail screening drops stays dropped.
    const elsewhere = screening.verdict === 'proceed' ? verdictFromElsewhere(parsed, config) : undefined;
    if (history.copyOf) {
      // The same message again (re-sent, or delivered twice under a new SES id): the first is answered or handed over.
      const reason = `A copy of SES message ${history.copyOf} (same sender and Message-ID), which was handled; nothing is sent.`;
      decided = { decision: { kind: 'ignore', candidates: [], rule: 'copy', reason } };
    } else if (staffReply && staffReply.kind !== 'refused') {
      decided = staffReplyDecided(staffReply);
    } else if (elsewhere) {
      // Answered, it would mail the FAQ to whoever clicked the link (often staff); a person sees it instead.
      const handed: Decision = { kind: 'escalate', candidates: [], rule: 'verdict-not-staff', reason: elsewhere };
      decided = { decision: await withinLimits(handed, parsed, received, fromVouched, history, limits, config) };
    } else if (history.sameMessageIdAs) {
      // Not answered (if it were a copy after all, the writer would have two answers), nor ignored (it may be new).
      const reason =
        `SES message ${history.sameMessageIdAs} came earlier with the same sender and Message-ID but another subject or text: ` +
        'a copy would be ignored and a new message decided; a person decides.';
      const reused: Decision = { kind: 'escalate', candidates: [], rule: 'reused-message-id', reason };
      decided = { decision: await withinLimits(reused, parsed, received, fromVouched, history, limits, config) };
    } else {
      try {
        // That screening is the decision's when our records name no mail of ours it replies to.
        const screened = history.repliesToOurAnswer || history.repliesToStaffMailAbout !== undefined ? {} : { screening };
        decided = decide({ message: parsed, receipt: received, history, ...screened }, index, config);
      } catch (error) {
        // A bug in matching must not lose the message: a person gets it instead.
        decided = handOverUnread('decide-failed', `Deciding failed (${(error as Error).message}); handed over unread.`);
      }
      handedOverBy = decided.decision.rule;
      decided = { ...decided, decision: await withinLimits(decided.decision, parsed, received, fromVouched, history, limits, config) };
    }
  }
  const { decision, match } = decided;
  const mails: OutboundMail[] = [];
  const earlierAnswer = history?.earlierAnswer && entriesNamed(faq, history.earlierAnswer.entryIds);
  const heldBack = config.mode === 'shadow' && replies(decision) && message !== undefined;
  if (heldBack) {
    // Staff see the message as a hand-over (nothing went to the writer), opened by the proposal.
    const proposal = shadowProposal(message, decision.answerTo, decision.answers, config, decision.personTakes);
    const candidates = decision.candidates.length > 0 ? decision.candidates : decision.answers;
    const shown: Decision = { kind: 'escalate', rule: decision.rule, reason: decision.reason, candidates };
    mails.push(
      await stage('compose', () =>
        composeEscalation({ message, raw, decision: shown, config, ...stored, proposal, earlierAnswer, fromVouched }),
      ),
    );
  } else {
    if (replies(decision) && message) {
      const { answerTo, answers, personTakes } = decision;
      mails.push(await stage('compose', () => composeReply(message, answerTo, answers, config, personTakes)));
    }
    if (escalates(decision))
      mails.push(
        await stage('compose', () =>
          composeEscalation({ message, raw, decision, config, ...stored, earlierAnswer, fromVouched, handedOverBy }),
        ),
      );
  }
  return {
    message,
    decision,
    match,
    mails,
    heldBack,
    ...(history ? { history } : {}),
    ...(staffReply ? { staffReply } : {}),
    ...(fromVouched === undefined ? {} : { fromVouched }),
    ...(handedOverBy === undefined ? {} : { handedOverBy }),
  };
}
