/**
 * The deployment's settings, read from CDK context (`cdk.json` or `-c key=value`). faqmail's
 * runtime settings come from `lambda/config.ts` (`loadConfig(..., 'context')`), so the stack,
 * the CLI and the Lambda agree on them; this module adds only what the stack alone needs.
 */
import path from 'node:path';
import { RetentionDays } from 'aws-cdk-lib/aws-logs';
import { comparable } from '../lambda/comparable-address';
import { receivingAddresses } from '../lambda/screen/addresses';
import { nameLetters } from '../lambda/edit-distance';
import { RETENTION } from '../lambda/state/dynamodb-state-store';
import { longestScheduleGapDays, mostRunsInADay } from './schedule-gap';
import {
  CONTENT_DIR,
  ConfigError,
  contentDirFrom,
  email,
  InvalidValue,
  loadConfig,
  MAX_DIGEST_PERIOD_DAYS,
  SETTINGS,
  unknownNames,
  unknownVariables,
  type Config,
  type SettingProblem,
} from '../lambda/config';

export interface HostedZoneSettings {
  id: string;
  name: string;
}

export interface StackSettings {
  stackName: string;
  /** The domain SES receives mail for: its MX record and its verified identity. */
  domain: string;
  receiptRuleSetName: string;
  /** Add the rule to a rule set that already exists instead of creating one. */
  useExistingRuleSet: boolean;
  /** Make the new rule set the region's active one (SES allows only one). */
  activateRuleSet: boolean;
  /** When set, the stack writes the MX record and verifies the domain with DKIM. */
  hostedZone?: HostedZoneSettings;
  mailExpiryDays: number;
  logRetention: RetentionDays;
  alarmEmail?: string;
  reservedConcurrency?: number;
  /** When the digest goes out: an EventBridge Scheduler expression, in UTC. */
  digestSchedule: string;
  /** The account's SES sending quota per 24 hours, for the dashboard (unknown when unset). */
  sendingQuota?: number;
  /** Regions where SES receives email that lib/receiving-regions.ts does not list yet. */
  addedReceivingRegions: string[];
}

export interface DeploySettings {
  config: Config;
  stack: StackSettings;
}

/** Reads one context value (`app.node.tryGetContext` in the app; a plain lookup in tests). */
export type ContextReader = (key: string) => unknown;

/** CloudWatch Logs accepts only these retention periods. */
const RETENTION_DAYS = Object.values(RetentionDays)
  .filter((days): days is number => typeof days === 'number' && days !== RetentionDays.INFINITE)
  .sort((a, b) => a - b);

const HOSTNAME = /^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

function hostname(raw: string): string {
  const value = raw.trim().toLowerCase().replace(/\.$/, '');
  if (!HOSTNAME.test(value)) throw new InvalidValue(`"${raw}" is not a domain name (expected e.g. example.com)`);
  return value;
}

function flag(raw: string): boolean {
  const value = raw.trim().toLowerCase();
  if (value === 'true') return true;
  if (value === 'false') return false;
  throw new InvalidValue(`"${raw}" must be true or false`);
}

function wholeNumber(min: number, max: number): (raw: string) => number {
  return (raw) => {
    const value = Number(raw);
    if (!/^\d+$/.test(raw.trim()) || value < min || value > max)
      throw new InvalidValue(`"${raw}" must be a whole number from ${min} to ${max}`);
    return value;
  };
}

/**
 * The fewest days raw mail may be kept: as long as a dead-lettered event can be sent again (the
 * queue's 14 days and the event's 6 hours, RETENTION.redelivery), since the function reads the
 * raw message from the bucket when it is.
 */
const MIN_MAIL_EXPIRY_DAYS = Math.ceil(RETENTION.redelivery / (24 * 60 * 60));

