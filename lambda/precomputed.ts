/**
 * The responder's FAQ, read and indexed when the function is bundled: a cold start loads
 * it (a few milliseconds) instead of parsing the Markdown and building the index at every
 * start, and the bundle ships the 25,000 word ranks the matcher uses instead of the whole
 * SUBTLEX package. The answers come rendered too, so that a reply needs no Markdown renderer.
 * The local cloud and the CLI still build from the Markdown, so that an edit shows at once.
 *
 * The index is written as it is in memory (V8's structured serialization: maps, sets,
 * typed arrays, regular expressions and shared references included), not as a chosen list
 * of fields, so that whatever the matcher adds to it is carried along. A header line says
 * which code built it and for which site; another version is refused, not misread.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import v8 from 'node:v8';
import { renderAll, useRendered, type Rendered } from './compose/markdown';
import type { Config } from './config';
import type { Faq } from './domain';
import { commonWords, RankTable, useRanks } from './match/commonness';
import { sortedLines } from './match/sorted-lines';
import type { FaqIndex } from './match';
import { createResponder, type Responder } from './respond';

export const PRECOMPUTED_INDEX_FILE = 'faq-index.bin';
export const COMMON_WORDS_FILE = 'common-words.txt';

/** The layout of the file around the index; the index's own shape is covered by `code`. */
const FORMAT = 'faqmail-precomputed/3';

interface Header {
  format: string;
  /** The fingerprint of the code that built the index (see codeFingerprint). */
  code: string;
  siteBaseUrl: string | null;
  entries: number;
  /** Lines of the word list (RankTable's "word rank", sorted): its words, each once. */
  words: number;
  /** Characters of the word list: a cold start checks the list by its length rather than count its lines. */
  wordListLength: number;
  /** V8 reads the serialization of older versions; this says which one wrote it, for an error. */
  v8: string;
}

/** Set by the bundler (lib/responder-function.ts) to the fingerprint of the sources it bundled. */
declare const FAQMAIL_CODE_FINGERPRINT: string | undefined;

/**
 * The sources the index's shape and contents depend on, and what decides a message (lambda/release-id.ts):
 * all of `lambda/`, its data included (the fitted answer model, `match/answer-model.json`, which the
 * bundle inlines: a refit changes decisions and no `.ts` file), and the locked dependencies.
 */
export function fingerprintSources(lambdaDir: string): string {
  const hash = createHash('sha256');
  const files = (readdirSync(lambdaDir, { recursive: true }) as string[]).filter((f) => /\.(ts|json)$/.test(f)).sort();
  for (const file of files) hash.update(`${file}\n`).update(readFileSync(path.join(lambdaDir, file)));
  hash.update(readFileSync(path.join(lambdaDir, '..', 'package-lock.json')));
  return hash.digest('hex').slice(0, 16);
}

let fingerprint: string | undefined;

/** The running code's fingerprint: the bundler's, or computed (once) from the sources beside this file. */
export function codeFingerprint(): string {
  fingerprint ??= typeof FAQMAIL_CODE_FINGERPRINT === 'string' ? FAQMAIL_CODE_FINGERPRINT : fingerprintSources(__dirname);
  return fingerprint;
}

class PrecomputedError extends Error {
  constructor(file: string, problem: string) {
    super(`${file}: ${problem}. The stack builds it when it bundles the function (cdk synth / cdk deploy); build it again.`);
    this.name = 'PrecomputedError';
  }
}

