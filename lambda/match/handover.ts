/**
 * Recognises what only a person can deal with, from the phrases staff list in
 * `content/handover.md` (see lambda/content/parse-handover.ts for their form).
 */
import type { HandoverKind, HandoverRule } from '../domain';
import type { OwnerReadings } from './owner';
import { remembered } from './remembered';
import { isStopWord } from './stopwords';
import {
  CONDITION_WORDS,
  EXISTS_GAP_WORDS,
  FIXED_GAP_WORDS,
  FOLLOWED_GAP_WORDS,
  GAP_WORDS,
  LABEL_WORDS,
  OFFER_WORDS,
  SUPPOSITION_WORDS,
} from './weights';
import { isCapitalised, wordsOf, type Word } from './words';

/** One word of the text the phrases are matched on (its words joined by single spaces): the guards below count gaps in these. */
const A_WORD = '(?: [a-z0-9_]+)';

export interface HandoverCue {
  reason: string;
  phrase: string;
  pattern: RegExp;
  /** The reason's kind (its `Kind:` line), if any. */
  kind?: HandoverKind;
  /**
   * What the text must hold for the pattern to match: for each part of the phrase, one of the
   * words its alternatives begin with (`prefix` when the alternative is one word ending in `*`;
   * a part that can match without a word of its own is left out). A text lacking one is not
   * tested, so most of the cues are never run, nor compiled, for a given message.
   */
  needs: Start[][];
}

interface Start {
  word: string;
  prefix: boolean;
}

/**
 * The cues, and which of them each word can begin, so that a sentence looks up its own few
 * words instead of asking every cue about them (113 cues × every sentence of every message).
 * Cues are named by their position in `list`, which is the order they are tried in.
 */
export interface HandoverCues {
  list: HandoverCue[];
  /** Word → the cues whose first needed part it can begin. */
  byWord: ReadonlyMap<string, readonly number[]>;
  /** The cues whose first needed word ends in `*`, by what a word must begin with. */
  byPrefix: ReadonlyArray<{ prefix: string; cues: readonly number[] }>;
  /** The cues that need no word of their own: always tried. */
  always: readonly number[];
}

export interface HandoverHit {
  reason: string;
  phrase: string;
}

/** A token's alternatives ("a/b", "word*"), as words. */
function alternativesOf(token: string): Array<{ words: string[]; prefix: boolean }> {
  return token.split('/').map((alternative) => ({
    words: wordsOf(alternative.replace(/\*$/, '')).map((w) => w.lower),
    prefix: alternative.endsWith('*'),
  }));
}

/** A part whose every alternative is stop words only (`the`, `can/could`, `please*`). */
function onlyStopWords(token: string): boolean {
  return alternativesOf(token).every(({ words }) => words.every(isStopWord));
}

/**
 * Whether a phrase can tell one mail from another: it has a part that is no stop word, or two
 * parts in a row, an idiom read in order ("look into", "we need you to"). Stop words one at a
 * time, or with `...` between ("the", "can ... you"), stand in nearly every mail.
 */
export function tellsApart(phrase: string): boolean {
  const tokens = phrase.split(/\s+/).filter(Boolean);
  if (tokens.some((token) => token !== '...' && !onlyStopWords(token))) return true;
  return tokens.some((token, i) => i > 0 && token !== '...' && tokens[i - 1] !== '...');
}

function wordPattern(token: string): string {
  return alternativesOf(token)
    .map(({ words, prefix }) => words.join(' ') + (prefix ? '[a-z0-9]*' : ''))
    .filter(Boolean)
    .join('|');
}

/**
 * The words a phrase's part can begin with in cueText's text: its first word exactly, or any
 * word it begins when the alternative is a single word ending in `*`. Empty when the part can
 * match without a word of its own (an alternative with no words).
 */
function startsOf(token: string): Start[] {
  const alternatives = alternativesOf(token).filter((a) => a.words.length > 0 || a.prefix);
  if (alternatives.some((a) => a.words.length === 0)) return [];
  return alternatives.map(({ words, prefix }) => ({ word: words[0], prefix: prefix && words.length === 1 }));
}

/**
 * A phrase the writer says is not so does not say it: "why fix what isn't broken", "there is no error", "nothing
 * broken", "we don't have any plans to use SWA" (the recency probe round's "any plans to", denied as "no plans" is).
 * Only a copula's "not", "don't have" and "no"/"nothing"/"without" deny what follows, and a count of none ("24 passed,
 * 0 failed", "zero errors"); "could not find out why" or "we can't log in" still ask, for there the negation is the
 * writer's trouble, not the denial of the phrase. "Almost" and "nearly" say it did not quite happen ("support tickets
 * have almost disappeared", good news told in a story).
 */