function mailExpiry(raw: string): number {
  try {
    return wholeNumber(MIN_MAIL_EXPIRY_DAYS, 3650)(raw);
  } catch (error) {
    if (!(error instanceof InvalidValue)) throw error;
    throw new InvalidValue(
      `${error.message}: a dead-lettered message can be sent again for ${MIN_MAIL_EXPIRY_DAYS} days, and the function reads it from the bucket then`,
    );
  }
}

function matching(pattern: RegExp, expected: string): (raw: string) => string {
  return (raw) => {
    const value = raw.trim();
    if (!pattern.test(value)) throw new InvalidValue(`"${raw}" is not ${expected}`);
    return value;
  };
}

function retention(raw: string): RetentionDays {
  const value = Number(raw);
  if (!RETENTION_DAYS.includes(value))
    throw new InvalidValue(`"${raw}" is not a retention CloudWatch Logs offers (one of ${RETENTION_DAYS.join(', ')})`);
  return value;
}

// The receipt rule is named `<stackName>-inbound`, and SES rule names stop at 64 characters.
const stackName = matching(/^[A-Za-z][A-Za-z0-9-]{0,55}$/, 'a stack name (a letter, then up to 55 letters, digits or hyphens)');
const ruleSetName = matching(
  /^[A-Za-z0-9](?:[A-Za-z0-9._-]{0,62}[A-Za-z0-9])?$/,
  'an SES rule set name (letters, digits, ".", "_", "-"; up to 64 characters, starting and ending with a letter or digit)',
);
const hostedZoneId = matching(/^Z[A-Z0-9]{1,31}$/, 'a Route 53 hosted zone id (e.g. Z0123456789ABCDEFGHIJ)');
// EventBridge Scheduler checks the fields at deploy time; this catches the wrong kind of value early.
const scheduleForm = matching(
  /^(?:cron\((?:\S+ ){5}\S+\)|rate\(\d+ (?:minute|minutes|hour|hours|day|days)\))$/,
  'a schedule expression (e.g. cron(0 8 ? * MON *) or rate(7 days))',
);

/**
 * Also what Scheduler refuses in an expression of the right form, once CloudFormation is already creating the
 * stack: a rate of 0, and a cron that does not take exactly one of its two day fields as `?` (unlike Unix cron).
 */
function scheduleExpression(raw: string): string {
  const value = scheduleForm(raw);
  const rate = /^rate\((\d+) (\w+)\)$/.exec(value);
  if (rate && Number(rate[1]) === 0) throw new InvalidValue(`"${raw}" repeats every 0 ${rate[2]}: give a rate of at least 1`);
  const fields = /^cron\((.*)\)$/.exec(value)?.[1].split(' ');
  if (fields === undefined) return value;
  const [monthDay, weekDay] = [fields[2], fields[4]];
  if ((monthDay === '?') === (weekDay === '?')) {
    const fixed = [...fields];
    if (monthDay === '?') fixed[2] = '*';
    else if (weekDay === '*') fixed[4] = '?';
    else fixed[2] = '?';
    const given =
      monthDay === '?'
        ? 'neither a day of the month nor a day of the week'
        : `both a day of the month (${monthDay}) and a day of the week (${weekDay})`;
    throw new InvalidValue(
      `"${raw}" gives ${given}: EventBridge Scheduler takes one of them and ? in the other (not as Unix cron does), ` +
        `and refuses it only at deploy time: write ? in one of them, e.g. cron(${fixed.join(' ')})`,
    );
  }
  return value;
}

const regionName = matching(/^[a-z]{2}(?:-[a-z]+)+-\d{1,2}$/, 'an AWS region name (e.g. eu-south-1)');

/** `addedReceivingRegions`: names apart by commas, each checked for a region's form (lib/receiving-regions.ts takes them as given). */
function regionNames(raw: string): string[] {
  return raw
    .split(',')
    .map((name) => name.trim())
    .filter((name) => name !== '')
    .map(regionName);
}

/**
 * One address as the runtime settings take one: a list's comma or a display name would pass to SNS, which refuses it
 * mid-deploy. Kept as written: the SNS subscription's id is made from it, and a new one must be confirmed again.
 */
