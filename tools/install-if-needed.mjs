/**
 * Runs `npm ci` before `npm start` and `npm test` when `node_modules` was not installed from
 * the `package-lock.json` and `patches/` at hand: on a fresh clone, or after a pull that changed
 * either. That keeps the README's quick start at two commands, and a test run never uses
 * dependencies (or unpatched libraries) other than the ones the lock file names.
 *
 * `npm install` and `npm ci` call it with `--record` once they are done (package.json's
 * postinstall), so an install made by hand is not made again. Plain Node with no dependencies:
 * it runs before there are any.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
/** Written into node_modules after an install, so that removing node_modules removes it too. */
const stamp = path.join(root, 'node_modules', '.faqmail-installed-from');

/** What an install depends on: the lock file and every patch applied after it. */
function installInputs() {
  const hash = createHash('sha256').update(readFileSync(path.join(root, 'package-lock.json')));
  const patches = path.join(root, 'patches');
  for (const name of existsSync(patches) ? readdirSync(patches).sort() : []) {
    hash.update(`\0${name}\0`).update(readFileSync(path.join(patches, name)));
  }
  return hash.digest('hex');
}

const wanted = installInputs();
if (process.argv.includes('--record')) {
  writeFileSync(stamp, `${wanted}\n`);
} else if (!existsSync(stamp) || readFileSync(stamp, 'utf8').trim() !== wanted) {
  console.log('faqmail: installing the dependencies package-lock.json names (npm ci), once after a clone or a change to it…');
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const run = spawnSync(npm, ['ci', '--no-audit', '--no-fund'], { cwd: root, stdio: 'inherit', shell: process.platform === 'win32' });
  if (run.status !== 0) {
    console.error(
      `faqmail: npm ci failed (${run.error?.message ?? `exit code ${run.status}`}); fix the error above and run the command again. ` +
        'Offline, with node_modules already installed from this package-lock.json and patches/, ' +
        '`node tools/install-if-needed.mjs --record` records that, and the install is skipped.',
    );
    process.exit(run.status || 1);
  }
}
