import { ConfigError, configToEnv, loadConfig, SETTINGS, startupFailure } from '../lambda/config';

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
