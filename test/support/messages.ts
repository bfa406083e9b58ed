/** Hand-built domain values for tests: sensible defaults, any field overridable. */
import { loadConfig, type Config } from '../../lambda/config';
import { answerAddress } from '../../lambda/mail/writer';
import type { Address, AnswerDecision, FaqEntry, InboundMessage, NoAnswerDecision, Receipt, ScoredAnswer } from '../../lambda/domain';

export function address(address: string, name = ''): Address {
  return { name, address };
}

export function inboundMessage(overrides: Partial<InboundMessage> = {}): InboundMessage {
  const text = overrides.text ?? overrides.newText ?? 'Where do I sign up for an OIN developer account?';
  return {
    messageId: '<question-1@mail.example.net>',
    from: address('marco@quaderno.example', 'Marco Bellini'),
    replyTo: [],
    returnPath: 'marco@quaderno.example',
    to: [address('developers@example.com')],
    cc: [],
    subject: 'Signing up for OIN',
    date: new Date('2024-04-09T16:22:27Z'),
    references: [],
    headers: new Map(),
    contentType: 'text/plain',
    partTypes: ['text/plain'],
    text,
    newText: text,
    quotedText: '',
    forwardedText: '',
    links: [],
    attachments: [],
    size: 2048,
    ...overrides,
  };
}

export function faqEntry(overrides: Partial<FaqEntry> = {}): FaqEntry {
  return {
    id: 'where-can-i-sign-up-to-join-the-oin',
    question: 'Where can I sign up to join the Okta Integration Network (OIN)?',
    answer: 'Sign up for an [OIN Developer account](https://developer.okta.com/signup/).',
    section: ['OIN General Questions'],
    phrasings: [],
    keywords: [],
    source: { file: 'content/faq.md', line: 8 },
    ...overrides,
  };
}

export function scored(entry: FaqEntry, score = 0.9, why: string[] = []): ScoredAnswer {
  return { entry, score, why };
}

export function decision(overrides: Partial<NoAnswerDecision> = {}): NoAnswerDecision {
  return {
    kind: 'escalate',
    candidates: [],
    rule: 'no-match',
    reason: 'No FAQ entry answers the message confidently.',
    ...overrides,
  };
}

/** An automatic answer to the default message's writer. */
export function answerDecision(overrides: Partial<AnswerDecision> & Pick<AnswerDecision, 'answers'>): AnswerDecision {
  return {
    kind: 'answer',
    answerTo: address('marco@quaderno.example', 'Marco Bellini'),
    candidates: overrides.answers,
    rule: 'matched',
    reason: 'Answered.',
    ...overrides,
  };
}

/** The default settings (the eval sets' addresses), with overrides. */
export function testConfig(overrides: Partial<Config> = {}): Config {
  return { ...loadConfig({}), ...overrides };
}

/** What SES says of mail that passes every check, delivered to the inbox. */
export function passingReceipt(overrides: Partial<Receipt> = {}): Receipt {
  return { recipients: ['developers@example.com'], spam: 'PASS', virus: 'PASS', spf: 'PASS', dkim: 'PASS', dmarc: 'PASS', ...overrides };
}

/** Where the decision sends the answer to `message` when every check passes. */
export function answerTo(message: InboundMessage): Address {
  const chosen = answerAddress(message, passingReceipt());
  if (!chosen.to) throw new Error(chosen.reason);
  return chosen.to;
}

/** The sentence of `ANSWERED_IN_PART` no entry answers: a second question joined on with "And". */
export const OPEN_SENTENCE =
  'And if some customers use a different login company altogether, would the work we do for Okta still be useful for them?';

/** Two questions in one paragraph: the AD entry answers the first; the second, joined on with "And", is left to a person. */
export const ANSWERED_IN_PART = {
  subject: 'two questions from sales',
  newText:
    'Our sales engineers have two questions. We sell to companies that run Active Directory on their own servers - ' +
    `can we hook into that through Okta? ${OPEN_SENTENCE}`,
};
