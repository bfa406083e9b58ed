/**
 * `npm run transcript` (local/transcript.ts): the page it writes to docs/local-run.md, made by two
 * processes (the handler keeps its clients, made for the first local cloud of its process), and
 * what it does on a team's own FAQ.
 */
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { bundledCommands } from '../support/bundled-commands';
import { SAMPLE_FAQ_DIR } from '../support/sample-faq';

const ROOT = path.resolve(__dirname, '../..');
// Each page starts a local cloud and sends it every example.
jest.setTimeout(120_000);
const bundled = bundledCommands(['local/transcript.ts']);

/**
 * The page a run of npm run transcript writes, without writing it. docs/local-run.md shows the sample FAQ at work:
 * the page is made from its fixed copy, so a team's own content/ leaves this suite passing.
 */
async function page(): Promise<string> {
  const print = `require(${JSON.stringify(bundled('local/transcript.ts'))}).transcriptPage().then((page) => process.stdout.write(page))`;
  const { stdout } = await promisify(execFile)(process.execPath, ['-e', print], {
    cwd: ROOT,
    env: { ...process.env, POWERTOOLS_LOG_LEVEL: 'SILENT', FAQMAIL_CONTENT_DIR: SAMPLE_FAQ_DIR },
  });
  return stdout;
}

describe('npm run transcript', () => {
  // Two pages, made by two processes at once: each test below reads them, so CI starts two local clouds, not three.
  let pages: Promise<[string, string]>;
  beforeAll(() => {
    pages = Promise.all([page(), page()]);
  });

  // Before, the verdict links of the escalation shown carried the id the local SMTP listener gave the follow-up, new on
  // every run: each rerun rewrote four lines of docs/local-run.md where faqmail's work had not changed.
  it('makes the same page on every run when nothing of faqmail changed in between', async () => {
    const [first, second] = await pages;
    expect(first).toContain('faqmail-ref');
    expect(second).toBe(first);
  });

  // The page a successor reads as what faqmail does: a change to the examples, the FAQ or the composers
  // left it showing mail faqmail no longer writes until someone ran npm run transcript by hand.
  it('writes the page docs/local-run.md holds', async () => {
    const [first] = await pages;
    expect(first).toBe(readFileSync(path.join(ROOT, 'docs/local-run.md'), 'utf8'));
  });
});

// Before: it wrote the page from whatever FAQ it served, and a team that ran it on its own had the project's
// documentation rewritten with its own mail. Which FAQ may write the page is test/transcript.test.ts's.
describe("npm run transcript on a team's own FAQ", () => {
  it('prints the transcript, saying why, and leaves docs/local-run.md as it is', async () => {
    const docPage = path.join(ROOT, 'docs/local-run.md');
    const before = readFileSync(docPage, 'utf8');
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [bundled('local/transcript.ts')], {
      cwd: ROOT,
      env: { ...process.env, FAQMAIL_CONTENT_DIR: path.join(ROOT, 'test/fixtures/billing-faq/content') },
    });
    expect(stderr).toMatch(
      /^faqmail: docs\/local-run\.md is left as it is: it shows the sample FAQ as shipped \(.*\), and the FAQ served \(.*billing-faq\/content\) is another/,
    );
    expect(stdout).toMatch(/^# A local run, captured\n/);
    expect(stdout).toContain('$ npm run send -- examples/answered-inquiry.eml');
    expect(stdout).not.toBe(before);
    expect(readFileSync(docPage, 'utf8')).toBe(before);
  });
});
