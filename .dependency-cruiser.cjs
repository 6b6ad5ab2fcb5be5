/**
 * The boundaries that keep one core and many modules apart (docs/ARCHITECTURE.md, "Boundaries"):
 * - a module is used by others only through its index.ts (never its queries, services or presenters);
 * - the jobs, the seed, the CLI, the core and the app reach modules the same way;
 * - no file imports a queries file of another folder;
 * - no cycles between files (cycles between modules are checked by scripts/check-boundaries.mjs).
 * Tests inside a module may use its internals; tests outside modules go through index.ts like everyone.
 */
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'module-through-index',
      comment: "Another module is used only through its index.ts: import '../<module>', not its files.",
      severity: 'error',
      from: { path: '^server/src/modules/([^/]+)/' },
      to: { path: '^server/src/modules/[^/]+/', pathNot: ['^server/src/modules/$1/', '^server/src/modules/[^/]+/index\\.ts$'] },
    },
    {
      name: 'outside-through-index',
      comment: 'The app, jobs, seed, CLI, core and tests use a module only through its index.ts.',
      severity: 'error',
      from: { path: '^(server|bench|scripts)/', pathNot: '^server/src/modules/' },
      to: { path: '^server/src/modules/[^/]+/', pathNot: '^server/src/modules/[^/]+/index\\.ts$' },
    },
    {
      name: 'jobs-no-queries',
      comment: 'Jobs call services (through module index files), never queries.',
      severity: 'error',
      from: { path: '^server/src/jobs/' },
      to: { path: 'queries\\.ts$' },
    },
    {
      name: 'core-below-modules',
      comment: 'The core and the permissions know no module: modules build on them, not the other way round.',
      severity: 'error',
      from: { path: '^server/src/(core|permissions)/' },
      to: { path: '^server/src/modules/' },
    },
    {
      name: 'no-circular',
      comment: 'No cycles between files.',
      severity: 'error',
      from: {},
      to: { circular: true, dependencyTypesNot: ['type-only'] },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: ['node_modules', '^web/', '^e2e/'] },
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: true,
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'], extensions: ['.ts', '.js', '.mjs', '.json'] },
  },
}
