/** Where SES inbound stored each raw message: the receipt rule's S3 action writes prefix + message id. */
import type { AwsCall } from './aws-call';

/** The S3 prefix the stack's receipt rule stores raw mail under (and the local cloud too). */
export const MAIL_PREFIX = 'inbound/';

export interface StoredMailLocation {
  bucket: string;
  key: string;
  /** `s3://bucket/key`, for staff and logs. */
  uri: string;
}

/** How to reach the mail bucket; `pathStyle` when a stand-in answers for every bucket at one host. */
export interface MailBucket {
  call: AwsCall;
  region: string;
  pathStyle: boolean;
}

export class MailStore {
  constructor(
    private readonly s3: MailBucket,
    private readonly bucket: string,
    private readonly prefix: string,
  ) {}

  locate(sesMessageId: string): StoredMailLocation {
    const key = `${this.prefix}${sesMessageId}`;
    return { bucket: this.bucket, key, uri: `s3://${this.bucket}/${key}` };
  }

  /**
   * The raw message, or undefined when the bucket no longer holds it (its lifecycle expired it). S3 says so only to a
   * caller who may list the bucket; to any other, a missing object is AccessDenied, which fails like any other error.
   */
  async readIfKept(sesMessageId: string): Promise<Buffer | undefined> {
    try {
      return await this.read(sesMessageId);
    } catch (error) {
      if (((error as Error).cause as Error | undefined)?.name === 'NoSuchKey') return undefined;
      throw error;
    }
  }

  /** The raw message; any failure names the object, so an operator can look for it. */
  async read(sesMessageId: string): Promise<Buffer> {
    const { bucket, key, uri } = this.locate(sesMessageId);
    const { call, region, pathStyle } = this.s3;
    try {
      const { payload } = await call({
        service: 's3',
        // Virtual-hosted-style in AWS, as the SDK addresses a bucket whose name has no dots.
        ...(pathStyle ? { path: `/${bucket}/${key}` } : { host: `${bucket}.s3.${region}.amazonaws.com`, path: `/${key}` }),
        // The bytes as they are: aws-lite parses a body by its Content-Type (S3 answers with the
        // object's own), and its errors must stay XML for it to read S3's error code.
        query: { 'response-content-type': 'application/octet-stream' },
      });
      if (payload === null) return Buffer.alloc(0);
      if (!Buffer.isBuffer(payload)) throw new Error("S3 answered with something other than the object's bytes");
      return payload;
    } catch (error) {
      const { name, message } = error as Error;
      throw new Error(`Reading the raw message ${uri} (bucket ${bucket}, key ${key}) failed: ${name}: ${message}`, { cause: error });
    }
  }
}
