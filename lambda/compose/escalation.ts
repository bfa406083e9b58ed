import type { Config } from '../config';
import type { Decision, InboundMessage, OutboundMail, ScoredAnswer } from '../domain';
import { blocksToHtml, blocksToText, type Block } from './blocks';
import { buildMail } from './mime';
import { oneLine } from '../one-line';
import { originalAttachment, originalFilename } from './original';
import { threadingFor } from './threading';
import { verdictFooter } from './verdict-footer';
import { formatAddress, writerAddresses } from './writer';

export interface EscalationInput {
  /** Absent when the mail could not be parsed. */
  message?: InboundMessage;
  /** The original, attached when it fits `config.maxAttachmentBytes`. */
  raw: Buffer;
  decision: Decision;
  config: Config;
  /** Where the original is kept (e.g. `s3://bucket/inbound/abc`), named when it is too large to attach. */
  storedAt?: string;
  /** Shadow mode: the reply faqmail would have sent (./shadow-proposal), shown first. */
  proposal?: Block[];
}

/** What staff see of the writer's text; the whole message is attached. */
const MAX_ASKED_CHARS = 4000;
const MAX_CANDIDATES = 5;
/** Attachment names listed in the summary of an original too large to attach. */
const MAX_LISTED_ATTACHMENTS = 20;

function size(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

/** A tag for subject filters: the deciding rule's name, reduced to letters, digits and dashes. */
function category(rule: string): string {
  return rule.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 40) || 'handover';
}

function subjectOf(input: EscalationInput): string {
  const { message, decision, config } = input;
  const original = message ? oneLine(message.subject) || '(no subject)' : 'unreadable message';
  return `${config.escalationTag} ${category(decision.rule)}: ${original}`;
}

function trimmed(text: string, max: number): string {
  const whole = text.trim();
  // Code points, not UTF-16 units, so that no emoji is cut in half; only the head is split.
  const head = Array.from(whole.slice(0, max * 2)).slice(0, max).join('');
  return head.length < whole.length ? `${head.trimEnd()}\n[… ${whole.length - head.length} more characters in the original]` : whole;
}

function situation(input: EscalationInput): Block[] {
  const { message, decision } = input;
  const blocks: Block[] = [{ kind: 'fields', rows: [['Reason', oneLine(decision.reason, 1000)], ['Rule', oneLine(decision.rule, 100)]] }];
  if (decision.reply && decision.answers.length > 0) {
    blocks.push({ kind: 'text', text: `The writer is also sent an automatic answer with ${decision.answers.length === 1 ? 'one FAQ entry' : `${decision.answers.length} FAQ entries`} (marked "sent" below).` });
  } else {
    blocks.push({ kind: 'text', text: 'No automatic answer was sent to the writer.' });
  }
  if (!message) {
    blocks.push({ kind: 'text', text: 'The message could not be parsed, so nothing in it could be read. Replies to this message go to the inbox only: the writer’s address is unknown.' });
  } else if (writerAddresses(message).length === 0) {
    blocks.push({ kind: 'text', text: 'The message has no usable From or Reply-To address. Replies to this message go to the inbox only.' });
  } else {
    blocks.push({ kind: 'text', text: 'Reply to this message to answer the writer: Reply-To is set to their address. Remove these notes from your reply.' });
  }
  return blocks;
}

function summary(message: InboundMessage): Block {
  const rows: Array<[string, string]> = [['From', message.from ? formatAddress(message.from) : '(none)']];
  if (message.replyTo.length > 0) rows.push(['Reply-To', oneLine(message.replyTo.map(formatAddress).join(', '), 500)]);
  rows.push(['Subject', oneLine(message.subject) || '(no subject)']);
  rows.push(['Date', message.date ? message.date.toUTCString() : '(none)']);
  if (message.messageId) rows.push(['Message-ID', oneLine(message.messageId, 250)]);
  rows.push(['Size', size(message.size)]);
  return { kind: 'fields', rows };
}

