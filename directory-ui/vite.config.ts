// The front end of mes-services, built twice by directory-ui/build.ts: for the browser
// (`vite build`, into dist/client: hashed assets and a manifest the server reads) and for the
// server (`vite build --ssr`, into dist/server: the pages as functions that render HTML,
// imported by directory/src/web/).
import { defineConfig } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';

export default defineConfig(({ isSsrBuild }) => ({
  root: import.meta.dirname,
  base: '/',
  publicDir: false,
  logLevel: 'warn',
  plugins: [svelte()],
  build: isSsrBuild
    ? {
        target: 'node24',
        outDir: 'dist/server',
        rolldownOptions: { input: 'src/entry-server.ts' },
      }
    : {
        target: 'es2022',
        outDir: 'dist/client',
        // Everything the browser loads is under /assets/, hashed, served with a year of cache.
        assetsDir: 'assets',
        manifest: true,
        // Every browser that runs this code supports <link rel="modulepreload">.
        modulePreload: { polyfill: false },
        cssCodeSplit: false,
        rolldownOptions: { input: 'src/entry-client.ts' },
      },
}));
