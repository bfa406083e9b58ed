import { convert } from 'html-to-text';
import { simpleParser } from 'mailparser';
import { answerMark, hasAnswerMark } from '../lambda/mail/answer-mark';
import { firstName } from '../lambda/compose/greeting';
import { markdownToHtml, markdownToText } from '../lambda/compose/markdown';
import { oneLine } from '../lambda/one-line';
import { originalFilename, transportEncoding } from '../lambda/compose/original';
import { composeReply } from '../lambda/compose/reply';
import { answerTo, faqEntry, inboundMessage, scored, testConfig } from './support/messages';

/** What a mail client does when quoting: "> " on every line, re-wrapped at 72 columns. */
function quoteRewrapped(text: string, width = 72, joinParagraphs = false): string {
  const paragraphs = text.split(/\n{2,}/).map((p) => (joinParagraphs ? p.replace(/\n/g, ' ') : p));
  const lines = paragraphs.join('\n\n').split('\n');
  const out: string[] = [];
  for (const line of lines) {
    let rest = line;
    while (`> ${rest}`.length > width) {
      const cut = rest.lastIndexOf(' ', width - 2);
      if (cut <= 0) break;
      out.push(`> ${rest.slice(0, cut)}`);
      rest = rest.slice(cut + 1);
    }
    out.push(`> ${rest}`.trimEnd());
  }
  return out.join('\n');
}

describe('answer mark', () => {
  const config = testConfig();
  const answers = [scored(faqEntry())];

  async function replyParts(): Promise<{ text: string; html: string }> {
    const message = inboundMessage();
    const parsed = await simpleParser((await composeReply(message, answerTo(message), answers, config)).raw);
    return { text: parsed.text ?? '', html: parsed.html || '' };
  }

  test('stands on its own line at the end of the text part', async () => {
    const { text } = await replyParts();
    expect(text.trimEnd().split('\n').pop()).toBe(answerMark());
  });

  test('is recognised in a quoted copy re-wrapped at 72 columns', async () => {
    const { text } = await replyParts();
    const quoted = quoteRewrapped(`On Tue, 9 Apr 2024, Developer Relations <developers@example.com> wrote:\n${text}`);
    expect(quoted.split('\n').every((line) => line.length <= 72)).toBe(true);
    expect(hasAnswerMark(quoted)).toBe(true);
    expect(hasAnswerMark(quoteRewrapped(quoted))).toBe(true);
  });

  test('is recognised when re-flowing joins it to the footer and splits it', async () => {
    const { text } = await replyParts();
    const footer = text.trimEnd().split('\n\n').slice(-2).join(' ');
    let split = 0;
    for (let width = 40; width <= 80; width += 1) {
      const quoted = quoteRewrapped(footer, width, true);
      if (!quoted.includes(answerMark())) split += 1;
      expect(hasAnswerMark(quoted)).toBe(true);
    }
    expect(split).toBeGreaterThan(0);
  });

  test('is recognised wherever a line break and quote marker split it', () => {
    const mark = answerMark();
    for (let i = 1; i < mark.length; i += 1) {
      if (!/[\s:]/.test(mark[i]) && !/[\s:]/.test(mark[i - 1])) continue;
      expect(hasAnswerMark(`> foo ${mark.slice(0, i)}\n> ${mark.slice(i)}`)).toBe(true);
    }
  });

  test('is recognised in an HTML-to-text conversion of the HTML part', async () => {
    const { html } = await replyParts();
    expect(hasAnswerMark(convert(html, { wordwrap: 72 }))).toBe(true);
    expect(hasAnswerMark(quoteRewrapped(convert(html, { wordwrap: 72 })))).toBe(true);
    expect(hasAnswerMark(convert(`<blockquote>${html}</blockquote>`, { wordwrap: 40 }))).toBe(true);
  });

  test('is not seen in text that merely talks about faqmail or answers', () => {
    expect(hasAnswerMark('')).toBe(false);
    expect(hasAnswerMark('> Thanks for the answer from faqmail, see ref 12.')).toBe(false);
    expect(hasAnswerMark('> [ref faqmail:question]')).toBe(false);
    expect(hasAnswerMark('preference faqmail:answer')).toBe(false);
    expect(hasAnswerMark('> It was sent by email to faqmail users.')).toBe(false);
  });

  test('still recognises the token answers carried before the signature line', () => {
    expect(hasAnswerMark('> [ref faqmail:answer]')).toBe(true);
  });
});