const NOT_DENIED =
  '(?<!(?:^| )(?:isnt|arent|wasnt|werent|(?:is|are|was|were) not|(?:dont|do not|doesnt|does not) have|no|nothing(?: is| was)?|without|0|zero|almost|nearly))';

/**
 * A thing the writer says they do not ask for is not asked: "we don't need a demo", "we don't want a call",
 * "I don't want to escalate this", "no need to hurry", "we're not asking for a discount", "without wanting to speed
 * anything up", "avoiding a meeting", "we'd rather not schedule a call", "don't worry about refunds", or takes back
 * ("please disregard my request for a call", selfcorrect probe round). The writer
 * declines the phrase that follows; "we do want a call" or "we need a demo" still ask. "Don't" alone declines too, for a
 * phrase that opens on the verb ("need ... demo" in "we don't need a demo"), and "we don't get any error" reports none.
 */
const NOT_DECLINED =
  '(?<!(?:^| )(?:(?:dont|do not)(?: really)?(?: (?:want|need|mean|worry about)(?: to)?)?|no need (?:to|for)(?: a| an| any)?|not asking (?:for|to)(?: a| an| any)?|(?:ignore|disregard) my|without wanting to|avoid(?:ing)?(?: a| an| any| the)?|rather not))';

/**
 * A thing the writer offers, leaving it to our choice, is not asked for: "happy to jump on a call if that's easier",
 * "glad to set up a meeting if it helps", "we're willing to get on a call if needed" close a mail that asks something
 * else, and an answer by email is what the offer defers to (closings probe round). The phrase follows "happy/glad/
 * willing/keen to" and its sentence ends on a condition of our convenience within OFFER_WORDS words. "We'd be happy to
 * book a call next week" and "could we jump on a call if that's easier?" still ask.
 */
const NOT_OFFERED = `(?!(?<=(?:^| )(?:happy|glad|willing|keen) to)${A_WORD}{1,${OFFER_WORDS}} if (?:(?:thats|that is|its|it is|that would be|it would be|thatd be|itd be) (?:easier|quicker|simpler|faster|better|helpful|useful|preferred|more convenient|more helpful)|(?:that|it) (?:helps|would help|is helpful|works better)|(?:easier|quicker|helpful|useful|needed|necessary|required|preferred)|you (?:prefer|like|want|wish|need))$)`;

/**
 * A phrase's `...` gap does not cross a word that declines or negates what follows: "we'd like to avoid a meeting",
 * "we would like not to have a call", "please never mind checking" ask for none of it.
 */
const NOT_DECLINING = '(?!(?:avoid|avoiding|not|never|dont|without)(?= |$))';

/**
 * A phrase's last word right after a `...` gap is not the time of something else: "questions we'd like answered before
 * the call", "a document we need after the meeting" ask for no call or meeting, which the writer has already; the word
 * is the object of "before", "after", "during", "ahead of" or "until", alone or with "the", "our", "your", "this",
 * "that", "next". "We'd like a call before the launch" and "could we book a meeting after the release?" still ask.
 */
const NOT_TIME_OF = '(?<!(?:^| )(?:before|after|during|ahead of|until)(?: (?:the|our|your|this|that|next))? )';

/**
 * A phrase the writer aims at themself says nothing about us: "frustrated with myself", "disappointed in ourselves",
 * "annoyed at myself for missing it" complain of no one here.
 */
const NOT_AT_SELF = '(?! (?:with|at|in) (?:myself|ourselves)(?= |$))';

/**
 * A phrase that names who asks, followed by the asking ("our legal team wants to know whether", "counsel asked if",
 * "our lawyer is wondering whether"), relays a question: the matter is what follows, which the cues read by itself.
 * "Our legal team needs to review the terms" still hands over.
 */
const NOT_RELAYING =
  '(?! (?:(?:wants?|wanted|would like|needs?|needed) to know|asks|asked|is asking|was asking|has asked|have asked|wonders|wondered|(?:is|was|are|were) wondering) (?:whether|if)(?= |$))';

/**
 * A request the writer will make of someone themself is not one made of us: "before I ask him to do any more work",
 * "I'll tell her to resend it", "we can remind him to sign" (plainmonth7 probe round). Read only for a phrase that opens
 * on a verb of asking someone else (`ask/tell/remind him/her to`) with the writer, "I" or "we", as its subject, alone or
 * after a modal; "could you ask him to get back to me?" still asks a person.
 */
