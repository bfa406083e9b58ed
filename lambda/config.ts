/**
 * faqmail's settings, defined once. The CLI and the Lambda read them from environment
 * variables; the CDK stack reads the same settings from context and passes them to the
 * function as those variables, so all three agree on names, defaults and validation.
 */
import { ANSWER_MODEL } from './match/answer-model';

import { statSync } from 'node:fs';
import { comparable } from './comparable-address';
import { ContentError } from './content/content-error';
import { editDistance } from './edit-distance';
import { MAX_ADDRESS_LENGTH, SES_ADDRESS } from './mail/address-syntax';

export interface Config {
  /** The address writers mail and replies come from. */
  inboxAddress: string;
  inboxName: string;
  /** Where escalations go. */
  staffAddresses: string[];
  /** Every address this deployment receives mail at (the inbox is always among them). */
  recipientAddresses: string[];
  /** Base URL for relative links in the FAQ; overrides the FAQ's front matter when set. */
  siteBaseUrl?: string;
  /** Lowest probability (from the fitted answer model) at which an FAQ entry is sent as an answer. */
  answerThreshold: number;
  /** Most FAQ answers in one reply. */
  maxAnswers: number;
  /** Automatic replies to one sender per 24 hours; past that, mail goes to staff. */
  senderDailyLimit: number;
  /** Automatic replies in one clock hour, all senders together; past that, mail goes to staff. */
  hourlyAnswerLimit: number;
  /** Messages from one sender forwarded to staff per UTC day; past that, one notice, then mail is held. */
  senderDailyEscalations: number;
  /** Messages forwarded to staff per clock hour (UTC), all senders together; past that, one notice, then mail is held. */
  hourlyEscalationLimit: number;
  /** Tag at the start of escalation subjects, for staff mail filters. */
  escalationTag: string;
  /** Largest raw message attached to an escalation; larger ones are linked instead. */
  maxAttachmentBytes: number;
  /** Decision records keep what the writer asked (off: only scores and entries). */
  recordQuestionText: boolean;
  /** Days a decision record is kept. */
  decisionRetentionDays: number;
  /** Who receives the digest; undefined means the staff addresses. */
  digestRecipients?: string[];
  /** Days one digest covers (compared with the same number of days before). */
  digestPeriodDays: number;
  /** `auto` answers writers; `shadow` answers no one and shows staff what it would have sent. */
  mode: Mode;
  /** Measured precision (from staff verdicts) at which the digest says shadow mode may switch to auto. */
  autoPrecisionBar: number;
  /** Fewest verdicts on proposed answers before that measurement counts. */
  autoMinVerdicts: number;
  /** What must reach `autoPrecisionBar`: the measured share, or the low end of its 95% Wilson interval. */
  autoPrecisionBasis: PrecisionBasis;
}

/** Who the digest goes to: the digest recipients, else the staff. */
export function digestAddresses(config: Pick<Config, 'digestRecipients' | 'staffAddresses'>): string[] {
  return config.digestRecipients ?? config.staffAddresses;
}

const MODES = ['auto', 'shadow'] as const;
export type Mode = (typeof MODES)[number];

const PRECISION_BASES = ['measured', 'lower-bound'] as const;
export type PrecisionBasis = (typeof PRECISION_BASES)[number];

export interface SettingProblem {
  setting: string;
  message: string;
  /** The name is no setting at all (a typo, most likely), rather than a setting with a bad value. */
  unknown?: boolean;
  /** Where the setting is described, when not in docs/settings.md (the stack's own: docs/deploy.md). */
  listedIn?: string;
}

/** Bad setting values; `problems` names each setting at fault. */
export class ConfigError extends Error {
  readonly settings: string[];
  constructor(readonly problems: SettingProblem[]) {
    super(problems.map((p) => `${p.unknown ? 'Unknown' : 'Invalid'} setting ${p.setting}: ${p.message}`).join('\n'));
    this.name = 'ConfigError';
    this.settings = problems.map((p) => p.setting);
  }
}

