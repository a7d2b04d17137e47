import { Module } from '@nestjs/common';
import { CommandHandler } from './core/command-handler';
import { TrajectRepository } from './core/traject-repository';
import { TrajectenController } from './trajecten.controller';

@Module({
  controllers: [TrajectenController],
  providers: [TrajectRepository, CommandHandler],
  exports: [TrajectRepository, CommandHandler],
})
export class TrajectoriesModule {}
