/**
 * Reading a bounce from the raw bytes: what a delivery status notification (RFC 3464) says failed,
 * and the Message-IDs a bounce with no such report returns.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Headers } from '@zone-eu/mailsplit';
import {
  addressesNamed,
  failedStatuses,
  MAX_REFUSED_SHOWN,
  readBounce,
  serversSaid,
  whoRefused,
  type Bounce,
} from '../lambda/mail/delivery-status';
import { describeIfShared, SHARED_DIR } from './support/shared';

/** What a standard report says failed; undefined for anything else (no report, or one that says no delivery failed). */
async function failedDelivery(raw: Buffer) {
  const bounce = await readBounce(raw);
  return bounce?.kind === 'failed' ? bounce.failed : undefined;
}

interface Part {
  type: string;
  /** The part's body as the reporting MTA wrote it, before any transfer encoding. */
  body: string;
  encoding?: 'base64' | 'quoted-printable';
  disposition?: 'inline' | 'attachment';
  /** Written as it stands when given (a quoted-printable body is written by hand, as an MTA would). */
  encoded?: string;
}

/** A report as an MTA sends it: multipart/report, its human-readable part first (RFC 3464 §2). */
const mail = (parts: Part[]) =>
  Buffer.from(
    [
      'From: MAILER-DAEMON@example.net',
      'Message-ID: <dsn-1@example.net>',
      'MIME-Version: 1.0',
      'Content-Type: multipart/report; report-type=delivery-status; boundary="b"',
      '',
      '--b',
      'Content-Type: text/plain; charset=us-ascii',
      '',
      'Your message could not be delivered.',
      '',
      ...parts.flatMap((part) => [
        '--b',
        `Content-Type: ${part.type}`,
        ...(part.disposition ? [`Content-Disposition: ${part.disposition}`] : []),
        ...(part.encoding ? [`Content-Transfer-Encoding: ${part.encoding}`] : []),
        '',
        part.encoded ??
          (part.encoding === 'base64'
            ? (
                Buffer.from(part.body)
                  .toString('base64')
                  .match(/.{1,76}/g) ?? []
              ).join('\r\n')
            : part.body),
        '',
      ]),
      '--b--',
      '',
    ].join('\r\n'),
  );

const fields = (perRecipient: string[]) => ['Reporting-MTA: dns; mx.example.net', '', ...perRecipient].join('\r\n\r\n');

const report = (perRecipient: string[], returned = 'Message-ID: <0100018f@email.amazonses.com>') =>
  mail([
    { type: 'message/delivery-status', body: fields(perRecipient) },
    { type: 'text/rfc822-headers', body: returned },
  ]);

/** The headers of the hand-over that bounced, as the refusing server returns them. */
const handOverHeaders = ['From: FAQ <developers@example.com>', 'To: staff@example.com', 'Message-ID: <0100018f@email.amazonses.com>'].join(
  '\r\n',
);
const refused = fields(['Final-Recipient: rfc822; staff@example.com\r\nAction: failed\r\nStatus: 5.2.2']);
const staffRefused = { recipients: [{ address: 'staff@example.com', status: '5.2.2' }], messageIds: ['<0100018f@email.amazonses.com>'] };
const withDiagnostic = (failed: typeof staffRefused, diagnostic: string) => ({
  ...failed,
  recipients: failed.recipients.map((r) => ({ ...r, diagnostic })),
});

