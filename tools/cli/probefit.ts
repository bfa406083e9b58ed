/** Experiment (issue 8, probefit round): probe mail as extra rows for the answer model's weights only. */
import { readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { loadConfig } from '../../lambda/config';
import { concludeDecision } from '../../lambda/decide';
import { ANSWER_MODEL, type AnswerModel } from '../../lambda/match/answer-model';
import { crossValidate, fitAnswerModel, fitCosts, type ExtraRows, type LabelledCases } from '../eval/fit-answer-model';
import { readLabelledCases } from '../eval/read-set';
import { formatFailures, formatScorecard, scoreCase, scorecard } from '../eval/score';
import { faqLoader, readTrainingSets } from './fit-answer-model';
import { formatFolds } from './eval';

const ROOT = path.resolve(__dirname, '../..');
const PROBES = path.join(ROOT, 'test/fixtures/probes');
const log = (s: string) => process.stdout.write(`${s}\n`);
const t0 = Date.now();
const el = () => `${((Date.now() - t0) / 1000).toFixed(0)}s`;

async function main(): Promise<void> {
  const [mode, ...rest] = process.argv.slice(2);
  const config = loadConfig({});
  const faqOf = faqLoader();
  const { faq, index } = faqOf(undefined);
  const readDir = (dir: string) => readLabelledCases(dir, faq, index, config);
  const names = readdirSync(PROBES)
    .filter((n) => !n.includes('.'))
    .sort();
  const probes: LabelledCases[] = [];
  for (const n of names) probes.push(await readDir(path.join(PROBES, n)));
  log(`read ${probes.length} probe folders, ${probes.reduce((a, p) => a + p.cases.length, 0)} messages, ${el()}`);
  const shares = (rest[0] ?? 'none,0.1,0.25,0.5,1,2').split(',').map((w) => (w === 'none' ? undefined : Number(w)));
  const score = (cases: LabelledCases['cases'], model: AnswerModel) =>
    scorecard(
      cases.map((c) =>
        scoreCase(c.label, concludeDecision(c.prepared, { ...config, answerThreshold: model.threshold }, model).decision, c.keyOf),
      ),
    );

  if (mode === 'folds') {
    const sets = [];
    for (const d of ['inquiries', 'labelled/dev', 'labelled/train-a', 'labelled/train-b'])
      sets.push(await readDir(path.join(ROOT, 'test/fixtures', d)));
    for (const share of shares) {
      const start = Date.now();
      fitCosts.length = 0;
      const rows = crossValidate(sets, config, ANSWER_MODEL, share === -1 ? undefined : { sets: probes, share });
      const costs = [...fitCosts];
      log(`\n== folds w=${share ?? 'unweighted'} (${((Date.now() - start) / 1000).toFixed(0)}s)`);
      log(
        `training-fold threshold cost per message: ${costs.map((c) => c.toFixed(4)).join(' ')} mean ${(costs.reduce((a, b) => a + b, 0) / costs.length).toFixed(4)}`,
      );
      log(formatFolds(rows));
      for (const r of rows) {
        const f = formatFailures(r.heldOut.cases);
        log(`${r.name}: failing cases (${f.length})\n${f.join('\n')}`);
        const c = r.heldOut;
        log(
          `  ${r.name} answerable ${c.answerable.passed}/${c.answerable.total} unanswerable ${c.unanswerable.passed}/${c.unanswerable.total} false ${c.falseAnswers.passed} esc ${c.escalation.passed}/${c.escalation.total}`,
        );
      }
    }
  }

  if (mode === 'full') {
    const training = await readTrainingSets([], faqOf, config);
    const held: Array<{ name: string; cases: LabelledCases['cases'] }> = [];
    for (const d of ['train-c', 'train-e', 'train-f'])
      held.push({ name: d, cases: (await readDir(path.join(ROOT, 'test/fixtures/labelled', d))).cases });
    const bill = faqOf(path.join(ROOT, 'test/fixtures/billing-faq/content'));
    held.push({
      name: 'billing',
      cases: (await readLabelledCases(path.join(ROOT, 'test/fixtures/billing-faq/messages'), bill.faq, bill.index, config)).cases,
    });
    const models: Array<[string, AnswerModel]> = [['committed', ANSWER_MODEL]];
    for (const share of shares) {
      const start = Date.now();
      const extra: ExtraRows | undefined = share === -1 ? undefined : { sets: probes, share };
      const model = fitAnswerModel(training, config, extra);
      log(
        `full fit w=${share ?? 'unweighted'}: ${((Date.now() - start) / 1000).toFixed(1)}s threshold ${model.threshold} restate ${model.restateThreshold}`,
      );
      writeFileSync(`/tmp/probefit-model-${share ?? 'unweighted'}.json`, `${JSON.stringify(model, null, 2)}\n`);
      models.push([`w=${share ?? 'unweighted'}`, model]);
    }
    for (const [name, model] of models) {
      log(`\n==== ${name} (threshold ${model.threshold})`);
      for (const h of held)
        log(
          `== ${h.name}\n${formatScorecard(score(h.cases, model))
            .split('\n')
            .filter((l) => /^\| (overall|answerable|unanswerable|no-reply|escalation)|False/.test(l))
            .join('\n')}`,
        );
    }
  }

  if (mode === 'oof') {
    const share = shares[0];
    const training = await readTrainingSets([], faqOf, config);
    const out: string[] = [];
    const inSample: string[] = [];
    for (let g = 0; g < 4; g += 1) {
      const start = Date.now();
      const others = probes.filter((_, i) => i % 4 !== g);
      const fitted = fitAnswerModel(training, config, { sets: others, share });
      const model = process.env.PROBEFIT_THRESHOLD ? { ...fitted, threshold: Number(process.env.PROBEFIT_THRESHOLD) } : fitted;
      log(`group ${g}: fit ${((Date.now() - start) / 1000).toFixed(1)}s threshold ${model.threshold}`);
      probes.forEach((p, i) => {
        if (i % 4 !== g) return;
        const card = score(p.cases, model);
        const lines = formatScorecard(card)
          .split('\n')
          .filter((l) => /overall \(every|^- |failing|False answers/.test(l));
        out[i] = [`== ${p.name}`, ...lines].join('\n');
      });
    }
    probes.forEach((p, i) => {
      const card = score(p.cases, ANSWER_MODEL);
      const lines = formatScorecard(card)
        .split('\n')
        .filter((l) => /overall \(every|^- |failing|False answers/.test(l));
      inSample[i] = [`== ${p.name}`, ...lines].join('\n');
    });
    writeFileSync(`/tmp/probefit-oof-${share ?? 'unweighted'}${process.env.PROBEFIT_TAG ?? ''}.txt`, `${out.join('\n')}\n`);
    writeFileSync('/tmp/probefit-committed-inscript.txt', `${inSample.join('\n')}\n`);
    log('written');
  }
  log(`done ${el()}`);
}

void main();