const NOT_WRITERS_OWN_ASK =
  '(?<!(?:^| )(?:i|we|ill)(?: (?:will|would|can|could|should|shall|must|might|may|(?:have|need|want|am going|are going) to))?)';
const ASKS_SOMEONE_ELSE = /^(?:ask|tell|remind)(?:\/|$)/;

/**
 * The writer's apology for their own typing reports nothing in the docs: "sent from my phone, excuse typos", "sorry for
 * any typos, I'm on my phone", "please pardon the typos" (plainmonth8 probe round). Read only for a phrase that opens
 * on "typo", right after "excuse", "pardon", "forgive", "sorry for/about" or "apologies for", with "the", "any", "my"
 * or "all the" between; "there is a typo in the SAML guide" still suggests a change.
 */
const NOT_OWN_TYPO =
  '(?<!(?:^| )(?:excuse|pardon|forgive|ignore|sorry for|sorry about|apologies for|apologise for|apologize for)(?: (?:the|any|my|all the|all my))?)';
const OPENS_ON_TYPO = /^typo(?:\/|s?$)/;

/**
 * Sent back to the login screen after a time, or partway through something, is a session that ended, not a writer who
 * cannot get in: "staff keep being sent back to the login screen after a couple of hours", "thrown back to the login
 * screen after a while", "sent back to the sign-in screen in the middle of a lesson" (plainmonth9 probe round, with
 * plainmonth6's and plainmonth8's wordings). Read only after a phrase that opens on "back", with up to three words
 * between; "it keeps bouncing me back to the login page", "sends me back to the sign-in page again, over and over" and
 * "back to the sign-in page a couple of times a night" still hand over.
 */
const NOT_SESSION_END = `(?!${A_WORD}{0,3} (?:after (?:a while|a bit|some time|an hour|(?:a few|a couple of|a couple|several|one|two|three|four|five|six|eight|[0-9]+) (?:hours|minutes))|in the middle of|halfway through|partway through)(?= |$))`;
const OPENS_ON_BACK = /^back$/;

/**
 * "Licensing" before a kind of software names what the software does, not a licence anyone buys: "the integration of
 * its licensing application with Okta", "our licensing platform" (needfix round, formal p07). Read only for a phrase
 * that opens on "licence", "license" or "licensing", as a lookahead where the phrase begins; "licensing for our staff",
 * "how much is a licence?" and "a licence for our app" still raise a sales matter.
 */
const NOT_A_PRODUCT_KIND =
  '(?!(?:^| )licensing (?:application|applications|app|apps|system|systems|software|platform|platforms|module|modules|tool|tools|product|products|solution|solutions|portal|portals|service|services)(?= |$))';
const OPENS_ON_LICENCE = /^licen[cs]/;

/**
 * A wait on the writer's own organisation is no complaint about us: "we're still waiting on our internal security
 * sign-off", "still waiting for an internal approval" (needfix round, urgent p36). Read only for a phrase that opens on
 * "still", as a lookahead where the phrase begins; "we're still waiting on Okta", "still waiting for our review" and
 * "still waiting on the checking step" still complain.
 */
const NOT_OWN_WAIT = '(?!(?:^| )still waiting (?:on|for) (?:our|my|an|the) internal(?= |$))';
const OPENS_ON_STILL = /^still(?:\/|$)/;

/**
 * "Compare with" or "compare to" that ends the sentence leaves its preposition stranded: what is compared stands before
 * it, a thing the writer will hold their own work against ("is there a sample configuration guide we can compare
 * with?", "an example we could compare to", needfix2 round, devmonth4 p17), not two standards or products we are asked
 * to set side by side. "How does SWA compare with SAML?" and "how do they compare with each other" still hand over.
 */
const NOT_STRANDED = '(?!$)';
const OPENS_ON_COMPARE = /^compare\//;

/** Guards read only where a phrase that opens on a given word begins: (the opening word, its lookaround). */
const GUARDS_BY_OPENING: readonly (readonly [RegExp, string])[] = [
  [ASKS_SOMEONE_ELSE, NOT_WRITERS_OWN_ASK],
  [OPENS_ON_TYPO, NOT_OWN_TYPO],
  [OPENS_ON_LICENCE, NOT_A_PRODUCT_KIND],
  [OPENS_ON_STILL, NOT_OWN_WAIT],
];
/** Guards read only after a phrase that opens on a given word: (the opening word, what may not follow it). */
const GUARDS_AFTER_BY_OPENING: readonly (readonly [RegExp, string])[] = [
  [OPENS_ON_BACK, NOT_SESSION_END],
  [OPENS_ON_COMPARE, NOT_STRANDED],
];

