import { EventMetadata, StoredEvent } from './envelope';

/** Turns an event's parsed data into what readers see (the decrypting store opens its envelopes here). */
export type DataOpener = (event: LazyEvent, data: Record<string, unknown>) => Record<string, unknown>;

/**
 * The metadata's JSON of the event at a position, read from the store when first asked for (one loader per store).
 * `many`, when the store has it: the metadata of several positions in one read (see `leesMetadataVooraf`).
 */
export type MetadataLoader = ((position: number) => string) & { many?: (positions: number[]) => Map<number, string> };

/**
 * A stored event whose data and metadata are parsed (and, through the decrypting store, decrypted) when first read,
 * then kept. A rebuild hands each page to every projection, and most of them read the data of few events (the
 * trajectory list needs only the stream and version of a progress interview): what nobody reads is never parsed nor
 * decrypted. `data` and `metadata` are getters on the prototype, so the object keeps one fast shape in V8 (own
 * accessors per object, tried before, make it a slow dictionary). For the same reason a spread (`{ ...e }`) does not
 * copy them: only the rebuild's read path (EventStore.readAllLazily) hands these out, to projections that never spread
 * an event without naming its data and metadata (upcast does name them).
 */
export class LazyEvent implements StoredEvent {
  private parsedData: Record<string, unknown> | undefined = undefined;
  private parsedMetadata: EventMetadata | undefined = undefined;
  private opener: DataOpener | undefined = undefined;
  private openerNeeds: string | undefined = undefined;

  constructor(
    readonly position: number,
    readonly streamId: string,
    readonly version: number,
    readonly eventId: string,
    readonly type: string,
    private readonly dataJson: string,
    /** The JSON, or where to read it when first needed: a rebuild reads the metadata of about one event in twenty. */
    private metadataJson: string | MetadataLoader,
  ) {}

  get data(): Record<string, unknown> {
    if (this.parsedData === undefined) {
      const data = JSON.parse(this.dataJson) as Record<string, unknown>;
      this.parsedData = this.opener && (this.openerNeeds === undefined || this.dataJson.includes(this.openerNeeds)) ? this.opener(this, data) : data;
    }
    return this.parsedData;
  }

  set data(data: Record<string, unknown>) {
    this.parsedData = data;
  }

  get metadata(): EventMetadata {
    if (this.parsedMetadata === undefined) {
      const json = typeof this.metadataJson === 'string' ? this.metadataJson : this.metadataJson(this.position);
      this.parsedMetadata = JSON.parse(json) as EventMetadata;
    }
    return this.parsedMetadata;
  }

  set metadata(metadata: EventMetadata) {
    this.parsedMetadata = metadata;
  }

  /** The loader of this event's metadata's JSON when it is still to be read (for `leesMetadataVooraf`). */
  metadataTeLezen(): MetadataLoader | undefined {
    return this.parsedMetadata === undefined && typeof this.metadataJson !== 'string' ? this.metadataJson : undefined;
  }

  /** The metadata's JSON, read ahead (`leesMetadataVooraf`); parsed when first asked for, as before. */
  metadataGelezen(json: string): void {
    this.metadataJson = json;
  }

  /**
   * `opener` runs on the data when it is first read (once); set before anyone reads it. `needs`: it changes nothing
   * unless the data's JSON contains this text (a search of the string is cheaper than the opener walking the object).
   */
  openWith(opener: DataOpener, needs?: string): void {
    if (this.parsedData !== undefined) this.parsedData = opener(this, this.parsedData);
    else {
      this.opener = opener;
      this.openerNeeds = needs;
    }
  }
}

/**
 * Reads the metadata of these events now, in one read per store (`MetadataLoader.many`), for a caller that will ask for
 * the metadata of each of them: a rebuild's `bewaartermijnen` reads the business date of every trajectory's last event of
 * a page, thousands per page, and a point query each begins a read of its own (5–14 µs in WAL mode). What it reads is
 * exactly what each event would read by itself (events are immutable). Other events (eager ones, metadata already read,
 * a store without `many`): nothing happens.
 */
export function leesMetadataVooraf(events: Iterable<StoredEvent>): void {
  const perLoader = new Map<MetadataLoader, LazyEvent[]>();
  for (const e of events) {
    if (!(e instanceof LazyEvent)) continue;
    const loader = e.metadataTeLezen();
    if (!loader?.many) continue;
    let lijst = perLoader.get(loader);
    if (!lijst) perLoader.set(loader, (lijst = []));
    lijst.push(e);
  }
  for (const [loader, lijst] of perLoader) {
    if (lijst.length < 2) continue;
    const json = loader.many!(lijst.map((e) => e.position));
    for (const e of lijst) {
      const j = json.get(e.position);
      if (j !== undefined) e.metadataGelezen(j);
    }
  }
}
