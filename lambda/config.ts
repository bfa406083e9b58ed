/**
 * faqmail's settings, defined once. The CLI and the Lambda read them from environment
 * variables; the CDK stack reads the same settings from context and passes them to the
 * function as those variables, so all three agree on names, defaults and validation.
 */
import { ANSWER_MODEL } from './match/answer-model';

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
  /** Tag at the start of escalation subjects, for staff mail filters. */
  escalationTag: string;
  /** Largest raw message attached to an escalation; larger ones are linked instead. */
  maxAttachmentBytes: number;
}

export interface SettingProblem {
  setting: string;
  message: string;
}

/** Bad setting values; `problems` names each setting at fault. */
export class ConfigError extends Error {
  readonly settings: string[];
  constructor(readonly problems: SettingProblem[]) {
    super(problems.map((p) => `Invalid setting ${p.setting}: ${p.message}`).join('\n'));
    this.name = 'ConfigError';
    this.settings = problems.map((p) => p.setting);
  }
}

/** A parser's complaint about one value; loadConfig adds the setting's name. */
class InvalidValue extends Error {}

type Parser<T> = (raw: string) => T;

const EMAIL = /^[^\s@<>()",;:\\[\]]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+$/;

const email: Parser<string> = (raw) => {
  const value = raw.trim().toLowerCase();
  if (!EMAIL.test(value)) throw new InvalidValue(`"${raw}" is not an email address (expected e.g. developers@example.com)`);
  return value;
};

const emailList: Parser<string[]> = (raw) => {
  const values = raw.split(',').map((part) => part.trim()).filter(Boolean);
  if (values.length === 0) throw new InvalidValue('expected at least one email address, comma-separated');
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
  if (raw.trim() === '' || !Number.isFinite(value) || value < 0 || value > 1) throw new InvalidValue(`"${raw}" must be a number from 0 to 1`);
  return value;
};

const count = (min: number, max: number): Parser<number> => (raw) => {
  const value = Number(raw);
  if (!/^\d+$/.test(raw.trim()) || value < min || value > max) throw new InvalidValue(`"${raw}" must be a whole number from ${min} to ${max}`);
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

/** Every setting, with its names in each place it can be set; the README's table follows this. */
export const SETTINGS = [
  setting({ key: 'inboxAddress', env: 'FAQMAIL_INBOX_ADDRESS', context: 'inboxAddress', description: 'Address writers mail; answers are sent from it', parse: email, fallback: 'developers@example.com' }),
  setting({ key: 'inboxName', env: 'FAQMAIL_INBOX_NAME', context: 'inboxName', description: 'Display name on answers', parse: text, fallback: 'Developer Relations' }),
  setting({ key: 'staffAddresses', env: 'FAQMAIL_STAFF_ADDRESSES', context: 'staffAddresses', description: 'Where escalations go (comma-separated)', parse: emailList, fallback: 'staff@example.com' }),
  setting({ key: 'recipientAddresses', env: 'FAQMAIL_RECIPIENT_ADDRESSES', context: 'recipientAddresses', description: 'Other addresses the inbox receives at (comma-separated; the inbox address is always included)', parse: emailList }),
  setting({ key: 'siteBaseUrl', env: 'FAQMAIL_SITE_BASE_URL', context: 'siteBaseUrl', description: "Base URL for relative FAQ links (default: the FAQ's front matter)", parse: url }),
  setting({
    key: 'answerThreshold',
    env: 'FAQMAIL_ANSWER_THRESHOLD',
    context: 'answerThreshold',
    description: 'Lowest probability (0-1) that an FAQ entry answers the mail at which it is sent; nothing below it is ever sent',
    parse: fraction,
    fallback: String(ANSWER_MODEL.threshold),
  }),
  setting({ key: 'maxAnswers', env: 'FAQMAIL_MAX_ANSWERS', context: 'maxAnswers', description: 'Most FAQ answers in one reply', parse: count(1, 10), fallback: '3' }),
  setting({ key: 'senderDailyLimit', env: 'FAQMAIL_SENDER_DAILY_LIMIT', context: 'senderDailyLimit', description: 'Automatic replies to one sender per 24 hours', parse: count(0, 1000), fallback: '3' }),
  setting({ key: 'escalationTag', env: 'FAQMAIL_ESCALATION_TAG', context: 'escalationTag', description: 'Tag at the start of escalation subjects', parse: text, fallback: '[faqmail]' }),
  setting({ key: 'maxAttachmentBytes', env: 'FAQMAIL_MAX_ATTACHMENT_BYTES', context: 'maxAttachmentBytes', description: 'Largest original attached to an escalation (SES allows 10 MB per raw message, after base64)', parse: count(1024, 7_000_000), fallback: '7000000' }),
] as const;

/**
 * Builds a Config from name-value pairs (environment variables, or CDK context mapped to
 * them). Every bad value is reported, each naming its setting.
 */
export function loadConfig(source: Readonly<Record<string, string | undefined>>, naming: 'env' | 'context' = 'env'): Config {
  const values: Partial<Record<keyof Config, unknown>> = {};
  const problems: SettingProblem[] = [];
  for (const s of SETTINGS) {
    const name = s[naming];
    const raw = source[name] ?? s.fallback;
    if (raw === undefined || raw === '') continue;
    try {
      values[s.key] = s.parse(String(raw));
    } catch (error) {
      if (!(error instanceof InvalidValue)) throw error;
      problems.push({ setting: name, message: error.message });
    }
  }
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
