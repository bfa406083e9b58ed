import * as lambda from 'aws-cdk-lib/aws-lambda';
import type { NodejsFunctionProps } from 'aws-cdk-lib/aws-lambda-nodejs';

/** Where the afterBundling hook puts the FAQ inside a function's package. */
export const BUNDLED_CONTENT_DIR = 'content';

/**
 * How each of faqmail's functions is built and run: its entry bundled with esbuild (no
 * Docker), the FAQ packed beside the code, Node.js 24 on arm64, source-mapped traces.
 */
export function functionCode(props: { entry: string; handler: string; projectRoot: string; contentDir: string }): NodejsFunctionProps {
  return {
    entry: props.entry,
    handler: props.handler,
    projectRoot: props.projectRoot,
    depsLockFilePath: `${props.projectRoot}/package-lock.json`,
    runtime: lambda.Runtime.NODEJS_24_X,
    architecture: lambda.Architecture.ARM_64,
    bundling: {
      forceDockerBundling: false,
      // The SDK clients faqmail was tested with, not whichever the runtime ships today.
      bundleAwsSDK: true,
      minify: true,
      sourceMap: true,
      sourcesContent: false,
      // Some dependencies are ES modules that call createRequire(import.meta.url)
      // (email-reply-parser); the CommonJS bundle supplies that URL.
      define: { 'import.meta.url': 'importMetaUrl' },
      banner: 'const importMetaUrl = require("node:url").pathToFileURL(__filename).href;',
      commandHooks: {
        beforeBundling: () => [],
        beforeInstall: () => [],
        afterBundling: (_inputDir: string, outputDir: string) => [`cp -R "${props.contentDir}" "${outputDir}/${BUNDLED_CONTENT_DIR}"`],
      },
    },
  };
}

/** The variables both functions set besides the settings: the bundled FAQ, readable stack traces. */
export function functionEnvironment(): Record<string, string> {
  return {
    // Lambda unpacks the package at /var/task.
    FAQMAIL_CONTENT_DIR: `/var/task/${BUNDLED_CONTENT_DIR}`,
    // Stack traces point at the TypeScript sources (the bundle ships its source map).
    NODE_OPTIONS: '--enable-source-maps',
  };
}
