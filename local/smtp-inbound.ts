/**
 * The local cloud's front door: an SMTP listener on loopback that accepts mail for the
 * receipt rule's recipients, as SES inbound does, and hands each message over.
 */
import { SMTPServer, type SMTPServerSession } from 'smtp-server';
import { listening, LOOPBACK, once, type LocalService } from './stand-ins';

/** One message as the SMTP transaction delivered it. */
export interface SmtpDelivery {
  raw: Buffer;
  /** MAIL FROM, lowercased; '' for the null reverse-path `<>`. */
  mailFrom: string;
  /** RCPT TO, lowercased, in order. */
  recipients: string[];
}

/** SES takes messages up to 40 MB. */
const MAX_MESSAGE_BYTES = 40 * 1024 * 1024;

function envelope(session: SMTPServerSession): Pick<SmtpDelivery, 'mailFrom' | 'recipients'> {
  const { mailFrom, rcptTo } = session.envelope;
  return {
    mailFrom: mailFrom ? mailFrom.address.toLowerCase() : '',
    recipients: rcptTo.map((recipient) => recipient.address.toLowerCase()),
  };
}

/**
 * Listens for SMTP on loopback `port` (0 picks a free one). `accept` stores the message and
 * returns the id it was stored under, which the client gets in the 250 reply; when it
 * fails, the client gets a temporary failure (451) and may retry. No AUTH, no STARTTLS:
 * it only listens on loopback.
 */
export async function startSmtpInbound(options: {
  port?: number;
  accept: (delivery: SmtpDelivery) => Promise<string>;
  /** Lowercased addresses the receipt rule takes; SES refuses mail for any other (550). */
  recipients: ReadonlySet<string>;
  onError: (error: Error) => void;
}): Promise<LocalService> {
  const taken = [...options.recipients].join(', ');
  const server = new SMTPServer({
    name: 'faqmail-local',
    banner: 'faqmail local cloud (plays SES inbound)',
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    size: MAX_MESSAGE_BYTES,
    logger: false,
    // Clients that linger after QUIT would otherwise hold shutdown for 30 seconds.
    closeTimeout: 1000,
    onRcptTo(address, _session, callback) {
      if (options.recipients.has(address.address.toLowerCase())) return callback();
      const refusal = `<${address.address}>: mailbox unavailable. SES receives only for ${taken} (the receipt rule's recipients: the inbox address and FAQMAIL_RECIPIENT_ADDRESSES)`;
      callback(Object.assign(new Error(refusal), { responseCode: 550 }));
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        if (stream.sizeExceeded) {
          const error = new Error(`Message exceeds the ${MAX_MESSAGE_BYTES} bytes SES accepts`) as Error & { responseCode: number };
          error.responseCode = 552;
          return callback(error);
        }
        options.accept({ raw: Buffer.concat(chunks), ...envelope(session) }).then(
          (id) => callback(null, `Ok ${id}`),
          (error: Error) => {
            options.onError(error);
            callback(Object.assign(new Error(`Could not store the message: ${error.message}`), { responseCode: 451 }));
          },
        );
      });
    },
  });
  // SMTPServer re-emits its socket's errors, which would end the process without a
  // listener: until it listens, `listening` reports them; after, they are single clients'
  // resets and timeouts.
  const quiet = () => undefined;
  server.on('error', quiet);
  server.listen(options.port ?? 0, LOOPBACK);
  const port = await listening(server.server, options.port ?? 0, 'SMTP listener');
  server.off('error', quiet);
  server.on('error', (error) => options.onError(error));
  return {
    endpoint: `smtp://${LOOPBACK}:${port}`,
    port,
    stop: once(() => new Promise<void>((resolve) => server.close(() => resolve()))),
  };
}
