import { asciiDomain } from './mail/address-syntax';

/**
 * The form addresses are compared in: lowercased, without a `+tag` on the local part, so
 * `Developers+oin@Example.com` is the inbox `developers@example.com`; a Unicode domain in
 * Punycode, the form the settings take it in (SES has no SMTPUTF8), while mailparser reads
 * `sam@xn--bcher-kva.example` in a field as `sam@bücher.example`.
 */
export function comparable(address: string): string {
  const lower = address.trim().toLowerCase();
  const at = lower.lastIndexOf('@');
  if (at < 0) return lower;
  const local = lower.slice(0, at).replace(/\+.*$/, '');
  return `${local}@${asciiDomain(lower.slice(at + 1))}`;
}
