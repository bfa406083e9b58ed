/**
 * `jane.doe@example.com` → `j***@example.com`: which domain, and a hint, but not who. Logs and
 * decision records keep addresses of people only this way (or as the state store's hash).
 */
export function maskAddress(address: string): string {
  const at = address.lastIndexOf('@');
  if (at < 0) return '***';
  return `${address.slice(0, Math.min(1, at))}***${address.slice(at)}`;
}
