/**
 * The screening rules, in precedence order: the first rule that matches decides.
 *
 * Why this order:
 * 1. The inbound service's verdicts (virus, spam, DMARC) come first, so that mail it flagged
 *    is logged as flagged, whatever else it looks like: a reply would go to someone who
 *    never wrote.
 * 2. Mail from ourselves next: our own answer coming back is a loop, and is named as one; so is
 *    staff's mail whose authentication vouches for its From. Mail that only gives our address as its
 *    sender, with no mark of ours, is a guess (`claims-our-address`), first of the sender rules: a
 *    form may have sent a person's message; so is a staff From nothing vouches for
 *    (`claims-staff-address`). A staff envelope sender on a writer's From is staff passing a
 *    person's mail on (`passed-on-by-staff`): a hand-over, after the follow-ups and colleague-thread,
 *    which say more of a thread.
 * 3. The standard header markers (RFC 3834, Precedence, list fields, the null return path,
 *    vendor fields, report types) before the heuristics on sender, subject and text, so a
 *    message is dropped for the most certain evidence it carries.
 * 4. The pair of Exchange fields an out-of-office reply carries after the sender, subject and
 *    text rules: a person's mail an inbox rule forwarded carries it too, so what names the drop
 *    better comes first. Addressing last among the drops but one (7): what is left and names none
 *    of our addresses is someone else's mail.
 * 5. Every drop before every hand-over to a person: a follow-up that is itself automatic
 *    (an out-of-office, a bounce, a read receipt of our answer) gets neither a reply nor a
 *    person, and X-Auto-Response-Suppress only matters for mail no drop rule caught.
 * 6. Follow-ups before X-Auto-Response-Suppress: "a reply to our answer" tells staff more.
 *    Our own records first, then what the message shows. A reply in a conversation staff took
 *    over (our records: it names one of our hand-overs) first of them: its thread may name our
 *    answer too (the writer replied to it, and staff answered that hand-over), but staff are in
 *    the conversation now, and carry it on.
 * 7. A reply in a conversation a colleague carries on (`colleague-thread`: To or Cc names a staff
 *    address or someone at the inbox's domain) after every follow-up: when the thread is ours, those
 *    say more. Before every other hand-over: that a person at our side is writing with them is what
 *    staff most need to know. When the colleague copied is a staff address, the thread names
 *    none of our mail and authentication vouches for the From, staff have it already: dropped
 *    (`colleague-thread-staff-copied`, the last drop), rather than forwarded to them a second time.
 */
import type { Config } from '../config';
import type { History, InboundMessage, Receipt, ScreenRuleName } from '../domain';
import { describeDmarcPolicy } from '../mail/authentication';
import { acknowledgementText, bounceText, challengeText, outOfOfficeText, passedOnBounce, unreadableText } from './bodies';
import { colleagueRecipient, staffCopiedOutsideOurThreads } from './colleagues';
import { attributionNamesUs, quotesOurAnswerMark, sesThreadNamesUs } from './follow-up';
import {
  autoForwarded,
  autoResponseSuppress,
  autoSubmitted,
  calendarParts,
  exchangeOofHeaders,
  listHeaders,
  loopMarker,
  nullReturnPath,
  precedence,
  reportParts,
  vendorMarker,
} from './markers';
import { claimsOurAddress, claimsStaffAddress, fromOurselves, notAddressedToUs, passedOnByStaff } from './ours';
import { automaticSender, bulkEnvelope, bulkMail, relayedPerson, relayedQuestion } from './senders';
import { autoReplySubject, bounceSubject } from './subjects';

export type ScreenHistory = Pick<History, 'repliesToOurAnswer' | 'repliesToStaffMailAbout'>;

/** What kind of evidence a rule reads; the figures compare header rules with the rest. */
export type RuleFamily =
  'service' | 'ourselves' | 'header' | 'header-guess' | 'sender' | 'subject' | 'text' | 'addressing' | 'follow-up' | 'request';

/**
 * The families that drop on a guess: header fields that automatic mail carries but a person's can
 * too, a sender's address, the wording of a subject or text, the addressing. A person can trip them
 * (an agent writing through a helpdesk whose return path looks automatic, a contact form writing in
 * our name, a question an inbox rule forwarded); service verdicts, our own mail and standard header
 * markers are sure evidence.
 */
const GUESSES: ReadonlySet<RuleFamily> = new Set(['header-guess', 'sender', 'subject', 'text', 'addressing']);

export interface ScreenRule {
  name: ScreenRuleName;
  verdict: 'drop' | 'person';
  family: RuleFamily;
  /** What matched (for the log), or undefined when the rule does not apply. */
  test(message: InboundMessage, receipt: Receipt, config: Config, history: ScreenHistory): string | undefined;
  /** One sentence for the log and for staff, given what matched. */
  reason(found: string): string;
}

