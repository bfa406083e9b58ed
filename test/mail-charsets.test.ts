/**
 * The message parser's character sets, as patched (patches/libmime+5.6.4.patch: libmime requires
 * iconv-lite and encoding-japanese at first use, not when it loads). Mail in UTF-8 loads neither;
 * every other charset reads as it did, and the ones libmime refuses stay refused.
 */
import Encoding from 'encoding-japanese';
import iconv from 'iconv-lite';
import { simpleParser } from 'mailparser';
import { parseMessage } from '../lambda/mail/parse';
import { parseInFreshProcess } from './support/fresh-parse';
import { replyBody, replySubjectFor } from '../lambda/compose/reply';
import { composeEscalation } from '../lambda/compose/escalation';
import { decision, faqEntry, scored, testConfig } from './support/messages';

const CRLF = '\r\n';

function mail(contentType: string, body: Buffer, transferEncoding = 'base64'): Buffer {
  const head = [
    'From: Writer <writer@example.net>',
    'To: developers@example.com',
    'Subject: =?gb2312?B?' + iconv.encode('集成问题', 'gb2312').toString('base64') + '?=',
    'Message-ID: <charsets@example.net>',
    'MIME-Version: 1.0',
    `Content-Type: ${contentType}`,
    `Content-Transfer-Encoding: ${transferEncoding}`,
  ].join(CRLF);
  const encoded = transferEncoding === 'base64' ? body.toString('base64') : body.toString('latin1');
  return Buffer.concat([Buffer.from(head + CRLF + CRLF, 'latin1'), Buffer.from(encoded, 'latin1')]);
}

describe('character sets of the message parser', () => {
  it('parses mail in UTF-8 without loading iconv-lite or encoding-japanese (the libmime patch is applied)', () => {
    const parsed = parseInFreshProcess(['/node_modules/iconv-lite/', '/node_modules/encoding-japanese/']);
    expect(parsed.text).toBe('Is there a FAQ for SCIM?');
    // If this fails, `npm install` did not run its postinstall step, which applies patches/.
    expect(parsed.loaded).toEqual({ '/node_modules/iconv-lite/': false, '/node_modules/encoding-japanese/': false });
  });

  it.each([
    ['GBK', 'text/plain; charset=gbk', iconv.encode('我们的应用如何加入目录？', 'gbk'), '我们的应用如何加入目录？'],
    ['GB18030', 'text/plain; charset=gb18030', iconv.encode('单点登录 𠀀', 'gb18030'), '单点登录 𠀀'],
    ['Big5', 'text/plain; charset=big5', iconv.encode('單一登入的問題', 'big5'), '單一登入的問題'],
    ['Shift_JIS', 'text/plain; charset=shift_jis', iconv.encode('シングルサインオン', 'shift_jis'), 'シングルサインオン'],
    ['UTF-16 with a byte order mark', 'text/plain; charset=utf-16', iconv.encode('Single logout?', 'utf-16'), 'Single logout?'],
    ['UTF-16LE without one', 'text/plain; charset=utf-16', iconv.encode('Single logout?', 'utf-16le'), 'Single logout?'],
    ['Windows-1252', 'text/plain; charset=windows-1252', iconv.encode('Café – “SAML”', 'windows-1252'), 'Café – “SAML”'],
  ])('decodes %s as before', async (_name, contentType, body, text) => {
    const message = await parseMessage(mail(contentType, body));
    expect(message.text.trim()).toBe(text);
    expect(message.subject).toBe('集成问题');
  });

  it('decodes ISO-2022-JP, which iconv-lite does not know, with encoding-japanese as before', async () => {
    const jis = Buffer.from(Encoding.convert(Encoding.stringToCode('シングルサインオンの設定'), { to: 'JIS', from: 'UNICODE' }));
    const message = await parseMessage(mail('text/plain; charset=iso-2022-jp', jis, '7bit'));
    expect(message.text.trim()).toBe('シングルサインオンの設定');
  });

  it('still refuses UTF-7 (a way to smuggle markup past filters): the bytes are read as UTF-8', async () => {
    const message = await parseMessage(mail('text/plain; charset=utf-7', Buffer.from('+ADw-script+AD4-'), '7bit'));
    expect(message.text.trim()).toBe('+ADw-script+AD4-');
  });
});

/**
 * Header fields in raw 8-bit bytes, no RFC 2047 encoded words: RFC 6532 allows UTF-8 there, and old
 * clients and scripts write Windows-1252 (or Latin-1, which it contains) all the same.
 */
