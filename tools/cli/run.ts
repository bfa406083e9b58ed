import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';

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
    const folder = `it is a folder: give the messages in it, e.g. ${path.join(file, '*.eml')}`;
    const why = code === 'ENOENT' ? missing(file) : code === 'EISDIR' ? folder : (error as Error).message;
    throw new UsageError(`${file}: cannot read it (${why})`);
  }
}

/**
 * Why `file` is not there. npm runs every script in the project's root, wherever it is typed (INIT_CWD says where):
 * a path typed in a subfolder is read from the root, and "no such file" alone names a file the user can see.
 */
function missing(file: string): string {
  const typedIn = process.env.INIT_CWD;
  if (path.isAbsolute(file) || !typedIn || path.resolve(typedIn) === process.cwd()) return 'no such file';
  const meant = path.resolve(typedIn, file);
  const give = existsSync(meant) ? `give ${path.relative(process.cwd(), meant)}, the path from there,` : 'give the path from there';
  return `no such file in ${process.cwd()}, where npm runs every script wherever it is typed: ${give} or an absolute one`;
}

/** A message for the user as every command prints it: `faqmail: ...`, unless it says so already or is a usage text. */
export function userLine(message: string): string {
  return message.startsWith('faqmail:') || message.startsWith('usage:') ? message : `faqmail: ${message}`;
}

/**
 * Runs a CLI's main, printing user errors plainly (`faqmail: ...`, one line) and bugs with
 * their stack. `--help` (or `-h`) anywhere prints `help` and exits 0, in every command alike.
 */
export function runCli(main: () => Promise<number> | number, help: string): void {
  if (process.argv.slice(2).some((arg) => arg === '--help' || arg === '-h')) {
    process.stdout.write(`${help.trim()}\n`);
    return;
  }
  // Through a promise, so that a synchronous main's throw is reported like a rejection.
  Promise.resolve()
    .then(main)
    .then(
      (code) => {
        process.exitCode = code;
      },
      (error: unknown) => {
        const message = error instanceof UsageError ? error.message : ((error as Error).stack ?? String(error));
        process.stderr.write(`${userLine(message)}\n`);
        process.exitCode = 2;
      },
    );
}

/**
 * An argument the command does not take, in every command's words: one line, naming where its arguments are listed.
 * `command` is how it is typed, e.g. `npm run respond`.
 */
export function unknownArgument(arg: string, command: string): UsageError {
  return new UsageError(`unknown argument ${arg} (${command} -- --help lists them)`);
}

/** One argument as an option: its name, the value written after `=` if any, and `value()`, which takes that or the next argument. */
interface GivenOption {
  arg: string;
  name: string;
  inline: string | undefined;
  value: () => string | undefined;
}

/**
 * The options of `args`, `--name value` or `--name=value`, in order. Taking the last of one given twice would run on a
 * period (or a folder, a filter) nobody asked for without a word: that is a usage error.
 */
export function* givenOptions(args: readonly string[], usage: string): Generator<GivenOption> {
  const given = new Set<string>();
  for (let i = 0; i < args.length; i += 1) {
    const arg = args[i];
    const equals = arg.indexOf('=');
    const [name, inline] = equals > 0 ? [arg.slice(0, equals), arg.slice(equals + 1)] : [arg, undefined];
    if (given.has(name)) throw new UsageError(`${name} given twice: give it once\n${usage}`);
    given.add(name);
    yield { arg, name, inline, value: () => inline ?? args[++i] };
  }
}

/** A day and time with no zone (`2026-03-02T09:00`, `2026-03-02 09:00:00`): read as UTC, as the day alone is. */
const NO_ZONE = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/;

/**
 * A date option's value (`2026-03-02`, midnight UTC; a time, UTC unless it names its zone), or a usage error naming
 * the option. Not the machine's zone, as Date reads a time without one: the records' days and the digest are UTC.
 */
export function optionDate(option: string, raw: string | undefined, usage: string): Date {
  if (raw === undefined || raw.startsWith('--')) throw new UsageError(`${option} needs a date\n${usage}`);
  const value = new Date(/^\d{4}-\d{2}-\d{2}$/.test(raw) ? `${raw}T00:00:00Z` : NO_ZONE.test(raw) ? `${raw}Z` : raw);
  if (Number.isNaN(value.getTime())) throw new UsageError(`${option} "${raw}" is not a date\n${usage}`);
  // Date takes 2026-02-30 for March 2: a typo would move the period without a word.
  const [, year, month, day] = /^(\d{4})-(\d{2})-(\d{2})/.exec(raw)?.map(Number) ?? [];
  if (day !== undefined && new Date(Date.UTC(year, month - 1, day)).getUTCDate() !== day)
    throw new UsageError(`${option} "${raw}" is not a date (${raw.slice(0, 7)} has no day ${day})\n${usage}`);
  return value;
}
