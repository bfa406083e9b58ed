/**
 * Replays labelled sets through the local cloud (SMTP in, the real handler, the stand-ins),
 * then builds the digest from the decision records, as `npm run digest` does, and checks it:
 * its counts equal the decisions made, every open question is in exactly one group, for
 * labelled answerable messages that were not answered, how often a group holding their
 * questions names the labelled entry, and on how many messages labelled as needing no person
 * each hand-over phrase fired. Prints figures; asserts nothing.
 *
 *   npx tsx bench/digest-replay.ts [SET_DIR ...]   (default: test/fixtures/labelled/train-a train-b dev)
 *   --print       also print the digest's text part
 *   --save=FILE   keep what was replayed (records and results) in FILE
 *   --from=FILE   skip the replay: rebuild the digest from a saved FILE (to try other thresholds)
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import nodemailer from 'nodemailer';
import { blocksToText } from '../lambda/compose/blocks';
import { contentDirFrom, loadConfig } from '../lambda/config';
import { loadFaq } from '../lambda/content/load-faq';
import { buildDigest, CLOSE_ENTRY, openQuestions, phrasesDecided, type Digest } from '../lambda/digest/build';
import { digestBlocks } from '../lambda/digest/compose';
import { groupQuestions, SAME_TOPIC } from '../lambda/digest/group';
import type { DecisionKind } from '../lambda/domain';
import { buildIndex } from '../lambda/match';
import { codeFingerprint } from '../lambda/precomputed';
import { releaseId } from '../lambda/release-id';
import { phraseKey, type DecisionRecord, type FiredPhrase } from '../lambda/state/decision-record';
import { DecisionStore } from '../lambda/state/decision-store';
import { startLocalCloud, type Processed } from '../local/cloud';
import { envelopeOf } from '../local/envelope';
import { localDigest } from '../local/local-digest';
import { localDocuments, LOOPBACK } from '../local/stand-ins';
import { readSetLabels } from '../tools/eval/read-set';
import { readLabelledSet } from './dev-score';

/** The labelled sets kept in the repository (test/fixtures/labelled). */
const LABELLED = path.resolve(__dirname, '../test/fixtures/labelled');

interface Replayed {
  set: string;
  file: string;
  processed: Pick<Processed, 'messageId' | 'result'> & { error?: unknown };
}

interface Saved {
  sets: string[];
  since: string;
  until: string;
  records: DecisionRecord[];
  replayed: Replayed[];
}

function share(part: number, whole: number): string {
  return `${part}/${whole} (${whole === 0 ? 'n/a' : `${((100 * part) / whole).toFixed(1)}%`})`;
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const print = args.includes('--print');
  const option = (name: string) => args.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
  const dirs = args.filter((a) => !a.startsWith('--'));
  const sets = dirs.length > 0 ? dirs : ['train-a', 'train-b', 'dev'].map((s) => path.join(LABELLED, s));
  const from = option('from');
  if (from) {
    const saved = JSON.parse(readFileSync(from, 'utf8')) as Saved;
    const config = loadConfig(process.env);
    const faq = loadFaq(contentDirFrom(process.env), config.siteBaseUrl);
    const period = { since: new Date(saved.since), until: new Date(saved.until) };
    // The release of the code and content here: the saved records may be another's, as the digest would then say.
    const release = releaseId(codeFingerprint(), { faq, config });
    const digest = buildDigest({
      period,
      previous: period,
      records: saved.records,
      previousRecords: [],
      allRecords: saved.records,
      entries: faq.entries,
      index: buildIndex(faq),
      config,
      release,
    });
    report(digest, saved.replayed, saved.records, saved.sets, print);
    return;
  }
  // A replay sends a few hundred messages within minutes, not over hours: at the hourly caps (a flood's safety valve)
  // the excess would be held, and the digest would count what the cap did rather than what faqmail decides.
  process.env.FAQMAIL_HOURLY_ANSWER_LIMIT ??= '5000';
  process.env.FAQMAIL_HOURLY_ESCALATION_LIMIT ??= '1000';
  const cloud = await startLocalCloud({ ports: { smtp: 0, ses: 0, s3: 0, dynamodb: 0 } });
  const replayed: Replayed[] = [];
  const started = new Date();
  try {
    const transport = nodemailer.createTransport({ host: LOOPBACK, port: cloud.smtpPort, secure: false, ignoreTLS: true });
    for (const dir of sets) {
      for (const file of readdirSync(dir)
        .filter((f) => f.endsWith('.eml'))
        .sort()) {
        const raw = readFileSync(path.join(dir, file));
        // Each labelled message reached the inbox (LABELS.md): list mail names the list, not us, in To.
        const envelope = await envelopeOf(file, raw, [loadConfig(process.env).inboxAddress]);
        const info = await transport.sendMail({ envelope: { from: envelope.from, to: envelope.to }, raw });
        const id = /250 Ok ([a-z0-9]+)/.exec(info.response)?.[1];
        if (!id) throw new Error(`${dir}/${file}: unexpected SMTP reply ${info.response}`);
        replayed.push({ set: dir, file, processed: await cloud.processed(id) });
      }
    }
    transport.close();
    const until = new Date(Date.now() + 1000);
    const { digest } = await localDigest({
      endpoints: { dynamodb: cloud.dynamodb.endpoint, ses: cloud.ses.endpoint },
      env: process.env,
      since: started,
      until,
    });
    const documents = localDocuments(cloud.dynamodb.endpoint);
    const records = await new DecisionStore({ documents, table: cloud.table, retentionDays: 90 }).between(started, until);
    const save = option('save');
    if (save)
      writeFileSync(
        save,
        JSON.stringify({
          sets,
          since: started,
          until,
          records,
          replayed: replayed.map(({ set, file, processed }) => ({
            set,
            file,
            processed: {
              messageId: processed.messageId,
              result: processed.result,
              error: processed.error instanceof Error ? processed.error.message : undefined,
            },
          })),
        }),
      );
    report(digest, replayed, records, sets, print);
  } finally {
    await cloud.stop();
  }
}

