/**
 * The domain faqmail works in: what arrives, what the FAQ holds, what we decide.
 * These types are shared by the CLI, the Lambda handler and the tests, and say
 * nothing about SDKs or wire formats (three small predicates read a Decision's kind).
 */

export interface Address {
  /** Display name as the writer's client wrote it (may be empty). */
  name: string;
  /** The addr-spec, lowercased: addresses are compared, never displayed, in this form. */
  address: string;
}

/**
 * Header fields by lowercased name; a field that occurs several times keeps every value in order. Values
 * are unfolded text, their UTF-8 read as UTF-8 (lambda/mail/parse.ts, `headerText`), RFC 2047 words left encoded.
 */
export type HeaderMap = ReadonlyMap<string, readonly string[]>;

/** A link as the reader sees it (`text`) and where it leads (`href`). */
export interface Link {
  text: string;
  href: string;
}

export interface AttachmentInfo {
  filename: string;
  contentType: string;
  size: number;
}

/** One inbound email, parsed and reduced to what screening, matching and composing need. */
export interface InboundMessage {
  messageId?: string;
  from?: Address;
  replyTo: Address[];
  /**
   * The envelope sender as the receiving server recorded it: `undefined` when there is
   * no Return-Path field, `''` for the null reverse-path `<>` (bounces, auto-replies).
   */
  returnPath?: string;
  to: Address[];
  cc: Address[];
  subject: string;
  date?: Date;
  /** The first Message-ID In-Reply-To names. */
  inReplyTo?: string;
  /**
   * The further Message-IDs In-Reply-To names, when it names several (a reply to each of them):
   * then it is no line of ancestors for our answer's References (RFC 5322 §3.6.4), but our mail
   * may be any of them.
   */
  inReplyToOthers?: string[];
  references: string[];
  headers: HeaderMap;
  /** Top-level MIME type, lowercased, e.g. `multipart/report`. */
  contentType: string;
  /** Every MIME type found in the message tree, lowercased (for report parts). */
  partTypes: string[];
  /** The whole text body (HTML converted to text when there is no text part). */
  text: string;
  /** What the writer wrote now: quotes, forwarded history, signatures and footers removed. */
  newText: string;
  /** Earlier messages quoted below (or above) the new text (follow-up detection reads it). */
  quotedText: string;
  /**
   * Messages the writer forwarded to us, without their own note: when the note only says
   * "see below", the question to answer is in here.
   */
  forwardedText: string;
  /** Links in the HTML body whose visible text is not their target (the text copy drops every target). */
  links: Link[];
  attachments: AttachmentInfo[];
  /** Size of the raw message in bytes. */
  size: number;
}

/** The verdict strings SES writes; anything else arrives as `UNKNOWN`. */
export type Verdict = 'PASS' | 'FAIL' | 'GRAY' | 'PROCESSING_FAILED' | 'DISABLED' | 'UNKNOWN';

/** What the inbound mail service found on receipt: spam and virus scans, and SPF, DKIM and DMARC. */
export interface Verdicts {
  spam: Verdict;
  virus: Verdict;
  spf: Verdict;
  dkim: Verdict;
  dmarc: Verdict;
}

/** What a domain's DMARC record asks of receivers for mail that fails DMARC (RFC 7489 §6.3, `p=`). */
export type DmarcPolicy = 'none' | 'quarantine' | 'reject';

/** What the inbound mail service knows beyond the message itself (the SES receipt). */
export interface Receipt extends Verdicts {
  /** Envelope recipients (RCPT TO), lowercased. Empty when unknown (e.g. a file on disk). */
  recipients: string[];
  /** When the inbound service received the message; absent when unknown (a file on disk). */
  receivedAt?: Date;
  /** The From domain's DMARC policy, which SES gives only when DMARC failed; absent when unknown. */
  dmarcPolicy?: DmarcPolicy;
  /** Where `dmarcPolicy` came from: SES's receipt (the event), or, for a stored message, SES's Authentication-Results field in it. */
  dmarcPolicySource?: 'ses-receipt' | 'authentication-results';
  /** The envelope sender (MAIL FROM, SES's `mail.source`), lowercased; absent when unknown (a file on disk) or empty (a bounce). */
  envelopeSender?: string;
}

