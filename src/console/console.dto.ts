import { ArrayMinSize, ArrayUnique, IsArray, IsIn, IsNotEmpty, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { ROLLEN } from '../auth/gebruiker';
import type { Rol } from '../auth/rollen.decorator';

/** `POST /console/ontwikkel-token`: who to be, in development. */
export class OntwikkelTokenDto {
  /** The user id (`sub`). */
  @IsString() @Matches(/^[A-Za-z0-9._@-]{1,100}$/, { message: 'sub: letters, cijfers en . _ @ -, hoogstens 100 tekens' }) sub: string;
  /** The display name (`name`). */
  @IsOptional() @IsString() @IsNotEmpty() @MaxLength(200) naam?: string;
  /** One or more of klantmanager, teamleider, compliance, beheerder. */
  @IsArray() @ArrayMinSize(1) @ArrayUnique() @IsIn(ROLLEN, { each: true }) rollen: Rol[];
}
