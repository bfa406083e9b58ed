/**
 * Who the message's authentication vouches for, and where an automatic answer may go: the
 * domains SES's verdicts pass for (from its Authentication-Results), relaxed alignment by
 * organizational domain, and an answer only ever to From.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { answerAddress } from '../lambda/mail/writer';
import type { InboundMessage, Receipt } from '../lambda/domain';
import { authenticatedDomains, organizationalDomain, unvouchedAddressing, vouchedBy, vouchedSender } from '../lambda/mail/authentication';
import { parseMessage } from '../lambda/mail/parse';
import { receiptFromHeaders } from '../lambda/mail/receipt-headers';
import { respond } from '../lambda/respond';
import { noHistory } from '../tools/cli/local-responder';
import { address, inboundMessage, passingReceipt, testConfig } from './support/messages';
import { sampleResponder } from './support/sample-faq';

/** "Is there a fee?" to the inbox, its header fields `fields` (UTF-8 where they hold more than ASCII), parsed. */
const feeQuestion = (fields: string[]) =>
  parseMessage(Buffer.from([...fields, 'To: developers@example.com', 'Subject: Fees', '', 'Is there a fee?', ''].join('\r\n'), 'utf8'));

/** A message with SES's Authentication-Results (and any other fields) as its headers. */
function withResults(results: string, overrides: Partial<InboundMessage> = {}): InboundMessage {
  return inboundMessage({ headers: new Map([['authentication-results', [results]]]), ...overrides });
}

const NONE: Partial<Receipt> = { spf: 'GRAY', dkim: 'GRAY', dmarc: 'GRAY' };

describe('organizational domains and alignment', () => {
  it.each([
    ['mail.example.co.uk', 'example.co.uk'],
    ['EU.Mail.Example.com.', 'example.com'],
    ['alice.github.io', 'alice.github.io'],
    ['localhost', 'localhost'],
  ])('%s belongs to %s', (domain, organization) => {
    expect(organizationalDomain(domain)).toBe(organization);
  });

  it("vouches for addresses of the passing domain's organization only", () => {
    const passed = (domain: string) => [{ method: 'spf' as const, domain }];
    expect(vouchedBy('jane@mail.example.com', passed('example.com'))).toBeDefined();
    expect(vouchedBy('jane@example.com', passed('eu.example.com'))).toBeDefined();
    expect(vouchedBy('jane@example.com', passed('example.net'))).toBeUndefined();
    expect(vouchedBy('alice@alice.github.io', passed('bob.github.io'))).toBeUndefined();
    expect(vouchedBy('x@example.com', passed('notexample.com'))).toBeUndefined();
  });

  it.each([
    'victim.example#.evil.example',
    'victim.example/.evil.example',
    'victim.example?.evil.example',
    'victim.example\\.evil.example',
  ])('vouches for nobody at victim.example when %s passed (a name under evil.example, not a URL)', (domain) => {
    // Before: the suffix list's URL parser read these as victim.example, so a sender holding the zone
    // evil.example (SPF or a DKIM key published at such a name) had mail from victim.example answered.
    expect(organizationalDomain(domain)).toBe(domain);
    expect(vouchedBy('ceo@victim.example', [{ method: 'dkim', domain }])).toBeUndefined();
    const message = withResults(`amazonses.com; spf=fail; dkim=pass header.i=@${domain}; dmarc=none`, {
      from: address('ceo@victim.example'),
    });
    expect(answerAddress(message, passingReceipt({ spf: 'FAIL', dmarc: 'GRAY' }))).toMatchObject({ rule: 'unauthenticated' });
  });
});

