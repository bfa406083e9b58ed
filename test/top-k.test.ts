import { topK } from '../lambda/match/top-k';

describe('topK', () => {
  it('gives the positions of the k highest values, highest first', () => {
    expect(topK([3, 9, 1, 7, 5], 3)).toEqual([1, 3, 4]);
  });

  it('breaks ties by position, as a stable sort would', () => {
    const values = [2, 5, 2, 5, 2, 5, 1];
    const stable = values
      .map((v, i) => ({ v, i }))
      .sort((a, b) => b.v - a.v)
      .map((x) => x.i);
    for (let k = 0; k <= values.length + 1; k += 1) expect(topK(values, k)).toEqual(stable.slice(0, k));
  });

  it('agrees with a full sort on many values with repeats', () => {
    const values = Float64Array.from({ length: 5000 }, (_, i) => ((i * 7919) % 101) / 7);
    const sorted = [...values.keys()].sort((a, b) => values[b] - values[a]);
    expect(topK(values, 40)).toEqual(sorted.slice(0, 40));
  });
});
