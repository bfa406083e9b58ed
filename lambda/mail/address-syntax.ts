/** What RFC 5322 and SMTP allow in an address, for the places that check or find one. */

/** The ASCII characters of an atom (RFC 5322 §3.2.3 atext), as the body of a character class (`-` last). */
export const ATEXT = "A-Za-z0-9!#$%&'*+/=?^_`{|}~-";

/**
 * The longest address SMTP carries: a path holds 256 octets with its angle brackets (RFC 5321
 * §4.5.3.1.3). A longer one reaches nobody, and in a header field it makes a line over the 1,000
 * characters SES takes in a raw mail (an address is never folded).
 */
export const MAX_ADDRESS_LENGTH = 254;
