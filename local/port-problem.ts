import { createServer } from 'node:net';
import { PORTS, type PortName } from './ports';
import { listening, LOOPBACK, PortInUseError, type PortDeniedError } from './stand-ins';

/**
 * Which of `ports` something listens on now, in PORTS' order (0, a free port picked, is never taken): each is
 * listened on for a moment, as the local cloud would.
 */
export async function portsTaken(ports: Record<PortName, number>): Promise<PortName[]> {
  const names = (Object.keys(PORTS) as PortName[]).filter((name) => ports[name] !== 0);
  const taken = await Promise.all(
    names.map(async (name) => {
      const server = createServer();
      const pending = listening(server, ports[name], PORTS[name].service);
      server.listen(ports[name], LOOPBACK);
      try {
        await pending;
        await new Promise<void>((resolve) => server.close(() => resolve()));
        return false;
      } catch (error) {
        return error instanceof PortInUseError;
      }
    }),
  );
  return names.filter((_, i) => taken[i]);
}

/**
 * What npm start says when a part of the local cloud cannot have its port: why, and the setting to change. `taken`,
 * the ports found in use: all of them is most likely a local cloud started before, which one port moved would not get past.
 */
export function portProblem(error: PortInUseError | PortDeniedError, ports: Record<PortName, number>, taken: PortName[] = []): string {
  const names = Object.keys(PORTS) as PortName[];
  const name = names.find((candidate) => ports[candidate] === error.port);
  const setting = name ? PORTS[name].env : 'the matching FAQMAIL_LOCAL_*_PORT variable';
  if (error instanceof PortInUseError && taken.length > 1 && taken.length === names.filter((n) => ports[n] !== 0).length) {
    const numbers = taken.map((n) => ports[n]);
    const moved = taken.map((n) => `${PORTS[n].env}=${ports[n] + 100}`).join(' ');
    return (
      `Ports ${numbers.slice(0, -1).join(', ')} and ${numbers.at(-1)} are all in use: faqmail's local cloud is most likely running ` +
      'already (npm start in another terminal). Use that one, or stop it with Ctrl-C there; to run this one beside it, give ' +
      `each part a port of its own, e.g. ${moved} npm start`
    );
  }
  if (error instanceof PortInUseError)
    return `Port ${error.port} is in use, so the ${error.service} cannot start. Stop whatever listens there, or pick another port, e.g. ${setting}=${error.port + 100} npm start`;
  const example = name ? PORTS[name].fallback : 2525;
  return `Port ${error.port} needs privileges this user lacks (ports below 1024 do), so the ${error.service} cannot start: pick a port from 1024 up, e.g. ${setting}=${example} npm start`;
}
