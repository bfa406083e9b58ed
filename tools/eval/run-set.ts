/**
 * faqmail on a labelled set, as `npm run eval` scores it and the tests check it: every message
 * through respond() (parse, screen, decide, compose), the receipt read from the verdicts stored
 * in the message, no records of earlier mail.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { respond, type Responder } from '../../lambda/respond';
import { noHistory, receiptOfStoredMail } from '../cli/local-responder';
import { notAnEmail, readSetLabels, type SetLabels } from './read-set';
import { scoreCase, type CaseResult } from './score';

/** Each labelled message of `dir` decided and scored; `set` defaults to every label of the set. */
export async function runLabelledSet(dir: string, responder: Responder, set?: SetLabels): Promise<CaseResult[]> {
  const { labels, keyOf } = set ?? readSetLabels(dir, responder.faq);
  const receipt = receiptOfStoredMail(responder);
  const cases: CaseResult[] = [];
  for (const label of labels) {
    const { decision } = await respond(responder, readFileSync(path.join(dir, label.file)), receipt, noHistory);
    if (decision.rule === 'unparseable') throw notAnEmail(dir, label.file, decision.reason);
    cases.push(scoreCase(label, decision, keyOf));
  }
  return cases;
}
