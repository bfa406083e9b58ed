/** Where SES inbound stored each raw message: the receipt rule's S3 action writes prefix + message id. */
import { GetObjectCommand, type S3Client } from '@aws-sdk/client-s3';

/** The S3 prefix the stack's receipt rule stores raw mail under (and the local cloud too). */
export const MAIL_PREFIX = 'inbound/';

export interface StoredMailLocation {
  bucket: string;
  key: string;
  /** `s3://bucket/key`, for staff and logs. */
  uri: string;
}

export class MailStore {
  constructor(
    private readonly s3: S3Client,
    private readonly bucket: string,
    private readonly prefix: string,
  ) {}

  locate(sesMessageId: string): StoredMailLocation {
    const key = `${this.prefix}${sesMessageId}`;
    return { bucket: this.bucket, key, uri: `s3://${this.bucket}/${key}` };
  }

  /** The raw message; any failure names the object, so an operator can look for it. */
  async read(sesMessageId: string): Promise<Buffer> {
    const { bucket, key, uri } = this.locate(sesMessageId);
    try {
      const object = await this.s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
      if (!object.Body) throw new Error('the object has no body');
      return Buffer.from(await object.Body.transformToByteArray());
    } catch (error) {
      const { name, message } = error as Error;
      throw new Error(`Reading the raw message ${uri} (bucket ${bucket}, key ${key}) failed: ${name}: ${message}`, { cause: error });
    }
  }
}
