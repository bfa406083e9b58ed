import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { ConfigError, CONTENT_DIR, DEPLOYMENT_VARIABLES, loadConfig, SETTINGS } from '../lambda/config';
import { STACK_SETTINGS } from '../lib/deploy-settings';
import { withoutSubjectPrefixes } from '../lambda/mail/subject-prefixes';
import { SCREEN_RULES, dropsOnAGuess } from '../lambda/screen/rules';
import * as WEIGHTS from '../lambda/match/weights';
import { PORTS } from '../local/ports';

const ROOT = path.resolve(__dirname, '..');
const read = (file: string) => readFileSync(path.join(ROOT, file), 'utf8');
const README = read('README.md');
const SETTINGS_DOC = read('docs/settings.md');
const DEPLOY_DOC = read('docs/deploy.md');
const DOCS = readdirSync(path.join(ROOT, 'docs'))
  .filter((file) => file.endsWith('.md'))
  .map((file) => `docs/${file}`);
/** Every page a reader of the documentation meets. */
const PAGES = ['README.md', ...DOCS, 'examples/README.md'];

/** A heading's anchor as GitHub writes it: lower case, punctuation dropped, spaces as hyphens. */
function anchorOf(heading: string): string {
  return heading
    .replace(/`/g, '')
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}_\- ]/gu, '')
    .replace(/ /g, '-');
}

/** The anchors of a Markdown file's headings (those inside fenced code are no headings). */
function anchors(file: string): string[] {
  const text = readFileSync(file, 'utf8').replace(/^```[\s\S]*?^```/gm, '');
  return [...text.matchAll(/^#{1,6}\s+(.+?)\s*$/gm)].map(([, heading]) => anchorOf(heading));
}

/** A default as the tables write it, as a pattern: `value`, or — for none. */
function defaultCell(fallback: string | undefined): string {
  return fallback === undefined ? '—' : `\`${fallback.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\``;
}

describe('the settings table (docs/settings.md)', () => {
  it.each(SETTINGS.map((s) => [s.context, s.env]))('documents the setting %s (%s)', (context, env) => {
    expect(SETTINGS_DOC).toContain(`| \`${context}\` | \`${env}\` |`);
  });

  // The answer threshold's default is whatever `npm run fit` last wrote, so the table says where it comes from.
  it.each(SETTINGS.filter((s) => s.key !== 'answerThreshold').map((s) => [s.context, s.fallback]))(
    'gives the default of %s as lambda/config.ts does',
    (context, fallback) => {
      expect(SETTINGS_DOC).toMatch(new RegExp(`^\\| \`${context}\` \\| [^|]+ \\| ${defaultCell(fallback)} \\|`, 'm'));
    },
  );

  // The description in lambda/config.ts was kept beside the table by hand, read by nothing.
  it.each(SETTINGS.map((s) => [s.context, s.description]))('says what %s sets as lambda/config.ts does', (context, description) => {
    const row = SETTINGS_DOC.split('\n').find((line) => line.startsWith(`| \`${context}\` |`)) ?? '';
    expect(row.endsWith(` | ${description} |`)).toBe(true);
  });

  // Before, the table gave no bounds: a team setting FAQMAIL_MAX_ANSWERS=20 learnt them only from the error.
  it.each(SETTINGS.map((s) => [s.context, s.env]))('says which values %s takes, as lambda/config.ts checks them', (context, env) => {
    const cell = new RegExp(`^\\| \`${context}\` \\| [^|]+ \\| [^|]+ \\| ([^|]+) \\|`, 'm').exec(SETTINGS_DOC)?.[1].trim() ?? '';
    const taken = (value: string): boolean => {
      try {
        // Records kept long enough for any digest period: the one bound between two settings is checked apart (`above`).
        loadConfig({ FAQMAIL_DECISION_RETENTION_DAYS: '3650', [env]: value });
        return true;
      } catch (error) {
        if (error instanceof ConfigError) return false;
        throw error;
      }
    };
    const range = /^`([\d.]+)`–`([\d.]+)`$/.exec(cell);
    const open = /^more than `([\d.]+)`, less than `([\d.]+)`$/.exec(cell);
    // Bounded below by another setting (`decisionRetentionDays` by `digestPeriodDays`), at its default.
    const above = /^more than `([a-zA-Z]+)`, at most `(\d+)`$/.exec(cell);
    const choices = /^(`[a-z-]+`)(, `[a-z-]+`)+$/.test(cell) ? [...cell.matchAll(/`([a-z-]+)`/g)].map(([, value]) => value) : undefined;
    if (range) {
      const [lo, hi] = [Number(range[1]), Number(range[2])];
      expect([lo, hi, lo - 1, hi + 1].map((value) => taken(String(value)))).toEqual([true, true, false, false]);
    } else if (open) {
      const [lo, hi] = [Number(open[1]), Number(open[2])];
      expect([(lo + hi) / 2, lo, hi].map((value) => taken(String(value)))).toEqual([true, false, false]);
    } else if (above) {
      const floor = Number(SETTINGS.find((s) => s.context === above[1])?.fallback);
      const hi = Number(above[2]);
      expect([floor + 1, hi, floor, hi + 1].map((value) => taken(String(value)))).toEqual([true, true, false, false]);
    } else if (choices) {
      expect([...choices, 'maybe'].map(taken)).toEqual([...choices.map(() => true), false]);
    } else {
      // Text: an address, addresses, a URL, one line; the error says what is wrong with a bad one.
      expect(cell).toMatch(/^(an? |one )/);
    }
  });

  it('documents the variable FAQMAIL_CONTENT_DIR', () => {
    expect(SETTINGS_DOC).toContain(`\`${CONTENT_DIR.env}\` |`);
  });

  it.each(DEPLOYMENT_VARIABLES.filter((name) => !name.endsWith('_ENDPOINT')))('names the variable %s the stack sets', (name) => {
    expect(SETTINGS_DOC).toContain(`\`${name}\``);
  });

  it.each(Object.values(PORTS).map((p) => [p.env, p.fallback]))('documents the variable %s and its default %s', (env, fallback) => {
    expect(SETTINGS_DOC).toContain(`| \`${env}\` | \`${fallback}\` |`);
  });

  it.each(STACK_SETTINGS.map((s) => [s.context, s.fallback]))(
    'documents the stack setting %s and its default in docs/deploy.md',
    (context, fallback) => {
      expect(DEPLOY_DOC).toMatch(new RegExp(`^\\| \`${context}\` \\| ${defaultCell(fallback)} \\|`, 'm'));
    },
  );

  // As for the function's settings: the description in lib/deploy-settings.ts was kept beside the table by hand.
  it.each(STACK_SETTINGS.map((s) => [s.context, s.description]))(
    'says what the stack setting %s sets as lib/deploy-settings.ts does',
    (context, description) => {
      const row = DEPLOY_DOC.split('\n').find((line) => line.startsWith(`| \`${context}\` |`)) ?? '';
      expect(row.endsWith(` | ${description} |`)).toBe(true);
    },
  );
});

describe('README', () => {
  it('names the test command that .ci/run runs', () => {
    expect(read('.ci/run')).toMatch(/^npm test$/m);
    expect(README).toMatch(/^npm test\s/m);
    expect(README).toMatch(/^npm start\s/m);
  });

  it('asks for the Node.js that package.json requires', () => {
    const { engines } = JSON.parse(read('package.json')) as { engines: { node: string } };
    expect(`>=${/^Node\.js ([\d.]+) or newer/m.exec(README)?.[1]}`).toBe(engines.node);
  });

  it('fits on a screen or two', () => {
    expect(README.split('\n').length).toBeLessThanOrEqual(80);
  });

  it.each(['README.md', ...DOCS])('%s links only to files in the repository, and none outside it', (file) => {
    const text = read(file);
    expect(text).not.toMatch(/\.\.\/shared|\bshared\/(eval|fixtures)/);
    for (const [, target] of text.matchAll(/\]\(([^)#\s]+)(?:#[^)]*)?\)/g)) {
      if (/^([a-z]+:|\/)/.test(target)) continue;
      expect(existsSync(path.resolve(path.dirname(path.join(ROOT, file)), target))).toBe(true);
    }
  });
  it.each(PAGES)('%s links to headings that exist', (file) => {
    for (const [, target, anchor] of read(file).matchAll(/\]\(([^)#\s]*)#([^)\s]+)\)/g)) {
      if (/^[a-z]+:/.test(target)) continue;
      const linked = target === '' ? path.join(ROOT, file) : path.resolve(path.dirname(path.join(ROOT, file)), target);
      expect({ link: `${target}#${anchor}`, found: anchors(linked).includes(anchor) }).toEqual({
        link: `${target}#${anchor}`,
        found: true,
      });
    }
  });
});

describe('what the documentation names', () => {
  const { scripts } = JSON.parse(read('package.json')) as { scripts: Record<string, string> };

  it.each(PAGES)('%s runs only npm scripts that package.json defines', (file) => {
    const named = [...read(file).matchAll(/\bnpm run (?:--silent )?([a-z][\w:-]*)/g)].map(([, script]) => script);
    expect(named.filter((script) => !(script in scripts))).toEqual([]);
  });

  it.each(PAGES)('%s gives the npm scripts only options they take', (file) => {
    const unknown: string[] = [];
    for (const [, script, args] of read(file).matchAll(/\bnpm run (?:--silent )?([a-z][\w:-]*) -- ([^\n`|]*)/g)) {
      const source = /^tsx (\S+)$/.exec(scripts[script] ?? '')?.[1];
      if (source === undefined) continue;
      for (const [option] of args.matchAll(/(?<![\w-])--[a-z][a-z-]*/g))
        if (!new RegExp(`${option}(?![\\w-])`).test(read(source))) unknown.push(`${script} ${option}`);
    }
    expect(unknown).toEqual([]);
  });

  // Scripts run without an npm script (`npx tsx bench/run.ts --sizes=200`) take only the options their source reads too.
  it.each(PAGES)('%s gives the scripts it runs with npx tsx only options they take', (file) => {
    const unknown: string[] = [];
    for (const [, source, args] of read(file).matchAll(/\bnpx tsx ([\w./-]+\.ts)((?: --?[a-z][\w-]*(?:=[^\s`]*)?)*)/g))
      for (const [option] of args.matchAll(/--?[a-z][\w-]*/g))
        if (!existsSync(path.join(ROOT, source)) || !new RegExp(`${option}(?![\\w-])`).test(read(source)))
          unknown.push(`${source} ${option}`);
    expect(unknown).toEqual([]);
  });

  // Paths in backquotes under the project's own folders; `<id>`, `*`, an ellipsis and `DIR` mark a pattern, not a file.
  it.each(PAGES)('%s names only files and folders that exist', (file) => {
    const named = [...read(file).matchAll(/`((?:lambda|lib|bin|tools|local|bench|test|content|examples|docs|patches)\/[^`\s]*)`/g)]
      .map(([, name]) => name.replace(/[:#].*$/, ''))
      .filter((name) => !/[<>*\u2026]|\bDIR\b/.test(name));
    expect(named.filter((name) => !existsSync(path.join(ROOT, name)))).toEqual([]);
  });

  // A misspelt name shown on purpose, and a constant esbuild defines in the bundle (no variable).
  const NOT_VARIABLES = ['FAQMAIL_ANSWER_TRESHOLD', 'FAQMAIL_CODE_FINGERPRINT'];
  const VARIABLES = [...SETTINGS.map((s) => s.env), CONTENT_DIR.env, ...DEPLOYMENT_VARIABLES, ...Object.values(PORTS).map((p) => p.env)];

  it.each(PAGES)('%s names only FAQMAIL_* variables that faqmail reads', (file) => {
    const named = [...read(file).matchAll(/\bFAQMAIL_[A-Z0-9_]*[A-Z0-9]\b(?!_?\*)/g)].map(([name]) => name);
    const unknown = named.filter((name) => !VARIABLES.includes(name) && !NOT_VARIABLES.includes(name));
    expect(unknown).toEqual([]);
  });

  // Before, the pages said `aws lambda invoke --invocation-type Event --payload ...`: AWS CLI v2 reads a
  // --payload string as base64, so the dead-lettered event pasted there failed ("Invalid base64").
  it.each(PAGES)('%s passes a payload to `aws lambda invoke` as a file of raw bytes', (file) => {
    const invokes = [...read(file).matchAll(/aws lambda invoke\b[^`\n]*(?:\\\n[^`\n]*)*/g)].map(([command]) => command);
    expect(invokes.filter((command) => command.includes('--payload') && !command.includes('--payload fileb://'))).toEqual([]);
  });

  // Staff filter their mail on these words: the subjects the docs show are the ones faqmail writes.
  it.each(PAGES)('%s shows only the subjects faqmail gives its mail to staff', (file) => {
    const escalation = read('lambda/compose/escalation.ts');
    const digest = read('lambda/digest/compose.ts');
    const shown = [...read(file).matchAll(/\[faqmail\] ([^:`\n]+):/g)].map(([, what]) => what);
    const written = (what: string) => (/^digest /.test(what) ? digest.includes('} digest ${') : escalation.includes(`'${what}'`));
    expect(shown.filter((what) => !written(what))).toEqual([]);
  });

  // The other way round: a kind of staff mail added (`Reply to a colleague`) is one staff can filter on only once the page names it.
  it('docs/operate.md shows every subject faqmail gives its mail to staff', () => {
    const kinds = /const STAFF_MAIL_KINDS = \[([^\]]+)\]/.exec(read('lambda/compose/subject.ts'))?.[1] ?? '';
    const written = [...kinds.matchAll(/'([^']+)'/g)].map(([, kind]) => kind);
    expect(written.length).toBeGreaterThan(3);
    const page = read('docs/operate.md');
    expect(written.filter((kind) => !page.includes(`[faqmail] ${kind}: <subject>`))).toEqual([]);
  });
});

