// Lint rules, and the arrows of ARCHITECTURE.md enforced as import restrictions.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const restrict = (paths, patterns = []) => ({
  '@typescript-eslint/no-restricted-imports': ['error', { paths, patterns }],
});
const noEnv = {
  'no-restricted-properties': [
    'error',
    { object: 'process', property: 'env', message: 'Only provider/src/config.ts reads process.env.' },
  ],
};
const http = ['koa', '@koa/router', 'oidc-provider'].map((name) => ({
  name,
  message: 'This layer knows no HTTP framework nor oidc-provider.',
}));

export default tseslint.config(
  { ignores: ['node_modules/', 'data/', 'coverage/', 'bench/out/', 'directory-ui/dist/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly' } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  { files: ['db/**/*.ts'], rules: { ...restrict([...http]), ...noEnv } },
  {
    files: ['keys/**/*.ts'],
    rules: { ...restrict([...http, { name: 'knex', message: 'keys/ stores through a KeyStore.' }]), ...noEnv },
  },
  {
    files: ['provider/src/**/*.ts'],
    ignores: ['provider/src/oidc/**'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: 'oidc-provider',
              message: 'Only provider/src/oidc/ imports oidc-provider.',
              allowTypeImports: true,
            },
            { name: 'knex', message: 'Routes and services go through repositories in db/.', allowTypeImports: true },
          ],
        },
      ],
      ...noEnv,
    },
  },
  { files: ['provider/src/oidc/**/*.ts'], rules: { ...noEnv } },
  // platform/ is shared by both servers: it knows Koa, never a server's own code.
  // key-store.ts opens the key store (files, or the database through db/) for both servers.
  {
    files: ['platform/**/*.ts'],
    ignores: ['platform/config.ts', 'platform/key-store.ts'],
    rules: {
      ...restrict(
        [],
        [{ group: ['**/provider/**', '**/directory/**', '**/db/**'], message: 'platform/ is shared infrastructure.' }],
      ),
      ...noEnv,
    },
  },
  // The front end runs in the browser (and in the server's renderer): it reads the catalogue's
  // model and nothing else of the server, and talks to it over the JSON API.
  {
    files: ['directory-ui/src/**/*.ts'],
    rules: {
      ...restrict(
        [],
        [
          {
            regex: '/directory/src/(?!catalogue/model\\.ts$)',
            message: 'The front end talks to the server over /api/; only the catalogue model is shared.',
          },
          { group: ['**/provider/**', '**/db/**', 'node:*'], message: 'The front end runs in the browser.' },
        ],
      ),
      ...noEnv,
    },
  },
  // mes-services learns about citizens only through OIDC, like any app: never the provider's code or tables.
  {
    files: ['directory/**/*.ts'],
    rules: {
      ...restrict(
        [{ name: 'oidc-provider', message: 'mes-services is a relying party: it never imports the provider.' }],
        [{ group: ['**/provider/**'], message: 'mes-services never imports the provider: talk to it over OIDC.' }],
      ),
      ...noEnv,
    },
  },
);
