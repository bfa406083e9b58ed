/**
 * How the digest's grouping of unanswered questions (`groupQuestions`) grows with their count,
 * against the digest function's 2 minutes at 512 MB (lib/digest-function.ts). Two shapes, each
 * from a seeded generator over everyday English (SUBTLEX, as the matcher ranks it), against the
 * shipped FAQ's vocabulary: questions about nothing in common, each its own topic (the most
 * topics a count can make), and questions on 40 topics, with words of their own around them.
 * Printed, never asserted: timings on a shared machine are noise for a test to fail on.
 *
 *   npx tsx bench/digest-grouping.ts   (also a section of `npm run bench`)
 */
import seedrandom from 'seedrandom';
import { loadFaq } from '../lambda/content/load-faq';
import { groupQuestions, type OpenQuestion } from '../lambda/digest/group';
import { buildIndex } from '../lambda/match';
import { commonWords } from '../lambda/match/commonness';
import { load, milliseconds, minMedian, range } from './timing';

const COUNTS = [300, 3_000, 10_000];
const TOPICS = 40;

/**
 * `count` questions: unrelated, each of 8 to 24 words; on topics, each of its topic's 6 words
 * at even odds, and 2 to 10 words of its own.
 */
function questions(count: number, topics: number, seed: string): OpenQuestion[] {
  const random = seedrandom(seed);
  const list = commonWords().filter((w) => /^[a-z]{3,}$/.test(w));
  const words = (n: number) => Array.from({ length: n }, () => list[Math.floor(random() * list.length)]);
  const topicWords = Array.from({ length: topics }, () => words(6));
  return Array.from({ length: count }, (_, i) => {
    const text =
      topics > 0
        ? [...topicWords[i % topics].filter(() => random() < 0.5), ...words(2 + Math.floor(random() * 9))]
        : words(8 + Math.floor(random() * 17));
    return { inboundId: `in-${i}`, position: 0, text: `${text.join(' ')}?` };
  });
}

export function groupingSection(): string[] {
  const vocabulary = buildIndex(loadFaq()).vocabulary;
  const rows: string[] = [];
  for (const count of COUNTS) {
    const cells: string[] = [];
    for (const topics of [0, TOPICS]) {
      const set = questions(count, topics, `digest-grouping-${count}-${topics}`);
      // The first run also reads each word against the vocabulary (its readings are kept).
      const runs = count >= 10_000 ? 1 : 3;
      const times: number[] = [];
      let groups = 0;
      for (let r = 0; r < runs; r += 1) {
        const start = process.hrtime.bigint();
        groups = groupQuestions(set, vocabulary).length;
        times.push(milliseconds(start));
      }
      cells.push(`${groups} groups`, range(minMedian(times)));
    }
    rows.push(`| ${count.toLocaleString('en')} | ${cells.join(' | ')} |`);
  }
  return [
    `## Grouping the digest's unanswered questions (groupQuestions; min / median of 3 runs, 1 at 10,000)`,
    '',
    `| questions | unrelated | time | on ${TOPICS} topics | time |`,
    '| ---: | ---: | ---: | ---: | ---: |',
    ...rows,
    '',
  ];
}

if (require.main === module) {
  const start = load();
  process.stdout.write(
    `${[...groupingSection(), `Load average (1 / 5 / 15 min) at the start: ${start}; at the end: ${load()}.`].join('\n')}\n`,
  );
}
