/**
 * Tables kept as text: lines sorted as strings, joined by newlines, searched by halving where
 * they lie. Read as thousands of small strings, maps and arrays (the word ranks, the typo index),
 * they filled the young generation at every cold start, and its collections copied them
 * (docs/cold-start-log.md, "The word ranks and the typo index as text searched in place"); one string is read at
 * once and never copied.
 */

/** `lines` as one searchable text: sorted, joined by newlines (no line may hold one). */
export function sortedLines(lines: readonly string[]): string {
  return [...lines].sort().join('\n');
}

/** Where the line starting at `start` ends: its newline, or the text's end. */
function lineEnd(text: string, start: number): number {
  const end = text.indexOf('\n', start);
  return end < 0 ? text.length : end;
}

/** Whether the line from `start` to `end` sorts before `key`, compared where it lies (no string made per step). */
function lineBefore(text: string, start: number, end: number, key: string): boolean {
  const common = Math.min(end - start, key.length);
  for (let i = 0; i < common; i += 1) {
    const difference = text.charCodeAt(start + i) - key.charCodeAt(i);
    if (difference !== 0) return difference < 0;
  }
  return end - start < key.length;
}

/**
 * The first line of `text` (see sortedLines) that does not sort before `key`, undefined when
 * every line does: halving the characters between two line starts and reading the line there.
 */
export function firstLineFrom(text: string, key: string): string | undefined {
  // `low` starts a line; `high` starts a line, or lies one past the text's end.
  let low = 0;
  let high = text.length + 1;
  while (low < high) {
    const middle = (low + high) >>> 1;
    const start = middle === 0 ? 0 : text.lastIndexOf('\n', middle - 1) + 1;
    const end = lineEnd(text, start);
    if (lineBefore(text, start, end, key)) low = end + 1;
    else high = start;
  }
  return low > text.length ? undefined : text.slice(low, lineEnd(text, low));
}

/** What follows `key` and a space on `key`'s line of `text` ("key value"), undefined when no line is `key`'s. */
export function valueOfLine(text: string, key: string): string | undefined {
  const prefix = `${key} `;
  const line = firstLineFrom(text, prefix);
  return line?.startsWith(prefix) ? line.slice(prefix.length) : undefined;
}
