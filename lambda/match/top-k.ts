/**
 * The positions of the `k` highest `values`, highest first; of equal values the earlier
 * position wins, as it would in a stable sort. A bounded heap: O(n log k), not a sort of all n.
 * The helpers take what they read rather than closing over it: they run for every ask.
 */
export function topK(values: ArrayLike<number>, k: number): number[] {
  // A min-heap of the best k so far, its root the worst of them.
  const heap: number[] = [];
  for (let position = 0; position < values.length && k > 0; position += 1) {
    if (heap.length < k) {
      heap.push(position);
      for (let i = heap.length - 1; i > 0;) {
        const parent = (i - 1) >> 1;
        if (!worse(values, heap[i], heap[parent])) break;
        [heap[i], heap[parent]] = [heap[parent], heap[i]];
        i = parent;
      }
    } else if (worse(values, heap[0], position)) {
      heap[0] = position;
      down(values, heap);
    }
  }
  return heap.sort((a, b) => (worse(values, a, b) ? 1 : worse(values, b, a) ? -1 : 0));
}

/** Position `a` ranks below position `b`. */
function worse(values: ArrayLike<number>, a: number, b: number): boolean {
  return values[a] < values[b] || (values[a] === values[b] && a > b);
}

/** Sinks the heap's root to its place. */
function down(values: ArrayLike<number>, heap: number[]): void {
  for (let i = 0; ;) {
    const l = 2 * i + 1;
    const r = l + 1;
    let low = i;
    if (l < heap.length && worse(values, heap[l], heap[low])) low = l;
    if (r < heap.length && worse(values, heap[r], heap[low])) low = r;
    if (low === i) return;
    [heap[i], heap[low]] = [heap[low], heap[i]];
    i = low;
  }
}