function alarmAddress(raw: string): string {
  email(raw);
  return raw.trim();
}

interface StackSetting {
  context: string;
  description: string;
  /** Default as a user would write it; undefined means optional or derived (see description). */
  fallback?: string;
}

/** The stack-only settings, for the README's table and the unknown-key check. */
export const STACK_SETTINGS: readonly StackSetting[] = [
  { context: 'stackName', description: 'CloudFormation stack name', fallback: 'Faqmail' },
  { context: 'domain', description: 'Domain SES receives mail for (default: the domain of `inboxAddress`)' },
  { context: 'receiptRuleSetName', description: "SES receipt rule set that holds faqmail's rule", fallback: 'faqmail' },
  {
    context: 'useExistingRuleSet',
    description: 'Add the rule to the existing rule set `receiptRuleSetName` (which must then be set) instead of creating it',
    fallback: 'false',
  },
  {
    context: 'activateRuleSet',
    description: 'Make the new rule set the active one in the region (replaces the active set; see below)',
    fallback: 'false',
  },
  {
    context: 'hostedZoneId',
    description:
      'Route 53 public hosted zone for `domain`: the stack adds the MX record and a DKIM-verified SES identity (set with `hostedZoneName`)',
  },
  { context: 'hostedZoneName', description: 'Name of that hosted zone: `domain` or a parent of it (set with `hostedZoneId`)' },
  {
    context: 'mailExpiryDays',
    description:
      'Days raw mail is kept in S3 (at least 15: as long as a dead-lettered event can be sent again, which reads it; and more than `digestPeriodDays`: the digest sends staff there for the mail ignored on a guess)',
    fallback: '90',
  },
  { context: 'logRetentionDays', description: "Days the function's logs are kept (a CloudWatch Logs retention value)", fallback: '90' },
  {
    context: 'alarmEmail',
    description: 'Address that alarm notifications are sent to (SNS asks it to confirm; not an address faqmail receives at)',
  },
  { context: 'reservedConcurrency', description: 'Reserved concurrent executions for the function (default: unreserved)' },
  {
    context: 'digestSchedule',
    description:
      'When the FAQ-gap digest is sent: an EventBridge Scheduler `cron(...)` or `rate(...)` expression, in UTC, running at most once a day and no further apart than `digestPeriodDays`',
    fallback: 'cron(0 8 ? * MON *)',
  },
  {
    context: 'sendingQuota',
    description: 'Your SES sending quota (messages per 24 hours), drawn on the operator dashboard (SES console → Account dashboard)',
  },
  {
    context: 'addedReceivingRegions',
    description:
      "Regions where SES receives email that faqmail's list lacks (comma-separated, e.g. `eu-south-1`): AWS adds them from time to time, and the stack refuses a region it does not know to receive",
  },
];

const STACK_KEYS = new Set(STACK_SETTINGS.map((s) => s.context));
const STACK_DOC = 'docs/deploy.md#configure-and-deploy';

/** The FAQ the stack packs (FaqmailStack's default). */
const SHIPPED_CONTENT = path.resolve(__dirname, '../content');

const KNOWN_KEYS = new Set([...SETTINGS.map((s) => s.context), ...STACK_SETTINGS.map((s) => s.context)]);

/** Context values arrive as JSON from `cdk.json` and as strings from `-c`; both become text. */
function contextText(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (Array.isArray(value)) return value.map(String).join(',');
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}

const KNOWN_LETTERS = new Set([...KNOWN_KEYS].map(nameLetters));
/** A setting's context key by its environment variable: `-c FAQMAIL_MODE=shadow` means `-c mode=shadow`. */
const CONTEXT_OF_VARIABLE = new Map<string, string>(SETTINGS.map((s) => [s.env, s.context]));

