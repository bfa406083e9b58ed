/**
 * When `npm run transcript` (local/transcript.ts) may write docs/local-run.md: only on what the page documents, the
 * sample FAQ as shipped under the default settings. Its run, the page it makes, is test/integration/transcript.test.ts's.
 */
import { cpSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { notThePage } from '../local/transcript';
import { SAMPLE_FAQ_DIR } from './support/sample-faq';
import { tempDir } from './support/temp-dir';

/** A copy of the sample FAQ as shipped, to change. */
function sampleCopy(): string {
  const dir = path.join(tempDir('faqmail-transcript-'), 'content');
  cpSync(SAMPLE_FAQ_DIR, dir, { recursive: true });
  return dir;
}

describe('npm run transcript writes docs/local-run.md', () => {
  it('on the sample FAQ as shipped, wherever it is read from, under the default settings', () => {
    expect(notThePage({ FAQMAIL_CONTENT_DIR: SAMPLE_FAQ_DIR })).toBeUndefined();
    expect(notThePage({ FAQMAIL_CONTENT_DIR: sampleCopy(), FAQMAIL_LOCAL_SMTP_PORT: '0' })).toBeUndefined();
    // Not read by the FAQ loader, so nothing the page shows.
    const withHidden = sampleCopy();
    writeFileSync(path.join(withHidden, '.draft.md'), '**Q: Not yet?**\n\nNot yet.\n');
    writeFileSync(path.join(withHidden, 'notes.txt'), 'to do\n');
    expect(notThePage({ FAQMAIL_CONTENT_DIR: withHidden })).toBeUndefined();
  });

  // Before: it wrote the page from whatever content/ held, and a team that ran it on its own FAQ (docs/content.md tells
  // it to replace content/) had the project's documentation rewritten with its own mail.
  it('on no other FAQ: one whose files differ, one with a file more or less, and when the shipped copy is gone', () => {
    const edited = sampleCopy();
    writeFileSync(path.join(edited, 'faq.md'), '**Q: How do I pay?**\n\nBy card.\n');
    expect(notThePage({ FAQMAIL_CONTENT_DIR: edited })).toMatch(
      /^it shows the sample FAQ as shipped \(.*\), and the FAQ served \(.*content\) is another \(faq\.md differs\)$/,
    );
    const more = sampleCopy();
    writeFileSync(path.join(more, 'billing.md'), '**Q: How do I pay?**\n\nBy card.\n');
    expect(notThePage({ FAQMAIL_CONTENT_DIR: more })).toMatch(/\(billing\.md differs\)$/);
    const fewer = sampleCopy();
    rmSync(path.join(fewer, 'synonyms.md'));
    rmSync(path.join(fewer, 'handover.md'));
    expect(notThePage({ FAQMAIL_CONTENT_DIR: fewer })).toMatch(/\(handover\.md, synonyms\.md differ\)$/);
    // A checkout without the test fixtures cannot tell: the page is left alone.
    expect(notThePage({ FAQMAIL_CONTENT_DIR: sampleCopy() }, path.join(tempDir('faqmail-transcript-'), 'gone'))).toMatch(
      /^it shows the sample FAQ as shipped \(.*gone\), and the FAQ served \(.*content\) is another$/,
    );
  });

  // Before: a setting refused the run outright, so a team could not see a transcript of its own settings.
  it('under no setting but the defaults', () => {
    expect(notThePage({ FAQMAIL_CONTENT_DIR: SAMPLE_FAQ_DIR, FAQMAIL_MODE: 'shadow', FAQMAIL_ANSWER_THRESHOLD: '0.5' })).toBe(
      'it shows the default settings, and FAQMAIL_MODE, FAQMAIL_ANSWER_THRESHOLD are set',
    );
  });
});
