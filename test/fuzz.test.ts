import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import seedrandom from 'seedrandom';
import { loadConfig } from '../lambda/config';
import { escalates, type Receipt } from '../lambda/domain';
import { createResponder, respond, type Outcome } from '../lambda/respond';
import { hasShared, SHARED_DIR } from './support/shared';
import { noHistory } from '../tools/cli/local-responder';

// Random and mutated real messages, from a fixed seed: every input must end in a decision
// (an unparseable one as a hand-over to staff), never in an exception. Seeds are the
// project's own fixtures, plus the dev set where ../shared is present.
jest.setTimeout(180_000);

const SEED = 'faqmail-fuzz-1';
const MUTANTS_PER_SEED = 24;
const RANDOM_INPUTS = 300;

const OWN = path.join(__dirname, 'fixtures/mail');
const DEV = path.join(SHARED_DIR, 'eval/dev');
const emlIn = (dir: string) =>
  readdirSync(dir)
    .filter((file) => file.endsWith('.eml'))
    .sort()
    .map((file) => ({ name: path.basename(file), raw: readFileSync(path.join(dir, file)) }));
const seeds = [...emlIn(OWN), ...(hasShared ? emlIn(DEV) : [])];

type Random = () => number;
const pick = <T>(random: Random, items: readonly T[]): T => items[Math.floor(random() * items.length)];
const between = (random: Random, low: number, high: number) => low + Math.floor(random() * (high - low + 1));

const CHARSETS = [
  'utf-8',
  'iso-8859-1',
  'windows-1252',
  'utf-7',
  'utf-16',
  'shift_jis',
  'iso-2022-jp',
  'gb2312',
  'koi8-r',
  'x-unknown',
  '',
  '"',
  'utf-8"; charset="latin1',
];
const ENCODINGS = ['base64', 'quoted-printable', '7bit', '8bit', 'binary', 'x-uuencode', 'bogus', ''];
const CONTENT_TYPES = [
  'multipart/mixed',
  'multipart/report',
  'message/rfc822',
  'text/html',
  'application/octet-stream',
  'multipart/alternative; boundary=""',
  'text/plain; format=flowed; delsp=yes',
];

/** Each mutation takes a message as latin1 text (one char per byte) and returns another. */
const MUTATIONS: Record<string, (text: string, random: Random) => string> = {
  flipBytes(text, random) {
    const chars = text.split('');
    for (let n = between(random, 1, 20); n > 0; n -= 1)
      chars[Math.floor(random() * chars.length)] = String.fromCharCode(Math.floor(random() * 256));
    return chars.join('');
  },
  truncate: (text, random) => text.slice(0, Math.floor(random() * text.length)),
  duplicateHeaders(text, random) {
    const end = text.search(/\r?\n\r?\n/);
    const lines = text.slice(0, end < 0 ? text.length : end).split(/\r?\n/);
    const line = pick(random, lines);
    return `${Array(between(random, 2, 50))
      .fill(line)
      .join('\n')}\n${text}`;
  },
  breakBoundaries(text, random) {
    const boundary = /boundary="?([^";\r\n]+)"?/i.exec(text)?.[1];
    if (!boundary) return text.replace(/\r?\n\r?\n/, '\nContent-Type: multipart/mixed; boundary="x"\n\n--x\n');
    const replacement = pick(random, ['', '--', boundary.slice(0, -1), `${boundary}--`, 'x'.repeat(between(random, 1, 200))]);
    return random() < 0.5 ? text.split(`--${boundary}`).join(`--${replacement}`) : text.replace(`--${boundary}--`, '');
  },
  swapCharsets: (text, random) =>
    /charset=/i.test(text)
      ? text.replace(/charset="?[^";\r\n]*"?/gi, () => `charset="${pick(random, CHARSETS)}"`)
      : text.replace(/\r?\n\r?\n/, `\nContent-Type: text/plain; charset="${pick(random, CHARSETS)}"\n\n`),
  swapEncodings: (text, random) =>
    text.replace(/^(Content-Transfer-Encoding:).*$/gim, (_, field: string) => `${field} ${pick(random, ENCODINGS)}`),
  swapContentTypes: (text, random) =>
    text.replace(/^(Content-Type:)[^\r\n]*/im, (_, field: string) => `${field} ${pick(random, CONTENT_TYPES)}`),
  insertGarbage(text, random) {
    const at = Math.floor(random() * text.length);
    const garbage = Array.from({ length: between(random, 1, 2_000) }, () =>
      String.fromCharCode(random() < 0.3 ? 0 : Math.floor(random() * 256)),
    ).join('');
    return text.slice(0, at) + garbage + text.slice(at);
  },
  deleteLines(text, random) {
    const lines = text.split('\n');
    const from = Math.floor(random() * lines.length);
    lines.splice(from, between(random, 1, 30));
    return lines.join('\n');
  },
  splice: (text, random) => {
    const other = pick(random, seeds).raw.toString('latin1');
    return text.slice(0, Math.floor(random() * text.length)) + other.slice(Math.floor(random() * other.length));
  },
  nest: (text, random) =>
    `From: a@example.com\nTo: developers@example.com\nSubject: nested\nContent-Type: multipart/mixed; boundary="n"\n\n--n\nContent-Type: message/rfc822\nContent-Disposition: ${pick(random, ['inline', 'attachment'])}\n\n${text}\n--n--\n`,
  longLines: (text, random) => text.replace(/\n/, `\nX-Long: ${'a'.repeat(between(random, 1_000, 100_000))}\n`),
  stripLineEnds: (text) => text.replace(/\r?\n/g, '\r'),
};

