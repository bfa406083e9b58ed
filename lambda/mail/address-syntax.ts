/** What RFC 5322 and SMTP allow in an address, for the places that check or find one. */
import { domainToASCII } from 'node:url';

/** The ASCII characters of an atom (RFC 5322 §3.2.3 atext), as the body of a character class (`-` last). */
export const ATEXT = "A-Za-z0-9!#$%&'*+/=?^_`{|}~-";

/** An atom of RFC 5322's unquoted local part (dot-atom). */
const ATOM = `[${ATEXT}]+`;
/** A DNS label: at most 63 letters, digits or hyphens, no hyphen at either end (RFC 1035). */
const LABEL = '[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?';

/**
 * An address in the one form Amazon SES sends to: an ASCII dot-atom before the @ (no quoted local
 * part, no dot at either end or two in a row) and a host name of two or more labels, a Unicode one
 * as Punycode. SES refuses others, in the words of JavaMail's strict address check ("Local address
 * contains dot-dot", "Domain ends with dot", "Local address contains illegal character").
 */
export const SES_ADDRESS = new RegExp(`^${ATOM}(?:\\.${ATOM})*@${LABEL}(?:\\.${LABEL})+$`);

/**
 * The longest address SMTP carries: a path holds 256 octets with its angle brackets (RFC 5321
 * §4.5.3.1.3). A longer one reaches nobody, and in a header field it makes a line over the 1,000
 * characters SES takes in a raw mail (an address is never folded).
 */
export const MAX_ADDRESS_LENGTH = 254;

/**
 * A domain as SES, DNS and our settings write it: a Unicode one (mailparser reads every address's
 * domain so) in Punycode, `bücher.example` → `xn--bcher-kva.example`; one that has no such form, as it is.
 */
export function asciiDomain(domain: string): string {
  return /^[\x20-\x7e]*$/.test(domain) ? domain : domainToASCII(domain) || domain;
}
