import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { CommandHandler } from './core/command-handler';
import { TrajectRepository } from './core/traject-repository';
import { TrajectenController } from './trajecten.controller';

@Module({
  // @Inzage() routes: the access log's interceptor.
  imports: [AuditModule],
  controllers: [TrajectenController],
  providers: [TrajectRepository, CommandHandler],
  exports: [TrajectRepository, CommandHandler],
})
export class TrajectoriesModule {}