/** A parser's complaint about one value; loadConfig (or the stack's settings) adds the setting's name. */
export class InvalidValue extends Error {}

type Parser<T> = (raw: string) => T;

/** RFC 5321 §4.5.3.1.1: 64 octets before the @ (and MAX_ADDRESS_LENGTH in all). */
const LONGEST_LOCAL_PART = 64;

/**
 * SES's API takes addresses in 7-bit ASCII only (it has no SMTPUTF8), a domain in Punycode, so
 * every mail from or to such an address is refused; an address past RFC 5321's lengths is one
 * no server need accept.
 */
export const email: Parser<string> = (raw) => {
  // The forms a mail client shows, copied into a setting: say what to write instead.
  const named = /^(.*?)\s*<([^<>\s]+@[^<>\s]+)>$/.exec(raw.trim());
  if (named)
    throw new InvalidValue(`"${raw}" ${named[1] ? 'has a display name' : 'is in angle brackets'}: write the address alone, ${named[2]}`);
  if (severalAddresses(raw)) throw new InvalidValue(`"${raw}" is more than one address: give one`);
  const value = raw.trim().toLowerCase();
  const at = value.lastIndexOf('@');
  if (at > 0 && /[^\x20-\x7e]/.test(value)) {
    const where = /[^\x20-\x7e]/.test(value.slice(at))
      ? 'write the domain in Punycode (xn--...)'
      : 'every character before the @ must be printable ASCII';
    throw new InvalidValue(`"${raw}" is not an email address SES can send with: ${where} (SES has no SMTPUTF8)`);
  }
  if (!SES_ADDRESS.test(value)) throw new InvalidValue(`"${raw}" is not an email address (expected e.g. developers@example.com)`);
  if (value.length > MAX_ADDRESS_LENGTH || at > LONGEST_LOCAL_PART)
    throw new InvalidValue(
      `"${raw}" is ${value.length} characters with ${at} before the @: RFC 5321 allows ${MAX_ADDRESS_LENGTH}, ${LONGEST_LOCAL_PART} before the @`,
    );
  return value;
};

/**
 * SES refuses a mail to more than 50 recipients (To, Cc and Bcc together; a quota SES lists as not
 * adjustable), and every hand-over, notice and digest goes to all of its list in one mail.
 */
const MOST_RECIPIENTS = 50;

/** The addresses in `raw` when it is several separated otherwise than by commas (spaces, semicolons), as mail clients list them. */
function severalAddresses(raw: string): string[] | undefined {
  const parts = raw.trim().split(/[\s;]+/);
  return parts.length > 1 && parts.every((part) => part.includes('@')) ? parts : undefined;
}

const emailList =
  (most = Infinity): Parser<string[]> =>
  (raw) => {
    const values = raw
      .split(',')
      .map((part) => part.trim())
      .filter(Boolean);
    for (const value of values) {
      const several = severalAddresses(value);
      if (several) throw new InvalidValue(`"${value}" is more than one address: separate them with commas (${several.join(', ')})`);
    }
    if (values.length === 0) throw new InvalidValue('expected at least one email address, comma-separated');
    if (values.length > most)
      throw new InvalidValue(
        `${values.length} addresses, but SES refuses a mail to more than ${most} (To, Cc and Bcc together), ` +
          `and each mail goes to all of them: give at most ${most} (a mailing list counts as one)`,
      );
    return values.map((value) => email(value));
  };

const text: Parser<string> = (raw) => {
  if (/[\r\n]/.test(raw)) throw new InvalidValue('must be a single line');
  return raw.trim();
};

