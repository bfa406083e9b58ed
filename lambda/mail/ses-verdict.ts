/**
 * The words SES writes for a verdict, in the event it hands the function and in the header
 * fields of the mail it stores (X-SES-Spam-Verdict, X-SES-Virus-Verdict).
 */
import type { Verdict } from '../domain';

const SES_WORDS: ReadonlySet<string> = new Set<Verdict>(['PASS', 'FAIL', 'GRAY', 'PROCESSING_FAILED', 'DISABLED']);

/** A verdict as SES wrote it; anything else (absent, or a word SES does not write) is UNKNOWN. */
export function sesVerdict(word: string | undefined): Verdict {
  const value = (word ?? '').trim().toUpperCase();
  return SES_WORDS.has(value) ? (value as Verdict) : 'UNKNOWN';
}