const automatic = 'automatic mail gets no automatic reply (RFC 3834)';

/**
 * The inbound service's verdicts (the `service` family): they read the receipt alone, so they
 * screen even mail that cannot be parsed (`screenReceipt`).
 */
export const SERVICE_RULES = [
  {
    name: 'virus',
    verdict: 'drop',
    family: 'service',
    test: (_m: unknown, receipt: Receipt) => (receipt.virus === 'FAIL' ? 'virus verdict FAIL' : undefined),
    reason: () => 'The inbound mail service found a virus in the message (virus verdict FAIL).',
  },
  {
    name: 'spam',
    verdict: 'drop',
    family: 'service',
    test: (_m: unknown, receipt: Receipt) => (receipt.spam === 'FAIL' ? 'spam verdict FAIL' : undefined),
    reason: () => 'The inbound mail service judged the message spam (spam verdict FAIL); a reply could go to someone who never wrote.',
  },
  {
    name: 'dmarc-fail',
    verdict: 'drop',
    family: 'service',
    // A domain whose policy is `none` asks receivers not to act on a failure (often its own mail is
    // not aligned yet): such mail goes on, to a person, since nothing vouches for its From. A failure
    // whose policy nothing gives is dropped: SES gives one beside every failure it can, and the CLI
    // reading a stored message decides as the Lambda would when SES gave none.
    test: (_m: unknown, receipt: Receipt) =>
      receipt.dmarc === 'FAIL' && receipt.dmarcPolicy !== 'none' ? `DMARC verdict FAIL ${describeDmarcPolicy(receipt)}` : undefined,
    reason: (found) =>
      `The sender's domain failed DMARC (${found}): the From address is likely forged, and a reply would go to someone who never wrote.`,
  },
] as const satisfies readonly ScreenRule[];

