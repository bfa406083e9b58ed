import path from 'node:path';

/**
 * The sample FAQ as shipped in content/, kept fixed: the project's labelled sets, its tests and
 * the committed answer model are written for it, while content/ is the deploying team's own to edit.
 */
export const SAMPLE_FAQ_DIR = path.resolve(__dirname, '../../test/fixtures/sample-faq/content');
