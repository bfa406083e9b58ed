import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { App } from 'aws-cdk-lib';
import { ConfigError, SETTINGS, startupFailure } from '../lambda/config';
import { ContentError } from '../lambda/content/content-error';
import { loadDeploySettings, STACK_SETTINGS, unknownContextKeys } from '../lib/deploy-settings';
import { FaqmailStack } from '../lib/faqmail-stack';
import { bundledCommands } from './support/bundled-commands';
import { CDK_JSON_CONTEXT, FIXTURE_ENTRY, PROJECT_ROOT } from './support/synth-stack';

const run = promisify(execFile);

let outdir: string;
beforeAll(() => {
  outdir = mkdtempSync(path.join(os.tmpdir(), 'faqmail-app-'));
});
afterAll(() => rmSync(outdir, { recursive: true, force: true }));

function load(overrides: Record<string, unknown> = {}) {
  const context: Record<string, unknown> = { ...CDK_JSON_CONTEXT, ...overrides };
  return loadDeploySettings((key) => context[key]);
}

function settingsAtFault(overrides: Record<string, unknown>): string[] {
  try {
    load(overrides);
  } catch (error) {
    if (error instanceof ConfigError) return error.settings;
    throw error;
  }
  throw new Error(`no ConfigError for ${JSON.stringify(overrides)}`);
}

