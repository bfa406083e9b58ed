/**
 * The SDK's S3 client on the s3rver stand-in. Kept out of `stand-ins.ts`, which the local
 * commands that never touch S3 (`npm run digest`) import too: loading @aws-sdk/client-s3
 * after the stand-ins costs another 56–114 ms on their 0.9–1.7 s.
 */
import { S3Client } from '@aws-sdk/client-s3';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from './stand-ins';

/** An S3 client for the stand-in at `endpoint`: path-style, since a loopback address has no bucket subdomains. */
export function localS3Client(endpoint: string): S3Client {
  return new S3Client({ endpoint, forcePathStyle: true, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS });
}
