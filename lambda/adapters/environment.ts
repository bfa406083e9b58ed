/**
 * The handler's own environment variables (the FAQ settings are `lambda/config.ts`'s):
 * where the stack put the mail and the state, and, for the local cloud only, where the
 * stand-ins for S3, SES and DynamoDB listen.
 */
import { MAIL_PREFIX } from './mail-store';

export interface HandlerEnvironment {
  region: string;
  mailBucket: string;
  /** Prepended to SES's message id to form the object key (the receipt rule's S3 prefix). */
  mailPrefix: string;
  stateTable: string;
  /** The FAQ content folder; undefined means the one bundled beside the code. */
  contentDir?: string;
  /**
   * How many times Lambda runs one event: the first attempt and its retries (the stack's
   * retryAttempts + 1). On the last, a failure hands the message to staff instead of retrying.
   */
  attempts: number;
  /** Where the stack put the FAQ index it built (lambda/precomputed.ts); when set, the content folder is not read. */
  precomputedDir?: string;
  endpoints: { s3?: string; ses?: string; dynamodb?: string };
}

export type Environment = Readonly<Record<string, string | undefined>>;

/** Lambda's asynchronous invocation: one attempt and up to two retries. */
const DEFAULT_ATTEMPTS = 3;

function attemptCount(raw: string | undefined): number {
  if (raw === undefined || raw.trim() === '') return DEFAULT_ATTEMPTS;
  const value = Number(raw);
  if (!/^\d+$/.test(raw.trim()) || value < 1 || value > 3) {
    throw new Error(`FAQMAIL_ATTEMPTS must be 1, 2 or 3 (Lambda's retryAttempts + 1); got "${raw}"`);
  }
  return value;
}

/** What the digest function needs: no mail bucket. */
export type DigestEnvironment = Omit<HandlerEnvironment, 'mailBucket' | 'mailPrefix' | 'attempts'>;

/** Variables a function's environment lacks (the stack sets them; the local cloud too), named in `missing`. */
export class MissingEnvironmentError extends Error {
  constructor(
    who: string,
    readonly missing: readonly string[],
  ) {
    super(`The ${who} needs the environment variable(s) ${missing.join(', ')} (the stack sets them; the local cloud too)`);
    this.name = 'MissingEnvironmentError';
  }
}

function readEnvironment<T>(
  env: Environment,
  who: string,
  read: (required: (name: string) => string, optional: (name: string) => string | undefined) => T,
): T {
  const missing: string[] = [];
  const required = (name: string): string => {
    const value = env[name]?.trim();
    if (!value) missing.push(name);
    return value ?? '';
  };
  const optional = (name: string): string | undefined => env[name]?.trim() || undefined;
  const settings = read(required, optional);
  if (missing.length > 0) throw new MissingEnvironmentError(who, missing.sort());
  return settings;
}

function shared(required: (name: string) => string, optional: (name: string) => string | undefined): DigestEnvironment {
  return {
    region: required('AWS_REGION'),
    stateTable: required('FAQMAIL_STATE_TABLE'),
    contentDir: optional('FAQMAIL_CONTENT_DIR'),
    precomputedDir: optional('FAQMAIL_PRECOMPUTED_DIR'),
    endpoints: {
      s3: optional('FAQMAIL_S3_ENDPOINT'),
      ses: optional('FAQMAIL_SES_ENDPOINT'),
      dynamodb: optional('FAQMAIL_DYNAMODB_ENDPOINT'),
    },
  };
}

export function readDigestEnvironment(env: Environment): DigestEnvironment {
  return readEnvironment(env, 'digest function', shared);
}

export function readHandlerEnvironment(env: Environment): HandlerEnvironment {
  return readEnvironment(env, 'handler', (required, optional) => ({
    ...shared(required, optional),
    mailBucket: required('FAQMAIL_MAIL_BUCKET'),
    mailPrefix: env.FAQMAIL_MAIL_PREFIX ?? MAIL_PREFIX,
    attempts: attemptCount(env.FAQMAIL_ATTEMPTS),
  }));
}
