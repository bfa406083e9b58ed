/**
 * Which ids of a long thread are kept wherever a list of them is cut short. A thread is named
 * oldest first (References), and mail of ours that a reply may answer sits near its start: our
 * automatic answer or hand-over right after the writer's first message, a hand-over of their
 * reply to our answer two later. Keeping only the newest ids loses them in a long thread, and so
 * the reply would be answered automatically instead of reaching a person. Keeping the first ids
 * with the newest is also how References (RFC 5322 §3.6.4) is commonly trimmed.
 */
const THREAD_START = 4;

/** At most `max` of `ids`, a thread oldest first: its first THREAD_START and its newest. */
export function threadEnds<T>(ids: readonly T[], max: number): T[] {
  if (ids.length <= max) return [...ids];
  const first = Math.min(THREAD_START, max);
  return [...ids.slice(0, first), ...ids.slice(ids.length - (max - first))];
}
