import type { InboundMessage, Receipt, Verdict } from '../domain';

/**
 * The SES receipt as far as stored mail tells it. SES inbound writes its verdicts into the
 * message it stores (`X-SES-Spam-Verdict`, `X-SES-Virus-Verdict`, its own
 * `Authentication-Results: amazonses.com; spf=...; dkim=...; dmarc=...`, `Received-SPF`);
 * the CLI, which has no SES event, reads them back. What is absent is UNKNOWN, never FAIL:
 * a file saved from another mailbox has no verdicts, and that proves nothing.
 */

const VERDICTS: readonly Verdict[] = ['PASS', 'FAIL', 'GRAY', 'PROCESSING_FAILED', 'DISABLED'];

/** SES's own verdict headers carry the receipt's words. */
function sesVerdict(value: string | undefined): Verdict {
  const word = (value ?? '').trim().toUpperCase();
  return (VERDICTS as readonly string[]).includes(word) ? (word as Verdict) : 'UNKNOWN';
}

/** RFC 8601 result words, as SES maps them into its receipt. */
function authVerdict(result: string | undefined): Verdict {
  switch (result?.toLowerCase()) {
    case undefined:
      return 'UNKNOWN';
    case 'pass':
      return 'PASS';
    case 'fail':
    case 'hardfail':
      return 'FAIL';
    case 'temperror':
    case 'permerror':
      return 'PROCESSING_FAILED';
    default: // none, neutral, softfail, policy
      return 'GRAY';
  }
}

type Method = 'spf' | 'dkim' | 'dmarc';

/** method → results in one Authentication-Results value, RFC 8601 comments left out. */
function authResults(value: string): Map<Method, string[]> {
  const results = new Map<Method, string[]>();
  const uncommented = value.replace(/\([^()]*\)/g, ' ');
  for (const [, method, result] of uncommented.matchAll(/(?:^|[;\s])(spf|dkim|dmarc)\s*=\s*([a-z]+)/gi)) {
    const key = method.toLowerCase() as Method;
    results.set(key, [...(results.get(key) ?? []), result.toLowerCase()]);
  }
  return results;
}

/** Several DKIM signatures: one that passes is enough, as for SES. */
function combined(results: string[] | undefined): string | undefined {
  if (!results || results.length === 0) return undefined;
  return results.includes('pass') ? 'pass' : results[0];
}

/**
 * The receipt from the verdict headers of a stored message. Only the topmost
 * `Authentication-Results` whose authserv-id is amazonses.com counts: SES puts its own on
 * top, and any below it were written by whoever sent the message.
 */
export function receiptFromHeaders(message: InboundMessage, recipients: string[] = []): Receipt {
  const first = (name: string) => message.headers.get(name)?.[0];
  const ses = (message.headers.get('authentication-results') ?? []).find((value) => value.split(';')[0].trim().toLowerCase() === 'amazonses.com');
  const results = ses === undefined ? new Map<Method, string[]>() : authResults(ses);
  const receivedSpf = /^\s*([a-z]+)/i.exec(first('received-spf') ?? '')?.[1];
  return {
    recipients: recipients.map((recipient) => recipient.trim().toLowerCase()),
    spam: sesVerdict(first('x-ses-spam-verdict')),
    virus: sesVerdict(first('x-ses-virus-verdict')),
    spf: authVerdict(combined(results.get('spf')) ?? receivedSpf),
    dkim: authVerdict(combined(results.get('dkim'))),
    dmarc: authVerdict(combined(results.get('dmarc'))),
  };
}
