import { execFile } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { CONTENT_DIR } from '../lambda/config';
import { SAMPLE_FAQ_DIR } from './support/sample-faq';
import { bundledCommands } from './support/bundled-commands';
import { labelledSet } from './support/labelled-set';
import { tempDir } from './support/temp-dir';

const ROOT = path.resolve(__dirname, '..');
// tsx as a loader in one process: its command line starts a second Node process for every run (~0.3 s each).
const TSX_LOADER = ['--import', 'tsx'];
const EXAMPLES = path.join(ROOT, 'examples');
const bundled = bundledCommands([
  'tools/cli/respond.ts',
  'tools/cli/eval.ts',
  'tools/cli/check-content.ts',
  'tools/cli/export-labels.ts',
  'tools/cli/forward-held.ts',
  'tools/cli/fit-answer-model.ts',
  'tools/cli/rewrite-bundle.ts',
  'local/send.ts',
  'local/digest.ts',
  'local/start.ts',
  'local/transcript.ts',
  'bench/run.ts',
]);
// Up to five tests run at once (jest's maxConcurrency), beside the other suites and the type check and
// lint (npm test): a test that starts three commands waits for the others' too.
jest.setTimeout(120_000);

/**
 * Runs a command of the project as npm would, as a separate process, from its bundle (./support/bundled-commands) or,
 * `throughTsx`, from its source as npm does; resolves with how it exited and what it printed.
 * It reads the sample FAQ's fixed copy unless `env` names another folder (undefined: none): these tests check answers from the sample.
 */
function runScript(
  file: string,
  args: string[],
  input?: string,
  env: Record<string, string | undefined> = {},
  { throughTsx = false } = {},
): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = execFile(
      process.execPath,
      [...(throughTsx ? [...TSX_LOADER, path.join(ROOT, file)] : [bundled(file)]), ...args],
      { cwd: ROOT, encoding: 'utf8', env: { ...process.env, [CONTENT_DIR.env]: SAMPLE_FAQ_DIR, ...env }, timeout: 60_000 },
      (error, stdout, stderr) => {
        // A non-zero exit is an outcome these tests look at; only a process that could not run is an error.
        if (error && typeof error.code !== 'number') reject(new Error(`${file} did not run: ${error.message}`));
        else resolve({ code: error ? Number(error.code) : 0, stdout, stderr });
      },
    );
    child.stdin?.end(input);
  });
}

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

const run = (script: string, args: string[], input?: string, env: Record<string, string> = {}) =>
  runScript(path.join('tools/cli', script), args, input, env);

interface JsonLine {
  file: string;
  decision: string;
  rule: string;
  reply: boolean;
  escalate: boolean;
  heldBack: boolean;
  answers: Array<{ question: string; answer: string; score: number }>;
  reason: string;
}

