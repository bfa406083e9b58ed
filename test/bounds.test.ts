/**
 * Bounded work for any input: hard bounds on what the matcher reads (lambda/match/limits.ts).
 * How time grows with the message is a benchmark's to print (bench/message-size.ts, in
 * `npm run bench`), never a test's to assert; test/hostile-patterns.test.ts holds the inputs
 * that once took minutes, checked by what they produce.
 */
import { loadConfig } from '../lambda/config';
import { buildIndex, matchInquiry } from '../lambda/match';
import { MAX_QUESTIONS, MAX_WORD_LENGTH } from '../lambda/match/limits';
import { wordsOf } from '../lambda/match/words';
import { sampleResponder } from './support/sample-faq';

const config = loadConfig({});
const responder = sampleResponder(config);

describe('what the matcher reads is bounded', () => {
  it(`skips runs of more than ${MAX_WORD_LENGTH} letters (hashes, tokens), keeping real words`, () => {
    const words = wordsOf(`personaleinsatzplanung ${'x'.repeat(MAX_WORD_LENGTH + 1)} join`).map((w) => w.lower);
    expect(words).toEqual(['personaleinsatzplanung', 'join']);
  });

  it(`counts questions past the first ${MAX_QUESTIONS} as unanswered without scoring them, so a person reads them`, () => {
    const index = buildIndex(responder.faq);
    const asks = Array.from({ length: MAX_QUESTIONS + 5 }, (_, i) => `Question ${i}: is there a cost associated with joining the OIN?`);
    const match = matchInquiry(index, { subject: '', newText: asks.join('\n\n'), forwardedText: '' }, config);
    expect(match.questions).toHaveLength(MAX_QUESTIONS);
    expect(match.unanswered).toHaveLength(5);
  });
});
