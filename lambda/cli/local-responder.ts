import { ConfigError, loadConfig } from '../config';
import { ContentError } from '../content/content-error';
import type { History } from '../domain';
import { createResponder, type Responder } from '../respond';
import { UsageError } from './run';

/** The responder as the Lambda would build it, from the same environment variables. */
export function responderFromEnv(): Responder {
  try {
    return createResponder(loadConfig(process.env), process.env.FAQMAIL_CONTENT_DIR);
  } catch (error) {
    if (error instanceof ConfigError || error instanceof ContentError) throw new UsageError(error.message);
    throw error;
  }
}

/** Outside the Lambda there are no records: nothing we sent is known, no sender has a count. */
export async function noHistory(): Promise<History> {
  return { repliesToOurAnswer: false, recentRepliesToSender: 0 };
}
