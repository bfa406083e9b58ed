/** Half of a UTF-16 pair with no other half: what a subject's encoded word cut mid-pair decodes to. */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/**
 * encodeURIComponent, which throws URIError on a lone surrogate (no UTF-8 encodes it): the writer's
 * subject may hold one, and a throw here failed the whole staff mail. It becomes U+FFFD, as
 * Buffer.from writes it in the mail's own headers.
 */
const encode = (text: string) => encodeURIComponent(text.replace(LONE_SURROGATE, '\ufffd'));

/**
 * A `mailto:` URI (RFC 6068) to one address with a subject and a body: the only header fields
 * mail clients reliably fill from a link (§2). Every character outside the unreserved set and
 * RFC 6068's `some-delims` is percent-encoded as UTF-8 (encodeURIComponent keeps only those), a
 * space as `%20` (never `+`), and line breaks are sent as CRLF, `%0D%0A` (§5).
 */
export function mailtoUri(to: string, fields: { subject: string; body: string }): string {
  // The `@` stays literal (§2's addr-spec); either side may hold characters a URI may not.
  const at = to.lastIndexOf('@');
  const address = at < 0 ? encode(to) : `${encode(to.slice(0, at))}@${encode(to.slice(at + 1))}`;
  const body = fields.body.replace(/\r?\n/g, '\r\n');
  return `mailto:${address}?subject=${encode(fields.subject)}&body=${encode(body)}`;
}
