/**
 * The two kinds of failure the handler tells apart (see lambda/inbound/process-event.ts, "When
 * processing fails"): a defect in our own code, which fails the same way on every retry, and a failure
 * of a service we call, which a retry may not meet again.
 */

/** Where in the pipeline our own code failed. */
export type PipelineStage = 'parse' | 'decide' | 'compose';

/** A bug of ours (parsing, deciding or composing threw): retrying cannot help, so a person gets the message now. */
export class PipelineError extends Error {
  constructor(
    readonly stage: PipelineStage,
    cause: unknown,
  ) {
    super(`faqmail failed to ${stage} the message: ${(cause as Error)?.message ?? String(cause)}`, { cause });
    this.name = 'PipelineError';
  }
}

/**
 * SES refused or could not take a mail. `certainlyNotSent`: it certainly did not go out (a
 * rejection, or a failure before the request was written), so the send may be tried again
 * without risk of a duplicate; any other send failure (a timeout, a 5xx, a reset) may have come
 * after SES accepted the mail. `refused`: SES answered and refused this mail (not its
 * throttling), so sending it again would be refused again, where a failed connection or a
 * throttled send may pass on a retry.
 */
export class SendFailedError extends Error {
  readonly certainlyNotSent: boolean;
  readonly refused: boolean;

  constructor(message: string, why: { certainlyNotSent: boolean; refused: boolean }, cause: unknown) {
    super(message, { cause });
    this.name = 'SendFailedError';
    this.certainlyNotSent = why.certainlyNotSent;
    this.refused = why.refused;
  }
}

/**
 * A mailbox of staff (or of the digest's recipients) refused a mail of ours after SES took it:
 * the bounce came back to the inbox. What that mail carried reached nobody, and anything handed
 * to the same address would bounce the same way, so the event is not handed over on its last
 * attempt: it fails every attempt and reaches the dead-letter queue, whose alarm tells the operator.
 */
export class StaffUnreachableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StaffUnreachableError';
  }
}
