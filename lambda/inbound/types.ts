/** What the responder's handler and its steps (this folder) share: the dependencies it wires, and what an invocation returns. */
import type { Logger } from '@aws-lambda-powertools/logger';
import type { MailSender } from '../adapters/mail-sender';
import type { MailStore } from '../adapters/mail-store';
import type { ParseOptions } from '../mail/parse';
import type { CappedEscalation, Decision, DecisionKind, InboundMessage, OutboundMail, RuleName } from '../domain';
import type { Responder } from '../respond';
import type { DecisionStore } from '../state/decision-store';
import type { StateStore } from '../state/state-store';

/** What one invocation did; also what the idempotency record keeps and a repeated event returns. */
export interface HandlerResult {
  sesMessageId: string;
  decision: DecisionKind;
  rule: RuleName;
  sent: Array<{ kind: OutboundMail['kind']; sesMessageId: string }>;
  /** Shadow mode held back the reply the decision called for (staff got it as a proposal). */
  heldBack?: true;
}

export interface Dependencies {
  responder: Responder;
  /** The release id of `responder` and this code (`releaseId`), kept in each decision record. */
  release: string;
  mailStore: MailStore;
  mailSender: MailSender;
  state: StateStore;
  decisions: DecisionStore;
  logger: Logger;
  /** Lambda's attempts per event (first + retries). */
  attempts: number;
  region: string;
  /** How raw mail is read: parseMessage's defaults when absent, as in the function (`HandlerOptions`). */
  parse?: ParseOptions;
}

/** What the pipeline had read when it failed: the hand-over shows what it can of it. */
export interface WhatWasRead {
  receivedAt?: Date;
  raw?: Buffer;
  message?: InboundMessage;
  fromVouched?: boolean;
  /** The message is a bounce (`readBounce`): its sender is a mail server, no writer. */
  bounce?: true;
  /** The cap that took its mail to staff, if one did: the one notice that a cap was reached must reach staff. */
  escalation?: CappedEscalation;
}

/** What a message done was decided as, for the metrics (`countDecision`'s arguments). */
export interface Decided {
  decision: Pick<Decision, 'kind' | 'rule'>;
  receivedAt: Date;
  handedOver?: boolean;
}

/** A message done: what the invocation returns, and what it decided. */
export interface Done {
  result: HandlerResult;
  decided: Decided;
}
