/**
 * In shadow mode nothing goes to writers; staff get every message that would be answered or
 * handed over (ignored mail stays ignored), and for one faqmail would have answered, the staff
 * mail opens with the reply it would have sent: to whom, under which subject, which entries at
 * what score, and the reply itself, rendered by the same code that renders real replies (./reply).
 */
import type { Config } from '../config';
import type { Address, InboundMessage, ScoredAnswer } from '../domain';
import type { Block } from './blocks';
import { questionText } from './markdown';
import { replyBody, replySubjectFor } from './reply';
import { formatAddress } from '../mail/writer';

export const NOTHING_SENT = 'faqmail would have sent this — nothing was sent.';

/** `to` is the address the decision would have answered (see `answerAddress`). */
export function shadowProposal(
  message: InboundMessage,
  to: Address,
  answers: readonly ScoredAnswer[],
  config: Config,
  personTakes: readonly string[] = [],
): Block[] {
  const entries = answers.map((answer) => `${questionText(answer.entry.question)} (${answer.entry.id}, score ${answer.score.toFixed(2)})`);
  return [
    { kind: 'heading', text: NOTHING_SENT },
    {
      kind: 'text',
      text:
        'faqmail runs in shadow mode: it answers no one. Below is the reply it would have sent, exactly. ' +
        'Answer the writer yourself (where Reply goes: the line after the reply) and tell faqmail how it did (see the end of this mail).',
    },
    {
      kind: 'fields',
      rows: [
        ['To', formatAddress(to)],
        ['Subject', replySubjectFor(message, config)],
      ],
    },
    { kind: 'text', text: `Entries, best first:` },
    { kind: 'list', items: entries },
    { kind: 'heading', text: 'The reply faqmail would have sent' },
    ...replyBody(message, to, [...answers], config, personTakes),
    { kind: 'heading', text: 'End of the reply that was not sent' },
  ];
}
