/**
 * Mistakes an FAQ writer makes that used to load without a word and reach writers wrong: each
 * must fail with the file, the line and what to write instead.
 */
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ContentError } from '../lambda/content/content-error';
import { assembleFaq, loadContent, loadFaq } from '../lambda/content/load-faq';
import { parseFaq } from '../lambda/content/parse-faq';
import { tempDir } from './support/temp-dir';

const HEAD = '---\nbaseUrl: https://developer.example.com\n---\n\n## Billing\n\n**Q: How do I pay?**\n\n';

function mistake(answer: string): { line: number | undefined; message: string } {
  try {
    parseFaq(HEAD + answer, 'faq.md');
  } catch (error) {
    expect(error).toBeInstanceOf(ContentError);
    return { line: (error as ContentError).line, message: (error as Error).message };
  }
  throw new Error('no content error');
}

describe('a link in an answer must work from a mail', () => {
  // Before: each was sent as written, a link relative to no page, dead in every mail client.
  it.each([
    ['a page beside the file', 'See [the guide](docs/pay.md).', 'docs/pay.md'],
    ['a ./ path', 'See [the guide](./pay).', './pay'],
    ['an image', 'As shown: ![the form](images/form.png)', 'images/form.png'],
    ['an anchor', 'See [below](#refunds).', '#refunds'],
    ['a reference definition', 'See [the guide][g].\n\n[g]: docs/pay', 'docs/pay'],
  ])('refuses %s, at its line', (_what, answer, target) => {
    const { line, message } = mistake(`By card.\n\n${answer}\n`);
    expect(line).toBe(10 + answer.split('\n').length);
    expect(message).toContain(`"${target}"`);
    expect(message).toMatch(/cannot work in mail.*https:\/\//);
  });

  // Before: "write the full address (https://...)", silent on mailto:, which works as written.
  it('says which links work from a mail: a full address, a mailto: address, a /path from baseUrl', () => {
    const { message } = mistake('See [the guide](docs/pay.md).\n');
    expect(message).toMatch(/https:\/\/.*mailto:.*a path from https:\/\/developer\.example\.com \(\/docs\/\.\.\.\)/);
    expect(() => parseFaq('**Q: How do I pay?**\n\nSee [the guide](docs/pay.md).\n', 'faq.md')).toThrow(/https:\/\/.*mailto:.*baseUrl/);
  });

  // Before: sent as written, a link that takes its scheme from a page no mail has.
  it('refuses a protocol-relative link at its line, saying to write https:', () => {
    const { line, message } = mistake('By card.\n\nSee [the guide](//developer.example.com/pay).\n');
    expect(line).toBe(11);
    expect(message).toContain('write https://developer.example.com/pay');
  });

  it('sends an http:// link as written: the site may serve nothing else', () => {
    const [entry] = parseFaq(`${HEAD}See [the guide](http://saml-doc.example.com/x.html).\n`, 'faq.md');
    expect(entry.answer).toBe('See [the guide](http://saml-doc.example.com/x.html).');
  });

  it('resolves a reference definition to a site path against baseUrl, as an inline link', () => {
    // Before: "[g]: /docs/pay" was sent as written, a link to no host.
    const [entry] = parseFaq(`${HEAD}See [the guide][g].\n\n[g]: /docs/pay "Paying"\n`, 'faq.md');
    expect(entry.answer).toBe('See [the guide][g].\n\n[g]: https://developer.example.com/docs/pay "Paying"');
  });

  it('keeps absolute links, mail and site paths as they work', () => {
    const [entry] = parseFaq(
      `${HEAD}[a](https://x.example.com/a) [m](mailto:billing@example.com) [s](/s) <developers@example.com> <https://x.example.com>\n`,
      'faq.md',
    );
    expect(entry.answer).toBe(
      '[a](https://x.example.com/a) [m](mailto:billing@example.com) [s](https://developer.example.com/s) <developers@example.com> <https://x.example.com>',
    );
  });
});

describe('HTML in an answer is sent as text', () => {
  // Before: loaded, and writers got "<p>By <b>card<https://developer.example.com/b>.<https://developer.example.com/p>".
  it.each([
    ['bold', 'Pay <b>by card</b>.', '<b>', '**bold**'],
    ['a paragraph', '<p>By card.</p>', '<p>', 'a blank line'],
    ['a link', 'See <a href="https://x.example.com">the guide</a>.', '<a', '[text](https://...)'],
    ['an image', '<img src="form.png">', '<img', '![text](https://...)'],
    ['a line break', 'By card.<br/>Or invoice.', '<br', 'a blank line'],
  ])('refuses %s, at its line, saying what Markdown to write', (_what, answer, tag, markdown) => {
    const { line, message } = mistake(`By card.\n\n${answer}\n`);
    expect(line).toBe(11);
    expect(message).toContain(tag);
    expect(message).toContain(markdown);
  });

  it('keeps HTML in code, and <placeholders> that name no HTML element', () => {
    const answer = 'Embed `<div id="w"></div>` and write\n\n```html\n<b>x</b>\n```\n\nReplace <your-app> and <tenant> with yours.';
    const [entry] = parseFaq(`${HEAD}${answer}\n`, 'faq.md');
    expect(entry.answer).toBe(answer);
  });
});

describe("an entry's id does not depend on where it stands", () => {
  const ids = (files: Array<{ file: string; markdown: string }>): Record<string, string> =>
    Object.fromEntries(assembleFaq(files).entries.map((entry) => [entry.question, entry.id]));

  it('refuses two questions whose ids would be alike, rather than number them in file order', () => {
    // Before: the second loaded as "...-2", so moving it to an earlier file swapped the two ids, and
    // staff verdicts and decision records naming one entry then named the other.
    const first = '**Q: How do I set up SAML for my app in the OIN?**\n\nLike this.\n';
    const second = '**Q: How do I set up SAML for my app in the OIN catalog?**\n\nLike that.\n';
    let message = '';
    try {
      assembleFaq([
        { file: 'a.md', markdown: first },
        { file: 'b.md', markdown: `\n${second}` },
      ]);
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toMatch(/^b\.md:2: .*id "how-do-i-set-up-saml-for-my" .*a\.md:1.*reword the start of one/);
  });

  it('keeps every id when an entry moves to another file', () => {
    const pay = '**Q: How do I pay?**\n\nBy card.\n';
    const refund = '**Q: How do I get a refund?**\n\nAsk.\n';
    expect(ids([{ file: 'a.md', markdown: pay + '\n' + refund }])).toEqual(
      ids([
        { file: 'a.md', markdown: refund },
        { file: 'b.md', markdown: pay },
      ]),
    );
  });

  it('reads accented letters as their letters, so "Café?" and "Cafe?" are one question', () => {
    // Before: "café" lost its "é" ("caf"), and the two loaded as different questions.
    expect(ids([{ file: 'a.md', markdown: '**Q: Is the café open?**\n\nYes.\n' }])).toEqual({ 'Is the café open?': 'is-the-cafe-open' });
    expect(() =>
      assembleFaq([{ file: 'a.md', markdown: '**Q: Is the café open?**\n\nYes.\n\n**Q: Is the cafe open?**\n\nNo.\n' }]),
    ).toThrow(/already asked at a\.md:1/);
  });

  it('names questions without Latin letters apart, whatever their order', () => {
    // Before: every such question was "entry", then "entry-2", ... in file order.
    const a = '**Q: 如何付款？**\n\n用卡。\n';
    const b = '**Q: 如何退款？**\n\n问我们。\n';
    const forward = ids([{ file: 'a.md', markdown: `${a}\n${b}` }]);
    expect(forward).toEqual(ids([{ file: 'a.md', markdown: `${b}\n${a}` }]));
    expect(new Set(Object.values(forward)).size).toBe(2);
    expect(Object.values(forward).every((id) => /^entry-[0-9a-f]+$/.test(id))).toBe(true);
  });
});

describe('an "Also asked:" line names at least one phrasing', () => {
  // Before: each loaded, the phrasing staff meant to teach missing without a word ("Keywords:" and "Not about:" failed).
  it.each([
    ['at the end of the file', 'By card.\n\nAlso asked:\n', 11],
    ['with only an empty bullet', 'By card.\n\nAlso asked:\n-\n\n**Q: How do I get a refund?**\n\nAsk.\n', 11],
    ['with the answer going on under it', 'By card.\n\nAlso asked:\n\nOr by invoice.\n', 11],
    ['in a section of no question', 'By card.\n\n## Refunds\n\nAsk us.\n\nAlso asked:\n', 15],
  ])('refuses one %s, at its line', (_where, answer, line) => {
    const found = mistake(answer);
    expect(found.line).toBe(line);
    expect(found.message).toMatch(/"Also asked:" names no phrasing.*- /);
  });

  it('takes the list under it, past a blank line, and phrasings on its own line', () => {
    const [entry] = parseFaq(`${HEAD}By card.\n\nAlso asked:\n\n- Can I pay by card?\n\nAlso asked: Is invoice ok?\n`, 'faq.md');
    expect(entry.phrasings).toEqual(['Can I pay by card?', 'Is invoice ok?']);
  });
});

describe('line ends', () => {
  it('reads Windows line ends (CRLF) as any other', () => {
    const [entry] = assembleFaq([{ file: 'a.md', markdown: '**Q: How do I pay?**\r\n\r\nBy card.\r\n\r\nKeywords: pay\r\n' }]).entries;
    expect(entry).toMatchObject({ answer: 'By card.', keywords: ['pay'] });
  });

  it.each([
    ['a file saved with old Mac line ends (CR alone)', 'a.md', '**Q: How do I pay?**\r\rBy card.\r', 1],
    ['a lone CR in a CRLF file', 'a.md', '**Q: How do I pay?**\r\n\r\nBy card.\rOr invoice.\r\n', 3],
    ['a synonyms file with CR alone', 'synonyms.md', '- fee = price\r- OIN = app catalog\r', 1],
  ])('refuses %s at the line, saying how to save it', (_what, file, markdown, line) => {
    // Before: read as one line, "before the file's first heading", or a question whose answer was "By card.\rOr invoice.".
    let thrown: unknown;
    try {
      assembleFaq([
        { file: 'b.md', markdown: '**Q: Is it free?**\n\nYes.\n' },
        { file, markdown },
      ]);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ContentError);
    expect({ file: (thrown as ContentError).file, line: (thrown as ContentError).line }).toEqual({ file, line });
    expect((thrown as Error).message).toMatch(/carriage return.*save it with LF or CRLF/);
  });
});

describe('a way of asking belongs to one entry', () => {
  const refund = '**Q: How do I get a refund?**\n\nAsk.\n';
  // Before: loaded, the matcher taught that one question asks for two entries (a snippet pasted under the wrong one).
  it.each([
    ["another entry's question", '**Q: How do I pay?**\n\nBy card.\n\nAlso asked:\n- How do I get a refund\n', 'the question'],
    ["another entry's phrasing", '**Q: How do I pay?**\n\nBy card.\n\nAlso asked:\n- Can I get my money back?\n', 'a phrasing'],
  ])('refuses a phrasing that is %s, at its entry, naming the other', (_what, pay, other) => {
    const withPhrasing = `${refund}\nAlso asked:\n- Can I get my money back?\n`;
    expect(() =>
      assembleFaq([
        { file: 'a.md', markdown: withPhrasing },
        { file: 'b.md', markdown: pay },
      ]),
    ).toThrow(new RegExp(`^b\\.md:1: .*"How do I pay\\?" .* ${other} of "How do I get a refund\\?" at a\\.md:1`));
  });

  it("lets an entry's phrasing repeat its own question", () => {
    expect(assembleFaq([{ file: 'a.md', markdown: `${refund}\nAlso asked: how do I get a refund\n` }]).entries).toHaveLength(1);
  });
});

describe('a staff line indented as code', () => {
  // Before: Markdown read a tab or four spaces as a code block, and writers got "Keywords: pay" as code.
  it.each([
    ['a tab', '\tKeywords: pay, card'],
    ['four spaces', '    Not about: refunds'],
    ['a tab before "Also asked:"', '\tAlso asked: Can I pay by card?'],
  ])('refuses one indented by %s, at its line', (_indent, staffLine) => {
    const found = mistake(`By card.\n\n${staffLine}\n`);
    expect(found.line).toBe(11);
    expect(found.message).toMatch(/indented.*code.*sent to writers.*without the indent/);
  });

  it('sends such a line in a fenced code block as written', () => {
    const [entry] = parseFaq(`${HEAD}Send:\n\n\`\`\`\n    Keywords: pay\n\`\`\`\n`, 'faq.md');
    expect(entry.answer).toBe('Send:\n\n```\n    Keywords: pay\n```');
  });
});

describe('a file of questions that would not be read', () => {
  const faq = Buffer.from('**Q: How do I pay?**\n\nBy card.\n');
  const refund = Buffer.from('**Q: How do I get a refund?**\n\nAsk.\n');

  it.each([['refunds.txt'], ['refunds.md.txt']])('refuses %s holding questions, saying to name it .md', (name) => {
    // Before: loaded without it (Notepad saves "refunds.md" as "refunds.md.txt"), its questions never answered.
    const dir = tempDir('faqmail-content-');
    writeFileSync(path.join(dir, 'faq.md'), faq);
    writeFileSync(path.join(dir, name), refund);
    expect(() => loadFaq(dir)).toThrow(
      new RegExp(`${name.replace(/\./g, '\\.')}: .*only files named \\*\\.md are read: rename it refunds\\.md`),
    );
  });

  it('passes over other files, and a .txt of notes', () => {
    const dir = tempDir('faqmail-content-');
    writeFileSync(path.join(dir, 'faq.md'), faq);
    writeFileSync(path.join(dir, 'notes.txt'), 'Ask Sam before changing the refund answer.\n');
    writeFileSync(path.join(dir, 'faq.md~'), refund);
    expect(loadFaq(dir).entries).toHaveLength(1);
  });
});

describe('hidden files in the content folder', () => {
  const faq = Buffer.from('**Q: How do I pay?**\n\nBy card.\n');

  // Before: each was read as FAQ entries: a copy saved as .faq.md asked every question twice and failed the load, Emacs's
  // lock .#faq.md (a link to nothing) could not be read, and macOS's ._faq.md (binary) was "not UTF-8".
  it('passes over hidden files and folders, as ls and shells do, and names the hidden FAQ files it passed over', () => {
    const dir = tempDir('faqmail-content-');
    writeFileSync(path.join(dir, 'faq.md'), faq);
    writeFileSync(path.join(dir, '.faq.md'), faq);
    symlinkSync('author@host.4242:1700000000', path.join(dir, '.#faq.md'));
    writeFileSync(path.join(dir, '._faq.md'), Buffer.from([0, 5, 22, 7, 0xff, 0xfe]));
    mkdirSync(path.join(dir, '.drafts'));
    writeFileSync(path.join(dir, '.drafts', 'refunds.md'), faq);
    writeFileSync(path.join(dir, '.DS_Store'), Buffer.from([0, 0, 0, 1]));
    const { faq: loaded, hidden } = loadContent(dir);
    expect(loaded.entries.map((e) => e.question)).toEqual(['How do I pay?']);
    expect(hidden).toEqual(['.#faq.md', '._faq.md', '.faq.md']);
  });

  it('says, when only hidden files hold Markdown, that it passed over them', () => {
    const dir = tempDir('faqmail-content-');
    writeFileSync(path.join(dir, '.faq.md'), faq);
    expect(() => loadFaq(dir)).toThrow(/the FAQ content folder has no \.md files \(hidden ones are not read: \.faq\.md\)/);
  });
});
