/**
 * How the build's passes over a function bundle (lib/lazy-arrows.ts, lib/ascii-source.ts) read
 * it with acorn: esbuild's CommonJS output, a script whose module wrappers may `return` at top
 * level.
 */
import type { Options } from 'acorn';

export const BUNDLE_SOURCE: Options = {
  ecmaVersion: 'latest',
  sourceType: 'script',
  allowReturnOutsideFunction: true,
  allowHashBang: true,
};
