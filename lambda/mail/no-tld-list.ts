/**
 * Stands in for the `tlds` package in the function bundles (an esbuild alias,
 * lib/function-code.ts). mailparser loads that list of every top-level domain only to configure
 * linkify-it, which the bundles leave out (./no-link-finder.ts ignores it), and a bundle that
 * imports the list copied each of its 1,439 names into a getter at every cold start (15 ms).
 */
const noTopLevelDomains: readonly string[] = [];

export default noTopLevelDomains;