describe('authenticatedDomains', () => {
  it("reads SES's SPF envelope-from, each passing DKIM signer and DMARC's header.from", () => {
    const message = withResults(
      'amazonses.com; spf=pass (spfCheck: domain of b.example designates 1.2.3.4 as permitted sender) client-ip=1.2.3.4; envelope-from=x@bounce.b.example;' +
        ' helo=mx.b.example; dkim=fail header.i=@quaderno.example; dkim=pass header.d=esp.example; dmarc=pass header.from=quaderno.example;',
    );
    expect(authenticatedDomains(message, passingReceipt())).toEqual([
      { method: 'dmarc', domain: 'quaderno.example' },
      { method: 'spf', domain: 'bounce.b.example' },
      { method: 'dkim', domain: 'esp.example' },
    ]);
  });

  it('takes the envelope sender SPF checked from Received-SPF before the Return-Path', () => {
    // No Authentication-Results: SPF passed for the ESP's envelope sender, not for the From domain the Return-Path shows.
    const message = inboundMessage({
      from: address('marco@quaderno.example'),
      returnPath: 'marco@quaderno.example',
      headers: new Map([
        ['received-spf', ['pass (esp.example: 1.2.3.4 is permitted) client-ip=1.2.3.4; envelope-from=bounce-7@esp.example;']],
      ]),
    });
    expect(authenticatedDomains(message, passingReceipt({ dkim: 'GRAY', dmarc: 'GRAY' }))).toEqual([
      { method: 'spf', domain: 'esp.example' },
    ]);
    expect(answerAddress(message, passingReceipt({ dkim: 'GRAY', dmarc: 'GRAY' }))).toMatchObject({ rule: 'unauthenticated' });
  });

  it('vouches for nothing when DMARC failed under policy none, whatever SPF and DKIM passed', () => {
    // DMARC judged the From domain itself; a pass it did not count as aligned must not stand for that domain here.
    const message = withResults(
      'amazonses.com; spf=pass smtp.mailfrom=a@mail.quaderno.example; dkim=pass header.d=quaderno.example; dmarc=fail header.from=quaderno.example',
    );
    const failed = passingReceipt({ dmarc: 'FAIL', dmarcPolicy: 'none' });
    expect(authenticatedDomains(message, failed)).toEqual([]);
    expect(answerAddress(message, failed)).toMatchObject({ rule: 'unauthenticated' });
  });

  it('counts only what the receipt says passed, and reads RFC 8601 smtp.mailfrom', () => {
    const message = withResults(
      'amazonses.com; spf=pass smtp.mailfrom=a@quaderno.example; dkim=pass header.d=quaderno.example; dmarc=none',
    );
    expect(authenticatedDomains(message, { ...passingReceipt(), dkim: 'FAIL', dmarc: 'GRAY' })).toEqual([
      { method: 'spf', domain: 'quaderno.example' },
    ]);
    expect(authenticatedDomains(message, { ...passingReceipt(), ...NONE })).toEqual([]);
  });

  it('ignores an Authentication-Results field someone else wrote, and falls back to the From domain for DMARC', () => {
    const message = withResults('mx.attacker.example; dkim=pass header.d=victim.example');
    expect(authenticatedDomains(message, passingReceipt())).toEqual([
      { method: 'dmarc', domain: 'quaderno.example' },
      { method: 'spf', domain: 'quaderno.example' }, // the Return-Path SES wrote
    ]);
  });
});

describe("authenticatedDomains with text the sender chose inside SES's own field", () => {
  // SES writes the envelope sender and the HELO name it checked SPF for into its Authentication-Results:
  // a quoted local part may hold `;`, `=` and spaces, a HELO name `;`. Before, either could add a result
  // ("dkim=pass header.d=victim.example") that vouched for a From at a domain the sender does not hold.
  const spf = 'spf=pass (spfCheck: domain of evil.example designates 192.0.2.1 as permitted sender) client-ip=192.0.2.1;';
  const rest = 'dkim=pass header.i=@evil.example; dmarc=none header.from=victim.example;';
  const forged = address('ceo@victim.example', 'CEO');

  it.each([
    ['a quoted envelope sender', `envelope-from="a;dkim=pass;header.d=x@victim.example;"@evil.example; helo=mx.evil.example;`],
    [
      'a quoted envelope sender with spaces',
      `envelope-from="a; dkim=pass header.d=x@victim.example; b"@evil.example; helo=mx.evil.example;`,
    ],
    ['a HELO name', 'envelope-from=a@evil.example; helo=mx;dkim=pass;header.d=victim.example;'],
  ])('adds no result from %s', (_what, properties) => {
    const message = withResults(`amazonses.com;\r\n ${spf} ${properties}\r\n ${rest}`.replace(/\r\n/g, ''), { from: forged });
    const receipt = passingReceipt({ dmarc: 'GRAY' });
    expect(authenticatedDomains(message, receipt)).toEqual([
      { method: 'spf', domain: 'evil.example' },
      { method: 'dkim', domain: 'evil.example' },
    ]);
    expect(answerAddress(message, receipt)).toMatchObject({ rule: 'unauthenticated' });
  });

  it('adds no result from a domain literal in the envelope sender', () => {
    const literal = `envelope-from=a@[192.0.2.1; dkim=pass header.d=victim.example; x]; helo=mx.evil.example;`;
    const message = withResults(`amazonses.com; ${spf} ${literal} ${rest}`, { from: forged });
    const receipt = passingReceipt({ dmarc: 'GRAY' });
    expect(authenticatedDomains(message, receipt).map((v) => v.domain)).not.toContain('victim.example');
    expect(answerAddress(message, receipt)).toMatchObject({ rule: 'unauthenticated' });
  });

  it('still reads comments, quoted values and spaced `=` as RFC 8601 writes them', () => {
    const message = withResults(
      'amazonses.com; spf=pass (a (nested) comment; dkim=pass header.d=victim.example) smtp.mailfrom = "x y"@quaderno.example; dkim=pass header.d="quaderno.example"',
    );
    expect(authenticatedDomains(message, passingReceipt({ dmarc: 'GRAY' }))).toEqual([
      { method: 'spf', domain: 'quaderno.example' },
      { method: 'dkim', domain: 'quaderno.example' },
    ]);
  });
});

