import path from 'node:path';

/**
 * A path as a message names it: from the working folder when inside it (npm runs every script
 * in the project's root), else as given. From the root, a folder elsewhere reads
 * `../../../tmp/...`, a path nobody typed.
 */
export function shownPath(file: string): string {
  const relative = path.relative(process.cwd(), file) || '.';
  const outside = relative === '..' || relative.startsWith(`..${path.sep}`) || path.isAbsolute(relative);
  return outside ? file : relative;
}
