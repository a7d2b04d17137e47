import { v5 as uuidv5 } from 'uuid';
import { elfproef } from '../../src/trajectories/core/validators';

/** mulberry32: a small, fast, seeded PRNG; the same seed gives the same caseload. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** D + n calendar days. The same as kalender.plusDagen (calendar days do not depend on the zone), without luxon's cost. */
export const dagen = (d: string, n: number): string => {
  const [j, m, dg] = d.split('-').map(Number);
  return new Date(Date.UTC(j, m - 1, dg + n)).toISOString().slice(0, 10);
};

const DEMO_NAMESPACE = 'b3c9a6e2-41f7-5d0a-8c3e-7f2d9b1a4e60';

export class Dobbelsteen {
  private readonly next: () => number;
  private ids = 0;
  constructor(readonly seed: number) {
    this.next = mulberry32(seed);
  }
  /** [0, 1) */
  f(): number {
    return this.next();
  }
  /** An integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  kans(p: number): boolean {
    return this.next() < p;
  }
  kies<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)];
  }
  /** A UUID derived from the seed and a counter: the same seed gives the same trajectory ids. */
  uuid(): string {
    return uuidv5(`demo/${this.seed}/${++this.ids}`, DEMO_NAMESPACE);
  }
  /** A 9-digit number that passes the elfproef (test BSNs, not real people). */
  bsn(): string {
    for (;;) {
      const bsn = `${this.int(1, 9)}${String(this.int(0, 99_999_999)).padStart(8, '0')}`;
      if (elfproef(bsn)) return bsn;
    }
  }
}

const VOORNAMEN = {
  man: ['Ahmad', 'Mohammed', 'Yonas', 'Samir', 'Omar', 'Tesfay', 'Ali', 'Hassan', 'Mehmet', 'Karim', 'Dawit', 'Yusuf', 'Amir', 'Bilal', 'Reza',
    'Abdi', 'Khaled', 'Tariq', 'Mustafa', 'Ibrahim', 'Youssef', 'Farid', 'Goitom', 'Hamza', 'Nabil', 'Luis', 'Andriy', 'Arjun', 'Wei', 'Tomasz'],
  vrouw: ['Amal', 'Fatima', 'Selam', 'Aisha', 'Mariam', 'Helen', 'Nour', 'Zeynep', 'Layla', 'Rahel', 'Samira', 'Hana', 'Yasmin', 'Leila', 'Fatemeh',
    'Saba', 'Ruta', 'Amina', 'Dina', 'Rania', 'Hiba', 'Meron', 'Sara', 'Zahra', 'Lina', 'Maria', 'Olena', 'Priya', 'Mei', 'Agnieszka'],
  x: ['Sam', 'Noor', 'Alex', 'Robin'],
};
const ACHTERNAMEN = ['Haddad', 'Al-Hassan', 'Tesfaye', 'Ghebremedhin', 'Yilmaz', 'El Amrani', 'Hosseini', 'Mohammadi', 'Abdullahi', 'Kaya',
  'Berhane', 'Al-Khatib', 'Rahimi', 'Osman', 'Demir', 'Bakr', 'Haile', 'Said', 'Nasser', 'Ahmadi', 'Kebede', 'Mansour', 'Farah', 'Celik',
  'Darwish', 'Tekle', 'Karimi', 'Aziz', 'Jama', 'Hussein', 'Garcia', 'Kovalenko', 'Sharma', 'Chen', 'Nowak'];

export const naam = (d: Dobbelsteen, geslacht: 'man' | 'vrouw' | 'x') => `${d.kies(VOORNAMEN[geslacht])} ${d.kies(ACHTERNAMEN)}`;

export const CONSULENTEN = ['kim', 'sanne', 'ahmed', 'joost', 'fatima', 'eva', 'ruud', 'lotte'];
