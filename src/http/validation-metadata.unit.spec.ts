import 'reflect-metadata';
import { IsInt, IsString, Min, ValidateNested, getMetadataStorage, registerDecorator, validateSync } from 'class-validator';
import { Type, plainToInstance } from 'class-transformer';
import { keepValidationMetadata } from './validation-metadata';

class Kind {
  @IsString() naam!: string;
}
class Ouder {
  @IsInt() @Min(1) uren!: number;
  @ValidateNested() @Type(() => Kind) kind!: Kind;
}

const OPTIONS = { whitelist: true, forbidNonWhitelisted: true, forbidUnknownValues: true } as const;
const errorsOf = <T extends object>(dto: new () => T, body: object) =>
  JSON.stringify(validateSync(plainToInstance(dto, body), OPTIONS).map((e) => [e.property, e.constraints, e.children?.map((c) => [c.property, c.constraints])]));

describe('keepValidationMetadata', () => {
  const bodies = [{ uren: 2, kind: { naam: 'a' } }, { uren: 0, kind: { naam: 3 } }, { uren: 'x', kind: { naam: 'a', extra: 1 }, onbekend: true }, {}];

  it('answers exactly what class-validator answers without it, and keeps the rules per class', () => {
    const before = bodies.map((b) => errorsOf(Ouder, b));
    keepValidationMetadata();
    const storage = getMetadataStorage();
    expect(bodies.map((b) => errorsOf(Ouder, b))).toEqual(before);
    expect(storage.getTargetValidationMetadatas(Ouder, '', false, false)).toBe(storage.getTargetValidationMetadatas(Ouder, '', false, false));
  });

  it('sees the rules of a class declared after it was installed', () => {
    keepValidationMetadata();
    expect(errorsOf(Ouder, bodies[1])).not.toBe('[]');
    class Later {
      @IsInt() n!: number;
    }
    expect(validateSync(plainToInstance(Later, { n: 'x' }), OPTIONS).map((e) => e.property)).toEqual(['n']);
    class Erbij extends Later {
      @IsString() s!: string;
    }
    expect(validateSync(plainToInstance(Erbij, { n: 1, s: 2 }), OPTIONS).map((e) => e.property)).toEqual(['s']);
  });

  it('sees a rule added to a class it already validated', () => {
    keepValidationMetadata();
    class Los {
      @IsInt() n!: number;
    }
    expect(validateSync(plainToInstance(Los, { n: 1 }), OPTIONS)).toEqual([]);
    registerDecorator({ target: Los, propertyName: 'n', validator: { validate: (v: unknown) => v !== 1 } });
    expect(validateSync(plainToInstance(Los, { n: 1 }), OPTIONS).map((e) => e.property)).toEqual(['n']);
  });
});