describe('markdownToHtml / markdownToText', () => {
  const md = [
    'See the [guide](https://developer.okta.com/docs/guides/) or mail <developers@okta.com>; also <https://help.okta.com/>.',
    '',
    '- first *item*',
    '- second with `code`',
    '  1. nested',
    '',
    '> a quote',
    '',
    '    code block',
    '',
    '| a | b |',
    '|---|---|',
    '| 1 | 2 |',
    '',
    'Raw <b>html</b> and [bad](javascript:alert(1)) and https://bare.example/url stay text.',
  ].join('\n');

  test('HTML: links rendered, raw HTML and unsafe links escaped, bare URLs left alone', () => {
    const html = markdownToHtml(md);
    expect(html).toContain('<a href="https://developer.okta.com/docs/guides/">guide</a>');
    expect(html).toContain('<a href="mailto:developers@okta.com">developers@okta.com</a>');
    expect(html).toContain('Raw &lt;b&gt;html&lt;/b&gt;');
    expect(html).not.toContain('href="javascript');
    expect(html).not.toContain('href="https://bare.example');
  });

  test('text: links as "text <url>", autolinks once, lists and quotes readable', () => {
    expect(markdownToText(md)).toBe(
      [
        'See the guide <https://developer.okta.com/docs/guides/> or mail developers@okta.com; also https://help.okta.com/.',
        '',
        '- first item',
        '- second with code',
        '  1. nested',
        '',
        '> a quote',
        '',
        '    code block',
        '',
        'a | b',
        '1 | 2',
        '',
        'Raw <b>html</b> and [bad](javascript:alert(1)) and https://bare.example/url stay text.',
      ].join('\n'),
    );
  });

  test('HTML: table cells are set apart and code wraps, as mail clients give neither by default', () => {
    const html = markdownToHtml('| Plan | Price |\n|---|--:|\n| OIN | free |\n\n```\ncurl https://example.okta.com/api/v1/apps\n```');
    expect(html).toMatch(/<th style="[^"]*padding:[^"]*">Plan<\/th>/);
    expect(html).toMatch(/<td style="text-align:right;[^"]*padding:[^"]*">free<\/td>/);
    expect(html).toMatch(/<table style="[^"]*border-collapse:collapse/);
    expect(html).toMatch(/<pre style="[^"]*white-space:pre-wrap[^"]*"><code>curl/);
  });

  test('text: an answer that opens with code keeps the code indented from its first line', () => {
    expect(markdownToText('```sh\nnpm install @okta/okta-auth-js\nnpm test\n```\n\nThen sign in.')).toBe(
      ['    npm install @okta/okta-auth-js', '    npm test', '', 'Then sign in.'].join('\n'),
    );
    expect(markdownToText('    curl -X POST https://example.okta.com/api/v1/apps\n\nwith your API token.')).toMatch(/^ {4}curl -X POST/);
  });
});

