import { extractNewText, stripQuotes } from '../lambda/mail/new-text';
import { stripLegalFooter, stripSenderName, stripSignOff } from '../lambda/mail/signature';

// One case per rule of reply stripping, on text as parseMessage hands it on.
const lines = (...text: string[]) => text.join('\n');

describe('extractNewText: quotes', () => {
  it('keeps a bottom-posted answer below the quote (email-reply-parser)', () => {
    const parts = extractNewText(
      lines('On Mon, Apr 29, 2024 at 5:47 PM Bob <bob@example.com> wrote:', '> Is it free?', '', 'Yes. And how long does review take?'),
    );
    expect(parts.newText).toBe('Yes. And how long does review take?');
    expect(parts.quotedText).toBe(lines('On Mon, Apr 29, 2024 at 5:47 PM Bob <bob@example.com> wrote:', '> Is it free?'));
  });

  it('gives back a long line as written, and reads the stand-in characters of long lines as the writer’s own', () => {
    const long = `Does the catalog listing cost anything? ${'We build a reporting tool for logistics companies. '.repeat(8)}`.trim();
    const parts = extractNewText(lines(long, '', 'On Mon, Apr 29, 2024 at 5:47 PM Bob <bob@example.com> wrote:', `> ${long}`));
    expect(parts.newText).toBe(long);
    expect(parts.quotedText).toBe(lines('On Mon, Apr 29, 2024 at 5:47 PM Bob <bob@example.com> wrote:', `> ${long}`));
    // normalizeText strips C0 controls, so a writer's own cannot be taken for a stand-in.
    expect(extractNewText(`${long}\n\u00010\u0002 and \ue0000\ue001`).newText).toBe(`${long}\n0 and 0`);
  });

  // Written here (messymonth4 probe round): a soft hyphen (U+00AD), a word processor's hint where a word may break, is
  // no letter; text pasted from a document keeps it inside words.
  it('strips soft hyphens inside words', () => {
    expect(extractNewText('Can an Okta ad\u00adminis\u00adtrator change the ses\u00adsion time\u00adout?').newText).toBe(
      'Can an Okta administrator change the session timeout?',
    );
    expect(extractNewText('Is there a list\u00ading fee for the inte\u00adgra\u00adtion net\u00adwork?').newText).toBe(
      'Is there a listing fee for the integration network?',
    );
  });

  it.each([
    ['-----Original Message-----', lines('Ask below.', '', '-----Original Message-----', 'From: Bob', 'Sent: Monday', 'Hi')],
    [
      'a localized Outlook header block',
      lines('Siehe unten.', '', 'Von: Bob Meier', 'Gesendet: Montag, 6. Mai 2024 10:00', 'An: Anna', 'Betreff: Frage', '', 'Hallo'),
    ],
    [
      'a bold Outlook header block under a rule',
      lines(
        'Ask below.',
        '',
        '________________________________',
        '*From:* Outlook user',
        '*Sent:* 2016-01-27',
        '*To:* info@example.com',
        'Hi',
      ),
    ],
  ])('cuts the history at %s', (_, text) => {
    const parts = extractNewText(text);
    expect(parts.newText).toMatch(/^(Ask below\.|Siehe unten\.)$/);
    expect(parts.quotedText).toMatch(/^(-----Original Message-----|Von: Bob Meier|________________________________)/);
  });

  it('moves an attribution broken over lines, in a language the library does not know, into the quote (attributionAboveQuote)', () => {
    const parts = extractNewText(
      lines('Hello', '02.04.2012 14:20 пользователь "bob@example.com" <', 'bob@example.com> написал:', '', '> Hi'),
    );
    expect(parts.newText).toBe('Hello');
    expect(parts.quotedText).toMatch(/^02.04.2012 14:20 пользователь/);
  });

  it('keeps a quoted line that lost its quote mark to wrapping in the quote (brokenQuoteWraps)', () => {
    const text = lines(
      'New text.',
      '',
      'On Mon, Apr 29, 2024 at 5:47 PM Bob <bob@example.com> wrote:',
      '> Lorem ipsum dolor sit amet, consectetur adipiscing elit. Nullam pharetra d',
      'ignissim odio?',
      '> Vestibulum nec dui luctus',
    );
    expect(extractNewText(text).newText).toBe('New text.');
  });

  // Written here (quoted probe round): a question pasted from someone else under the writer's line that presents it.
  it('reads a quote the writer pasted under a line presenting it as their own text (pastedQuotes)', () => {
    const below = extractNewText(
      lines('Please see the question below from our finance lead.', '', '> Is there a cost for listing our app in the OIN?', '', 'Thanks'),
    );
    expect(below.newText).toContain('Is there a cost for listing our app in the OIN?');
    expect(below.newText).not.toContain('>');
    expect(below.quotedText).toBe('');
    const asks = extractNewText(
      lines('Our customer asks:', '', '> Does logging out of Okta also log our users out of your app?', '> We need that for compliance.'),
    );
    expect(asks.newText).toContain('Does logging out of Okta also log our users out of your app?\nWe need that for compliance.');
  });

  it('keeps genuine history, a nested quote and our own answer quoted even under a presenting line (pastedQuotes)', () => {
    const history = extractNewText(
      lines(
        'What we still need: where do we sign up?',
        '',
        'On Wed, Dec 2, 2026 at 4:10 PM Nadia <nadia@example.com> wrote:',
        '> Is there a fee?',
      ),
    );
    expect(history.newText).toBe('What we still need: where do we sign up?');
    const nested = extractNewText(lines('See the thread below:', '', '> It is free.', '>> Is there a fee?'));
    expect(nested.newText).toBe('See the thread below:');
    const ours = extractNewText(lines('About your answer below:', '', '> It is free.', '> Sent by faqmail, our FAQ assistant.'));
    expect(ours.newText).toBe('About your answer below:');
    expect(ours.quotedText).toContain('Sent by faqmail');
  });
});

