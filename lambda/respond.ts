import type { Config } from './config';
import { composeEscalation } from './compose/escalation';
import { composeReply } from './compose/reply';
import { loadFaq } from './content/load-faq';
import { decide, type Decided } from './decide';
import type { Decision, Faq, History, InboundMessage, OutboundMail, Receipt } from './domain';
import { parseMessage, UnparseableMailError } from './mail/parse';
import { buildIndex, type FaqIndex, type MatchResult } from './match';

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
}

function handOverUnread(rule: string, reason: string): Decided {
  return { decision: { kind: 'escalate', reply: false, escalate: true, answers: [], candidates: [], rule, reason } };
}

/**
 * One inbound message from raw bytes to the mails to send. Bad mail never throws: what
 * cannot be parsed or decided goes to staff with the raw original attached. Failures of
 * our own dependencies (the history lookup) do throw, so that the caller retries.
 *
 * `receipt` is the inbound service's verdicts, or a way to read them from the parsed
 * message when there is no SES event (the CLI reads the headers SES writes into stored mail).
 */
export async function respond(
  responder: Responder,
  raw: Buffer,
  receipt: Receipt | ((message: InboundMessage) => Receipt),
  lookupHistory: (message: InboundMessage) => Promise<History>,
  storedAt?: string,
): Promise<Outcome> {
  const { config, index } = responder;
  const parsed = await parseMessage(raw).catch((error: unknown) => {
    if (error instanceof UnparseableMailError) return error;
    throw error;
  });
  const message = parsed instanceof UnparseableMailError ? undefined : parsed;
  let decided: Decided;
  if (parsed instanceof UnparseableMailError) {
    decided = handOverUnread('unparseable', parsed.message);
  } else {
    const history = await lookupHistory(parsed);
    try {
      decided = decide({ message: parsed, receipt: typeof receipt === 'function' ? receipt(parsed) : receipt, history }, index, config);
    } catch (error) {
      // A bug in matching must not lose the message: a person gets it instead.
      decided = handOverUnread('decide-failed', `Deciding failed (${(error as Error).message}); handed over unread.`);
    }
  }
  const { decision, match } = decided;
  const mails: OutboundMail[] = [];
  if (decision.reply && message) mails.push(await composeReply(message, decision.answers, config, decision.personTakes));
  if (decision.escalate) mails.push(await composeEscalation({ message, raw, decision, config, storedAt }));
  return { message, decision, match, mails };
}