describe('raw 8-bit header fields', () => {
  const cp1252 = (text: string) => iconv.encode(text, 'windows-1252');
  const utf8 = (text: string) => Buffer.from(text, 'utf8');

  function raw8bit(fields: Array<[string, Buffer]>, body = Buffer.from('Wie melde ich mich an?\r\n')): Buffer {
    const lines = fields.flatMap(([name, value]) => [Buffer.from(`${name}: `, 'latin1'), value, Buffer.from(CRLF, 'latin1')]);
    const head = [
      'To: developers@example.com',
      'Message-ID: <raw-8bit@example.de>',
      'MIME-Version: 1.0',
      'Content-Type: text/plain; charset=utf-8',
    ];
    return Buffer.concat([...lines, Buffer.from(head.join(CRLF) + CRLF + CRLF, 'latin1'), body]);
  }

  it('reads a Subject and display names that are not UTF-8 as Windows-1252, not as replacement characters', async () => {
    const message = await parseMessage(
      raw8bit([
        ['From', Buffer.concat([cp1252('Jürgen Müller'), Buffer.from(' <juergen@example.de>')])],
        ['Reply-To', Buffer.concat([cp1252('Björn Weiß'), Buffer.from(' <bjoern@example.de>')])],
        ['Subject', cp1252('Grüße aus Köln – Anmeldung für 20 €')],
      ]),
    );
    // Before: "Gr\uFFFD\uFFFDe aus K\uFFFDln \uFFFD Anmeldung f\uFFFDr 20 \uFFFD" and "J\uFFFDrgen M\uFFFDller".
    expect(message.subject).toBe('Grüße aus Köln – Anmeldung für 20 €');
    expect(message.from).toEqual({ name: 'Jürgen Müller', address: 'juergen@example.de' });
    expect(message.replyTo).toEqual([{ name: 'Björn Weiß', address: 'bjoern@example.de' }]);
    // What the writer reads of it in our answer.
    const config = testConfig();
    expect(replySubjectFor(message, config)).toBe('Re: Grüße aus Köln – Anmeldung für 20 €');
    expect(replyBody(message, message.from ?? message.replyTo[0], [scored(faqEntry())], config)[0]).toEqual({
      kind: 'text',
      text: 'Hello Jürgen,',
    });
  });

  it('keeps raw UTF-8 (RFC 6532) as it is, field by field beside one that is not', async () => {
    const message = await parseMessage(
      raw8bit([
        ['From', Buffer.concat([cp1252('Jürgen Müller'), Buffer.from(' <juergen@example.de>')])],
        ['Subject', utf8('Grüße aus Köln – Anmeldung für 20 € 🙂')],
      ]),
    );
    expect(message.subject).toBe('Grüße aus Köln – Anmeldung für 20 € 🙂');
    expect(message.from?.name).toBe('Jürgen Müller');
    const unicode = await parseMessage(
      raw8bit([
        ['From', utf8('Zoë Ångström <zoe@example.se>')],
        ['Subject', utf8('Ångström')],
      ]),
    );
    expect([unicode.from?.name, unicode.subject]).toEqual(['Zoë Ångström', 'Ångström']);
  });

  // A part's header is read by the MIME splitter, not by withUnicodeHeader: 8-bit bytes that are not
  // UTF-8 come out as Latin-1, right for letters, but Windows-1252's 0x80-0x9F (€, dashes, curly
  // quotes) as C1 controls, which the list of attachments staff read shows as spaces.
  it("reads an attachment's name in raw Windows-1252 as such, and staff read it so", async () => {
    const part = (disposition: Buffer) =>
      Buffer.concat([
        Buffer.from(`--b1${CRLF}Content-Type: application/pdf${CRLF}Content-Disposition: attachment; filename="`, 'latin1'),
        disposition,
        Buffer.from(`"${CRLF}Content-Transfer-Encoding: base64${CRLF}${CRLF}JVBERi0=${CRLF}`, 'latin1'),
      ]);
    const raw = Buffer.concat([
      Buffer.from(
        [
          'From: Jan <jan@example.de>',
          'To: developers@example.com',
          'Subject: Angebot',
          'Message-ID: <parts-8bit@example.de>',
          'MIME-Version: 1.0',
          'Content-Type: multipart/mixed; boundary="b1"',
        ].join(CRLF) +
          CRLF +
          CRLF,
        'latin1',
      ),
      part(cp1252('Preis 2024 – 20 € – Bob’s Entwurf.pdf')),
      part(cp1252('Größe.pdf')),
      part(utf8('Grüße – „Entwurf“.pdf')),
      Buffer.from(`--b1--${CRLF}`, 'latin1'),
    ]);
    const message = await parseMessage(raw);
    // Before: "Preis 2024 \u0096 20 \u0080 \u0096 Bob\u0092s Entwurf.pdf".
    expect(message.attachments.map((attachment) => attachment.filename)).toEqual([
      'Preis 2024 – 20 € – Bob’s Entwurf.pdf',
      'Größe.pdf',
      'Grüße – „Entwurf“.pdf',
    ]);
    const handOver = await composeEscalation({ message: { ...message, newText: '' }, raw, decision: decision(), config: testConfig() });
    // Before: "- Preis 2024 20 Bob s Entwurf.pdf (application/pdf, 5 B)".
    expect((await simpleParser(handOver.raw)).text).toContain('- Preis 2024 – 20 € – Bob’s Entwurf.pdf (application/pdf');
  });

  it('reads a folded Subject as one field, and leaves the body to its own charset', async () => {
    const folded = Buffer.concat([cp1252('Frage zur'), Buffer.from(`${CRLF} `), cp1252('Größe der Anhänge')]);
    const body = Buffer.from('Gr\u00fc\u00dfe\r\n', 'utf8');
    const message = await parseMessage(
      raw8bit(
        [
          ['From', Buffer.from('Jan <jan@example.de>')],
          ['Subject', folded],
        ],
        body,
      ),
    );
    expect(message.subject).toBe('Frage zur Größe der Anhänge');
    expect(message.text.trim()).toBe('Grüße');
  });
});

