import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import {
  figures,
  formatFigures,
  loadAutoFixtures,
  deliveredToInbox,
  REAL_DIR,
  SHARED_CONFIG,
  type AutoFixture,
} from '../tools/eval/screen-figures';
import { decide } from '../lambda/decide';
import { answersOf, type InboundMessage } from '../lambda/domain';
import { buildIndex } from '../lambda/match';
import { parseMessage } from '../lambda/mail/parse';
import { receiptFromHeaders } from '../lambda/mail/receipt-headers';
import { attributionNamesUs, sesThreadNamesUs } from '../lambda/screen/follow-up';
import { screen, type Screening } from '../lambda/screen/screen';
import { describeIfShared, SHARED_DIR } from './support/shared';
import { loadSampleFaq } from './support/sample-faq';

const DEV_DIR = path.join(SHARED_DIR, 'eval/dev');

const NO_HISTORY = { repliesToOurAnswer: false };

async function parseFile(file: string): Promise<InboundMessage> {
  return parseMessage(readFileSync(file));
}

const outcome = (s: Screening) => (s.verdict === 'proceed' ? 'proceed' : `${s.verdict} (${s.rule})`);

describeIfShared('screening real automatic mail (../shared/fixtures/real/auto)', () => {
  let fixtures: AutoFixture[];
  beforeAll(async () => {
    fixtures = await loadAutoFixtures();
  });

  it('gives none of the 143 an automatic reply; a person sees the two whose only sign is a bulk envelope, and a bounce a person forwarded', () => {
    const f = figures(fixtures);
    console.log(formatFigures(f));
    expect(f.total).toBe(143);
    expect(f.missed).toEqual([]);
    // A helpdesk agent's mail comes through such an envelope too: unclear mail goes to a person, never unanswered and unseen.
    // "Forward the message." above a bounce: a person wrote it, and says nothing the FAQ can answer.
    expect(f.person).toEqual([
      'auto/sisimai-lhost-sendmail-14.eml',
      'auto/bounce_email-tt_1234241664.eml',
      'auto/mail-newsletter-bad_date.eml',
    ]);
    expect(f.dropped).toBe(140);
  });

  it('catches all 50 that carry no standard marker, by sender, subject or text', () => {
    const f = figures(fixtures);
    expect([f.noStandardMarker.total, f.noStandardMarker.caught]).toEqual([50, 50]);
  });
});

describeIfShared('real human mail: screening and deciding', () => {
  const humanDir = path.join(REAL_DIR, 'human');
  const humanFiles = readdirSyncSafe(humanDir).filter((file) => file.endsWith('.eml'));

  it.each(humanFiles)('lets human/%s through', async (file) => {
    const message = await parseFile(path.join(humanDir, file));
    expect(outcome(screen(message, deliveredToInbox(SHARED_CONFIG), SHARED_CONFIG, NO_HISTORY))).toBe('proceed');
  });

  /** mime/ holds odd but legal MIME; these three are not mail a person wrote to someone. */
  const NOT_HUMAN = new Set([
    'mail-cte-empty-big5.eml' /* spam */,
    'mail-invalid_subject_characters.eml' /* a campaign */,
    'stalwart-rfc-004-digest.eml' /* a list digest */,
  ]);
  const mimeDir = path.join(REAL_DIR, 'mime');
  const mimeFiles = readdirSyncSafe(mimeDir).filter((file) => file.endsWith('.eml') && !NOT_HUMAN.has(file));

  it.each(mimeFiles)('does not drop mime/%s', async (file) => {
    const message = await parseFile(path.join(mimeDir, file));
    expect(screen(message, deliveredToInbox(SHARED_CONFIG), SHARED_CONFIG, NO_HISTORY).verdict).not.toBe('drop');
  });

  // Mail about other products: any FAQ answer to it would be a false answer, on writers nobody here chose.
  const index = buildIndex(loadSampleFaq());
  it.each([...humanFiles.map((f) => `human/${f}`), ...mimeFiles.map((f) => `mime/${f}`)])(
    'gives %s no FAQ answer, and hands it to a person',
    async (file) => {
      const message = await parseFile(path.join(REAL_DIR, file));
      const { decision } = decide({ message, receipt: deliveredToInbox(SHARED_CONFIG), history: NO_HISTORY }, index, SHARED_CONFIG);
      expect([decision.kind, answersOf(decision)]).toEqual(['escalate', []]);
    },
  );
});

interface Label {
  file: string;
  kind: string;
  reply: boolean;
}

describeIfShared('screening the dev set (../shared/eval/dev)', () => {
  const labels: Label[] = readFileSyncSafe(path.join(DEV_DIR, 'labels.jsonl'))
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as Label);
  const expected = (label: Label) => (label.reply ? 'proceed' : label.kind === 'followup' ? 'person' : 'drop');

  it('has the no-reply kinds and follow-ups the README lists', () => {
    const noReply = labels.filter((l) => !l.reply && l.kind !== 'followup').map((l) => l.kind);
    expect(new Set(noReply)).toEqual(new Set(['auto', 'bounce', 'list', 'bulk', 'notification', 'spam', 'virus', 'spoofed', 'self']));
    expect(labels.filter((l) => l.kind === 'followup').map((l) => l.file)).toEqual(['d021.eml', 'd034.eml', 'd039.eml', 'd077.eml']);
  });

  it.each(labels.map((label) => [label.file, label.kind, expected(label)] as const))('%s (%s): %s', async (file, _kind, want) => {
    const message = await parseFile(path.join(DEV_DIR, file));
    // As the CLI reads a file: the verdicts SES wrote into the message, no envelope.
    expect(screen(message, receiptFromHeaders(message), SHARED_CONFIG, NO_HISTORY).verdict).toBe(want);
  });

  it('recognises every follow-up without our answer mark, by attribution and by SES thread', async () => {
    for (const label of labels.filter((l) => l.kind === 'followup')) {
      const message = await parseFile(path.join(DEV_DIR, label.file));
      expect([label.file, attributionNamesUs(message, SHARED_CONFIG) !== undefined]).toEqual([label.file, true]);
      expect([label.file, sesThreadNamesUs(message, SHARED_CONFIG) !== undefined]).toEqual([label.file, true]);
    }
  });
});

/** Suites are declared even when ../shared is absent (and then skipped): reading must not throw. */
function readdirSyncSafe(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}

function readFileSyncSafe(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return '';
  }
}
