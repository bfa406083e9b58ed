/**
 * Asks that no FAQ entry settles however well its words fit: a limit asked of an entry that gives no figure, and who did
 * a past thing. The judge neither sends an entry for them nor counts an entry sent for another question as answering
 * them, so a person answers them.
 */
import type { FaqEntry } from '../domain';

/**
 * "Is there a cap on how many subdomains one app can serve?", "Is there a maximum number of groups?", "Up to how many users
 * can we add?", "How many sessions can a user have open?": an ask whose head is a limit asks for a figure, not how to do a
 * thing (limitfix fix round).
 */
const LIMIT_ASK =
  /\b(?:(?:is|are) there|what(?:'s| is| are)(?: the)?|any)\s+(?:an?\s+|any\s+)?(?:upper\s+)?(?:limits?|caps?|maximum|max|quotas?|ceiling)\b|\bup to how many\b|\bhow many\b[^?.!]*\b(?:can|could|may|are allowed|is allowed)\b/i;

export function asksLimit(sentence: string): boolean {
  return LIMIT_ASK.test(sentence);
}

/**
 * "Who edited it, and why?", "Who at Okta signed off on our integration before we started building?", "Who replaced it?":
 * a question opening on who did a thing in the past asks about an event that happened, which a person looks up; no how-to
 * entry in the same words ("How do we update our listing?", "Do we need Okta's sign-off before we start?") tells who did
 * it (nearmonth11 probe round). A present or future "who" ("Who reviews ...?", "Who should we contact?") is not one.
 */
const PAST_DOER =
  /^(?:(?:and|so|but|also|then),?\s+)?who(?:\s+(?:at|from|on|in)\s+(?:okta|your\s+(?:side|end|team)|the\s+\w+\s+team))?\s+(?:[a-z]{2,}ed|made|did|gave|took|sent|put|wrote|chose|told|let|set|swapped|broke|threw|pulled)\b/i;

export function asksPastDoer(sentence: string): boolean {
  return PAST_DOER.test(sentence.trim());
}

/**
 * A text speaks of a quantity or a limit with a limit word, a number word, or a figure with a unit ("two weeks", "up to
 * 10 apps", "no limit"). A version ("SAML 2.0") is no quantity.
 */
const SAYS_QUANTITY =
  /\b(?:limits?|limited|unlimited|maximum|minimum|max|quotas?|caps?|capped|at most|up to|how often|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|hundred|thousand|dozens?|(?<!\d\.)\d+\s*(?:seconds?|minutes?|hours?|days?|weeks?|months?|years?|times?|users?|apps?|groups?|sessions?|requests?|%|percent))\b/i;

const figureGiven = new WeakMap<FaqEntry, boolean>();

/** Whether any form of the entry (question, Also asked, Keywords, answer) speaks of a quantity or a limit. */
export function givesFigure(entry: FaqEntry): boolean {
  let said = figureGiven.get(entry);
  if (said === undefined) {
    said = SAYS_QUANTITY.test([entry.question, ...entry.phrasings, ...entry.keywords, entry.answer].join('\n'));
    figureGiven.set(entry, said);
  }
  return said;
}