describe('extractNewText: forwards', () => {
  it("splits Apple Mail's forward, unquoting the forwarded message", () => {
    const text = lines(
      'FYI, question below.',
      '',
      'Begin forwarded message:',
      '',
      '> From: Ann <ann@example.com>',
      '> Subject: SLO',
      '>',
      '> Does Okta do single logout?',
    );
    const parts = extractNewText(text);
    expect(parts.newText).toBe('FYI, question below.');
    expect(parts.forwardedText).toBe('Does Okta do single logout?');
  });

  it('leaves a forward inside quoted history in the history', () => {
    const text = lines(
      'Thanks!',
      '',
      'On Mon, Apr 29, 2024 at 5:47 PM Bob <bob@example.com> wrote:',
      '> ---------- Forwarded message ---------',
      '> From: Ann',
      '>',
      '> Is it free?',
    );
    const parts = extractNewText(text);
    expect(parts.forwardedText).toBe('');
    expect(parts.quotedText).toContain('Forwarded message');
  });

  it('leaves an Outlook reply (subject without Fwd) as quoted history', () => {
    const text = lines('See below.', '', 'From: Ann <ann@example.com>', 'Sent: Monday', 'To: Bob', 'Subject: Question', '', 'Is it free?');
    expect(extractNewText(text, { subject: 'RE: Question' })).toEqual({
      newText: 'See below.',
      quotedText: expect.stringMatching(/^From: Ann/),
      forwardedText: '',
    });
    expect(extractNewText(text, { subject: 'WG: Question' }).forwardedText).toBe('Is it free?');
  });

  it('splits a forward inside a forward', () => {
    const forward = (note: string, inner: string) =>
      lines(note, '', '---------- Forwarded message ---------', 'From: X <x@example.com>', '', inner);
    const parts = extractNewText(forward('Outer note.', forward('Middle note.', 'Innermost question?')));
    expect(parts.newText).toBe('Outer note.');
    expect(parts.forwardedText).toBe(lines('Middle note.', '', 'Innermost question?'));
  });
});