describe('authenticatedDomains with a HELO name holding "; "', () => {
  // SES writes the HELO name into its Received-SPF and, as the last thing of its SPF result, into its
  // Authentication-Results. RFC 5321 allows no space in a HELO name, but whether SES refuses one cannot be
  // checked offline. Before, `HELO mx; dkim=pass header.d=victim.example` added a DKIM pass for
  // victim.example, a HELO `mx; envelope-from=...` overrode SPF's envelope sender, and in the CLI (whose
  // receipt is read from the same field) a HELO `mx; dmarc=pass ...` made DMARC pass for victim.example.
  const sesReceived = (helo: string) => {
    const spf = `pass (spfCheck: domain of evil.example designates 192.0.2.1 as permitted sender) client-ip=192.0.2.1; envelope-from=a@evil.example; helo=${helo};`;
    return [
      `Received-SPF: ${spf}`,
      'Authentication-Results: amazonses.com;',
      ` spf=${spf}`,
      ' dkim=pass header.i=@evil.example;',
      ' dmarc=none header.from=victim.example;',
      'Return-Path: <a@evil.example>',
      'From: CEO <ceo@victim.example>',
      'To: developers@example.com',
      'Subject: Cost?',
      'Message-ID: <h1@evil.example>',
      '',
      'Is there a cost to list an app?',
      '',
    ].join('\r\n');
  };

  const evil = [
    { method: 'spf', domain: 'evil.example' },
    { method: 'dkim', domain: 'evil.example' },
  ];
  it.each([
    ['mx; dkim=pass header.d=victim.example', evil],
    ['mx; envelope-from=ceo@victim.example', evil],
    ['mx; dmarc=pass header.from=victim.example', evil],
    ['mx; spf=pass smtp.mailfrom=ceo@victim.example', evil],
    // A quote the HELO opens hides the rest of the field, SES's DKIM result too, as it always did: less, never more.
    ['mx; dkim=pass header.d=victim.example; "', evil.slice(0, 1)],
  ])('vouches for nobody at victim.example from HELO %s', async (helo, vouched) => {
    const message = await parseMessage(Buffer.from(sesReceived(helo)));
    // As the Lambda gets it (the SES event's verdicts: no DMARC record at victim.example), and as the CLI reads it.
    for (const receipt of [passingReceipt({ dmarc: 'GRAY' }), receiptFromHeaders(message)]) {
      expect(authenticatedDomains(message, receipt).filter((v) => v.domain === 'victim.example')).toEqual([]);
      expect(answerAddress(message, receipt)).toMatchObject({ rule: 'unauthenticated' });
    }
    expect(authenticatedDomains(message, passingReceipt({ dmarc: 'GRAY' }))).toEqual(vouched);
  });

  // A header field in raw 8-bit bytes that are not UTF-8 is read as Windows-1252, one that is UTF-8 as UTF-8
  // (lambda/mail/parse.ts). A HELO name in UTF-8 ("mé") beside a byte that is not UTF-8 elsewhere in SES's
  // Authentication-Results (a signer's i= the sender wrote) read the HELO as "mÃ©" there and as "mé" in Received-SPF:
  // the field no longer started with SES's Received-SPF value, and the HELO's results counted again.
  const mixed = (helo: string, signatures: string[] = []) =>
    Buffer.from(
      sesReceived(helo)
        .replace(' dkim=pass header.i=@evil.example;', ' dkim=pass header.i=@\xe9vil.example; dkim=fail header.i=@victim.example;')
        .replace('From: CEO', [...signatures, 'From: CEO'].join('\r\n')),
      'latin1',
    );

  it("vouches for nobody at victim.example from a HELO in UTF-8 beside a byte of another charset in SES's field", async () => {
    // Before: DKIM PASS (victim.example) from the HELO.
    const message = await parseMessage(mixed('m\xc3\xa9x; dkim=pass header.d=victim.example'));
    for (const receipt of [passingReceipt({ dmarc: 'GRAY' }), receiptFromHeaders(message)]) {
      expect(authenticatedDomains(message, receipt).filter((v) => v.domain === 'victim.example')).toEqual([]);
      expect(answerAddress(message, receipt)).toMatchObject({ rule: 'unauthenticated' });
    }
  });

  it('sends no answer to victim.example for it, a forged signature of theirs covering To beside it', async () => {
    // Before: answered, to ceo@victim.example; the failing signature made the HELO's pass look like a delivery of theirs to us.
    const forgedSignature = 'DKIM-Signature: v=1; a=rsa-sha256; d=victim.example; s=s1; h=from:to:subject:message-id; bh=x; b=y';
    const raw = mixed('m\xc3\xa9x; dkim=pass header.d=victim.example', [forgedSignature]);
    const responder = sampleResponder(testConfig());
    const outcome = await respond(responder, raw, passingReceipt({ dmarc: 'GRAY' }), noHistory);
    expect(outcome.decision).toMatchObject({ kind: 'escalate', rule: 'unauthenticated' });
    expect(outcome.mails.map((mail) => mail.to)).toEqual([['staff@example.com']]);
    expect(outcome.fromVouched).toBe(false);
  });

  it("reads SES's own results as before when its Received-SPF is there (two signatures, comments, spaced `=`)", () => {
    const spf =
      'pass (spfCheck: domain of b.example designates 1.2.3.4 as permitted sender) client-ip = 1.2.3.4; envelope-from=x@bounce.b.example; helo=mx.b.example;';
    const results = `amazonses.com; spf=${spf} dkim=fail (bad (nested) signature) header.i=@quaderno.example; dkim=pass header.d = "esp.example"; dmarc=pass header.from=quaderno.example;`;
    const message = inboundMessage({
      headers: new Map([
        ['received-spf', [spf]],
        ['authentication-results', [results]],
      ]),
    });
    expect(authenticatedDomains(message, passingReceipt())).toEqual([
      { method: 'dmarc', domain: 'quaderno.example' },
      { method: 'spf', domain: 'bounce.b.example' },
      { method: 'dkim', domain: 'esp.example' },
    ]);
  });
});

