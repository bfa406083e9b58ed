/** A mistake in the FAQ content, located so that staff can fix it (no line: the whole file or folder). */
export class ContentError extends Error {
  constructor(readonly file: string, readonly line: number | undefined, detail: string) {
    super(`${file}${line === undefined ? '' : `:${line}`}: ${detail}`);
    this.name = 'ContentError';
  }
}
