/**
 * Bounded work for any input: the whole pipeline (parse, screen, match, compose) costs time
 * linear in the message, with hard bounds on what the matcher reads (lambda/match/limits.ts).
 * The linearity checks compare ratios, never absolute times: 10× the input must take less
 * than 15× the time (mailparser's own tests use the same bound). Each size is timed a few
 * times with fresh content (the word caches would otherwise make repeats free) and the
 * fastest run counts, which filters out a busy shared machine.
 */
import { loadConfig } from '../lambda/config';
import { buildIndex, matchInquiry } from '../lambda/match';
import { MAX_QUESTIONS, MAX_WORD_LENGTH } from '../lambda/match/limits';
import { wordsOf } from '../lambda/match/words';
import { createResponder, respond } from '../lambda/respond';
import type { Receipt } from '../lambda/domain';
import { noHistory } from '../tools/cli/local-responder';

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

/**
 * Message shapes, each built to about `n` bytes of body. The single words are timed at 2 and
 * 20 KB rather than 10 and 100: before the word bound, a stemmer whose time grows with the
 * square of the length took minutes on 100 KB, and a test that cannot be interrupted (the
 * stemmer never yields) would only hang; at 20 KB it fails in seconds.
 */
const SIZES: Record<string, [number, number]> = { 'one long word': [2_000, 20_000], 'one long word of mixed letters': [2_000, 20_000] };
const SHAPES: Record<string, (n: number) => string> = {
  'one long word': (n) => `${HEAD}\r\n${letters(n, 'a')}?\r\n`,
  'one long word of mixed letters': (n) => `${HEAD}\r\n${letters(n)}?\r\n`,
  'one long line of words': (n) => `${HEAD}\r\n${`how do I join the network ${letters(5)} `.repeat(n / 32)}?\r\n`,
  'many sentences': (n) => `${HEAD}\r\n${`Can I join the OIN with ${letters(6)}? We build apps. `.repeat(n / 48)}\r\n`,
  'many lines': (n) => `${HEAD}\r\n${`How do I join the OIN ${letters(6)}\r\n`.repeat(n / 30)}\r\n`,
  'many parts': (n) =>
    `${HEAD}Content-Type: multipart/mixed; boundary=b\r\n\r\n${`--b\r\nContent-Type: text/plain\r\n\r\nHow do I join ${letters(6)}?\r\n`.repeat(n / 56)}--b--\r\n`,
};

async function timed(raw: Buffer): Promise<number> {
  const start = process.hrtime.bigint();
  await respond(responder, raw, receipt, noHistory);
  return Number(process.hrtime.bigint() - start) / 1e6;
}

/** The fastest of `runs` runs on fresh messages, stopping early once one is under `enough` ms. */
async function fastest(make: () => string, runs = 3, enough = 0): Promise<number> {
  let best = Infinity;
  for (let i = 0; i < runs && best >= enough; i++) best = Math.min(best, await timed(Buffer.from(make())));
  return best;
}

describe('work grows linearly with the message', () => {
  beforeAll(async () => {
    // The first message pays for compiling regular expressions and loading modules.
    await fastest(() => SHAPES['many sentences'](2_000), 2);
  });

  it.each(Object.keys(SHAPES))(
    '%s: 10× the size takes less than 15× the time',
    async (shape) => {
      const make = SHAPES[shape];
      const [smallSize, largeSize] = SIZES[shape] ?? [10_000, 100_000];
      // A floor of 5 ms keeps a tiny, noise-dominated small time from inflating the ratio.
      const small = Math.max(await fastest(() => make(smallSize)), 5);
      const large = await fastest(() => make(largeSize), 3, 15 * small);
      expect(large / small).toBeLessThan(15);
    },
    60_000,
  );
});

describe('what the matcher reads is bounded', () => {
  it(`skips runs of more than ${MAX_WORD_LENGTH} letters (hashes, tokens), keeping real words`, () => {
    const words = wordsOf(`personaleinsatzplanung ${'x'.repeat(MAX_WORD_LENGTH + 1)} join`).map((w) => w.lower);
    expect(words).toEqual(['personaleinsatzplanung', 'join']);
  });

  it(`counts questions past the first ${MAX_QUESTIONS} as unanswered without scoring them, so a person reads them`, () => {
    const index = buildIndex(responder.faq);
    const asks = Array.from({ length: MAX_QUESTIONS + 5 }, (_, i) => `Question ${i}: is there a cost associated with joining the OIN?`);
    const match = matchInquiry(index, { subject: '', newText: asks.join('\n\n'), forwardedText: '' }, config);
    expect(match.questions).toHaveLength(MAX_QUESTIONS);
    expect(match.unanswered).toHaveLength(5);
  });
});