/**
 * UTF-8 text that a client labelled Windows-1252 or Latin-1 reads as mojibake ("Weâ€™re", "cafÃ©"); it is read back
 * as the writer wrote it (messymonth5 p19), and real Windows-1252 text with the same letters is left alone.
 */
describe('UTF-8 read as Windows-1252 (mojibake)', () => {
  const mislabelled = (text: string) => mail('text/plain; charset=windows-1252', Buffer.from(text, 'utf8'), '8bit');

  it.each([
    ['We’re building a SWA app — what is SWA exactly?'],
    ['Is the listing free? Our café’s “integration” team asks… 🙂'],
    ['Don’t we need to contact Okta first • before SAML?'],
  ])('reads %j back from its mojibake', async (text) => {
    const message = await parseMessage(mislabelled(text));
    expect(message.text.trim()).toBe(text);
  });

  it.each([['São Paulo and Ångström: “ÜBER” – is it free?'], ['Preis: 5 € – “Büro” ÀÉ']])(
    'leaves real Windows-1252 text alone: %j',
    async (text) => {
      const message = await parseMessage(mail('text/plain; charset=windows-1252', iconv.encode(text, 'windows-1252'), '8bit'));
      expect(message.text.trim()).toBe(text);
    },
  );
});

/**
 * Letters styled by their code point read as the plain ones (messymonth6 p04): the mathematical bold and
 * italic letters that "bold text" generators paste; other compatibility characters (fullwidth letters, ligatures, "²",
 * "…") stay as written.
 */
describe('styled letters', () => {
  const utf8 = (text: string) => mail('text/plain; charset=utf-8', Buffer.from(text, 'utf8'), '8bit');

  it.each([
    ['𝗪𝗵𝗲𝗿𝗲 𝗱𝗼 𝘄𝗲 𝘀𝗶𝗴𝗻 𝘂𝗽 𝘁𝗼 𝗷𝗼𝗶𝗻 𝘁𝗵𝗲 𝗢𝗜𝗡?', 'Where do we sign up to join the OIN?'],
    ['𝘐𝘴 𝘵𝘩𝘦𝘳𝘦 𝘢 𝘤𝘰𝘴𝘵 𝘵𝘰 𝘭𝘪𝘴𝘵 𝘰𝘶𝘳 𝘢𝘱𝘱?', 'Is there a cost to list our app?'],
  ])('reads %j as plain letters', async (styled, plain) => {
    const message = await parseMessage(utf8(styled));
    expect(message.text.trim()).toBe(plain);
  });

  it('leaves other compatibility characters alone', async () => {
    const message = await parseMessage(utf8('SCIM² … ½ done, is ＳＷＡ ﬁne?'));
    expect(message.text.trim()).toBe('SCIM² … ½ done, is ＳＷＡ ﬁne?');
  });
});

/**
 * Fullwidth question marks, exclamation marks and commas a Chinese or Japanese IME types after English words
 * (messymonth7 p19) read as the ASCII marks, with a space before a word that touches them; after CJK text they stay.
 */