describe('npm run respond', () => {
  it.concurrent('--json prints exactly one JSON object per file, and nothing else', async () => {
    const files = ['answered-inquiry.eml', 'escalated-inquiry.eml', 'out-of-office.eml', 'flagged-as-spam.eml'].map((f) =>
      path.join(EXAMPLES, f),
    );
    const { code, stdout, stderr } = await run('respond.ts', ['--json', ...files]);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const lines = stdout
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line) as JsonLine);
    expect(lines.map((l) => l.file)).toEqual(files);
    for (const line of lines)
      expect(Object.keys(line)).toEqual(['file', 'decision', 'rule', 'reply', 'escalate', 'heldBack', 'answers', 'reason']);
    const [answered, escalated, ooo, spam] = lines;
    expect(answered).toMatchObject({ reply: true, escalate: false });
    expect(answered.answers[0].question).toMatch(/cost associated/);
    expect(typeof answered.answers[0].score).toBe('number');
    expect(escalated).toMatchObject({ reply: false, escalate: true, answers: [] });
    expect(ooo).toMatchObject({ reply: false, escalate: false, answers: [] });
    expect(spam).toMatchObject({ reply: false, escalate: false, answers: [] });
  });

  // The other tests start each command from its bundle: this one holds the bundle to the sources as npm runs them.
  it.concurrent('prints from its source through tsx, as npm runs it, exactly what its bundle prints', async () => {
    const args = ['--json', ...['answered-inquiry.eml', 'escalated-inquiry.eml', 'out-of-office.eml'].map((f) => path.join(EXAMPLES, f))];
    const [fromSource, fromBundle] = await Promise.all([
      runScript('tools/cli/respond.ts', args, undefined, {}, { throughTsx: true }),
      runScript('tools/cli/respond.ts', args),
    ]);
    expect(fromSource).toMatchObject({ code: 0, stderr: '' });
    expect(fromSource.stdout).toMatch(/"reply":true/);
    expect(fromBundle).toEqual(fromSource);
  });

  // Before: the CLI knew no DMARC policy, so it dropped every DMARC failure, where the Lambda, told the policy
  // by SES, hands a failure under `none` to a person.
  it.concurrent("reads the From domain's DMARC policy where SES's Authentication-Results give it, and names it", async () => {
    const question = readFileSync(path.join(EXAMPLES, 'answered-inquiry.eml'), 'utf8');
    const stored = (dmarc: string) =>
      [
        'X-SES-Spam-Verdict: PASS',
        'X-SES-Virus-Verdict: PASS',
        `Authentication-Results: amazonses.com; spf=fail client-ip=192.0.2.1; dkim=none; ${dmarc} header.from=tallyhq.io;`,
        question,
      ].join('\r\n');
    const dir = tempDir('faqmail-cli-');
    const [none, unknown] = ['none', 'unknown'].map((name) => path.join(dir, `${name}.eml`));
    writeFileSync(none, stored('dmarc=fail (p=NONE sp=NONE dis=NONE)'));
    writeFileSync(unknown, stored('dmarc=fail'));
    const { code, stdout } = await run('respond.ts', ['--json', none, unknown]);
    expect(code).toBe(0);
    const [toPerson, dropped] = stdout
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line) as JsonLine);
    expect(toPerson).toMatchObject({ reply: false, escalate: true });
    expect(toPerson.reason).toContain("DMARC FAIL under policy none (from SES's Authentication-Results field)");
    expect(dropped).toMatchObject({ rule: 'dmarc-fail', reply: false, escalate: false });
    expect(dropped.reason).toContain('DMARC verdict FAIL under an unknown policy (SES gave none)');
  });

  it.concurrent('reads standard input for "-"', async () => {
    const { code, stdout } = await run('respond.ts', ['--json', '-'], readFileSync(path.join(EXAMPLES, 'answered-inquiry.eml'), 'utf8'));
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject({ file: '-', reply: true });
  });

  it.concurrent('prints the decision and the full mail as a person reads it', async () => {
    const { code, stdout } = await run('respond.ts', [path.join(EXAMPLES, 'escalated-inquiry.eml')]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^Decision: escalate \(/m);
    expect(stdout).toMatch(/^--- escalation to staff@example\.com ---$/m);
    expect(stdout).toMatch(/^Reply-To: .+@/m);
    expect(stdout).toMatch(/^Subject: \[faqmail\] /m);
    expect(stdout).toMatch(/\[attached: .+\(message\/rfc822, \d+ bytes\)\]/);
  });

  it.concurrent('reports a missing file and a file that is not mail on stderr, goes on with the others, and exits non-zero', async () => {
    const dir = tempDir('faqmail-cli-');
    const garbage = path.join(dir, 'garbage.eml');
    writeFileSync(garbage, Buffer.from([0, 1, 2, 3, 255, 254, 0, 0]));
    const missing = path.join(dir, 'missing.eml');
    const { code, stdout, stderr } = await run('respond.ts', ['--json', missing, garbage, path.join(EXAMPLES, 'answered-inquiry.eml')]);
    expect(code).toBe(1);
    expect(stderr).toContain(`${missing}: cannot read it (no such file)`);
    expect(stderr).toContain(`${garbage}: not an email message`);
    expect(stdout.trimEnd().split('\n')).toHaveLength(1);
    expect(JSON.parse(stdout)).toMatchObject({ reply: true });
  });

  // Typed in examples/, `npm run respond -- answered-inquiry.eml` said only "no such file" for a file the user could
  // see: npm runs every script in the project's root (it says where it was typed in INIT_CWD).
  it.concurrent('says, for a path typed in another folder than the root, the path from the root that npm reads it by', async () => {
    const { code, stderr } = await run('respond.ts', ['answered-inquiry.eml'], undefined, { INIT_CWD: EXAMPLES });
    expect(code).toBe(1);
    expect(stderr).toBe(
      `faqmail: answered-inquiry.eml: cannot read it (no such file in ${ROOT}, where npm runs every script wherever it is typed: ` +
        `give ${path.join('examples', 'answered-inquiry.eml')}, the path from there, or an absolute one)\n`,
    );
  });

  // It said only "cannot read it (it is a folder)": a folder of mail is what a user has, and the files are what it reads.
  it.concurrent('given a folder, says to give the .eml files in it', async () => {
    const { code, stderr } = await run('respond.ts', [EXAMPLES]);
    expect(code).toBe(1);
    expect(stderr).toBe(
      `faqmail: ${EXAMPLES}: cannot read it (it is a folder: give the messages in it, e.g. ${path.join(EXAMPLES, '*.eml')})\n`,
    );
  });

  // Before: an mbox was read as one message (the first), the others silently left out.
  it.concurrent('reads an mbox as its messages, each decided in turn and named FILE#1, FILE#2 ...', async () => {
    const dir = tempDir('faqmail-cli-');
    const mbox = path.join(dir, 'inbox.mbox');
    const message = (name: string) => readFileSync(path.join(EXAMPLES, name), 'utf8').replace(/\r\n/g, '\n');
    writeFileSync(
      mbox,
      ['answered-inquiry.eml', 'out-of-office.eml', 'escalated-inquiry.eml']
        .map((name, at) => `From ${at === 1 ? 'MAILER-DAEMON' : '-'} Tue Oct 14 09:1${at}:44 2025\n${message(name)}\n`)
        .join(''),
    );
    const { code, stdout, stderr } = await run('respond.ts', ['--json', mbox]);
    expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
    const lines = stdout
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line) as JsonLine);
    expect(lines.map(({ file, reply, escalate }) => ({ file, reply, escalate }))).toEqual([
      { file: `${mbox}#1`, reply: true, escalate: false },
      { file: `${mbox}#2`, reply: false, escalate: false },
      { file: `${mbox}#3`, reply: false, escalate: true },
    ]);
  });

  it.concurrent('names a bad setting instead of running', async () => {
    const { code, stderr, stdout } = await run('respond.ts', ['--json', path.join(EXAMPLES, 'answered-inquiry.eml')], undefined, {
      FAQMAIL_ANSWER_THRESHOLD: 'high',
    });
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toMatch(/Invalid setting FAQMAIL_ANSWER_THRESHOLD: "high" must be a number greater than 0 and less than 1/);
  });

  it.concurrent('names a content folder without FAQ files in one line, as it names bad content', async () => {
    const { code, stderr } = await run('respond.ts', [path.join(EXAMPLES, 'answered-inquiry.eml')], undefined, {
      FAQMAIL_CONTENT_DIR: tempDir('faqmail-content-'),
    });
    expect(code).toBe(2);
    expect(stderr).toMatch(/^faqmail: \S+: the FAQ content folder has no \.md files \(npm run check-content checks the FAQ; .*\)\n$/);
  });

  it.concurrent.each(['', ' '])(
    'takes an empty FAQMAIL_CONTENT_DIR (%j) for the shipped FAQ, as every empty setting counts as not set',
    async (empty) => {
      const { code, stderr } = await run('respond.ts', ['--json', path.join(EXAMPLES, 'answered-inquiry.eml')], undefined, {
        FAQMAIL_CONTENT_DIR: empty,
      });
      expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
      expect(await run('check-content.ts', [], undefined, { FAQMAIL_CONTENT_DIR: empty })).toMatchObject({ code: 0, stderr: '' });
    },
  );

  it.concurrent('explains usage when given no file', async () => {
    const { code, stderr } = await run('respond.ts', []);
    expect(code).toBe(2);
    expect(stderr).toMatch(/^usage: npm run respond/);
  });

  it.concurrent('shows a score the same way in text and in JSON', async () => {
    const file = path.join(EXAMPLES, 'answered-inquiry.eml');
    const score = (JSON.parse((await run('respond.ts', ['--json', file])).stdout) as JsonLine).answers[0].score;
    expect((await run('respond.ts', [file])).stdout).toContain(
      `  ${score.toFixed(2)}  Is there a cost associated with joining the OIN?  (sent)`,
    );
  });

  it.concurrent('in shadow mode says the answer is proposed to staff and sent to no writer, in text and in JSON', async () => {
    const file = path.join(EXAMPLES, 'answered-inquiry.eml');
    const shadow = { FAQMAIL_MODE: 'shadow' };
    const text = await run('respond.ts', [file], undefined, shadow);
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/^Decision: answer \(matched\) \[shadow: no reply sent; proposal to staff\] — /m);
    expect(text.stdout).toMatch(/Is there a cost associated with joining the OIN\? {2}\(proposed\)$/m);
    expect(text.stdout).not.toContain('(sent)');
    expect(text.stdout).toMatch(/^--- escalation to staff@example\.com ---$/m);
    const json = JSON.parse((await run('respond.ts', ['--json', file], undefined, shadow)).stdout) as JsonLine;
    expect(json).toMatchObject({ decision: 'answer', reply: false, escalate: true, heldBack: true });
    expect(JSON.parse((await run('respond.ts', ['--json', file])).stdout)).toMatchObject({ reply: true, escalate: false, heldBack: false });
  });

  it.concurrent('--explain adds how the message was read and matched', async () => {
    const { code, stdout } = await run('respond.ts', ['--explain', path.join(EXAMPLES, 'escalated-inquiry.eml')]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^Questions extracted \(\d+\):$/m);
    expect(stdout).toMatch(/^--- escalation to staff@example\.com ---$/m);
  });

  it.concurrent('names an unknown option in one line', async () => {
    const { code, stderr } = await run('respond.ts', ['--jsno', 'x.eml']);
    expect(code).toBe(2);
    expect(stderr).toBe('faqmail: unknown argument --jsno (npm run respond -- --help lists them)\n');
    expect((await run('respond.ts', ['-j', 'x.eml'])).stderr).toBe('faqmail: unknown argument -j (npm run respond -- --help lists them)\n');
  });
});