/**
 * A matter the writer says is settled in its favour is not raised: "our legal team is happy with the terms", "our pen
 * test passed last week", "our counsel reviewed the contracts and is fine with it", "the assessment is done". The
 * phrase names the writer's own team or check, and what follows within a few words says it approved or passed: nothing
 * is asked of us. "Our legal team needs to review the terms", "our pen test failed", "the pen test report is attached"
 * still hand over; so does a fault reported as fixed ("the error was fixed but is back"), which this does not read.
 */
const NOT_SETTLED = `(?!${A_WORD}{0,5} (?:passed|approved|cleared|signed off|(?:is|are|was|were) (?:happy|fine|ok|okay|done|complete|completed|satisfied))(?= |$))`;

/**
 * A matter between the writer and their own customers is not one with us: "we bill our customers per seat", "we offer
 * our customers a discount" (the phrase right after "our customers"), "we want to book a demo with our customer", "a
 * call with our client's IT team" (the phrase followed by "with our customer"). "Our customers are getting an error",
 * "a call with your team" and "a licence per seat for our employees" still hand over.
 */
const NOT_THEIRS_BEFORE = '(?<!(?:^| )(?:our|my) (?:own )?(?:customers|clients)(?: a| an)?)';
const NOT_THEIRS_AFTER = '(?! with (?:our|my) (?:own )?(?:customer|customers|client|clients)(?= |$))';

/**
 * A matter the writer takes up inside their own organisation is not taken up with us: "before we escalate this
 * internally to our architects", "I will check internally first" (the writer, "we" or "I" within a few words before the
 * phrase, and "internally" within a few words after it; handdesc fix round, issue 8). "Could you escalate it
 * internally?", "we will escalate this to our Okta account manager" and "they asked us to escalate to Okta" still hand
 * over.
 */
const NOT_INTERNAL = `(?!(?<=(?:^| )(?:we|i|weve|ive|well|ill)(?: [a-z0-9_]+){0,6})${A_WORD}{0,3} internally(?= |$))`;

/**
 * "Our pricing", "our enterprise tier pricing": the pricing the writer sets for their own product, told as context
 * ("our pricing is per user, so every cost counts for us"), is no sales matter with us (handdesc fix round, issue 8).
 * Only a phrase that opens on "pricing" with "our" or "my" up to three words before it; "what is Okta's pricing per
 * user?", "the price per user for our staff" and "our cost per user" still hand over.
 */
const NOT_OUR_PRICING = '(?!(?<=(?:^| )(?:our|my)(?: [a-z0-9_]+){0,3}) pricing(?= |$))';

/**
 * "We resell software", "I resell a small invoicing tool to my clients", "the tool I resell": the writer's own trade,
 * told with "we" or "I" right before "resell", is no offer to resell Okta (handdesc fix round, issue 8). A question
 * ("can we resell listings?", a modal before "we") still asks, and so do "we would like to resell Okta", "we resell
 * Okta", "reselling", "a reseller" and "Licentiehuis resells SaaS subscriptions"; a name after "resell" (read as
 * "_", Okta or another product) keeps the phrase. `owner`: the FAQ owner's name as cueText reads it (owner.ts); without
 * one, only a capitalised name ("_") keeps it.
 */
function notOwnTrade(owner: string | undefined): string {
  const named = owner === undefined ? '_' : `(?:${owner}|_)`;
  return `(?!(?<=(?:^|(?<!(?:^| )(?:can|could|may|might|should|would|will|shall|do|must)) )(?:we|i)(?: also| only| mainly| just)?) resell(?= (?!${named}(?= |$))[a-z0-9_]+| *$))`;
}

/**
 * A fault word that names a design goal or a kind of case is no fault: "the failure mode we worry about", "our error
 * handling", "an error-free path" (the hyphen read as a space), "a bug-free launch", "failure scenarios". "The error
 * message says ...", "a failure in our service" still hand over.
 */
const NOT_A_KIND = '(?! (?:mode|modes|handling|free|scenario|scenarios)(?= |$))';

/**
 * A fault the writer says is over, in the sentence that tells it, is context, not a report: "we had a bug in our SCIM
 * connector last week, already fixed on our side", "a failure in staging which we fixed ourselves", "we got locked out
 * but your reset worked and we're back in" (needless hand-overs in two probe rounds, issue 8). Only words that say who
 * fixed it or that it is already done count, and nothing after them may turn it back ("but", "again", "still"): "the
 * error was fixed but is back" still hands over, and so does a fault word the rest of the sentence says again.
 */