describe('firstName', () => {
  test.each([
    ['Marco Bellini', 'Marco'],
    ['Bellini, Marco', 'Marco'],
    ['"Dr. Marco Bellini"', 'Marco'],
    ['MARCO BELLINI', 'Marco'],
    ['JOSÉ ÁLVAREZ', 'José'],
    ['IBM SUPPORT', undefined],
    ['ACME DEV TEAM', undefined],
    ['jane doe', 'Jane'],
    ["Sean O'Neil", 'Sean'],
    ["O'Neil", "O'Neil"],
    ['McDonald', 'McDonald'],
    ['John Smith Jr.', 'John'],
    ['Prof Dr Müller', undefined],
    ['Mr SMITH', undefined],
    ['J.R.', undefined],
    ['JR Smith', 'JR'],
    ['Jane Doe (Acme)', 'Jane'],
    ['jean-luc picard', 'Jean-Luc'],
    ['Seán Ó Súilleabháin', 'Seán'],
    ['Natalie Brooks (Fieldnote CRM)', 'Natalie'],
    ['Dev Patel', 'Dev'],
    // A role word's letters inside a name, next to a letter outside ASCII ("Ag" in "Agüero"), are no word of their own.
    ['Sergio Agüero', 'Sergio'],
    ['Agüero, Ana', 'Ana'],
    ['Jussi Itäranta', 'Jussi'],
    ['Zoë Bvéra', 'Zoë'],
    ['Acme AG', undefined],
    ['IT Support', undefined],
    ['Acme Inc.', undefined],
    ['Ledgerwise GmbH', undefined],
    ['ACME CORP', undefined],
    ['Quaderno Ltd', undefined],
    ['Customer Success', undefined],
    ['no reply', undefined],
    ['Developers Team', undefined],
    ['marco.bellini82@gmail.com', undefined],
    ['jd42', undefined],
    ['J.', undefined],
    ['<script>alert(1)</script>', undefined],
    ['', undefined],
  ])('%j gives %j', (name, expected) => {
    expect(firstName(name)).toBe(expected);
  });

  // A mail client with no name set shows the address's local part: a user name, no one's first name.
  test.each([
    ['jdoe', 'jdoe@example.com', undefined],
    ['JDOE', 'jdoe@example.com', undefined],
    ['"jdoe"', 'JDoe@example.com', undefined],
    ['priya', 'priya@example.com', undefined],
    ['Priya', 'priya@example.com', 'Priya'],
    ['Priya', 'priya.nair@example.com', 'Priya'],
    ['jdoe', 'john.doe@example.com', 'Jdoe'],
    ['Marco Bellini', 'marco@example.com', 'Marco'],
    // A one-word name that is a name in the domain is the organisation's, or a shared mailbox's.
    ['Slack', 'feedback@slack.com', undefined],
    ['Pixelharbor', 'hello@mail.pixelharbor.dev', undefined],
    ['Marco Bellini', 'marco@marcobellini.dev', 'Marco'],
    // The cost: someone whose domain is their first name alone is greeted neutrally.
    ['Priya', 'hi@priya.dev', undefined],
  ])('%j <%s> gives %j', (name, address, expected) => {
    expect(firstName(name, address)).toBe(expected);
  });

  // Initials written in capitals are greeted as written, never as a word ("Hello Jp,"); a one-case
  // name whose first word may be initials or a short name ("AJ SMITH", "jp") is greeted neutrally, unless
  // it is one of the two-letter names that are seldom initials ("ED SMITH").
  test.each([
    ['JP Morgan', 'JP'],
    ['AJ Smith', 'AJ'],
    ['JRR Tolkien', 'JRR'],
    ['JP', 'JP'],
    ['JP MORGAN', 'JP'],
    ['Morgan, JP', 'JP'],
    ['AJ SMITH', undefined],
    ['ED SMITH', 'Ed'],
    ['SMITH, ED', 'Ed'],
    ['AL SMITH', 'Al'],
    ['JO Smith', 'Jo'],
    ['jp morgan', undefined],
    ['Ed Smith', 'Ed'],
    ['BOB SMITH', 'Bob'],
    ['王伟', '王伟'],
  ])('%j gives %j', (name, expected) => {
    expect(firstName(name, 'someone@example.com')).toBe(expected);
  });

  // Names as directories, devices and other cultures write them.
  test.each([
    // In capitals before the given names, as French and East Asian directories write it: the given
    // names follow it; two letters before a name may be initials or a family name ("LI Wei").
    ['SMITH John', 'John'],
    ['DUPONT Jean-Pierre', 'Jean-Pierre'],
    ['TANAKA Hiroshi', 'Hiroshi'],
    ['KIM Min-jun', 'Min-jun'],
    ['DE LA CRUZ Maria', 'Maria'],
    ['NGUYEN Van An', undefined],
    ['ACME Listing Experts', undefined],
    ['SAP Manager', undefined],
    ['LI Wei', undefined],
    ['LE Van Minh', undefined],
    ['J. R. Smith', undefined],
    ['Dr. J. Smith', undefined],
    // After a comma: the given name when a family name is before it; degrees, suffixes and a role in
    // capitals after a whole name; neither is told apart from a double family name or a job title.
    ['van der Berg, Jan', 'Jan'],
    ['Smith Jr., John', 'John'],
    ['John Smith, PhD', 'John'],
    ['John Smith, Ph.D.', 'John'],
    ['Smith, John, PhD', 'John'],
    ['Hans Müller, Dr.', 'Hans'],
    ['Jane Doe, CTO', 'Jane'],
    ['García López, María', undefined],
    ['Jane Doe, Head of Product', undefined],
    // Words no one is greeted by: a particle that starts a family name, someone's device, one word in
    // capitals (an organisation's acronym as often as a name), an organisation's name.
    ['van Dijk', undefined],
    ['de la Cruz', undefined],
    ["d'Artagnan", undefined],
    ['Van Morrison', 'Van'],
    ["Jane's iPhone", undefined],
    ['Jane’s MacBook Pro', undefined],
    ['IBM', undefined],
    ['NASA', undefined],
    ['JANE', undefined],
    ['IBM Cloud', undefined],
    ['ACME Group', undefined],
    ['Northwind Labs', undefined],
    ['IT DEPT', undefined],
    // Emoji, and what follows "via", a bar or a dash: the service a mail came through, or what the writer does.
    ['😀 Jane Doe', 'Jane'],
    ['👩🏽\u200d💻 Jane Doe 🇫🇷', 'Jane'],
    ['✨Jane✨', 'Jane'],
    ['Jane via LinkedIn', 'Jane'],
    ['Jane Doe via Acme Support', 'Jane'],
    ['Jane Doe | CTO @ Acme', 'Jane'],
    ['Jane Doe – Acme Support', 'Jane'],
    ['Jane Doe • Acme', 'Jane'],
    ['Jean-Luc Picard - Starfleet', 'Jean-Luc'],
    ['Acme Support | Jane Doe', undefined],
    ['Team Acme', undefined],
    // Chinese, Japanese and Korean names are greeted whole, as written (lambda/compose/greeting.ts says why).
    ['山田 太郎', '山田 太郎'],
    ['山田太郎', '山田太郎'],
    ['王小明', '王小明'],
    ['김민수', '김민수'],
    ['김 민수', '김 민수'],
    ['ヤマダ タロウ', 'ヤマダ タロウ'],
    ['山田, 太郎', '山田 太郎'],
    ['山田 太郎 (Taro Yamada)', '山田 太郎'],
    ['Taro Yamada 山田太郎', 'Taro'],
    ['张伟 Wei Zhang', '张伟'],
    ['王', undefined],
    ['株式会社山田製作所', undefined],
    ['山田商事 サポート', undefined],
    ['华为技术有限公司', undefined],
    ['주식회사 한빛', undefined],
  ])('%j gives %j', (name, expected) => {
    expect(firstName(name, 'someone@example.com')).toBe(expected);
  });

  // A title before one word names a family name: "Hello Smith," would greet "Dr. Smith" by it.
  test.each([
    ['Dr. Smith', undefined],
    ['Mr Jones', undefined],
    ['Frau Müller', undefined],
    ['Prof. Dr. Weber', undefined],
    ['Mrs. Jane Smith', 'Jane'],
    ['Smith, Dr. Jane', 'Jane'],
  ])('%j gives %j', (name, expected) => {
    expect(firstName(name, 'someone@example.com')).toBe(expected);
  });
});