describe('deployment settings from CDK context', () => {
  it('reads cdk.json as it stands: the inbox receives, a new rule set stays inactive, mail kept 90 days', () => {
    const { config, stack } = load();
    expect(config.inboxAddress).toBe('developers@example.com');
    expect(config.recipientAddresses).toEqual(['developers@example.com']);
    expect(config.mode).toBe('auto');
    expect(stack).toEqual({
      stackName: 'Faqmail',
      domain: 'example.com',
      receiptRuleSetName: 'faqmail',
      useExistingRuleSet: false,
      activateRuleSet: false,
      mailExpiryDays: 90,
      logRetention: 90,
      alarmEmail: undefined,
      reservedConcurrency: undefined,
      digestSchedule: 'cron(0 8 ? * MON *)',
      sendingQuota: undefined,
      addedReceivingRegions: [],
    });
  });

  it.each(['eu_south_1', 'Europe (Milan)', 'eu-south'])('refuses %s among addedReceivingRegions, naming the setting', (region) => {
    expect(() => load({ addedReceivingRegions: `ap-south-1,${region}` })).toThrow(
      /Invalid setting addedReceivingRegions: .* is not an AWS region name \(e\.g\. eu-south-1\)/,
    );
  });

  it.each(['weekly', 'cron(0 8 * *)', 'rate(1 week)'])('rejects the digest schedule %s, naming the setting', (digestSchedule) => {
    expect(() => load({ digestSchedule })).toThrow(/Invalid setting digestSchedule: .* is not a schedule expression/);
  });

  // EventBridge Scheduler refuses these when the stack is deployed, after CloudFormation has begun creating it.
  it.each([
    [
      'cron(0 8 * * MON *)',
      /gives both a day of the month \(\*\) and a day of the week \(MON\).*: write \? in one of them, e.g\. cron\(0 8 \? \* MON \*\)/,
    ],
    ['cron(0 8 1 * MON *)', /gives both a day of the month \(1\) and a day of the week \(MON\)/],
    ['cron(0 8 ? * ? *)', /gives neither a day of the month nor a day of the week.*e\.g\. cron\(0 8 \* \* \? \*\)/],
    ['rate(0 days)', /repeats every 0 days: give a rate of at least 1/],
  ])('refuses the digest schedule %s, which EventBridge Scheduler would refuse only at deploy time', (digestSchedule, message) => {
    expect(() => load({ digestSchedule })).toThrow(
      new RegExp(`Invalid setting digestSchedule: "${digestSchedule.replace(/[()*?]/g, '\\$&')}" ${message.source}`),
    );
  });

  // A digest covers the whole days before the day it runs, so each further run that day sent staff the same digest again.
  it.each([
    ['cron(0/30 * * * ? *)', 48],
    ['rate(12 hours)', 2],
    ['rate(5 minutes)', 288],
    ['cron(* 8 ? * MON *)', 60],
    ['cron(0 8,20 ? * MON *)', 2],
  ])('refuses the digest schedule %s, which sends the same digest %i times a day', (digestSchedule, runs) => {
    expect(() => load({ digestPeriodDays: 1, digestSchedule })).toThrow(
      new RegExp(
        `Invalid setting digestSchedule: .* runs the digest up to ${runs} times a day, each covering the same whole days before it: staff would get the same digest ${runs} times; run it at one time of day`,
      ),
    );
  });

  // Each digest covers the last digestPeriodDays whole days: run less often, it leaves days that no digest lists.
  it.each([
    [{ digestPeriodDays: 1 }, 'cron(0 8 ? * MON *)', 7],
    [{}, 'rate(14 days)', 14],
    [{ digestPeriodDays: 3 }, 'cron(0 8 ? * MON,THU *)', 4],
    [{ digestPeriodDays: 2 }, 'cron(0 8 ? * MON-FRI *)', 3],
    [{}, 'cron(0 8 1 * ? *)', 31],
    [{ digestPeriodDays: 14 }, 'cron(0 8 1,15 * ? *)', 17],
    [{ digestPeriodDays: 1 }, 'rate(36 hours)', 2],
    // February has no 30th: its 15th to March's 15th, 29 days in a leap year.
    [{ digestPeriodDays: 16 }, 'cron(0 8 15,30 * ? *)', 29],
    [{ digestPeriodDays: 31 }, 'cron(0 8 31 * ? *)', 61],
  ])('refuses a digest period (%j) shorter than the days between digests (%s)', (settings, digestSchedule, gap) => {
    expect(() => load({ ...settings, digestSchedule })).toThrow(
      new RegExp(`Invalid setting digestSchedule: .*runs the digest up to ${gap} days apart, but each digest covers the last \\d+`),
    );
  });

  it('asks for a schedule no further apart than the longest period a digest can cover, not for a period it would refuse', () => {
    expect(() => load({ digestPeriodDays: 90, decisionRetentionDays: 91, digestSchedule: 'rate(100 days)' })).toThrow(
      /runs the digest up to 100 days apart, but each digest covers the last 90 \(digestPeriodDays\).*; run the digest at least every 90 days, the longest period a digest covers/,
    );
    expect(() => load({ digestPeriodDays: 1, digestSchedule: 'rate(14 days)' })).toThrow(/; set digestPeriodDays to 14 or more, or run/);
  });

  it.each([
    [{}, 'cron(0 8 ? * MON *)'],
    [{ digestPeriodDays: 1 }, 'cron(0 8 * * ? *)'],
    [{ digestPeriodDays: 1 }, 'rate(24 hours)'],
    [{ digestPeriodDays: 4 }, 'cron(0 8 ? * MON,THU *)'],
    [{ digestPeriodDays: 31 }, 'cron(0 8 1 * ? *)'],
    [{ digestPeriodDays: 3 }, 'cron(0 8 ? * MON-FRI *)'],
    [{ digestPeriodDays: 1 }, 'rate(1 day)'],
    [{ digestPeriodDays: 1 }, 'rate(1440 minutes)'],
    [{ digestPeriodDays: 2 }, 'cron(0 8 */2 * ? *)'],
    // A month or year field, L, W or #: not checked.
    [{ digestPeriodDays: 1 }, 'cron(0 8 ? * 2#1 *)'],
    [{ digestPeriodDays: 1 }, 'cron(0 8 L * ? *)'],
    [{ digestPeriodDays: 1 }, 'cron(0 8 1 1 ? *)'],
  ])('takes a digest period (%j) that covers the days between digests (%s), or a schedule it cannot tell', (settings, digestSchedule) => {
    expect(load({ ...settings, digestSchedule }).stack.digestSchedule).toBe(digestSchedule);
  });

  it('takes -c strings and cdk.json JSON values alike (booleans, numbers, address lists)', () => {
    const fromFlags = load({ activateRuleSet: 'true', mailExpiryDays: '30', staffAddresses: 'a@example.com, b@example.com' });
    const fromJson = load({ activateRuleSet: true, mailExpiryDays: 30, staffAddresses: ['a@example.com', 'b@example.com'] });
    expect(fromFlags).toEqual(fromJson);
    expect(fromJson.stack.activateRuleSet).toBe(true);
    expect(fromJson.config.staffAddresses).toEqual(['a@example.com', 'b@example.com']);
  });

  it("fails on a bad runtime setting with an error naming it (loadConfig's own validation)", () => {
    expect(() => load({ inboxAddress: 'nope' })).toThrow(/Invalid setting inboxAddress: "nope" is not an email address/);
    expect(settingsAtFault({ answerThreshold: 2, maxAnswers: 'many' })).toEqual(['answerThreshold', 'maxAnswers']);
  });

  it.each([
    [{ mailExpiryDays: 0 }, 'mailExpiryDays', /whole number from 15 to 3650/],
    // A dead-lettered event can be sent again for 15 days (the queue's 14 and the event's 6 hours), and the
    // function reads the raw message then: mail kept 14 days would be gone. Before, 1 to 3650 days passed.
    [{ mailExpiryDays: 14 }, 'mailExpiryDays', /whole number from 15 to 3650: .*dead-letter/],
    [{ logRetentionDays: 42 }, 'logRetentionDays', /not a retention CloudWatch Logs offers \(one of 1, 3, 5, 7, 14, 30/],
    [{ activateRuleSet: 'yes' }, 'activateRuleSet', /must be true or false/],
    [{ receiptRuleSetName: 'my rules' }, 'receiptRuleSetName', /not an SES rule set name/],
    [{ domain: 'example' }, 'domain', /not a domain name/],
    [{ stackName: '9lives' }, 'stackName', /not a stack name/],
    [{ hostedZoneId: 'Z123' }, 'hostedZoneName', /set both/],
    [{ hostedZoneName: 'example.com' }, 'hostedZoneId', /set both/],
    [{ hostedZoneId: 'zone-1', hostedZoneName: 'example.com' }, 'hostedZoneId', /not a Route 53 hosted zone id/],
    [
      { hostedZoneId: 'Z123', hostedZoneName: 'example.org' },
      'hostedZoneName',
      /must be the receiving domain example\.com or a parent of it/,
    ],
    [
      { useExistingRuleSet: true, receiptRuleSetName: 'default-rule-set', activateRuleSet: true },
      'activateRuleSet',
      /only a rule set this stack creates can be activated/,
    ],
    [{ alarmEmail: 'ops' }, 'alarmEmail', /not an email address/],
    // Passed synth as one address, and SNS refused the subscription mid-deploy (or the alarms reached nobody).
    [{ alarmEmail: 'ops@example.com,' }, 'alarmEmail', /"ops@example.com," is not an email address/],
    [{ alarmEmail: 'ops@example.com; oncall@example.com' }, 'alarmEmail', /is more than one address: give one/],
    [{ alarmEmail: '<ops@example.com>' }, 'alarmEmail', /is in angle brackets: write the address alone, ops@example.com/],
    [{ alarmEmail: 'mailto:ops@example.com' }, 'alarmEmail', /is not an email address/],
    [{ alarmEmail: 'Developers@example.com' }, 'alarmEmail', /is an address faqmail receives at: .*SNS mail .* dropped unread/],
    [{ reservedConcurrency: 0 }, 'reservedConcurrency', /whole number from 1 to 1000/],
    [{ inboxAddress: 'développeurs@example.com' }, 'inboxAddress', /is not an email address SES can send with/],

    [{ mode: 'dry-run' }, 'mode', /"dry-run" must be one of auto, shadow/],
    [{ autoPrecisionBar: 95 }, 'autoPrecisionBar', /number from 0 to 1/],
  ])('fails on %j with an error naming %s', (overrides, setting, message) => {
    expect(settingsAtFault(overrides)).toEqual([setting]);
    expect(() => load(overrides)).toThrow(message);
  });

  // The rule set's name fell back to faqmail, the name of the set this stack would create: a team adding faqmail to its own
  // active set (named otherwise) got a deploy that failed on a set that does not exist, or a rule in a set that receives nothing.
  it('refuses useExistingRuleSet without the name of that rule set', () => {
    expect(settingsAtFault({ useExistingRuleSet: true })).toEqual(['receiptRuleSetName']);
    expect(() => load({ useExistingRuleSet: 'true', receiptRuleSetName: ' ' })).toThrow(
      'Invalid setting receiptRuleSetName: useExistingRuleSet is true, so faqmail adds its rule to a rule set that already ' +
        'exists, but none is named (faqmail is only the name of the set the stack would create): write the name of your ' +
        'rule set, usually the active one (SES console → Email receiving → Rule sets), as -c receiptRuleSetName=NAME (or in cdk.json)',
    );
    expect(load({ useExistingRuleSet: true, receiptRuleSetName: 'faqmail' }).stack.receiptRuleSetName).toBe('faqmail');
    expect(load({ useExistingRuleSet: true, receiptRuleSetName: 'default-rule-set' }).stack).toMatchObject({
      useExistingRuleSet: true,
      receiptRuleSetName: 'default-rule-set',
    });
  });

  // SES receives only for a domain whose MX points at it and that the account has verified: an inbox at a public provider's
  // domain passed synth, and the deploy "worked" while no mail ever arrived (nor could answers be sent from it).
  it.each(['developers@gmail.com', 'Help@Outlook.com', 'devrel@hotmail.com', 'us@yahoo.com', 'team@icloud.com'])(
    'refuses an inbox at a public mail provider (%s), saying why and what to use',
    (inboxAddress) => {
      expect(settingsAtFault({ inboxAddress, staffAddresses: 'devrel@acme.io' })).toEqual(['inboxAddress']);
    },
  );

  it('names the provider, why SES cannot receive there, and what to use instead', () => {
    expect(() => load({ inboxAddress: 'developers@gmail.com', staffAddresses: 'devrel@acme.io' })).toThrow(
      'Invalid setting inboxAddress: developers@gmail.com is at gmail.com, a public mail provider: SES receives mail only for ' +
        'a domain whose MX record points at it and that your account has verified, and gmail.com is neither, so the stack would ' +
        'deploy and no mail would arrive (nor could answers be sent from it); give an address at a domain you own, such as ' +
        'developers@dev.yourcompany.com',
    );
    // Only the provider's own domain: a company's domain that merely contains the name is its own.
    expect(load({ inboxAddress: 'help@gmail.com.acme.io', staffAddresses: 'devrel@acme.io' }).stack.domain).toBe('gmail.com.acme.io');
    expect(load({ inboxAddress: 'help@mygmail.com', staffAddresses: 'devrel@acme.io' }).stack.domain).toBe('mygmail.com');
  });

  // Synth passed, and SES refused every hand-over and notice to 51 recipients: each escalation ended in the dead-letter queue.
  it('refuses more staff addresses than SES sends one mail to', () => {
    const staffAddresses = Array.from({ length: 51 }, (_, i) => `person${i}@example.com`);
    expect(settingsAtFault({ staffAddresses })).toEqual(['staffAddresses']);
    expect(() => load({ staffAddresses })).toThrow(/Invalid setting staffAddresses: 51 addresses, but SES refuses a mail to more than 50/);
  });

  // The digest sends staff to the mail bucket for the mail ignored on a guess ("each is kept in the mail bucket under its SES
  // message id"). Before, raw mail kept 15 days beside a monthly digest passed: half of what it listed was gone.
  it('refuses raw mail kept no longer than a digest period', () => {
    const monthly = { digestPeriodDays: 31, digestSchedule: 'cron(0 8 1 * ? *)' };
    expect(settingsAtFault({ ...monthly, mailExpiryDays: 31 })).toEqual(['mailExpiryDays']);
    expect(() => load({ ...monthly, mailExpiryDays: 15 })).toThrow(
      'Invalid setting mailExpiryDays: 15 days, but a digest covers the last 31 (digestPeriodDays) and sends staff to the mail ' +
        'bucket for the mail ignored on a guess: what came early in a period would be gone before a digest listed it; keep it at least 32 days',
    );
    expect(load({ ...monthly, mailExpiryDays: 32 }).stack.mailExpiryDays).toBe(32);
  });

  // Its SNS subscription's id is made from the address: lower-casing it would replace a confirmed subscription with one to confirm again.
  it('keeps the alarm address as written', () => {
    expect(load({ alarmEmail: ' Ops@Example.com ' }).stack.alarmEmail).toBe('Ops@Example.com');
  });

  it('reports every bad stack setting at once', () => {
    expect(settingsAtFault({ mailExpiryDays: -1, logRetentionDays: 2, alarmEmail: 'x' })).toEqual([
      'mailExpiryDays',
      'logRetentionDays',
      'alarmEmail',
    ]);
  });

  it('refuses staff, digest or alarm addresses left at the example domains once the inbox is a real one (its mail would go nowhere)', () => {
    expect(() => load({ inboxAddress: 'developers@dev.acme.io' })).toThrow(
      'Invalid setting staffAddresses: staff@example.com is at a domain reserved for examples (RFC 2606), which receives no mail, ' +
        'while the inbox is developers@dev.acme.io: escalations would go nowhere; set -c staffAddresses=... (or cdk.json)',
    );
    expect(
      settingsAtFault({ inboxAddress: 'developers@dev.acme.io', staffAddresses: 'devrel@acme.io', digestRecipients: 'team@example.org' }),
    ).toEqual(['digestRecipients']);
    expect(
      settingsAtFault({ inboxAddress: 'developers@dev.acme.io', staffAddresses: 'devrel@acme.io', alarmEmail: 'ops@test.example' }),
    ).toEqual(['alarmEmail']);
    expect(load({ inboxAddress: 'developers@dev.acme.io', staffAddresses: 'devrel@acme.io' }).config.staffAddresses).toEqual([
      'devrel@acme.io',
    ]);
  });

  // The stack points the receiving domain's MX at SES, and its own rule set names only the inbox's addresses: SES refuses
  // mail for any other address there. Synth passed, and every hand-over to devrel@dev.acme.io bounced into the dead-letter queue.
  it('refuses staff, digest or alarm addresses at the domain whose MX the stack gives to its own rule set', () => {
    const zone = {
      inboxAddress: 'developers@dev.acme.io',
      staffAddresses: 'devrel@acme.io',
      hostedZoneId: 'Z123',
      hostedZoneName: 'acme.io',
    };
    expect(() => load({ ...zone, staffAddresses: 'lead@acme.io, devrel@Dev.Acme.io' })).toThrow(
      'Invalid setting staffAddresses: devrel@dev.acme.io is at dev.acme.io, whose mail the stack sends to SES (hostedZoneId), ' +
        'where its rule set receives only developers@dev.acme.io: SES would refuse escalations to it; give an address at another ' +
        'domain, or add faqmail to a rule set that delivers it (useExistingRuleSet)',
    );
    expect(settingsAtFault({ ...zone, digestRecipients: 'team@dev.acme.io', alarmEmail: 'ops@dev.acme.io' })).toEqual([
      'digestRecipients',
      'alarmEmail',
    ]);
    // The parent domain keeps its own MX; another rule set may deliver the address; without a zone, the MX is the operator's.
    expect(load(zone).config.staffAddresses).toEqual(['devrel@acme.io']);
    const existing = { useExistingRuleSet: true, receiptRuleSetName: 'default-rule-set' };
    expect(load({ ...zone, staffAddresses: 'devrel@dev.acme.io', ...existing }).config.staffAddresses).toEqual(['devrel@dev.acme.io']);
    expect(load({ inboxAddress: 'developers@dev.acme.io', staffAddresses: 'devrel@dev.acme.io' }).config.staffAddresses).toEqual([
      'devrel@dev.acme.io',
    ]);
  });

  it('derives the receiving domain from the inbox, and accepts a zone at or above it', () => {
    const { stack } = load({ inboxAddress: 'help@dev.example.net', hostedZoneId: 'Z123', hostedZoneName: 'example.net.' });
    expect(stack.domain).toBe('dev.example.net');
    expect(stack.hostedZone).toEqual({ id: 'Z123', name: 'example.net' });
  });

  it("recognises a misspelt setting among the context keys, but not the CDK's own keys", () => {
    expect(
      unknownContextKeys([
        'inboxAdress',
        'inboxAddress',
        'mailExpiryDays',
        '@aws-cdk/aws-iam:minimizePolicies',
        'aws:cdk:enable-path-metadata',
        'acknowledged-issue-numbers',
      ]),
    ).toEqual(['inboxAdress']);
  });

  it('recognises a setting named as its variable or written another way among the context keys (-c FAQMAIL_MODE=shadow, -c inbox-address=...)', () => {
    expect(unknownContextKeys(['FAQMAIL_MODE', 'inbox-address', 'InboxAddress', 'mode', 'aws-cdk:enableDiffNoFail'])).toEqual([
      'FAQMAIL_MODE',
      'inbox-address',
      'InboxAddress',
    ]);
    const problems = (() => {
      try {
        loadDeploySettings((key) => CDK_JSON_CONTEXT[key], ['FAQMAIL_MODE', 'inbox-address']);
      } catch (error) {
        if (error instanceof ConfigError) return error.message;
        throw error;
      }
      return 'no ConfigError';
    })();
    expect(problems).toBe(
      [
        'Unknown setting FAQMAIL_MODE: that is the environment variable; the context key is mode (-c mode=...)',
        'Unknown setting inbox-address: did you mean inboxAddress?',
      ].join('\n'),
    );
  });

  it('refuses a FAQMAIL_* setting in the environment that differs from the context, which the stack alone reads', () => {
    const env = (environment: Record<string, string>) => () => loadDeploySettings((key) => CDK_JSON_CONTEXT[key], [], environment);
    expect(env({ FAQMAIL_MODE: 'shadow' })).toThrow(
      'Invalid setting FAQMAIL_MODE: "shadow" is set in the environment, which the stack does not read (its mode is "auto"): ' +
        'pass -c mode=shadow or set it in cdk.json, and unset FAQMAIL_MODE',
    );
    // Before, it said "pass -c maxAnswers=11", which the next synth refuses as well.
    expect(env({ FAQMAIL_MAX_ANSWERS: '11' })).toThrow(
      'Invalid setting FAQMAIL_MAX_ANSWERS: "11" is set in the environment, which the stack does not read (its maxAnswers is "5"), ' +
        'and is no valid value either ("11" must be a whole number from 1 to 10): unset FAQMAIL_MAX_ANSWERS',
    );
    expect(env({ FAQMAIL_CONTENT_DIR: 'test/fixtures/billing-faq/content' })).toThrow(
      /Invalid setting FAQMAIL_CONTENT_DIR: .*the stack packs the FAQ in content\/.*unset FAQMAIL_CONTENT_DIR/,
    );
    // The same value as the context's, or a blank one, or the local cloud's and deployment variables, changes nothing.
    expect(
      env({
        FAQMAIL_MODE: 'AUTO',
        FAQMAIL_INBOX_ADDRESS: 'Developers@example.com',
        FAQMAIL_MAX_ANSWERS: '',
        FAQMAIL_LOCAL_SMTP_PORT: '2600',
        FAQMAIL_STATE_TABLE: 'x',
        FAQMAIL_CONTENT_DIR: 'content',
      }),
    ).not.toThrow();
  });

  // Before: synth passed without a word, though the same variable spelt right stops it, and npm start
  // and the function stop on it (docs/settings.md: a misspelt name is an error, not ignored).
  it('refuses a misspelt FAQMAIL_* variable in the environment, as npm start and the function do', () => {
    expect(() => loadDeploySettings((key) => CDK_JSON_CONTEXT[key], [], { FAQMAIL_ANSWER_TRESHOLD: '0.8' })).toThrow(
      'Unknown setting FAQMAIL_ANSWER_TRESHOLD: did you mean FAQMAIL_ANSWER_THRESHOLD?',
    );
  });

  it('defines no stack setting twice and none that shadows a runtime setting', () => {
    const keys = [...SETTINGS.map((s) => s.context), ...STACK_SETTINGS.map((s) => s.context)];
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('warns when a recipient is outside the receiving domain', () => {
    const app = new App({
      outdir,
      context: { ...CDK_JSON_CONTEXT, recipientAddresses: 'dev@other.example', 'aws:cdk:bundling-stacks': [] },
    });
    const settings = loadDeploySettings((key) => app.node.tryGetContext(key));
    const stack = new FaqmailStack(app, 'Warned', { settings, entry: FIXTURE_ENTRY });
    const warnings = stack.node.metadata.filter((m) => m.type === 'aws:cdk:warning').map((m) => String(m.data));
    expect(warnings).toEqual([expect.stringContaining('Recipient dev@other.example is not at the receiving domain example.com')]);
  });

  it('refuses FAQ content with a mistake, naming the file and line, before anything is bundled', () => {
    const app = new App({ outdir });
    const settings = load();
    expect(
      () =>
        new FaqmailStack(app, 'Broken', {
          settings,
          entry: FIXTURE_ENTRY,
          contentDir: path.join(__dirname, 'fixtures/stack/broken-content'),
        }),
    ).toThrow(ContentError);
    expect(
      () =>
        new FaqmailStack(app, 'Broken2', {
          settings,
          entry: FIXTURE_ENTRY,
          contentDir: path.join(__dirname, 'fixtures/stack/broken-content'),
        }),
    ).toThrow(/faq\.md:3: the question "How do I get an API key\?" has no answer/);
  });
});

describe('the line a bad stack setting prints', () => {
  it("points the stack's own settings to docs/deploy.md, which tables them, and the others to docs/settings.md", () => {
    const failure = (context: Record<string, unknown>): string => {
      try {
        loadDeploySettings((key) => ({ ...CDK_JSON_CONTEXT, ...context })[key]);
      } catch (error) {
        return startupFailure(error as ConfigError);
      }
      throw new Error('no failure');
    };
    expect(failure({ logRetentionDays: 100, hostedZoneId: 'Z0123456789ABCDEFGHIJ' }).split('\n')).toEqual([
      expect.stringMatching(/^faqmail: Invalid setting logRetentionDays: .* \(docs\/deploy\.md#configure-and-deploy lists it\)$/),
      expect.stringMatching(
        /^faqmail: Invalid setting hostedZoneName: .*go together.* \(docs\/deploy\.md#configure-and-deploy lists it\)$/,
      ),
    ]);
    expect(failure({ maxAnswers: 0 })).toMatch(/^faqmail: Invalid setting maxAnswers: .* \(docs\/settings\.md lists every setting\)$/);
  });
});

describe('the CDK app (bin/app.ts) on bad context', () => {
  const bundled = bundledCommands(['bin/app.ts']);

  /** How the app, started as the CDK CLI starts it with `context` (cdk.json's merged with -c flags) and `env`, failed. */
  const appFailure = (context: Record<string, unknown>, env: Record<string, string> = {}) =>
    run(process.execPath, [bundled('bin/app.ts')], {
      cwd: PROJECT_ROOT,
      env: { ...process.env, ...env, CDK_CONTEXT_JSON: JSON.stringify(context), CDK_OUTDIR: outdir },
    }).then(
      () => undefined,
      (error: { code: number; stderr: string }) => error,
    );

  it('exits 1 with one line per problem, naming the setting, and the nearest name for a misspelt key', async () => {
    const failure = await appFailure({ ...CDK_JSON_CONTEXT, inboxAddress: 'nope', inboxAdress: 'developers@example.com' });
    expect(failure?.code).toBe(1);
    expect(failure?.stderr).toContain(
      'faqmail: Unknown setting inboxAdress: did you mean inboxAddress? (docs/settings.md lists every setting)',
    );
    expect(failure?.stderr).toContain('faqmail: Invalid setting inboxAddress: "nope" is not an email address');
    expect(failure?.stderr).not.toMatch(/\n\s+at /);
  });

  it('exits 1 on FAQMAIL_MODE=shadow in the shell, which would otherwise deploy in auto mode without a word', async () => {
    const failure = await appFailure(CDK_JSON_CONTEXT, { FAQMAIL_MODE: 'shadow' });
    expect(failure?.code).toBe(1);
    expect(failure?.stderr).toMatch(/^faqmail: Invalid setting FAQMAIL_MODE: "shadow" is set in the environment, .* pass -c mode=shadow/);
    expect(failure?.stderr).not.toMatch(/\n\s+at /);
  });
});
