/** The handler's pure adapter pieces: the SES event both ways, SES's Message-IDs, masking, settings, AWS not set up. */
import { AwsSetupError, awsCall } from '../lambda/adapters/aws-call';
import { readHandlerEnvironment } from '../lambda/adapters/environment';
import { MailSender, sesMessageIdHeader } from '../lambda/adapters/mail-sender';
import { countDecision, createMetrics } from '../lambda/adapters/observability';
import type { OutboundMail } from '../lambda/domain';
import { SendFailedError } from '../lambda/failures';
import { maskAddress } from '../lambda/mask-address';
import { receiptFromEvent, sesRecord } from '../lambda/adapters/ses-event';
import { sesEvent } from '../local/ses-event';

describe('the SES event', () => {
  const raw = Buffer.from(
    'Return-Path: <jane@writer.example>\r\nFrom: Jane <jane@writer.example>\r\nTo: developers@example.com\r\nSubject: A long\r\n subject\r\nMessage-ID: <q1@writer.example>\r\n\r\nBody: not a header\r\n',
  );

  it('reads the receipt back as built: recipients lowercased, verdicts PASS unless given', () => {
    const receivedAt = new Date('2026-03-02T09:00:00Z');
    const event = sesEvent({
      messageId: 'abc',
      recipients: ['Developers@Example.com'],
      verdicts: { spam: 'FAIL', dmarc: 'GRAY' },
      receivedAt,
    });
    expect(receiptFromEvent(sesRecord(event))).toEqual({
      receivedAt,
      recipients: ['developers@example.com'],
      spam: 'FAIL',
      virus: 'PASS',
      spf: 'PASS',
      dkim: 'PASS',
      dmarc: 'GRAY',
    });
  });

  it("gives the From domain's DMARC policy SES gives beside a failure, and says it came from SES's receipt", () => {
    const event = sesEvent({ messageId: 'abc', recipients: [], verdicts: { dmarc: 'FAIL' }, dmarcPolicy: 'none' });
    expect(receiptFromEvent(sesRecord(event))).toMatchObject({ dmarc: 'FAIL', dmarcPolicy: 'none', dmarcPolicySource: 'ses-receipt' });
  });

  it('writes UNKNOWN as PROCESSING_FAILED (SES has no UNKNOWN) and reads a status it does not know as UNKNOWN', () => {
    const event = sesEvent({ messageId: 'abc', recipients: [], verdicts: { virus: 'UNKNOWN' } });
    expect(event.Records[0].ses.receipt.virusVerdict.status).toBe('PROCESSING_FAILED');
    (event.Records[0].ses.receipt.spfVerdict as { status: string }).status = 'SOMETHING_NEW';
    expect(receiptFromEvent(sesRecord(event))).toMatchObject({ virus: 'PROCESSING_FAILED', spf: 'UNKNOWN' });
  });

  it('copies the header fields of the raw message, unfolded, as SES does', () => {
    const { mail } = sesEvent({ messageId: 'abc', recipients: ['developers@example.com'], source: 'jane@writer.example', raw }).Records[0]
      .ses;
    expect(mail.headers.map((h) => h.name)).toEqual(['Return-Path', 'From', 'To', 'Subject', 'Message-ID']);
    expect(mail.commonHeaders).toMatchObject({
      returnPath: 'jane@writer.example',
      subject: 'A long subject',
      messageId: '<q1@writer.example>',
      from: ['Jane <jane@writer.example>'],
    });
    expect(mail.headersTruncated).toBe(false);
    expect(mail.destination).toEqual(['developers@example.com']);
  });

  it('marks the header list truncated past 10 KB', () => {
    const long = Buffer.from(`${Array.from({ length: 200 }, (_, i) => `X-Filler-${i}: ${'x'.repeat(80)}`).join('\r\n')}\r\n\r\nbody`);
    const { mail } = sesEvent({ messageId: 'abc', recipients: [], raw: long }).Records[0].ses;
    expect(mail.headersTruncated).toBe(true);
    expect(mail.headers.length).toBeLessThan(200);
  });

  it('refuses an event that does not hold exactly one SES record', () => {
    expect(() => sesRecord({ Records: [] })).toThrow(/one record/);
    const event = sesEvent({ messageId: 'abc', recipients: [] });
    expect(() => sesRecord({ Records: [...event.Records, ...event.Records] })).toThrow(/got 2 record/);
  });
});

