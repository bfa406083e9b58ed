import { ConfigError, configToEnv, loadConfig, SETTINGS, startupFailure } from '../lambda/config';
import { checkLocalNames } from '../local/cloud-access';

describe('loadConfig', () => {
  it('has defaults that match the eval sets', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      inboxAddress: 'developers@example.com',
      staffAddresses: ['staff@example.com'],
      recipientAddresses: ['developers@example.com'],
      senderDailyLimit: 3,
    });
    expect(config.siteBaseUrl).toBeUndefined();
  });

  it('reads environment variables and CDK context keys for the same settings', () => {
    const fromEnv = loadConfig({
      FAQMAIL_INBOX_ADDRESS: 'Help@Corp.Example',
      FAQMAIL_STAFF_ADDRESSES: 'a@corp.example, b@corp.example',
      FAQMAIL_ANSWER_THRESHOLD: '0.7',
    });
    const fromContext = loadConfig(
      { inboxAddress: 'help@corp.example', staffAddresses: 'a@corp.example,b@corp.example', answerThreshold: '0.7' },
      'context',
    );
    expect(fromEnv).toEqual(fromContext);
    expect(fromEnv.inboxAddress).toBe('help@corp.example');
    expect(fromEnv.staffAddresses).toEqual(['a@corp.example', 'b@corp.example']);
  });

  it('takes an empty value (FAQMAIL_MAX_ANSWERS= in a shell or .env file, -c maxAnswers=) for the default, never for no value', () => {
    const blank = (naming: 'env' | 'context') => Object.fromEntries(SETTINGS.map((s) => [s[naming], s.key === 'mode' ? ' ' : '']));
    expect(loadConfig(blank('env'))).toEqual(loadConfig({}));
    expect(loadConfig(blank('context'), 'context')).toEqual(loadConfig({}));
  });

  it('caps hand-overs to staff per clock hour, all senders together, at 100 unless set (0 holds all after one notice)', () => {
    expect(loadConfig({}).hourlyEscalationLimit).toBe(100);
    expect(loadConfig({ FAQMAIL_HOURLY_ESCALATION_LIMIT: '0' }).hourlyEscalationLimit).toBe(0);
    expect(loadConfig({ hourlyEscalationLimit: '1000' }, 'context').hourlyEscalationLimit).toBe(1000);
  });

  it('always counts the inbox among the recipient addresses', () => {
    expect(loadConfig({ FAQMAIL_RECIPIENT_ADDRESSES: 'partners@example.com' }).recipientAddresses).toEqual([
      'developers@example.com',
      'partners@example.com',
    ]);
  });

  it.each([
    ['FAQMAIL_INBOX_ADDRESS', 'not-an-address', /is not an email address/],
    ['FAQMAIL_STAFF_ADDRESSES', ' , ', /at least one email address/],
    ['FAQMAIL_ANSWER_THRESHOLD', '1.5', /number greater than 0 and less than 1$/],
    // 0 sent any mail the entries that fit it best, however poorly; 1 sent only what a probability rounded up to 1 let through.
    [
      'FAQMAIL_ANSWER_THRESHOLD',
      '0',
      /"0" must be a number greater than 0 and less than 1: at 0 any mail is sent the entries that fit it best/,
    ],
    ['FAQMAIL_ANSWER_THRESHOLD', '1', /"1" must be a number greater than 0 and less than 1: .*use shadow mode/],
    ['FAQMAIL_AUTO_PRECISION_BAR', '1.5', /number from 0 to 1$/],
    ['FAQMAIL_MAX_ANSWERS', 'three', /whole number from 1 to 10/],
    ['FAQMAIL_SENDER_DAILY_LIMIT', '-1', /whole number/],
    ['FAQMAIL_HOURLY_ESCALATION_LIMIT', '1001', /whole number from 0 to 1000/],
    ['FAQMAIL_HOURLY_ESCALATION_LIMIT', '-1', /whole number/],
    ['FAQMAIL_SITE_BASE_URL', 'ftp://x.example', /http\(s\) URL/],
    ['FAQMAIL_INBOX_NAME', 'Dev\r\nBcc: x@evil.example', /single line/],
    // A file saved with Windows line endings, sourced: "must be a single line" named nothing anyone could see.
    ['FAQMAIL_INBOX_NAME', 'Developer Relations\r', /carriage return \(\\r\): saved with Windows line endings/],
    ['FAQMAIL_STAFF_ADDRESSES', 'staff@example.com\r', /carriage return/],
  ])('rejects a bad %s with an error naming it', (name, value, message) => {
    let thrown: unknown;
    try {
      loadConfig({ [name]: value });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ConfigError);
    expect((thrown as ConfigError).settings).toEqual([name]);
    expect((thrown as Error).message).toMatch(new RegExp(`Invalid setting ${name}: `));
    expect((thrown as Error).message).toMatch(message);
  });

  it.each([
    [{ FAQMAIL_STAFF_ADDRESSES: 'developers@example.com' }, 'FAQMAIL_STAFF_ADDRESSES', 'developers@example.com'],
    [
      { FAQMAIL_STAFF_ADDRESSES: 'lead@example.com, Developers+staff@example.com' },
      'FAQMAIL_STAFF_ADDRESSES',
      'developers+staff@example.com',
    ],
    [
      { FAQMAIL_RECIPIENT_ADDRESSES: 'team@example.com', FAQMAIL_DIGEST_RECIPIENTS: 'team@example.com' },
      'FAQMAIL_DIGEST_RECIPIENTS',
      'team@example.com',
    ],
  ])(
    'refuses staff mail sent to an address faqmail itself receives at (%j), where it would be dropped as its own',
    (env, name, address) => {
      expect(() => loadConfig(env)).toThrow(
        `Invalid setting ${name}: ${address} is an address faqmail receives at: mail to it comes back as faqmail's own and is dropped unread; give the staff's own addresses`,
      );
    },
  );

  // The digest alone shows the mail screening ignored on a guess, read from the decision records of its period. Before,
  // records kept 3 days under a 7-day period passed: what came in a period's first four days expired before any digest
  // showed it to a person.
  it.each([
    [{ FAQMAIL_DECISION_RETENTION_DAYS: '3' }, 3, 7],
    [{ FAQMAIL_DECISION_RETENTION_DAYS: '7' }, 7, 7],
    [{ FAQMAIL_DIGEST_PERIOD_DAYS: '90' }, 90, 90],
    [{ FAQMAIL_DECISION_RETENTION_DAYS: '1', FAQMAIL_DIGEST_PERIOD_DAYS: '1' }, 1, 1],
  ])('refuses decision records kept no longer than a digest period (%j)', (env, kept, period) => {
    expect(() => loadConfig(env)).toThrow(
      `Invalid setting FAQMAIL_DECISION_RETENTION_DAYS: ${kept} days, but a digest covers the last ${period} ` +
        '(FAQMAIL_DIGEST_PERIOD_DAYS) and shows the mail ignored on a guess from these records: ' +
        `what came early in a period would expire before a digest showed it to a person; keep them at least ${period + 1} days`,
    );
  });

  it('takes decision records kept a day longer than a digest period, and names the context keys from cdk.json', () => {
    expect(loadConfig({ FAQMAIL_DECISION_RETENTION_DAYS: '8' }).decisionRetentionDays).toBe(8);
    expect(loadConfig({ FAQMAIL_DECISION_RETENTION_DAYS: '2', FAQMAIL_DIGEST_PERIOD_DAYS: '1' }).digestPeriodDays).toBe(1);
    expect(() => loadConfig({ decisionRetentionDays: '5' }, 'context')).toThrow(
      /^Invalid setting decisionRetentionDays: 5 days, but a digest covers the last 7 \(digestPeriodDays\)/,
    );
  });

  // SES refuses a message with more than 50 recipients (To, Cc and Bcc together; not adjustable), and every hand-over,
  // notice and digest goes to all of its list in one mail: with 51, each was refused and every escalation dead-lettered.
  it.each(['FAQMAIL_STAFF_ADDRESSES', 'FAQMAIL_DIGEST_RECIPIENTS'])(
    'takes at most 50 addresses in %s, what SES sends one mail to',
    (name) => {
      const addresses = (n: number) => Array.from({ length: n }, (_, i) => `person${i + 1}@corp.example`).join(', ');
      expect(() => loadConfig({ [name]: addresses(50) })).not.toThrow();
      expect(() => loadConfig({ [name]: addresses(51) })).toThrow(
        `Invalid setting ${name}: 51 addresses, but SES refuses a mail to more than 50 (To, Cc and Bcc together), ` +
          'and each mail goes to all of them: give at most 50 (a mailing list counts as one)',
      );
    },
  );

  // All but the first passed (it was refused, saying only that it was no address). SES takes addresses in 7-bit ASCII only
  // (it has no SMTPUTF8), so every mail from or to the next three was refused; the rest are no RFC 5322 dot-atom, or longer
  // than RFC 5321 allows (a DNS label has at most 63 characters).
  it.each([
    [
      'FAQMAIL_INBOX_ADDRESS',
      'entwickler@exämple.de',
      /"entwickler@exämple.de" is not an email address SES can send with: write the domain in Punycode \(xn--\.\.\.\)/,
    ],
    [
      'FAQMAIL_INBOX_ADDRESS',
      'développeurs@example.com',
      /"développeurs@example.com" is not an email address SES can send with: .*before the @ .* ASCII/,
    ],
    [
      'FAQMAIL_STAFF_ADDRESSES',
      'lead@corp.example, jürgen@corp.example',
      /"jürgen@corp.example" is not an email address SES can send with/,
    ],
    [
      'FAQMAIL_DIGEST_RECIPIENTS',
      'team\u0001@corp.example',
      /"team.@corp\.example" is not an email address SES can send with: every character before the @ must be printable ASCII/,
    ],
    [
      'FAQMAIL_RECIPIENT_ADDRESSES',
      'partners..oin@example.com',
      /"partners\.\.oin@example\.com" is not an email address \(expected e\.g\. developers@example\.com\)/,
    ],
    ['FAQMAIL_STAFF_ADDRESSES', '.lead@corp.example', /"\.lead@corp\.example" is not an email address \(expected/],
    [
      'FAQMAIL_STAFF_ADDRESSES',
      `${'a'.repeat(65)}@corp.example`,
      /"a+@corp\.example" is 78 characters with 65 before the @: RFC 5321 allows 254, 64 before the @/,
    ],
    [
      'FAQMAIL_STAFF_ADDRESSES',
      `lead@${'d'.repeat(60)}.${'e'.repeat(60)}.${'f'.repeat(60)}.${'g'.repeat(60)}.example`,
      /"lead@[defg.]+example" is 256 characters with 4 before the @: RFC 5321 allows 254/,
    ],
    ['FAQMAIL_STAFF_ADDRESSES', `lead@${'d'.repeat(64)}.example`, /"lead@d+\.example" is not an email address \(expected/],
  ])('refuses %s=%j, an address SES or RFC 5321 does not take', (name, value, message) => {
    expect(() => loadConfig({ [name]: value })).toThrow(new RegExp(`^Invalid setting ${name}: ${message.source}`));
  });

  // Both read "is not an email address (expected e.g. developers@example.com)", which did not say what was wrong with them.
  it.each([
    [
      'FAQMAIL_INBOX_ADDRESS',
      'Developer Relations <developers@corp.example>',
      /".*" has a display name: write the address alone, developers@corp\.example/,
    ],
    [
      'FAQMAIL_STAFF_ADDRESSES',
      'Lead <lead@corp.example>, ops@corp.example',
      /"Lead <lead@corp\.example>" has a display name: write the address alone, lead@corp\.example/,
    ],
    [
      'FAQMAIL_STAFF_ADDRESSES',
      'lead@corp.example ops@corp.example',
      /"lead@corp\.example ops@corp\.example" is more than one address: separate them with commas/,
    ],
    ['FAQMAIL_DIGEST_RECIPIENTS', 'lead@corp.example; ops@corp.example', /".*" is more than one address: separate them with commas/],
    ['FAQMAIL_INBOX_ADDRESS', 'developers@corp.example help@corp.example', /".*" is more than one address: give one/],
  ])('says what to write for %s=%j', (name, value, message) => {
    expect(() => loadConfig({ [name]: value })).toThrow(new RegExp(`^Invalid setting ${name}: ${message.source}`));
  });

  it('takes the addresses RFC 5321 allows at their longest, and every character of an unquoted local part', () => {
    const longest = `${'a'.repeat(64)}@${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(53)}.example`;
    expect(longest).toHaveLength(254);
    const config = loadConfig({ FAQMAIL_STAFF_ADDRESSES: `${longest}, o'brien+faq/x=y!#$%&*?^_\`{|}~-z.q@corp.example` });
    expect(config.staffAddresses).toEqual([longest, "o'brien+faq/x=y!#$%&*?^_`{|}~-z.q@corp.example"]);
  });

  it('reports every bad setting at once', () => {
    expect(() => loadConfig({ inboxAddress: 'x', maxAnswers: '0' }, 'context')).toThrow(/inboxAddress[\s\S]*maxAnswers/);
  });

  it('round-trips through the environment the stack gives the function', () => {
    const config = loadConfig({ FAQMAIL_STAFF_ADDRESSES: 'a@x.example,b@x.example', FAQMAIL_SITE_BASE_URL: 'https://docs.x.example/' });
    expect(loadConfig(configToEnv(config))).toEqual(config);
  });

  it('names every setting in both places, uniquely', () => {
    expect(new Set(SETTINGS.map((s) => s.env)).size).toBe(SETTINGS.length);
    expect(new Set(SETTINGS.map((s) => s.context)).size).toBe(SETTINGS.length);
  });
});

