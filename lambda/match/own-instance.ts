/**
 * Signs that a mail is about the writer's own instance (their org or tenant, their ticket,
 * an error they see, an incident in their system) rather than about how something works.
 * An FAQ answers how things work; mail about one instance usually needs someone to look
 * at it, even when it uses an entry's words. General English about software accounts,
 * not any one FAQ's vocabulary; a signal for the answer decision, not a hand-over by itself.
 */
import { anyOf } from '../any-of';

export interface OwnInstanceCue {
  /** Which kind of cue fired (a short name, stable for the decision model and reports). */
  cue: string;
  sentence: string;
}

const CUES: ReadonlyArray<{ cue: string; pattern: RegExp }> = [
  // "our Okta org", "in my tenant", "our production environment"
  {
    cue: 'their org',
    pattern: new RegExp(
      String.raw`\b(?:our|my)\s+(?:own\s+)?(?:[\w-]+\s+){0,2}(?:org|orgs|organi[sz]ation|tenant|instance|environment|` +
        String.raw`deployment|production|prod|account|subdomain|domain)\b(?!\s+(?:name|size|type))`,
      'i',
    ),
  },
  // "ticket #58214", "case 01234567", "our support case", "incident INC-1234"
  {
    cue: 'their ticket',
    pattern: new RegExp(
      String.raw`\b(?:ticket|case|incident|request|reference|ref)\s*(?:#|no\.?|number|` +
        String.raw`id)?\s*:?\s*[A-Z]{0,5}-?\d{3,}\b|\b(?:our|my|the|a)\s+(?:open\s+)?(?:support\s+)?(?:ticket|case)\b`,
      'i',
    ),
  },
  // "we are seeing", "I'm getting", "users keep receiving", with an error or a status after it;
  // not "where do I see the status", "how can we get the error codes": asking where or how to look
  {
    cue: 'an error they see',
    pattern: new RegExp(
      String.raw`(?<!\b(?:where|how)\s+(?:do|does|can|could|should|would|will)\s+)` +
        String.raw`\b(?:we|i|users?|customers?|admins?|they)(?:'re|'m| are| am| keep| have been|` +
        String.raw` started)?\s+(?:now\s+)?(?:seeing|getting|receiving|hitting|experiencing|get|see|got|` +
        String.raw`saw)\b[^.?!]{0,60}\b(?:error|errors|warning|failure|failed|exception|status|code|message|redirect|` +
        String.raw`loop|blank page|403|404|500|401)\b`,
      'i',
    ),
  },
  // "since yesterday", "as of this morning": a change at a moment in their system
  {
    cue: 'something that happened to them',
    pattern: new RegExp(
      String.raw`\b(?:since|as of|starting|from)\s+(?:yesterday|this morning|today|last (?:night|week|friday|monday)|` +
        String.raw`(?:mon|tues|wednes|thurs|fri|satur|sun)day)\b|\b(?:suddenly|all of a sudden|intermittently)\b`,
      'i',
    ),
  },
];

/** Most sentences hold no cue: one scan says so, and only a sentence that holds one is asked which. */
const ANY_CUE = anyOf(CUES.map(({ pattern }) => pattern));

export function findOwnInstance(sentence: string): OwnInstanceCue | undefined {
  if (!ANY_CUE.test(sentence)) return undefined;
  const found = CUES.find(({ pattern }) => pattern.test(sentence));
  return found && { cue: found.cue, sentence };
}
