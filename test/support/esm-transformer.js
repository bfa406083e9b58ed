// Jest loads modules as CommonJS, but email-reply-parser ships ES modules, one of which
// builds its own `require` from `import.meta.url` (to load the optional re2). ts-jest
// turns the imports into require() calls; in CommonJS `require` already exists, so that
// one declaration is dropped first.
const { TsJestTransformer } = require('ts-jest');

const OWN_REQUIRE = /^const require = createRequire\(import\.meta\.url\);$/m;

class EsmTransformer extends TsJestTransformer {
  process(source, path, options) {
    return super.process(source.replace(OWN_REQUIRE, ''), path, options);
  }
}

module.exports = { createTransformer: (config) => new EsmTransformer(config) };
