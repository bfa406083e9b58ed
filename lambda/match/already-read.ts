/**
 * Sentences in which the writer says they have read one of our FAQ's entries, or quotes what it
 * says ("Your FAQ says the session timeout is global.", "I read the single logout entry but it
 * doesn't cover ...", "The WS-Fed entry says the template app ..."). What they ask next is what
 * that entry left open: sending it back answers nothing (evidence.ts finds the entry, judge.ts does
 * not send it). A question ("Does the FAQ say ...?") is not such a sentence, nor one that only says
 * an entry covers something ("I know the FAQ covers this, but to be sure: ..."), which asks it again.
 */

/** Written for our FAQ: its entries, its answers, the FAQ itself. */
const OUR_TEXT = String.raw`(?:faq|faqs|entry|answer)`;

const ALREADY_READ = new RegExp(
  // "Your FAQ says", "The WS-Fed entry says", "Your answer on whether we need to contact Okta first says",
  // "the single logout entry in your FAQ ... doesn't cover"
  String.raw`\b(?:your|the|that|this)\s+(?:[\w-]+\s+){0,4}?${OUR_TEXT}\b[^.?!;]{0,80}?\b(?:says|said|states|stated|` +
    String.raw`mentions|mentioned|tells|told|recommends|explains|notes|doesn'?t|does not|didn'?t|did not)\b` +
    // "I read the AD integration answer", "We've read your answer about ...", "I had already read that entry"
    String.raw`|\b(?:i|we)(?:'ve|'d| have| had)?\s+(?:already\s+|just\s+|also\s+)?read\s+(?:(?:[\w-]+\s+){0,6}?${OUR_TEXT}\b|` +
    // "I read in your FAQ that ...". Not a bare "I read that ...": read anywhere ("I read that Okta lets ISVs join the
    // OIN. Where can I sign up?"), it says nothing of our entries.
    String.raw`in (?:your|the) ${OUR_TEXT}\b)`,
  'i',
);

/** Words that name our FAQ rather than a topic of it: left out when finding which entry was read. */
export const NAMES_OUR_TEXT = /^(?:faq|faqs|entry|entries|answer|answers)$/i;

export function saysAlreadyRead(sentence: string): boolean {
  return ALREADY_READ.test(sentence);
}