describe('failedDelivery', () => {
  it('names each recipient whose delivery failed, with its status, and the Message-ID of the mail returned', async () => {
    const raw = report([
      'Final-Recipient: rfc822; Staff@Example.com\r\nAction: failed\r\nStatus: 5.1.1',
      // Exchange writes no space after the semicolon, and the original recipient beside the final one.
      'Original-Recipient: rfc822;<ops@example.com>\r\nFinal-Recipient: rfc822;ops@example.com\r\nAction: failed\r\nStatus: 5.2.2',
    ]);
    expect(await failedDelivery(raw)).toEqual({
      recipients: [
        { address: 'staff@example.com', status: '5.1.1' },
        { address: 'ops@example.com', status: '5.2.2' },
      ],
      messageIds: ['<0100018f@email.amazonses.com>'],
    });
  });

  it("keeps what the refusing server said, its folded lines joined and its type left out, for a person's one line", async () => {
    const raw = report([
      [
        'Final-Recipient: rfc822; jane@writer.example',
        'Action: failed',
        'Status: 5.7.1',
        'Diagnostic-Code: smtp; 550-5.7.1 [192.0.2.1] Our system has detected that',
        '    this message is likely unsolicited mail.',
        'X-Postfix-Sender: rfc822; developers@example.com',
      ].join('\r\n'),
    ]);
    const failed = await failedDelivery(raw);
    expect(failed?.recipients).toEqual([
      {
        address: 'jane@writer.example',
        status: '5.7.1',
        diagnostic: '550-5.7.1 [192.0.2.1] Our system has detected that this message is likely unsolicited mail.',
      },
    ]);
    expect(serversSaid(failed!)).toEqual({
      said: ['550-5.7.1 [192.0.2.1] Our system has detected that this message is likely unsolicited mail.'],
      more: 0,
    });
    // A server's words, bounded as one SMTP reply line is: anyone can write a report.
    const long = await failedDelivery(
      report([`Final-Recipient: rfc822; a@b.example\r\nAction: failed\r\nDiagnostic-Code: smtp; ${'x'.repeat(5000)}`]),
    );
    expect(long?.recipients[0].diagnostic).toHaveLength(512);
    // A forged report padded with recipients: a few of their replies are shown, the rest counted.
    const padded = await failedDelivery(
      report(
        Array.from(
          { length: 50 },
          (_, i) => `Final-Recipient: rfc822; r${i}@b.example\r\nAction: failed\r\nStatus: 5.1.${i}\r\nDiagnostic-Code: smtp; 550 no ${i}`,
        ),
      ),
    );
    expect(serversSaid(padded!)).toEqual({ said: ['550 no 0', '550 no 1', '550 no 2'], more: 47 });
    // Their statuses stand in faqmail's first line: as few.
    expect(failedStatuses(padded!)).toEqual(['5.1.0', '5.1.1', '5.1.2']);
  });

  it('keeps the address the mail was sent to beside the mailbox an alias led to, whichever stands first', async () => {
    // Postfix writes Final-Recipient (the mailbox) first; RFC 3464 puts Original-Recipient first.
    const postfix =
      'Final-Recipient: rfc822; jane@example.com\r\nOriginal-Recipient: rfc822;staff@example.com\r\nAction: failed\r\nStatus: 5.2.2';
    const rfc =
      'Original-Recipient: rfc822;staff@example.com\r\nFinal-Recipient: rfc822; jane@example.com\r\nAction: failed\r\nStatus: 5.2.2';
    for (const block of [postfix, rfc]) {
      // Before: only the first field was read, so Postfix's report named jane@ alone.
      expect((await failedDelivery(report([block])))?.recipients).toEqual([
        { address: 'jane@example.com', original: 'staff@example.com', status: '5.2.2' },
      ]);
    }
  });

  // McAfee's gateway writes `Original-Recipient: <kijitora@example.co.jp>`, no address type (RFC 3464 asks for one).
  it('reads a recipient field with no address type, and still no address of another type', async () => {
    const block = 'Original-Recipient: <jane@example.com>\r\nAction: failed\r\nDiagnostic-Code: smtp; 550 Unknown user';
    expect((await failedDelivery(report([block])))?.recipients).toEqual([{ address: 'jane@example.com', diagnostic: '550 Unknown user' }]);
    expect(await failedDelivery(report(['Final-Recipient: jane@example.com\r\nAction: failed']))).toMatchObject({
      recipients: [{ address: 'jane@example.com' }],
    });
    expect(await failedDelivery(report(['Final-Recipient: x400; c=US;a=mci;s=jane@x\r\nAction: failed']))).toBeUndefined();
  });

  it('names no recipient whose delivery is only delayed or succeeded, and nothing in mail that is no report', async () => {
    const raw = report(['Final-Recipient: rfc822; staff@example.com\r\nAction: delayed\r\nStatus: 4.2.2']);
    expect(await failedDelivery(raw)).toBeUndefined();
    expect(await failedDelivery(report(['Final-Recipient: rfc822; staff@example.com\r\nAction: delivered']))).toBeUndefined();
    // A failure naming no address of a type faqmail reads (here X.400) names no recipient either.
    expect(await failedDelivery(report(['Final-Recipient: x400; c=US;a=mci;s=Staff\r\nAction: failed\r\nStatus: 5.1.1']))).toBeUndefined();
    // A person quoting a bounce in their own mail: quoted lines are no report's fields.
    const quoted = Buffer.from(
      'From: jane@writer.example\r\n\r\nWe got this:\r\n> Final-Recipient: rfc822; staff@example.com\r\n> Action: failed\r\n',
    );
    expect(await failedDelivery(quoted)).toBeUndefined();
  });

  // Before: each of these read the encoded bytes as they stand, found no field (or no Message-ID), and
  // the bounce of a hand-over was dropped as automatic mail.
  it('reads a report part sent base64 or quoted-printable, decoded as mailsplit decodes any part', async () => {
    const base64 = mail([
      { type: 'message/delivery-status', encoding: 'base64', body: refused },
      { type: 'text/rfc822-headers', body: handOverHeaders },
    ]);
    expect(await failedDelivery(base64)).toEqual(staffRefused);
    // Quoted-printable as a gateway writes it: a soft break inside the address, '=3D' for '='.
    const qp = mail([
      {
        type: 'message/delivery-status',
        encoding: 'quoted-printable',
        body: '',
        encoded: [
          'Reporting-MTA: dns; mx.example.net',
          '',
          'Final-Recipient: rfc822; staff@exam=',
          'ple.com',
          'Action: failed',
          'Status: 5.2.2',
          'Diagnostic-Code: smtp; 552 5.2.2 mailbox full (quota=3D100%)',
        ].join('\r\n'),
      },
      { type: 'text/rfc822-headers', encoding: 'quoted-printable', body: '', encoded: handOverHeaders },
    ]);
    expect(await failedDelivery(qp)).toEqual(withDiagnostic(staffRefused, '552 5.2.2 mailbox full (quota=100%)'));
  });

  it('finds the returned Message-ID in a returned message that is base64, attached or inline, or in message/rfc822-headers', async () => {
    const returned = `${handOverHeaders}\r\nSubject: [faqmail] a question\r\n\r\nThe hand-over's own text.\r\n`;
    const forms: Part[] = [
      { type: 'message/rfc822', encoding: 'base64', body: returned },
      { type: 'message/rfc822', encoding: 'base64', disposition: 'attachment', body: returned },
      { type: 'message/rfc822', encoding: 'base64', disposition: 'inline', body: returned },
      // A returned message shown inline is one mailsplit would read as a message of its own.
      { type: 'message/rfc822', disposition: 'inline', body: returned },
      // No registered type: text/rfc822-headers under the name of its RFC 6533 counterpart's family.
      { type: 'message/rfc822-headers', encoding: 'base64', body: handOverHeaders },
    ];
    for (const form of forms) {
      const raw = mail([{ type: 'message/delivery-status', body: refused }, form]);
      expect({ form, found: await failedDelivery(raw) }).toEqual({ form, found: staffRefused });
    }
  });

  it('reads the internationalized forms of RFC 6533: message/global-delivery-status and message/global-headers', async () => {
    // RFC 6533 lets a report downgraded for a 7-bit path be base64 or quoted-printable, and names a
    // recipient by the utf-8 address type.
    const raw = mail([
      {
        type: 'message/global-delivery-status',
        encoding: 'base64',
        body: fields([
          'Final-Recipient: utf-8; staff@example.com\r\nAction: failed\r\nStatus: 5.2.2\r\nDiagnostic-Code: smtp; 552 Postfach voll: Größe überschritten',
        ]),
      },
      { type: 'message/global-headers', encoding: 'base64', body: `${handOverHeaders}\r\nSubject: Frage zur Größe\r\n` },
    ]);
    expect(await failedDelivery(raw)).toEqual(withDiagnostic(staffRefused, '552 Postfach voll: Größe überschritten'));
  });

  it('names a recipient by its Original-Recipient when the report gives no Final-Recipient', async () => {
    const raw = report(['Original-Recipient: rfc822; Staff@Example.com\r\nAction: failed\r\nStatus: 5.2.2']);
    expect(await failedDelivery(raw)).toEqual(staffRefused);
  });

  it('keeps one recipient per address the mail was sent to: two aliases that lead to one mailbox are two', async () => {
    const alias = (original: string) =>
      `Original-Recipient: rfc822; ${original}\r\nFinal-Recipient: rfc822; jane@example.com\r\nAction: failed`;
    // The same block twice (a report part repeated) is one recipient.
    const raw = report([alias('staff@example.com'), alias('ops@example.com'), alias('staff@example.com')]);
    expect((await failedDelivery(raw))?.recipients).toEqual([
      { address: 'jane@example.com', original: 'staff@example.com' },
      { address: 'jane@example.com', original: 'ops@example.com' },
    ]);
  });

  it('reads recipients from the report part alone, not from the mail it returns', async () => {
    // The returned mail may be anything (a hand-over quoting a bounce): its text is no report's fields.
    const quotedReport = fields(['Final-Recipient: rfc822; staff@example.com\r\nAction: failed\r\nStatus: 5.2.2']);
    const raw = mail([
      { type: 'message/delivery-status', body: fields(['Final-Recipient: rfc822; staff@example.com\r\nAction: delayed']) },
      { type: 'message/rfc822', body: `${handOverHeaders}\r\n\r\n${quotedReport}` },
    ]);
    expect(await failedDelivery(raw)).toBeUndefined();
  });

  it("takes the returned Message-ID from the returned mail's header block, not from its body", async () => {
    const returned = 'From: FAQ <developers@example.com>\r\nSubject: a hand-over\r\n\r\nMessage-ID: <0100018f@email.amazonses.com>\r\n';
    const raw = mail([
      { type: 'message/delivery-status', body: refused },
      { type: 'message/rfc822', body: returned },
    ]);
    expect(await failedDelivery(raw)).toEqual({ ...staffRefused, messageIds: [] });
  });

  it('keeps at most 10 returned Message-IDs, each once', async () => {
    const returned = (i: number) => ({ type: 'text/rfc822-headers', body: `Message-ID: <id-${i}@example.com>` });
    const raw = mail([
      { type: 'message/delivery-status', body: refused },
      returned(0),
      ...Array.from({ length: 12 }, (_, i) => returned(i)),
    ]);
    expect((await failedDelivery(raw))?.messageIds).toEqual(Array.from({ length: 10 }, (_, i) => `<id-${i}@example.com>`));
  });

  it('reads only the start of a report part: fields past it are not read', async () => {
    // A report is small; one padded far past the bound (here 1 MB) is no report this reads whole.
    const padding = Array.from({ length: 16 * 1024 }, (_, i) => `X-Padding-${i}: ${'x'.repeat(50)}`).join('\r\n');
    const raw = mail([
      { type: 'message/delivery-status', body: [`Reporting-MTA: dns; mx.example.net\r\n${padding}`, refused].join('\r\n\r\n') },
      { type: 'text/rfc822-headers', body: handOverHeaders },
    ]);
    expect(await failedDelivery(raw)).toBeUndefined();
    // A returned message as large, base64 and cut at the bound, still gives the Message-ID at its start.
    const large = mail([
      { type: 'message/delivery-status', body: refused },
      { type: 'message/rfc822', encoding: 'base64', body: `${handOverHeaders}\r\n\r\n${padding}` },
    ]);
    expect(await failedDelivery(large)).toEqual(staffRefused);
  });

  it("takes the Message-ID from the returned part alone, not from another part's text", async () => {
    const raw = mail([
      { type: 'message/delivery-status', body: refused },
      { type: 'text/rfc822-headers', body: 'From: FAQ <developers@example.com>\r\nTo: staff@example.com' },
      { type: 'text/plain', body: 'Message-ID: <0100018f@email.amazonses.com>' },
    ]);
    expect(await failedDelivery(raw)).toEqual({ ...staffRefused, messageIds: [] });
  });
});

