/**
 * The readings that need the name writers call the FAQ's owner by (`owner:` in the front matter of content/faq.md,
 * "Okta" for ours): "Hi Okta team, ..." addresses us, "can you send this to Okta?" in a forward asks us nothing. Compiled
 * once when the index is built (entry-index.ts), and passed to the readers as the hand-over cues are. An FAQ with no
 * owner gets none of them: without a name, no sentence is read as turning to us by it.
 */
import { escapePattern } from '../escape-pattern';
import { gratefulIf } from './grateful';
import { wordsOf } from './words';

export interface OwnerReadings {
  /** The owner's name as hand-over cues read text (cueText: lowercase words, single spaces), for NOT_OWN_TRADE. */
  cueName: string;
  /** "Okta team: ...", "Hi Okta, ...": the writer turns back to us. */
  addressesUs: RegExp;
  /** "In the meantime, Okta team: ...", "And Okta folks, ...": the writer turns to us by name inside the mail. */
  turnsToUs: RegExp;
  /** "Okta team, can you ...": a name opening a sentence before a comma that is us, no one else (NOT_ADDRESSEE). */
  opensAsUs: RegExp;
  /** "We would be obliged if Okta could advise whether ...": the formal letter's request, put to us by name. */
  gratefulIfUs: RegExp;
  /**
   * In forwarded mail, a request to its recipient to take the matter to us ("Elise, can you send this to Okta's developer
   * team?", "Grace, you have the Okta contact, right?", "can you ask Okta?"): the forward we read does what it asks, so it
   * asks nothing of us. Only a request ending the sentence counts: "can you ask Okta whether SLO works?" still asks.
   */
  passToUs: RegExp;
  /**
   * What names the owner or its own programmes and products, as term keys: the owner's name and each of `ownerTerms` in
   * the front matter ("Okta Integration Network", the OIN for ours), each a list of keys all said together. An entry
   * whose best form says one is about the owner's own thing, so a question about another vendor's one is not its matter
   * (score.ts). Empty where no reading of terms was given (the content checks, which need only the name).
   */
  ownTerms: ReadonlyArray<readonly string[]>;
  /**
   * "it has nothing to do with Okta", "Okta is not involved at all": the writer says the owner plays no part in what they
   * describe, so what they ask about it is their own thing, not the owner's (score.ts).
   */
  notInvolved: RegExp;
}

/**
 * The owner's readings, or undefined for an FAQ that names no owner. `name`: as the front matter gives it ("Okta");
 * `terms`: its `ownerTerms`; `keysOf`: how the FAQ reads a text into term keys (entry-index.ts gives its vocabulary's).
 */
export function compileOwner(
  name: string | undefined,
  terms: readonly string[] = [],
  keysOf?: (text: string) => string[],
): OwnerReadings | undefined {
  if (name === undefined) return undefined;
  // "Acme  Corp" in the front matter matches "Acme Corp" in mail.
  const us = name
    .trim()
    .split(/\s+/)
    .map(escapePattern)
    .join(String.raw`\s+`);
  return {
    cueName: wordsOf(name)
      .map((w) => escapePattern(w.lower))
      .join(' '),
    addressesUs: new RegExp(String.raw`^(?:(?:hey|hi|hello|dear)\s+)?${us}\b`, 'i'),
    turnsToUs: new RegExp(
      String.raw`(?:^|[,;]\s*)(?:(?:and|so|now|also)\s+)?(?:(?:hey|hi|hello|dear)\s+)?${us}\s+(?:team|folks|people)\s*[:,]`,
      'i',
    ),
    opensAsUs: new RegExp(String.raw`^${us}\b`, 'i'),
    gratefulIfUs: gratefulIf(us),
    passToUs: new RegExp(
      String.raw`(?:\b(?:send|forward|pass|take|ask|run)\s+(?:(?:this|it|that|them)\s+)?(?:(?:on|over|by)\s+)?(?:to\s+|with\s+)?${us}(?:'s)?(?:\s+[a-z]+){0,2}|` +
        String.raw`\b(?:have|has|know)\s+(?:\w+\s+){0,2}${us} contacts?(?:,?\s+right)?)\s*[?.!]*$`,
      'i',
    ),
    notInvolved: new RegExp(
      String.raw`\b(?:${us}\s+(?:(?:is|was)\s+not|isn['’]t|wasn['’]t)\s+(?:involved|part\s+of\s+(?:it|this|that))|nothing\s+to\s+do\s+with\s+${us})\b`,
      'i',
    ),
    ownTerms: keysOf ? [name, ...terms].map(keysOf).filter((keys) => keys.length > 0) : [],
  };
}