function asked(message: InboundMessage): Block[] {
  const text = message.newText.trim() || message.forwardedText.trim();
  return [
    { kind: 'heading', text: 'What they wrote' },
    text ? { kind: 'quote', text: trimmed(text, MAX_ASKED_CHARS) } : { kind: 'text', text: '(Nothing besides the subject.)' },
  ];
}

function candidates(decision: Decision): Block[] {
  const considered = (decision.candidates.length > 0 ? decision.candidates : decision.answers).slice(0, MAX_CANDIDATES);
  if (considered.length === 0) return [{ kind: 'heading', text: 'Candidate answers' }, { kind: 'text', text: 'No FAQ entry came close.' }];
  const sent = new Set(decision.reply ? decision.answers.map((answer) => answer.entry.id) : []);
  const entry = (candidate: ScoredAnswer, rank: number): Block[] => {
    const notes = [`score ${candidate.score.toFixed(2)}`, ...(sent.has(candidate.entry.id) ? ['sent'] : [])];
    const blocks: Block[] = [
      { kind: 'heading', text: `${rank}. ${candidate.entry.question} (${notes.join(', ')})` },
      { kind: 'markdown', markdown: candidate.entry.answer },
    ];
    if (candidate.why.length > 0) blocks.push({ kind: 'text', muted: true, text: `Why: ${oneLine(candidate.why.join('; '), 500)}` });
    return blocks;
  };
  return [
    { kind: 'heading', text: 'Candidate answers, best first (ready to paste)' },
    ...considered.flatMap((candidate, i) => entry(candidate, i + 1)),
  ];
}

function originalNote(input: EscalationInput, attached: string | undefined): Block[] {
  const { message, raw, config, storedAt } = input;
  const blocks: Block[] = [{ kind: 'heading', text: 'The original message' }];
  if (attached) {
    blocks.push({ kind: 'text', text: `Attached as ${attached} (${size(raw.length)}).` });
    return blocks;
  }
  const where = storedAt ? `It is stored at ${oneLine(storedAt, 500)}.` : 'Its stored location was not given.';
  blocks.push({ kind: 'text', text: `The original (${size(raw.length)}) is larger than the attachment limit of ${size(config.maxAttachmentBytes)} and is not attached. ${where}` });
  if (message && message.attachments.length > 0) {
    const listed = message.attachments.slice(0, MAX_LISTED_ATTACHMENTS).map((a) => `${oneLine(a.filename, 120) || '(unnamed)'} (${oneLine(a.contentType, 80)}, ${size(a.size)})`);
    const more = message.attachments.length - listed.length;
    blocks.push({ kind: 'text', text: `Its attachments:` }, { kind: 'list', items: more > 0 ? [...listed, `… and ${more} more`] : listed });
  }
  return blocks;
}

/**
 * The hand-over to staff: why, who, what they asked, the best FAQ answers to paste from,
 * and the original itself (or where to find it when it is too large for the SES raw send).
 */
export async function composeEscalation(input: EscalationInput): Promise<OutboundMail> {
  const { message, raw, decision, config } = input;
  const subject = subjectOf(input);
  const fits = raw.length <= config.maxAttachmentBytes;
  const filename = originalFilename(message?.subject);
  const blocks: Block[] = [
    ...(input.proposal ?? [{ kind: 'text', text: 'faqmail handed this message to a person.' } as Block]),
    ...situation(input),
    ...(message ? [{ kind: 'heading', text: 'Message' } as Block, summary(message), ...asked(message), ...candidates(decision)] : []),
    ...originalNote(input, fits ? filename : undefined),
    ...verdictFooter(config),
  ];
  return buildMail({
    kind: 'escalation',
    from: { name: config.inboxName, address: config.inboxAddress },
    to: config.staffAddresses.map((address) => ({ name: '', address })),
    replyTo: message ? writerAddresses(message) : undefined,
    subject,
    threading: message ? threadingFor(message) : { references: [] },
    headers: {
      'Auto-Submitted': 'auto-generated',
      'X-Auto-Response-Suppress': 'OOF, AutoReply',
    },
    text: blocksToText(blocks),
    html: blocksToHtml(blocks, subject),
    attachments: fits ? [originalAttachment(raw, filename, message !== undefined)] : [],
  });
}
