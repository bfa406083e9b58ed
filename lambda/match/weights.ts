/**
 * The matcher's own weights and thresholds: how words are weighed, requests read and entries
 * scored, before the fitted answer model (answer-model.json) weighs the signals they make.
 * Each was measured by leaving one set out (`npm run eval -- --folds` over the four labelled
 * sets, refitting the model per fold) at values around its own; figures are sums over the four
 * left-out sets: answerable (of 199) · unanswerable (of 73) · escalation agrees (of 320) ·
 * messages sent an entry their label does not list. Today: 184 · 66 · 304 · 12.
 * docs/answer-model.md ("The matcher's own weights") has the table.
 */

// Weighing words (vocabulary.ts, commonness.ts, typos.ts)

/** The least a common word tells (specificity's floor). 0.25: 0.125 the same; 0.375 trades an escalation for a false answer. */
export const SPECIFICITY_FLOOR = 0.25;
/** The same floor for a word the FAQ does not know. 0.2: 0.1 the same; 0.3 loses 2 answerable. */
export const UNKNOWN_SPECIFICITY_FLOOR = 0.2;
/** A word the FAQ does not know weighs as one used by this share of the entries. 1/4: 1/2, 1/3, 1/6 and 1/8 lose 2–9 answerable. */
export const UNKNOWN_DOCUMENT_SHARE = 0.25;
/**
 * An unknown word everyday English does not use either (jargon, a product) weighs this much more. 1.3: 1.625 the same; 0.65–0.975
 * and 1.95 lose 4–5 answerable.
 */
export const UNKNOWN_RARE_FACTOR = 1.3;
/**
 * Capitalised words the FAQ does not know, inside a sentence, are mostly names (people, products). 0.3: 0.15 loses 3 answerable,
 * 0.45 loses 1, 1 adds 2 false answers.
 */
export const NAME_FACTOR = 0.3;
/** A corrected word is probably, not certainly, the FAQ word. 0.8: 0.9–1 the same; 0.6 loses 1 answerable. */
export const CORRECTED_FACTOR = 0.8;
/**
 * Words rarer than this in everyday English may be typos; commoner ones are words in their own right. 25,000: 10,000–50,000 the same
 * (more words, a bigger bundle).
 */
export const TYPO_RANK = 25_000;
/** Shortest word corrected: shorter words have too many real neighbours ("form"/"from"). 5: 4–7 the same. */
export const MIN_TYPO_LENGTH = 5;

// Reading requests (asks.ts, sentences.ts, handover.ts, language.ts)

/** Below this weight of telling terms a question needs its context ("Is this possible?"). 2.2: 1.65–2.75 lose 6–8 answerable. */
export const VAGUE_WEIGHT = 2.2;
/** Most context sentences a vague question borrows (the nearest ones). 3: 2 loses 1 answerable, 4 loses 3. */
export const CONTEXT_SENTENCES = 3;
/** A vague question with this many sentences before it in its paragraph reaches back no further. 2: 1 loses 2 answerable, 3 loses 3. */
export const OWN_CONTEXT_SENTENCES = 2;
/** A vague question whose context names fewer distinct terms says too little. 2: 1 loses 1 answerable, 3 loses 4 (gains 1 unanswerable). */
export const MIN_ASKED_TERMS = 2;
/**
 * A subject of this many words or fewer over a body that asks nothing is a bare topic: it says too little unless it and what the
 * body tells name MIN_ASKED_TERMS terms. 3 holds "Is it free?" (minimal-mail probe round); the folds and other rounds were the same.
 */
export const BARE_ASK_WORDS = 3;
/** Most words of a plea that follows a pointer below ("Forwarding a question below. Could you explain it?"). 12: 18 the same, 6 loses 1. */
export const SHORT_PLEA = 12;
/**
 * Most words of a sentence that only acknowledges, beside thanks, in a reply that asks nothing ("Hi Sam,", "Great, that answers
 * it."). 5: 3 and 8 leave the folds the same; 5 holds the short acknowledgements of mail written here.
 */
