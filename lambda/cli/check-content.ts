/**
 * `npm run check-content [-- DIR]`: loads the FAQ the way the Lambda does and reports the
 * first content mistake with its file and line. The stack runs the same load at synth time.
 */
import { loadFaq } from '../content/load-faq';
import { buildIndex } from '../match';
import { runCli, UsageError } from './run';

runCli(async () => {
  const dir = process.argv[2] ?? process.env.FAQMAIL_CONTENT_DIR;
  let faq;
  try {
    faq = loadFaq(dir);
    // Some mistakes show only when the FAQ is read for matching ("Not about:" with no telling word).
    buildIndex(faq);
  } catch (error) {
    throw new UsageError(`FAQ content check failed: ${(error as Error).message}`);
  }
  const phrasings = faq.entries.reduce((n, e) => n + e.phrasings.length, 0);
  const nearMisses = faq.entries.reduce((n, e) => n + (e.notAbout?.length ?? 0), 0);
  const cues = (faq.handover ?? []).reduce((n, r) => n + r.cues.length, 0);
  process.stdout.write(
    `FAQ content OK: ${faq.entries.length} entries, ${phrasings} staff phrasings, ${nearMisses} "Not about" topics, ` +
      `${faq.synonyms.length} synonym groups, ${cues} hand-over phrases in ${faq.handover?.length ?? 0} reasons\n`,
  );
  return 0;
});