const BOUNCES = path.join(__dirname, 'fixtures/bounces');
const OWN_ID = '<bounce-1@mx.writer.example>';
const ANSWER_ID = '<0100018f-answer@email.amazonses.com>';

/** A bounce of the project's own (test/fixtures/bounces), returning `returned`. */
const ownBounce = (name: string, returned = ANSWER_ID) =>
  Buffer.from(
    readFileSync(path.join(BOUNCES, name), 'utf8').replaceAll('{{message-id}}', OWN_ID).replaceAll('{{returned-message-id}}', returned),
  );

/** Plain text in a message of its own, no report in it. */
const plain = (body: string, headers = 'Content-Type: text/plain; charset=us-ascii') =>
  Buffer.from(`From: MAILER-DAEMON@mx.writer.example\r\nMessage-ID: ${OWN_ID}\r\n${headers}\r\n\r\n${body}`);

describe('readBounce on a bounce with no standard report', () => {
  // Before: each of these was read as no report at all, so the bounce of an answer or a hand-over was dropped unseen.
  it.each(['qmail-failure-notice.eml', 'exchange-2003-ndr.eml', 'delay-warning.eml'])(
    'finds the Message-ID of the mail %s returns, never its own',
    async (name) => {
      expect(await readBounce(ownBounce(name))).toEqual({ kind: 'unreported', messageIds: [ANSWER_ID] });
    },
  );

  it('reads a Message-ID field however a text shows it: any case, folded, quoted with > or indented', async () => {
    const forms = [
      'message-id: <a@x.example>',
      'MESSAGE-ID:<a@x.example>',
      '> Message-Id: <a@x.example>',
      '>> Message-ID:\r\n>>    <a@x.example>',
      '    Message-ID:\r\n\t\t<a@x.example>',
      '\t> Message-ID: <a@x.example> (the original)',
    ];
    for (const form of forms) {
      const found = await readBounce(plain(`Your message could not be delivered.\r\n\r\n${form}\r\nSubject: a question\r\n`));
      expect({ form, found }).toEqual({ form, found: { kind: 'unreported', messageIds: ['<a@x.example>'] } });
    }
    // A line of another field, or one that only mentions a Message-ID in passing, is no field of it.
    const passing = ['In-Reply-To: <a@x.example>', 'Your mail with Message-ID: <a@x.example> failed.', 'X-Message-ID: <a@x.example>'];
    for (const line of passing) expect({ line, found: await readBounce(plain(line)) }).toEqual({ line, found: undefined });
    // A folded line is one the field's own prefix carries, then whitespace: the next field's value is not taken.
    expect(await readBounce(plain('> Message-ID:\r\n> References: <b@x.example>\r\n'))).toBeUndefined();
  });

  it('reads the text decoded, base64 or quoted-printable, and a returned message/rfc822 part whole', async () => {
    const text = 'Delivery failed.\r\n\r\n--- copy of the message ---\r\nMessage-ID: <a@x.example>\r\n';
    expect(
      await readBounce(plain(Buffer.from(text).toString('base64'), 'Content-Type: text/plain\r\nContent-Transfer-Encoding: base64')),
    ).toEqual({ kind: 'unreported', messageIds: ['<a@x.example>'] });
    const qp = 'Delivery failed.\r\n\r\nMessage-ID: <a@x.exa=\r\nmple>\r\n';
    expect(await readBounce(plain(qp, 'Content-Type: text/plain\r\nContent-Transfer-Encoding: quoted-printable'))).toEqual({
      kind: 'unreported',
      messageIds: ['<a@x.example>'],
    });
    // A returned message (cfortune's qmail, GroupWise, Zoho): its own header block, base64 here, and no report beside it.
    const returned = mail([
      { type: 'message/rfc822', encoding: 'base64', body: `${handOverHeaders}\r\nSubject: a hand-over\r\n\r\nIts text.\r\n` },
    ]);
    expect(await readBounce(returned)).toEqual({ kind: 'unreported', messageIds: ['<0100018f@email.amazonses.com>'] });
  });

  it("never reads the bounce's own header block, even with no body text to read", async () => {
    expect(await readBounce(plain('Your message could not be delivered.'))).toBeUndefined();
    expect(await readBounce(Buffer.from(`From: MAILER-DAEMON@mx.writer.example\r\nMessage-ID: ${OWN_ID}\r\n`))).toBeUndefined();
  });

  it('takes a Message-ID from a part whose header block is the returned one (no blank line before it)', async () => {
    // sisimai's x1-01 in ../shared: the returned headers stand where the part's MIME header belongs.
    const raw = Buffer.from(
      [
        `Message-ID: ${OWN_ID}`,
        'Content-Type: multipart/mixed; boundary="b"',
        '',
        '--b',
        'Content-Type: text/plain',
        '',
        'The following addresses had delivery errors.',
        '--b',
        'From: FAQ <developers@example.com>',
        `Message-Id: ${ANSWER_ID}`,
        'Content-Type: text/plain',
        '',
        'An OIN costs nothing.',
        '--b--',
        '',
      ].join('\r\n'),
    );
    expect(await readBounce(raw)).toEqual({ kind: 'unreported', messageIds: [ANSWER_ID] });
  });

  it('reads the text a multipart keeps outside its parts, where a multipart that never uses its boundary keeps its body', async () => {
    // PMDF's report in ../shared (sisimai-lhost-messagingserver-03) names a boundary it never writes.
    const raw = plain(
      'This report relates to a message you sent with the following header fields:\r\n\r\n  Message-id: <a@x.example>\r\n',
      'Content-Type: multipart/report; report-type=delivery-status; boundary="never-used"',
    );
    expect(await readBounce(raw)).toEqual({ kind: 'unreported', messageIds: ['<a@x.example>'] });
  });

  it("takes a standard report's Action fields as they stand: a delay, a delivery, a read receipt or a complaint is no bounce", async () => {
    // Its text part shows the answer's Message-ID too; the report says the delivery is only delayed.
    expect(await readBounce(ownBounce('dsn-delayed.eml'))).toBeUndefined();
    const returnedInText = { type: 'text/plain', body: `Message-ID: ${ANSWER_ID}` };
    for (const type of ['message/disposition-notification', 'message/feedback-report']) {
      const raw = mail([
        { type, body: 'Final-Recipient: rfc822; jane@writer.example\r\nDisposition: manual-action/MDN-sent-manually; displayed' },
        returnedInText,
      ]);
      expect({ type, found: await readBounce(raw) }).toEqual({ type, found: undefined });
    }
  });

  it('keeps at most 10 Message-IDs, each once, in the order the text shows them', async () => {
    const lines = Array.from({ length: 12 }, (_, i) => `> Message-ID: <id-${i % 11}@example.com>`).join('\r\n');
    expect(await readBounce(plain(lines))).toEqual({
      kind: 'unreported',
      messageIds: Array.from({ length: 10 }, (_, i) => `<id-${i}@example.com>`),
    });
  });

  it('reads only the start of a text part: a Message-ID past the bound is not read', async () => {
    const padding = 'x'
      .repeat(76)
      .concat('\r\n')
      .repeat(4 * 1024);
    expect(await readBounce(plain(`${padding}Message-ID: <late@x.example>\r\n`))).toBeUndefined();
    expect(await readBounce(plain(`Message-ID: <early@x.example>\r\n${padding}`))).toEqual({
      kind: 'unreported',
      messageIds: ['<early@x.example>'],
    });
  });
});

