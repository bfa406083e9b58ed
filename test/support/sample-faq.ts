import type { Config } from '../../lambda/config';
import { loadFaq } from '../../lambda/content/load-faq';
import type { Faq } from '../../lambda/domain';
import { createResponder, type Responder } from '../../lambda/respond';
import { SAMPLE_FAQ_DIR } from '../../tools/eval/sample-faq';

/**
 * Suites that check the sample FAQ's entries, wording or the sets labelled on it read this fixed
 * copy, never content/: a team that replaces content/ with its own FAQ keeps `npm test` passing.
 */
export { SAMPLE_FAQ_DIR };

export function loadSampleFaq(baseUrl?: string): Faq {
  return loadFaq(SAMPLE_FAQ_DIR, baseUrl);
}

export function sampleResponder(config: Config): Responder {
  return createResponder(config, SAMPLE_FAQ_DIR);
}