export const ACKNOWLEDGEMENT_WORDS = 5;
/**
 * Words enough for a sentence to say something of the writer's own, after which a name addressed with a request turns to
 * someone else ("Maria, can you send them our logs?", addressed probe round): a greeting ("Hi," "Hello Okta team,") is three
 * words at most, and mail opens by addressing its reader. 4: the least above a greeting; not varied.
 */
export const SAYS_SOMETHING_WORDS = 4;
/**
 * The fewest terms a question that turns to another point ("Oh and ...", "PS: ...") needs to count as asking its own thing
 * rather than restating the one before (followon probe round): "Also what is the normal time?" says too little alone. 3: any
 * turning question (no least, no pointing-back words) handed over two of inquiries' fully answered messages; not vague alone
 * (no least, no pointing-back words) turned two of the round's own restatements; a least of 3 and no word pointing back turn
 * none.
 */
export const OWN_POINT_TERMS = 3;
/**
 * Fewest words each half of a joined question needs to ask a thing of its own ("how and when ..." is one question). 4: 2–3 the same;
 * 5–6 trade an escalation for a false answer.
 */
export const JOINED_MIN_WORDS = 4;
/**
 * An item numbered inside running text ("(2) how long is the review") has at least this many words; "first, second and
 * third" numbers nothing. 2: the inline probe round's items run from 2 words ("the cost") up.
 */
export const ENUMERATED_MIN_WORDS = 2;
/**
 * A topic listed after "Questions on:" or "Two things:" in one sentence has at most this many words; longer, it is a
 * clause that tells. 10: the inline2 probe round's topics run up to 9 words ("whether we need to contact Okta before we
 * start").
 */
export const TOPIC_ITEM_WORDS = 10;
/**
 * "..." in a hand-over phrase: up to this many words in between. 3: 1 loses 2 unanswerable, 2 an escalation; 4–5 answer one more but
 * chosen inside each fold lose one of train-b's unanswerable.
 */
export const GAP_WORDS = 3;
/**
 * A fault phrase this many words or fewer after "what happens if" / "let us know if" is supposed, not reported
 * (handover.ts, NOT_SUPPOSED). 4: the whatif probe round's conditions put the fault 1-3 words after the "if" ("if it
 * fails", "if our app is rejected"); the fold table and every other round stayed the same with it.
 */
export const CONDITION_WORDS = 4;
/**
 * A fault phrase this many words or fewer after a supposition the writer asks us to confirm ("am I wrong in thinking
 * that", "is it true that") is supposed, not reported (handover.ts, NOT_SUPPOSED_CLAIM). 8: the negativeq probe round's
 * supposition puts a subject with a clause of its own before the fault ("that a SAML integration we build for Okta
 * won't work", 7 words); the fold table and every other round stayed the same with it.
 */
export const SUPPOSITION_WORDS = 8;
/**
 * Words between a wish phrase ("love to see") and a closing "if there is one" for the wish to ask for a thing that may
 * exist, not suggest a change (handover.ts, NOT_IF_IT_EXISTS). 8: the hedged probe round's "would love to see a sample
 * configuration guide if there is one" puts 4 words between them; a longer gap reaches a condition of another clause.
 */
export const EXISTS_GAP_WORDS = 8;
/**
 * Words from the start of an offered phrase ("happy to jump on a call") to the condition closing its sentence ("if
 * that's easier") for the phrase to be offered, not asked for (handover.ts, NOT_OFFERED). 8: the closings probe round's
 * "happy to jump on a call if that's easier" puts 4 words between; a longer reach takes in a condition of another clause.
 */
export const OFFER_WORDS = 8;
/**
 * Words of a label before a sentence's colon ("**Registration:** Please register ...", "Question 2: Next Steps:"), after
 * which the sentence starts and its first word is no name (handover.ts, LEADING_LABEL). 4: the aiwritten probe round's
 * labels run to three words and a number ("Question 1: Pricing", "Listing Updates"); a longer reach takes in sentences
 * that only pause at a colon.
 */
