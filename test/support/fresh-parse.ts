/**
 * Parses a plain UTF-8 message in a fresh Node process and says which modules that loaded: the
 * patches in patches/ defer libraries and tables to their first use, and only a process that
 * has loaded nothing yet shows whether parsing mail that needs none of them loads them anyway.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';

export interface FreshParse {
  /** The parsed message's text, trimmed. */
  text: string;
  /** For each path fragment asked about, whether a module whose file path contains it was loaded. */
  loaded: Record<string, boolean>;
}

export function parseInFreshProcess(fragments: readonly string[]): FreshParse {
  const script = [
    "const { parseMessage } = require('./lambda/mail/parse');",
    "const raw = Buffer.from('From: a@example.net\\r\\nTo: developers@example.com\\r\\nSubject: SCIM\\r\\n" +
      "Content-Type: text/plain; charset=utf-8\\r\\n\\r\\nIs there a FAQ for SCIM?\\r\\n');",
    `const fragments = ${JSON.stringify(fragments)};`,
    'const loaded = (part) => Object.keys(require.cache).some((file) => file.includes(part));',
    'parseMessage(raw).then((m) => {',
    '  process.stdout.write(JSON.stringify({ text: m.text.trim(), loaded: Object.fromEntries(fragments.map((f) => [f, loaded(f)])) }));',
    '});',
  ].join('\n');
  const root = path.resolve(__dirname, '..', '..');
  const run = spawnSync(process.execPath, ['--require', require.resolve('tsx/cjs'), '-e', script], { cwd: root, encoding: 'utf8' });
  if (run.stderr !== '') throw new Error(`parsing in a fresh process failed: ${run.stderr}`);
  return JSON.parse(run.stdout) as FreshParse;
}
