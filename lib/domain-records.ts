import { Aws, Duration } from 'aws-cdk-lib';
import * as route53 from 'aws-cdk-lib/aws-route53';
import * as ses from 'aws-cdk-lib/aws-ses';
import { Construct } from 'constructs';
import type { HostedZoneSettings } from './deploy-settings';

export interface DomainRecordsProps {
  domain: string;
  hostedZone: HostedZoneSettings;
}

/**
 * Points the domain's mail at SES in this region and verifies the domain for sending with
 * DKIM (Easy DKIM; SES's CNAME records go into the same zone).
 */
export class DomainRecords extends Construct {
  readonly identity: ses.EmailIdentity;

  constructor(scope: Construct, id: string, props: DomainRecordsProps) {
    super(scope, id);

    // Imported from attributes rather than looked up, so synthesizing needs no AWS credentials.
    const zone = route53.PublicHostedZone.fromPublicHostedZoneAttributes(this, 'Zone', {
      hostedZoneId: props.hostedZone.id,
      zoneName: props.hostedZone.name,
    });

    new route53.MxRecord(this, 'Mx', {
      zone,
      recordName: `${props.domain}.`,
      values: [{ priority: 10, hostName: `inbound-smtp.${Aws.REGION}.amazonaws.com` }],
      ttl: Duration.hours(1),
    });

    this.identity = new ses.EmailIdentity(this, 'Identity', {
      identity: props.domain === props.hostedZone.name ? ses.Identity.publicHostedZone(zone) : new SubdomainIdentity(props.domain, zone),
    });
  }
}

/** A domain below the zone's apex; its DKIM records still go into the zone. */
class SubdomainIdentity extends ses.Identity {
  constructor(
    readonly value: string,
    readonly hostedZone: route53.IPublicHostedZone,
  ) {
    super();
  }
}
