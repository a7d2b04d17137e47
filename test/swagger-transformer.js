// Runs the @nestjs/swagger CLI plugin inside ts-jest, so tests see the same OpenAPI metadata as `nest build`.
const transformer = require('@nestjs/swagger/plugin');

module.exports.name = 'nestjs-swagger-transformer';
module.exports.version = 1;
module.exports.factory = (cs) =>
  transformer.before({ classValidatorShim: true, introspectComments: true, dtoFileNameSuffix: ['.dto.ts', 'commands.ts'] }, cs.program);
