/**
 * The responder bundle's build step (lib/function-code.ts): rewrites a bundle, in place, as ASCII
 * text (lib/ascii-source.ts).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { asciiSource } from '../../lib/ascii-source';
import { runCli, UsageError } from './run';

const HELP = `
usage: tsx tools/cli/ascii-source.ts BUNDLE

Writes the non-ASCII characters of BUNDLE's regular expression literals as escapes, so that
Node reads the bundle as one-byte text (lib/ascii-source.ts explains why). The stack runs it on
the responder's bundle, built with --charset=ascii; it fails, leaving the file as it was, if
the bundle does not parse or holds a non-ASCII character anywhere else.

  --help      this text`;

runCli(() => {
  const args = process.argv.slice(2);
  if (args.length !== 1 || args[0].startsWith('-')) throw new UsageError(`usage: tsx tools/cli/ascii-source.ts BUNDLE\n${HELP}`);
  const [bundle] = args;
  writeFileSync(bundle, asciiSource(readFileSync(bundle, 'utf8')));
  return 0;
}, HELP);
