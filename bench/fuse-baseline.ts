/**
 * The baseline faqmail's matcher is measured against: fuse.js used as its documentation
 * shows — the FAQ's questions and answers as keys, searched with the subject and text of
 * the message, default threshold (0.6), the top hit taken as the answer.
 */
import Fuse from 'fuse.js';
import type { Faq, FaqEntry, ScoredAnswer } from '../lambda/domain';
import type { Inquiry } from '../lambda/match';

export type FuseBaseline = Fuse<FaqEntry>;

export function buildFuseBaseline(faq: Faq): FuseBaseline {
  return new Fuse(faq.entries, { keys: ['question', 'answer'], includeScore: true });
}

export function matchFuseBaseline(fuse: FuseBaseline, inquiry: Inquiry): ScoredAnswer[] {
  const [top] = fuse.search(`${inquiry.subject} ${inquiry.newText}`);
  return top ? [{ entry: top.item, score: 1 - (top.score ?? 1), why: [`fuse.js score ${top.score}`] }] : [];
}