export const LABEL_WORDS = 4;
/**
 * Words between "follow" (or "adopt", "apply", "in line with") and "best practices" for the aim to name a standard the
 * writer keeps, not ask our opinion (handover.ts, NOT_FOLLOWED). 2: the aiwritten probe round's "follow Okta best
 * practices" puts one word between; two reaches "follow Okta's recommended best practices", and more a clause's end.
 */
export const FOLLOWED_GAP_WORDS = 2;
/**
 * Most words of a list entry under a line that introduces asks or claims ("Looking for two things:", "Two things to
 * confirm:") for it to ask; a longer one is a paragraph of its own. 30: entries were held to 12 words unless they were claims,
 * and a 15-word entry under "Looking for two things:" was neither answered nor handed over (resources probe round); 16, 20 and
 * 30 leave the fold table and every other round the same.
 */
export const LIST_ENTRY_WORDS = 30;
/** A line this long, or one that ends a sentence, is prose; shorter lines are names, titles and addresses. 8: 12 the same, 4 loses 3. */
export const PROSE_LINE_WORDS = 8;
/** Fewer words than this say too little to judge the language: treat as English. 8: 12 the same, 4 loses 1 answerable. */
export const MIN_WORDS = 8;
/** English prose has at least this share of English function words. 0.15: 0.225 the same, 0.075 loses 3 answerable. */
export const MIN_ENGLISH_SHARE = 0.15;

/**
 * Words allowed between the determiner and the person who relays a question ("our new head asks me ...", "my former
 * colleague wants to know ..."): relay.ts, RELAYER and RELAYED_WANTS. 2 is chosen, not fitted: the relayed probe mail
 * names its relayer in at most two words before the role word ("our managing partner", "my line manager"); no other
 * value was measured (relayed fix round).
 */
export const RELAY_NAME_WORDS = 2;

// What an entry covers (entry-index.ts, pre-rank.ts)

/**
 * How strongly an entry covers a term by where it uses it. form 1 (its questions and staff phrasings): 0.9 the same, 0.75 loses 2
 * unanswerable; keyword 0.9: 0.45–0.8 lose 1 answerable, 1 loses one of dev's unanswerable; context 0.7 (its question read with the
 * FAQ): 0.35–1 the same; heading 0.6: 0.75–0.9 the same, 0.3–0.45 trade an escalation for a false answer; answer 0.6: 0.75–0.9 the
 * same, 0.3–0.45 lose 7 answerable.
 */
export const COVERAGE = { form: 1, keyword: 0.9, context: 0.7, heading: 0.6, answer: 0.6 } as const;
/**
 * A word that is only part of a concept the entry uses ("session" of "session timeout") is covered this much less. 0.6: 0.3–0.45 lose
 * 1–3 answerable, 0.9 loses 1; 0.75 trades an escalation for 2 false answers.
 */
export const PART_CREDIT = 0.6;
/** A sentence of an entry's question lighter than this is read with the one before it. Twice VAGUE_WEIGHT: once the same, 3× loses 3. */
export const SHORT_FORM_WEIGHT = 2 * VAGUE_WEIGHT;
/** Entries fully scored for one ask: those covering most of it (a large FAQ has thousands). 40: a bound for speed; 10 the same here. */
export const MAX_CANDIDATES = 40;

// Scoring an entry for a request (score.ts)

/**
 * The share of fit in the confidence (coverage has the rest). 0.4: 0.2–0.3 and 0.6 lose 2–4 answerable; 0.5 answers 3 more but one of
 * dev's unanswerable, and chosen inside each fold it still loses that one (docs/answer-model.md).
 */
export const FIT_EXPONENT = 0.4;
/** How much a definition entry keeps when the writer does not ask for a definition. 0.5: 0.25–1 each lose one of dev's unanswerable. */
export const DEFINITION_UNASKED = 0.5;
/**
 * How much an entry keeps when the writer asks about what staff say it is not about: like an unasked definition, a best fit of 1
 * ends at 0.5. Such a pair is never sent, so it moves only what is shown: 0.25–1 score the same.
 */
