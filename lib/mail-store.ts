import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';

export interface MailStoreProps {
  /** Days raw mail is kept; SES stores every message here before the function runs. */
  expiryDays: number;
}

/**
 * The bucket SES writes raw mail to, and the bucket its server access logs go to. Only SES
 * may write mail (see InboundReceipt, which adds that grant with the rule's ARN).
 */
export class MailStore extends Construct {
  readonly bucket: s3.Bucket;

  constructor(scope: Construct, id: string, props: MailStoreProps) {
    super(scope, id);

    const accessLogs = new s3.Bucket(this, 'AccessLogs', {
      // S3 delivers server access logs only to buckets encrypted with S3-managed keys.
      encryption: s3.BucketEncryption.S3_MANAGED,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      enforceSSL: true,
      lifecycleRules: [{ expiration: Duration.days(props.expiryDays) }],
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.bucket = new s3.Bucket(this, 'RawMail', {
      // SSE-S3: SES's S3 action writes to it without a KMS key policy, and nothing is billed per request.
      encryption: s3.BucketEncryption.S3_MANAGED,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      enforceSSL: true,
      serverAccessLogsBucket: accessLogs,
      serverAccessLogsPrefix: 'raw-mail/',
      lifecycleRules: [{ expiration: Duration.days(props.expiryDays), abortIncompleteMultipartUploadAfter: Duration.days(1) }],
      // Mail is the record of what writers sent; deleting the stack must not delete it.
      removalPolicy: RemovalPolicy.RETAIN,
    });
  }
}
