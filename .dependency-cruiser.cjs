// The import rules of the tree, checked by `npm run check:imports` (part of `npm test`): no cycle
// anywhere, the widget's border, the contract as a leaf, and the layers of api/ (routes over domain
// and commands, commands over db). See docs/architecture.md. Paths are relative to the repository.

const TESTS = '\\.test\\.ts$';
/** Packages (anything resolved from node_modules), as opposed to the repository's own files. */
const PACKAGES = ['npm', 'npm-dev', 'npm-optional', 'npm-peer', 'npm-bundled', 'npm-no-pkg', 'npm-unknown'];

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment:
        'No import cycle, type-only imports included: a cycle hides which of two files is the lower one.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'no-unresolvable',
      severity: 'error',
      comment: 'Every import resolves (an alias the resolver cannot follow would slip past the rules below).',
      from: {},
      to: { couldNotResolve: true },
    },
    {
      name: 'widget-imports-only-the-contract',
      severity: 'error',
      comment:
        'The widget imports only widget/, the contract in api/schema/ (as #schema or by path) and packages: ' +
        'nothing else of the server may reach the bundle (decision 001).',
      from: { path: '^widget/', pathNot: TESTS },
      to: { pathNot: ['^widget/', '^api/schema/'], dependencyTypesNot: PACKAGES },
    },
    {
      name: 'widget-tests-import-only-the-contract-and-fixtures',
      severity: 'error',
      comment: "The widget's unit tests may also use the shared fixtures and test support in test/.",
      from: { path: `^widget/.+${TESTS}` },
      to: { pathNot: ['^widget/', '^api/schema/', '^test/'], dependencyTypesNot: PACKAGES },
    },
    {
      name: 'staff-imports-only-the-contract',
      severity: 'error',
      comment:
        'The back office (staff/) imports only staff/, the contract in api/schema/ (as #schema) and packages: ' +
        'it talks to the server over HTTP, never through its code (decision 058).',
      from: { path: '^staff/', pathNot: TESTS },
      to: { pathNot: ['^staff/', '^api/schema/'], dependencyTypesNot: PACKAGES },
    },
    {
      name: 'widget-and-staff-stay-apart',
      severity: 'error',
      comment: "The citizens' widget never loads the back office, nor the back office the widget.",
      from: { path: '^(widget|staff)/' },
      to: { path: '^(widget|staff)/', pathNot: '^$1/' },
    },
    {
      name: 'schema-is-a-leaf',
      severity: 'error',
      comment: 'api/schema/ is the public contract: it imports itself, valibot and stdnum, nothing else.',
      from: { path: '^api/schema/', pathNot: TESTS },
      to: { pathNot: ['^api/schema/', '^node_modules/(valibot|stdnum)/'] },
    },
    {
      name: 'domain-is-pure',
      severity: 'error',
      comment:
        'api/domain/ holds pure rules: it imports the contract and packages, no db/, commands/, routes/, http/…',
      from: { path: '^api/domain/', pathNot: TESTS },
      to: { path: '^(api|widget|test)/', pathNot: ['^api/domain/', '^api/schema/'] },
    },
    {
      name: 'db-is-infrastructure',
      severity: 'error',
      comment:
        'api/db/ is infrastructure (connections, the group-commit engine, the write thread, reads): it knows ' +
        'nothing of commands/, outbox/, routes/ or http/. The commands plug in through openDatabase.',
      from: { path: '^api/db/', pathNot: TESTS },
      to: { path: '^(api|widget|test)/', pathNot: ['^api/db/', '^api/domain/', '^api/schema/'] },
    },
    {
      name: 'commands-return-outcomes',
      severity: 'error',
      comment:
        'api/commands/ (the writes) sit on db/ and domain/ only: no http/ (ApiError), routes/, middleware/ or ' +
        'outbox/ delivery. A command returns its refusals as outcomes; the route decides the HTTP.',
      from: { path: '^api/commands/', pathNot: TESTS },
      to: {
        path: '^(api|widget|test)/',
        pathNot: ['^api/commands/', '^api/db/', '^api/domain/', '^api/schema/'],
      },
    },
    {
      name: 'routes-do-not-import-each-other',
      severity: 'error',
      comment:
        'Each route is a sub-app of its own; what two routes share goes down a layer (domain/, http/, …).',
      from: { path: '^api/routes/([^/.]+)' },
      to: { path: '^api/routes/', pathNot: '^api/routes/$1[.]' },
    },
    {
      name: 'production-code-does-not-import-tests',
      severity: 'error',
      comment: 'Test support lives in test/ or beside its tests, never in what the server or the widget run.',
      from: { path: '^(api|widget)/', pathNot: TESTS },
      to: { path: ['^test/', TESTS] },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    // The built widget (the browser tests load it), not its sources.
    exclude: { path: '^(../)*dist/' },
    // Type-only imports count too: they are part of which file depends on which.
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      // Packages' `exports` (altcha-lib/algorithms/…) and the package's own `imports` (#schema).
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.mjs', '.js', '.d.ts', '.json'],
    },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
