/**
 * The request words: what the words of a message's requests say, by the log-odds the answer
 * model learnt for them (lambda/match/request-words.ts).
 */
import { buildIndex } from '../lambda/match';
import { readEvidence } from '../lambda/match/evidence';
import { requestStems, requestWordScore } from '../lambda/match/request-words';
import { loadSampleFaq } from './support/sample-faq';

const INDEX = buildIndex(loadSampleFaq());
const evidenceOf = (newText: string) => readEvidence(INDEX, { subject: '', newText, forwardedText: '' });

describe('request words', () => {
  it('reads the stems of what is asked and its context, each once', () => {
    const stems = requestStems(evidenceOf('We submitted our app last week. Has the review started? Has the review finished?'));
    expect(stems).toContain('review');
    expect(stems).toContain('submit');
    expect([...stems].filter((s) => s === 'review')).toHaveLength(1);
  });

  it('sums the learnt log-odds of the stems it knows, and nothing for the others', () => {
    const evidence = evidenceOf('Is there a cost to join the OIN?');
    expect(requestWordScore({ cost: 1.5, join: -0.25, unrelated: 9 }, evidence)).toBeCloseTo(1.25);
    expect(requestWordScore({}, evidence)).toBe(0);
  });

  it("counts words that name an object's own properties as unknown words, not as numbers", () => {
    const evidence = evidenceOf('What does the constructor of a __proto__ hasOwnProperty toString mean?');
    expect(requestWordScore({ mean: 0.5 }, evidence)).toBeCloseTo(0.5);
  });
});
