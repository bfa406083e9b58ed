/**
 * Whether the From address of a message is authenticated: DMARC passed, or SPF or DKIM passed
 * for a domain aligned with the From domain (relaxed alignment, RFC 7489 §3.1). Staff verdicts
 * are taken only from mail that passes: anyone can write `From: staff@…`.
 *
 * The SES receipt says whether SPF and DKIM passed, not for which domain. SPF is checked for
 * the envelope sender (the Return-Path SES writes); which DKIM signature passed is read from
 * the `Authentication-Results` SES puts on top of the stored message (`dkim=pass header.i=@d`
 * or `header.d=d`). Without that detail a DKIM pass proves nothing about the From domain.
 */
import type { InboundMessage, Receipt } from '../domain';
import { domainPart } from '../screen/addresses';
import { headerValues } from '../screen/fields';

/**
 * Relaxed alignment without the public suffix list: the same domain, or one a subdomain of
 * the other. (Two sibling subdomains of one organisation do not align here: stricter, never looser.)
 */
export function aligned(a: string, b: string): boolean {
  const x = a.toLowerCase().replace(/\.$/, '');
  const y = b.toLowerCase().replace(/\.$/, '');
  return x !== '' && y !== '' && (x === y || x.endsWith(`.${y}`) || y.endsWith(`.${x}`));
}

/** Domains of the DKIM signatures that passed, from SES's own Authentication-Results. */
function dkimPassDomains(message: InboundMessage): string[] {
  const ses = headerValues(message, 'authentication-results').find((value) => value.split(';')[0].trim().toLowerCase() === 'amazonses.com');
  if (ses === undefined) return [];
  const uncommented = ses.replace(/\([^()]*\)/g, ' ');
  return uncommented
    .split(';')
    .filter((part) => /^\s*dkim\s*=\s*pass\b/i.test(part))
    .flatMap((part) => [...part.matchAll(/header\.(?:d=|i=[^@\s;]*@)([a-z0-9.-]+)/gi)].map((m) => m[1].toLowerCase()));
}

/** The evidence that From is authenticated (for the log), or undefined when nothing proves it. */
export function authenticatedFrom(message: InboundMessage, receipt: Receipt): string | undefined {
  const from = message.from?.address;
  if (!from) return undefined;
  const domain = domainPart(from);
  if (receipt.dmarc === 'PASS') return 'DMARC pass';
  const envelope = message.returnPath ? domainPart(message.returnPath) : '';
  if (receipt.spf === 'PASS' && aligned(envelope, domain)) return `SPF pass for ${envelope}`;
  if (receipt.dkim === 'PASS') {
    const signer = dkimPassDomains(message).find((d) => aligned(d, domain));
    if (signer) return `DKIM pass for ${signer}`;
  }
  return undefined;
}
