import { MailParser } from 'mailparser';
import { TEXT_LIMIT } from '../lambda/mail/body-text';
import { parseMessage, UnparseableMailError } from '../lambda/mail/parse';
import type { InboundMessage } from '../lambda/domain';

// Hostile input is generated here, in memory: each case must end in a parsed message or an
// UnparseableMailError, and what reaches later stages must stay bounded. No timings are
// asserted; the generous timeout only keeps a regression from hanging CI.
jest.setTimeout(120_000);

const HEAD = [
  'From: Mallory <mallory@example.net>',
  'To: developers@example.com',
  'Subject: hostile',
  'Message-ID: <hostile@example.net>',
  'MIME-Version: 1.0',
];
const CRLF = '\r\n';

function mail(headers: string[], body: string | Buffer): Buffer {
  return Buffer.concat([
    Buffer.from([...HEAD, ...headers].join(CRLF) + CRLF + CRLF, 'latin1'),
    Buffer.isBuffer(body) ? body : Buffer.from(body, 'latin1'),
  ]);
}

async function parsesBounded(raw: Buffer): Promise<InboundMessage> {
  const message = await parseMessage(raw);
  expect(message.text.length).toBeLessThanOrEqual(TEXT_LIMIT);
  expect(message.newText.length).toBeLessThanOrEqual(TEXT_LIMIT);
  expect(message.quotedText.length).toBeLessThanOrEqual(TEXT_LIMIT);
  expect(message.forwardedText.length).toBeLessThanOrEqual(TEXT_LIMIT);
  expect(message.text).not.toContain('\u0000');
  expect(message.size).toBe(raw.length);
  return message;
}

function multipart(boundary: string, parts: string[]): string {
  return parts.map((part) => `--${boundary}${CRLF}${part}${CRLF}`).join('') + `--${boundary}--${CRLF}`;
}

