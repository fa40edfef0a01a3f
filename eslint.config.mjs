// ESLint (flat config), run by `npm run lint` inside `npm test`: the TypeScript and React rules a
// reviewer expects, and the import boundaries of STYLE.md and README's architecture, so that a
// wrong arrow fails the build instead of waiting for a review. No type-aware rules: the whole
// repository lints in seconds (typecheck is tsc's job, run just before).
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import js from '@eslint/js';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';
import importX from 'eslint-plugin-import-x';
import react from 'eslint-plugin-react';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

/** The repository root (this file's folder), whatever folder ESLint is run from. */
const root = fileURLToPath(new URL('.', import.meta.url));

/** The mini-program's features: each may import shared/, lib and components, never another feature. */
const features = readdirSync(join(root, 'miniapp/src/features'), { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => d.name);

/** Node modules that reach outside the process (files, processes, network): never in the domain. */
const ioModules = ['fs', 'fs/promises', 'os', 'path', 'child_process', 'net', 'http', 'https', 'worker_threads'].flatMap((m) => [m, `node:${m}`]);

/** `import-x/no-restricted-paths` over the repository root, one message per boundary. */
const boundaries = (zones) => ({ 'import-x/no-restricted-paths': ['error', { basePath: root, zones }] });

export default tseslint.config(
  { ignores: ['**/node_modules/**', '**/dist/**', '.data/**', '.tmp/**', '.serverless/**', 'coverage/**', 'models/world/**', '**/*.js', '**/*.cjs'] },

  // --- TypeScript everywhere ---
  {
    files: ['**/*.{ts,tsx,mjs}'],
    extends: [js.configs.recommended, ...tseslint.configs.recommended],
    plugins: { 'import-x': importX },
    settings: {
      'import-x/resolver-next': [createTypeScriptImportResolver({ project: [join(root, 'tsconfig.json'), join(root, 'miniapp/tsconfig.json')], noWarnOnMultipleProjects: true })],
    },
    rules: {
      // `_name` marks a value left out on purpose (`const { pk: _pk, ...rest } = item`).
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_', caughtErrors: 'none', ignoreRestSiblings: true }],
      // Type-only imports say so, and vanish from the bundles (`typeof import('…')` stays allowed).
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports', disallowTypeAnnotations: false }],
      'import-x/no-duplicates': 'error',
      'import-x/no-self-import': 'error',
      'import-x/first': 'error',
      eqeqeq: ['error', 'always', { null: 'ignore' }],
    },
  },
  {
    // The functions log through lib/logger.ts (redacted, with the request id); shared/ logs nothing.
    files: ['functions/src/**/*.ts', 'shared/**/*.ts'],
    rules: { 'no-console': 'error' },
  },
  {
    // Tests read JSON answers loosely and load modules fresh with jest's require.
    files: ['**/*.test.{ts,tsx}', 'test/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off', '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['**/*.mjs'],
    languageOptions: { globals: { console: 'readonly', process: 'readonly', URL: 'readonly' } },
  },

  // --- React in the mini-program ---
  {
    files: ['miniapp/**/*.{ts,tsx}'],
    extends: [react.configs.flat.recommended, react.configs.flat['jsx-runtime']],
    plugins: { 'react-hooks': reactHooks },
    settings: { react: { version: '18.3' } },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
      // Props are typed by TypeScript.
      'react/prop-types': 'off',
    },
  },

  // --- Boundaries (STYLE.md "Imports go one way"; README, architecture) ---
  {
    files: ['shared/**/*.ts'],
    rules: boundaries([{ target: './shared', from: ['./functions', './miniapp', './test', './models'], message: 'shared/ is the contract and pure rules: it imports nothing of the app or the functions.' }]),
  },
  {
    files: ['functions/src/domain/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: {
      ...boundaries([
        {
          target: './functions/src/domain',
          from: ['./functions/src/adapters', './functions/src/handlers', './functions/src/lib', './functions/src/wiring', './functions/sandbox', './functions/local', './miniapp', './test', './models'],
          message: 'The domain imports only shared/ and zod: take a port (an interface) instead.',
        },
        {
          // pinyin-pro: pure text folding, the search's own rule (domain/discovery/text-match.ts).
          target: './functions/src/domain',
          from: './node_modules',
          except: ['./zod', './@drama/shared', './pinyin-pro'],
          message: 'The domain imports only shared/ and zod (no AWS SDK, onnxruntime, Taro): take a port instead.',
        },
      ]),
      'no-restricted-imports': ['error', { paths: ioModules.map((name) => ({ name, message: 'The domain does no I/O: take a port instead.' })) }],
    },
  },
  {
    files: ['functions/src/handlers/**/*.ts'],
    rules: boundaries([
      { target: './functions/src/handlers', from: './functions/src/adapters', message: 'Handlers import domain, wiring and lib: adapters are built into ports in functions/src/wiring/.' },
      { target: './functions/src/handlers', from: ['./functions/sandbox', './functions/local'], message: 'Handlers never depend on the local stack or the sandbox.' },
    ]),
  },
  {
    files: ['functions/src/adapters/**/*.ts'],
    rules: boundaries([{ target: './functions/src/adapters', from: ['./functions/src/handlers', './functions/src/wiring'], message: 'Adapters never import handlers or the wiring that builds them.' }]),
  },
  {
    files: ['functions/src/lib/**/*.ts'],
    rules: boundaries([{ target: './functions/src/lib', from: ['./functions/src/adapters', './functions/src/handlers', './functions/src/wiring'], message: 'lib/ holds leaf tools (config, logger, http): building adapters is functions/src/wiring/’s job.' }]),
  },
  {
    files: ['functions/sandbox/**/*.ts'],
    rules: boundaries([{ target: './functions/sandbox', from: './functions/src', message: "The sandbox plays the platforms: an independent implementation imports nothing of the backend's functions/src." }]),
  },
  {
    files: ['miniapp/src/**/*.{ts,tsx}'],
    rules: boundaries([
      { target: './miniapp', from: ['./functions', './test', './models'], message: 'The mini-program shares only shared/ with the functions.' },
      ...features.map((feature) => ({
        target: `./miniapp/src/features/${feature}`,
        from: './miniapp/src/features',
        except: [`./${feature}`],
        message: 'Features never import each other: move what both need to lib/, components/ or shared/, or compose them in a page.',
      })),
      { target: './miniapp/src/features', from: ['./miniapp/src/pages', './miniapp/src/packages'], message: 'Imports go one way: pages import features, never the reverse.' },
      { target: ['./miniapp/src/lib', './miniapp/src/components'], from: ['./miniapp/src/features', './miniapp/src/pages', './miniapp/src/packages'], message: 'lib/ and components/ are below the features: they import no feature or page.' },
    ]),
  },
);