export interface FaqSource {
  file: string;
  line: number;
  /** For an entry, the line of each of its `notAbout` topics, in their order. */
  notAbout?: number[];
  /** For a hand-over reason, the line of each of its `cues`, in their order. */
  cues?: number[];
}

/** One question-and-answer pair from the FAQ content. */
export interface FaqEntry {
  /** Stable id derived from the question, unique across the FAQ. */
  id: string;
  question: string;
  /** The answer as Markdown, relative links already resolved against the base URL. */
  answer: string;
  /** Headings above the entry, outermost first (e.g. ["OIN Technical Questions", "SAML"]). */
  section: string[];
  /** Other ways writers ask this, added by staff. */
  phrasings: string[];
  /** Terms that point at this entry, added by staff. */
  keywords: string[];
  /** Near-misses staff rule out ("OIDC logout" for the SAML single-logout entry): a writer asking about one is not answered by it. */
  notAbout?: string[];
  source: FaqSource;
}

/**
 * How a reason's phrases are read beyond matching: `state` phrases tell a state the writer is in (a fault, a grievance),
 * so their words may instead name a kind of case or an outcome asked about; `wish` phrases wish for a change, which a
 * thing that may already exist can meet; `opinion` phrases ask our view, which a standard the writer says they follow
 * does not; `fragment` phrases name, with no verb, what the writer wants a person to do or give, and count only as the
 * sentence's opening words in a sentence with no verb of its own.
 */
export type HandoverKind = 'state' | 'wish' | 'opinion' | 'fragment';

/** A reason a person must see a message, and the phrases that signal it (`content/handover.md`). */
export interface HandoverRule {
  reason: string;
  /** From a `Kind:` line under the reason's heading. */
  kind?: HandoverKind;
  cues: string[];
  source: FaqSource;
}

export interface Faq {
  entries: FaqEntry[];
  /** Groups of interchangeable terms (abbreviations, domain vocabulary), from content staff edit. */
  synonyms: string[][];
  /** What only a person can deal with (requests to act, problems, complaints), from content staff edit. */
  handover?: HandoverRule[];
  /** The name writers call the FAQ's owner by ("Okta"), from the front matter's `owner`: "Hi Okta team" addresses us. */
  owner?: string;
  /** The FAQ's names for the owner's programmes and products ("Okta Integration Network"), from the front matter's `ownerTerms`. */
  ownerTerms?: string[];
}

export interface ScoredAnswer {
  entry: FaqEntry;
  /** Confidence in [0, 1]: 1 is a certain match. */
  score: number;
  /** Why it scored so, for `--explain`. */
  why: string[];
  /** Why it may fit, in plain words for staff (no scores): what the writer says that the entry is about. */
  reason?: string;
}

/** Facts from our own records that the pure decision needs (the handler looks them up). */
export interface History {
  /** The message replies to one of our automatic answers (recognised from our sent records). */
  repliesToOurAnswer: boolean;
  /** The answer it replies to: the SES id of the message that answer answered, and the FAQ entries it held. */
  earlierAnswer?: { inboundId: string; entryIds: string[] };
  /**
   * The message replies to one of our staff mails (escalation or shadow proposal), or to a reply
   * to one (In-Reply-To or References name it): the SES id of the inbound message that staff mail
   * was about. Staff's mail so is a verdict or a note; anyone else's is a reply in a conversation
   * staff took over, which screening gives to a person (`follow-up-staff-thread`).
   */
  repliesToStaffMailAbout?: string;
  /**
   * With `repliesToStaffMailAbout`, for mail not from staff: its From address is the one the message
   * that staff mail was about came from (the sender on its decision record), the writer staff took
   * the conversation over from. Their replies there take no slot of the escalation cap (docs/security.md).
   */
  fromHandedOverWriter?: true;
  /**
   * Mail from staff that replies to none of our staff mails but carries a verdict link's
   * reference (lambda/verdicts/verdict-ref.ts): the inbound id it names, and whether a decision
   * on it is on record. Only staff verdicts read it.
   */
  verdictRef?: { inboundId: string; onRecord: boolean };
  /**
   * The same message (same sender and Message-ID) came before under another SES id, which was
   * handled: that id. A copy is neither answered nor handed over, and takes no limit's slot.
   */
  copyOf?: string;
  /**
   * An earlier SES message came with the same sender and Message-ID but another subject or text:
   * that id. Not a copy (the mailer reused the id), so a person decides rather than nobody.
   */
  sameMessageIdAs?: string;
}

