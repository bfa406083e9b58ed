/**
 * A value worked out once per key and kept in `memo`, which is emptied when it holds `limit`
 * entries: the same few thousand words recur in every message, and a flood of distinct ones
 * (a hostile message, a long-lived process) costs refills, not memory. `make` takes `context`
 * rather than closing over it: the callers run for every word, and a closure made per call
 * would cost more than the lookup it saves.
 */
export function remembered<K, V, C>(memo: Map<K, V>, key: K, limit: number, make: (key: K, context: C) => V, context: C): V {
  let value = memo.get(key);
  if (value === undefined) {
    value = make(key, context);
    if (memo.size >= limit) memo.clear();
    memo.set(key, value);
  }
  return value;
}
