/** Calls to AWS services through aws-lite, each bounded in time. */
import awsLite, { type AwsLiteClient, type AwsLiteConfig, type AwsLiteRequest, type AwsLiteResponse } from '@aws-lite/client';

/** One signed request to one AWS service, bounded in time. */
export type AwsCall = (request: AwsLiteRequest) => Promise<AwsLiteResponse>;

/** A call that did not finish by its deadline; whatever it sent may or may not have been acted on. */
export class CallTimedOutError extends Error {
  constructor(deadlineMs: number, cause: unknown) {
    super(`no answer within ${deadlineMs} ms`, { cause });
    this.name = 'CallTimedOutError';
  }
}

/**
 * The client could not be made: aws-lite found no credentials, or does not know the region. What
 * is set up where the code runs, not a call that failed: nothing was sent.
 */
export class AwsSetupError extends Error {
  constructor(cause: unknown) {
    super(setupProblem(cause), { cause });
    this.name = 'AwsSetupError';
  }
}

/** aws-lite throws an Error, except for a credentials service's refusal, which it throws as the response. */
function setupProblem(cause: unknown): string {
  if (cause instanceof Error) return cause.message;
  const { statusCode, metadata } = (cause ?? {}) as { statusCode?: number; metadata?: { service?: string } };
  return `${metadata?.service ?? 'a credentials service'} answered HTTP ${statusCode ?? '(no status)'}`;
}

/**
 * An aws-lite client that fails a call at `deadlineMs`. It is made at its first call, since
 * aws-lite makes clients asynchronously (it may look for credentials in files) and the
 * handler's setup is synchronous; it reads the credentials from the environment (Lambda's
 * AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN) or aws-lite's usual places.
 */
export function awsCall(config: AwsLiteConfig, deadlineMs: number): AwsCall {
  let made: Promise<AwsLiteClient> | undefined;
  const client = () =>
    (made ??= awsLite(config).catch((error: unknown) => {
      made = undefined;
      throw new AwsSetupError(error);
    }));
  return async (request) => {
    const signal = AbortSignal.timeout(deadlineMs);
    try {
      const call = await client();
      // aws-lite hands the request's options to Node's http.request, which aborts on the signal.
      return await call({ ...request, signal } as AwsLiteRequest);
    } catch (error) {
      if (signal.aborted) throw new CallTimedOutError(deadlineMs, error);
      throw error;
    }
  };
}