const FIXED_WORD = '(?:fixed|resolved|sorted)';
const SAYS_FIXED = `(?:already ${FIXED_WORD}|fixed (?:it |that |this )?(?:ourselves|myself|on our (?:side|end))|(?:were|we are|im|i am) back in|(?:(?:it|that|this|which)(?: one)? (?:is|was|has been|got)|its|thats|its been|thats been) (?:now )?${FIXED_WORD}|(?:weve|we have|ive|i have) (?:now |since |already )?${FIXED_WORD} (?:it|that|this|them))`;
const NOT_FIXED = `(?!${A_WORD}{0,${FIXED_GAP_WORDS}} ${SAYS_FIXED}(?= |$)(?!${A_WORD}* (?:but|again|still)(?= |$)))`;

/**
 * A sentence that only says the fault told just before is over: "We've fixed it.", "It is fixed now.", "That has been
 * resolved since." (needfix2 round, inbox2 p30: "Our first submission came back rejected because the logo was the
 * wrong size. We've fixed it."). The fault is then context, as NOT_FIXED reads it inside one sentence; "We've fixed it,
 * but it fails again." and "Can you get it fixed?" say no such thing.
 */
const ONLY_SAYS_FIXED = new RegExp(
  `^(?:(?:and|so|ok|okay) )?${SAYS_FIXED}(?: (?:now|since|already|ourselves|since then|on our (?:side|end)))?$`,
);

/** Whether `text` is a sentence that only says a fault told before it is over (ONLY_SAYS_FIXED). */
export function onlySaysFixed(text: string): boolean {
  return ONLY_SAYS_FIXED.test(cueText(text));
}

/**
 * A fault the writer asks the outcome of, or asks to be told of, is supposed, not had: "what happens if our app fails
 * the review?", "what happens if our app is rejected", "will you let us know if it fails". The phrase begins within
 * CONDITION_WORDS words after the condition. A bare "if" is not read so ("if a submission fails, how long must we wait"
 * asks a figure no entry gives, and the hand-over it raises sends it to a person), nor "when" ("when we log in we get
 * an error"). "Our app failed the review yesterday" still hands over.
 */
const NOT_SUPPOSED = `(?<!(?:^| )(?:what (?:happens|would happen|will happen)(?: if| in case)|what if|(?:let|keep) (?:us|me) know if|(?:notify|tell|inform) (?:us|me) if)${A_WORD}{0,${CONDITION_WORDS}})`;

/**
 * A fault inside a supposition the writer asks us to confirm or correct is supposed, not had: "am I wrong in thinking
 * that a SAML integration we build for Okta won't work with Entra ID?", "is it true that SWA doesn't work with an extra
 * field?" ask whether it works, which an entry may answer (negativeq probe round). The phrase begins within
 * SUPPOSITION_WORDS words after the frame, which must open the sentence and ask: "Our app won't work, am I wrong?" and
 * "I was right that the SCIM push fails" still report.
 */
const NOT_SUPPOSED_CLAIM = `(?<!^(?:(?:am i|are we) (?:wrong|right|correct|mistaken) (?:in thinking|to think|in assuming|to assume)|is it (?:true|the case|correct|right))(?: that)?${A_WORD}{0,${SUPPOSITION_WORDS}})`;

/**
 * A fault asked as the consequence of a condition is supposed, not had: "If we keep the extra box ..., would your wizard
 * still handle our login, or would that box stop it working?", "Would that stop it working?", "If we switch, will it
 * break?" (guessfix round, plainmonth19 p03). The phrase begins within CONSEQUENCE_WORDS words after a modal that opens
 * the sentence, or that follows a sentence-opening "if" with no subject pronoun right before it, so the modal asks
 * ("would that box stop"); "If we log in it would stop working" and "It would stop working every morning" still report,
 * and so does a plea to a person ("Could you escalate it?", "Could someone look into the error?").
 */
const CONSEQUENCE_WORDS = 3;
const NOT_CONSEQUENCE = `(?<!(?:^|^(?:if|suppose|supposing)${A_WORD}*(?<! (?:it|this|that|they|we|i|he|she|you|which|there)) )(?:would|could|might|will)(?! (?:you|someone|somebody|anyone|anybody|okta)(?= |$))${A_WORD}{0,${CONSEQUENCE_WORDS}})`;

/**
 * "if there is one", "if one already exists": a thing the writer supposes may exist. Shared with the request reader
 * (sentences.ts), which reads such a wish as asking for the thing.
 */
export const IF_IT_EXISTS = String.raw`if (?:(?:there is|there'?s|there are) (?:one|any|some|such a thing)|(?:one|it|any|some)(?: already)? exists?)`;

