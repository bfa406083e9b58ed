/**
 * Does the answer mark survive real clients' quoting? For every real reply fixture that
 * quotes an earlier message (Gmail, Outlook, Apple Mail, Thunderbird, … in
 * `../shared/fixtures/real/human`), our answer's text part replaces the end of the quoted
 * block in that client's own style (`> ` lines, or an Outlook header block with the text
 * unmarked), and the message is parsed as faqmail parses mail. It counts where the mark is
 * found in the quoted text (a follow-up is recognised) and never in the writer's new text.
 * A measurement, not a test: it prints figures.
 *
 *   npx tsx bench/answer-mark-survival.ts [FIXTURES_DIR]
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { answerMark, hasAnswerMark } from '../lambda/mail/answer-mark';
import { parseMessage } from '../lambda/mail/parse';

const DIR = process.argv[2] ?? path.resolve(__dirname, '../../shared/fixtures/real/human');

/** Our answer's footer as the text part carries it (what a quoting client copies). */
const ANSWER_TAIL = [
  'This answer was chosen automatically from our FAQ. A person on our team reads every reply to this message, so if your question is still open, write back and one of us will answer.',
  '',
  answerMark(),
];

/** Re-wraps a line at `width` columns, as clients do when quoting. */
function wrap(line: string, width: number): string[] {
  const out: string[] = [];
  let current = '';
  for (const word of line.split(' ')) {
    if (current && current.length + word.length + 1 > width) {
      out.push(current);
      current = word;
    } else current = current ? `${current} ${word}` : word;
  }
  return [...out, current];
}

/** The text/plain region of a message: its whole body, or its text/plain part's body. */
function plainRegion(raw: string): [number, number] {
  const bodyStart = raw.search(/\r?\n\r?\n/);
  const boundary = /boundary="?([^";\r\n]+)"?/i.exec(raw.slice(0, bodyStart))?.[1];
  if (!boundary) return [bodyStart, raw.length];
  const part = raw.search(/^Content-Type: text\/plain/im);
  const start = raw.slice(part).search(/\r?\n\r?\n/) + part;
  const end = raw.indexOf(`\n--${boundary}`, start);
  return [start, end < 0 ? raw.length : end];
}

function withAnswerQuoted(raw: string): { text: string; style: string } | undefined {
  const [start, end] = plainRegion(raw);
  const body = raw.slice(start, end);
  const lines = body.split(/\r?\n/);
  const lastQuoted = lines.map((line) => /^>/.test(line)).lastIndexOf(true);
  const rebuilt = (text: string) => `${raw.slice(0, start)}${text}${raw.slice(end)}`;
  if (lastQuoted >= 0) {
    const prefix = /^(>[> ]*)/.exec(lines[lastQuoted])![1];
    const quoted = ANSWER_TAIL.flatMap((line) => (line ? wrap(line, 72 - prefix.length) : [''])).map((line) =>
      `${prefix}${line}`.trimEnd(),
    );
    lines.splice(lastQuoted + 1, 0, ...quoted);
    return { text: rebuilt(lines.join('\n')), style: '> quoting' };
  }
  if (/^(From|Von|De|Fra|Från|Od|От|Van|Lähettäjä): .+$/m.test(body) || /^-+ ?Original Message ?-+$/im.test(body)) {
    return { text: rebuilt(`${body.trimEnd()}\n${ANSWER_TAIL.join('\n')}\n`), style: 'header block, unmarked' };
  }
  return undefined;
}

async function main(): Promise<void> {
  if (!existsSync(DIR)) {
    process.stdout.write(`No real fixtures at ${DIR}: nothing to measure.\n`);
    return;
  }
  const tally = new Map<string, { found: number; total: number; misses: string[] }>();
  for (const name of readdirSync(DIR)
    .filter((file) => file.endsWith('.eml') || file.endsWith('.body.txt'))
    .sort()) {
    let raw = readFileSync(path.join(DIR, name), 'utf8');
    if (name.endsWith('.body.txt'))
      raw = `From: Writer <writer@example.net>\nTo: developers@example.com\nSubject: Re: Your question\nContent-Type: text/plain; charset=utf-8\n\n${raw}`;
    const built = withAnswerQuoted(raw);
    if (!built) continue;
    const message = await parseMessage(Buffer.from(built.text, 'utf8'));
    const ok = hasAnswerMark(message.quotedText) && !hasAnswerMark(message.newText);
    const row = tally.get(built.style) ?? { found: 0, total: 0, misses: [] };
    row.total += 1;
    if (ok) row.found += 1;
    else row.misses.push(name);
    tally.set(built.style, row);
  }
  process.stdout.write(`Answer mark "${answerMark()}" in real replies' quoting (${DIR}):\n`);
  for (const [style, row] of tally) {
    process.stdout.write(
      `  ${style}: recognised in ${row.found} of ${row.total}${row.misses.length ? `; missed: ${row.misses.join(', ')}` : ''}\n`,
    );
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
  process.exitCode = 1;
});