describe("SES's Message-ID for what it sends", () => {
  it('is <id@email.amazonses.com> in us-east-1 and <id@REGION.amazonses.com> elsewhere', () => {
    expect(sesMessageIdHeader('0100018f-1', 'us-east-1')).toBe('<0100018f-1@email.amazonses.com>');
    expect(sesMessageIdHeader('0102018f-2', 'eu-west-1')).toBe('<0102018f-2@eu-west-1.amazonses.com>');
  });
});

describe('masking addresses for logs', () => {
  it('keeps the first letter and the domain', () => {
    expect(maskAddress('jane.doe@example.com')).toBe('j***@example.com');
    expect(maskAddress('@example.com')).toBe('***@example.com');
    expect(maskAddress('not an address')).toBe('***');
  });
});

describe("the handler's environment", () => {
  it('names every missing variable at once', () => {
    expect(() => readHandlerEnvironment({})).toThrow('AWS_REGION, FAQMAIL_MAIL_BUCKET, FAQMAIL_STATE_TABLE');
  });

  it('defaults the mail prefix to inbound/ and reads the endpoint overrides', () => {
    const settings = readHandlerEnvironment({
      AWS_REGION: 'eu-west-1',
      FAQMAIL_MAIL_BUCKET: 'b',
      FAQMAIL_STATE_TABLE: 't',
      FAQMAIL_SES_ENDPOINT: 'http://127.0.0.1:1',
    });
    expect(settings).toMatchObject({ mailPrefix: 'inbound/', endpoints: { ses: 'http://127.0.0.1:1', s3: undefined } });
  });
});

describe('metrics', () => {
  const dimensionsOf = (env: Record<string, string | undefined>) => {
    const metrics = createMetrics(env);
    countDecision(metrics, { kind: 'answer', rule: 'matched' }, new Date());
    const emf = metrics.serializeMetrics() as unknown as Record<string, unknown>;
    return {
      service: emf.service,
      dimensions: (emf._aws as { CloudWatchMetrics: Array<{ Dimensions: string[][] }> }).CloudWatchMetrics[0].Dimensions,
    };
  };

  // Two stacks in one account and region write to the same namespace: the service dimension tells their mail apart.
  it("carry the service the stack names (its dashboard's dimension), and faqmail's own name where none is set", () => {
    expect(dimensionsOf({ POWERTOOLS_SERVICE_NAME: 'faqmailstaging' })).toEqual({ service: 'faqmailstaging', dimensions: [['service']] });
    expect(dimensionsOf({}).service).toBe('faqmail');
    expect(dimensionsOf({ POWERTOOLS_SERVICE_NAME: ' ' }).service).toBe('faqmail');
  });
});

describe('AWS not set up', () => {
  // aws-lite checks the region and looks for credentials as it makes its client, before any request goes out.
  it('fails a call whose client cannot be made with an AwsSetupError that says why', async () => {
    const call = awsCall({ region: 'us-est-1', accessKeyId: 'AKIAEXAMPLE', secretAccessKey: 'example' }, 1_000);
    const failure = call({ service: 'dynamodb', path: '/' });
    await expect(failure).rejects.toBeInstanceOf(AwsSetupError);
    await expect(failure).rejects.toThrow('Invalid region specified: us-est-1');
  });

  // Nothing was sent, so the send is released for a retry and staff are told nothing of a mail that may have gone.
  it('counts a send whose client cannot be made as certainly not sent, and not as refused (a fixed setup sends it)', async () => {
    const ses = awsCall({ region: 'us-est-1', accessKeyId: 'AKIAEXAMPLE', secretAccessKey: 'example' }, 1_000);
    const mail: OutboundMail = { kind: 'reply', from: 'developers@example.com', to: ['jane@writer.example'], raw: Buffer.from('x') };
    const failure = new MailSender(ses, 'us-est-1').send(mail);
    await expect(failure).rejects.toBeInstanceOf(SendFailedError);
    await expect(failure).rejects.toMatchObject({ certainlyNotSent: true, refused: false });
    await expect(failure).rejects.toThrow('AwsSetupError: Invalid region specified: us-est-1');
  });

  // What aws-lite throws when a metadata service refuses (a proxy answering 169.254.169.254): no Error, no message.
  it('says which service refused when aws-lite throws its response rather than an Error', () => {
    const refused = { statusCode: 403, headers: {}, error: Buffer.from('denied'), metadata: { service: 'IMDSv2 token API' } };
    expect(new AwsSetupError(refused).message).toBe('IMDSv2 token API answered HTTP 403');
  });
});
