/**
 * `npm run check-content [-- DIR]`: loads the FAQ the way the Lambda does and reports the
 * first content mistake with its file and line. The stack runs the same load at synth time.
 */
import { statSync } from 'node:fs';
import { CONTENT_DIR, ConfigError, contentDirFrom, loadConfig, startupFailure } from '../../lambda/config';
import { counted } from '../../lambda/counted';
import { loadContent } from '../../lambda/content/load-faq';
import { buildIndex } from '../../lambda/match';
import { runCli, unknownArgument, UsageError } from './run';

const HELP = `
usage: npm run check-content [-- DIR]

Loads the FAQ as the Lambda does (DIR, else ${CONTENT_DIR.env}, else content/; relative
links against FAQMAIL_SITE_BASE_URL when it is set) and reports the first mistake with its
file and line, or counts what it found and names the hidden .md files (.faq.md) it did not
read. docs/content.md explains the format.

  --help      this text`;

runCli(() => {
  const unknown = process.argv.slice(2).find((arg) => arg.startsWith('-'));
  if (unknown) throw unknownArgument(unknown, 'npm run check-content');
  const [dir = contentDirFrom(process.env), extra] = process.argv.slice(2);
  if (extra !== undefined) throw new UsageError(`faqmail: one folder at a time (got ${extra} too; npm run check-content -- --help)`);
  // Typed as `npm run check-content "$DIR"` with DIR unset, most likely: naming it would print nothing.
  if (dir?.trim() === '')
    throw new UsageError(
      `faqmail: the folder given is an empty argument (give the folder holding the FAQ's .md files, e.g. content, or none for ${CONTENT_DIR.env} or content)`,
    );
  if (dir !== undefined && !statSync(dir, { throwIfNoEntry: false })?.isDirectory())
    throw new UsageError(`faqmail: ${dir} is not a folder (give the folder holding the FAQ's .md files, e.g. content)`);
  // Relative links resolve against FAQMAIL_SITE_BASE_URL when it is set, as in npm start and the Lambda.
  let siteBaseUrl;
  try {
    siteBaseUrl = loadConfig(process.env).siteBaseUrl;
  } catch (error) {
    if (error instanceof ConfigError) throw new UsageError(startupFailure(error));
    throw error;
  }
  let faq, hidden;
  try {
    ({ faq, hidden } = loadContent(dir, siteBaseUrl));
    // Some mistakes show only when the FAQ is read for matching ("Not about:" with no telling word).
    buildIndex(faq);
  } catch (error) {
    throw new UsageError(`faqmail: FAQ content check failed: ${(error as Error).message}`);
  }
  const phrasings = faq.entries.reduce((n, e) => n + e.phrasings.length, 0);
  const nearMisses = faq.entries.reduce((n, e) => n + (e.notAbout?.length ?? 0), 0);
  const cues = (faq.handover ?? []).reduce((n, r) => n + r.cues.length, 0);
  process.stdout.write(
    `FAQ content OK: ${counted(faq.entries.length, 'entry', 'entries')}, ${counted(phrasings, 'staff phrasing')}, ` +
      `${counted(nearMisses, '"Not about" topic')}, ${counted(faq.synonyms.length, 'synonym group')}, ` +
      `${counted(cues, 'hand-over phrase')} in ${counted(faq.handover?.length ?? 0, 'reason')}\n`,
  );
  // Passed over as ls passes over them; named, so that a file put aside as .faq.md is not taken for one read.
  if (hidden.length > 0) process.stdout.write(`Not read, as hidden (a name starting with a dot): ${hidden.join(', ')}\n`);
  return 0;
}, HELP);