describe('whoRefused and serversSaid', () => {
  it('name every recipient that failed, and quote each distinct diagnostic once', () => {
    const said = '550 5.7.1 rejected by policy';
    const failed = {
      recipients: [
        { address: 'a@writer.example', status: '5.7.1', diagnostic: said },
        { address: 'b@writer.example', original: 'team@writer.example', diagnostic: said },
        { address: 'c@writer.example' },
      ],
      messageIds: [],
    };
    expect(whoRefused(failed)).toBe(
      'a@writer.example (status 5.7.1), team@writer.example (forwarded to b@writer.example), c@writer.example',
    );
    expect(serversSaid(failed)).toEqual({ said: [said], more: 0 });
  });
});

describe('whoRefused, of a report naming more than can be shown', () => {
  it('names as many as fit in MAX_REFUSED_SHOWN characters and counts the rest', () => {
    const recipients = Array.from({ length: 100_000 }, (_, i) => ({ address: `r${i}@writer.example`, status: '5.1.1' }));
    const said = whoRefused({ recipients, messageIds: [] });
    // Before: all 100,000, some 3 MB, in a log line and a thrown error's message.
    expect(said.length).toBeLessThanOrEqual(MAX_REFUSED_SHOWN);
    const shown = said.split(', ').length;
    expect(said).toMatch(
      new RegExp(
        `^r0@writer\\.example \\(status 5\\.1\\.1\\), .*, r${shown - 1}@writer\\.example \\(status 5\\.1\\.1\\) and ${100_000 - shown} more recipients$`,
      ),
    );
  });

  it('cuts a single name longer than MAX_REFUSED_SHOWN, and still counts the rest', () => {
    const long = `${'x'.repeat(5000)}@writer.example`;
    const said = whoRefused({ recipients: [{ address: long }, { address: 'b@writer.example' }], messageIds: [] });
    expect(said.length).toBeLessThanOrEqual(MAX_REFUSED_SHOWN);
    expect(said).toMatch(/^x+… and 1 more recipient$/);
  });

  it('names every recipient of a report that fits', () => {
    expect(whoRefused({ recipients: [{ address: 'a@writer.example' }, { address: 'b@writer.example' }], messageIds: [] })).toBe(
      'a@writer.example, b@writer.example',
    );
  });
});

