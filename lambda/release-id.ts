/**
 * The release id: a short name for everything that decides what faqmail does with a message,
 * kept in each decision record, so that the digest can say how much of the staff verdicts'
 * evidence the release running now decided (lambda/verdicts/measure.ts). Both functions compute
 * it at a cold start from what `loadResponder` gives them; both bundles are told the same code
 * fingerprint (lib/function-code.ts) and pack the same FAQ index, so a deployment has one id.
 * Hashing the FAQ costs about 1.4 ms once per process (content/ is 28 KB as JSON, 2026-12-01).
 */
import { createHash } from 'node:crypto';
import type { Config } from './config';
import type { Faq } from './domain';

/**
 * The settings that change which entries a message is answered with (or would be, in shadow
 * mode): what staff verdicts judge. Left out, since a verdict on a decision says the same under
 * any of their values: `mode` (shadow mode proposes what auto mode would send: that is what the
 * verdicts are for, and switching must not disown them), the rate limits (they turn an answer
 * into a hand-over once used up, but do not change which entries it holds), the addresses (they
 * route mail, and staff are not answered), `siteBaseUrl` (already in the answers, resolved), and
 * the settings of records, escalations and the digest, which decide nothing about the mail.
 */
const DECIDING_SETTINGS = ['answerThreshold', 'maxAnswers'] as const satisfies ReadonlyArray<keyof Config>;

/** Characters of the id: 48 bits, for the few releases a team runs within the 90 days records are kept. */
const ID_CHARS = 12;

/**
 * Plain objects with their keys in one order, less `source` (where in the Markdown an entry
 * stands: a line moved, or content read from another folder, decides nothing), so that the
 * same FAQ gives the same text however it was loaded (parsed, or read from the packed index).
 */
function canonical(_key: string, value: unknown): unknown {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([key]) => key !== 'source')
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
  );
}

/**
 * The id of the release made of the code with fingerprint `code` (`codeFingerprint()`: the
 * sources, the fitted answer model and the locked dependencies), the FAQ it serves (entries with
 * their phrasings and `Not about:` lines, synonyms, hand-over phrases) and the deciding settings.
 */
export function releaseId(code: string, responder: { faq: Faq; config: Pick<Config, (typeof DECIDING_SETTINGS)[number]> }): string {
  const settings = Object.fromEntries(DECIDING_SETTINGS.map((key) => [key, responder.config[key]]));
  const text = JSON.stringify({ code, faq: responder.faq, settings }, canonical);
  return createHash('sha256').update(text).digest('hex').slice(0, ID_CHARS);
}
