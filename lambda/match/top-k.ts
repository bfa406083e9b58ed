/**
 * The positions of the `k` highest `values`, highest first; of equal values the earlier
 * position wins, as it would in a stable sort. A bounded heap: O(n log k), not a sort of all n.
 */
export function topK(values: ArrayLike<number>, k: number): number[] {
  // A min-heap of the best k so far, its root the worst of them.
  const heap: number[] = [];
  const worse = (a: number, b: number): boolean => values[a] < values[b] || (values[a] === values[b] && a > b);
  const down = (from: number): void => {
    for (let i = from; ;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let low = i;
      if (l < heap.length && worse(heap[l], heap[low])) low = l;
      if (r < heap.length && worse(heap[r], heap[low])) low = r;
      if (low === i) return;
      [heap[i], heap[low]] = [heap[low], heap[i]];
      i = low;
    }
  };
  for (let position = 0; position < values.length && k > 0; position += 1) {
    if (heap.length < k) {
      heap.push(position);
      for (let i = heap.length - 1; i > 0;) {
        const parent = (i - 1) >> 1;
        if (!worse(heap[i], heap[parent])) break;
        [heap[i], heap[parent]] = [heap[parent], heap[i]];
        i = parent;
      }
    } else if (worse(heap[0], position)) {
      heap[0] = position;
      down(0);
    }
  }
  return heap.sort((a, b) => (worse(a, b) ? 1 : worse(b, a) ? -1 : 0));
}
