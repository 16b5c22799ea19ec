/**
 * Typed access to webpack.config.js (CommonJS, not type-checked) for the manifest and build tests.
 */
import path from 'node:path';

export const ROOT = path.resolve(__dirname, '..', '..');

export interface HtmlPluginLike {
  constructor: { name: string };
  userOptions?: { filename?: string; template?: string; chunks?: string[] };
  patterns?: Array<{ from: string; to?: string; transform?: (content: Buffer) => string }>;
}

export interface WebpackConfigLike {
  mode: string;
  entry: Record<string, string>;
  output: { path: string; filename: string; chunkFilename: string; publicPath: string };
  resolve: { extensions: string[] };
  module: { rules: Array<{ test: RegExp; loader: string; options: { transpileOnly?: boolean } }> };
  optimization: { splitChunks: { chunks: string; cacheGroups: Record<string, { test?: RegExp; name?: string }> } };
  plugins: HtmlPluginLike[];
  devServer: {
    host: string;
    allowedHosts: string[];
    port: number;
    server: unknown;
    headers: Record<string, string>;
    client: { overlay: boolean };
    open: boolean;
  };
}

export interface WebpackConfigModule {
  (env?: Record<string, unknown>, argv?: { mode?: string }): WebpackConfigLike;
  DEFAULT_PORT: number;
  PLACEHOLDER_ORIGIN: string;
  OFFICE_JS_URL: string;
  ENTRIES: Record<string, string>;
  devServerPort(env?: Record<string, string | undefined>): number;
  devServerType(env?: Record<string, string | undefined>): unknown;
  rewriteManifest(xml: string, baseUrl: string): string;
}

// webpack.config.js is CommonJS and has no type declarations; require gives it the interface above.
// eslint-disable-next-line @typescript-eslint/no-require-imports
export const webpackConfig: WebpackConfigModule = require(path.join(ROOT, 'webpack.config.js'));

/**
 * The config as `webpack --mode <mode>` sees it, built with the given environment variables
 * (PORT, PM_ADDIN_URL, …) set only while it is made, so the caller's environment does not leak in.
 */
export function makeConfig(mode: 'development' | 'production', env: Record<string, string | undefined> = {}): WebpackConfigLike {
  const keys = ['PORT', 'PM_ADDIN_URL', 'PM_HTTPS', 'PM_CERT_DIR', 'NODE_ENV', ...Object.keys(env)];
  const saved = new Map(keys.map((k) => [k, process.env[k]]));
  try {
    for (const k of keys) delete process.env[k];
    for (const [k, v] of Object.entries(env)) if (v !== undefined) process.env[k] = v;
    return webpackConfig({}, { mode });
  } finally {
    for (const [k, v] of saved) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }
}

/** The files the HtmlWebpackPlugin instances emit, e.g. ["taskpane.html", "sandbox.html"]. */
export function htmlPages(config: WebpackConfigLike): HtmlPluginLike['userOptions'][] {
  return config.plugins.filter((p) => p.constructor.name === 'HtmlWebpackPlugin').map((p) => p.userOptions);
}