describe('addressesNamed', () => {
  it("gives a report's failed recipients, each as the mail was sent to it, then the mailbox it was forwarded to", async () => {
    const failed: Bounce = {
      kind: 'failed',
      failed: {
        recipients: [{ address: 'b@writer.example', original: 'team@writer.example' }, { address: 'c@writer.example' }],
        messageIds: [],
      },
    };
    expect(await addressesNamed(failed, Buffer.alloc(0))).toEqual(['team@writer.example', 'b@writer.example', 'c@writer.example']);
  });

  it('gives the addresses a bounce with no report shows in the parts it is read from, never its own header block', async () => {
    const raw = ownBounce('qmail-failure-notice.eml');
    const bounce = await readBounce(raw);
    const named = await addressesNamed(bounce!, raw);
    expect(named).toContain('jane@writer.example');
    expect(named).not.toContain('mailer-daemon@mx.writer.example');
  });
});

describeIfShared('failedDelivery on real reports (../shared/fixtures/real/auto)', () => {
  const read = (name: string) => failedDelivery(readFileSync(path.join(SHARED_DIR, 'fixtures/real/auto', name)));

  it("reads SES's own report, which returns the whole message as message/rfc822", async () => {
    expect(await read('sisimai-lhost-amazonses-01.eml')).toEqual({
      // Its status and its own words say an unknown address; the server's reply it quotes says a policy refused it.
      recipients: [
        {
          address: 'shironeko@example.co.jp',
          status: '5.0.0',
          diagnostic:
            "5.1.0 - Unknown address error 550-'5.7.1 <000001321defbd2a-788e31c8-2be1-422f-a8d4-cf7765cc9ed7-000000@email-bounces.amazonses.com>... Access denied' (delivery attempts: 0)",
        },
      ],
      messageIds: ['<000001321defbd2a-788e31c8-2be1-422f-a8d4-cf7765cc9ed7-000000@email.amazonses.com>'],
    });
  });

  it("reads Postfix's report on a mail to an alias: the address it was sent to beside the mailbox it led to", async () => {
    expect((await read('sisimai-lhost-postfix-01.eml'))?.recipients).toEqual([
      {
        address: 'r@p351355.pool.example.ne.jp',
        original: 'kijitora@example.org',
        status: '5.1.1',
        diagnostic: 'procmail: Couldn\'t create "/var/spool/mail/neko" id: r.example.org: No such user',
      },
    ]);
  });

  it("reads the XWall gateway's report, whose part is typed message/xdelivery-status", async () => {
    expect(await read('bounceparser-spam-rejection42.eml')).toEqual({
      recipients: [{ address: 'fred.bloggs@example.net', status: '5.9.8', diagnostic: '5.9.8 Spam' }],
      messageIds: ['<20130325162346.169F41E80A2@cloudadmin1.example.com>'],
    });
  });
});

