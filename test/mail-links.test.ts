import { simpleParser } from 'mailparser';
import { composeEscalation } from '../lambda/compose/escalation';
import { disguisedLinks, MAX_LINKS } from '../lambda/mail/links';
import { parseMessage } from '../lambda/mail/parse';
import { decision, testConfig } from './support/messages';

describe('links whose text is not their target', () => {
  it('lists a link that reads as one address and leads to another, with entities decoded', () => {
    const html = '<p>Pay at <a href="https://evil.example/pay?a=1&amp;b=2">billing.example.com</a> today.</p>';
    expect(disguisedLinks(html)).toEqual([{ text: 'billing.example.com', href: 'https://evil.example/pay?a=1&b=2' }]);
  });

  it('leaves out links whose text is their own address, however it is written', () => {
    const html =
      '<a href="https://www.example.com/">example.com</a> <a href="mailto:a@b.example">a@b.example</a> <a href="https://x.example">https://x.example/</a>';
    expect(disguisedLinks(html)).toEqual([]);
  });

  it('lists words that hide a target once each, and no link without an href or text', () => {
    const html =
      '<a href="https://docs.example/x">the guide</a><a href="https://docs.example/x">the guide</a><a name="top">top</a><a href="https://t.example"><img src="i.png"></a>';
    expect(disguisedLinks(html)).toEqual([{ text: 'the guide', href: 'https://docs.example/x' }]);
  });

  it('stops at a bound however many links a message holds', () => {
    const html = Array.from({ length: 500 }, (_, i) => `<a href="https://t.example/${i}">link ${i}</a>`).join(' ');
    expect(disguisedLinks(html)).toHaveLength(MAX_LINKS);
  });
});

describe('the links a parsed message carries to staff', () => {
  const raw = [
    'From: Jane <jane@writer.example>',
    'To: developers@example.com',
    'Subject: Invoice',
    'Message-ID: <links@writer.example>',
    'MIME-Version: 1.0',
    'Content-Type: text/html; charset=utf-8',
    '',
    '<p>Please pay at <a href="https://evil.example/pay">billing.example.com</a>. <a href="https://docs.example/">docs.example</a></p>',
    '',
  ].join('\r\n');

  it('keeps the disguised link with its target, and shows it escaped in the escalation', async () => {
    const message = await parseMessage(Buffer.from(raw));
    expect(message.links).toEqual([{ text: 'billing.example.com', href: 'https://evil.example/pay' }]);
    const mail = await composeEscalation({
      message,
      raw: Buffer.from(raw),
      decision: decision({ rule: 'no-match', reason: 'No entry fits.' }),
      config: testConfig(),
    });
    const parsed = await simpleParser(mail.raw);
    expect(parsed.text).toContain('billing.example.com → https://evil.example/pay');
    expect(parsed.html).toContain('billing.example.com → https://evil.example/pay');
    expect(parsed.html).not.toContain('<a href="https://evil.example/pay"');
  });
});
