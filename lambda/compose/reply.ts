import type { Config } from '../config';
import type { Address, InboundMessage, OutboundMail, ScoredAnswer } from '../domain';
import { ANSWER_HEADER, answerMark } from '../mail/answer-mark';
import { blocksToHtml, blocksToText, type Block } from './blocks';
import { firstName } from './greeting';
import { oneLine } from '../one-line';
import { questionText } from './markdown';
import { buildMail } from './mime';
import { replySubject } from './subject';
import { threadingFor } from './threading';

/** How much of each sentence a person will take is quoted back to the writer: enough to recognise it. */
const QUOTED_LENGTH = 160;

/**
 * The writer's sentences a person will take, as the reply quotes them (blocks escape them in HTML):
 * the hand-over repeats them, so that staff answer what the writer was told they would.
 */
export function personTakesQuoted(personTakes: readonly string[]): Block[] {
  return personTakes.map((part): Block => ({ kind: 'quote', text: oneLine(part, QUOTED_LENGTH) }));
}

/** "A person will answer this part": the writer's own sentences, quoted briefly. */
function personPart(personTakes: readonly string[]): Block[] {
  if (personTakes.length === 0) return [];
  const intro = `A person on our team will answer ${personTakes.length === 1 ? 'this part' : 'these parts'} of your message:`;
  return [{ kind: 'text', text: intro }, ...personTakesQuoted(personTakes)];
}

/** The reply's body; also what a shadow proposal shows staff (./shadow-proposal). */
export function replyBody(
  message: InboundMessage,
  to: Address,
  answers: ScoredAnswer[],
  config: Config,
  personTakes: readonly string[] = [],
): Block[] {
  // The name on the address the answer goes to: a Reply-To that was not honoured names nobody here.
  const name = firstName(to.name || message.from?.name || '', to.address);
  const several = answers.length > 1;
  return [
    { kind: 'text', text: name ? `Hello ${name},` : 'Hello,' },
    { kind: 'text', text: `Thank you for your message. Our FAQ has ${several ? 'answers' : 'an answer'} that should help:` },
    ...answers.flatMap((answer): Block[] => [
      { kind: 'heading', text: questionText(answer.entry.question) },
      { kind: 'markdown', markdown: answer.entry.answer },
    ]),
    ...personPart(personTakes),
    { kind: 'text', text: `Kind regards,\n${config.inboxName}` },
    {
      kind: 'text',
      muted: true,
      text: `This answer was chosen automatically from our FAQ. A person on our team reads every reply to this message, so if your question is still open, write back and one of us will answer.`,
    },
    { kind: 'text', muted: true, text: answerMark() },
  ];
}

export function replySubjectFor(message: InboundMessage, config: Config): string {
  return replySubject(message.subject, `Your message to ${config.inboxName}`);
}

/**
 * The automatic answer to a writer: each FAQ answer under its question, threaded to their
 * message and marked as automatic so that no responder answers it in turn (RFC 3834). `to` is
 * the address the decision chose (see `answerAddress`). When a person takes part of the mail
 * (`personTakes`), the reply says which part.
 */
export async function composeReply(
  message: InboundMessage,
  to: Address,
  answers: ScoredAnswer[],
  config: Config,
  personTakes: readonly string[] = [],
): Promise<OutboundMail> {
  if (answers.length === 0)
    throw new Error(`Cannot compose a reply to ${message.messageId ?? 'a message without Message-ID'}: no answers were given.`);
  const subject = replySubjectFor(message, config);
  const blocks = replyBody(message, to, answers, config, personTakes);
  return buildMail({
    kind: 'reply',
    from: { name: config.inboxName, address: config.inboxAddress },
    to: [to],
    subject,
    threading: threadingFor(message),
    headers: {
      'Auto-Submitted': 'auto-replied',
      // Exchange and Outlook send no out-of-office or other automatic reply to this message.
      'X-Auto-Response-Suppress': 'OOF, AutoReply',
      [ANSWER_HEADER]: answers.map((answer) => answer.entry.id).join(', '),
    },
    text: blocksToText(blocks),
    html: blocksToHtml(blocks, subject),
  });
}
