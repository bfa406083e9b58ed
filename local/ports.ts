/**
 * The local cloud's ports, each settable by an environment variable. The defaults sit
 * together above SMTP's customary 2525, away from the ports other local stacks default to
 * (LocalStack 4566, aws-ses-v2-local 8005, DynamoDB Local 8000, s3rver 4568).
 */
export type PortName = 'smtp' | 'ses' | 's3' | 'dynamodb';

export const PORTS: Record<PortName, { env: string; fallback: number; service: string }> = {
  smtp: { env: 'FAQMAIL_LOCAL_SMTP_PORT', fallback: 2525, service: 'SMTP listener' },
  ses: { env: 'FAQMAIL_LOCAL_SES_PORT', fallback: 2580, service: 'aws-ses-v2-local (SES)' },
  s3: { env: 'FAQMAIL_LOCAL_S3_PORT', fallback: 2581, service: 's3rver (S3)' },
  dynamodb: { env: 'FAQMAIL_LOCAL_DYNAMODB_PORT', fallback: 2582, service: 'dynalite (DynamoDB)' },
};

/** A port setting that is not a port number. */
export class PortSettingError extends Error {}

/** The port for `name` from `env` (0 picks a free one), or its default. */
export function portFrom(env: Readonly<Record<string, string | undefined>>, name: PortName): number {
  const { env: variable, fallback } = PORTS[name];
  const raw = env[variable]?.trim();
  if (raw === undefined || raw === '') return fallback;
  const port = Number(raw);
  if (!/^\d+$/.test(raw) || port > 65535)
    throw new PortSettingError(`${variable}="${raw}" is not a port number (0-65535; 0 picks a free port)`);
  return port;
}

/** Every port; two set to the same number are refused here, or the second would be reported as taken by something else. */
export function portsFrom(env: Readonly<Record<string, string | undefined>>): Record<PortName, number> {
  const ports = { smtp: portFrom(env, 'smtp'), ses: portFrom(env, 'ses'), s3: portFrom(env, 's3'), dynamodb: portFrom(env, 'dynamodb') };
  const names = Object.keys(ports) as PortName[];
  for (const [i, name] of names.entries()) {
    const other = names.slice(i + 1).find((candidate) => ports[candidate] !== 0 && ports[candidate] === ports[name]);
    if (other)
      throw new PortSettingError(
        `${PORTS[name].env} and ${PORTS[other].env} are both ${ports[name]}: give each its own port (0 picks a free one)`,
      );
  }
  return ports;
}
