/** The footer of every staff mail: how to tell faqmail whether it did right (lambda/verdicts). */
import type { Config } from '../config';
import { SUBJECT_LIMIT } from '../mail/parse';
import { withoutReplyPrefixes } from '../mail/subject-prefixes';
import { oneLine } from '../one-line';
import { VERDICT_WORDS } from '../verdicts/parse-verdict';
import { verdictRefLine } from '../verdicts/verdict-ref';
import type { Block } from './blocks';
import { mailtoUri } from './mailto';
import { withoutStaffMailPrefixes } from './subject';

/** What a staff mail is about, for its verdict links: the inbound id its decision is recorded under, and the writer's subject. */
interface VerdictAbout {
  inboundId: string;
  subject?: string;
}

/** A verdict word and what it means, as staff read them. */
const described = ([form, meaning]: readonly [string, string]) => `${form} — ${meaning}`;

/** How much of the writer's subject the verdict mail's subject repeats: enough to recognise it in a sent folder. */
const SUBJECT_CHARS = 120;

/**
 * One link per verdict word, each a new mail to the inbox alone (never the writer, whom the staff
 * mail's Reply-To names): the word on the first line of its body (for a word that names an entry,
 * the part before the name, for staff to complete), then the reference to the message.
 */
function verdictLinks(config: Config, about: VerdictAbout): Block {
  const whole = withoutStaffMailPrefixes(oneLine(about.subject ?? '', SUBJECT_LIMIT), config.escalationTag);
  const topic = oneLine(withoutReplyPrefixes(whole), SUBJECT_CHARS);
  const subject = `Verdict: ${topic || `message ${about.inboundId}`}`;
  return {
    kind: 'links',
    items: VERDICT_WORDS.map(([form, meaning]) => {
      const word = form.replace(/<[^>]*>$/, '');
      const body = `${word}\n\n${verdictRefLine(about.inboundId)}\n`;
      return [described([form, meaning]), mailtoUri(config.inboxAddress, { subject, body })];
    }),
  };
}

/**
 * The reply route: the only one before the links, kept for staff used to it and for mail without links.
 * `writerInReplyTo`: whether the staff mail's Reply-To names the writer; without one, Reply goes to its From, the inbox.
 */
function replyRoute(config: Config, lead: string, writerInReplyTo: boolean): Block[] {
  const recipient = writerInReplyTo
    ? 'Reply goes to the writer: change the recipient'
    : 'Reply already goes there: this mail has no Reply-To';
  return [
    {
      kind: 'text',
      muted: true,
      text:
        `${lead} this mail, addressed to ${config.inboxAddress} only (${recipient}), ` +
        'with one of these on the first line. faqmail records it and sends nothing to anyone.',
    },
    { kind: 'list', items: VERDICT_WORDS.map(described) },
  ];
}

/**
 * With `about`, the verdict links first, then the reply; without (a mail composed outside the
 * handler, which knows no inbound id), the reply alone. `writerInReplyTo`: see `replyRoute`.
 */
export function verdictFooter(config: Config, about: VerdictAbout | undefined, writerInReplyTo: boolean): Block[] {
  const heading: Block = { kind: 'heading', text: 'Tell faqmail how it did' };
  if (!about) return [heading, ...replyRoute(config, 'Reply to', writerInReplyTo)];
  return [
    heading,
    {
      kind: 'text',
      muted: true,
      text:
        `Open one of these and send it: it goes to ${config.inboxAddress} only, with the verdict on its first line and a ` +
        'faqmail-ref line saying which message it is about (keep that line). After "wrong:" or "should answer:", add the ' +
        'entry key or question. faqmail records it and sends nothing to anyone.',
    },
    verdictLinks(config, about),
    ...replyRoute(config, 'Or reply to', writerInReplyTo),
  ];
}
