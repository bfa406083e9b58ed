import type { Config } from './config';
import { composeEscalation } from './compose/escalation';
import { composeReply } from './compose/reply';
import { shadowProposal } from './compose/shadow-proposal';
import { loadFaq } from './content/load-faq';
import { decide, type Decided } from './decide';
import type { Decision, Faq, History, InboundMessage, OutboundMail, Receipt } from './domain';
import { parseMessage, UnparseableMailError } from './mail/parse';
import { buildIndex, type FaqIndex, type MatchResult } from './match';
import { resolveEntry } from './verdicts/resolve-entry';
import { recognizeStaffReply, type StaffReply } from './verdicts/staff-reply';

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
}

function handOverUnread(rule: string, reason: string): Decided {
  return { decision: { kind: 'escalate', reply: false, escalate: true, answers: [], candidates: [], rule, reason } };
}

/** A staff reply taken as such: nothing is sent, whatever it says. */
function staffReplyDecided(reply: Extract<StaffReply, { kind: 'verdict' | 'note' }>): Decided {
  const reason =
    reply.kind === 'verdict'
      ? `A staff verdict (${reply.verdict.verdict}) on the decision about message ${reply.inboundId}; it is recorded and nothing is sent.`
      : `A reply from staff to our staff mail about message ${reply.inboundId}, with no verdict on its first line; logged, nothing sent.`;
  const rule = reply.kind === 'verdict' ? 'staff-verdict' : 'staff-note';
  return { decision: { kind: 'ignore', reply: false, escalate: false, answers: [], candidates: [], rule, reason } };
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
  const { config, index, faq } = responder;
  const parsed = await parseMessage(raw).catch((error: unknown) => {
    if (error instanceof UnparseableMailError) return error;
    throw error;
  });
  const message = parsed instanceof UnparseableMailError ? undefined : parsed;
  let decided: Decided;
  let staffReply: StaffReply | undefined;
  if (parsed instanceof UnparseableMailError) {
    decided = handOverUnread('unparseable', parsed.message);
  } else {
    const history = await lookupHistory(parsed);
    const received = typeof receipt === 'function' ? receipt(parsed) : receipt;
    const resolve = (name: string) => resolveEntry(name, faq.entries, index, config);
    staffReply = recognizeStaffReply(parsed, received, config, history, resolve, new Date());
    if (staffReply && staffReply.kind !== 'refused') {
      decided = staffReplyDecided(staffReply);
    } else {
      try {
        decided = decide({ message: parsed, receipt: received, history }, index, config);
      } catch (error) {
        // A bug in matching must not lose the message: a person gets it instead.
        decided = handOverUnread('decide-failed', `Deciding failed (${(error as Error).message}); handed over unread.`);
      }
    }
  }
  const { decision, match } = decided;
  const heldBack = config.mode === 'shadow' && decision.reply && message !== undefined;
  const mails: OutboundMail[] = [];
  if (heldBack && message) {
    // Staff see the message as a hand-over (nothing went to the writer), opened by the proposal.
    const proposal = shadowProposal(message, decision.answers, config);
    mails.push(await composeEscalation({ message, raw, decision: { ...decision, reply: false }, config, storedAt, proposal }));
  } else {
    if (decision.reply && message) mails.push(await composeReply(message, decision.answers, config));
    if (decision.escalate) mails.push(await composeEscalation({ message, raw, decision, config, storedAt }));
  }
  return { message, decision, match, mails, heldBack, ...(staffReply ? { staffReply } : {}) };
}