export const SCREEN_RULES = [
  ...SERVICE_RULES,
  {
    name: 'from-ourselves',
    verdict: 'drop',
    family: 'ourselves',
    test: (message, receipt, config) => fromOurselves(message, receipt, config),
    reason: (found) => `The message comes from one of our own addresses (${found}); answering it would start a loop.`,
  },
  {
    name: 'auto-submitted',
    verdict: 'drop',
    family: 'header',
    test: (message) => autoSubmitted(message),
    reason: (found) => `The message is marked as automatic (${found}); ${automatic}.`,
  },
  {
    name: 'precedence',
    verdict: 'drop',
    family: 'header',
    test: (message) => precedence(message),
    reason: (found) => `The message is bulk, list or auto-reply mail (${found}); ${automatic}.`,
  },
  {
    name: 'list-headers',
    verdict: 'drop',
    family: 'header',
    test: (message) => listHeaders(message),
    reason: (found) => `The message came through a mailing list or bulk sender (${found}); list mail gets no automatic reply.`,
  },
  {
    name: 'null-return-path',
    verdict: 'drop',
    family: 'header',
    test: (message) => nullReturnPath(message),
    reason: (found) => `The message has a null return path (${found}), as bounces and auto-replies do; ${automatic}.`,
  },
  {
    name: 'vendor-marker',
    verdict: 'drop',
    family: 'header',
    test: (message) => vendorMarker(message),
    reason: (found) => `The sending system marked the message as automatic (${found}); ${automatic}.`,
  },
  {
    name: 'report',
    verdict: 'drop',
    family: 'header',
    test: (message) => reportParts(message),
    reason: (found) => `The message is a delivery, read or abuse report (${found}); reports get no automatic reply.`,
  },
  {
    name: 'claims-our-address',
    verdict: 'drop',
    family: 'sender',
    test: (message, _r, config) => claimsOurAddress(message, config),
    reason: (found) =>
      `The message gives one of our own addresses as its sender (${found}) but bears no mark of mail we send: a website form ` +
      "or a ticket system may have passed on a person's message. No answer goes (it would go to ourselves, and nothing vouches " +
      'for a Reply-To); the digest lists it for staff.',
  },
  {
    name: 'claims-staff-address',
    verdict: 'drop',
    family: 'sender',
    test: (message, _r, config) => claimsStaffAddress(message, config),
    reason: (found) =>
      `The message gives a staff address as its sender (${found}), but its authentication does not show that staff sent it: ` +
      "forged, or sent from servers the staff domain's SPF and DKIM do not cover. No answer goes (it may be staff's own); " +
      'the digest lists it for staff.',
  },
  {
    name: 'automatic-sender',
    verdict: 'drop',
    family: 'sender',
    test: (message) => automaticSender(message),
    reason: (found) => `The sender is mail software, not a person (${found}); ${automatic}.`,
  },
  {
    name: 'bulk-mail',
    verdict: 'drop',
    family: 'sender',
    test: (message) => bulkMail(message),
    reason: (found) => `The message is bulk mail (${found}); ${automatic}.`,
  },
  {
    name: 'auto-reply-subject',
    verdict: 'drop',
    family: 'subject',
    test: (message) => autoReplySubject(message.subject),
    reason: (found) => `The subject is that of an auto-reply or read receipt (${found}); ${automatic}.`,
  },
  {
    name: 'bounce-subject',
    verdict: 'drop',
    family: 'subject',
    test: (message) => bounceSubject(message.subject),
    reason: (found) => `The subject is that of a delivery failure or abuse report (${found}); ${automatic}.`,
  },
  {
    name: 'bounce-text',
    verdict: 'drop',
    family: 'text',
    test: (message) => bounceText(message),
    reason: (found) => `The text is a delivery failure notice (${found}); ${automatic}.`,
  },
  {
    name: 'out-of-office-text',
    verdict: 'drop',
    family: 'text',
    test: (message) => outOfOfficeText(message),
    reason: (found) => `The text is an out-of-office notice (${found}); ${automatic}.`,
  },
  {
    name: 'challenge-response',
    verdict: 'drop',
    family: 'text',
    test: (message) => challengeText(message),
    reason: (found) => `The message is a challenge-response request to confirm the sender (${found}); ${automatic}.`,
  },
  {
    name: 'auto-acknowledgement',
    verdict: 'drop',
    family: 'text',
    test: (message) => acknowledgementText(message),
    reason: (found) => `The text is a ticket system's acknowledgement of receipt (${found}); ${automatic}.`,
  },
  {
    name: 'exchange-oof-headers',
    verdict: 'drop',
    family: 'header-guess',
    test: (message) => exchangeOofHeaders(message),
    reason: (found) =>
      `The message carries the fields of an Exchange out-of-office reply (${found}), but an inbox rule that forwards ` +
      "a person's mail sets them too. No answer goes; the digest lists it for staff.",
  },
  {
    name: 'not-addressed-to-us',
    verdict: 'drop',
    family: 'addressing',
    test: (message, receipt, config) => notAddressedToUs(message, receipt, config),
    reason: (found) => `None of our addresses received or is named on the message (${found}); it is not ours to answer (RFC 5230 §4.5).`,
  },
  {
    // Not a guess, so the digest counts it by rule but lists none: staff received the mail themselves.
    name: 'colleague-thread-staff-copied',
    verdict: 'drop',
    family: 'follow-up',
    test: (message, receipt, config) => staffCopiedOutsideOurThreads(message, receipt, config),
    reason: (found) =>
      `The message replies in a conversation a staff address is a recipient of (${found}), whose In-Reply-To and References ` +
      'name none of our mail: a person carries it on and has it already, so no automatic answer breaks in and staff get no second copy.',
  },
  {
    name: 'follow-up-staff-thread',
    verdict: 'person',
    family: 'follow-up',
    test: (_m, _r, _c, history) =>
      history.repliesToStaffMailAbout === undefined ? undefined : `our staff mail about SES message ${history.repliesToStaffMailAbout}`,
    reason: (found) =>
      `The message replies in a conversation staff took over (its In-Reply-To or References name ${found}); ` +
      'a person carries it on, and no automatic answer breaks in.',
  },
  {
    name: 'follow-up',
    verdict: 'person',
    family: 'follow-up',
    test: (_m, _r, _c, history) => (history.repliesToOurAnswer ? 'our sent records' : undefined),
    reason: () => 'The message replies to one of our automatic answers (from our sent records); a person follows up.',
  },
  {
    name: 'follow-up-answer-mark',
    verdict: 'person',
    family: 'follow-up',
    test: (message) => quotesOurAnswerMark(message),
    reason: (found) => `The message quotes one of our automatic answers (${found}); a person follows up.`,
  },
  {
    name: 'follow-up-attribution',
    verdict: 'person',
    family: 'follow-up',
    test: (message, _r, config) => attributionNamesUs(message, config),
    reason: (found) => `The message replies to mail from our inbox (quote attribution ${found}); a person follows up.`,
  },
  {
    name: 'follow-up-ses-thread',
    verdict: 'person',
    family: 'follow-up',
    test: (message, _r, config) => sesThreadNamesUs(message, config),
    reason: (found) => `The message replies to mail we sent (${found}); a person follows up.`,
  },
  {
    name: 'colleague-thread',
    verdict: 'person',
    family: 'follow-up',
    test: (message, _r, config) => colleagueRecipient(message, config),
    reason: (found) =>
      `The message replies in a conversation a colleague (a staff address, or someone at the inbox's domain) is a recipient of ` +
      `(${found}), in a thread none of our records or marks shows to be ours: a person carries it on, so no automatic answer ` +
      'breaks in; staff see it too, in case the colleague is away.',
  },
  {
    name: 'passed-on-by-staff',
    verdict: 'person',
    family: 'ourselves',
    test: (message, _r, config) => passedOnByStaff(message, config),
    reason: (found) =>
      `A staff address passed the message on (${found}; From is the writer's): a staff member redirected or forwarded it to ` +
      'the inbox. The writer did not send it to us, so no automatic answer goes; a person sees it, and a reply goes to the writer.',
  },
  {
    name: 'passed-on-bounce',
    verdict: 'person',
    family: 'text',
    test: (message) => passedOnBounce(message),
    reason: (found) =>
      `A person passed on a delivery failure notice (${found}) with words of their own that ask nothing; ` +
      'a person sees it rather than an automatic answer.',
  },
  {
    name: 'auto-forwarded',
    verdict: 'person',
    family: 'header',
    test: (message) => autoForwarded(message),
    reason: (found) =>
      `A mailbox's rule forwarded the message (${found}): no automatic answer may go (RFC 3834 §5), ` +
      'but a person may have written it, so a person sees it.',
  },
  {
    name: 'loop-marker',
    verdict: 'person',
    family: 'header',
    test: (message) => loopMarker(message),
    reason: (found) =>
      `Mail software passed the message on or wrote it (${found}): forwarders mark a person's mail so, as auto-responders ` +
      'mark their own, so no automatic answer goes and a person sees it.',
  },
  {
    name: 'unclear-sender',
    verdict: 'person',
    family: 'sender',
    test: (message) => bulkEnvelope(message) ?? relayedPerson(message) ?? relayedQuestion(message),
    reason: (found) =>
      `The message came through a bulk or helpdesk envelope, or a form's or notifier's "do not reply" sender (${found}), but carries no ` +
      "sign of automatic mail; a helpdesk agent or a form's visitor may have written it, so a person sees it rather than an automatic answer.",
  },
  {
    name: 'calendar',
    verdict: 'person',
    family: 'header',
    test: (message) => calendarParts(message),
    reason: (found) =>
      `The message is a calendar invitation or reply (${found}): someone wants a meeting or answers one, ` +
      'which no FAQ answer does, so a person sees it.',
  },
  {
    name: 'unreadable-text',
    verdict: 'person',
    family: 'text',
    test: (message) => unreadableText(message),
    reason: (found) =>
      `The writer's words cannot be read (${found}): an answer to the subject alone could miss what they wrote, ` + 'so a person sees it.',
  },
  {
    name: 'auto-response-suppress',
    verdict: 'person',
    family: 'request',
    test: (message) => autoResponseSuppress(message),
    reason: (found) => `The sender asked for no automatic reply (${found}); a person sees the message instead.`,
  },
] as const satisfies readonly ScreenRule[];

