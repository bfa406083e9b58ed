/** One row of a Markdown table, as the benchmark sections print them. */
export function row(cells: Array<string | number>): string {
  return `| ${cells.join(' | ')} |`;
}
