/** The messages of an mbox file, as npm run respond and npm run eval -- --explain read it (tools/cli/mbox.ts). */
import { mboxMessages } from '../tools/cli/mbox';

const text = (messages: Buffer[] | undefined) => messages?.map((message) => message.toString('latin1'));

describe('mboxMessages', () => {
  test('splits at each envelope line, leaving it and the empty line before the next out', () => {
    const mbox = [
      'From - Tue Oct 14 09:12:44 2025',
      'From: Jane <jane@example.com>',
      'Subject: One',
      '',
      'First.',
      '',
      'From jane@example.com  Wed Oct  1 07:02:03 +0000 2025',
      'From: Jane <jane@example.com>',
      'Subject: Two',
      '',
      'Second.',
      '',
    ].join('\n');
    expect(text(mboxMessages(Buffer.from(mbox)))).toEqual([
      'From: Jane <jane@example.com>\nSubject: One\n\nFirst.\n',
      'From: Jane <jane@example.com>\nSubject: Two\n\nSecond.\n',
    ]);
  });

  test('unquotes ">From " lines (mboxo, mboxrd) and keeps a line that begins with "From " but is no envelope line', () => {
    const mbox =
      'From MAILER-DAEMON Mon Jan  5 10:00:00 2026\r\nSubject: Q\r\n\r\n>From here on\r\n>>From the docs\r\nFrom 2019 to 2024 it worked.\r\n';
    expect(text(mboxMessages(Buffer.from(mbox)))).toEqual([
      'Subject: Q\r\n\r\nFrom here on\r\n>From the docs\r\nFrom 2019 to 2024 it worked.\r\n',
    ]);
  });

  test('keeps the bytes of every charset', () => {
    const body = Buffer.from([0x47, 0x72, 0xfc, 0xdf, 0x65, 0x0a, 0xe2, 0x82, 0xac, 0x0a]);
    const [message] = mboxMessages(Buffer.concat([Buffer.from('From - Tue Oct 14 09:12:44 2025\nSubject: x\n\n'), body])) ?? [];
    expect(message).toEqual(Buffer.concat([Buffer.from('Subject: x\n\n'), body]));
  });

  test.each([
    'From: Jane <jane@example.com>\nSubject: x\n\nhi\n',
    'From : Jane <jane@example.com>\nSubject: x\n\nhi\n',
    'Return-Path: <jane@example.com>\nFrom - Tue Oct 14 09:12:44 2025\n',
    'From the desk of Jane\n',
  ])('is no mbox: %j', (raw) => {
    expect(mboxMessages(Buffer.from(raw))).toBeUndefined();
  });
});