/**
 * The families whose rules drop mail as automatic by what it says (not who it is from or to, which for staff's mail
 * the sender rules read as a claim to be ours, nor a service's verdict).
 */
const AUTOMATIC: ReadonlySet<RuleFamily> = new Set(['header', 'header-guess', 'subject', 'text']);

/**
 * Whether a rule would drop `message` as automatic mail, whoever it is from: screening stops at `from-ourselves` for
 * staff's mail, and a staff member's out-of-office notice answering our staff mail is no verdict staff meant to give.
 */
export function looksAutomatic(message: InboundMessage, receipt: Receipt, config: Config, history: ScreenHistory): boolean {
  return (SCREEN_RULES as readonly ScreenRule[]).some(
    (rule) => rule.verdict === 'drop' && AUTOMATIC.has(rule.family) && rule.test(message, receipt, config, history) !== undefined,
  );
}

/** The screening rule by this name, if it drops mail; none for any other name (an old record's, a match rule's). */
function dropRule(rule: string): ScreenRule | undefined {
  return SCREEN_RULES.find((r) => r.name === rule && r.verdict === 'drop');
}

/** The rule by this name is a screening rule that drops mail: mail ignored for it was screened out. */
export function screenedOut(rule: string): boolean {
  return dropRule(rule) !== undefined;
}

/**
 * The rule by this name drops mail on a guess (its family is one of GUESSES): the digest lists
 * what it dropped for staff to check. A name no rule has any more (an old record's) is no guess.
 */
export function dropsOnAGuess(rule: string): boolean {
  const dropping = dropRule(rule);
  return dropping !== undefined && GUESSES.has(dropping.family);
}
