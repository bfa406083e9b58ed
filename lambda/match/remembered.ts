/**
 * How many keys a memo holds before it is emptied: a message has a few hundred distinct words
 * and the shipped FAQ a few thousand, so this holds a long-lived process's vocabulary many times
 * over, while a flood of distinct words (a hostile message) stays a few megabytes.
 */
const MEMO_LIMIT = 50_000;

/**
 * A value worked out once per key and kept in `memo`, which is emptied when it holds
 * `MEMO_LIMIT` entries, so that a flood of distinct keys costs refills, not memory. `make`
 * takes `context` rather than closing over it: the callers run for every word, and a closure
 * made per call would cost more than the lookup it saves.
 */
export function remembered<K, V, C>(memo: Map<K, V>, key: K, make: (key: K, context: C) => V, context: C): V {
  let value = memo.get(key);
  if (value === undefined) {
    value = make(key, context);
    if (memo.size >= MEMO_LIMIT) memo.clear();
    memo.set(key, value);
  }
  return value;
}