describe('extractNewText: signatures', () => {
  it('removes mobile signatures and the "-- " separator (email-reply-parser)', () => {
    expect(extractNewText(lines('Is it free?', '', 'Sent from my iPhone')).newText).toBe('Is it free?');
    expect(extractNewText(lines('Is it free?', '', '-- ', 'Bob', 'ACME')).newText).toBe('Is it free?');
  });

  it('removes a sign-off and the short block below it (stripSignOff)', () => {
    expect(
      stripSignOff(
        lines(
          'Is it free?',
          '',
          'Best regards / Mit freundlichen Grüßen',
          '',
          'Jörg Häußler',
          'Softwarearchitekt',
          'Tel. +49 89 2154 8830',
        ),
      ),
    ).toBe('Is it free?');
    expect(stripSignOff(lines('Is it free?', 'Thank you for your help.', '', 'Yuki'))).toBe('Is it free?');
  });

  it('removes a signature block whose tagline asks: a quotation, or a question that points to an address or number', () => {
    const signed = lines(
      'Is it free?',
      '',
      'Thanks,',
      'Lee Park',
      'Acme Corp',
      'Need help? Visit support.acme.example',
      'Questions? Call +1 555 0100 222',
    );
    expect(stripSignOff(signed)).toBe('Is it free?');
    const asks = lines('Is it free?', '', 'Thanks,', 'Lee', 'Can you also check support.acme.example?');
    expect(stripSignOff(asks)).toBe(asks);
    const motto = lines('Is it free?', '', 'Best,', 'Lee Park', '"Why settle for less?" - Acme Corp');
    expect(stripSignOff(motto)).toBe('Is it free?');
    expect(stripSignOff(lines('Is it free?', '', 'Best,', 'Lee', '\u201cWhat would you do if you could not fail?\u201d'))).toBe(
      'Is it free?',
    );
  });

  it('keeps what follows a sign-off when it is not a signature', () => {
    const question = lines('Is it free?', '', 'Thanks,', 'Bob', '', 'P.S. Could you also send the logo guidelines?');
    expect(stripSignOff(question)).toBe(lines('Is it free?', '', 'P.S. Could you also send the logo guidelines?'));
    const asks = lines('Is it free?', '', 'Thanks!', 'And does review take long?');
    expect(stripSignOff(asks)).toBe(asks);
    expect(stripSignOff('Thank you.')).toBe('Thank you.');
  });

  it('keeps a P.S. or an afterthought below the name, title and phone lines, and drops the lines between', () => {
    const signature = ['Best regards,', 'Marcus Lindqvist', 'Senior Engineer', 'Fjordline Software AB', '+46 8 555 0142', ''];
    for (const afterthought of [
      'PS: is there a cost to be listed?',
      'P.P.S. Could you expedite our review?',
      'Btw - does Okta support single logout?',
      'Forgot to ask: where do we sign up?',
      'Oh, and one more thing: is there a SCIM FAQ?',
      'Edit: can we add attributes during testing?',
      'Also: what is SWA?',
    ]) {
      const text = lines('Hello,', '', 'We read the OIN docs this week.', '', ...signature, afterthought);
      expect(extractNewText(text, { sender: 'Marcus Lindqvist' }).newText).toBe(
        lines('Hello,', '', 'We read the OIN docs this week.', '', afterthought),
      );
    }
    // A signature line that merely starts like one ("Also on LinkedIn") stays signature.
    const plain = lines('Is it free?', '', 'Best regards,', 'Marcus Lindqvist', 'Also on LinkedIn as mlindqvist');
    expect(extractNewText(plain, { sender: 'Marcus Lindqvist' }).newText).toBe('Is it free?');
  });

  it("removes a signature that starts with the sender's name (stripSenderName)", () => {
    expect(
      stripSenderName(
        lines('Can a person look at it?', '', 'Anjali', '', 'Anjali Verma', 'Product Lead | NimbusDesk', '+91 80 4719 2250'),
        'Anjali Verma',
      ),
    ).toBe('Can a person look at it?');
    expect(stripSenderName(lines('Can a person look at it?', '', 'Wei'), '张伟 Wei Zhang')).toBe('Can a person look at it?');
    // A sign-off and the name on one line, after a blank line or not.
    expect(stripSenderName(lines('Is it free?', '', 'Thanks, Eva'), 'Eva Kral')).toBe('Is it free?');
    expect(stripSenderName(lines('Is it free?', 'Best - Eva Kral', 'Kral Software'), 'Eva Kral')).toBe('Is it free?');
    expect(stripSenderName(lines('Is it free?', 'Thanks, Evan will reply.'), 'Eva Kral')).toBe(
      lines('Is it free?', 'Thanks, Evan will reply.'),
    );
    // Nothing but the name: that is what was written.
    expect(stripSenderName('Wei', 'Wei Zhang')).toBe('Wei');
    expect(extractNewText(lines('Is it free?', '', 'Tom'), { sender: 'Tom Brennan' }).newText).toBe('Is it free?');
  });

  it('removes a legal footer from its first paragraph to the end, never the first paragraph (stripLegalFooter)', () => {
    const footer = 'CONFIDENTIALITY NOTICE: This email, including any attachments, is for the sole use of the intended recipient(s).';
    expect(stripLegalFooter(lines('Is it free?', '', footer, '', 'Registered in England No. 123'))).toBe('Is it free?');
    expect(stripLegalFooter(footer)).toBe(footer);
    expect(stripLegalFooter(lines('Is it free?', '', 'This message is about our confidential roadmap.'))).toBe(
      lines('Is it free?', '', 'This message is about our confidential roadmap.'),
    );
  });
});

describe('stripQuotes', () => {
  it('removes quotes but keeps the signature (talon convention)', () => {
    expect(
      stripQuotes(lines('Hello', '', 'Sent from my iPhone', '', 'On Apr 3, 2012, at 4:19 PM, bob <bob@example.com> wrote:', '', '> Hi')),
    ).toBe(lines('Hello', '', 'Sent from my iPhone'));
  });
});
