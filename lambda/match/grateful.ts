/**
 * The formal letter's request put as gratitude for being told ("We should be grateful if you would advise whether ...").
 * A module of its own because both the request reader (sentences.ts) and the owner's readings (owner.ts) build it, and
 * sentences.ts reads the owner's: kept here, neither imports the other's module for it.
 */
/** "be most grateful", "am very obliged", "remain truly thankful": the formal letter's gratitude, before its adjective. */
export const BE_THANKFUL = String.raw`\b(?:be|am|are|remain) (?:(?:most|very|much|extremely|greatly|truly|sincerely|most sincerely) )?`;
/**
 * "We should be grateful if you would advise whether ...", "We would be obliged if you could kindly confirm ...", "I should
 * be greatly obliged if you would direct me to some material ..." (plainmonth13 p03): a request of gratitude for being
 * told or directed, `whom` (a pattern) asked; also opening the sentence with "I'd be" left out, as notes do
 * ("Grateful if someone could tell me what ...": indirect8 probe round; a plainly general reading of English).
 * sentences.ts asks it of the reader, owner.ts of the FAQ owner by name.
 */
export function gratefulIf(whom: string): RegExp {
  return new RegExp(
    String.raw`(?:${BE_THANKFUL}|^\W*)(?:grateful|` +
      String.raw`obliged|thankful|appreciative) (?:if|should|were) (?:${whom})(?: (?:would|could|` +
      String.raw`can|will|might|were to))?(?: (?:kindly|please|be so kind as to))? (?:advise|confirm|clarify|explain|describe|` +
      String.raw`tell|let (?:me|us) know|inform|indicate|set out|outline|specify|state|direct (?:me|us) to|` +
      String.raw`point (?:me|us) (?:to|towards))\b`,
    'i',
  );
}
