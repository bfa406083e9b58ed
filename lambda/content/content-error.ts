/** A mistake in the FAQ content, located so that staff can fix it. */
export class ContentError extends Error {
  constructor(readonly file: string, readonly line: number, detail: string) {
    super(`${file}:${line}: ${detail}`);
    this.name = 'ContentError';
  }
}