describe('--help', () => {
  it.concurrent.each([
    ['tools/cli/respond.ts', /^usage: npm run respond -- \[--json \| --explain\]/],
    ['tools/cli/eval.ts', /^usage: npm run eval -- DIR/],
    ['tools/cli/check-content.ts', /^usage: npm run check-content/],
    ['local/send.ts', /^usage: npm run send -- \[--to ADDRESS \.\.\.\]/],
    ['bench/run.ts', /^usage: npm run bench/],
    ['local/digest.ts', /^usage: npm run digest/],
    ['tools/cli/export-labels.ts', /^usage: npm run export-labels/],
    ['tools/cli/forward-held.ts', /^usage: npm run forward-held/],
    // Neither fits nor rewrites docs/local-run.md when asked for help.
    ['tools/cli/fit-answer-model.ts', /^usage: npm run fit/],
    ['local/transcript.ts', /^usage: npm run transcript/],
    // Prints its usage rather than starting the local cloud.
    ['local/start.ts', /^usage: npm start/],
  ])('%s --help prints its usage and exits 0', async (script, usage) => {
    const { code, stdout } = await runScript(script, ['--help']);
    expect(code).toBe(0);
    expect(stdout).toMatch(usage);
    expect(stdout).toMatch(/--help +this text/);
  });

  it.concurrent.each([
    ['tools/cli/respond.ts', 'npm run respond'],
    ['tools/cli/eval.ts', 'npm run eval'],
    ['tools/cli/check-content.ts', 'npm run check-content'],
    ['local/send.ts', 'npm run send'],
    ['bench/run.ts', 'npm run bench'],
    ['local/digest.ts', 'npm run digest'],
    ['tools/cli/export-labels.ts', 'npm run export-labels'],
    ['tools/cli/forward-held.ts', 'npm run forward-held'],
    ['tools/cli/fit-answer-model.ts', 'npm run fit'],
    ['local/transcript.ts', 'npm run transcript'],
    ['local/start.ts', 'npm start'],
    ['tools/cli/rewrite-bundle.ts', 'npx tsx tools/cli/rewrite-bundle.ts'],
  ])('%s names an argument it does not take in the words every command uses', async (script, command) => {
    expect(await runScript(script, ['--nope'])).toMatchObject({
      code: 2,
      stdout: '',
      stderr: `faqmail: unknown argument --nope (${command} -- --help lists them)\n`,
    });
  });

  // npm takes every option before its `--` as its own: `npm run fit [-- --check] [--with DIR ...]` read as
  // `npm run fit --with DIR` handed the script no --with at all. Every option a usage line offers follows one `--`.
  it.concurrent.each(['tools/cli/fit-answer-model.ts', 'bench/run.ts'])("%s --help gives every option after npm's --", async (script) => {
    const { stdout } = await runScript(script, ['--help']);
    const usage = /^usage: .*$/m.exec(stdout)?.[0] ?? '';
    // The optional `[-- ...]` group, to its matching bracket, holds every option.
    const start = usage.indexOf('[-- ');
    let end = start;
    for (let depth = 0; end < usage.length; end += 1) {
      if (usage[end] === '[') depth += 1;
      if (usage[end] === ']' && --depth === 0) break;
    }
    expect(start).toBeGreaterThan(0);
    expect(usage.slice(end + 1)).not.toMatch(/--/);
  });

  // It reads the records of messages received in the period (as docs/operate-shadow.md says): a verdict given
  // today on last month's mail is not in an export --since today, whatever the help once said.
  it.concurrent('npm run export-labels --help bounds the period by when the messages were received, not the verdicts', async () => {
    const { stdout } = await runScript('tools/cli/export-labels.ts', ['--help']);
    expect(stdout).toMatch(/verdicts on the messages received since DATE/);
    expect(stdout).toMatch(/--since DATE +start of the period, by when each message was received/);
    expect(stdout).not.toMatch(/verdicts recorded|day of verdicts/);
  });
});

