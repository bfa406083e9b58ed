/**
 * Words that say nothing about which FAQ entry is meant. Two tables: English function
 * words, and the filler of questions in mail ("quick question", "is it possible",
 * "any help appreciated") that every inquiry shares whatever it asks.
 */

export const FUNCTION_WORDS: ReadonlySet<string> = new Set(
  `a about above after again against all am an and any anyone anything are as at be been before being below
  between both but by can cannot could did do does doing done down during each either else etc even ever every
  few for from further had has have having he her here hers herself him himself his how however i if in into is
  instead it its itself let me more most much must my myself no nor not now of off on once only or other others otherwise
  our ours ourselves out over own per same she should so some such than that the their theirs them themselves
  then there these they this those through thus to too under until up upon us very via was we were what whatever
  when whenever where whereas wherever whether which while who whom whose why will with within without would yet
  you your yours yourself yourselves dont doesnt didnt cant couldnt wont wouldnt shouldnt isnt arent wasnt werent
  havent hasnt hadnt im ive id ill youre youve weve were wed well theyre theyve thats theres whats hows wheres
  whos heres hes shes lets whens whys ur till
  shall may might also just still already really actually maybe perhaps rather please thanks thank hi hello hey dear
  regards best cheers sincerely kind kindly ok okay yes yeah e g eg ie i.e vs`.split(/\s+/),
);

const FILLER_WORDS: ReadonlySet<string> = new Set(
  `question questions ask asked asking answer answers help helps helping know knowing wonder wondering want wants
  wanted like need needs needed possible possibly way ways thing things something anything everything nothing
  idea ideas sure quick quickly right correct proper properly better good great fine currently today now soon
  somewhere anywhere able mandatory compulsory obligatory necessary
  appreciate appreciated advance advice advise let tell explain understand clarify clarification confirm
  information info details detail regarding re fwd fw aw team folks guys everyone somebody someone
  okay hope doing well look looks looking go going get gets getting got make makes making made say said says
  see seen one two three four five second third lot lots bit little much many
  thx thnx tnx ty tia pls plz qs asap btw fyi trying tried figure figuring confused
  curious unclear shed light sound sounds understood understanding steer gratefully`.split(/\s+/),
);

export const STOP_WORDS: ReadonlySet<string> = new Set([...FUNCTION_WORDS, ...FILLER_WORDS]);

/** A stop word, a number, or a single letter. */
export function isStopWord(lower: string): boolean {
  if (lower.length < 2 || STOP_WORDS.has(lower)) return true;
  const first = lower.charCodeAt(0);
  return first >= 48 && first <= 57 && /^\d+$/.test(lower);
}
