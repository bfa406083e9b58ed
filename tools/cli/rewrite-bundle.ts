/**
 * The responder bundle's build step (lib/function-code.ts): rewrites a bundle in place, read and
 * written once, by the passes asked for, in this order: arrow functions as function expressions
 * where they behave the same (lib/lazy-arrows.ts), then ASCII text (lib/ascii-source.ts).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { asciiSource } from '../../lib/ascii-source';
import { arrowsAsFunctions } from '../../lib/lazy-arrows';
import { runCli, unknownArgument, UsageError } from './run';

/** The passes by their flag, in the order they run. */
const PASSES: ReadonlyArray<[flag: string, pass: (code: string) => string]> = [
  ['--lazy-arrows', (code) => arrowsAsFunctions(code).code],
  ['--ascii', asciiSource],
];

const USAGE = 'usage: tsx tools/cli/rewrite-bundle.ts [--lazy-arrows] [--ascii] BUNDLE';

const HELP = `
${USAGE}

Rewrites BUNDLE in place for a shorter cold start; the stack runs it on the responder's bundle.

  --lazy-arrows  arrow functions as function expressions where they behave the same, so that
                 V8 pre-parses those a cold start does not run (lib/lazy-arrows.ts explains why)
  --ascii        the non-ASCII characters of regular expression literals as escapes, so that
                 Node reads the bundle as one-byte text (lib/ascii-source.ts); the bundle must be
                 built with --charset=ascii
  --help         this text

It fails, leaving the file as it was, if the bundle does not parse or, with --ascii, holds a
non-ASCII character outside a regular expression literal.`;

runCli(() => {
  const args = process.argv.slice(2);
  const flags = args.filter((arg) => arg.startsWith('-'));
  const files = args.filter((arg) => !arg.startsWith('-'));
  const unknown = flags.find((flag) => !PASSES.some(([known]) => known === flag));
  if (unknown !== undefined) throw unknownArgument(unknown, 'npx tsx tools/cli/rewrite-bundle.ts');
  if (files.length !== 1) throw new UsageError(HELP.trim());
  const [bundle] = files;
  const passes = PASSES.filter(([flag]) => flags.includes(flag));
  writeFileSync(
    bundle,
    passes.reduce((code, [, pass]) => pass(code), readFileSync(bundle, 'utf8')),
  );
  return 0;
}, HELP);