describeIfShared('readBounce on the real bounces (../shared/fixtures/real, MANIFEST class bounce)', () => {
  const REAL = path.join(SHARED_DIR, 'fixtures/real');
  const bounces = readFileSync(path.join(REAL, 'MANIFEST.tsv'), 'utf8')
    .split('\n')
    .map((line) => line.split('\t'))
    .filter((columns) => columns[5] === 'bounce')
    .map((columns) => columns[0]);
  /**
   * The Message-ID of the message each bounce with no standard report returns, read by hand in each
   * file (qmail's copy below its line, Exchange's and Notes' indented headers, GroupWise's, Zoho's and
   * cfortune's message/rfc822, Amazon WorkMail's folded field, PMDF's unused boundary, x1's headers
   * written as a part's). Where one returns a bounce that returns a message (postfix-49) or quotes one
   * (sendmail-14), the innermost message's.
   */
  const RETURNED: Record<string, string> = {
    'sisimai-lhost-activehunter-01.eml': '<0000000000.00000000000@mx4.example.org>',
    'sisimai-lhost-amazonworkmail-01.eml': '<000001523f1865dd-0dbfd06e-bfce-4637-b049-3318ea42f98a-000000@us-west-2.amazonses.com>',
    'sisimai-lhost-biglobe-01.eml': '<000000000000000000000000000000@example.com>',
    'sisimai-lhost-dragonfly-01.eml': '<66681288.e06d1.3824794@df.example.jp>',
    'sisimai-lhost-einsundeins-03.eml': '<1576497267.@xxxx.xxxx>',
    'sisimai-lhost-exim-01.eml': '<E1P1ce6-000Egt-GZ@e1.example.org>',
    'sisimai-lhost-ezweb-01.eml': '<20080907124011.12ABCD8@lsean.ezweb.ne.jp>',
    'sisimai-lhost-gmail-01.eml': '<D992C2C3-F175-4C4D-97E2-53A90E4E5BF5@gmail.com>',
    'sisimai-lhost-gmail-06.eml': '<A4D6026C-0699-460F-9F86-C2A5CB4BE6CE@gmail.com>',
    'sisimai-lhost-gmx-01.eml': '<trinity-d174cb7e-d4a8-4dd5-8b53-7a9f70928e75-1417217529360@3capp-mailcom-lxa02>',
    'sisimai-lhost-googlegroups-01.eml': '<D0E3D626-1C96-4749-8101-62C0CE13B1D5@example.jp>',
    'sisimai-lhost-imailserver-01.eml': '<00000000.ffffffff@example.org>',
    'sisimai-lhost-kddi-01.eml': '<2013000000000000@example.jp>',
    'sisimai-lhost-mailru-01.eml': '<8F3CE2D8-D60E-48C3-B9AF-BED628EE2CA5@mail.example.ru>',
    'sisimai-lhost-messagingserver-03.eml': '<000000000000000000@example.org>',
    'sisimai-lhost-mfilter-01.eml': '<000000000000000@exmaple.com>',
    'sisimai-lhost-notes-01.eml': '<000000000.0000000000000.notes@example.co.jp>',
    'sisimai-lhost-office365-02.eml': '<c302b7e8-9b97-40ef-90eb-313cc6c25133@NYAAAAN.example.org>',
    'sisimai-lhost-postfix-49.eml': '<1409050600.12984636501178305590.JavaMail.root@mz-cb000p.noc-kyoto2jo.ocn.ad.jp>',
    'sisimai-lhost-qmail-01.eml': '<000000000.9999999999999.JavaMail.postmaster@mailhub>',
    'sisimai-lhost-sendmail-14.eml': '<6D736808-04A1-47D3-92BD-44388ABFCCE4@example.jp>',
    'sisimai-lhost-trendmicro-01.eml': '<00000000000.000000000000@e3.example.co.jp>',
    'sisimai-lhost-x1-01.eml': '<000000000000000000000000000000000000@example.jp>',
    'sisimai-lhost-x2-01.eml': '<00000000000000000000000000000000@example.jp>',
    'sisimai-lhost-yahoo-01.eml': '<6AE6249A-E7A8-4980-862C-F499F6B8E7C5@y.example.co.jp>',
    'sisimai-lhost-zoho-01.eml': '<14a3e1b4b5a.10b1a4c5610175.8588386083425091336@zoho.example.com>',
    'sisimai-not-rb-issue-368.eml': '<68e0b7e3615cd_1dc7010592ed@7cf4d87f87-9r5w2.mail>',
    'bounceparser-non-autoreply.eml': '<200607250935.k6P9Zdos034419@bacchus.thegestalt.org>',
    'cfortune-4.eml': '<1672dbd6d834b4841b46e13f8268ea18@ar1.outmailing.com>',
    'bounce_email-tt_bounce_11.eml': '<da9602510709140852n758da03h4c7a8c6ede38fde8@mail.gmail.com>',
    'bounce_email-malformed_bounce_01.eml': '<4b28496b5a963_3adb3fc543c451b0910ee@xenon.swom.com.tmail>',
    'flufl-groupwise_01.eml': '<20010720085308.H17468@magic.merlins.org>',
    'flufl-smtp32_04.eml': '<PC174020060124211738020333d20271@msapiro>',
    'flufl-sina_01.eml': '<F128rzvsTDWWcuZcGwM00012d40@hotmail.com>',
  };

  it("finds the returned Message-ID in each of the 34 bounces with no report that return one, never the bounce's own", async () => {
    const found: Record<string, { kind: string; includesReturned: boolean; includesOwn: boolean }> = {};
    for (const file of bounces) {
      const raw = readFileSync(path.join(REAL, file));
      const bounce = await readBounce(raw);
      if (bounce?.kind !== 'unreported') continue;
      const own = new Headers(raw.subarray(0, raw.toString('latin1').search(/\r?\n\r?\n/))).getFirst('message-id');
      const name = path.basename(file);
      found[name] = {
        kind: bounce.kind,
        includesReturned: bounce.messageIds.includes(RETURNED[name]),
        includesOwn: own !== '' && bounce.messageIds.some((id) => own.includes(id)),
      };
    }
    // Before: none of them was read at all (failedDelivery found no report), so the bounce of an answer went unseen.
    expect(found).toEqual(
      Object.fromEntries(Object.keys(RETURNED).map((name) => [name, { kind: 'unreported', includesReturned: true, includesOwn: false }])),
    );
  });

  it('reads 41 as failed standard reports and leaves 23 alone: a report that says delayed, or no Message-ID returned', async () => {
    const kinds: Record<string, number> = {};
    for (const file of bounces) {
      const kind = (await readBounce(readFileSync(path.join(REAL, file))))?.kind ?? 'none';
      kinds[kind] = (kinds[kind] ?? 0) + 1;
    }
    expect(bounces).toHaveLength(98);
    expect(kinds).toEqual({ failed: 41, unreported: 34, none: 23 });
  });
});