/**
 * "We want to follow Okta best practices", "ensuring we adopt industry best practices": a standard the writer means to
 * keep, told as an aim in mail drafted with a writing assistant, asks for no opinion; "which best practices should we
 * follow?" still does. Up to two words between (FOLLOWED_GAP_WORDS): "follow Okta's recommended best practices".
 */
const NOT_FOLLOWED = `(?<!(?:^| )(?:follow|follows|following|followed|adopt|adopts|adopting|adopted|apply|applies|applying|align with|aligned with|in line with|adhere to|adhering to)${A_WORD}{0,${FOLLOWED_GAP_WORDS}})`;

/**
 * A wish for a thing the writer supposes may already exist asks for it, not for a change: "would love to see a sample
 * configuration guide if there is one", "we'd love to see an example if any exists". The sentence ends on the
 * condition. "We'd love to see OIDC logout supported" and "... if there is any plan for it" still suggest.
 */
const NOT_IF_IT_EXISTS = `(?!${A_WORD}{0,${EXISTS_GAP_WORDS}} ${IF_IT_EXISTS}$)`;

/**
 * "Get" that ends a phrase speaks of receiving ("we didn't get the email"), not of a chance to do something: "two
 * questions I didn't get to ask", "I never got a chance to", "we didn't get round to it" report no fault. "Get to" a
 * place or a thing ("didn't get to the review stage", "never got to us") still does.
 */
const NOT_A_CHANCE =
  '(?! (?:a|the) chance(?= |$)| (?:a)?round to(?= |$)| (?:time )?to (?!(?:the|our|my|your|a|an|this|that|it|us|me|them|you)(?= |$))[a-z]| to$)';
const RECEIVES = new Set(['get', 'got', 'gotten']);

/** Whether a phrase's last part may be a "get": then NOT_A_CHANCE follows it. */
function endsInGet(tokens: readonly string[]): boolean {
  const last = tokens[tokens.length - 1];
  return last !== undefined && last !== '...' && alternativesOf(last).some(({ words }) => words.length === 1 && RECEIVES.has(words[0]));
}

/**
 * "A call with your team next week.", "Also a meeting with someone from the OIN team.", "Removal of our second
 * listing.", "Transfer of our listing to our new parent company.": a request to a person written as a noun phrase with
 * no verb. Its words tell only as the sentence's opening (after "also", "plus", "and", an article or "please"), with no
 * verb or subject after them in the sentence: "we had a call with your team last week", "a call with your team went
 * well" and "the removal of our listing was done last week" tell (fragments2 probe round: partial mail whose FAQ part
 * was answered and whose person part, a call, a meeting, a removal or a transfer, reached nobody).
 */
const FRAGMENT_LEAD = '(?:also|plus|and|then|finally|lastly|separately|additionally|a|an|the|one|some|please|pls|kindly|[0-9]+)';
const OPENS_FRAGMENT = `(?<=^(?:${FRAGMENT_LEAD}(?: ${FRAGMENT_LEAD})*)?)`;
const NO_VERB_AFTER =
  `(?!${A_WORD}*? (?:is|are|was|were|be|been|being|am|do|does|did|have|has|had|will|would|can|could|should|shall|` +
  'may|might|must|went|goes|isnt|arent|wasnt|werent|dont|doesnt|didnt|havent|hasnt|wont|wouldnt|cant|couldnt|' +
  'we|i|they|he|she|it|its|thats)(?= |$))';

/**
 * The readings a reason's kind (its `Kind:` line) adds around each of its phrases. Only the words of a state (a fault, a
 * grievance) can name a kind of case or an outcome asked about instead: "a call free of charge" or "the review handling"
 * are read by the other reasons as before. Only a wish can be met by a thing that may exist, and only an opinion asked
 * by a standard the writer keeps.
 */
const GUARDS_OF_KIND: Readonly<Record<HandoverKind, { before: readonly string[]; after: readonly string[] }>> = {
  state: { before: [NOT_SUPPOSED, NOT_SUPPOSED_CLAIM, NOT_CONSEQUENCE], after: [NOT_A_KIND, NOT_FIXED] },
  wish: { before: [], after: [NOT_IF_IT_EXISTS] },
  opinion: { before: [NOT_FOLLOWED], after: [] },
  fragment: { before: [OPENS_FRAGMENT], after: [NO_VERB_AFTER] },
};
const NO_GUARDS = { before: [], after: [] };

