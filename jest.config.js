/** Three levels, named by file suffix: *.unit.spec.ts (pure), *.int.spec.ts (real SQLite file), test/*.e2e-spec.ts (HTTP) and test/contract/ (adapters). */
const tsJest = ['ts-jest', { tsconfig: 'tsconfig.json', astTransformers: { before: ['<rootDir>/test/swagger-transformer.js'] } }];
const base = { testEnvironment: 'node', transform: { '^.+\\.ts$': tsJest }, moduleFileExtensions: ['ts', 'js', 'json'] };
module.exports = {
  projects: [
    { ...base, displayName: 'unit', rootDir: '.', testMatch: ['<rootDir>/src/**/*.unit.spec.ts'] },
    { ...base, displayName: 'int', rootDir: '.', testMatch: ['<rootDir>/src/**/*.int.spec.ts', '<rootDir>/test/contract/**/*.spec.ts'] },
    { ...base, displayName: 'e2e', rootDir: '.', testMatch: ['<rootDir>/test/**/*.e2e-spec.ts'] },
  ],
};