describe('answerAddress', () => {
  it('answers From when DMARC passes', () => {
    expect(answerAddress(inboundMessage(), passingReceipt({ spf: 'FAIL', dkim: 'FAIL' }))).toEqual({
      to: address('marco@quaderno.example', 'Marco Bellini'),
    });
  });

  it('answers From when SPF or DKIM passes for its organization without DMARC', () => {
    const spf = withResults('amazonses.com; spf=pass envelope-from=bounces@mail.quaderno.example; dkim=none; dmarc=none');
    expect(answerAddress(spf, passingReceipt({ dkim: 'GRAY', dmarc: 'GRAY' })).to?.address).toBe('marco@quaderno.example');
    const dkim = withResults('amazonses.com; spf=fail envelope-from=x@esp.example; dkim=pass header.i=@quaderno.example; dmarc=none');
    expect(answerAddress(dkim, passingReceipt({ spf: 'FAIL', dmarc: 'GRAY' })).to?.address).toBe('marco@quaderno.example');
  });

  it("answers nobody when only another domain passes (an ESP's signature, a list's envelope)", () => {
    const message = withResults('amazonses.com; spf=pass envelope-from=x@bounces.esp.example; dkim=pass header.d=esp.example; dmarc=none');
    const chosen = answerAddress(message, passingReceipt({ dmarc: 'GRAY' }));
    expect(chosen).toMatchObject({ rule: 'unauthenticated' });
    expect(chosen.to).toBeUndefined();
    expect(!chosen.to && chosen.reason).toMatch(/SPF PASS \(bounces\.esp\.example\), DKIM PASS \(esp\.example\), DMARC GRAY/);
  });

  it('answers From, never a Reply-To: at a mail provider, one organization is strangers', () => {
    // Before: a Reply-To of From's organization got the answer, so any Gmail user could have us mail any other.
    const provider = withResults(
      'amazonses.com; spf=pass smtp.mailfrom=mallory@gmail.com; dkim=pass header.i=@gmail.com; dmarc=pass header.from=gmail.com',
      {
        from: address('mallory@gmail.com', 'Mallory'),
        replyTo: [address('victim@gmail.com', 'Victim')],
      },
    );
    expect(answerAddress(provider, passingReceipt()).to).toEqual(address('mallory@gmail.com', 'Mallory'));
    const sameOrg = inboundMessage({ replyTo: [address('support@help.quaderno.example', 'Support')] });
    expect(answerAddress(sameOrg, passingReceipt()).to?.address).toBe('marco@quaderno.example');
    const elsewhere = inboundMessage({ replyTo: [address('victim@elsewhere.example'), address('marco@quaderno.example')] });
    expect(answerAddress(elsewhere, passingReceipt()).to?.address).toBe('marco@quaderno.example');
  });

  it('answers nobody without a usable From, whatever Reply-To says', () => {
    expect(answerAddress(inboundMessage({ from: undefined, replyTo: [address('a@quaderno.example')] }), passingReceipt())).toMatchObject({
      rule: 'no-reply-address',
    });
    expect(answerAddress(inboundMessage({ from: address('a@b.example\r\nbcc: x@y.example') }), passingReceipt())).toMatchObject({
      rule: 'no-reply-address',
    });
  });

  it('answers a Unicode domain as Punycode, and nobody at a local part Amazon SES cannot send to', () => {
    // SES takes no SMTPUTF8: it refused such a Destination, every attempt, until the last handed the mail over.
    const idn = withResults('amazonses.com; dkim=pass header.i=@xn--bcher-kva.example; dmarc=pass header.from=xn--bcher-kva.example', {
      from: address('ana@b\u00fccher.example', 'Ana'),
    });
    expect(answerAddress(idn, passingReceipt()).to).toEqual(address('ana@xn--bcher-kva.example', 'Ana'));
    const unicodeLocal = withResults('amazonses.com; dkim=pass header.i=@quaderno.example; dmarc=pass header.from=quaderno.example', {
      from: address('j\u00f6rg@quaderno.example'),
    });
    expect(answerAddress(unicodeLocal, passingReceipt())).toMatchObject({ rule: 'no-reply-address' });
  });

  it.each([
    ['two dots in a row before the @ (as some Japanese mobile carriers hand out)', 'taro..yamada@quaderno.example'],
    ['a dot that ends the local part', 'taro.@quaderno.example'],
    ['a dot that starts the local part', '.taro@quaderno.example'],
    ['two dots in a row in the domain', 'taro@quaderno..example'],
    ['a dot that ends the domain', 'taro@quaderno.example.'],
    ['an underscore in the domain', 'taro@mail_host.quaderno.example'],
  ])('answers nobody at an address with %s, which Amazon SES refuses', (_, from) => {
    // SES checks addresses as JavaMail's InternetAddress does ("Local address contains dot-dot", "Domain ends with dot"):
    // it refused the answer on every attempt, then the hand-over that named the address as Reply-To.
    expect(answerAddress(inboundMessage({ from: address(from, 'Taro') }), passingReceipt())).toMatchObject({ rule: 'no-reply-address' });
  });

  it('answers nobody at an address longer than SMTP carries (254 characters), whose line SES would refuse', () => {
    const at = (local: string) => inboundMessage({ from: address(`${local}@quaderno.example`, 'Marco') });
    expect(answerAddress(at('m'.repeat(254 - '@quaderno.example'.length)), passingReceipt()).to).toBeDefined();
    expect(answerAddress(at('m'.repeat(255 - '@quaderno.example'.length)), passingReceipt())).toMatchObject({ rule: 'no-reply-address' });
    expect(answerAddress(at('m'.repeat(1100)), passingReceipt())).toMatchObject({ rule: 'no-reply-address' });
  });

  it('vouches for a writer at a Unicode domain, which the parser gives in Unicode and SES names in Punycode', () => {
    // The answer went out (its address is in Punycode too), while the hand-over told staff that nothing vouched for the
    // writer, and the Message-ID was left unclaimed, so a second delivery of the message was answered again.
    const results = 'amazonses.com; spf=pass smtp.mailfrom=ana@xn--bcher-kva.example; dmarc=pass header.from=xn--bcher-kva.example';
    const idn = withResults(results, { from: address('ana@b\u00fccher.example', 'Ana'), returnPath: 'ana@b\u00fccher.example' });
    expect(vouchedSender(idn, passingReceipt())).toEqual({ method: 'dmarc', domain: 'xn--bcher-kva.example' });
    expect(vouchedSender(idn, passingReceipt({ dmarc: 'GRAY', dkim: 'GRAY' }))).toEqual({ method: 'spf', domain: 'xn--bcher-kva.example' });
    expect(vouchedSender(idn, passingReceipt(NONE))).toBeUndefined();
  });

  it('knows the sender is authenticated exactly when From is vouched for', () => {
    expect(vouchedSender(inboundMessage(), passingReceipt())).toEqual({ method: 'dmarc', domain: 'quaderno.example' });
    expect(vouchedSender(inboundMessage(), passingReceipt(NONE))).toBeUndefined();
  });
});