/**
 * Keys that look like faqmail settings (plain camelCase, unlike CDK's own `@aws-cdk/...`,
 * `aws:cdk:...` and lookup keys; or a setting's variable, or a key spelt another way, such as
 * `inbox-address`) but are not one: most likely a misspelt setting.
 */
export function unknownContextKeys(keys: Iterable<string>): string[] {
  return [...keys].filter(
    (key) => !KNOWN_KEYS.has(key) && (/^[a-z][A-Za-z0-9]*$/.test(key) || key.startsWith('FAQMAIL_') || KNOWN_LETTERS.has(nameLetters(key))),
  );
}

/** Each of `keys` that names no setting, with the key meant where it is clear. */
function contextKeyProblems(keys: Iterable<string>): SettingProblem[] {
  return unknownNames(unknownContextKeys(keys), [...KNOWN_KEYS]).map((problem) => {
    const meant = CONTEXT_OF_VARIABLE.get(problem.setting);
    return meant ? { ...problem, message: `that is the environment variable; the context key is ${meant} (-c ${meant}=...)` } : problem;
  });
}

/** The value a setting's parser makes of `raw`, for comparing two spellings of it; or, if it is bad, why. */
function parsed(parse: (raw: string) => unknown, raw: string): { value: string } | { invalid: string } {
  try {
    return { value: JSON.stringify(parse(raw)) };
  } catch (error) {
    return { invalid: (error as Error).message };
  }
}

/**
 * The FAQMAIL_* variables in the environment of `cdk synth` and `cdk deploy` that say other than
 * the context, or name no setting: the stack reads only context, so `FAQMAIL_MODE=shadow npx cdk
 * deploy` would deploy in auto mode, answering writers, without a word. One that agrees with the
 * context (the same variables exported for `npm start`) is harmless.
 */
function environmentProblems(environment: Readonly<Record<string, string | undefined>>, read: ContextReader): SettingProblem[] {
  // A misspelt one would be ignored here too, while the same variable spelt right stops the deploy.
  const problems: SettingProblem[] = unknownVariables(environment);
  for (const s of SETTINGS) {
    const raw = environment[s.env];
    if (raw === undefined || raw.trim() === '') continue;
    const given = contextText(read(s.context));
    const inContext = given === undefined || given.trim() === '' ? s.fallback : given;
    const parse = s.parse as (raw: string) => unknown;
    const wanted = parsed(parse, raw);
    const contextValue = inContext === undefined ? undefined : parsed(parse, inContext);
    if ('value' in wanted && contextValue && 'value' in contextValue && wanted.value === contextValue.value) continue;
    const theirs = inContext === undefined ? 'unset' : `"${inContext}"`;
    // A bad value is not one to pass on as context: the next synth would refuse it there.
    const fix =
      'invalid' in wanted
        ? `, and is no valid value either (${wanted.invalid}): unset ${s.env}`
        : `: pass -c ${s.context}=${raw} or set it in cdk.json, and unset ${s.env}`;
    problems.push({
      setting: s.env,
      message: `"${raw}" is set in the environment, which the stack does not read (its ${s.context} is ${theirs})${fix}`,
    });
  }
  const contentDir = contentDirFrom(environment);
  if (contentDir && path.resolve(contentDir) !== SHIPPED_CONTENT) {
    problems.push({
      setting: CONTENT_DIR.env,
      message: `"${contentDir}" is set in the environment, but the stack packs the FAQ in content/ (the variable is for the CLI and npm start): unset ${CONTENT_DIR.env}`,
    });
  }
  return problems;
}

/** Domains RFC 2606 keeps for examples (cdk.json's defaults among them): they receive no mail. */
const EXAMPLE_DOMAIN = /(^|\.)(example|test|invalid|localhost)$|(^|\.)example\.(com|net|org)$/;
const domainOf = (address: string): string => address.slice(address.lastIndexOf('@') + 1).toLowerCase();

