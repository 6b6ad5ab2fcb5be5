// Lint: typescript-eslint's recommended rules, and the house rule that SQL lives only in queries files
// (`queries.ts` or `*-queries.ts`), the database layer (server/src/db) and the tests that inspect the
// database. Module boundaries and cycles are checked by dependency-cruiser (scripts/check-boundaries.mjs).
import js from '@eslint/js'
import tseslint from 'typescript-eslint'

const SQL_FILES = ['server/src/**/queries.ts', 'server/src/**/*-queries.ts', 'server/src/db/**', '**/*.test.ts', 'server/test/**']

// A string that reads like a statement: SQL written outside a queries file.
const SQL_TEXT = '/\\b(SELECT\\s[\\s\\S]*\\sFROM|INSERT\\s+INTO|UPDATE\\s+\\w+\\s+SET|DELETE\\s+FROM|CREATE\\s+(UNIQUE\\s+)?(TABLE|INDEX|FUNCTION|TRIGGER))\\b/i'

export default tseslint.config(
  { ignores: ['node_modules/**', 'web/dist/**', 'data/**', 'bench/results/**', 'reports/**', '.stryker-tmp/**', 'e2e/screenshots/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts', '**/*.tsx'],
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      'no-console': 'off',
    },
  },
  {
    files: ['**/*.mjs', '**/*.js'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly', setTimeout: 'readonly', Buffer: 'readonly' } },
  },
  {
    // every request and response schema lives in contracts/ (the web and the OpenAPI document read the same)
    files: ['server/src/**/routes.ts', 'server/src/**/*-routes.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: [{ name: '#contracts/common', importNames: ['Type', 'Obj'], message: 'Schemas live in contracts/<domain>.ts, not in routes.' }] },
      ],
    },
  },
  {
    files: ['server/src/**/*.ts'],
    ignores: SQL_FILES,
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['drizzle-orm', 'drizzle-orm/*'], allowTypeImports: true, message: 'SQL lives in queries.ts files: move this query there.' },
            { group: ['**/db/schema', '**/db/schema/*'], allowTypeImports: true, message: 'Tables are read and written only in queries.ts files.' },
          ],
        },
      ],
      'no-restricted-syntax': [
        'error',
        { selector: `Literal[value=${SQL_TEXT}]`, message: 'SQL lives in queries.ts files.' },
        { selector: `TemplateElement[value.raw=${SQL_TEXT}]`, message: 'SQL lives in queries.ts files.' },
      ],
    },
  },
)
