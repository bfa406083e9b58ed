/**
 * The handler's own environment variables (the FAQ settings are `lambda/config.ts`'s):
 * where the stack put the mail and the state, and, for the local cloud only, where the
 * stand-ins for S3, SES and DynamoDB listen.
 */

export interface HandlerEnvironment {
  region: string;
  mailBucket: string;
  /** Prepended to SES's message id to form the object key (the receipt rule's S3 prefix). */
  mailPrefix: string;
  stateTable: string;
  /** The FAQ content folder; undefined means the one bundled beside the code. */
  contentDir?: string;
  endpoints: { s3?: string; ses?: string; dynamodb?: string };
}

export type Environment = Readonly<Record<string, string | undefined>>;

/** What the digest function needs: no mail bucket. */
export type DigestEnvironment = Omit<HandlerEnvironment, 'mailBucket' | 'mailPrefix'>;

function readEnvironment<T>(env: Environment, who: string, read: (required: (name: string) => string, optional: (name: string) => string | undefined) => T): T {
  const missing: string[] = [];
  const required = (name: string): string => {
    const value = env[name]?.trim();
    if (!value) missing.push(name);
    return value ?? '';
  };
  const optional = (name: string): string | undefined => env[name]?.trim() || undefined;
  const settings = read(required, optional);
  if (missing.length > 0) {
    throw new Error(`The ${who} needs the environment variable(s) ${missing.sort().join(', ')} (the stack sets them; the local cloud too)`);
  }
  return settings;
}

function shared(required: (name: string) => string, optional: (name: string) => string | undefined): DigestEnvironment {
  return {
    region: required('AWS_REGION'),
    stateTable: required('FAQMAIL_STATE_TABLE'),
    contentDir: optional('FAQMAIL_CONTENT_DIR'),
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
    mailPrefix: env.FAQMAIL_MAIL_PREFIX ?? 'inbound/',
  }));
}
