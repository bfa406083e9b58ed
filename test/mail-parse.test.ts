import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parseMessage } from '../lambda/mail/parse';

// The project's own fixtures (test/fixtures/mail/, written for these tests): every field
// of InboundMessage and every reply-stripping rule, without ../shared.
const fixture = (name: string) => parseMessage(readFileSync(path.join(__dirname, 'fixtures/mail', name)));

describe('parseMessage: header fields', () => {
  it('reads addresses, threading ids, date and unfolded headers of a Gmail reply', async () => {
    const message = await fixture('gmail-reply.eml');
    expect(message.messageId).toBe('<CAF+reply-1@mail.gmail.com>');
    expect(message.from).toEqual({ name: 'Oliver Grant', address: 'oliver@lettergrid.com' });
    expect(message.replyTo).toEqual([{ name: 'Lettergrid Support', address: 'support@lettergrid.com' }]);
    expect(message.returnPath).toBe('oliver@lettergrid.com');
    expect(message.to).toEqual([{ name: 'Developer Relations', address: 'developers@example.com' }]);
    // A group's members count as recipients.
    expect(message.cc.map((address) => address.address)).toEqual(['ann@lettergrid.com', 'bob@lettergrid.com', 'carol@lettergrid.com']);
    expect(message.subject).toBe('Re: SAML setup for per-customer domains');
    expect(message.date?.toISOString()).toBe('2024-05-15T17:01:58.000Z');
    expect(message.inReplyTo).toBe('<0100018f7a-answer@email.amazonses.com>');
    expect(message.references).toEqual(['<CAF+original@mail.gmail.com>', '<0100018f7a-answer@email.amazonses.com>']);
    // Names lowercased, folded values unfolded, every value kept.
    expect(message.headers.get('received')).toEqual([
      'from mail-wr1-f41.google.com (mail-wr1-f41.google.com [209.85.221.41]) by inbound-smtp.us-west-2.amazonaws.com with SMTP id abc123 for developers@example.com; Wed, 15 May 2024 17:02:11 +0000 (UTC)',
    ]);
    expect(message.headers.get('references')).toEqual(['<CAF+original@mail.gmail.com> <0100018f7a-answer@email.amazonses.com>']);
    expect(message.contentType).toBe('multipart/alternative');
    expect(message.partTypes).toEqual(['multipart/alternative', 'text/plain', 'text/html']);
    expect(message.attachments).toEqual([]);
    expect(message.size).toBe(readFileSync(path.join(__dirname, 'fixtures/mail/gmail-reply.eml')).length);
  });

  it('tells an In-Reply-To naming several messages from one naming one', async () => {
    const headed = (inReplyTo: string) =>
      parseMessage(
        Buffer.from(`From: a@b.example\r\nTo: developers@example.com\r\nSubject: SAML\r\nIn-Reply-To: ${inReplyTo}\r\n\r\nHello\r\n`),
      );
    const several = await headed('<q1@mail.example.net> <q2@mail.example.net>');
    expect(several.inReplyTo).toBe('<q1@mail.example.net>');
    expect(several.inReplyToOthers).toEqual(['<q2@mail.example.net>']);
    const one = await headed("<q1@mail.example.net> (Jane's message of Monday)");
    expect(one.inReplyTo).toBe('<q1@mail.example.net>');
    expect(one.inReplyToOthers).toBeUndefined();
  });

  it("records the null reverse-path <> as '' and an absent Return-Path as undefined", async () => {
    expect((await fixture('null-return-path.eml')).returnPath).toBe('');
    expect((await fixture('forward-gmail.eml')).returnPath).toBeUndefined();
  });

  it('decodes RFC 2047 subjects and names, split over encoded words and lines', async () => {
    const message = await fixture('rfc2047-subject.eml');
    expect(message.subject).toBe('Pregunta sobre costo de publicación en OIN');
    expect(message.from?.name).toBe('张伟 Wei Zhang');
    expect(message.newText).toBe('¿Tiene algún costo publicar nuestra aplicación?');
  });

  it('decodes ISO-8859-1 quoted-printable text and subjects', async () => {
    const message = await fixture('latin1-qp.eml');
    expect(message.subject).toBe('Sitzungsdauer für unsere Finanz-App');
    expect(message.from?.name).toBe('Jörg Häußler');
    expect(message.text).toContain('wie lange die Okta-Sitzung dauert, bevor sich der Benutzer erneut anmelden muß?');
  });

  it("lists every part of a delivery report, the returned message as one: its parts are that message's", async () => {
    const message = await fixture('multipart-report.eml');
    expect(message.contentType).toBe('multipart/report');
    expect(message.partTypes).toEqual(['multipart/report', 'text/plain', 'message/delivery-status', 'message/rfc822']);
  });

  it('lists the parts of an abuse (feedback) report', async () => {
    const message = await fixture('feedback-report.eml');
    expect(message.partTypes).toEqual(expect.arrayContaining(['multipart/report', 'message/feedback-report', 'message/rfc822']));
  });

  it("keeps a long thread's first ids and its newest: our answer or hand-over follows the writer's first message", async () => {
    const thread = (count: number, pad = '') => Array.from({ length: count }, (_, i) => `<m${i}${pad}@thread.example>`);
    const withReferences = (ids: string[]) =>
      parseMessage(Buffer.from(`From: a@b.example\r\nSubject: Re: x\r\nReferences: ${ids.join('\r\n ')}\r\n\r\nHi\r\n`));
    const long = thread(150);
    expect((await withReferences(long)).references).toEqual([...long.slice(0, 4), ...long.slice(-96)]);
    // Past the 16,000 characters of a field read: still its start and its end.
    const longer = thread(400, '-'.repeat(60));
    const kept = (await withReferences(longer)).references;
    expect(kept.slice(0, 4)).toEqual(longer.slice(0, 4));
    expect(kept.at(-1)).toBe(longer.at(-1));
    expect(kept.length).toBeLessThanOrEqual(100);
  });
});