function compileCues(rules: readonly HandoverRule[], owner: OwnerReadings | undefined): HandoverCue[] {
  const notOwnTradeOf = notOwnTrade(owner?.cueName);
  return rules.flatMap((rule) =>
    rule.cues.map((phrase) => {
      // "any update?": the sentence ends with the phrase, which elsewhere says something else ("any update to the docs").
      const endsSentence = phrase.trimEnd().endsWith('?');
      const tokens = phrase
        .replace(/\?\s*$/, '')
        .split(/\s+/)
        .filter(Boolean);
      const parts = tokens.map((token) => (token === '...' ? null : `(?:${wordPattern(token)})`));
      let source = '';
      parts.forEach((part, i) => {
        if (part === null) source += `(?: ${NOT_DECLINING}[a-z0-9]+){0,${GAP_WORDS}}`;
        else source += (i > 0 ? ' ' : '') + (i > 0 && parts[i - 1] === null && i === parts.length - 1 ? NOT_TIME_OF : '') + part;
      });
      const guards = rule.kind === undefined ? NO_GUARDS : GUARDS_OF_KIND[rule.kind];
      // What may not stand before the phrase, and (unless it ends the sentence) what may not follow it.
      const before = [NOT_DENIED, NOT_DECLINED, NOT_THEIRS_BEFORE, NOT_OFFERED, NOT_OUR_PRICING, notOwnTradeOf, ...guards.before];
      for (const [opens, guard] of GUARDS_BY_OPENING) if (opens.test(tokens[0] ?? '')) before.push(guard);
      const after = endsSentence
        ? ['$']
        : [
            '(?= |$)',
            NOT_AT_SELF,
            NOT_RELAYING,
            NOT_SETTLED,
            NOT_THEIRS_AFTER,
            NOT_INTERNAL,
            ...guards.after,
            endsInGet(tokens) ? NOT_A_CHANCE : '',
          ];
      if (!endsSentence) for (const [opens, guard] of GUARDS_AFTER_BY_OPENING) if (opens.test(tokens[0] ?? '')) after.push(guard);
      return {
        reason: rule.reason,
        phrase,
        pattern: new RegExp(`${before.join('')}(?:^| )${source}${after.join('')}`),
        kind: rule.kind,
        needs: tokens
          .filter((token) => token !== '...')
          .map(startsOf)
          .filter((starts) => starts.length > 0),
      };
    }),
  );
}

/** Adds `cue` under `key`, once (two alternatives of one cue may begin alike). */
function file(lists: Map<string, number[]>, key: string, cue: number): void {
  const list = lists.get(key) ?? [];
  if (list[list.length - 1] !== cue) list.push(cue);
  lists.set(key, list);
}

/** `owner`: the FAQ owner's readings (owner.ts), which some guards name. */
export function compileHandover(rules: readonly HandoverRule[], owner?: OwnerReadings): HandoverCues {
  const list = compileCues(rules, owner);
  const byWord = new Map<string, number[]>();
  const byPrefix = new Map<string, number[]>();
  const always: number[] = [];
  list.forEach((cue, position) => {
    if (cue.needs.length === 0) always.push(position);
    else for (const { word, prefix } of cue.needs[0]) file(prefix ? byPrefix : byWord, word, position);
  });
  return { list, byWord, byPrefix: [...byPrefix].map(([prefix, cues]) => ({ prefix, cues })), always };
}

/**
 * Text as the cues read it: lowercase words separated by single spaces. Capitalised
 * words inside a sentence are names ("Hearth Booking" asks to book nothing) and are
 * read as a placeholder no phrase word matches; nor does a phrase's `...` gap, so a name
 * between a phrase's parts ends the phrase ("let us know when the App Wizard supports"). A short abbreviation with a
 * second capital inside ("IdPs", "SaaS") is no name (ABBREVIATION).
 * A gap across names was measured and not kept: the refit it brings moves the threshold
 * (docs/answer-model-experiments.md, "Hand-over gap across a capitalised word").
 */
export function cueText(text: string): string {
  return cueWords(wordsOf(text), labelled(text)).join(' ');
}

/**
 * A short label and its colon before the sentence proper ("**Registration:** Please register our engineers ...",
 * "- Timeline: Could you ..."), as mail drafted with a writing assistant puts before each ask: the sentence starts after
 * it, so its first word is capitalised as a first word, not as a name.
 */
const LEADING_LABEL = new RegExp(
  String.raw`^[^A-Za-z0-9]*(?:[A-Za-z0-9][\w'&-]*[ \t]+){0,${LABEL_WORDS - 1}}[A-Za-z0-9][\w'&-]*[ \t]*\**[ \t]*:[ \t*]+(?=\S)`,
);