function report(digest: Digest, replayed: Replayed[], records: DecisionRecord[], sets: string[], print: boolean): void {
  const out: string[] = [];
  const failed = replayed.filter((r) => r.processed.error);
  const decided = (kind: DecisionKind) => replayed.filter((r) => r.processed.result?.decision === kind).length;
  const v = digest.volume.current;
  out.push(
    `Replayed ${replayed.length} messages (${failed.length} failed) from ${sets.map((s) => path.relative(LABELLED, s) || s).join(', ')}`,
  );
  out.push('| count | decisions made | digest |', '| --- | ---: | ---: |');
  const rows: Array<[string, number, number]> = [
    ['received', replayed.length - failed.length, v.received],
    ['answered', decided('answer'), v.answered],
    ['answered and handed over', decided('answer-and-escalate'), v.answeredAndHandedOver],
    ['handed over', decided('escalate'), v.handedOver],
    ['ignored', decided('ignore'), v.ignored],
  ];
  for (const [name, made, shown] of rows) out.push(`| ${name} | ${made} | ${shown}${made === shown ? '' : '  MISMATCH'} |`);

  const open = openQuestions(records);
  const placed = new Map<string, number>();
  for (const gap of digest.gaps)
    for (const m of gap.members) placed.set(`${m.inboundId}#${m.position}`, (placed.get(`${m.inboundId}#${m.position}`) ?? 0) + 1);
  const exactlyOnce = open.filter((q) => placed.get(`${q.inboundId}#${q.position}`) === 1).length;
  out.push(
    '',
    `Open questions: ${open.length} in ${digest.gaps.length} groups; in exactly one group: ${exactlyOnce}; placed but not open: ${[...placed.keys()].length - exactlyOnce}`,
  );
  out.push(
    `Groups: sizes ${digest.gaps.map((g) => g.count).join(' ')}; "also asked" ${digest.gaps.filter((g) => g.suggestion === 'also-asked').length}, "new entry" ${digest.gaps.filter((g) => g.suggestion === 'new-entry').length}`,
  );

  // Labelled answerable messages that got none of their entries / not all of them.
  const faq = loadFaq(contentDirFrom(process.env), loadConfig(process.env).siteBaseUrl);
  const index = buildIndex(faq);
  const recordOf = new Map(records.map((r) => [r.inboundId, r]));
  for (const dir of sets) {
    const labelled = readLabelledSet(dir, faq);
    const cases = labelled.labels
      .filter((l) => l.faq.length > 0)
      .flatMap((label) => {
        const r = replayed.find((x) => x.set === dir && x.file === label.file);
        const record = r && recordOf.get(r.processed.messageId);
        if (!r || !record) return [];
        const sent = record.sent.map((s) => labelled.keyOf(s.entry));
        return [{ label, record, missing: label.faq.filter((k) => !sent.includes(k)), none: !label.faq.some((k) => sent.includes(k)) }];
      });
    const figure = (subset: typeof cases, test: (gap: Digest['gaps'][number], wanted: string[]) => boolean) =>
      subset.filter((c) => digest.gaps.some((g) => g.members.some((m) => m.inboundId === c.record.inboundId) && test(g, c.missing))).length;
    const names = (g: Digest['gaps'][number], wanted: string[]) =>
      g.suggestion === 'also-asked' && g.nearest !== undefined && wanted.includes(labelled.keyOf(g.nearest.entry));
    const nearestIs = (g: Digest['gaps'][number], wanted: string[]) =>
      g.nearest !== undefined && wanted.includes(labelled.keyOf(g.nearest.entry));
    const notAnswered = cases.filter((c) => c.none);
    const partly = cases.filter((c) => !c.none && c.missing.length > 0);
    const withOpen = (subset: typeof cases) => subset.filter((c) => c.record.questions.some((q) => q.open));
    const name = path.relative(LABELLED, dir) || dir;
    out.push(
      '',
      `${name}: labelled answerable ${cases.length}; not answered ${notAnswered.length} (with an open question: ${withOpen(notAnswered).length}); partly answered ${partly.length}`,
    );
    out.push(
      `  not answered: suggestion names the labelled entry ${share(figure(notAnswered, names), notAnswered.length)}; nearest entry is it ${share(figure(notAnswered, nearestIs), notAnswered.length)}`,
    );
    out.push(`  partly answered (missing entry): suggestion names it ${share(figure(partly, names), partly.length)}`);
    // The other side of a suggestion: how many questions it would put under an entry that does not answer them.
    const fileOf = new Map(replayed.filter((x) => x.set === dir).map((x) => [x.processed.messageId, x.file]));
    const labelOf = new Map(labelled.labels.map((l) => [l.file, l]));
    const placed = { right: 0, wrong: 0, alreadySent: 0 };
    for (const g of digest.gaps) {
      if (g.suggestion !== 'also-asked' || !g.nearest) continue;
      for (const m of g.members) {
        const label = labelOf.get(fileOf.get(m.inboundId) ?? '');
        const record = recordOf.get(m.inboundId);
        if (!label || !record) continue;
        if (record.sent.some((s) => s.entry === g.nearest!.entry)) placed.alreadySent += 1;
        else if (label.faq.includes(labelled.keyOf(g.nearest.entry))) placed.right += 1;
        else placed.wrong += 1;
      }
    }
    out.push(
      `  "also asked" suggestions, by their questions' mail: under an entry its label lists ${placed.right}, under one it does not ${placed.wrong}, under one the mail was already sent ${placed.alreadySent}`,
    );
    for (const c of notAnswered.filter(
      (x) => !digest.gaps.some((g) => g.members.some((m) => m.inboundId === x.record.inboundId) && names(g, x.missing)),
    )) {
      const groups = digest.gaps.filter((g) => g.members.some((m) => m.inboundId === c.record.inboundId));
      const bests = c.record.questions.map(
        (q) =>
          `${q.open ? 'open' : q.answered ? 'answered' : 'not counted'} best=${q.best ? `${labelled.keyOf(q.best.entry)}@${q.best.score}` : '-'}`,
      );
      out.push(
        `    ${c.label.file} wants ${c.label.faq.join(',')}; rule ${c.record.rule}; ${bests.join('; ') || 'no questions'}; groups: ${groups.map((g) => `${g.suggestion} ${g.nearest ? labelled.keyOf(g.nearest.entry) : '-'}@${g.nearest?.score ?? '-'}`).join(', ') || 'none'}`,
      );
    }
  }

  // Hand-over phrases judged by the labels, as staff verdicts would judge them: `escalate: false` is mail needing no person.
  const needsNoPerson = new Set(
    sets.flatMap((dir) => {
      const fileOf = new Map(replayed.filter((x) => x.set === dir).map((x) => [x.file, x.processed.messageId]));
      return readSetLabels(dir, faq).labels.flatMap((l) => (l.escalate ? [] : [fileOf.get(l.file) ?? '']));
    }),
  );
  // As the digest counts them: in mail whose hand-over a phrase could decide.
  const fired = records.filter((r) => r.handover && phrasesDecided(r));
  const elsewhere = records.filter((r) => r.handover && !phrasesDecided(r)).length;
  const notNeeded = (phrase: FiredPhrase) =>
    fired.filter((r) => needsNoPerson.has(r.inboundId) && r.handover!.some((h) => phraseKey(h) === phraseKey(phrase))).length;
  out.push(
    '',
    `Hand-over phrases: ${digest.phrases.length} fired in ${fired.length} messages, ${fired.filter((r) => needsNoPerson.has(r.inboundId)).length} of them labelled as needing no person` +
      (elsewhere > 0 ? ` (and in ${elsewhere} that another rule handed over, which the digest does not count)` : ''),
    ...digest.phrases
      .filter((p) => notNeeded(p) > 0)
      .map((p) => `  "${p.phrase}": fired in ${p.fired}, ${notNeeded(p)} labelled as needing no person`),
  );

  // Sensitivity of the two thresholds, on these records (same grouping code, other values).
  out.push(
    '',
    `Thresholds in use: SAME_TOPIC ${SAME_TOPIC}, CLOSE_ENTRY ${CLOSE_ENTRY}. Groups by SAME_TOPIC: ${[0.2, 0.25, 0.3, 0.35, 0.4, 0.5, 0.6].map((t) => `${t}→${groupQuestions(open, index.vocabulary, t).length}`).join(', ')}`,
  );
  process.stdout.write(`${out.join('\n')}\n`);
  if (print) process.stdout.write(`\n${blocksToText(digestBlocks(digest))}`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
  process.exitCode = 1;
});