describe('parseMessage on hostile input', () => {
  it('reads a 20 MB text body, handing on only the first TEXT_LIMIT characters', async () => {
    const line = 'Can we get listed in the OIN? '.repeat(3) + CRLF;
    const message = await parsesBounded(mail(['Content-Type: text/plain'], line.repeat(Math.ceil((20 * 1024 * 1024) / line.length))));
    expect(message.newText).toContain('Can we get listed in the OIN?');
  });

  it('reads a 20 MB body that is one line', async () => {
    await parsesBounded(mail(['Content-Type: text/plain'], 'x'.repeat(20 * 1024 * 1024)));
  });

  it('reads a 20 MB HTML body', async () => {
    const message = await parsesBounded(mail(['Content-Type: text/html'], '<div><p>Is the OIN free?</p></div>'.repeat(600_000)));
    expect(message.newText).toContain('Is the OIN free?');
  });

  it('reads HTML nested 100,000 elements deep', async () => {
    await parsesBounded(mail(['Content-Type: text/html'], '<div>'.repeat(100_000) + 'deep' + '</div>'.repeat(100_000)));
  });

  it('reads 5,000 MIME parts', async () => {
    const parts = Array.from({ length: 5_000 }, (_, index) => `Content-Type: text/plain${CRLF}${CRLF}part ${index}`);
    const message = await parsesBounded(mail(['Content-Type: multipart/mixed; boundary="b"'], multipart('b', parts)));
    expect(message.partTypes).toEqual(['multipart/mixed', 'text/plain']);
  });

  it('reads 5,000 attachments', async () => {
    const parts = Array.from(
      { length: 5_000 },
      (_, index) =>
        `Content-Type: application/octet-stream${CRLF}Content-Disposition: attachment; filename="f${index}.bin"${CRLF}Content-Transfer-Encoding: base64${CRLF}${CRLF}AAECAw==`,
    );
    const message = await parsesBounded(mail(['Content-Type: multipart/mixed; boundary="b"'], multipart('b', parts)));
    expect(message.attachments).toHaveLength(5_000);
  });

  it('reads multiparts nested 100 levels deep', async () => {
    let body = `Content-Type: text/plain${CRLF}${CRLF}Where do I sign up for the OIN?`;
    for (let level = 99; level >= 1; level -= 1)
      body = `Content-Type: multipart/mixed; boundary="b${level}"${CRLF}${CRLF}${multipart(`b${level}`, [body])}`;
    const message = await parsesBounded(mail(['Content-Type: multipart/mixed; boundary="b0"'], multipart('b0', [body])));
    expect(message.newText).toBe('Where do I sign up for the OIN?');
  });

  it('reads broken multipart structure: missing and repeated boundaries, no closing delimiter', async () => {
    const body = `--b${CRLF}Content-Type: text/plain${CRLF}${CRLF}one${CRLF}--b${CRLF}--b${CRLF}Content-Type: multipart/alternative; boundary="b"${CRLF}${CRLF}--b${CRLF}two`;
    await parsesBounded(mail(['Content-Type: multipart/mixed; boundary="b"'], body));
    await parsesBounded(mail(['Content-Type: multipart/mixed'], 'no boundary parameter at all'));
  });

  it('reads invalid charsets and transfer encodings', async () => {
    const parts = [
      `Content-Type: text/plain; charset="x-no-such-charset"${CRLF}Content-Transfer-Encoding: base64${CRLF}${CRLF}@@@ not base64 !!!`,
      `Content-Type: text/plain; charset=utf-8${CRLF}Content-Transfer-Encoding: quoted-printable${CRLF}${CRLF}broken =ZZ escape =\r\n=E2=82 cut utf-8`,
      `Content-Type: text/plain; charset=utf-7${CRLF}${CRLF}+ADw-script+AD4-`,
      `Content-Type: text/html; charset=iso-2022-jp${CRLF}Content-Transfer-Encoding: x-uuencode${CRLF}${CRLF}\u001b$B garbage`,
    ];
    const message = await parsesBounded(
      mail(
        ['Subject: =?x-bogus?Q?=FF=FE?= =?utf-8?B?####?= =?utf-8?Q?ok?=', 'Content-Type: multipart/mixed; boundary="b"'],
        multipart('b', parts),
      ),
    );
    expect(message.subject).not.toMatch(/[\r\n]/);
  });

  it('reads 100 KB header lines', async () => {
    const long = 'a'.repeat(100 * 1024);
    const recipients = Array.from({ length: 5_000 }, (_, index) => `r${index}@example.com`).join(', ');
    const message = await parsesBounded(
      mail(
        [
          `X-Long: ${long}`,
          `Subject: ${long}`,
          `Cc: ${recipients}`,
          `References: ${'<a@b> '.repeat(20_000)}`,
          `Authentication-Results: amazonses.com; ${'('.repeat(50_000)}`,
        ],
        'Hi',
      ),
    );
    expect(message.subject.length).toBeLessThanOrEqual(2_000);
    expect(message.references.length).toBeLessThanOrEqual(100);
    for (const values of message.headers.values()) for (const value of values) expect(value.length).toBeLessThanOrEqual(16_000);
  });

  it('reads NUL bytes in headers and body', async () => {
    const nul = Buffer.from([0, 0, 0]);
    const message = await parsesBounded(
      Buffer.concat([
        Buffer.from(`From: a\u0000b <x@example.com>${CRLF}Subject: a\u0000b${CRLF}To: developers@example.com${CRLF}${CRLF}Is it free?`),
        nul,
        Buffer.from(' Yes.'),
        nul,
      ]),
    );
    expect(message.subject).not.toContain('\u0000');
    expect(message.newText).toContain('Is it free?');
  });

  // email-reply-parser has regexes that are cubic on such text (minutes for 20 KB).
  it.each([
    ['one long "at on" line', 'x on ' + 'at on '.repeat(20_000)],
    ['a long run of blank lines', 'Hi\n' + '\n'.repeat(100_000) + 'x'],
    ['lines of blanks', ' \n'.repeat(50_000)],
    ['attribution starts without an end', 'abc. x skrev\n'.repeat(8_000)],
    ['"On" lines without "wrote"', 'On Monday at noon someone\n'.repeat(4_000)],
    ['From lines without brackets', 'From: x <\n'.repeat(10_000)],
    ['quote marks and spaces', '> '.repeat(50_000)],
    ['forward markers', '---------- Forwarded message ---------\nFrom: a\n\n'.repeat(3_000)],
    ['Outlook header blocks', 'From: a\nSent: b\nTo: c\nSubject: d\n\n'.repeat(3_000)],
    ['sign-offs', 'Thanks,\nBob\n\n'.repeat(8_000)],
  ])('reads a body of %s in bounded time', async (_, body) => {
    await parsesBounded(mail(['Content-Type: text/plain; charset=utf-8'], body));
  });

  it.each([
    ['an inline embedded message cut off in its header block', 'Content-Type: message/rfc822\r\nContent-Disposition: inline'],
    ['an inline embedded message that is a lone CR', 'Content-Type: message/rfc822\r\nContent-Disposition: inline\r\n\r\n\r--b--\r\n'],
  ])('gives up on %s, on which mailparser never finishes', async (_, part) => {
    const raw = mail(['Content-Type: multipart/mixed; boundary="b"'], `--b${CRLF}${part}`);
    await expect(parseMessage(raw, { timeoutMs: 1_000 })).rejects.toThrow(/did not finish within 1000 ms/);
    await expect(parseMessage(raw, { timeoutMs: 1_000 })).rejects.toBeInstanceOf(UnparseableMailError);
  });

  it('stops feeding mailparser when it gives up, so the rest of a large message is never split', async () => {
    // A timed-out parse keeps running in the background otherwise, burning the CPU of the
    // next invocations in a warm container (tens of seconds on a crafted 40 MB message).
    const written = jest.spyOn(MailParser.prototype, '_transform');
    const destroyed = jest.spyOn(MailParser.prototype, 'destroy');
    try {
      const raw = mail(['Content-Type: text/plain'], 'line\r\n'.repeat(2_000_000));
      await expect(parseMessage(raw, { timeoutMs: 1 })).rejects.toThrow(/did not finish within 1 ms/);
      await new Promise(setImmediate);
      expect(destroyed).toHaveBeenCalled();
      const bytes = written.mock.calls.reduce((sum, [chunk]) => sum + chunk.length, 0);
      expect(bytes).toBeLessThan(raw.length / 2);
    } finally {
      written.mockRestore();
      destroyed.mockRestore();
    }
  });

  it.each([
    ['empty input', Buffer.alloc(0)],
    ['blank lines only', Buffer.from('\r\n\r\n   \r\n')],
    ['binary garbage', Buffer.from(Array.from({ length: 64 * 1024 }, (_, index) => (index * 7919 + 13) % 256))],
    ['a body without a header block', Buffer.from('Hi,\n\nwhere do I sign up for the OIN?\n\nThanks')],
    ['NUL bytes only', Buffer.alloc(10_000)],
  ])('rejects %s as UnparseableMailError', async (_, raw) => {
    await expect(parseMessage(raw)).rejects.toBeInstanceOf(UnparseableMailError);
  });
});