describe('unknown settings', () => {
  it('reports a misspelt FAQMAIL_* variable with the nearest known name, beside bad values', () => {
    expect(() => loadConfig({ FAQMAIL_ANSWER_TRESHOLD: '0.3', FAQMAIL_MAX_ANSWERS: 'x' })).toThrow(
      'Unknown setting FAQMAIL_ANSWER_TRESHOLD: did you mean FAQMAIL_ANSWER_THRESHOLD?\nInvalid setting FAQMAIL_MAX_ANSWERS: "x" must be a whole number from 1 to 10',
    );
    expect(() => loadConfig({ FAQMAIL_WALLPAPER_COLOUR: 'blue' })).toThrow('Unknown setting FAQMAIL_WALLPAPER_COLOUR: no such setting');
  });

  // Before, faqmail_mode=shadow (a name as a .env file or a shell alias may write it) left auto mode on without a word:
  // only FAQMAIL_* was checked, and the environment is read case-sensitively.
  it('reports a faqmail setting written in lower case, which is never read, with the name to write', () => {
    expect(() => loadConfig({ faqmail_mode: 'shadow' })).toThrow('Unknown setting faqmail_mode: did you mean FAQMAIL_MODE?');
    expect(() => checkLocalNames({ Faqmail_Local_Smtp_Port: '2600' })).toThrow(
      'Unknown setting Faqmail_Local_Smtp_Port: did you mean FAQMAIL_LOCAL_SMTP_PORT?',
    );
    // Where names ignore case (Windows), the setting's own name reads the same value: it is read, not unknown.
    expect(loadConfig({ faqmail_mode: 'shadow', FAQMAIL_MODE: 'shadow' }).mode).toBe('shadow');
  });

  it('knows the content folder and what the stack and the local cloud set, and leaves other variables alone', () => {
    expect(() =>
      loadConfig({ FAQMAIL_CONTENT_DIR: 'content', FAQMAIL_MAIL_BUCKET: 'b', FAQMAIL_LOCAL_SMTP_PORT: '0', PATH: '/bin' }),
    ).not.toThrow();
  });

  it('rejects a content folder that does not exist', () => {
    expect(() => loadConfig({ FAQMAIL_CONTENT_DIR: 'no/such/folder' })).toThrow(
      'Invalid setting FAQMAIL_CONTENT_DIR: "no/such/folder" is not a folder',
    );
  });

  it('prints one line per problem, the same from npm start, cdk synth, the CLI and the Lambda', () => {
    let error: unknown;
    try {
      loadConfig({ FAQMAIL_ANSWER_THRESHOLD: 'abc' });
    } catch (thrown) {
      error = thrown;
    }
    expect(startupFailure(error as ConfigError)).toBe(
      'faqmail: Invalid setting FAQMAIL_ANSWER_THRESHOLD: "abc" must be a number greater than 0 and less than 1 (docs/settings.md lists every setting)',
    );
  });
});