describe('answerAddress on stored mail', () => {
  const own = (name: string) => parseMessage(readFileSync(path.join(__dirname, 'fixtures/mail', name)));

  it('refuses the fixture whose only passing signature is the ESP\'s (sendgrid.net), below a forged "all pass"', async () => {
    const message = await own('ses-verdicts.eml');
    expect(answerAddress(message, receiptFromHeaders(message))).toMatchObject({ rule: 'unauthenticated' });
  });

  /** A stored message whose SES fields name `signer` (in UTF-8 bytes, as SMTPUTF8 mail would have them) for From `from`. */
  const signedBy = (signer: string, from: string) =>
    feeQuestion([
      `Received-SPF: pass (spfCheck: domain of ${signer} designates 192.0.2.1 as permitted sender) client-ip=192.0.2.1; envelope-from=x@${signer}; helo=mx.${signer};`,
      'Authentication-Results: amazonses.com;',
      ` spf=pass (spfCheck: domain of ${signer} designates 192.0.2.1 as permitted sender) client-ip=192.0.2.1; envelope-from=x@${signer}; helo=mx.${signer};`,
      ` dkim=pass header.i=@${signer};`,
      ` dmarc=pass header.from=${signer};`,
      `DKIM-Signature: v=1; a=rsa-sha256; d=${signer}; s=s1; h=From:To:Subject; bh=x; b=y`,
      `From: Ana <ana@${from}>`,
    ]);

  it('reads the domains SES names in UTF-8 as UTF-8, as the From address is read', async () => {
    // Read byte for byte, a pass for v\u00edctim.example ("v\u00c3\u00adctim") was the domain of v\u00e3ctim.example, whose
    // mailbox got the answer; and a pass for b\u00fccher.example vouched for nobody there.
    const other = await signedBy('v\u00edctim.example', 'v\u00e3ctim.example');
    expect(answerAddress(other, receiptFromHeaders(other))).toMatchObject({ rule: 'unauthenticated' });
    expect(answerAddress(other, { ...receiptFromHeaders(other), dmarc: 'GRAY' })).toMatchObject({ rule: 'unauthenticated' });
    // Looked up as written, this is one label under `example`, which evil.example's holder need not hold (IDNA reads a dot).
    const dotted = await signedBy('victim\u3002evil.example', 'evil.example');
    expect(answerAddress(dotted, { ...receiptFromHeaders(dotted), dmarc: 'GRAY' })).toMatchObject({ rule: 'unauthenticated' });
    for (const from of ['b\u00fccher.example', 'xn--bcher-kva.example']) {
      const own = await signedBy('b\u00fccher.example', from);
      expect(answerAddress(own, receiptFromHeaders(own)).to).toEqual(address('ana@xn--bcher-kva.example', 'Ana'));
      expect(vouchedSender(own, { ...receiptFromHeaders(own), dmarc: 'GRAY', spf: 'GRAY' })).toEqual({
        method: 'dkim',
        domain: 'xn--bcher-kva.example',
      });
      expect(
        unvouchedAddressing(own, { ...receiptFromHeaders(own), dmarc: 'GRAY', spf: 'GRAY' }, new Set(['developers@example.com'])),
      ).toBeUndefined();
    }
  });
});