describe('parseMessage: what the writer wrote now', () => {
  it('drops a Gmail quote with its attribution, keeping the attribution in quotedText', async () => {
    const message = await fixture('gmail-reply.eml');
    expect(message.newText).toBe(
      'Thanks, that helps. Which field in the OIN Manager should hold our tenant\npattern, "Base URL" or "Subdomain"?',
    );
    expect(message.quotedText).toMatch(/^On Wed, May 15, 2024 at 4:20 PM <developers@example.com> wrote:/);
    expect(message.quotedText).toContain("> The App Wizard doesn't support custom domains");
  });

  it('converts HTML-only Outlook mail and drops its From/Sent/To/Subject history and signature', async () => {
    const message = await fixture('outlook-reply-html.eml');
    expect(message.newText).toBe(
      'Thanks, but this doesn’t help. Ours was submitted on March 28 and it has been over six weeks with no change in status.\n\nCan an actual person please look at the NimbusDesk submission?',
    );
    expect(message.quotedText).toMatch(/^From: developers@example.com <developers@example.com>\nSent: Friday, May 3, 2024 2:14 PM/);
    expect(message.text).not.toMatch(/MsoNormal|<p|&nbsp;/);
  });

  // Written here: a table pasted from a planning document into Gmail, its cells bare text.
  it('keeps the cells of an HTML table apart, each its own paragraph', async () => {
    const message = await parseMessage(
      Buffer.from(
        [
          'From: Iris <iris@example.org>',
          'To: developers@example.com',
          'Subject: Open items',
          'Content-Type: text/html; charset=utf-8',
          '',
          '<div>Two open items:</div><table><tbody><tr><td><span>Item</span></td><td><span>Question</span></td></tr>' +
            '<tr><td>Attributes</td><td>Can we add attributes while the app is in testing</td></tr></tbody></table>',
        ].join('\r\n'),
      ),
    );
    expect(message.newText).toBe('Two open items:\n\nItem\n\nQuestion\n\nAttributes\n\nCan we add attributes while the app is in testing');
  });

  // Written here: multipart/alternative mail whose text part stands in for the HTML beside it.
  const alternative = (plain: string, html: string) =>
    parseMessage(
      Buffer.from(
        [
          'From: Wren <wren@example.org>',
          'To: developers@example.com',
          'Subject: Question',
          'MIME-Version: 1.0',
          'Content-Type: multipart/alternative; boundary="b1"',
          '',
          '--b1',
          'Content-Type: text/plain; charset=utf-8',
          '',
          plain,
          '--b1',
          'Content-Type: text/html; charset=utf-8',
          '',
          html,
          '--b1--',
          '',
        ].join('\r\n'),
      ),
    );
  const question =
    '<p>Hello,</p><p>Our integration is in the OIN Manager queue since Monday. How long does the review normally take, and will you tell us when it is done?</p><p>Thanks, Wren</p>';

  it('reads the HTML when the text part is only a notice to view the message in HTML', async () => {
    const message = await alternative('Please view this message in an HTML-capable mail program.', question);
    expect(message.newText).toContain('How long does the review normally take, and will you tell us when it is done?');
    expect(message.newText).not.toContain('HTML-capable');
  });

  // Written here (rich-client HTML probe round): a notice of thirteen words beside a short HTML question.
  it('reads the HTML when the text part is a notice that says none of what the HTML says, even if not half as long', async () => {
    const message = await alternative(
      'This message contains formatted content. Please view it in an HTML-capable mail client.',
      '<div>Hi,</div><div><br></div><div>Is the OIN also free for Okta customers, i.e. do our customers pay anything to use our integration from the catalog?</div><div><br></div><div>Thanks,</div><div>Grace</div>',
    );
    expect(message.newText).toContain('Is the OIN also free for Okta customers');
    expect(message.newText).not.toContain('HTML-capable');
    // A text part that says what a somewhat longer HTML part says is still the message.
    const same = await alternative(
      'Hi, is the OIN also free for Okta customers? Thanks, Grace',
      '<div>Hi, is the OIN also free for Okta customers?</div><div>Thanks, Grace</div><div>Grace Huang | Lantern Peak</div>',
    );
    expect(same.text).toBe('Hi, is the OIN also free for Okta customers? Thanks, Grace');
  });

  it("reads the HTML when the text part holds only pictures' stand-ins", async () => {
    const message = await alternative('[image: Wren Labs]\r\n\r\n[cid:banner.png@01DB4C2A.8F1E2B30]', question);
    expect(message.newText).toContain('How long does the review normally take');
  });

  it('keeps a text part that says what the HTML says, however short, and one of a sentence or more', async () => {
    const short = await alternative('Is SLO supported?', '<div dir="ltr">Is SLO supported?<br><img src="cid:logo" alt="logo"></div>');
    expect(short.newText).toBe('Is SLO supported?');
    // Thirty words or more are the writer's message, even beside a longer HTML part.
    const plain =
      'Hello, our integration is in the OIN Manager queue since Monday and we would like to know how long the review normally takes and whether you will tell us when it is done. Thanks, Wren';
    const long = await alternative(
      plain,
      `<p>${plain}</p>${'<p>Wren Labs, the friendly people who make the timesheets your team will like</p>'.repeat(10)}`,
    );
    expect(long.text).toBe(plain);
  });

  it('keeps the note of a Gmail forward and moves the forwarded message to forwardedText', async () => {
    const message = await fixture('forward-gmail.eml');
    expect(message.newText).toBe("Hi Okta folks, could you help answer our architect's question below?");
    expect(message.forwardedText).toBe('Will the SCIM server we build following the Okta docs also work with OneLogin?\n\nD.');
    // The forwarded message's own quote is history, not a question put to us.
    expect(message.quotedText).toContain('> Is there a cost to join the Okta Integration Network?');
    expect(message.forwardedText).not.toContain('cost');
  });

  it('tells an Outlook forward from an Outlook reply by its subject', async () => {
    const message = await fixture('forward-outlook.eml');
    expect(message.newText).toBe('Hi Okta team - got this from a prospect today. Would our SAML integration cover what they ask?');
    expect(message.forwardedText).toBe('Hi Mike,\n\nCan your platform connect to our on-premises AD/LDAP?\n\nIngrid');
    expect(message.quotedText).toBe('');
  });

  // Written here (attachments probe round): Outlook's and Thunderbird's "forward as attachment".
  const withAttachedMessage = (note: string, inner: string, disposition = 'attachment', top = 'multipart/mixed') =>
    parseMessage(
      Buffer.from(
        [
          'From: Nadia <nadia@cedarwave.example>',
          'To: developers@example.com',
          'Subject: Fwd: question from a customer',
          'MIME-Version: 1.0',
          `Content-Type: ${top}; boundary="b1"`,
          '',
          '--b1',
          'Content-Type: text/plain; charset=utf-8',
          '',
          note,
          '--b1',
          'Content-Type: message/rfc822; name="Logout.eml"',
          `Content-Disposition: ${disposition}; filename="Logout.eml"`,
          '',
          'From: Chris <chris@example-customer.com>',
          'To: nadia@cedarwave.example',
          'Subject: Logout',
          'Content-Type: text/plain; charset=utf-8',
          '',
          inner,
          '--b1--',
          '',
        ].join('\r\n'),
      ),
    );

  it('reads a message forwarded as an attachment as forwarded text, its own quote left out', async () => {
    const message = await withAttachedMessage(
      'Can you help with the question in the attached email from our customer?',
      'Does Okta support single logout (SAML)?\r\n\r\nChris\r\n\r\nOn Mon, 30 Nov 2026 at 09:00, Nadia wrote:\r\n> Is there a cost to join the OIN?',
    );
    expect(message.newText).toBe('Can you help with the question in the attached email from our customer?');
    expect(message.forwardedText).toBe('Does Okta support single logout (SAML)?\n\nChris');
    expect(message.attachments.map((attachment) => attachment.contentType)).toEqual(['message/rfc822']);
  });

  it('reads no attached message of a report (a bounce returns our own mail), nor one the body forwards inline beside', async () => {
    const report = await withAttachedMessage('Delivery failed.', 'Does Okta support single logout?', 'attachment', 'multipart/report');
    expect(report.forwardedText).toBe('');
    const inline = await withAttachedMessage(
      'FYI\r\n\r\n---------- Forwarded message ---------\r\nFrom: Dana <dana@example.org>\r\nDate: Mon, 30 Nov 2026\r\nSubject: SWA\r\nTo: Nadia <nadia@cedarwave.example>\r\n\r\nWhat is SWA?',
      'Does Okta support single logout?',
    );
    expect(inline.forwardedText).toContain('What is SWA?');
    expect(inline.forwardedText).not.toContain('single logout');
  });

  it('drops a sign-off with name, title and phone block, and a mobile signature', async () => {
    const message = await fixture('signature-mobile.eml');
    expect(message.newText).toBe(
      'Hi Okta Developer team,\n\nDo you have any recommended onboarding material for partner engineering teams?',
    );
  });

  it('drops a legal footer', async () => {
    const message = await fixture('legal-footer.eml');
    expect(message.newText).toBe(
      'Dear Sir/Madam,\n\nWhich type of account do we need to create to list our application in the Okta Integration Network?',
    );
  });

  it('drops a localized (German) attribution and quote and a German sign-off', async () => {
    const message = await fixture('latin1-qp.eml');
    expect(message.newText).toBe(
      'Hallo,\n\nkann der Administrator beim Kunden einstellen, wie lange die Okta-Sitzung dauert, bevor sich der Benutzer erneut anmelden muß? Grüße an das Team.',
    );
    expect(message.quotedText).toMatch(/^Am 09.05.2024 um 17:48 schrieb Developer Relations <developers@example.com>:/);
  });
});

