import { staffMailsToAnswer } from '../local/verdict-reply';

/** A mail as the SES stand-in stores it, by the function's own signature: this suite starts no server. */
type SesStoredEmail = Parameters<typeof staffMailsToAnswer>[0][number];

function stored(messageId: string, to: string[]): SesStoredEmail {
  return {
    messageId,
    from: '"Developer Relations" <developers@dev.acme.io>',
    replyTo: [],
    destination: { to, cc: [], bcc: [] },
    subject: '[faqmail] Would answer: fees?',
    body: { text: 'faqmail would have sent this' },
    attachments: [],
    at: 0,
  };
}

describe('staffMailsToAnswer', () => {
  // The SES stand-in keeps a mail's To field as one string: a hand-over to two staff addresses was
  // ['alice@…, bob@…'], which matched neither, so `npm run send -- --verdict` said faqmail had sent
  // staff nothing yet.
  it('finds a staff mail sent to several staff addresses at once', () => {
    const staff = ['alice@acme.io', 'bob@acme.io'];
    const emails = [stored('ses-1', ['alice@acme.io, bob@acme.io']), stored('ses-2', ['"Bob" <bob@acme.io>, carol@acme.io'])];
    expect(staffMailsToAnswer(emails, staff).map((mail) => mail.messageId)).toEqual(['ses-2', 'ses-1']);
  });

  it('passes over mail to no staff address', () => {
    expect(staffMailsToAnswer([stored('ses-1', ['writer@example.org'])], ['alice@acme.io'])).toEqual([]);
  });
});
