/**
 * What faqmail remembers between messages: the mails it sent for each inbound message (so
 * a retried or repeated event sends nothing twice), the answers it sent (so that a reply to
 * one goes to a person), and the limits on what goes out, each taken with a conditional
 * write before anything is sent, so that simultaneous invocations cannot pass them. Which
 * event was processed is the Powertools idempotency utility's (./idempotency).
 */
import type { Mode } from '../config';
import type { EscalationSlot } from '../domain';

/** One attempt at an inbound message: its number, and the mode the message is handled in (its first attempt's). */
export interface Attempt {
  count: number;
  mode: Mode;
}

/** One mail SES accepted. */
export interface SentRecord {
  sesMessageId: string;
  /** The Message-ID header SES gave it. */
  messageIdHeader: string;
}

/** An automatic answer we sent, as needed to recognise replies to it (the limits count their own reservations, not these). */
export interface SentAnswer {
  /**
   * The Message-ID header of our answer (what a reply names in In-Reply-To/References); for an
   * `uncertain` answer, the Message-ID it replies to (`OutboundMail.inReplyTo`).
   */
  messageIdHeader: string;
  /**
   * An attempt stopped while sending it: SES may or may not have sent it, and the Message-ID SES
   * gave it was lost with SES's answer. A reply to it also names the writer's message it replies
   * to (References), so it is recorded under that id, and not as sent.
   */
  uncertain?: true;
  /** SES's id of the inbound message answered: a reply to the answer names it (`followUpTo` in its decision record). */
  inboundId: string;
  /** Whom the answer went to. */
  writers: string[];
  /** The FAQ entries it held: shown to staff when the writer replies to it. */
  entryIds: string[];
}

/**
 * The marker of one mail for one inbound message: written as `sending` before the send and
 * turned to `sent` once SES accepted it. A `sending` marker that stays means an attempt
 * stopped between the two: SES may or may not have taken the mail.
 */
export type SendMarker = { status: 'sending'; startedAt: string } | { status: 'sent'; sent: SentRecord };

/**
 * A sender's cap let a message on without a slot: the message gave its slot back when the hour's cap refused it
 * (`releaseAnswer`, `releaseEscalation`), and the slot may have gone to another message of the sender's since.
 */
export type GivenBack = 'given back';

/** The earlier SES message that claimed a sender's Message-ID. */
export interface EarlierDelivery {
  inboundId: string;
  /** Its subject and text were those of the message that finds it: a copy, not a new message under a reused id. */
  sameText: boolean;
}

/** One of our answers that an inbound message names (In-Reply-To or References). */
export interface RepliedAnswer {
  /** Its Message-ID, normalized (no angle brackets, lowercase). */
  messageIdHeader: string;
  /** SES's id of the inbound message it answered. */
  inboundId: string;
  /** The FAQ entries it held: shown to staff when the writer replies to it. */
  entryIds: string[];
  /**
   * Whom it went to, as `addressHash` (the record keeps no address): an address a bounce of it
   * names is confirmed as the writer's when its hash is one of these.
   */
  writers: string[];
  /** Recorded as uncertain (`SentAnswer.uncertain`): under the Message-ID of the writer's message, not of our answer. */
  uncertain?: true;
}