/** The screening rules, each in lambda/screen/rules.ts (in precedence order there). */
export type ScreenRuleName =
  | 'virus'
  | 'spam'
  | 'dmarc-fail'
  | 'from-ourselves'
  | 'auto-submitted'
  | 'precedence'
  | 'list-headers'
  | 'null-return-path'
  | 'vendor-marker'
  | 'report'
  | 'claims-our-address'
  | 'claims-staff-address'
  | 'automatic-sender'
  | 'bulk-mail'
  | 'auto-reply-subject'
  | 'bounce-subject'
  | 'bounce-text'
  | 'out-of-office-text'
  | 'challenge-response'
  | 'auto-acknowledgement'
  | 'exchange-oof-headers'
  | 'not-addressed-to-us'
  | 'colleague-thread-staff-copied'
  | FollowUpRuleName
  | 'follow-up-staff-thread'
  | 'colleague-thread'
  | 'passed-on-by-staff'
  | 'passed-on-bounce'
  | 'auto-forwarded'
  | 'loop-marker'
  | 'unclear-sender'
  | 'calendar'
  | 'unreadable-text'
  | 'auto-response-suppress';

/** The screening rules that recognise a reply to one of our answers: it goes to a person. */
export const FOLLOW_UP_RULES = ['follow-up', 'follow-up-answer-mark', 'follow-up-attribution', 'follow-up-ses-thread'] as const;
export type FollowUpRuleName = (typeof FOLLOW_UP_RULES)[number];

/** What the decision concludes once screening lets a message through (lambda/decide.ts, lambda/mail/writer.ts). */
export type MatchRuleName =
  'no-reply-address' | 'unauthenticated' | 'not-english' | 'no-match' | 'needs-person' | 'partly-answered' | 'matched';

/** The caps on mail to staff (lambda/state/limits.ts): one sender's per UTC day, and all senders' per clock hour. */
export const ESCALATION_CAP_RULES = ['escalation-cap', 'hourly-escalation-cap'] as const;
export type EscalationCapRuleName = (typeof ESCALATION_CAP_RULES)[number];

/** The limits on what goes out (lambda/state/limits.ts, and the escalation caps in lambda/decide.ts). */
export type LimitRuleName = 'sender-limit' | 'hourly-limit' | EscalationCapRuleName;

/**
 * Staff replying to our staff mail (lambda/respond.ts): staff's own mail, not a writer's, so the
 * digest counts it apart from the mail it reports on. `staff-verdict-no-record`: a verdict that
 * names no decision on record (expired, or never one of ours), which the digest counts so that
 * the judgement is not lost without a word; likewise `staff-verdict-unreadable`, `should answer:`
 * with no entry named or a verdict link's mail (or a reply to the inbox alone) with no verdict first, and `staff-verdict-unauthenticated`,
 * a verdict from a staff address whose authentication failed (a staff domain's SPF or DKIM broken, or a forger's: it changes nothing).
 */
export const STAFF_REPLY_RULES = [
  'staff-verdict',
  'staff-note',
  'staff-verdict-no-record',
  'staff-verdict-unreadable',
  'staff-verdict-unauthenticated',
] as const;
export type StaffReplyRuleName = (typeof STAFF_REPLY_RULES)[number];

/**
 * The rules that hand over a writer's reply in a conversation a person at our side carries on (a
 * colleague from their own mailbox, or staff who took it over; lambda/screen/rules.ts): what the
 * writer asks there is asked of that person, who answers it, so it leaves no one waiting on the
 * FAQ and is no gap in it.
 */
export const PERSON_CARRIES_ON: readonly RuleName[] = ['colleague-thread', 'follow-up-staff-thread'];

/**
 * The rules whose hand-over a phrase of content/handover.md can decide (lambda/decide.ts): the
 * matcher read the mail and found it for a person, an answer beside it or none. Every other rule
 * that hands mail over decides before the phrases count (a screening rule, no address to answer,
 * authentication, the language), or sends it to a person whatever fired (a limit that refused the
 * answer), so a phrase that fired there sent no one to staff.
 */
export const PHRASES_DECIDE: readonly RuleName[] = ['needs-person', 'no-match'];

