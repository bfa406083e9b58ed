/**
 * How the whole pipeline's time (parse, screen, match, compose: `respond()`) grows with the
 * message, for shapes that once grew faster than the message did: one long word, long lines,
 * many sentences, lines or parts. Each shape is timed at two sizes ten times apart, each size on
 * fresh content (the word caches would otherwise make repeats free), the fastest of three runs
 * counting; linear work gives a ratio near 10. mailparser's own tests allow 15 for 10× the input.
 * Printed, never asserted: timings on a shared machine are noise for a test to fail on.
 */
import { loadConfig } from '../lambda/config';
import type { Receipt } from '../lambda/domain';
import { createResponder, respond } from '../lambda/respond';
import { noHistory } from '../tools/cli/local-responder';
import { milliseconds, ms } from './timing';

const config = loadConfig({});
const responder = createResponder(config);
const receipt: Receipt = { recipients: [config.inboxAddress], spam: 'PASS', virus: 'PASS', spf: 'PASS', dkim: 'PASS', dmarc: 'PASS' };
const HEAD = `From: Jane <jane@writer.example>\r\nTo: ${config.inboxAddress}\r\nSubject: Question\r\nMessage-ID: <q@writer.example>\r\nMIME-Version: 1.0\r\n`;

let salt = 0;
/** `n` letters no earlier call produced (so no cache helps), in no pattern the stemmer shortcuts. */
function letters(n: number, letter?: string): string {
  salt += 1;
  if (letter) return letter.repeat(n - (salt % 7));
  let out = '';
  for (let i = 0; i < n; i++) out += String.fromCharCode(97 + ((i * 7 + salt * 13 + (i >> 3)) % 26));
  return out;
}

/** Each shape, built to about `n` bytes of body, and the two sizes it is timed at. */
const SHAPES: Array<{ shape: string; sizes: [number, number]; make: (n: number) => string }> = [
  { shape: 'one long word', sizes: [2_000, 20_000], make: (n) => `${HEAD}\r\n${letters(n, 'a')}?\r\n` },
  { shape: 'one long word of mixed letters', sizes: [2_000, 20_000], make: (n) => `${HEAD}\r\n${letters(n)}?\r\n` },
  {
    shape: 'one long line of words',
    sizes: [10_000, 100_000],
    make: (n) => `${HEAD}\r\n${`how do I join the network ${letters(5)} `.repeat(n / 32)}?\r\n`,
  },
  {
    shape: 'many sentences',
    sizes: [10_000, 100_000],
    make: (n) => `${HEAD}\r\n${`Can I join the OIN with ${letters(6)}? We build apps. `.repeat(n / 48)}\r\n`,
  },
  {
    shape: 'many lines',
    sizes: [10_000, 100_000],
    make: (n) => `${HEAD}\r\n${`How do I join the OIN ${letters(6)}\r\n`.repeat(n / 30)}\r\n`,
  },
  {
    shape: 'many parts',
    sizes: [10_000, 100_000],
    make: (n) =>
      `${HEAD}Content-Type: multipart/mixed; boundary=b\r\n\r\n${`--b\r\nContent-Type: text/plain\r\n\r\nHow do I join ${letters(6)}?\r\n`.repeat(n / 56)}--b--\r\n`,
  },
];

async function fastest(make: () => string, runs = 3): Promise<number> {
  let best = Infinity;
  for (let i = 0; i < runs; i++) {
    const raw = Buffer.from(make());
    const start = process.hrtime.bigint();
    await respond(responder, raw, receipt, noHistory);
    best = Math.min(best, milliseconds(start));
  }
  return best;
}

export async function messageSizeSection(): Promise<string[]> {
  // The first message pays for compiling regular expressions and loading modules.
  await fastest(() => SHAPES[3].make(2_000), 2);
  const rows: string[] = [];
  for (const { shape, sizes, make } of SHAPES) {
    const [small, large] = [await fastest(() => make(sizes[0])), await fastest(() => make(sizes[1]))];
    rows.push(
      `| ${shape} | ${sizes[0].toLocaleString('en')} B: ${ms(small)} | ${sizes[1].toLocaleString('en')} B: ${ms(large)} | ${(large / small).toFixed(1)}× |`,
    );
  }
  return [
    '## Time against message size (respond(): parse, screen, match, compose; fastest of 3)',
    '',
    '| shape | small | 10× larger | ratio (linear ≈ 10×) |',
    '| --- | ---: | ---: | ---: |',
    ...rows,
    '',
  ];
}