/**
 * Public mail providers' own domains. SES receives mail only for a domain whose MX record points at it and that the
 * account has verified (docs/deploy.md), and sends only from a verified one: neither can be true of these, so an inbox
 * there deploys and never receives. Not every provider: the few a team most likely reaches for (each provider's main
 * consumer domains), where the mistake is common; a domain merely containing one of these names is someone else's.
 */
const PUBLIC_MAIL_DOMAINS: ReadonlySet<string> = new Set([
  'gmail.com',
  'googlemail.com',
  'outlook.com',
  'hotmail.com',
  'live.com',
  'msn.com',
  'yahoo.com',
  'icloud.com',
  'me.com',
  'mac.com',
  'aol.com',
  'proton.me',
  'protonmail.com',
  'gmx.com',
]);

/** An inbox at a public provider's domain, which SES can neither receive for nor send from. */
function publicInbox(config: Config): SettingProblem[] {
  const domain = domainOf(config.inboxAddress);
  if (!PUBLIC_MAIL_DOMAINS.has(domain)) return [];
  return [
    {
      setting: 'inboxAddress',
      message:
        `${config.inboxAddress} is at ${domain}, a public mail provider: SES receives mail only for a domain whose MX record ` +
        `points at it and that your account has verified, and ${domain} is neither, so the stack would deploy and no mail ` +
        `would arrive (nor could answers be sent from it); give an address at a domain you own, such as ` +
        `${config.inboxAddress.slice(0, config.inboxAddress.lastIndexOf('@'))}@dev.yourcompany.com`,
    },
  ];
}

/** The settings naming whom the deployment mails of its own accord, and what each is sent. */
const SENT: ReadonlyArray<[setting: 'staffAddresses' | 'digestRecipients' | 'alarmEmail', what: string]> = [
  ['staffAddresses', 'escalations'],
  ['digestRecipients', 'digests'],
  ['alarmEmail', 'alarms'],
];

/** The first address of each of those settings that `bad` picks, with what it would be sent. */
function sentTo(config: Config, alarmEmail: string | undefined, bad: (address: string) => boolean) {
  const given = {
    staffAddresses: config.staffAddresses,
    digestRecipients: config.digestRecipients ?? [],
    alarmEmail: [alarmEmail ?? []].flat(),
  };
  return SENT.flatMap(([setting, what]) => {
    const address = given[setting].find(bad);
    return address === undefined ? [] : [{ setting, what, address }];
  });
}

/**
 * Staff, digest or alarm addresses still at an example domain once the inbox is a real one: a
 * deployment that set only its inbox would send every escalation (or digest, or alarm) nowhere.
 */
function exampleAddresses(config: Config, alarmEmail: string | undefined): SettingProblem[] {
  if (EXAMPLE_DOMAIN.test(domainOf(config.inboxAddress))) return [];
  return sentTo(config, alarmEmail, (address) => EXAMPLE_DOMAIN.test(domainOf(address))).map(({ setting, what, address }) => ({
    setting,
    message:
      `${address} is at a domain reserved for examples (RFC 2606), which receives no mail, while the inbox is ` +
      `${config.inboxAddress}: ${what} would go nowhere; set -c ${setting}=... (or cdk.json)`,
  }));
}

/**
 * Staff, digest or alarm addresses at the receiving domain when the stack points its MX at SES
 * (a hosted zone) and receives in a rule set of its own: SES accepts mail only for a recipient a
 * rule of the active set names, and that set names only faqmail's own addresses, so every mail
 * to another address there would be refused. (Its own addresses are refused apart, as looping back.)
 */
function addressesAtReceivingDomain(config: Config, stack: Partial<StackSettings>, zoned: boolean): SettingProblem[] {
  const { domain } = stack;
  if (!zoned || stack.useExistingRuleSet !== false || domain === undefined) return [];
  const receiving = receivingAddresses(config);
  const atDomain = (address: string) => domainOf(address) === domain && !receiving.has(comparable(address));
  return sentTo(config, stack.alarmEmail, atDomain).map(({ setting, what, address }) => ({
    setting,
    message:
      `${address} is at ${domain}, whose mail the stack sends to SES (hostedZoneId), where its rule set receives only ` +
      `${config.recipientAddresses.join(', ')}: SES would refuse ${what} to it; give an address at another domain, ` +
      'or add faqmail to a rule set that delivers it (useExistingRuleSet)',
  }));
}

