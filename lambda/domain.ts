/**
 * The domain faqmail works in: what arrives, what the FAQ holds, what we decide.
 * These types are shared by the CLI, the Lambda handler and the tests, and say
 * nothing about SDKs or wire formats.
 */

export interface Address {
  /** Display name as the writer's client wrote it (may be empty). */
  name: string;
  /** The addr-spec, lowercased: addresses are compared, never displayed, in this form. */
  address: string;
}

/** Header fields by lowercased name; a field that occurs several times keeps every value in order. */
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
  inReplyTo?: string;
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

/** What the inbound mail service knows beyond the message itself (the SES receipt). */
export interface Receipt extends Verdicts {
  /** Envelope recipients (RCPT TO), lowercased. Empty when unknown (e.g. a file on disk). */
  recipients: string[];
}

export interface FaqSource {
  file: string;
  line: number;
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

/** A reason a person must see a message, and the phrases that signal it (`content/handover.md`). */
export interface HandoverRule {
  reason: string;
  cues: string[];
  source: FaqSource;
}

export interface Faq {
  entries: FaqEntry[];
  /** Groups of interchangeable terms (abbreviations, domain vocabulary), from content staff edit. */
  synonyms: string[][];
  /** What only a person can deal with (requests to act, problems, complaints), from content staff edit. */
  handover?: HandoverRule[];
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
  /** The FAQ entries of the answer it replies to, when our records name them. */
  earlierAnswer?: string[];
  /**
   * The message replies to one of our staff mails (escalation or shadow proposal): the SES id
   * of the inbound message that staff mail was about. Only staff verdicts read it.
   */
  repliesToStaffMailAbout?: string;
}

export type DecisionKind = 'answer' | 'answer-and-escalate' | 'escalate' | 'ignore';

export interface Decision {
  kind: DecisionKind;
  /** An automatic answer goes to the writer. */
  reply: boolean;
  /** A person on staff receives the message. */
  escalate: boolean;
  /** The FAQ answers sent to the writer (empty when no reply goes out). */
  answers: ScoredAnswer[];
  /** Where the automatic answer goes: an address the message's authentication vouches for (set when `reply`). */
  answerTo?: Address;
  /** The best candidates considered, answered or not: what staff see to paste from. */
  candidates: ScoredAnswer[];
  /** A short machine-friendly name of the rule that decided, e.g. `auto-submitted`, `matched`. */
  rule: string;
  /** One sentence for a person. */
  reason: string;
  /** When an answer goes out and a person is needed too: the writer's sentences the person will take, as written. */
  personTakes?: string[];
}

/**
 * What becomes of one message for staff once its sender's escalations are counted:
 * forwarded as usual, forwarded as the one notice that the day's cap is reached, or held
 * (kept in S3, counted and listed in the state table, not forwarded).
 */
export type EscalationSlot = 'forward' | 'notice' | 'hold';

/** An email ready to hand to the sending service. */
export interface OutboundMail {
  kind: 'reply' | 'escalation' | 'digest';
  from: string;
  to: string[];
  raw: Buffer;
}
