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

/** Whether any form of the entry (question, Also asked, Keywords, answer) gives a quantity or a limit. */
export const givesFigure = saidByEntry(SAYS_QUANTITY);

/**
 * "Is Okta deprecating WS-Federation?", "Is WS-Fed going away?", "Will you retire the SWA template?", "How long does
 * the OIN Manager keep our old submissions?", "Where is our submission data stored?": an ask whose head is the thing's
 * lifetime or its keeping (an end of life or of support, a retention, an erasure, where data is held) asks what happens
 * to the thing over time, which an entry telling how to use or submit it does not settle (eolfix fix round). "How long
 * does the review take?" or "How long do you keep our app in review?" is a duration, not a keeping of data: not one.
 */
const LIFETIME_ASK =
  /\b(?:deprecat\w*|going away|end[- ]of[- ](?:life|support|sale)|sunset(?:ting|ted)?|retir(?:e|es|ed|ing)|discontinu\w*|phas(?:e|ed|ing) out|retention|retain\w*|eras(?:e|ed|ing|ure)|purg(?:e|ed|ing)|(?:data )?residency|how long\b[^?.!]*\b(?:keep|store|retain|hold(?: on to)?)\s+(?:\w+\s+){0,3}?(?:data|records?|submissions?|files?|logs?|screenshots?|accounts?|credentials|passwords?|information|details|materials?|cop(?:y|ies)|backups?|history|messages|e-?mails|attachments?|documents?|uploads?)|where\b[^?.!]*\b(?:is|are|will|do|does)\b[^?.!]*\b(?:stored|kept|held|hosted))\b/i;

/**
 * "We are retiring our old password login page, so ...", "We're deprecating our reporting API": the writer's own thing
 * ending is the writer's news, not an ask about the lifetime of Okta's thing.
 */
const WRITER_DOES =
  /\b(?:we|i)(?:'re|'m|'ll|'ve|\s+(?:are|am|will|have|had|were|was|plan to|want to|need to|intend to))?(?:\s+\w+ly)?\s+$/i;

export function asksLifetime(sentence: string): boolean {
  const found = LIFETIME_ASK.exec(sentence);
  return found !== null && !WRITER_DOES.test(sentence.slice(0, found.index));
}

/** A text speaks of a thing's lifetime or keeping: its end of support, its retention, erasure or storage. */
const SAYS_LIFETIME =
  /\b(?:deprecat\w*|going away|end[- ]of[- ](?:life|support|sale)|sunset\w*|retir\w*|discontinu\w*|phas\w* out|no longer supported|retention|retain\w*|eras\w*|purg\w*|delet\w*|residency|stor(?:e|es|ed|ing|age)|keeps?|kept)\b/i;

/** Whether any form of the entry speaks of a lifetime, retention or storage. */
export const speaksOfLifetime = saidByEntry(SAYS_LIFETIME);

/** A test of whether any form of an entry (question, Also asked, Keywords, answer) says what `pattern` finds, read once per entry. */
function saidByEntry(pattern: RegExp): (entry: FaqEntry) => boolean {
  const said = new WeakMap<FaqEntry, boolean>();
  return (entry) => {
    let found = said.get(entry);
    if (found === undefined) {
      found = pattern.test([entry.question, ...entry.phrasings, ...entry.keywords, entry.answer].join('\n'));
      said.set(entry, found);
    }
    return found;
  };
}