/** Writes the FAQ, its index and the word list into `dir` (the function's package). */
export function writePrecomputed(dir: string, prepared: { faq: Faq; index: FaqIndex }, config: Pick<Config, 'siteBaseUrl'>): string[] {
  const ranks = RankTable.linesOf(commonWords());
  const wordList = sortedLines(ranks);
  const header: Header = {
    format: FORMAT,
    code: codeFingerprint(),
    siteBaseUrl: config.siteBaseUrl ?? null,
    entries: prepared.faq.entries.length,
    words: ranks.length,
    wordListLength: wordList.length,
    v8: process.versions.v8,
  };
  // The answers' Markdown rendered here too: a cold start that answers need not load the renderer.
  const rendered = renderAll(prepared.faq.entries.map((entry) => entry.answer));
  const body = v8.serialize({ faq: prepared.faq, index: prepared.index, rendered });
  const files = [path.join(dir, PRECOMPUTED_INDEX_FILE), path.join(dir, COMMON_WORDS_FILE)];
  writeFileSync(files[0], Buffer.concat([Buffer.from(`${JSON.stringify(header)}\n`), body]));
  writeFileSync(files[1], wordList);
  return files;
}

function readHeader(file: string, bytes: Buffer): { header: Header; body: Buffer } {
  const end = bytes.indexOf(0x0a);
  let header: Header;
  try {
    header = JSON.parse(bytes.subarray(0, end).toString('utf8')) as Header;
  } catch {
    throw new PrecomputedError(file, `this is not a precomputed FAQ index (it has no ${FORMAT} header)`);
  }
  return { header, body: bytes.subarray(end + 1) };
}

/** The responder from what `writePrecomputed` wrote; refuses files of other code, format or site. */
export function readPrecomputed(dir: string, config: Config): Responder {
  const file = path.join(dir, PRECOMPUTED_INDEX_FILE);
  let bytes: Buffer;
  let wordList: string;
  try {
    bytes = readFileSync(file);
    wordList = readFileSync(path.join(dir, COMMON_WORDS_FILE), 'utf8');
  } catch (error) {
    throw new PrecomputedError(file, `cannot read the precomputed FAQ index (${(error as Error).message})`);
  }
  const { header, body } = readHeader(file, bytes);
  if (header.format !== FORMAT) throw new PrecomputedError(file, `its format is ${header.format}, this code reads ${FORMAT}`);
  const code = codeFingerprint();
  if (header.code !== code)
    throw new PrecomputedError(file, `it is stale: built by other code (fingerprint ${header.code}; this code is ${code})`);
  if (header.siteBaseUrl !== (config.siteBaseUrl ?? null)) {
    throw new PrecomputedError(
      file,
      `it was built for the site ${header.siteBaseUrl ?? "(the content's own base URL)"}, but the function is configured for ${config.siteBaseUrl ?? "(the content's own base URL)"}`,
    );
  }
  if (wordList.length !== header.wordListLength) {
    const words = wordList.split('\n').length;
    throw new PrecomputedError(file, `${COMMON_WORDS_FILE} holds ${words} words, not the ${header.words} written with it`);
  }
  let prepared: { faq: Faq; index: FaqIndex; rendered: Map<string, Rendered> };
  try {
    prepared = v8.deserialize(body) as typeof prepared;
  } catch (error) {
    throw new PrecomputedError(file, `V8 ${process.versions.v8} cannot read what V8 ${header.v8} wrote (${(error as Error).message})`);
  }
  useRanks(new RankTable(wordList));
  useRendered(prepared.rendered);
  return { config, faq: prepared.faq, index: prepared.index };
}

/**
 * The responder a function runs with: the index the stack packed when there is one, else built
 * from the Markdown. The bundle the stack builds only reads the packed index: the condition is
 * constant there (FAQMAIL_CODE_FINGERPRINT is defined), so esbuild leaves out the Markdown and
 * YAML parsers (~130 KB of the bundle that every cold start would parse and run).
 */
export function loadResponder(config: Config, where: { precomputedDir?: string; contentDir?: string }): Responder {
  if (where.precomputedDir) return readPrecomputed(where.precomputedDir, config);
  if (typeof FAQMAIL_CODE_FINGERPRINT === 'string') {
    throw new PrecomputedError(
      PRECOMPUTED_INDEX_FILE,
      'the bundled function reads only the index packed beside it; FAQMAIL_PRECOMPUTED_DIR is not set',
    );
  } else {
    return createResponder(config, where.contentDir);
  }
}