describe('parseMessage: line endings', () => {
  it('reads mail saved with classic Mac (CR-only) line endings', async () => {
    const raw = Buffer.from(
      [
        'From: Ana <ana@example.net>',
        'To: developers@example.com',
        'Subject: Out of office',
        'Auto-Submitted: auto-replied',
        '',
        'I am away until Monday.',
        '',
      ].join('\r'),
    );
    const message = await parseMessage(raw);
    expect(message.from?.address).toBe('ana@example.net');
    expect(message.subject).toBe('Out of office');
    expect(message.headers.get('auto-submitted')).toEqual(['auto-replied']);
    expect(message.newText).toContain('I am away until Monday.');
  });
});

describe('parseMessage: PGP clear-signed text (RFC 4880 §7)', () => {
  // Left in, the signature's armour line ended the writer's last sentence, and our reply quoted it back to them.
  it('reads the signed text alone, without its armour or signature', async () => {
    const message = await fixture('pgp-clearsigned.eml');
    const signed =
      'Hello,\n\nDoes listing our app in the Okta Integration Network cost anything?\nPlease call me about our contract renewal';
    expect([message.text, message.newText]).toEqual([signed, signed]);
  });

  it('unescapes the dashes the signer escaped, so that a signature separator reads as one', async () => {
    const raw = await readFile(path.join(__dirname, 'fixtures/mail', 'pgp-clearsigned.eml'), 'utf8');
    const message = await parseMessage(Buffer.from(raw.replace('renewal\n', 'renewal.\n\n- -- \nJonas Berg\n- Keyforge -\n')));
    expect(message.text).toMatch(/renewal\.\n\n--\nJonas Berg\nKeyforge -$/);
    expect(message.newText).toMatch(/renewal\.$/);
  });

  it('leaves armour alone that no signature closes', async () => {
    const raw = await readFile(path.join(__dirname, 'fixtures/mail', 'pgp-clearsigned.eml'), 'utf8');
    const message = await parseMessage(Buffer.from(raw.replace(/-----BEGIN PGP SIGNATURE-----[^]*/, '')));
    expect(message.text).toMatch(/^-----BEGIN PGP SIGNED MESSAGE-----\nHash: SHA256\n\nHello,/);
  });
});