export interface StateStore {
  /**
   * Claims slot `slot` (e.g. `reply#0`) of inbound message `inboundId` before sending, with a
   * conditional write: undefined when this caller may send, else the marker an earlier
   * attempt left (the key `sent#<inbound id>#<slot>` is the send's idempotency key). With
   * `leaseSeconds`, a `sending` marker older than that is taken over, by one caller alone: its
   * attempt stopped mid-send (a younger one is another caller's send in progress).
   */
  beginSend(inboundId: string, slot: string, leaseSeconds?: number): Promise<SendMarker | undefined>;
  /** The marker an attempt left in the slot, if any, without claiming it (for telling staff what went out). */
  sendMarker(inboundId: string, slot: string): Promise<SendMarker | undefined>;
  /** Turns the slot's `sending` marker to `sent` once SES accepted the mail. */
  finishSend(inboundId: string, slot: string, sent: SentRecord): Promise<void>;
  /** Gives up a claim whose send certainly sent nothing, so that a retry sends it. */
  releaseSend(inboundId: string, slot: string): Promise<void>;
  /**
   * Counts one more attempt at inbound message `inboundId` and returns the count (1 on the first),
   * with the mode the first attempt ran in (`mode`, this attempt's, when it is the first): a retry
   * finishes the message in that mode, whatever was deployed meanwhile.
   */
  countAttempt(inboundId: string, mode: Mode): Promise<Attempt>;
  /**
   * Claims the writer's Message-ID for inbound message `inboundId`: undefined when it is the
   * first SES message with this Message-ID from this sender (or the same one again), else the
   * earlier one (a re-sent copy, a second delivery under a new SES id) and whether its text was
   * the same (`text`, a fingerprint of the message's subject and text; a claim made before
   * fingerprints were kept counts as the same).
   */
  claimMessageId(sender: string, messageId: string, inboundId: string, text?: string): Promise<EarlierDelivery | undefined>;
  /**
   * Claims the hand-over of our answer `messageId`, which a delivery report says failed, for the
   * report `inboundId`: undefined when it is the first report of that answer (or the same one
   * again), else the inbound id of the report that claimed it first.
   */
  claimBouncedAnswer(messageId: string, inboundId: string): Promise<string | undefined>;
  /**
   * Claims the alarm for the hand-over of inbound message `handedOver`, which the bounce `inboundId`
   * returns: undefined when it is the first bounce of that hand-over (or the same one again), else
   * the inbound id of the bounce that claimed it first.
   */
  claimStaffBounce(handedOver: string, inboundId: string): Promise<string | undefined>;
  /** Records an answer for follow-up recognition. Safe to repeat. */
  recordAnswerSent(answer: SentAnswer): Promise<void>;
  /** Which of these Message-IDs (an inbound message's In-Reply-To and References) are our answers, still remembered, in the order given. */
  answersRepliedTo(messageIds: readonly string[]): Promise<RepliedAnswer[]>;
  /**
   * Takes one of the `limit` automatic answers `address` may get in 24 hours, for inbound
   * message `inboundId`. True when taken (now, or by an earlier attempt for this message); `given back` when this
   * message gave its slot back since (`releaseAnswer`) and none is free: its retry goes on to the hour's cap, which
   * decides as it did. With `givenBackPasses` false, the mark is not read: past the limit is false.
   */
  reserveAnswer(address: string, inboundId: string, limit: number, givenBackPasses?: boolean): Promise<boolean | GivenBack>;
  /** Gives back an answer reserved for `inboundId` that will not be sent (the hour's cap refused it), marked so. */
  releaseAnswer(address: string, inboundId: string): Promise<void>;
  /** Takes one of the `cap` automatic answers of the clock hour the message was received in, for `inboundId`. */
  reserveHourlyAnswer(inboundId: string, receivedAt: Date, cap: number): Promise<boolean>;
  /**
   * What becomes of the mail to staff for `inboundId` from `sender`, past `cap` on the day it was received (see
   * EscalationSlot); `given back`, as for `reserveAnswer`, when past it this message gave its slot back since
   * (`releaseEscalation`), unless `givenBackPasses` is false.
   */
  reserveEscalation(sender: string, inboundId: string, receivedAt: Date, cap: number): Promise<EscalationSlot | GivenBack>;
  reserveEscalation(sender: string, inboundId: string, receivedAt: Date, cap: number, givenBackPasses: false): Promise<EscalationSlot>;
  /** Gives back the `forward` slot `reserveEscalation` gave `inboundId` when nothing is forwarded for it after all. */
  releaseEscalation(sender: string, inboundId: string, receivedAt: Date): Promise<void>;
  /** What becomes of the mail to staff for `inboundId`, past `cap` in the clock hour it was received, all senders together. */
  reserveHourlyEscalation(inboundId: string, receivedAt: Date, cap: number): Promise<EscalationSlot>;
}
