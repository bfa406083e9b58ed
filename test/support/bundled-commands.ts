/**
 * The project's commands as a suite runs them: each bundled by esbuild from the sources when the suite starts,
 * into a folder of the suite's own that goes after it, so that no bundle outlives the sources it was built from.
 * A command started from its bundle runs in Node alone: `node --import tsx` transpiled and resolved each of its
 * modules at every start, about 0.7 s of CPU more per run (respond, --json on one message: 1.3 s instead of 2.0 s).
 */
import { readFile } from 'node:fs/promises';
import { symlinkSync } from 'node:fs';
import path from 'node:path';
import { build, type Plugin } from 'esbuild';
import { tempDir } from './temp-dir';

const ROOT = path.resolve(__dirname, '../..');

/**
 * Each module bundled keeps what Node gives it when tsx runs `command`: its own folder as `__dirname` (the sources
 * find the FAQ, the fixtures and the project's root by it), and `require.main === module` only in the command's own
 * file (a module that is also a command of its own runs its main only when started itself).
 * Declared ahead of each module's code, on its first line, so that the lines a stack names stay the source's.
 */
function asNodeRunsEachModule(command: string): Plugin {
  return {
    name: 'as-node-runs-each-module',
    setup(bundle) {
      bundle.onLoad({ filter: /\.ts$/ }, async ({ path: file }) => {
        const notMain = file === command ? '' : 'const module = undefined;';
        const source = await readFile(file, 'utf8');
        return { contents: `const __dirname = ${JSON.stringify(path.dirname(file))};${notMain}${source}`, loader: 'ts' };
      });
    },
  };
}

/**
 * Bundles `commands` (paths from the project's root, e.g. `tools/cli/respond.ts`) before the suite's tests; the
 * function returned gives the bundle of one of them, to start with `node`.
 */
export function bundledCommands(commands: readonly string[]): (command: string) => string {
  let outdir: string | undefined;
  beforeAll(async () => {
    const dir = tempDir('faqmail-commands-');
    // The packages are left out of the bundles and required from the project's node_modules, as the sources require them.
    symlinkSync(path.join(ROOT, 'node_modules'), path.join(dir, 'node_modules'));
    // One build a command: a command that another imports (npm run fit, which npm run bench runs a part of) is main only in its own.
    await Promise.all(
      commands.map((command) =>
        build({
          absWorkingDir: ROOT,
          entryPoints: [command],
          outbase: ROOT,
          outdir: dir,
          bundle: true,
          packages: 'external',
          platform: 'node',
          format: 'cjs',
          target: `node${process.versions.node}`,
          plugins: [asNodeRunsEachModule(path.join(ROOT, command))],
          logLevel: 'error',
        }),
      ),
    );
    outdir = dir;
  });
  return (command) => {
    if (outdir === undefined) throw new Error('the commands are bundled in beforeAll: start them inside a test');
    if (!commands.includes(command)) throw new Error(`${command} is not among the commands this suite bundles`);
    return path.join(outdir, command.replace(/\.ts$/, '.js'));
  };
}
