/**
 * A minimal NestJS app (one controller answering {"status":"ok"}), on the Express or the Fastify adapter
 * (`nest-server.ts express|fastify`): what the framework costs per request before any domain work. Prints `LISTENING <port>`.
 */
import 'reflect-metadata';
import { Controller, Get, HttpCode, Module, Post } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';

/** The bench's routes, answered without any work. */
@Controller('api/v1/trajecten')
class OkController {
  @Get(':id')
  get() {
    return { status: 'ok' };
  }

  @Post()
  @HttpCode(201)
  register() {
    return { status: 'ok' };
  }

  @Post(':id/acties/:actie')
  @HttpCode(200)
  act() {
    return { status: 'ok' };
  }
}

@Module({ controllers: [OkController] })
class OkModule {}

async function main(adapter: string): Promise<void> {
  let app;
  if (adapter === 'fastify') {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { FastifyAdapter } = require('@nestjs/platform-fastify');
    app = await NestFactory.create(OkModule, new FastifyAdapter(), { logger: false });
  } else {
    app = await NestFactory.create(OkModule, { logger: false });
  }
  await app.listen(0, '127.0.0.1');
  console.log(`LISTENING ${new URL(await app.getUrl()).port}`);
}

void main(process.argv[2] ?? 'express');