describe('the Return-Path, when SES names no envelope sender', () => {
  // Before: parse.ts lowercased the Return-Path as mailparser's header lines hand it, a byte a character, so
  // `Bücher` read "bÃ¼cher" and then "bã¼cher", whose bytes are no UTF-8 any more: an SPF pass vouched for nobody.
  it('vouches, by an SPF pass, for a From at the Unicode domain it names', async () => {
    const message = await feeQuestion(['Return-Path: <Ana@B\u00fcCHER.example>', 'From: Ana <ana@b\u00fccher.example>']);
    expect(vouchedSender(message, { ...passingReceipt(), dkim: 'GRAY', dmarc: 'GRAY' })).toEqual({
      method: 'spf',
      domain: 'xn--bcher-kva.example',
    });
  });
});

describe('a message with several From fields', () => {
  // A newsletter DKIM-signed by bigcorp.example, with a From the attacker chose put above the signed one:
  // the signature (over the last From) still passes, and we read the first.
  const raw = [
    'Authentication-Results: amazonses.com; spf=pass envelope-from=mailer@bigcorp.example; dkim=pass header.i=@bigcorp.example; dmarc=pass header.from=bigcorp.example;',
    'Return-Path: <mailer@bigcorp.example>',
    'From: CEO <ceo@bigcorp.example>',
    'From: Big Corp News <news@bigcorp.example>',
    'To: attacker@evil.example',
    'Subject: Our newsletter',
    'Message-ID: <n1@bigcorp.example>',
    'DKIM-Signature: v=1; a=rsa-sha256; d=bigcorp.example; s=s1; h=from:to:subject:message-id; bh=x; b=y',
    '',
    'Is there a cost to list an app?',
    '',
  ].join('\r\n');

  it('gets no automatic answer, and From counts as unauthenticated (so no staff verdict either)', async () => {
    // Before: the answer went to ceo@bigcorp.example, who never wrote.
    const message = await parseMessage(Buffer.from(raw));
    expect(message.from?.address).toBe('ceo@bigcorp.example');
    expect(answerAddress(message, passingReceipt())).toMatchObject({
      rule: 'unauthenticated',
      reason: expect.stringMatching(/2 From fields/),
    });
    expect(vouchedSender(message, passingReceipt())).toBeUndefined();
    const single = await parseMessage(Buffer.from(raw.replace('From: CEO <ceo@bigcorp.example>\r\n', '')));
    expect(answerAddress(single, passingReceipt()).to?.address).toBe('news@bigcorp.example');
  });
});

describe('a From field naming several addresses', () => {
  const results =
    'Authentication-Results: amazonses.com; spf=pass envelope-from=mallory@gmail.com; dkim=pass header.i=@gmail.com; dmarc=pass header.from=gmail.com;';
  const fromField = async (from: string) =>
    parseMessage(
      Buffer.from(
        [
          results,
          'Return-Path: <mallory@gmail.com>',
          `From: ${from}`,
          'To: developers@example.com',
          'Subject: Cost?',
          '',
          'Is there a cost?',
          '',
        ].join('\r\n'),
      ),
    );

  it.each([
    'Jose <victim@gmail.com> <mallory@gmail.com>',
    '=?UTF-8?Q?Jos=C3=A9_<victim@gmail.com>?= <mallory@gmail.com>',
    '"Jose" <victim@gmail.com> mallory@gmail.com',
    'victim@gmail.com, mallory@gmail.com',
  ])('answers nobody for %s', async (from) => {
    // Before: mailparser read victim@gmail.com (the first), DMARC passed for gmail.com, and the victim got the answer;
    // Gmail, which lets mallory send only as herself, may read the last.
    const message = await fromField(from);
    expect(answerAddress(message, passingReceipt())).toMatchObject({
      rule: 'unauthenticated',
      reason: expect.stringMatching(/names 2 addresses/),
    });
    expect(vouchedSender(message, passingReceipt())).toBeUndefined();
  });

  it.each([
    '<=?UTF-8?Q?victim=40gmail.com?=> (mallory@gmail.com)',
    'Mallory <=?utf-8?q?victim=40gmail.com?=>',
    'Jose <victim=?UTF-8?Q?=40gmail.com?=>',
  ])('answers nobody for %s, whose only address is an encoded word (RFC 2047 §5 allows none there)', async (from) => {
    // Before: mailparser decodes an encoded word in the address and reads victim@gmail.com, an address the field
    // carries in no RFC 5322 reading; SPF passed for gmail.com (mallory's envelope) and the victim got the answer.
    const message = await fromField(from);
    expect(message.from?.address).toBe('victim@gmail.com');
    expect(answerAddress(message, passingReceipt({ dmarc: 'GRAY' }))).toMatchObject({
      rule: 'unauthenticated',
      reason: expect.stringMatching(/only encoded/),
    });
    expect(vouchedSender(message, passingReceipt({ dmarc: 'GRAY' }))).toBeUndefined();
  });

  it.each([
    ['"victim@gmail.com" <mallory@gmail.com>', 'mallory@gmail.com'],
    ['mallory@gmail.com (victim@gmail.com)', 'mallory@gmail.com'],
    ['Mallory@Gmail.com <mallory@gmail.com>', 'mallory@gmail.com'],
    ['=?UTF-8?Q?victim=40gmail.com?= <mallory@gmail.com>', 'mallory@gmail.com'],
  ])('answers the one address of %s', async (from, to) => {
    expect(answerAddress(await fromField(from), passingReceipt()).to?.address).toBe(to);
  });

  // Within angle brackets mailparser keeps a quoted local part's quotes (bare, it drops them): the same address.
  it.each(['Mallory <"mallory"@gmail.com>', '"mallory.b"@gmail.com', 'Mallory <"mallory.b"@gmail.com>'])(
    'vouches for %s, whose address is written plainly with a quoted local part',
    async (from) => {
      const message = await fromField(from);
      expect(vouchedSender(message, passingReceipt())).toBeDefined();
    },
  );
});

