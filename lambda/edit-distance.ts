/** Edit distance (Levenshtein), for suggesting the name a misspelt one meant: a setting, an FAQ staff line. */
export function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i += 1) {
    const current = [i];
    for (let j = 1; j <= b.length; j += 1) {
      current.push(Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1)));
    }
    previous = current;
  }
  return previous[b.length];
}

/** A name as names are compared: lowercase letters and digits only (`inbox-address` is `inboxaddress`). */
export function nameLetters(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]/g, '');
}
