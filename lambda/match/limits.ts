/**
 * How much of a message the matcher reads: hard bounds, so that its cost has a ceiling
 * whatever arrives (a 100 KB "word", a million sentences). Each sits well above what real
 * mail needs, measured over the labelled sets (../shared/eval), the real-world fixtures
 * (../shared/fixtures/real) and test/fixtures (figures from a survey run on 2026-11-30).
 * What lies past a bound is not lost: the whole message still goes to staff when it is
 * escalated; only the automatic reading stops there.
 */

/**
 * Longest word read. The longest word in any human-written message was 22 letters (the
 * German compound "personaleinsatzplanung"); English dictionary words stay under 30. Longer
 * runs of letters are hashes, tokens and base64 (up to 320 in bounces): no FAQ entry is
 * about them. They are skipped, so the stemmer (whose time grows with the square of a
 * word's length) and the typo index (one lookup per letter) only ever see short words.
 */
export const MAX_WORD_LENGTH = 40;

/**
 * Characters of the new text, and of forwarded text, that are read. The longest new text in
 * a human message was 5,166 characters (a labelled dev message), a newsletter's 8,219.
 */
export const MAX_TEXT_CHARS = 20_000;

/**
 * Sentences of one text that are read. Human messages had at most 38, a newsletter 72.
 * Reading a question looks back over the sentences before it, so this also bounds that.
 */
export const MAX_SENTENCES = 200;

/**
 * Questions scored per message (each one against every entry). Human messages asked at most
 * 4, a newsletter "asked" 19. Questions past this are not scored: they count as unanswered,
 * so the message goes to a person, who reads them all.
 */
export const MAX_QUESTIONS = 20;
