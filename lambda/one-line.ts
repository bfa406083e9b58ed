/**
 * Control characters (CR and LF above all), Unicode line separators and bidi overrides:
 * in a header they could end the line and start a header of the writer's choosing; in a
 * name or subject shown to staff they could disguise what it says.
 */
// eslint-disable-next-line no-control-regex -- control characters are what this strips
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]+/g;

/**
 * Where `count` characters of `text` from unit `from` end, in UTF-16 units: a surrogate pair is
 * one character, as `Array.from` reads it.
 */
function endOf(text: string, count: number, from = 0): number {
  let end = from;
  for (let n = 0; n < count && end < text.length; n += 1) {
    const high = text.charCodeAt(end);
    const low = text.charCodeAt(end + 1);
    end += high >= 0xd800 && high <= 0xdbff && low >= 0xdc00 && low <= 0xdfff ? 2 : 1;
  }
  return end;
}

/**
 * Writer-supplied text made safe for one header or one line of a body: unsafe characters
 * become spaces, whitespace collapses, and hostile lengths (a 100 KB subject) are cut short.
 */
export function oneLine(value: string, maxLength = 200): string {
  const flat = value.replace(UNSAFE, ' ').replace(/\s+/g, ' ').trim();
  // A string is never more characters than UTF-16 units: within the limit in units, it needs no counting.
  if (flat.length <= maxLength) return flat;
  // Counted only as far as the limit, once, not split into an array of every character (a decision cuts a few FAQ questions).
  const cut = endOf(flat, maxLength - 1);
  return endOf(flat, 1, cut) < flat.length ? `${flat.slice(0, cut).trimEnd()}…` : flat;
}