describe('parseMessage: the text of header fields', () => {
  const headed = (fields: string[]) =>
    parseMessage(Buffer.concat([...fields.map((f) => Buffer.from(`${f}\r\n`, 'latin1')), Buffer.from('\r\nHi\r\n')]));
  const utf8 = (text: string) => Buffer.from(text, 'utf8').toString('latin1');

  // Before: mailparser's header lines hand each raw byte as a character, and headers held them so: every reader
  // of a field with UTF-8 in it (the Return-Path, a list's name in a reason, SES's results) got "bÃ¼cher".
  it('holds 8-bit text as UTF-8, as the fields mailparser decodes read it', async () => {
    const message = await headed([
      utf8('Return-Path: <Ana@Bücher.example>'),
      utf8('From: Ana <ana@bücher.example>'),
      utf8('List-Id: Bücherfreunde <freunde.bücher.example>'),
      'Subject: x',
    ]);
    expect(message.returnPath).toBe('ana@bücher.example');
    expect(message.headers.get('list-id')).toEqual(['Bücherfreunde <freunde.bücher.example>']);
    expect(message.headers.get('from')).toEqual(['Ana <ana@bücher.example>']);
  });

  it('reads each UTF-8 sequence of a field kept as received as UTF-8, and every other byte as itself', async () => {
    // SES's fields are never converted from Windows-1252 (parse.ts, VERIFICATION_FIELD): a byte that is no UTF-8 stays
    // one character, so that the same bytes read the same in Received-SPF and in Authentication-Results.
    const message = await headed([
      utf8('Received-SPF: pass client-ip=192.0.2.1; envelope-from=a@bücher.example; helo=mx.bücher.example;'),
      `Authentication-Results: amazonses.com; spf=${utf8('pass client-ip=192.0.2.1; envelope-from=a@bücher.example; helo=mx.bücher.example;')} dkim=pass header.d=caf\xe9.example;`,
      'Subject: x',
    ]);
    expect(message.headers.get('authentication-results')).toEqual([
      'amazonses.com; spf=pass client-ip=192.0.2.1; envelope-from=a@bücher.example; helo=mx.bücher.example; dkim=pass header.d=café.example;',
    ]);
    expect(message.headers.get('received-spf')?.[0]).toContain('helo=mx.bücher.example;');
  });
});
