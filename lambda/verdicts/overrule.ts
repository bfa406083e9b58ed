/**
 * Two staff members who judge one message differently: the later verdict counts (a verdict
 * replaces an earlier one), and the one it overrules is kept beside it, so that the digest can
 * show where staff disagree instead of hiding it behind whoever replied last. Pure.
 */
import type { StaffVerdict } from '../state/decision-record';

type Judgement = Pick<StaffVerdict, 'verdict' | 'entries' | 'unresolved'>;

function sameJudgement(a: Judgement, b: Judgement): boolean {
  return a.verdict === b.verdict && (a.entries ?? []).join(' ') === (b.entries ?? []).join(' ') && a.unresolved === b.unresolved;
}

/**
 * `given` as it is to be recorded over `earlier` (the verdict on record, if any): with the verdict
 * of another staff member it contradicts (`overrules`). A staff member who changes their own mind
 * overrules no one; a disagreement stands until the staff member overruled gives the verdict that
 * counts (a third who sides with either keeps it: one of the two is still overruled).
 */
export function overruling(earlier: StaffVerdict | undefined, given: StaffVerdict): StaffVerdict {
  const { overrules: _ignored, ...plain } = given;
  if (!earlier) return plain;
  // The same reply again (a retried invocation): what it overruled stands.
  if (earlier.at === given.at && earlier.by === given.by) return earlier.overrules ? { ...plain, overrules: earlier.overrules } : plain;
  const { overrules: before, ...earlierPlain } = earlier;
  // An earlier verdict of unknown author (recorded before authors were kept) may be the same person's: no dispute.
  const byAnother = earlierPlain.by !== undefined && given.by !== undefined && earlierPlain.by !== given.by;
  const contradicted = byAnother && !sameJudgement(earlierPlain, given) ? earlierPlain : before;
  const stands = contradicted && contradicted.by !== given.by && !sameJudgement(contradicted, given);
  return stands ? { ...plain, overrules: contradicted } : plain;
}

/**
 * `recorded` (the verdict on record) with `late`, an earlier verdict processed after it (a retry, a late delivery) and
 * so not recorded, as the verdict it overrules: when another staff member gave `late` and it says otherwise, as
 * `overruling` would have kept it in the order they were given. Undefined when that adds nothing (the same author, the
 * same judgement, or a disagreement already on record).
 */
export function overruledLate(recorded: StaffVerdict, late: StaffVerdict): StaffVerdict | undefined {
  if (recorded.overrules) return undefined;
  const { overrules: _ignored, ...plain } = late;
  const byAnother = recorded.by !== undefined && plain.by !== undefined && recorded.by !== plain.by;
  return byAnother && !sameJudgement(recorded, plain) ? { ...recorded, overrules: plain } : undefined;
}
