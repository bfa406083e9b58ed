import { readFile } from 'node:fs/promises';

/** A problem the user can fix (bad setting, bad content, bad arguments): printed without a stack. */
export class UsageError extends Error {}
/** A file's bytes, or standard input for `-`; errors name the file. */
export async function readInput(file: string): Promise<Buffer> {
  if (file === '-') {
    const chunks: Buffer[] = [];
    for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks);
  }
  try {
    return await readFile(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a folder' : (error as Error).message;
    throw new UsageError(`${file}: cannot read it (${why})`);
  }
}

/** Runs a CLI's main, printing user errors plainly and bugs with their stack. */
export function runCli(main: () => Promise<number>): void {
  main().then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(`${error instanceof UsageError ? (error as Error).message : (error as Error).stack ?? String(error)}\n`);
      process.exitCode = 2;
    },
  );
}
