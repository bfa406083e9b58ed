/**
 * The responder bundle's build step (lib/function-code.ts): rewrites the arrow functions of a
 * bundle, in place, as function expressions where they behave the same (lib/lazy-arrows.ts).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { arrowsAsFunctions } from '../../lib/lazy-arrows';
import { runCli, UsageError } from './run';

const HELP = `
usage: tsx tools/cli/lazy-arrows.ts BUNDLE

Rewrites BUNDLE's arrow functions as function expressions where they behave the same, so
that V8 pre-parses those a cold start does not run (lib/lazy-arrows.ts explains why). The
stack runs it on the responder's bundle; it fails, leaving the file as it was, if the
bundle does not parse.

  --help      this text`;

runCli(() => {
  const args = process.argv.slice(2);
  if (args.length !== 1 || args[0].startsWith('-')) throw new UsageError(`usage: tsx tools/cli/lazy-arrows.ts BUNDLE\n${HELP}`);
  const [bundle] = args;
  writeFileSync(bundle, arrowsAsFunctions(readFileSync(bundle, 'utf8')).code);
  return 0;
}, HELP);