function randomInput(random: Random): Buffer {
  const bytes = Buffer.alloc(between(random, 0, 4_000));
  for (let i = 0; i < bytes.length; i += 1) bytes[i] = Math.floor(random() * 256);
  // Half of them start like mail, so that they get past the header check.
  return random() < 0.5 ? Buffer.concat([Buffer.from('From: x@example.com\r\nTo: developers@example.com\r\nSubject: '), bytes]) : bytes;
}

interface FuzzCase {
  label: string;
  raw: Buffer;
}

function fuzzCases(): FuzzCase[] {
  const random = seedrandom(SEED);
  const names = Object.keys(MUTATIONS);
  const cases: FuzzCase[] = [];
  for (const seed of seeds) {
    for (let n = 0; n < MUTANTS_PER_SEED; n += 1) {
      // One to three mutations in a row.
      const applied = Array.from({ length: between(random, 1, 3) }, () => pick(random, names));
      const text = applied.reduce((current, name) => MUTATIONS[name](current, random), seed.raw.toString('latin1'));
      cases.push({ label: `${seed.name} ${applied.join('+')}`, raw: Buffer.from(text, 'latin1') });
    }
  }
  for (let n = 0; n < RANDOM_INPUTS; n += 1) cases.push({ label: `random ${n}`, raw: randomInput(random) });
  return cases;
}

const PASSING: Receipt = { recipients: ['developers@example.com'], spam: 'PASS', virus: 'PASS', spf: 'PASS', dkim: 'PASS', dmarc: 'PASS' };

describe('fuzz: every input ends in a decision', () => {
  const responder = createResponder(loadConfig({}));

  it(`holds for ${seeds.length} seed messages × ${MUTANTS_PER_SEED} mutants and ${RANDOM_INPUTS} random inputs`, async () => {
    const cases = fuzzCases();
    expect(cases.length).toBeGreaterThanOrEqual(hasShared ? 2_000 : 500);
    const failures: string[] = [];
    for (const { label, raw } of cases) {
      let outcome: Outcome;
      try {
        outcome = await respond(responder, raw, PASSING, noHistory);
      } catch (error) {
        failures.push(`${label}: threw ${(error as Error).stack ?? String(error)}`);
        continue;
      }
      const { decision, message } = outcome;
      if (!decision || typeof decision.kind !== 'string') failures.push(`${label}: no decision`);
      // Only mail that did not parse goes unread, and it always reaches a person.
      else if (!message && !(decision.rule === 'unparseable' && escalates(decision)))
        failures.push(`${label}: unread but ${decision.rule}`);
      else if (decision.rule === 'decide-failed') failures.push(`${label}: deciding failed: ${decision.reason}`);
    }
    expect(failures).toEqual([]);
  });
});
