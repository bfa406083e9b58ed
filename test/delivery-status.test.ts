/** Reading what a delivery status notification (RFC 3464) says failed, from the raw bytes. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { failedDelivery, failedStatuses, serversSaid, whoRefused } from '../lambda/mail/delivery-status';
import { describeIfShared, SHARED_DIR } from './support/shared';

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
