/** Text to match literally inside a regular expression built from words staff or writers give. */
export function escapePattern(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