/**
 * Reads and validates every setting. Throws a ConfigError naming each bad setting, each
 * of `contextKeys` that looks like a misspelt one and each setting in `environment` that the
 * context contradicts: first the runtime settings (the receiving domain defaults to the
 * inbox's), then the stack's own.
 */
export function loadDeploySettings(
  read: ContextReader,
  contextKeys: Iterable<string> = [],
  environment: Readonly<Record<string, string | undefined>> = {},
): DeploySettings {
  const unknown = [...contextKeyProblems(contextKeys), ...environmentProblems(environment, read)];
  let config: Config;
  try {
    config = loadConfig(Object.fromEntries(SETTINGS.map((s) => [s.context, contextText(read(s.context))])), 'context');
  } catch (error) {
    if (error instanceof ConfigError) throw new ConfigError([...unknown, ...error.problems]);
    throw error;
  }

  const problems: SettingProblem[] = [...unknown];
  const text = (key: string): string | undefined => {
    const raw = contextText(read(key));
    return raw === undefined || raw.trim() === '' ? undefined : raw;
  };
  function value<T>(key: string, parse: (raw: string) => T): T | undefined {
    const raw = text(key) ?? STACK_SETTINGS.find((s) => s.context === key)?.fallback;
    if (raw === undefined) return undefined;
    try {
      return parse(raw);
    } catch (error) {
      if (!(error instanceof InvalidValue)) throw error;
      problems.push({ setting: key, message: error.message });
      return undefined;
    }
  }

  const inboxDomain = config.inboxAddress.slice(config.inboxAddress.lastIndexOf('@') + 1);
  const settings = {
    stackName: value('stackName', stackName),
    domain: value('domain', hostname) ?? inboxDomain,
    receiptRuleSetName: value('receiptRuleSetName', ruleSetName),
    useExistingRuleSet: value('useExistingRuleSet', flag),
    activateRuleSet: value('activateRuleSet', flag),
    mailExpiryDays: value('mailExpiryDays', mailExpiry),
    logRetention: value('logRetentionDays', retention),
    alarmEmail: value('alarmEmail', alarmAddress),
    reservedConcurrency: value('reservedConcurrency', wholeNumber(1, 1000)),
    digestSchedule: value('digestSchedule', scheduleExpression),
    sendingQuota: value('sendingQuota', wholeNumber(1, 100_000_000)),
    addedReceivingRegions: value('addedReceivingRegions', regionNames) ?? [],
  };
  const zoneId = value('hostedZoneId', hostedZoneId);
  const zoneName = value('hostedZoneName', hostname);

  if (settings.activateRuleSet && settings.useExistingRuleSet) {
    problems.push({
      setting: 'activateRuleSet',
      message:
        'only a rule set this stack creates can be activated (useExistingRuleSet is true); activate an existing set in the SES console',
    });
  }
  // The fallback names the set this stack would create: an existing set is the team's own, most likely named otherwise, and
  // a rule added to the wrong name fails the deploy (no such set) or sits in a set that is not active and receives nothing.
  if (settings.useExistingRuleSet && text('receiptRuleSetName') === undefined) {
    problems.push({
      setting: 'receiptRuleSetName',
      message:
        'useExistingRuleSet is true, so faqmail adds its rule to a rule set that already exists, but none is named ' +
        '(faqmail is only the name of the set the stack would create): write the name of your rule set, usually the active one ' +
        '(SES console → Email receiving → Rule sets), as -c receiptRuleSetName=NAME (or in cdk.json)',
    });
  }
  if ((text('hostedZoneId') === undefined) !== (text('hostedZoneName') === undefined)) {
    const missing = text('hostedZoneId') === undefined ? 'hostedZoneId' : 'hostedZoneName';
    problems.push({
      setting: missing,
      message:
        'hostedZoneId and hostedZoneName go together: set both (the zone is not looked up, so no AWS credentials are needed to synthesize) or neither',
    });
  }
  // Alarm mail to the inbox comes from SNS, an automatic sender: faqmail would drop it, the subscription's confirmation first.
  if (settings.alarmEmail !== undefined && receivingAddresses(config).has(comparable(settings.alarmEmail))) {
    problems.push({
      setting: 'alarmEmail',
      message: `${settings.alarmEmail} is an address faqmail receives at: SNS mail sent there would be dropped unread as automatic mail; give an operator's own address`,
    });
  }
  problems.push(...publicInbox(config));
  problems.push(...exampleAddresses(config, settings.alarmEmail));
  const digestGap = settings.digestSchedule === undefined ? undefined : longestScheduleGapDays(settings.digestSchedule);
  if (digestGap !== undefined && digestGap > config.digestPeriodDays) {
    problems.push({
      setting: 'digestSchedule',
      message:
        `${settings.digestSchedule} runs the digest up to ${digestGap} days apart, but each digest covers the last ${config.digestPeriodDays} ` +
        `(digestPeriodDays): the days between would be in no digest, and the mail ignored on a guess on them shown to no one; ` +
        (digestGap <= MAX_DIGEST_PERIOD_DAYS
          ? `set digestPeriodDays to ${digestGap} or more, or run the digest more often`
          : `run the digest at least every ${MAX_DIGEST_PERIOD_DAYS} days, the longest period a digest covers`),
    });
  }
  const digestRuns = settings.digestSchedule === undefined ? undefined : mostRunsInADay(settings.digestSchedule);
  if (digestRuns !== undefined && digestRuns > 1) {
    problems.push({
      setting: 'digestSchedule',
      message:
        `${settings.digestSchedule} runs the digest up to ${digestRuns} times a day, each covering the same whole days before it: ` +
        `staff would get the same digest ${digestRuns} times; run it at one time of day (e.g. cron(0 8 ? * MON *))`,
    });
  }
  // The digest lists the mail ignored on a guess by SES id, to be read in the mail bucket: kept no longer than a period, the
  // raw mail of its first days would be gone by then (loadConfig holds the decision records to the same bound).
  if (settings.mailExpiryDays !== undefined && settings.mailExpiryDays <= config.digestPeriodDays) {
    problems.push({
      setting: 'mailExpiryDays',
      message:
        `${settings.mailExpiryDays} days, but a digest covers the last ${config.digestPeriodDays} (digestPeriodDays) and sends staff to the ` +
        'mail bucket for the mail ignored on a guess: what came early in a period would be gone before a digest listed it; ' +
        `keep it at least ${config.digestPeriodDays + 1} days`,
    });
  }
  const zoneHoldsDomain = zoneName !== undefined && (settings.domain === zoneName || settings.domain.endsWith(`.${zoneName}`));
  if (zoneName !== undefined && !zoneHoldsDomain) {
    problems.push({
      setting: 'hostedZoneName',
      message: `"${zoneName}" must be the receiving domain ${settings.domain} or a parent of it`,
    });
  }
  problems.push(...addressesAtReceivingDomain(config, settings, zoneId !== undefined && zoneHoldsDomain));
  // The stack's own settings are tabled in docs/deploy.md, not in docs/settings.md, where the others are.
  if (problems.length > 0) throw new ConfigError(problems.map((p) => (STACK_KEYS.has(p.setting) ? { ...p, listedIn: STACK_DOC } : p)));

  // Every value without a fallback is optional; the others are set once there are no problems.
  const stack = settings as StackSettings;
  if (zoneId !== undefined && zoneName !== undefined) stack.hostedZone = { id: zoneId, name: zoneName };
  return { config, stack };
}