export const NOT_ABOUT_PENALTY = 0.5;

/**
 * A question of at most this many words is read with the telling sentences before it when its near misses (`Not about:`)
 * are looked for: "Where do we register?" after "We hope to attend Oktane." names nothing of its own. Measured on the
 * ctxbefore probe round (24 -> 28 of 41): any of 5-8 gives the same figures there and leaves the fold table unchanged;
 * every question read with its context (no limit) fired on two labelled messages and moved the refit (inquiries 96 -> 92%).
 * A longer question is read so only when it points back at what is named before it (`POINTS_AT_TOLD` in score.ts).
 */
export const SHORT_QUESTION_WORDS = 6;
/**
 * A sentence one entry answers also asks what another answers when that other's phrasing fits it at least this well, in two
 * words or more the sent entry does not say ("Is there training for our team on Okta basics, as well as sample setup
 * instructions for customer admins?"): that part goes to a person. 0.9: it fires on none of the four labelled sets at 0.8 and
 * above, and on the probe mail at 0.9 on three lost questions and one question asked once; at 0.8 on one more asked once, with one
 * such word on three more (answer-model-experiments.md, "Measured at stop 53").
 */
export const ALSO_ASKS_FIT = 0.9;
/** The fewest words of the other entry's phrasing the sentence says, none of them the sent entry's (above). */
export const ALSO_ASKS_WORDS = 2;
/**
 * One such word is enough when it is all the other entry's phrasing says and the sentence says all of it ("And what is SWA?",
 * restated by the session-timeout entry sent for the question before it), and the writer asks what a term the entry defines is,
 * if it defines one. 1 (the whole phrasing said) with that definition guard: four of the 53 questions lost with nobody told on
 * the probe mail hand over (andnext p36, p37, pointpair p13, p17), nothing else on the probe mail or the fold table moves;
 * without the guard two agreeing probes naming SWA in passing hand over (residual fix round, answer-model-experiments.md).
 */
export const ALSO_ASKS_ONE_WORD_FIT = 1;
/**
 * The least share of the sentence the other entry covers: two everyday words ("join", "start") fit a short phrasing as well as
 * a second question does. 0.25: the probe mail's three lost questions are covered 33–53%, the one asked once 19%.
 */
export const ALSO_ASKS_COVERAGE = 0.25;
/**
 * The least fit of an entry whose own words are all the sent entry leaves uncovered of a sentence (`restAsks`): a second
 * question joined to the first fits half the sentence. 0.45: the five lost second topics of the residual3 fix round fit 0.49-0.70.
 */
export const REST_ASKS_FIT = 0.45;
/**
 * The most of the sentence the sent entry may cover for what it leaves to name a second topic. 0.75: the lost second topics
 * leave 29-45% uncovered; on the four labelled sets the net fired (without this bound and `REST_ASKS_OWNERS`) where the sent
 * entry covers 79-93% (single questions, a word or two more than the entry says), and the fold table moved.
 */
export const REST_ASKS_SENT_COVERAGE = 0.75;
/**
 * The most unsent entries that may own every uncovered word: more, and the words are the FAQ's common stock. 1: at 2 a single
 * cost question naming "SAML" and "SCIM" in passing (followon p04, owned by vendor-lockin and one more) handed over, as did
 * two lost topics (consecutive p39 "process, submit", inline p26 "review time"), left now; the labelled-set firings the sent
 * coverage bound does not stop have 5 (residual3 fix round, answer-model-experiments.md).
 */
export const REST_ASKS_OWNERS = 1;
/**
 * The least fit of an unsent entry on a whole whose answer a later sentence earned, for the first sentence (too short to be
 * weighed alone) to ask for it (`firstAsks`, lambda/match/index.ts). 0.6: the lost first questions of the residual4 fix round
 * fit 0.68-0.84 (consecutive p06, pointpair p16 WS-Fed; pointpair p10 single logout); with the first sentence's own "?" and
 * telling word required, it fires on none of the four labelled sets and on no agreeing probe; without them three agreeing
 * probes handed over at 0.61-0.80 ("Please advise how ...", "Is that right?", a half of "What is the process and how long").
 */