describe('oneLine', () => {
  test('turns control characters and line separators into spaces and caps the length', () => {
    expect(oneLine('a\r\nBcc: x\u0000\u2028y\u202ez')).toBe('a Bcc: x y z');
    expect(oneLine('x'.repeat(500), 10)).toBe(`${'x'.repeat(9)}…`);
    expect(Array.from(oneLine('😀'.repeat(20), 5))).toHaveLength(5);
  });
});

describe('originalFilename / transportEncoding', () => {
  test('file names come from the subject, safe and never empty', () => {
    expect(originalFilename('Two quick OIN questions')).toBe('Two-quick-OIN-questions.eml');
    expect(originalFilename('Re: SAML/SCIM? "help"')).toBe('Re-SAML-SCIM-help.eml');
    expect(originalFilename('.....')).toBe('original-message.eml');
    expect(originalFilename(undefined)).toBe('original-message.eml');
    expect(originalFilename('a'.repeat(300))).toBe(`${'a'.repeat(60)}.eml`);
  });

  test("file names keep the marks a script writes its vowels with: the subject's words, not their consonants", () => {
    // Devanagari and Tamil write vowel signs and viramas as combining marks: without them, "हिंदी में प्रश्न" was "ह-द-म-प-रश-न".
    expect(originalFilename('हिंदी में प्रश्न')).toBe('हिंदी-में-प्रश्न.eml');
    expect(originalFilename('தமிழ் கேள்வி')).toBe('தமிழ்-கேள்வி.eml');
  });

  test('only mail that can travel as is goes 7bit or 8bit', () => {
    expect(transportEncoding(Buffer.from('Subject: x\r\n\r\nhello\r\n'))).toBe('7bit');
    expect(transportEncoding(Buffer.from('Subject: x\n\nhello\n'))).toBe('7bit');
    expect(transportEncoding(Buffer.from('Subject: x\r\n\r\nGrüße\r\n'))).toBe('8bit');
    expect(transportEncoding(Buffer.from(`Subject: x\r\n\r\n${'a'.repeat(998)}\r\n`))).toBe('7bit');
    expect(transportEncoding(Buffer.from(`Subject: x\r\n\r\n${'a'.repeat(999)}\r\n`))).toBe('base64');
    expect(transportEncoding(Buffer.from('Subject: x\r\n\r\na\u0000b\r\n'))).toBe('base64');
    expect(transportEncoding(Buffer.from('Subject: x\r\n\r\na\rb\r\n'))).toBe('base64');
  });
});