const url: Parser<string> = (raw) => {
  let parsed: URL;
  try {
    parsed = new URL(raw.trim());
  } catch {
    throw new InvalidValue(`"${raw}" is not a URL (expected e.g. https://developer.example.com)`);
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') throw new InvalidValue(`"${raw}" must be an http(s) URL`);
  return parsed.toString().replace(/\/$/, '');
};

const fraction: Parser<number> = (raw) => {
  const value = Number(raw);
  if (raw.trim() === '' || !Number.isFinite(value) || value < 0 || value > 1)
    throw new InvalidValue(`"${raw}" must be a number from 0 to 1`);
  return value;
};

/** Why neither end of the range is a bar on a probability (docs/settings.md says the same). */
const BAR_ENDS: ReadonlyMap<number, string> = new Map([
  [0, 'at 0 any mail is sent the entries that fit it best, however poorly'],
  [1, 'a probability reaches 1 only by rounding, so at 1 the rare answer sent would be arbitrary: to answer no one, use shadow mode'],
]);

/** A bar that a probability must reach: strictly between 0 and 1, an end refused with its reason. */
const probabilityBar: Parser<number> = (raw) => {
  const value = raw.trim() === '' ? NaN : Number(raw);
  if (value > 0 && value < 1) return value;
  const why = BAR_ENDS.get(value);
  throw new InvalidValue(`"${raw}" must be a number greater than 0 and less than 1${why === undefined ? '' : `: ${why}`}`);
};

const onOff: Parser<boolean> = (raw) => {
  const value = raw.trim().toLowerCase();
  if (value === 'true') return true;
  if (value === 'false') return false;
  throw new InvalidValue(`"${raw}" must be true or false`);
};

const oneOf =
  <T extends string>(values: readonly T[]): Parser<T> =>
  (raw) => {
    const value = raw.trim().toLowerCase();
    if (!(values as readonly string[]).includes(value)) throw new InvalidValue(`"${raw}" must be one of ${values.join(', ')}`);
    return value as T;
  };

const count =
  (min: number, max: number): Parser<number> =>
  (raw) => {
    const value = Number(raw);
    if (!/^\d+$/.test(raw.trim()) || value < min || value > max)
      throw new InvalidValue(`"${raw}" must be a whole number from ${min} to ${max}`);
    return value;
  };

interface Setting<K extends keyof Config> {
  key: K;
  /** Environment variable read by the CLI and the Lambda. */
  env: string;
  /** CDK context key read by the stack. */
  context: string;
  description: string;
  parse: Parser<Config[K]>;
  /** Default as the string a user would write; undefined means the setting is optional. */
  fallback?: string;
}

function setting<K extends keyof Config>(s: Setting<K>): Setting<K> {
  return s;
}

/** Every setting, with its names in each place it can be set; the table in docs/settings.md follows this (test/readme.test.ts). */
/** The longest period one digest covers (`digestPeriodDays`); the stack also refuses a schedule further apart. */
export const MAX_DIGEST_PERIOD_DAYS = 90;

export const SETTINGS = [
  setting({
    key: 'inboxAddress',
    env: 'FAQMAIL_INBOX_ADDRESS',
    context: 'inboxAddress',
    description: 'Address writers mail; answers are sent from it',
    parse: email,
    fallback: 'developers@example.com',
  }),
  setting({
    key: 'inboxName',
    env: 'FAQMAIL_INBOX_NAME',
    context: 'inboxName',
    description: 'Display name on answers',
    parse: text,
    fallback: 'Developer Relations',
  }),
  setting({
    key: 'staffAddresses',
    env: 'FAQMAIL_STAFF_ADDRESSES',
    context: 'staffAddresses',
    description: 'Where escalations go (comma-separated; not an address faqmail receives at, where they would be dropped as its own)',
    parse: emailList(MOST_RECIPIENTS),
    fallback: 'staff@example.com',
  }),
  setting({
    key: 'recipientAddresses',
    env: 'FAQMAIL_RECIPIENT_ADDRESSES',
    context: 'recipientAddresses',
    description: 'Other addresses the inbox receives at (comma-separated; the inbox address is always included)',
    parse: emailList(),
  }),
  setting({
    key: 'siteBaseUrl',
    env: 'FAQMAIL_SITE_BASE_URL',
    context: 'siteBaseUrl',
    description: "Base URL for relative FAQ links (default: the FAQ's front matter)",
    parse: url,
  }),
  setting({
    key: 'answerThreshold',
    env: 'FAQMAIL_ANSWER_THRESHOLD',
    context: 'answerThreshold',
    description:
      'Lowest probability (greater than 0, less than 1) that an FAQ entry answers the mail at which it is sent; nothing below it is ever sent',
    parse: probabilityBar,
    fallback: String(ANSWER_MODEL.threshold),
  }),
  setting({
    key: 'maxAnswers',
    env: 'FAQMAIL_MAX_ANSWERS',
    context: 'maxAnswers',
    description: 'Most FAQ answers in one reply',
    parse: count(1, 10),
    // 5, not 3: a list of four or five questions the FAQ answers then gets every answer and no needless hand-over;
    // no other decision on the labelled sets or the probe mail changes (docs/answer-model-experiments.md, "Multi").
    fallback: '5',
  }),
  setting({
    key: 'senderDailyLimit',
    env: 'FAQMAIL_SENDER_DAILY_LIMIT',
    context: 'senderDailyLimit',
    description: 'Automatic replies to one sender per 24 hours',
    parse: count(0, 1000),
    fallback: '3',
  }),
  setting({
    key: 'hourlyAnswerLimit',
    env: 'FAQMAIL_HOURLY_ANSWER_LIMIT',
    context: 'hourlyAnswerLimit',
    description: 'Automatic replies per clock hour, all senders together',
    parse: count(0, 5000),
    fallback: '200',
  }),
  setting({
    key: 'senderDailyEscalations',
    env: 'FAQMAIL_SENDER_DAILY_ESCALATIONS',
    context: 'senderDailyEscalations',
    description:
      "Messages from one sender forwarded to staff per UTC day; then one notice, and the rest are held in S3 (a writer's own replies in a conversation staff took over from them are not counted: docs/security.md)",
    parse: count(0, 1000),
    fallback: '5',
  }),
  setting({
    key: 'hourlyEscalationLimit',
    env: 'FAQMAIL_HOURLY_ESCALATION_LIMIT',
    context: 'hourlyEscalationLimit',
    description:
      "Messages forwarded to staff per clock hour (UTC), all senders together, each still within its sender's cap; then one notice, and the rest that hour are held in S3 (mail the sender cap does not count is not counted here either: docs/security.md)",
    // Its forwarded ids and the held ones listed share one item (MAX_HELD_LISTED in ../state/dynamodb-state-store).
    parse: count(0, 1000),
    fallback: '100',
  }),
  setting({
    key: 'escalationTag',
    env: 'FAQMAIL_ESCALATION_TAG',
    context: 'escalationTag',
    description: 'Tag at the start of escalation subjects',
    parse: text,
    fallback: '[faqmail]',
  }),
  setting({
    key: 'maxAttachmentBytes',
    env: 'FAQMAIL_MAX_ATTACHMENT_BYTES',
    context: 'maxAttachmentBytes',
    description:
      'Largest original attached to an escalation; a bounce with no standard report is attached beside it only within the same total (SES allows 10 MB per raw message, after base64)',
    parse: count(1024, 7_000_000),
    fallback: '7000000',
  }),
  setting({
    key: 'recordQuestionText',
    env: 'FAQMAIL_RECORD_QUESTION_TEXT',
    context: 'recordQuestionText',
    description: "Decision records keep the writer's questions (false: only entries and scores; the digest then groups by nearest entry)",
    parse: onOff,
    fallback: 'true',
  }),
  setting({
    key: 'decisionRetentionDays',
    env: 'FAQMAIL_DECISION_RETENTION_DAYS',
    context: 'decisionRetentionDays',
    description: 'Days a decision record is kept (DynamoDB TTL); the digest shows the mail ignored on a guess from them',
    parse: count(1, 3650),
    fallback: '90',
  }),
  setting({
    key: 'digestRecipients',
    env: 'FAQMAIL_DIGEST_RECIPIENTS',
    context: 'digestRecipients',
    description: 'Who receives the FAQ-gap digest (comma-separated; default: the staff addresses; not an address faqmail receives at)',
    parse: emailList(MOST_RECIPIENTS),
  }),
  setting({
    key: 'digestPeriodDays',
    env: 'FAQMAIL_DIGEST_PERIOD_DAYS',
    context: 'digestPeriodDays',
    description: 'Days one digest covers, shown beside the same number of days before',
    parse: count(1, MAX_DIGEST_PERIOD_DAYS),
    fallback: '7',
  }),
  setting({
    key: 'mode',
    env: 'FAQMAIL_MODE',
    context: 'mode',
    description: '`auto` answers writers; `shadow` answers no one and shows staff, on every hand-over, the reply it would have sent',
    parse: oneOf(MODES),
    fallback: 'auto',
  }),
  setting({
    key: 'autoPrecisionBar',
    env: 'FAQMAIL_AUTO_PRECISION_BAR',
    context: 'autoPrecisionBar',
    description: 'Precision (0-1) measured from staff verdicts at which the digest says shadow mode may switch to auto',
    parse: fraction,
    fallback: '0.95',
  }),
  // 50: with the bar on the measured share, a release that is wrong twice as often as a 95% bar allows (90% precise)
  // still measures at least 95% on 50 verdicts about once in nine (binomial: 0.112), on 30 once in five (0.184), on 100
  // once in seventeen (0.058); one 85% precise, once in seventy at 50. Each digest judges again, though: with one every
  // 10 verdicts from 50 to 150, the 90% release clears the bar in one of them about once in five (0.185), a 93% one
  // every other time. Fifty is a few weeks of proposals for a small team, and the digest states the Wilson interval beside
  // the figure; a team that cannot take those chances judges on the interval's low end (autoPrecisionBasis).
  // test/verdict-measure.test.ts checks these chances.
  setting({
    key: 'autoMinVerdicts',
    env: 'FAQMAIL_AUTO_MIN_VERDICTS',
    context: 'autoMinVerdicts',
    description: 'Fewest verdicts on proposed answers before that precision counts',
    parse: count(1, 100000),
    fallback: '50',
  }),
  // The low end of the interval the digest shows (95% Wilson), so that what it judges is what it states: a release below
  // the bar passes it hardly ever, in however many digests (a 93% one under once in a hundred, looking every 10
  // verdicts from 50 to 150), but one above it takes longer (by 200 verdicts, 97% precise clears a 95% bar about one time
  // in four, 98% six in ten, 99% nine in ten; 73 right of 73 is the fewest that clear it). Measured is the default, which
  // keeps 50 verdicts enough for a small team, with the chances above stated in docs/operate-shadow.md.
  setting({
    key: 'autoPrecisionBasis',
    env: 'FAQMAIL_AUTO_PRECISION_BASIS',
    context: 'autoPrecisionBasis',
    description:
      'What must reach autoPrecisionBar: `measured`, the share of judged answers staff called right, or `lower-bound`, the low end of its 95% interval',
    parse: oneOf(PRECISION_BASES),
    fallback: 'measured',
  }),
] as const;

/** The FAQ content folder to load instead of the bundled one (the CLI, `npm start`, the Lambda bundle). */
export const CONTENT_DIR = {
  env: 'FAQMAIL_CONTENT_DIR',
  description:
    'Folder of FAQ content to load (default: `content/` beside the code); the deployed functions read the index built at synth instead',
} as const;

/** The FAQ folder `source` names (FAQMAIL_CONTENT_DIR), or undefined for the shipped one: blank is unset, as for every setting. */
export function contentDirFrom(source: Readonly<Record<string, string | undefined>>): string | undefined {
  return source[CONTENT_DIR.env]?.trim() || undefined;
}

/** Where the stack (or the local cloud) put the mail and the state: read by `adapters/environment.ts`, never set by hand. */
export const DEPLOYMENT_VARIABLES = [
  'FAQMAIL_MAIL_BUCKET',
  'FAQMAIL_MAIL_PREFIX',
  'FAQMAIL_STATE_TABLE',
  'FAQMAIL_ATTEMPTS',
  'FAQMAIL_PRECOMPUTED_DIR',
  'FAQMAIL_S3_ENDPOINT',
  'FAQMAIL_SES_ENDPOINT',
  'FAQMAIL_DYNAMODB_ENDPOINT',
] as const;

/** The local cloud's own variables (its ports) start with this; `npm start` checks them against its list. */
export const LOCAL_PREFIX = 'FAQMAIL_LOCAL_';

function isFolder(dir: string): boolean {
  try {
    return statSync(dir).isDirectory();
  } catch {
    return false;
  }
}

/**
 * Each name that is not in `known`, as a problem that suggests the nearest known name when
 * it is close (a third of the name's letters or fewer differ): a misspelt setting would
 * otherwise be ignored without a word, leaving its default in force.
 */
export function unknownNames(names: Iterable<string>, known: readonly string[]): SettingProblem[] {
  const knownSet = new Set(known);
  const problems: SettingProblem[] = [];
  for (const name of names) {
    if (knownSet.has(name)) continue;
    const ranked = known
      .map((candidate) => ({ candidate, d: editDistance(name.toLowerCase(), candidate.toLowerCase()) }))
      .sort((a, b) => a.d - b.d);
    const best = ranked[0];
    const hint = best && best.d <= Math.ceil(name.length / 3) ? `did you mean ${best.candidate}?` : 'no such setting';
    problems.push({ setting: name, message: hint, unknown: true });
  }
  return problems;
}

/** Every FAQMAIL_* variable the Lambda and the CLI read (the local cloud's `FAQMAIL_LOCAL_*` aside). */
const KNOWN_VARIABLES: readonly string[] = [...SETTINGS.map((s) => s.env), CONTENT_DIR.env, ...DEPLOYMENT_VARIABLES];

/**
 * The names in `source` that start with `prefix` in any case. One in another case than the settings' own is never
 * read (`faqmail_mode`: names are case-sensitive), so it is one to report; but where the environment ignores case, as
 * Windows' does, reading the setting's own name finds its value, and it is left out.
 */
export function namesStarting(source: Readonly<Record<string, string | undefined>>, prefix: string): string[] {
  return Object.keys(source).filter((name) => {
    const upper = name.toUpperCase();
    return upper.startsWith(prefix) && (name === upper || source[upper] !== source[name]);
  });
}

/** The names in an environment that set faqmail, not the local cloud's ports: each must be a setting. */
export function settingVariables(source: Readonly<Record<string, string | undefined>>): string[] {
  return namesStarting(source, 'FAQMAIL_').filter((name) => !name.toUpperCase().startsWith(LOCAL_PREFIX));
}

/** Each `FAQMAIL_*` variable in an environment that faqmail does not read, with the nearest name (read by loadConfig and the stack). */
export function unknownVariables(source: Readonly<Record<string, string | undefined>>): SettingProblem[] {
  return unknownNames(settingVariables(source), KNOWN_VARIABLES);
}

/**
 * Staff or digest recipients that faqmail itself receives at: mail sent there comes back from
 * the inbox, is screened as faqmail's own and dropped, so no person would see an escalation.
 */
function mailToOurselves(values: Partial<Record<keyof Config, unknown>>, naming: 'env' | 'context'): SettingProblem[] {
  const { inboxAddress, recipientAddresses = [] } = values as Partial<Config>;
  if (inboxAddress === undefined) return [];
  const receiving = new Set([inboxAddress, ...recipientAddresses].map(comparable));
  return SETTINGS.filter((s) => s.key === 'staffAddresses' || s.key === 'digestRecipients').flatMap((s) => {
    const ours = ((values[s.key] as string[] | undefined) ?? []).find((address) => receiving.has(comparable(address)));
    if (ours === undefined) return [];
    const message = `${ours} is an address faqmail receives at: mail to it comes back as faqmail's own and is dropped unread; give the staff's own addresses`;
    return [{ setting: s[naming], message }];
  });
}

/**
 * Decision records kept no longer than a digest period: the digest alone shows the mail screening
 * ignored on a guess (a person may have written it), read from the records of the last
 * `digestPeriodDays` whole days when it runs, so a record must outlive the period and the day it ends on.
 */
function recordsOutlivePeriod(values: Partial<Record<keyof Config, unknown>>, naming: 'env' | 'context'): SettingProblem[] {
  const { decisionRetentionDays: kept, digestPeriodDays: period } = values as Partial<Config>;
  if (kept === undefined || period === undefined || kept > period) return [];
  const name = (key: keyof Config) => SETTINGS.find((s) => s.key === key)![naming];
  const message =
    `${kept} days, but a digest covers the last ${period} (${name('digestPeriodDays')}) and shows the mail ignored on a guess from ` +
    `these records: what came early in a period would expire before a digest showed it to a person; keep them at least ${period + 1} days`;
  return [{ setting: name('decisionRetentionDays'), message }];
}

/**
 * Builds a Config from name-value pairs (environment variables, or CDK context mapped to
 * them). Every bad value is reported, each naming its setting; so is every `FAQMAIL_*`
 * variable that is no setting, with the nearest name.
 */
export function loadConfig(source: Readonly<Record<string, string | undefined>>, naming: 'env' | 'context' = 'env'): Config {
  const values: Partial<Record<keyof Config, unknown>> = {};
  const problems: SettingProblem[] = naming === 'env' ? unknownVariables(source) : [];
  const contentDir = naming === 'env' ? contentDirFrom(source) : undefined;
  if (contentDir && !isFolder(contentDir))
    problems.push({
      setting: CONTENT_DIR.env,
      message: `"${contentDir}" is not a folder (expected one holding the FAQ's .md files, e.g. content)`,
    });
  for (const s of SETTINGS) {
    const name = s[naming];
    // Blank is unset, as for the stack's own settings: `FAQMAIL_MAX_ANSWERS=` must not leave a setting with no value.
    const given = source[name];
    const raw = given === undefined || given.trim() === '' ? s.fallback : given;
    if (raw === undefined) continue;
    // Invisible when printed: every setting of a sourced file saved with Windows line endings ends so.
    if (String(raw).endsWith('\r')) {
      problems.push({
        setting: name,
        message: 'ends in a carriage return (\\r): saved with Windows line endings? Save the file with LF endings',
      });
      continue;
    }
    try {
      values[s.key] = s.parse(String(raw));
    } catch (error) {
      if (!(error instanceof InvalidValue)) throw error;
      problems.push({ setting: name, message: error.message });
    }
  }
  problems.push(...mailToOurselves(values, naming), ...recordsOutlivePeriod(values, naming));
  if (problems.length > 0) throw new ConfigError(problems);
  const config = values as Config;
  config.recipientAddresses = [...new Set([config.inboxAddress, ...(config.recipientAddresses ?? [])])];
  return config;
}

/** The settings as environment variables, for the stack to hand to the function. */
export function configToEnv(config: Config): Record<string, string> {
  const env: Record<string, string> = {};
  for (const s of SETTINGS) {
    const value = config[s.key];
    if (value === undefined) continue;
    env[s.env] = Array.isArray(value) ? value.join(',') : String(value);
  }
  return env;
}

/**
 * A bad setting or bad content as `npm start`, `cdk synth`, the CLI and the Lambda's first
 * event report it: one line per problem, no stack trace, and where to read more.
 */
export function startupFailure(error: ConfigError | ContentError): string {
  if (error instanceof ContentError) return `faqmail: ${error.message} (npm run check-content checks the FAQ; docs/content.md explains it)`;
  return error.problems
    .map((p) => {
      const where = p.listedIn === undefined ? 'docs/settings.md lists every setting' : `${p.listedIn} lists it`;
      const line = `${p.unknown ? 'Unknown' : 'Invalid'} setting ${p.setting}: ${p.message}`;
      return line
        .split('\n')
        .map((part) => `faqmail: ${part} (${where})`)
        .join('\n');
    })
    .join('\n');
}