describe('what the documentation quotes from the code', () => {
  /** Every definition of a constant in the deployed code, as `NAME = text`. */
  const DEFINITIONS = readdirSync(path.join(ROOT, 'lambda'), { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.ts'))
    .flatMap((file) => [...read(`lambda/${file}`).matchAll(/^(?:export )?const ([A-Z][A-Z0-9_]+) = ([^;\n]+);/gm)])
    .map(([, name, value]) => [name, value.replace(/_/g, '')] as const);

  // A limit quoted as `MAX_GUESS_GROUPS` = 20 is read by staff and operators as the limit: it says what the code says.
  it.each(PAGES)('%s quotes each constant at the value lambda/ defines', (file) => {
    const quoted = [...read(file).matchAll(/`([A-Z][A-Z0-9_]+)` = ([\d.,]*\d)/g)].map(([, name, value]) => ({
      name,
      value: value.replace(/,/g, ''),
    }));
    const wrong = quoted.filter(({ name, value }) => !DEFINITIONS.some(([defined, text]) => defined === name && text === value));
    expect(wrong).toEqual([]);
  });

  // The table of the matcher's weights was kept beside lambda/match/weights.ts by hand.
  it("gives each of the matcher's weights in docs/answer-model.md the value lambda/match/weights.ts has", () => {
    const weights = WEIGHTS as unknown as Record<string, unknown>;
    const rows = [...read('docs/answer-model.md').matchAll(/^\| ((?:`[A-Za-z_.]+`(?:, )?)+) \| ([^|]+) \|/gm)];
    expect(rows.length).toBeGreaterThan(20);
    for (const [, names, cell] of rows) {
      const values = [...names.matchAll(/`([A-Z_]+)(?:\.([a-z]+))?`/g)].flatMap(([, name, part]) => {
        const value = part === undefined ? weights[name] : (weights[name] as Record<string, unknown> | undefined)?.[part];
        return typeof value === 'object' && value !== null ? Object.values(value) : [value];
      });
      // As the table writes them: `25,000`, a share `1/4`, a product `2 × 2.2`.
      const written = cell.split(/, (?=\d)/).map((text) =>
        text
          .trim()
          .replace(/,/g, '')
          .split(/ × /)
          .map((factor) => {
            const [numerator, denominator] = factor.split('/').map(Number);
            return denominator === undefined ? numerator : numerator / denominator;
          })
          .reduce((a, b) => a * b),
      );
      expect({ names, values: written }).toEqual({ names, values });
    }
  });

  it('lists every field of a decision record in docs/operate-digest.md', () => {
    const source = read('lambda/state/decision-record.ts');
    const body = /export interface DecisionRecord \{([\s\S]*?)\n\}/.exec(source)?.[1] ?? '';
    // inboundId is the record's key (decision#<SES message id>), which the page says above the table.
    const fields = [...body.matchAll(/^ {2}([a-zA-Z]+)\??:/gm)].map(([, field]) => field).filter((field) => field !== 'inboundId');
    const table = read('docs/operate-digest.md')
      .split('\n')
      .filter((line) => line.startsWith('| `'));
    const listed = table.flatMap((line) => [...line.split(' | ')[0].matchAll(/`([a-zA-Z]+)`/g)].map(([, field]) => field));
    expect(fields.length).toBeGreaterThan(10);
    expect(fields.filter((field) => !listed.includes(field))).toEqual([]);
  });

  // The rules that drop on a guess are the ones the digest lists: staff read them there to find a person.
  it('names in docs/operate-digest.md exactly the rules the digest lists as ignored on a guess', () => {
    const page = read('docs/operate-digest.md');
    const list = /These are the rules whose family in[\s\S]*?\(((?:`[a-z-]+`,?\s*)+)\)/.exec(page)?.[1] ?? '';
    const named = [...list.matchAll(/`([a-z-]+)`/g)].map(([, rule]) => rule);
    expect(named).toEqual(SCREEN_RULES.filter((rule) => dropsOnAGuess(rule.name)).map((rule) => rule.name));
  });

  // The sets grow (a writer's verdicts exported, a set relabelled): the table says how many messages each holds.
  it('counts in docs/labels.md the messages each labelled set holds', () => {
    const rows = [...read('docs/labels.md').matchAll(/^\| [^|]+ \| `(test\/fixtures\/[^`]+)` \| (\d+) \|$/gm)];
    expect(rows.length).toBeGreaterThanOrEqual(7);
    const counts = rows.map(([, dir, count]) => ({ dir, count: Number(count) }));
    expect(counts).toEqual(
      counts.map(({ dir }) => ({ dir, count: readdirSync(path.join(ROOT, dir)).filter((file) => file.endsWith('.eml')).length })),
    );
  });

  // What gets created, as lib/ makes it: a function's memory bears on cost, its timeout on what reliability.md promises.
  it.each([
    ['Lambda function', 'lib/responder-function.ts'],
    ['Digest function', 'lib/digest-function.ts'],
  ])('gives the %s in docs/deploy.md the runtime, memory and timeout %s sets', (what, file) => {
    const source = read(file);
    const runtime = /NODEJS_(\d+)_X/.exec(read('lib/function-code.ts'))?.[1];
    const memory = Number(/memorySize: (\d+)/.exec(source)?.[1]).toLocaleString('en-US');
    const [, unit, amount] = /timeout: Duration\.(seconds|minutes)\((\d+)\)/.exec(source) ?? [];
    const timeout = `${amount} ${unit === 'seconds' ? 's' : 'min'}`;
    expect(read('lib/function-code.ts')).toContain('Architecture.ARM_64');
    expect(DEPLOY_DOC).toContain(`| ${what} (Node.js ${runtime}, arm64, ${memory} MB, ${timeout})`);
  });

  // The markers design.md names as read are markers the subject reader removes (the list grows by language).
  it('names in docs/design.md only subject markers lambda/mail/subject-prefixes.ts reads', () => {
    const sentence = /the reply and forward markers of localised clients,([^)]+)among them/.exec(read('docs/design.md'))?.[1] ?? '';
    const markers = [...sentence.matchAll(/`([^`]+:)`/g)].map(([, marker]) => marker);
    expect(markers.length).toBeGreaterThan(3);
    expect(markers.filter((marker) => withoutSubjectPrefixes(`${marker} Pricing`) !== 'Pricing')).toEqual([]);
  });
});
