// Flat ESLint config: TypeScript rules everywhere, and the architecture rule that core/ stays pure.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

export default tseslint.config(
  { ignores: ['node_modules/**', 'data/**', '.tmp/**', 'dist/**', 'dist.*/**', 'src/http/assets/**/*.min.js'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-console': ['error', { allow: ['warn', 'error'] }],
    },
  },
  {
    files: ['src/http/assets/**/*.js'],
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    files: ['bin/**', 'scripts/**', 'bench/**', 'src/entrypoints/**', 'test/**'],
    rules: { 'no-console': 'off' },
  },
  {
    // Transactions run through transact() (src/db/transaction.ts), which runs one again when PostgreSQL rolled it back
    // for a deadlock or a serialization failure.
    files: ['src/**/*.ts', 'src/**/*.tsx'],
    ignores: ['src/**/*.test.ts', 'src/db/transaction.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        { selector: 'CallExpression[callee.property.name=/^(transaction|startTransaction)$/]', message: 'use transact(db, (trx) => …) from src/db/transaction.ts: it retries a deadlocked transaction' },
        { selector: 'CallExpression[callee.property.value=/^(transaction|startTransaction)$/]', message: 'use transact(db, (trx) => …) from src/db/transaction.ts: it retries a deadlocked transaction' },
      ],
    },
  },
  {
    // core/ is the functional core: values in, values out. No I/O, no framework.
    files: ['src/core/**'],
    ignores: ['src/core/**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['node:*', 'fs', 'net', 'http', 'https', 'dns', 'tls', 'child_process'], message: 'core/ must not do I/O' },
            { group: ['**/db/**', '**/http/**', '**/adapters/**', '**/workers/**', '**/app/**'], message: 'core/ depends on nothing outside core/' },
            { group: ['kysely', 'fastify', 'pg', 'better-sqlite3', 'nodemailer'], message: 'core/ must not do I/O' },
          ],
        },
      ],
    },
  },
);