describe('answerAddress on the labelled sets', () => {
  // The four sets the answer model is fitted on, as the repository holds them (docs/security.md cites this test).
  const sets = ['inquiries', 'labelled/dev', 'labelled/train-a', 'labelled/train-b'].map((dir) => path.join(__dirname, 'fixtures', dir));

  it('vouches for every writer labelled for a reply, and for no spoofed one', async () => {
    let replied = 0;
    for (const dir of sets) {
      const labels = readFileSync(path.join(dir, 'labels.jsonl'), 'utf8')
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line) as { file: string; reply: boolean; kind: string });
      for (const label of labels.filter((l) => l.reply || l.kind === 'spoofed')) {
        const message = await parseMessage(readFileSync(path.join(dir, label.file)));
        const chosen = answerAddress(message, receiptFromHeaders(message));
        expect({ file: label.file, vouched: chosen.to !== undefined }).toEqual({ file: label.file, vouched: label.reply });
        if (label.reply) replied++;
      }
    }
    expect(replied).toBeGreaterThan(150);
  });
});

describe('unvouchedAddressing: a signed message delivered to us by someone other than its writer (DKIM replay)', () => {
  const ours = new Set(['developers@example.com']);
  // SES's field for mail a replayer sends from their own server: SPF fails for the writer's domain, the signature passes.
  const replayedResults = [
    'Authentication-Results: amazonses.com;',
    ' spf=fail (spfCheck: domain of attacker.example does not designate 192.0.2.7 as permitted sender) client-ip=192.0.2.7; envelope-from=mallory@attacker.example; helo=mx.attacker.example;',
    ' dkim=pass header.i=@writer.example;',
    ' dmarc=pass header.from=writer.example;',
  ];
  const replayed = passingReceipt({ spf: 'FAIL' });
  const signature = (signs: string, domain = 'writer.example') => [
    `DKIM-Signature: v=1; a=rsa-sha256; c=relaxed/relaxed; d=${domain}; s=s1;`,
    `\th=${signs}; bh=Qfe63doCgarLAu72DFgPFsmMpzp1GmM7JB9ComTRw8k=;`,
    '\tb=U6EpGWpdmbL6EKJD4iyAWwdqjM6PstFTkv9Ntv5ogE5R4m3N8QDLDur+ePJbZA0JzAS/uwcic31M2kKW',
  ];
  const message = (fields: string[]) =>
    parseMessage(
      Buffer.from(
        [
          ...fields,
          'From: Alice <alice@writer.example>',
          'Subject: OIN fees',
          'Message-ID: <a1@writer.example>',
          '',
          'Is there a fee?',
          '',
        ].join('\r\n'),
      ),
    );

  it('refuses a message whose signed To names someone else, though DMARC passes for its From', async () => {
    const m = await message([...replayedResults, ...signature('from:to:subject'), 'To: mallory@attacker.example']);
    expect(vouchedSender(m, replayed)).toBeDefined();
    expect(unvouchedAddressing(m, replayed, ours)).toMatch(/delivered to us again by that someone/);
  });

  it('accepts a message whose signed To or Cc names our address (a forwarder broke SPF, not the signature)', async () => {
    const to = await message([...replayedResults, ...signature('from:to:subject'), 'To: Developers <developers+oin@example.com>']);
    expect(unvouchedAddressing(to, replayed, ours)).toBeUndefined();
    const cc = await message([
      ...replayedResults,
      ...signature('from:to:cc:subject'),
      'To: bob@writer.example',
      'Cc: developers@example.com',
    ]);
    expect(unvouchedAddressing(cc, replayed, ours)).toBeUndefined();
  });

  it.each([
    // DKIM covers the last To; the one above it is the replayer's.
    ['a second To field', ['To: developers@example.com', ...signature('from:to:subject'), 'To: mallory@attacker.example']],
    [
      'a Cc field the signature does not list',
      ['Cc: developers@example.com', ...signature('from:to:subject'), 'To: mallory@attacker.example'],
    ],
    // A signature of their own making with the signer's d= fails, but would list the Cc they added.
    [
      "a failing signature of the signer's domain that lists it",
      ['Cc: developers@example.com', ...signature('from:to:cc:subject'), ...signature('from:to:subject'), 'To: mallory@attacker.example'],
    ],
    // Only a signature that vouches for From counts: anyone can sign their own domain's.
    [
      'a signature of another domain that lists it',
      [
        'Cc: developers@example.com',
        ...signature('from:cc', 'attacker.example'),
        ...signature('from:to:subject'),
        'To: m@attacker.example',
      ],
    ],
    // The writer's client copies a Cc the replayer wrote to them (Reply All): their server reads no address in an encoded
    // word and sends us nothing, mailparser decodes ours there.
    [
      'a Cc the writer signed (copied by Reply All), as an encoded word',
      [...signature('from:to:cc:subject'), 'To: mallory@attacker.example', 'Cc: Dev <=?utf-8?q?developers=40example.com?=>'],
    ],
  ])('refuses when the replayer adds %s naming our address', async (_what, fields) => {
    const results = fields.some((f) => f.includes('d=attacker.example'))
      ? [...replayedResults.slice(0, 2), ' dkim=pass header.i=@writer.example; dkim=pass header.i=@attacker.example;', replayedResults[3]]
      : replayedResults;
    const m = await message([...results, ...fields]);
    expect(unvouchedAddressing(m, replayed, ours)).toBeDefined();
  });

  // Shapes real signers and mail clients write; each names our address in a field the writer's signature covers.
  it.each([
    ['h= in capitals, spaced and folded', [...signature('From : To :\r\n\t Subject'), 'To: developers@example.com']],
    [
      'tags in another order, b= first and holding "h=" text, d= in capitals',
      [
        'DKIM-Signature: b=h=ab+cd/h=ef==; v=1; D=x; d=Writer.Example; s=s1; bh=Qfe63doCgarLAu72DFgPFsmMpzp1GmM7JB9ComTRw8k=;',
        ' a=rsa-sha256; h=from:subject:to',
        'To: developers@example.com',
      ],
    ],
    ['To oversigned (listed twice)', [...signature('from:to:to:subject:cc:cc'), 'To: developers@example.com']],
    [
      "an ESP's own signature beside the writer's, not listing To",
      [...signature('from:subject', 'esp.example'), ...signature('from:to:subject'), 'To: developers@example.com'],
    ],
    [
      'two signatures of the writer (two keys), both listing To',
      [...signature('from:to'), ...signature('from:to:subject'), 'To: developers@example.com'],
    ],
    [
      'our address in capitals under an encoded name',
      [...signature('from:to:subject'), 'To: =?utf-8?q?D=C3=A9velopers?= <DEVELOPERS@Example.COM>'],
    ],
    ['our address in a group', [...signature('from:to:subject'), 'To: team: bob@writer.example, developers@example.com;']],
  ])('accepts a signed To naming our address: %s', async (_what, fields) => {
    const results = fields.some((f) => f.includes('d=esp.example'))
      ? [...replayedResults.slice(0, 2), ' dkim=pass header.i=@esp.example; dkim=pass header.i=@writer.example;', replayedResults[3]]
      : replayedResults;
    const m = await message([...results, ...fields]);
    expect(unvouchedAddressing(m, replayed, ours)).toBeUndefined();
  });

  it('accepts a signature whose i= names a subdomain, as SES names it (header.i)', async () => {
    const m = await message([
      'Authentication-Results: amazonses.com;',
      ' spf=fail (spfCheck: domain of attacker.example does not designate 192.0.2.7 as permitted sender) client-ip=192.0.2.7; envelope-from=f@fwd.example; helo=mx.fwd.example;',
      ' dkim=pass header.i=@mail.writer.example;',
      ' dmarc=pass header.from=writer.example;',
      'DKIM-Signature: v=1; a=rsa-sha256; d=writer.example; i=@mail.writer.example; s=s1;',
      '	h=from:to:subject; bh=Qfe63doCgarLAu72DFgPFsmMpzp1GmM7JB9ComTRw8k=; b=U6EpGWpd',
      'To: developers@example.com',
    ]);
    expect(unvouchedAddressing(m, replayed, ours)).toBeUndefined();
  });

  it("accepts Bcc (no field names us) when SPF passes for the From organization: the writer's own server chose the envelope", async () => {
    const results = [
      'Authentication-Results: amazonses.com;',
      ' spf=pass (spfCheck: domain of writer.example designates 192.0.2.1 as permitted sender) client-ip=192.0.2.1; envelope-from=alice@writer.example; helo=mx.writer.example;',
      ' dkim=pass header.i=@writer.example;',
      ' dmarc=pass header.from=writer.example;',
    ];
    const m = await message([...results, ...signature('from:to:subject'), 'To: bob@writer.example']);
    expect(unvouchedAddressing(m, passingReceipt(), ours)).toBeUndefined();
  });

  it("refuses when DMARC passes but SES's field names no aligned pass to say how", async () => {
    const results = [
      'Authentication-Results: amazonses.com;',
      ' spf=pass smtp.mailfrom=b@esp.example;',
      ' dkim=pass header.i=@esp.example;',
      ' dmarc=pass header.from=writer.example;',
    ];
    const m = await message([...results, 'To: developers@example.com']);
    expect(unvouchedAddressing(m, passingReceipt(), ours)).toBeDefined();
  });

  it('takes the verdicts of a file with no Authentication-Results of SES as they are (the CLI reads it so)', async () => {
    const m = await message(['To: bob@writer.example']);
    expect(unvouchedAddressing(m, passingReceipt(), ours)).toBeUndefined();
  });
});