/** How many words a leading label takes (LEADING_LABEL), 0 without one. */
function labelled(text: string): number {
  const label = LEADING_LABEL.exec(text);
  return label ? wordsOf(label[0]).length : 0;
}

/**
 * "IdP", "IdPs", "SaaS": a short word with a second capital inside is an abbreviation, read as a word, not a name.
 * Longer camel-case words ("OneLogin", "GitHub") stay names.
 */
const ABBREVIATION = /^[A-Z][a-z]{1,2}[A-Z][a-z]?$/;

/** `start`: where the sentence proper begins, after a leading label (labelled). */
function cueWords(words: readonly Word[], start = 0): string[] {
  // Pushed, not `map`ped: one array layout for its readers, compiled or not (vocabulary.ts, readAll).
  const cue: string[] = [];
  words.forEach((word, i) => cue.push(i > 0 && i !== start && isCapitalised(word.raw) && !ABBREVIATION.test(word.raw) ? '_' : word.lower));
  return cue;
}

/** Whether the words hold `word`, or with `prefix`, one beginning with it. */
function holds(words: ReadonlySet<string>, { word, prefix }: Start): boolean {
  if (!prefix) return words.has(word);
  for (const held of words) if (held.startsWith(word)) return true;
  return false;
}

const NONE: readonly number[] = [];

/**
 * The cues each word can begin (its entry in `byWord`, and the prefixes it starts with), kept
 * per set of cues: the same words recur in every sentence, and the prefixes are otherwise
 * compared with each word of each.
 */
const startedBy = new WeakMap<HandoverCues, Map<string, readonly number[]>>();

function findStarts(word: string, cues: HandoverCues): readonly number[] {
  const list = [...(cues.byWord.get(word) ?? NONE)];
  for (const { prefix, cues: starting } of cues.byPrefix) if (word.startsWith(prefix)) list.push(...starting);
  return list.length > 0 ? list : NONE;
}

/**
 * The cues a text can match, in the order they are tried: those it holds a needed word of
 * every part of (a pattern cannot match otherwise), found from its words' entries in the
 * index, and those always tried. Most sentences begin none.
 */
function cuesFor(words: readonly string[], cues: HandoverCues): number[] {
  let kept = startedBy.get(cues);
  if (!kept) startedBy.set(cues, (kept = new Map<string, readonly number[]>()));
  const found = [...cues.always];
  for (const word of words) for (const cue of remembered(kept, word, findStarts, cues)) found.push(cue);
  if (found.length === 0) return found;
  found.sort((a, b) => a - b);
  const held = new Set(words);
  return found.filter(
    (cue, i) => cue !== found[i - 1] && cues.list[cue].needs.every((starts) => starts.some((start) => holds(held, start))),
  );
}

/** `read`: the text's words (`wordsOf`), when the caller has them already. */
export function findHandover(text: string, cues: HandoverCues, read: readonly Word[] = wordsOf(text)): HandoverHit | undefined {
  const words = cueWords(read, labelled(text));
  const candidates = cuesFor(words, cues);
  if (candidates.length === 0) return undefined;
  const normalised = words.join(' ');
  const position = candidates.find((cue) => cues.list[cue].pattern.test(normalised));
  if (position === undefined) return undefined;
  const { reason, phrase } = cues.list[position];
  return { reason, phrase };
}

/** Whether `hit` is of a reason marked `Kind: state` (a fault, a grievance). */
export function isStateHit(hit: HandoverHit, cues: HandoverCues): boolean {
  return cues.list.some((cue) => cue.reason === hit.reason && cue.kind === 'state');
}

/**
 * A state cue's pattern without NOT_FIXED, compiled the first time a subject's fault word asks for it (toldFixed), not
 * at init for all of them: it is read for a few mails only.
 */
const unfixedPatterns = new WeakMap<HandoverCue, RegExp>();
function unfixedPattern(cue: HandoverCue): RegExp {
  let pattern = unfixedPatterns.get(cue);
  if (!pattern) unfixedPatterns.set(cue, (pattern = new RegExp(cue.pattern.source.replace(NOT_FIXED, ''))));
  return pattern;
}

/**
 * Whether `text` tells a fault the writer says is over, within its sentence (a state's phrase NOT_FIXED alone keeps
 * from counting: "that one was our bug and it is fixed now").
 */
export function toldFixed(text: string, cues: HandoverCues): boolean {
  const words = cueWords(wordsOf(text), labelled(text));
  const normalised = words.join(' ');
  return cuesFor(words, cues).some((cue) => {
    const found = cues.list[cue];
    return found.kind === 'state' && !found.pattern.test(normalised) && unfixedPattern(found).test(normalised);
  });
}
