import { PORTS, type PortName } from './ports';
import { PortInUseError, type PortDeniedError } from './stand-ins';

/** What npm start says when a part of the local cloud cannot have its port: why, and the setting to change. */
export function portProblem(error: PortInUseError | PortDeniedError, ports: Record<PortName, number>): string {
  const name = (Object.keys(PORTS) as PortName[]).find((candidate) => ports[candidate] === error.port);
  const setting = name ? PORTS[name].env : 'the matching FAQMAIL_LOCAL_*_PORT variable';
  if (error instanceof PortInUseError)
    return `Port ${error.port} is in use, so the ${error.service} cannot start. Stop whatever listens there, or pick another port, e.g. ${setting}=${error.port + 100} npm start`;
  const example = name ? PORTS[name].fallback : 2525;
  return `Port ${error.port} needs privileges this user lacks (ports below 1024 do), so the ${error.service} cannot start: pick a port from 1024 up, e.g. ${setting}=${example} npm start`;
}
