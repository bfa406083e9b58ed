/**
 * L2-regularised logistic regression fitted by Newton's method: a fixed number of steps
 * from all-zero weights, no randomness, so the same rows give the same weights.
 */

export interface LogisticFit {
  weights: number[];
  intercept: number;
}

export interface LogisticOptions {
  /** Penalty on the squared weights (not the intercept): keeps rare features from running off. */
  l2: number;
  iterations: number;
}

/** Solves a x = b by Gaussian elimination with partial pivoting (a is small and positive definite). */
function solve(a: number[][], b: number[]): number[] {
  const n = b.length;
  const m = a.map((row, i) => [...row, b[i]]);
  for (let col = 0; col < n; col += 1) {
    let pivot = col;
    for (let row = col + 1; row < n; row += 1) if (Math.abs(m[row][col]) > Math.abs(m[pivot][col])) pivot = row;
    [m[col], m[pivot]] = [m[pivot], m[col]];
    for (let row = col + 1; row < n; row += 1) {
      const factor = m[row][col] / m[col][col];
      for (let k = col; k <= n; k += 1) m[row][k] -= factor * m[col][k];
    }
  }
  const x = new Array<number>(n).fill(0);
  for (let row = n - 1; row >= 0; row -= 1) {
    let sum = m[row][n];
    for (let k = row + 1; k < n; k += 1) sum -= m[row][k] * x[k];
    x[row] = sum / m[row][row];
  }
  return x;
}

export function fitLogistic(rows: readonly number[][], labels: readonly number[], options: LogisticOptions): LogisticFit {
  if (rows.length === 0) throw new Error('cannot fit the answer model on no rows');
  const d = rows[0].length + 1;
  // Coefficient 0 is the intercept; feature i is coefficient i + 1.
  const beta = new Array<number>(d).fill(0);
  const x = rows.map((row) => [1, ...row]);
  for (let step = 0; step < options.iterations; step += 1) {
    const gradient = beta.map((b, j) => (j === 0 ? 0 : options.l2 * b));
    const hessian = beta.map((_, i) => beta.map((__, j) => (i === j && i > 0 ? options.l2 : 0)));
    x.forEach((xi, r) => {
      const z = xi.reduce((sum, v, j) => sum + v * beta[j], 0);
      const p = 1 / (1 + Math.exp(-z));
      const w = p * (1 - p);
      for (let i = 0; i < d; i += 1) {
        gradient[i] += (p - labels[r]) * xi[i];
        if (xi[i] === 0) continue;
        for (let j = 0; j < d; j += 1) hessian[i][j] += w * xi[i] * xi[j];
      }
    });
    const delta = solve(hessian, gradient);
    for (let j = 0; j < d; j += 1) beta[j] -= delta[j];
  }
  return { intercept: beta[0], weights: beta.slice(1) };
}
