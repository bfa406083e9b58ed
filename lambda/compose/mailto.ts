/**
 * A `mailto:` URI (RFC 6068) to one address with a subject and a body: the only header fields
 * mail clients reliably fill from a link (§2). Every character outside the unreserved set and
 * RFC 6068's `some-delims` is percent-encoded as UTF-8 (encodeURIComponent keeps only those), a
 * space as `%20` (never `+`), and line breaks are sent as CRLF, `%0D%0A` (§5).
 */
export function mailtoUri(to: string, fields: { subject: string; body: string }): string {
  // The `@` stays literal (§2's addr-spec); either side may hold characters a URI may not.
  const at = to.lastIndexOf('@');
  const address = at < 0 ? encodeURIComponent(to) : `${encodeURIComponent(to.slice(0, at))}@${encodeURIComponent(to.slice(at + 1))}`;
  const body = fields.body.replace(/\r?\n/g, '\r\n');
  return `mailto:${address}?subject=${encodeURIComponent(fields.subject)}&body=${encodeURIComponent(body)}`;
}