describe('fullwidth marks after Latin text', () => {
  const utf8 = (text: string) => mail('text/plain; charset=utf-8', Buffer.from(text, 'utf8'), '8bit');

  it.each([
    [
      'Is the session time out a setting in Okta？Does Okta support single logout？',
      'Is the session time out a setting in Okta? Does Okta support single logout?',
    ],
    ['Hello team，is listing free！Thanks', 'Hello team, is listing free! Thanks'],
  ])('reads %j with ASCII marks', async (typed, read) => {
    const message = await parseMessage(utf8(typed));
    expect(message.text.trim()).toBe(read);
  });

  it('leaves them after CJK text', async () => {
    const message = await parseMessage(utf8('我们的应用如何加入目录？谢谢！'));
    expect(message.text.trim()).toBe('我们的应用如何加入目录？谢谢！');
  });
});

/**
 * Quoted-printable a relay left undecoded under a 7bit label (messymonth6 p17) is decoded when two tell-tale escapes
 * show it ("=20" at a line end, "=3D", a whole UTF-8 character); a URL's "=AB" or base64 padding is left alone.
 */
describe('quoted-printable left undecoded', () => {
  const seven = (text: string) => mail('text/plain; charset=utf-8', Buffer.from(text, 'utf8'), '7bit');

  it.each([
    ['What=E2=80=99s the proce=\r\nss after we submit?=20\r\nThanks', 'What’s the process after we submit?\nThanks'],
    [
      'Is there a fee to join the OIN?=20\r\nSee https://example.net/?a=3Db',
      'Is there a fee to join the OIN?\nSee https://example.net/?a=b',
    ],
  ])('decodes %j', async (left, decoded) => {
    const message = await parseMessage(seven(left));
    expect(message.text.trim()).toBe(decoded);
  });

  it.each([['Our token is dGVzdA== and the link https://example.net/?id=AB12 works. Is SWA free?'], ['Set x=20 then y=3D?']])(
    'leaves %j alone',
    async (text) => {
      const message = await parseMessage(seven(text));
      expect(message.text.trim()).toBe(text);
    },
  );
});

/**
 * RFC 2047 encoded-words a mail merge copied into the body (messymonth8 p15) read as their header would; one in a
 * charset no decoder knows stays as written.
 */
describe('encoded-words left in the body', () => {
  const seven = (text: string) => mail('text/plain; charset=utf-8', Buffer.from(text, 'utf8'), '7bit');

  it.each([
    [
      'Hi =?UTF-8?Q?Zo=C3=AB?= here from AppNest,\r\nWhere can I sign up?\r\n\r\nBest,\r\n=?UTF-8?Q?Zo=C3=AB_Brunner?=\r\nAppNest',
      'Hi Zoë here from AppNest,\nWhere can I sign up?\n\nBest,\nZoë Brunner\nAppNest',
    ],
    ['Dear =?iso-8859-1?B?Sm/jbw==?=, is the OIN free?', 'Dear João, is the OIN free?'],
  ])('decodes %j', async (left, decoded) => {
    const message = await parseMessage(seven(left));
    expect(message.text.trim()).toBe(decoded);
  });

  it('leaves a word in an unknown charset alone', async () => {
    const text = 'Hi =?x-made-up?Q?Jo?= there, is SWA free?';
    const message = await parseMessage(seven(text));
    expect(message.text.trim()).toBe(text);
  });
});

/**
 * A text/enriched body (RFC 1896), or the enriched half of an alternative with no text/plain (messymonth8 p01, p30),
 * read as its text: commands and <param> dropped, "<<" a "<", a lone line break a space, n breaks n - 1.
 */
describe('text/enriched bodies', () => {
  it.each([
    [
      '<bold>Hello,</bold>\r\n\r\n\r\nWe are about to list our app.\r\n<italic>Is there a cost to join the OIN</italic>, or is\r\nlisting free?\r\n\r\n<param>0000,0000,FFFF</param><color>Thanks</color>',
      'Hello,\n\nWe are about to list our app. Is there a cost to join the OIN, or is listing free?\nThanks',
    ],
    ['<smaller>Our IDs look like <<tenant>.</smaller>\r\n\r\nWhat is SWA?', 'Our IDs look like <tenant>.\nWhat is SWA?'],
  ])('reads %j', async (enriched, text) => {
    const message = await parseMessage(mail('text/enriched; charset=us-ascii', Buffer.from(enriched, 'latin1'), '7bit'));
    expect(message.text.trim()).toBe(text);
  });
});
