/** The footer of every staff mail: how to tell faqmail whether it did right (lambda/verdicts). */
import type { Config } from '../config';
import { VERDICT_WORDS } from '../verdicts/parse-verdict';
import type { Block } from './blocks';

export function verdictFooter(config: Config): Block[] {
  return [
    { kind: 'heading', text: 'Tell faqmail how it did' },
    {
      kind: 'text',
      muted: true,
      text:
        `Reply to this mail, addressed to ${config.inboxAddress} only (Reply goes to the writer: change the recipient), ` +
        'with one of these on the first line. faqmail records it and sends nothing to anyone.',
    },
    { kind: 'list', items: VERDICT_WORDS.map(([form, meaning]) => `${form} — ${meaning}`) },
  ];
}
