/**
 * What faqmail remembers between messages: the mails it sent for each inbound message (so
 * a retried or repeated event sends nothing twice), the answers it sent (so that a reply to
 * one goes to a person), and how many answers each address got lately (the per-sender
 * limit). Which event was processed is the Powertools idempotency utility's (./idempotency).
 */

/** One mail SES accepted. */
export interface SentRecord {
  sesMessageId: string;
  /** The Message-ID header SES gave it. */
  messageIdHeader: string;
}

/** An automatic answer we sent, as needed to recognise replies to it and to count it. */
export interface SentAnswer {
  /** The Message-ID header of our answer (what a reply names in In-Reply-To/References). */
  messageIdHeader: string;
  /** SES's id of the inbound message answered (several answers to it count once). */
  inboundId: string;
  /** Whom the answer went to. */
  writers: string[];
}

/** One of our answers that an inbound message names (In-Reply-To or References). */
export interface RepliedAnswer {
  /** Its Message-ID, normalized (no angle brackets, lowercase). */
  messageIdHeader: string;
  /** SES's id of the inbound message it answered. */
  inboundId: string;
}

export interface StateStore {
  /**
   * What was sent for inbound message `inboundId` in `slot` (e.g. `reply#0`), if it was:
   * checked before each send, so that a retry skips what an earlier attempt sent.
   */
  sentFor(inboundId: string, slot: string): Promise<SentRecord | undefined>;
  /**
   * Records a send right after SES accepted it. False when the slot was already recorded:
   * someone else sent the same mail meanwhile (the idempotency lock should make that impossible).
   */
  recordSent(inboundId: string, slot: string, sent: SentRecord): Promise<boolean>;
  /** Records an answer for follow-up recognition and the per-sender count. Safe to repeat. */
  recordAnswerSent(answer: SentAnswer): Promise<void>;
  /** Whether any of these Message-IDs (an inbound message's In-Reply-To and References) is one of our answers. */
  isOurAnswer(messageIds: readonly string[]): Promise<boolean>;
  /** Which of these Message-IDs are our answers (still remembered), in the order given. */
  answersRepliedTo(messageIds: readonly string[]): Promise<RepliedAnswer[]>;
  /**
   * Answers sent to `address` in the last 24 hours, not counting those to inbound message
   * `excluding` (a retry of that message must decide as its first attempt did).
   */
  recentRepliesTo(address: string, options?: { excluding?: string }): Promise<number>;
}