/**
 * Mail handled apart from the decision: unreadable or undecidable, staff replying to our staff
 * mail, a verdict link's mail from an address that is not staff's, a copy of handled mail,
 * failures and answers that bounced (lambda/handler.ts, lambda/inbound/).
 */
export type HandlingRuleName =
  | 'unparseable'
  | 'decide-failed'
  | StaffReplyRuleName
  | 'verdict-not-staff'
  | 'copy'
  | 'reused-message-id'
  | 'answer-uncertain'
  | 'answer-bounced'
  | 'processing-failed'
  | 'in-progress';

/** The rule that decided what became of a message: for logs, metrics, records and staff. */
export type RuleName = ScreenRuleName | MatchRuleName | LimitRuleName | HandlingRuleName;

interface Grounds {
  /** The best candidates considered, answered or not: what staff see to paste from. */
  candidates: ScoredAnswer[];
  rule: RuleName;
  /** One sentence for a person. */
  reason: string;
  /** Set when an escalation cap replaced `rule` (its notice, or mail it held): the rule that would have handed the message over. */
  beforeCap?: RuleName;
}

/** An automatic answer goes to the writer; with `answer-and-escalate` a person on staff receives the message too. */
export interface AnswerDecision extends Grounds {
  kind: 'answer' | 'answer-and-escalate';
  /** The FAQ answers sent to the writer. */
  answers: ScoredAnswer[];
  /** Where the automatic answer goes: an address the message's authentication vouches for. */
  answerTo: Address;
  /** When a person is needed too: the writer's sentences the person will take, as written. */
  personTakes?: string[];
}

/** No automatic answer: a person on staff receives the message (`escalate`), or nobody does (`ignore`: kept and logged). */
export interface NoAnswerDecision extends Grounds {
  kind: 'escalate' | 'ignore';
  /** What the screening rule that dropped the message matched (its `found`): the decision record keeps it. */
  matched?: string;
}

export type Decision = AnswerDecision | NoAnswerDecision;
export type DecisionKind = Decision['kind'];

/** An automatic answer goes to the writer. */
/** Every Message-ID the message's In-Reply-To names, first to last: a reply may name several. */
export function inReplyToIds(message: Pick<InboundMessage, 'inReplyTo' | 'inReplyToOthers'>): string[] {
  return message.inReplyTo === undefined ? [] : [message.inReplyTo, ...(message.inReplyToOthers ?? [])];
}

export function replies(decision: Pick<Decision, 'kind'>): decision is AnswerDecision {
  return decision.kind === 'answer' || decision.kind === 'answer-and-escalate';
}

/** A person on staff receives the message (a decision's kind says so; a decision record keeps only that). */
export function escalates(decision: Pick<Decision, 'kind'>): boolean {
  return decision.kind === 'escalate' || decision.kind === 'answer-and-escalate';
}

/** The FAQ answers sent to the writer: none unless an automatic answer goes out. */
export function answersOf(decision: Decision): ScoredAnswer[] {
  return replies(decision) ? decision.answers : [];
}

/** The FAQ entries our records name by id (the ones an answer held), in that order; an id no entry has now is left out. */
export function entriesNamed(faq: Faq, ids: readonly string[]): FaqEntry[] {
  return ids.flatMap((id) => faq.entries.filter((entry) => entry.id === id));
}

/**
 * What becomes of one message for staff under one cap on escalations (a sender's day, or the
 * hour's): forwarded as usual, forwarded as the one notice that the cap is reached, or held
 * (kept in S3, counted and listed in the state table, not forwarded).
 */
export type EscalationSlot = 'forward' | 'notice' | 'hold';

/** A message's mail to staff that a cap took: the cap's notice, or held; `cap` is the cap's value, for the reason. */
export interface CappedEscalation {
  slot: 'notice' | 'hold';
  rule: EscalationCapRuleName;
  cap: number;
}

/** An email ready to hand to the sending service. */
export interface OutboundMail {
  kind: 'reply' | 'escalation' | 'digest';
  from: string;
  to: string[];
  raw: Buffer;
  /**
   * The Message-ID it replies to (its In-Reply-To, last in its References), when it has one: a
   * reply to it names that id too, while the mail's own Message-ID is the one SES gives it.
   */
  inReplyTo?: string;
}
