/**
 * The form addresses are compared in: lowercased, without a `+tag` on the local part, so
 * `Developers+oin@Example.com` is the inbox `developers@example.com`.
 */
export function comparable(address: string): string {
  const lower = address.trim().toLowerCase();
  const at = lower.lastIndexOf('@');
  if (at < 0) return lower;
  const local = lower.slice(0, at).replace(/\+.*$/, '');
  return `${local}@${lower.slice(at + 1)}`;
}