describe('npm run eval', () => {
  it.concurrent('scores a labelled set and lists each failing case', async () => {
    const dir = labelledSet({
      messages: ['answered-inquiry.eml', 'out-of-office.eml'],
      keys: { 'oin-cost': 'Is there a cost associated with joining the OIN', 'oin-signup': 'Where can I sign up' },
      labels: [
        { file: 'answered-inquiry.eml', faq: ['oin-cost'], escalate: false, reply: true, kind: 'single' },
        { file: 'out-of-office.eml', faq: ['oin-signup'], escalate: false, reply: true, kind: 'deliberately-wrong' },
      ],
    });
    const { code, stdout } = await run('eval.ts', [dir]);
    expect(code).toBe(0);
    expect(stdout).toContain('| overall (every criterion) | 1 | 2 |  50.0% |');
    expect(stdout).toContain('| answerable: right entries, ≤1 extra | 1 | 2 |  50.0% |');
    expect(stdout).toContain(
      '- out-of-office.eml (deliberately-wrong): expected answers [oin-signup], escalate false; got no reply, escalate false',
    );
  });

  it.concurrent(
    'names the messages of the folder that have no label, rather than leaving them out of the count without a word',
    async () => {
      const dir = labelledSet({
        messages: ['answered-inquiry.eml', 'out-of-office.eml'],
        keys: { 'oin-cost': 'Is there a cost associated with joining the OIN' },
        labels: [{ file: 'answered-inquiry.eml', faq: ['oin-cost'], escalate: false, reply: true, kind: 'single' }],
      });
      const { code, stdout } = await run('eval.ts', [dir]);
      expect(code).toBe(0);
      expect(stdout).toMatch(/^faqmail on \S+ \(1 messages; not scored, no line in labels\.jsonl: out-of-office\.eml\)\n/);
    },
  );

  it.concurrent('--explain shows the questions read and the candidates with their scores', async () => {
    const { code, stdout } = await run('eval.ts', ['--explain', path.join(EXAMPLES, 'answered-inquiry.eml')]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^Decision: answer \(matched\)/m);
    expect(stdout).toMatch(/Is there a cost associated with joining the OIN\?/);
    expect(stdout).toMatch(/\d\.\d\d/);
  });

  it.concurrent('--explain refuses a file that is not mail, naming it as npm run respond does', async () => {
    const garbage = path.join(tempDir('faqmail-cli-'), 'garbage.eml');
    writeFileSync(garbage, Buffer.from([0, 1, 2, 3, 255, 254, 0, 0]));
    const { code, stdout, stderr } = await run('eval.ts', ['--explain', garbage]);
    // As npm run respond exits for a file it cannot use (2 is for the command line and the settings).
    expect(code).toBe(1);
    expect(stderr).toContain(`${garbage}: not an email message`);
    expect(stdout).toBe('');
  });

  // Before, the first file it could not read ended the run: the files after it were explained by neither command.
  it.concurrent('--explain goes on past a file it cannot read, as npm run respond --explain does, and exits non-zero', async () => {
    const missing = path.join(tempDir('faqmail-cli-'), 'missing.eml');
    const file = path.join(EXAMPLES, 'answered-inquiry.eml');
    const { code, stdout, stderr } = await run('eval.ts', ['--explain', missing, file]);
    expect(code).toBe(1);
    expect(stderr).toBe(`faqmail: ${missing}: cannot read it (no such file)\n`);
    expect(stdout).toMatch(new RegExp(`^== ${file}\\nDecision: answer \\(matched\\)`));
  });

  it.concurrent('names an unknown option in one line instead of scoring', async () => {
    const { code, stderr } = await run('eval.ts', ['--fold', path.join(ROOT, 'test/fixtures/inquiries')]);
    expect(code).toBe(2);
    expect(stderr).toBe('faqmail: unknown argument --fold (npm run eval -- --help lists them)\n');
  });

  it.concurrent.each([
    [
      'a label for a message not in the set',
      { 'oin-cost': 'Is there a cost' },
      'nope.eml',
      ['oin-cost'],
      /labels\.jsonl: nope\.eml: no such message in /,
    ],
    [
      'a label key faq-keys.json does not name',
      { 'oin-cost': 'Is there a cost' },
      'answered-inquiry.eml',
      ['oin-price'],
      /labels\.jsonl: answered-inquiry\.eml: faq key "oin-price" is neither in \S*faq-keys\.json nor an FAQ entry's id/,
    ],
    [
      'a faq-keys.json that is not an object of texts',
      ['Is there a cost'],
      'answered-inquiry.eml',
      [],
      /faq-keys\.json: must be one JSON object of "key": "text of the entry's question"/,
    ],
    [
      'a faq-keys.json key that matches no entry',
      { ghost: 'no such entry' },
      'answered-inquiry.eml',
      [],
      /faq-keys\.json: faq key "ghost" \("no such entry"\) matches no FAQ entry/,
    ],
  ])('names %s in one line, rather than a stack trace or a case that can never pass', async (_what, keys, file, faq, message) => {
    const dir = labelledSet({
      messages: ['answered-inquiry.eml'],
      keys,
      labels: [{ file, faq, escalate: false, reply: true, kind: 'single' }],
    });
    const { code, stderr } = await run('eval.ts', [dir]);
    expect(code).toBe(2);
    expect(stderr).toMatch(new RegExp(`^faqmail: \\S+${message.source}.*\\nusage: npm run eval`));
    expect(stderr).not.toMatch(/\n\s+at /);
  });

  // Before, `eval DIR` scored such a file as mail handed to staff (a pass where the label said so), `--folds` named
  // no file, `fit --with` printed a stack, and a label naming a folder stopped `eval DIR` with EISDIR's stack.
  it.concurrent.each([
    ['eval DIR', 'not an email message', 'eval.ts', (set: string) => [set]],
    ['eval --folds', 'not an email message', 'eval.ts', (set: string) => ['--folds', set, path.join(ROOT, 'test/fixtures/inquiries')]],
    ['fit --with', 'not an email message', 'fit-answer-model.ts', (set: string) => ['--check', '--with', set]],
    ['eval DIR', 'a folder, not a message', 'eval.ts', (set: string) => [set]],
  ])(
    '%s refuses a labelled file that is %s, naming it, rather than scoring it or printing a stack',
    async (_command, what, script, args) => {
      const set = labelledSet({ labels: [{ file: 'garbage.eml', faq: [], escalate: true, reply: false }] });
      if (what === 'not an email message') writeFileSync(path.join(set, 'garbage.eml'), Buffer.from([0, 1, 2, 3, 255, 254, 0, 0]));
      else mkdirSync(path.join(set, 'garbage.eml'));
      const { code, stdout, stderr } = await run(script, args(set));
      expect(code).toBe(2);
      expect(stderr).toMatch(new RegExp(`^faqmail: ${path.join(set, 'labels.jsonl')}: garbage\\.eml: ${what}`));
      expect(stderr).not.toMatch(/\n\s+at /);
      expect(stdout).toBe('');
    },
  );

  it.concurrent('refuses a set with no labels rather than scoring nothing', async () => {
    const dir = labelledSet({ labels: [] });
    const { code, stderr } = await run('eval.ts', [dir]);
    expect(code).toBe(2);
    expect(stderr).toMatch(/^faqmail: \S+labels\.jsonl holds no labels \(one JSON object a line: docs\/labels\.md\)\n/);
  });

  it.concurrent('says the set is missing, or is a file, rather than naming a labels.jsonl inside it', async () => {
    const gone = path.join(tmpdir(), 'faqmail-no-such-set');
    const missing = await run('eval.ts', [gone]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(new RegExp(`^faqmail: ${gone} does not exist: give the folder of a labelled set`));
    const file = path.join(EXAMPLES, 'answered-inquiry.eml');
    const notAFolder = await run('eval.ts', [file]);
    expect(notAFolder.code).toBe(2);
    expect(notAFolder.stderr).toMatch(
      new RegExp(`^faqmail: ${file} is not a folder: .*npm run eval -- --explain FILE\\.eml explains one message`),
    );
  });

  // Before: "EISDIR: illegal operation on a directory, read", naming no file, or faq-keys.json "not JSON".
  it.concurrent.each(['labels.jsonl', 'faq-keys.json'])('names a folder where the set has its %s, as a folder', async (name) => {
    const dir = labelledSet({
      messages: ['answered-inquiry.eml'],
      labels: [{ file: 'answered-inquiry.eml', faq: [], escalate: true, reply: true }],
    });
    rmSync(path.join(dir, name));
    mkdirSync(path.join(dir, name));
    const { code, stderr } = await run('eval.ts', [dir]);
    expect(code).toBe(2);
    expect(stderr).toMatch(
      new RegExp(
        `^faqmail: ${path.join(dir, name)}: a folder, not a file \\(a labelled set holds \\*\\.eml, labels\\.jsonl and faq-keys\\.json\\)\\n`,
      ),
    );
  });

  it.concurrent('says what is missing when the folder has no labels', async () => {
    const { code, stderr } = await run('eval.ts', [tempDir('faqmail-eval-')]);
    expect(code).toBe(2);
    expect(stderr).toMatch(/labels\.jsonl does not exist/);
  });

  // Before, two sets in folders of one name (team-a/messages, team-b/messages) made two rows both called "messages":
  // which figures were whose could not be told.
  it.concurrent('--folds names sets in folders of the same name by the paths given, so that each row says whose it is', async () => {
    const root = tempDir('faqmail-folds-');
    const sets = ['team-a', 'team-b'].map((team) =>
      labelledSet({
        messages: ['answered-inquiry.eml'],
        keys: { 'oin-cost': 'Is there a cost associated with joining the OIN' },
        labels: [{ file: 'answered-inquiry.eml', faq: ['oin-cost'], escalate: false, reply: true, kind: 'single' }],
        dir: path.join(root, team, 'messages'),
      }),
    );
    const { code, stdout } = await run('eval.ts', ['--folds', ...sets]);
    expect(code).toBe(0);
    for (const set of sets) {
      expect(stdout).toContain(`\n| ${set} (1) | `);
      expect(stdout).toContain(`\n${set}: no failing case`);
    }
  });
});

describe('mistakes on the command line, in one line each', () => {
  const script = async (file: string, args: string[], env: Record<string, string | undefined> = {}) => {
    const { code, stderr } = await runScript(file, args, undefined, env);
    return { code, stderr };
  };

  it.concurrent('npm run send names a file it cannot read, as the other commands do', async () => {
    expect(await script('local/send.ts', ['no-such-file.eml'])).toEqual({
      code: 1,
      stderr: 'faqmail: no-such-file.eml: cannot read it (no such file)\n',
    });
  });

  // Before, -t was read as a file it could not read, and the message after it went to its own To all the same.
  it.concurrent('npm run send names an unknown short option before sending anything, as npm run respond does', async () => {
    expect(await script('local/send.ts', ['-t', 'someone@example.com', path.join(EXAMPLES, 'answered-inquiry.eml')])).toEqual({
      code: 2,
      stderr: 'faqmail: unknown argument -t (npm run send -- --help lists them)\n',
    });
  });

  it.concurrent('npm run send --verdict names a bad port setting in one line', async () => {
    expect(await script('local/send.ts', ['--verdict', 'good'], { FAQMAIL_LOCAL_SES_PORT: 'abc' })).toEqual({
      code: 2,
      stderr: 'faqmail: FAQMAIL_LOCAL_SES_PORT="abc" is not a port number (0-65535; 0 picks a free port)\n',
    });
  });

  // Before, npm start refused a misspelt FAQMAIL_LOCAL_* name, but the commands that reach it used the default port
  // without a word: nothing listened there, or another local cloud took the mail.
  it.concurrent('npm run send and digest name a misspelt local port variable, as npm start does', async () => {
    const line =
      'faqmail: Unknown setting FAQMAIL_LOCAL_SES_PROT: did you mean FAQMAIL_LOCAL_SES_PORT? (docs/settings.md lists every setting)\n';
    const nowhere = { FAQMAIL_LOCAL_SMTP_PORT: '1', FAQMAIL_LOCAL_DYNAMODB_PORT: '2', FAQMAIL_LOCAL_SES_PROT: '3' };
    expect(await script('local/send.ts', [path.join(EXAMPLES, 'answered-inquiry.eml')], nowhere)).toEqual({ code: 2, stderr: line });
    expect(await script('local/digest.ts', [], nowhere)).toEqual({ code: 2, stderr: line });
  });

  it.concurrent('npm run send --verdict refuses words faqmail would not take for a verdict, before sending anything', async () => {
    const nowhere = { FAQMAIL_LOCAL_SES_PORT: '1', FAQMAIL_LOCAL_SMTP_PORT: '2' };
    // `should answer:` naming no entry is listed in the digest as unreadable, never recorded: no verdict to send either.
    const refused = ['godo', '', 'should answer', 'should answer:'];
    // Started together: one at a time, five runs outlast the test's timeout on a loaded machine.
    const runs = await Promise.all([...refused, 'wrong:'].map((verdict) => script('local/send.ts', [`--verdict=${verdict}`], nowhere)));
    refused.forEach((verdict, i) => {
      expect({ code: runs[i].code, stderr: runs[i].stderr }).toEqual({
        code: 2,
        stderr: expect.stringMatching(
          new RegExp(
            `^faqmail: --verdict "${verdict}" is not a verdict faqmail takes \\(good, wrong, wrong: <entry>, should answer: <entry>\\)\n`,
          ),
        ),
      });
    });
    // `wrong:` naming nothing is a bare `wrong`: past the checks, it fails only for want of a local cloud.
    expect(runs[refused.length].stderr).not.toMatch(/is not a verdict|no FAQ entry/);
  });

  it.concurrent('npm run send --verdict refuses, before sending anything, a verdict faqmail would not take as meant', async () => {
    const nowhere = { FAQMAIL_LOCAL_SES_PORT: '1', FAQMAIL_LOCAL_SMTP_PORT: '2' };
    // Each was sent: from a non-staff address the reply is an inquiry; an unknown entry is recorded as naming none.
    expect(await script('local/send.ts', ['--verdict', 'good', '--from', 'writer@customer.example'], nowhere)).toEqual({
      code: 2,
      stderr: expect.stringMatching(/^faqmail: --from writer@customer\.example is not a staff address \(FAQMAIL_STAFF_ADDRESSES: /),
    });
    expect(await script('local/send.ts', ['--verdict', 'wrong: qwzx vbnm'], nowhere)).toEqual({
      code: 2,
      stderr: expect.stringMatching(/^faqmail: --verdict names "qwzx vbnm", which is no FAQ entry \(give its key/),
    });
    expect(await script('local/send.ts', ['--verdict', 'good', '--verdict=wrong'], nowhere)).toEqual({
      code: 2,
      stderr: 'faqmail: --verdict given twice ("good", "wrong"): give it once\n',
    });
  });

  it.concurrent('npm run digest names a bad setting and bad content in one line each, before it looks for the local cloud', async () => {
    expect(await script('local/digest.ts', [], { FAQMAIL_MAX_ANSWERS: 'abc' })).toEqual({
      code: 2,
      stderr:
        'faqmail: Invalid setting FAQMAIL_MAX_ANSWERS: "abc" must be a whole number from 1 to 10 (docs/settings.md lists every setting)\n',
    });
    const content = tempDir('faqmail-content-');
    writeFileSync(path.join(content, 'faq.md'), '**Q: Lonely?**\n');
    const { code, stderr } = await script('local/digest.ts', [], { FAQMAIL_CONTENT_DIR: content });
    expect(code).toBe(2);
    expect(stderr).toMatch(
      /^faqmail: \S+faq\.md:1: the question "Lonely\?" has no answer .*\(npm run check-content checks the FAQ; .*\)\n$/,
    );
  });

  it.concurrent(
    'npm run digest refuses a --since in the future (no --until: now) in one line, before it looks for the local cloud',
    async () => {
      const nowhere = { FAQMAIL_LOCAL_DYNAMODB_PORT: '1', FAQMAIL_LOCAL_SES_PORT: '2' };
      expect(await script('local/digest.ts', ['--since', '2099-01-01'], nowhere)).toEqual({
        code: 2,
        stderr: expect.stringMatching(/^faqmail: --since must come before --until \(now, when not given\)\nusage: npm run digest/),
      });
    },
  );

  it.concurrent('npm run digest and npm run export-labels refuse an option given twice rather than take the last', async () => {
    for (const file of ['local/digest.ts', 'tools/cli/export-labels.ts']) {
      const { code, stderr } = await script(file, ['--since', '2026-03-02', '--since=2026-03-09']);
      expect({ file, code, stderr: stderr.split('\n')[0] }).toEqual({
        file,
        code: 2,
        stderr: 'faqmail: --since given twice: give it once',
      });
    }
  });

  it.concurrent('npm run forward-held refuses what it cannot act on rightly, before it reads a record or sends a mail', async () => {
    const first = async (args: string[], env: Record<string, string | undefined> = {}) => {
      const { code, stderr } = await script('tools/cli/forward-held.ts', args, env);
      return { code, stderr: stderr.split('\n')[0] };
    };
    const since = ['--since', '2026-03-02'];
    expect(await first([...since, '--rule', 'sender-limit'])).toEqual({
      code: 2,
      stderr: 'faqmail: --rule "sender-limit" is no cap\'s rule: escalation-cap or hourly-escalation-cap',
    });
    expect(await first([...since, '--sender', 'Sam Writer'])).toEqual({
      code: 2,
      stderr: 'faqmail: --sender "Sam Writer" is not an email address (the From address alone, e.g. sam@writer.example)',
    });
    // Dropped, the value would send what a dry run was asked for.
    expect(await first([...since, '--dry-run=false'])).toEqual({
      code: 2,
      stderr: 'faqmail: --dry-run takes no value (given, it applies; left out, it does not)',
    });
    expect(await first([...since, '--sender', 'a@b.example', '--sender=c@d.example'])).toEqual({
      code: 2,
      stderr: 'faqmail: --sender given twice: give it once',
    });
    // The defaults would send staff's mail from and to example.com.
    expect(await first(since, { FAQMAIL_INBOX_ADDRESS: undefined, FAQMAIL_STAFF_ADDRESSES: undefined })).toEqual({
      code: 2,
      stderr:
        'faqmail: FAQMAIL_INBOX_ADDRESS and FAQMAIL_STAFF_ADDRESSES must be set as the stack has them: the held mail goes from the inbox to the staff addresses (or use --local, or --dry-run)',
    });
  });

  // Before, each printed a stack trace under "DynamoDB table t: reading the decisions of 2026-03-02 failed: ReferenceError: Unable
  // to find AWS credentials ..." (or "Invalid region specified"): what a user sets up, not a bug.
  it.concurrent(
    'npm run export-labels and forward-held say in one line that AWS is not set up: no credentials, an unknown region',
    async () => {
      const home = tempDir('faqmail-home-');
      const stack = { FAQMAIL_STATE_TABLE: 'faqmail-state', FAQMAIL_MAIL_BUCKET: 'faqmail-mail', AWS_REGION: 'us-east-1' };
      const noCredentials = {
        HOME: home,
        AWS_SHARED_CREDENTIALS_FILE: path.join(home, 'credentials'),
        AWS_CONFIG_FILE: path.join(home, 'config'),
        AWS_PROFILE: undefined,
        AWS_ACCESS_KEY_ID: undefined,
        AWS_SECRET_ACCESS_KEY: undefined,
        AWS_SESSION_TOKEN: undefined,
        AWS_CONTAINER_CREDENTIALS_RELATIVE_URI: undefined,
        AWS_CONTAINER_CREDENTIALS_FULL_URI: undefined,
        // Off an EC2 instance nothing answers there; on one, its role's credentials would be found.
        AWS_EC2_METADATA_DISABLED: 'true',
      };
      const since = ['--since', '2026-03-02'];
      const howToFix =
        '\\(the deployed stack is read with your AWS credentials, e.g. AWS_PROFILE, in its region, AWS_REGION; --local reads the local cloud\\)';
      for (const file of ['tools/cli/export-labels.ts', 'tools/cli/forward-held.ts']) {
        const args = file.endsWith('forward-held.ts') ? [...since, '--dry-run'] : since;
        expect({ file, ...(await script(file, args, { ...stack, ...noCredentials })) }).toEqual({
          file,
          code: 2,
          stderr: expect.stringMatching(
            new RegExp(`^faqmail: AWS is not set up here: Unable to find AWS credentials[^\\n]* ${howToFix}\\n$`),
          ),
        });
      }
      const unknownRegion = { ...stack, AWS_REGION: 'us-est-1', AWS_ACCESS_KEY_ID: 'AKIAEXAMPLE', AWS_SECRET_ACCESS_KEY: 'example' };
      expect(await script('tools/cli/export-labels.ts', since, unknownRegion)).toEqual({
        code: 2,
        stderr: expect.stringMatching(new RegExp(`^faqmail: AWS is not set up here: Invalid region specified: us-est-1 ${howToFix}\\n$`)),
      });
    },
  );

  // Before: "The handler needs the environment variable(s) AWS_REGION: name the stack's StateTableName and MailBucketName
  // outputs", naming a handler the user did not run and, for the region, outputs that were not missing.
  it.concurrent(
    'npm run export-labels and forward-held name each variable the deployed stack needs that is not set, and where it comes from',
    async () => {
      const unset = { AWS_REGION: undefined, FAQMAIL_STATE_TABLE: undefined, FAQMAIL_MAIL_BUCKET: undefined };
      const since = ['--since', '2026-03-02'];
      expect(await script('tools/cli/export-labels.ts', since, unset)).toEqual({
        code: 2,
        stderr:
          'faqmail: reading the deployed stack needs AWS_REGION (the region it is deployed in), FAQMAIL_MAIL_BUCKET (its output ' +
          'MailBucketName) and FAQMAIL_STATE_TABLE (its output StateTableName); or use --local for the local cloud\n',
      });
      expect(
        await script('tools/cli/forward-held.ts', [...since, '--dry-run'], {
          ...unset,
          FAQMAIL_STATE_TABLE: 't',
          FAQMAIL_MAIL_BUCKET: 'b',
        }),
      ).toEqual({
        code: 2,
        stderr: 'faqmail: reading the deployed stack needs AWS_REGION (the region it is deployed in); or use --local for the local cloud\n',
      });
    },
  );

  // Before: "The state table does not answer: start the local cloud with `npm start` (DynamoDB table faqmail-local-state:
  // reading the decisions of 2026-03-02 failed: Error: @aws-lite/client: dynamodb: connect ECONNREFUSED 127.0.0.1:1)",
  // where npm run digest says the same thing plainly, with the variable for a cloud on another port.
  it.concurrent(
    'npm run export-labels --local and forward-held --local say the local cloud does not answer as npm run digest does',
    async () => {
      const nowhere = { FAQMAIL_LOCAL_DYNAMODB_PORT: '1', FAQMAIL_LOCAL_S3_PORT: '2', FAQMAIL_LOCAL_SES_PORT: '3' };
      const line =
        'faqmail: The local cloud does not answer at http://127.0.0.1:1: start it with `npm start` (or set FAQMAIL_LOCAL_DYNAMODB_PORT to its port).\n';
      for (const file of ['tools/cli/export-labels.ts', 'tools/cli/forward-held.ts', 'local/digest.ts']) {
        const args = file === 'local/digest.ts' ? [] : ['--local', '--since', '2026-03-02'];
        expect({ file, ...(await script(file, args, nowhere)) }).toEqual({ file, code: 2, stderr: line });
      }
    },
  );

  // Before, --local=false read the local cloud: the value was dropped without a word.
  it.concurrent('npm run export-labels refuses a value given to --local rather than ignore it', async () => {
    const { code, stderr } = await script('tools/cli/export-labels.ts', ['--local=false', '--since', '2026-03-02']);
    expect(code).toBe(2);
    expect(stderr).toMatch(
      /^faqmail: --local takes no value \(given, it reads the local cloud; left out, the deployed stack\)\nusage: npm run export-labels/,
    );
  });

  it.concurrent('npm run export-labels refuses an --out with no folder rather than writing to the default one', async () => {
    const { code, stderr } = await script('tools/cli/export-labels.ts', ['--since', '2026-03-02', '--out']);
    expect(code).toBe(2);
    expect(stderr).toMatch(/^faqmail: --out needs a folder\nusage: npm run export-labels/);
  });

  it.concurrent(
    'npm run export-labels (and digest, which reads dates alike) refuses a day that does not exist, rather than taking a later one',
    async () => {
      expect(await script('tools/cli/export-labels.ts', ['--since', '2026-02-30'])).toEqual({
        code: 2,
        stderr: expect.stringMatching(
          /^faqmail: --since "2026-02-30" is not a date \(2026-02 has no day 30\)\nusage: npm run export-labels/,
        ),
      });
      expect((await script('tools/cli/export-labels.ts', ['--since', '2026-03-01', '--until=2026-04-31T09:00Z'])).stderr).toMatch(
        /^faqmail: --until "2026-04-31T09:00Z" is not a date \(2026-04 has no day 31\)\n/,
      );
    },
  );

  // The usages say UTC (npm run digest: "Dates are ... UTC"; the records' days are UTC): a time with no zone was read in the
  // machine's own, so on a machine in Berlin on the day clocks go forward, 09:00 bounded the period at 07:00 UTC.
  it.concurrent(
    "npm run export-labels (and digest, which reads dates alike) reads a time with no zone as UTC, whatever the machine's",
    async () => {
      const { code, stderr } = await script(
        'tools/cli/export-labels.ts',
        ['--since', '2026-03-29T09:00', '--until', '2026-03-29 08:00:00'],
        {
          TZ: 'Europe/Berlin',
        },
      );
      expect({ code, stderr }).toEqual({
        code: 2,
        stderr: 'faqmail: --since (2026-03-29T09:00:00.000Z) must come before --until (2026-03-29T08:00:00.000Z)\n',
      });
    },
  );

  it.concurrent('npm run export-labels refuses an --out that is a file, before reading any verdict', async () => {
    expect(await script('tools/cli/export-labels.ts', ['--since', '2026-03-02', '--out', 'README.md'])).toEqual({
      code: 2,
      stderr:
        'faqmail: --out README.md is a file, not a folder (the set is written into a folder: its .eml files, labels.jsonl and faq-keys.json)\n',
    });
  });

  // Before, it wrote its labels.jsonl and faq-keys.json over the set there (a month's export, whose verdicts may have
  // expired since, or a hand-labelled set) and mixed its messages with the others, with exit 0.
  it.concurrent('npm run export-labels refuses an --out folder that holds files, before reading any verdict', async () => {
    const set = tempDir('faqmail-set-');
    writeFileSync(path.join(set, 'labels.jsonl'), '{"file":"a.eml","faq":[],"escalate":true,"reply":true}\n');
    const nowhere = { FAQMAIL_LOCAL_DYNAMODB_PORT: '1', FAQMAIL_LOCAL_S3_PORT: '2' };
    expect(await script('tools/cli/export-labels.ts', ['--local', '--since', '2026-03-02', '--out', set], nowhere)).toEqual({
      code: 2,
      stderr:
        `faqmail: --out ${set} holds files already: the export would write its labels.jsonl and faq-keys.json over theirs ` +
        'and mix its messages with the rest; give a new or empty folder (or remove this one to export again)\n',
    });
    expect(readFileSync(path.join(set, 'labels.jsonl'), 'utf8')).toBe('{"file":"a.eml","faq":[],"escalate":true,"reply":true}\n');
  });

  it.concurrent('npm run fit refuses an unknown option and a --with folder without labels, before fitting anything', async () => {
    expect(await script('tools/cli/fit-answer-model.ts', ['--chek'])).toEqual({
      code: 2,
      stderr: 'faqmail: unknown argument --chek (npm run fit -- --help lists them)\n',
    });
    expect(await script('tools/cli/fit-answer-model.ts', ['--check', '--with', 'no-such-set'])).toEqual({
      code: 2,
      stderr: 'faqmail: --with no-such-set: no labels.jsonl there (a labelled set holds *.eml, labels.jsonl and faq-keys.json)\n',
    });
    const set = labelledSet({ labels: [{ file: 'gone.eml', faq: [], escalate: true, reply: true }] });
    expect(await script('tools/cli/fit-answer-model.ts', ['--check', '--with', set])).toEqual({
      code: 2,
      stderr: `faqmail: --with ${set}: ${path.join(set, 'labels.jsonl')}: gone.eml: no such message in ${set}\n`,
    });
  });

  // Before, either was fitted twice without a word: its rows weighed double, and the thresholds, chosen on each set
  // as decided by weights fitted on the others, were chosen on weights fitted on its own copy; without --check, written.
  it.concurrent('npm run fit refuses a --with set it fits on already, before fitting anything', async () => {
    expect(await script('tools/cli/fit-answer-model.ts', ['--check', '--with', './test/fixtures/labelled/dev/'])).toEqual({
      code: 2,
      stderr:
        'faqmail: --with ./test/fixtures/labelled/dev/ is one of the sets npm run fit always fits on: given again, it would count twice\n',
    });
    const set = labelledSet({
      messages: ['answered-inquiry.eml'],
      labels: [{ file: 'answered-inquiry.eml', faq: [], escalate: true, reply: true }],
    });
    expect(await script('tools/cli/fit-answer-model.ts', ['--with', set, '--check', '--with', `${set}/`])).toEqual({
      code: 2,
      stderr: `faqmail: --with ${set}/ is ${set} again: given twice, it would count twice\n`,
    });
  });

  it.concurrent('npm run check-content says what a folder that is not there should be', async () => {
    expect(await script('tools/cli/check-content.ts', ['no-such-folder'])).toEqual({
      code: 2,
      stderr: "faqmail: no-such-folder is not a folder (give the folder holding the FAQ's .md files, e.g. content)\n",
    });
  });

  // Before: "faqmail:  is not a folder" (the name printed was the empty argument), as when a variable meant to hold the folder is unset.
  it.concurrent.each(['', ' '])('npm run check-content says plainly that the folder given (%j) is empty', async (empty) => {
    expect(await script('tools/cli/check-content.ts', [empty])).toEqual({
      code: 2,
      stderr:
        "faqmail: the folder given is an empty argument (give the folder holding the FAQ's .md files, e.g. content, or none for FAQMAIL_CONTENT_DIR or content)\n",
    });
  });

  // npm runs every script in the project's root: a folder outside it was named from there (../../../tmp/faqmail-content-…/faq.md).
  it.concurrent('npm run check-content names a mistake in a folder outside the project by the path given, as npm start does', async () => {
    const content = tempDir('faqmail-content-');
    writeFileSync(path.join(content, 'faq.md'), '**Q: Lonely?**\n');
    const expected = `${path.join(content, 'faq.md')}:1: the question "Lonely?" has no answer`;
    const checked = await script('tools/cli/check-content.ts', [content]);
    expect(checked.code).toBe(2);
    expect(checked.stderr.startsWith(`faqmail: FAQ content check failed: ${expected}`)).toBe(true);
    const started = await script('local/start.ts', [], { FAQMAIL_CONTENT_DIR: content });
    expect(started.code).toBe(2);
    expect(started.stderr.startsWith(`faqmail: ${expected}`)).toBe(true);
  });

  // Before: a hidden copy (.faq.md) was read as FAQ entries; passed over now, it is named so that no one wonders where it went.
  it.concurrent('npm run check-content names the hidden files it passed over', async () => {
    const content = tempDir('faqmail-content-');
    writeFileSync(path.join(content, 'faq.md'), '**Q: How do I pay?**\n\nBy card.\n');
    writeFileSync(path.join(content, '.faq.md'), '**Q: How do I pay?**\n\nBy card.\n');
    const checked = await runScript('tools/cli/check-content.ts', [content]);
    expect(checked).toMatchObject({ code: 0, stderr: '' });
    // Each count in the singular for one ("1 entries" before), as a first FAQ of one entry shows it.
    expect(checked.stdout).toBe(
      'FAQ content OK: 1 entry, 0 staff phrasings, 0 "Not about" topics, 0 synonym groups, 0 hand-over phrases in 0 reasons\n' +
        'Not read, as hidden (a name starting with a dot): .faq.md\n',
    );
  });

  it.concurrent('npm run check-content reads relative links against FAQMAIL_SITE_BASE_URL, as npm start and the Lambda do', async () => {
    const content = tempDir('faqmail-content-');
    writeFileSync(path.join(content, 'faq.md'), '## Docs\n\n**Q: Where is the guide?**\n\nSee [the guide](/docs/guide).\n');
    expect(await script('tools/cli/check-content.ts', [content], { FAQMAIL_SITE_BASE_URL: 'https://dev.example.com' })).toEqual({
      code: 0,
      stderr: '',
    });
    expect(await script('tools/cli/check-content.ts', [content], { FAQMAIL_SITE_BASE_URL: 'dev.example.com' })).toEqual({
      code: 2,
      stderr:
        'faqmail: Invalid setting FAQMAIL_SITE_BASE_URL: "dev.example.com" is not a URL (expected e.g. https://developer.example.com) (docs/settings.md lists every setting)\n',
    });
  });

  it.concurrent('npm run eval takes one mode, wherever it is written, rather than reading a second one as a file', async () => {
    const file = path.join(EXAMPLES, 'answered-inquiry.eml');
    const both = await script('tools/cli/eval.ts', ['--explain', file, '--folds', 'a', 'b']);
    expect(both.code).toBe(2);
    expect(both.stderr).toMatch(/^faqmail: --folds and --explain do not go together\nusage: npm run eval/);
    expect((await script('tools/cli/eval.ts', ['--folds', 'a', '--folds', 'b'])).stderr).toMatch(
      /^faqmail: --folds given twice: give it once\n/,
    );
    const sets = await script('tools/cli/eval.ts', ['test/fixtures/inquiries', 'test/fixtures/labelled/dev']);
    expect(sets.code).toBe(2);
    expect(sets.stderr).toMatch(/^faqmail: one set at a time \(got test\/fixtures\/labelled\/dev too; --folds takes several\)\n/);
  });

  // Before, it scored each copy by a model fitted on the other, that is on itself, and called the figures held out.
  it.concurrent('npm run eval --folds refuses a set given twice, however written, rather than fit it on itself', async () => {
    expect(await script('tools/cli/eval.ts', ['--folds', 'test/fixtures/inquiries', './test/fixtures/inquiries/'])).toEqual({
      code: 2,
      stderr: expect.stringMatching(
        /^faqmail: --folds: \.\/test\/fixtures\/inquiries\/ is test\/fixtures\/inquiries again: each set is scored by a model fitted on the others, so give each once\nusage: npm run eval/,
      ),
    });
  });

  it.concurrent('npm run eval -- FILE.eml --explain explains the file, as with --explain first', async () => {
    const { code, stdout } = await run('eval.ts', [path.join(EXAMPLES, 'answered-inquiry.eml'), '--explain']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^Questions extracted \(\d+\):$/m);
  });

  it.concurrent('npm run eval --explain without a file says so', async () => {
    const { code, stderr } = await script('tools/cli/eval.ts', ['--explain']);
    expect(code).toBe(2);
    expect(stderr).toMatch(/^faqmail: --explain needs a FILE\.eml\nusage: npm run eval/);
  });

  it.concurrent('npm run bench tells a bad --sizes= value from an unknown option', async () => {
    expect(await script('bench/run.ts', ['--sizes=2k'])).toEqual({
      code: 2,
      stderr:
        'faqmail: --sizes=2k: --sizes= takes entry counts of 1 or more separated by commas, e.g. --sizes=200,2000 (npm run bench -- --help)\n',
    });
    // An FAQ of no entries is no FAQ: it stopped with a ContentError and its stack, after the timings had begun.
    expect(await script('bench/run.ts', ['--no-cold-start', '--sizes=200,0'])).toEqual({
      code: 2,
      stderr:
        'faqmail: --sizes=200,0: --sizes= takes entry counts of 1 or more separated by commas, e.g. --sizes=200,2000 (npm run bench -- --help)\n',
    });
    expect((await script('bench/run.ts', ['--size=200'])).stderr).toBe(
      'faqmail: unknown argument --size=200 (npm run bench -- --help lists them)\n',
    );
  });

  it.concurrent('npm run bench refuses a --node= that is not a Node.js binary, before timing anything', async () => {
    const { code, stderr } = await script('bench/run.ts', ['--no-cold-start', '--node=/nonexistent/node']);
    expect(code).toBe(2);
    expect(stderr).toMatch(/^faqmail: --node=\/nonexistent\/node is not a Node\.js binary that runs here \(.*ENOENT/);
  });

  it.concurrent(
    'npm start names two local ports set to the same number before it starts anything, rather than calling one in use',
    async () => {
      const ports = {
        FAQMAIL_LOCAL_SMTP_PORT: '34581',
        FAQMAIL_LOCAL_SES_PORT: '0',
        FAQMAIL_LOCAL_S3_PORT: '34581',
        FAQMAIL_LOCAL_DYNAMODB_PORT: '0',
      };
      expect(await script('local/start.ts', [], ports)).toEqual({
        code: 2,
        stderr: 'faqmail: FAQMAIL_LOCAL_SMTP_PORT and FAQMAIL_LOCAL_S3_PORT are both 34581: give each its own port (0 picks a free one)\n',
      });
    },
  );

  it.concurrent('npm start names an argument it does not take, rather than starting without it', async () => {
    expect(await script('local/start.ts', ['examples/answered-inquiry.eml'])).toEqual({
      code: 2,
      stderr: 'faqmail: unknown argument examples/answered-inquiry.eml (npm start -- --help lists them)\n',
    });
  });

  it.concurrent.each([
    [['examples'], 'unknown argument examples (npm run transcript -- --help lists them)'],
    [['--out', 'transcript.md', 'examples'], 'unknown argument examples (npm run transcript -- --help lists them)'],
    [['--out=transcript.md', 'examples'], 'unknown argument examples (npm run transcript -- --help lists them)'],
    // An --out that ends the line is a file forgotten: the page is not what was asked for.
    [['--out'], '--out needs a file (npm run transcript -- --help)'],
    [['--out', '--help-me'], '--out needs a file (npm run transcript -- --help)'],
  ])('npm run transcript takes no argument but --out FILE (%j)', async (args, problem) => {
    expect(await script('local/transcript.ts', args)).toEqual({ code: 2, stderr: `faqmail: ${problem}\n` });
  });
});
