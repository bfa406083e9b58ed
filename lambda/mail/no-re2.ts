/**
 * Stands in for Node's `module` in the function bundles (an esbuild alias, lib/function-code.ts).
 * email-reply-parser imports it only to `createRequire(import.meta.url)("re2")` when it loads, and
 * uses RE2 for its patterns if that native package is installed, else RegExp. The functions ship no
 * RE2, so in Lambda the lookup always failed, after loading Node's module system's public module
 * (its ES module loader among it) and searching the folders above the bundle: ~4 ms of `require`'s
 * CPU at every cold start (docs/cold-start-log.md, "No RE2 lookup at load"). Here it fails at once, as it did there.
 */
export function createRequire(): (id: string) => never {
  return (id) => {
    throw Object.assign(new Error(`Cannot find module '${id}' (the function bundles ship only what they bundle)`), {
      code: 'MODULE_NOT_FOUND',
    });
  };
}
