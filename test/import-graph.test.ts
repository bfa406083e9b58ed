/**
 * The shape of the code, kept true: no module imports itself through others (type-only imports
 * count: a cycle of types is still two modules that cannot be read apart), the deployed code in
 * `lambda/` imports nothing from the tools, benches, local cloud or tests beside it, the tests and
 * tools nothing from the benches, only the suites in `test/integration/` start local servers,
 * and only the AWS edges (handlers, the responder handler's steps in `inbound/`, `adapters/`, `state/`) import the
 * AWS SDK or Powertools.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

const ROOT = path.resolve(__dirname, '..');
const FOLDERS = ['bin', 'lib', 'lambda', 'local', 'bench', 'tools', 'test'];
const OUTSIDE_THE_FUNCTION = ['tools', 'bench', 'local', 'test'];
const AWS_EDGES = ['lambda/handler.ts', 'lambda/digest-handler.ts', 'lambda/inbound/', 'lambda/adapters/', 'lambda/state/'];

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'fixtures' ? [] : sources(file);
    return entry.name.endsWith('.ts') ? [file] : [];
  });
}

/** A relative specifier as the compiler resolves it (`./x` is x.ts or x/index.ts); undefined for a package. */
function resolveRelative(from: string, specifier: string): string | undefined {
  if (!specifier.startsWith('.')) return undefined;
  const base = path.resolve(path.dirname(from), specifier);
  return [`${base}.ts`, path.join(base, 'index.ts'), base].find((file) => existsSync(file) && statSync(file).isFile());
}

interface Module {
  /** Path from the project root, with forward slashes. */
  name: string;
  /** The project's modules it imports (relative specifiers, resolved). */
  imports: string[];
  /** The packages it imports, by specifier. */
  packages: string[];
}

function readModules(): Map<string, Module> {
  const modules = new Map<string, Module>();
  for (const file of FOLDERS.flatMap((folder) => sources(path.join(ROOT, folder)))) {
    const name = path.relative(ROOT, file).split(path.sep).join('/');
    const specifiers = ts.preProcessFile(readFileSync(file, 'utf8'), true, true).importedFiles.map((f) => f.fileName);
    const imports: string[] = [];
    const packages: string[] = [];
    for (const specifier of specifiers) {
      const target = resolveRelative(file, specifier);
      if (target) imports.push(path.relative(ROOT, target).split(path.sep).join('/'));
      else if (!specifier.startsWith('.')) packages.push(specifier);
    }
    modules.set(name, { name, imports, packages });
  }
  return modules;
}

/** Each import cycle once, as the path that closes it (a → b → a). */
function cycles(modules: ReadonlyMap<string, Module>): string[] {
  const found: string[] = [];
  const done = new Set<string>();
  const onPath: string[] = [];
  const visit = (name: string) => {
    const at = onPath.indexOf(name);
    if (at >= 0) {
      found.push([...onPath.slice(at), name].join(' → '));
      return;
    }
    if (done.has(name)) return;
    onPath.push(name);
    for (const target of modules.get(name)?.imports ?? []) visit(target);
    onPath.pop();
    done.add(name);
  };
  for (const name of [...modules.keys()].sort()) visit(name);
  return found;
}

describe('the import graph', () => {
  const modules = readModules();
  const deployed = [...modules.values()].filter((m) => m.name.startsWith('lambda/'));

  it('reads the project', () => {
    expect(modules.has('lambda/handler.ts')).toBe(true);
    expect(modules.get('lambda/handler.ts')?.imports.length).toBeGreaterThan(5);
  });

  it('has no cycles', () => {
    expect(cycles(modules)).toEqual([]);
  });

  it('finds a cycle when there is one', () => {
    const looped = new Map<string, Module>([
      ['a.ts', { name: 'a.ts', imports: ['b.ts'], packages: [] }],
      ['b.ts', { name: 'b.ts', imports: ['c.ts'], packages: [] }],
      ['c.ts', { name: 'c.ts', imports: ['a.ts'], packages: [] }],
    ]);
    expect(cycles(looped)).toEqual(['a.ts → b.ts → c.ts → a.ts']);
  });

  it('keeps the deployed code (lambda/) free of the tools, benches, local cloud and tests', () => {
    const outward = deployed.flatMap((m) =>
      m.imports.filter((target) => OUTSIDE_THE_FUNCTION.includes(target.split('/')[0])).map((target) => `${m.name} → ${target}`),
    );
    expect(outward).toEqual([]);
  });

  it('keeps the tests and tools off the benchmarks (what both need lives in tools/)', () => {
    const onBench = [...modules.values()]
      .filter((m) => m.name.startsWith('test/') || m.name.startsWith('tools/'))
      .flatMap((m) => m.imports.filter((target) => target.startsWith('bench/')).map((target) => `${m.name} → ${target}`));
    expect(onBench).toEqual([]);
  });

  it('starts local servers only in test/integration/ (the rest runs without any)', () => {
    const servers = ['test/support/local-aws.ts', 'local/cloud.ts', 'local/stand-ins.ts'];
    const serving = [...modules.values()]
      .filter((m) => m.name.endsWith('.test.ts') && !m.name.startsWith('test/integration/'))
      .flatMap((m) => m.imports.filter((target) => servers.includes(target)).map((target) => `${m.name} → ${target}`));
    expect(serving).toEqual([]);
  });

  it('imports the AWS clients (the SDK, aws-lite) and Powertools only at the edges (handlers, inbound/, adapters/, state/)', () => {
    const core = deployed.filter((m) => !AWS_EDGES.some((edge) => m.name === edge || (edge.endsWith('/') && m.name.startsWith(edge))));
    const clients = ['@aws-sdk/', '@aws-lite/', '@aws-lambda-powertools/'];
    const aws = core.flatMap((m) => m.packages.filter((p) => clients.some((c) => p.startsWith(c))).map((p) => `${m.name} → ${p}`));
    expect(aws).toEqual([]);
  });
});
