/**
 * How screening does on the real automatic mail in ../shared/fixtures/real/auto/: how many
 * of the 143 messages get no automatic reply, by which rule, how many of the 50 that carry
 * no standard marker (MANIFEST.tsv: NO-AUTO-HEADER, and not a multipart/report), and what
 * the header rules alone would catch. Run: npx tsx tools/eval/screen-figures.ts
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { loadConfig, type Config } from '../../lambda/config';
import type { InboundMessage, Receipt } from '../../lambda/domain';
import { parseMessage } from '../../lambda/mail/parse';
import { SCREEN_RULES, type ScreenRule } from '../../lambda/screen/rules';
import { screen } from '../../lambda/screen/screen';

const SHARED = path.resolve(__dirname, '../../../shared');
export const REAL_DIR = path.join(SHARED, 'fixtures/real');

/** The settings the shared sets are written for. */
export const SHARED_CONFIG: Config = loadConfig({});

/**
 * The receipt SES would give a message delivered to our inbox with nothing flagged: the
 * real-world fixtures were not received by SES, so only the message-based rules are measured.
 */
export function deliveredToInbox(config: Config): Receipt {
  return { recipients: [config.inboxAddress], spam: 'PASS', virus: 'PASS', spf: 'PASS', dkim: 'PASS', dmarc: 'PASS' };
}

export interface AutoFixture {
  file: string;
  /** MANIFEST.tsv says it carries none of the standard markers and is no multipart/report. */
  noStandardMarker: boolean;
  message: InboundMessage;
}

export async function loadAutoFixtures(): Promise<AutoFixture[]> {
  const rows = readFileSync(path.join(REAL_DIR, 'MANIFEST.tsv'), 'utf8')
    .split('\n')
    .slice(1)
    .filter((row) => row.startsWith('auto/'));
  return Promise.all(
    rows.map(async (row) => {
      const [file, , , , , , , notes = ''] = row.split('\t');
      const message = await parseMessage(readFileSync(path.join(REAL_DIR, file)));
      return { file, noStandardMarker: notes.includes('NO-AUTO-HEADER') && !notes.includes('multipart/report'), message };
    }),
  );
}

/** The first rule among `rules` that matches, as screen() would decide with only those rules. */
function firstRule(message: InboundMessage, receipt: Receipt, config: Config, rules: readonly ScreenRule[]): ScreenRule | undefined {
  return rules.find((rule) => rule.test(message, receipt, config, { repliesToOurAnswer: false }) !== undefined);
}

export interface Figures {
  total: number;
  dropped: number;
  person: string[];
  missed: string[];
  byRule: Map<string, number>;
  noStandardMarker: { total: number; caught: number; byRule: Map<string, number> };
  headerRulesOnly: number;
}

export function figures(fixtures: AutoFixture[], config: Config = SHARED_CONFIG): Figures {
  const receipt = deliveredToInbox(config);
  const headerRules = SCREEN_RULES.filter((rule) => rule.family === 'header');
  const result: Figures = {
    total: fixtures.length,
    dropped: 0,
    person: [],
    missed: [],
    byRule: new Map(),
    noStandardMarker: { total: 0, caught: 0, byRule: new Map() },
    headerRulesOnly: 0,
  };
  for (const { file, message, noStandardMarker } of fixtures) {
    const screening = screen(message, receipt, config, { repliesToOurAnswer: false });
    if (screening.verdict === 'drop') result.dropped += 1;
    else if (screening.verdict === 'person') result.person.push(file);
    else result.missed.push(file);
    if (screening.verdict !== 'proceed') result.byRule.set(screening.rule, (result.byRule.get(screening.rule) ?? 0) + 1);
    if (noStandardMarker) {
      result.noStandardMarker.total += 1;
      if (screening.verdict !== 'proceed') {
        result.noStandardMarker.caught += 1;
        result.noStandardMarker.byRule.set(screening.rule, (result.noStandardMarker.byRule.get(screening.rule) ?? 0) + 1);
      }
    }
    if (firstRule(message, receipt, config, headerRules)) result.headerRulesOnly += 1;
  }
  return result;
}

const percent = (part: number, whole: number) => `${((100 * part) / whole).toFixed(0)}%`;
const counts = (byRule: Map<string, number>) => [...byRule].sort((a, b) => b[1] - a[1]).map(([rule, n]) => `${rule} ${n}`);

export function formatFigures(f: Figures): string {
  const caught = f.total - f.missed.length;
  const lines = [
    `Automatic mail (fixtures/real/auto): ${caught} of ${f.total} get no automatic reply (${percent(caught, f.total)}): ${f.dropped} dropped, ${f.person.length} only to a person.`,
    ...counts(f.byRule).map((entry) => `  ${entry}`),
    `No standard marker (NO-AUTO-HEADER, not multipart/report): ${f.noStandardMarker.caught} of ${f.noStandardMarker.total} caught: ${counts(f.noStandardMarker.byRule).join(', ')}.`,
    `Header rules only (Auto-Submitted, Precedence, List-*, null return path, vendor fields, report types): ${f.headerRulesOnly} of ${f.total} (${percent(f.headerRulesOnly, f.total)}).`,
  ];
  if (f.person.length > 0) lines.push(`Only to a person: ${f.person.join(', ')}`);
  if (f.missed.length > 0) lines.push(`Missed: ${f.missed.join(', ')}`);
  return lines.join('\n');
}

if (require.main === module) {
  if (!existsSync(REAL_DIR)) {
    console.error(`${REAL_DIR} is absent: these figures need ../shared beside the project.`);
    process.exit(1);
  }
  loadAutoFixtures()
    .then((fixtures) => console.log(formatFigures(figures(fixtures))))
    .catch((error: unknown) => {
      console.error(error);
      process.exit(1);
    });
}
