/** Reading what a delivery status notification (RFC 3464) says failed, from the raw bytes. */
import { failedDelivery } from '../lambda/mail/delivery-status';

const report = (perRecipient: string[], returned = 'Message-ID: <0100018f@email.amazonses.com>') =>
  Buffer.from(
    [
      'From: MAILER-DAEMON@example.net',
      'Message-ID: <dsn-1@example.net>',
      'Content-Type: multipart/report; report-type=delivery-status; boundary="b"',
      '',
      '--b',
      'Content-Type: message/delivery-status',
      '',
      'Reporting-MTA: dns; mx.example.net',
      '',
      ...perRecipient.flatMap((block) => [block, '']),
      '--b',
      'Content-Type: text/rfc822-headers',
      '',
      returned,
      '',
      '--b--',
    ].join('\r\n'),
  );

describe('failedDelivery', () => {
  it('names each recipient whose delivery failed, with its status, and the Message-ID of the mail returned', () => {
    const raw = report([
      'Final-Recipient: rfc822; Staff@Example.com\r\nAction: failed\r\nStatus: 5.1.1',
      // Exchange writes no space after the semicolon, and the original recipient beside the final one.
      'Original-Recipient: rfc822;<ops@example.com>\r\nFinal-Recipient: rfc822;ops@example.com\r\nAction: failed\r\nStatus: 5.2.2',
    ]);
    expect(failedDelivery(raw)).toEqual({
      recipients: [
        { address: 'staff@example.com', status: '5.1.1' },
        { address: 'ops@example.com', status: '5.2.2' },
      ],
      messageIds: ['<0100018f@email.amazonses.com>'],
    });
  });

  it('names no recipient whose delivery is only delayed or succeeded, and nothing in mail that is no report', () => {
    const raw = report(['Final-Recipient: rfc822; staff@example.com\r\nAction: delayed\r\nStatus: 4.2.2']);
    expect(failedDelivery(raw)).toBeUndefined();
    expect(failedDelivery(report(['Final-Recipient: rfc822; staff@example.com\r\nAction: delivered']))).toBeUndefined();
    // A person quoting a bounce in their own mail: quoted lines are no report's fields.
    const quoted = Buffer.from(
      'From: jane@writer.example\r\n\r\nWe got this:\r\n> Final-Recipient: rfc822; staff@example.com\r\n> Action: failed\r\n',
    );
    expect(failedDelivery(quoted)).toBeUndefined();
  });
});