// Mutation testing of readBounce: each test below failed with the mutation its comment names applied.
describe('readBounce: what mutation testing found unpinned', () => {
  it('reads a bounce with no Content-Type, or one with no type in it, as text, as old qmail and Exchange write it', async () => {
    // Mutant: a part mailsplit gives no type (a Content-Type field with no value) read as anything but text/plain.
    // With no Content-Type field at all, mailsplit itself types the part text/plain.
    for (const field of ['', 'Content-Type: ; charset=us-ascii\r\n']) {
      const raw = Buffer.from(
        `From: MAILER-DAEMON@mx.writer.example\r\nMessage-ID: ${OWN_ID}\r\n${field}\r\nI could not deliver it.\r\n\r\nMessage-ID: <a@x.example>\r\n`,
      );
      expect({ field, found: await readBounce(raw) }).toEqual({ field, found: { kind: 'unreported', messageIds: ['<a@x.example>'] } });
    }
  });

  it('reads no attached file and no HTML part: only text, report and returned parts', async () => {
    // Mutant: readsPart true for every type.
    for (const type of ['application/octet-stream', 'text/html']) {
      const raw = mail([{ type, body: `Message-ID: ${ANSWER_ID}` }]);
      expect({ type, found: await readBounce(raw) }).toEqual({ type, found: undefined });
    }
  });

  it('takes a read receipt in its internationalized form (RFC 6533) as no bounce', async () => {
    // Mutant: message/global-disposition-notification dropped from the other report types.
    const raw = mail([
      {
        type: 'message/global-disposition-notification',
        body: 'Final-Recipient: utf-8; jane@writer.example\r\nDisposition: manual-action/MDN-sent-manually; displayed',
      },
      { type: 'text/plain', body: `Message-ID: ${ANSWER_ID}` },
    ]);
    expect(await readBounce(raw)).toBeUndefined();
  });

  it("finds the returned Message-ID in a standard report's message/global part (RFC 6533)", async () => {
    // Mutant: message/global dropped from the returned types.
    const raw = mail([
      { type: 'message/delivery-status', body: refused },
      { type: 'message/global', encoding: 'base64', body: `${handOverHeaders}\r\nSubject: Frage zur Größe\r\n\r\nText.\r\n` },
    ]);
    expect(await failedDelivery(raw)).toEqual(staffRefused);
  });

  it("takes a returned header block's Message-ID before those its text shows: in document order", async () => {
    // Mutant: a part's own header block read after its text.
    const raw = Buffer.from(
      [
        `Message-ID: ${OWN_ID}`,
        'Content-Type: multipart/mixed; boundary="b"',
        '',
        '--b',
        `Message-Id: ${ANSWER_ID}`,
        'Content-Type: text/plain',
        '',
        '> Message-ID: <quoted@x.example>',
        '--b--',
        '',
      ].join('\r\n'),
    );
    expect(await readBounce(raw)).toEqual({ kind: 'unreported', messageIds: [ANSWER_ID, '<quoted@x.example>'] });
  });

  it('reads a field written with space before its colon, and folds it onto neither a line of another quote depth nor past a blank one', async () => {
    // Mutant: no space allowed before the colon.
    expect(await readBounce(plain('Message-ID : <a@x.example>\r\n'))).toEqual({ kind: 'unreported', messageIds: ['<a@x.example>'] });
    // Mutant: the quote depth not compared (the unquoted line below is no part of the quoted field).
    expect(await readBounce(plain('> Message-ID:\r\n     <b@x.example>\r\n'))).toBeUndefined();
    // Mutant: a line of only whitespace folded (it ends a header block, as it ends the returned one).
    expect(await readBounce(plain('  Message-ID:\r\n        \r\n        <c@x.example>\r\n'))).toBeUndefined();
  });

  it('reads a field in an indented header block after a line that only names a Message-ID in passing', async () => {
    // Mutant: the field name not anchored at the start of the line (the line before swallows the field as its fold).
    const text = 'Details of the returned Message-ID:\r\n    Message-ID: <a@x.example>\r\n    Subject: a question\r\n';
    expect(await readBounce(plain(text))).toEqual({ kind: 'unreported', messageIds: ['<a@x.example>'] });
  });

  it('ends a returned header block at a blank line however its lines end (LF alone too)', async () => {
    // Mutant: only CRLF CRLF ends it, so the body's Message-ID line was read as the returned mail's.
    const returned = 'From: FAQ <developers@example.com>\nTo: staff@example.com\n\nMessage-ID: <quoted@x.example>\n';
    const raw = mail([
      { type: 'message/delivery-status', body: refused },
      { type: 'message/rfc822', encoding: 'base64', body: returned },
    ]);
    expect(await failedDelivery(raw)).toEqual({ ...staffRefused, messageIds: [] });
  });

  it("reads each report part's blocks apart: one part's last block is not the next part's first", async () => {
    // Mutant: report parts joined with no blank line (the delayed recipient took the next block's Action: failed).
    const raw = mail([
      { type: 'message/delivery-status', body: fields(['Final-Recipient: rfc822; other@example.com\r\nAction: delayed']) },
      { type: 'message/delivery-status', body: 'Final-Recipient: rfc822; staff@example.com\r\nAction: failed\r\nStatus: 5.2.2' },
      { type: 'text/rfc822-headers', body: handOverHeaders },
    ]);
    expect(await failedDelivery(raw)).toEqual(staffRefused);
  });

  it('names no recipient of another address type (x400), even one written with an @', async () => {
    // Mutant: x400 read as an address type.
    expect(await failedDelivery(report(['Final-Recipient: x400; jane@example.com\r\nAction: failed']))).toBeUndefined();
  });
});