export const FIRST_ASKS_FIT = 0.6;
/** How much what a pointing question points at ("changing these") weighs in judging coverage. 0.4: 0.2–0.3 lose 2 answerable, 0.5–0.6 1. */
export const REFERENT_SHARE = 0.4;
/**
 * Credit for a term of a form found only in the ask's context, not its question. 0.7: 0.35–0.525 lose an unanswerable, 0.875 loses 2
 * answerable; 1 trades an escalation for 2 false answers, and chosen inside each fold loses one of dev's answerable.
 */
export const CONTEXT_CREDIT = 0.7;
/**
 * Credit for a concept of a form the ask only half-says ("session" for "session timeout"). 0.5: 0.25–0.375 lose 1 answerable; 0.625–0.75
 * have 1–2 fewer false answers, but chosen inside each fold score as 0.5 does.
 */
export const PARTLY_SAID = 0.5;
/**
 * How clearly a sentence saying the writer read an entry ("Your FAQ says ...") must point at one for that entry not to be sent
 * back (evidence.ts): its best entry's score, and that score over the next entry's. No left-out set holds such a sentence, so
 * the sets cannot choose; on the already-read probe round (test/fixtures/probes/alreadyread) a score of 0.3–0.4 and a lead of
 * 1.25–2 agree the same, 0.5 loses one. 0.4 is the strictest score that agrees as well: a looser bound keeps back more entries.
 */
export const READ_ENTRY_SCORE = 0.4;
export const READ_ENTRY_LEAD = 1.5;

// The answer model's inputs (answer-features.ts)

/** How many entries of each question are weighed: the answer is nearly always among the first three. 3: 2 loses 1 answerable, 4 loses 3. */
export const ENTRIES_PER_QUESTION = 3;
/**
 * Where the answer model's counted features saturate (each is scaled to 0..1). Terms left uncovered 4: 2, 3 and 5 lose 1–4 answerable, 6
 * trades an escalation for a false answer; how much is asked 12: 9 the same, 6 and 15 lose 2–4, 18 trades an escalation for 2 false
 * answers; questions 4: 2–3 the same, 5–6 lose 1; specifics 2: 1–4 the same.
 */
export const FEATURE_CAPS = { termsLeftUncovered: 4, howMuchIsAsked: 12, questions: 4, specifics: 2 } as const;

/**
 * Fewest words a question asked in passing inside a sentence ("(is it free to be listed, btw?)") and the sentence
 * left around it must each hold for the aside to be read as a question of its own: "(right?)", "(why?)" and
 * "(or not?)" stay in their sentence. With three, the aside probe round's p13 and p16 are
 * answered and no fold figure nor other round changes.
 */
export const ASIDE_MIN_WORDS = 3;

/**
 * Words between a fault phrase and the words that say it is over ("already fixed", "fixed it ourselves", "we're back
 * in") for the fault to be read as context (handover.ts, NOT_FIXED). 12: the longest in the probe mail, "locked out of
 * our dev org last week but your reset worked and we're back in", puts eleven; the fold table and every probe round
 * printed the same at 12 (issue 8 needless round).
 */
export const FIXED_GAP_WORDS = 12;

/**
 * How probable another entry must be on the half of a joined question ("..., and is there any cost to join?") for the
 * half to leave the mail open beside the whole's answer (index.ts, `unansweredHalf`). 0.3: the two halves it hands over
 * were led at 0.31 and 0.62; without it two agreeing probes whose halves the sent entry answers in other words (led at
 * 0.13 and 0.27) turned to needless hand-overs; the fold table prints the same (andsecond3 fix round).
 */
export const HALF_OPEN_PROBABILITY = 0.3;
