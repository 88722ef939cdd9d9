import { Drop, SafeList } from '../../templates/runtime/values.js';
import type { Hl7Delimiters } from './delimiters.js';
import { integerKey, propertyNotFound } from './drop-key.js';
import { normalizeValue } from './escape.js';
import { Hl7v2Component } from './hl7v2-component.js';

type FieldProperty = (f: Hl7v2Field) => unknown;

const FIELD_PROPERTIES: Readonly<Record<string, FieldProperty>> = {
  value: (f) => f.readValue(),
  components: (f) => f.Components,
  repeats: (f) => f.readRepeats(),
};

const NO_REPEATS = new SafeList<Hl7v2Field>([]);

/** Construction flags of {@link Hl7v2Field}, packed to keep the object small. */
export const FIELD_FLAGS = {
  /** A member of another field's `Repeats` (its own `Repeats` is empty). */
  repetition: 1,
  /** MSH-2: raw Value, a single verbatim component. */
  verbatim: 2,
  /** Raw text has no escape char and no quote, so normalised text = raw text. */
  plain: 4,
} as const;

/**
 * An HL7v2 field or one repetition of it (msfc-compat §3.3). `Value` includes repetition separators; `Components`
 * are the components of the first repetition (the same objects as `Repeats[0].Components`), index 0 nil, empty → nil.
 */
export class Hl7v2Field extends Drop {
  private value: string | undefined;
  /** `Repeats` of a field; `Components` of a repetition or of MSH-2 (built on first access). */
  private parts: SafeList<Hl7v2Field> | SafeList<Hl7v2Component | undefined> | undefined;

  /**
   * @param raw - raw field (or repetition) text
   * @param flags - {@link FIELD_FLAGS} bits
   */
  constructor(
    readonly raw: string,
    private readonly d: Hl7Delimiters,
    private readonly flags = 0,
  ) {
    super();
  }

  private get isRepetition(): boolean {
    return (this.flags & FIELD_FLAGS.repetition) !== 0;
  }

  private get verbatim(): boolean {
    return (this.flags & FIELD_FLAGS.verbatim) !== 0;
  }

  get Value(): string {
    if ((this.flags & (FIELD_FLAGS.verbatim | FIELD_FLAGS.plain)) !== 0) return this.raw;
    this.value ??= normalizeValue(this.raw, this.d);
    return this.value;
  }

  get Repeats(): SafeList<Hl7v2Field> {
    if (this.isRepetition || this.verbatim) return NO_REPEATS;
    this.parts ??= this.splitRepeats();
    return this.parts as SafeList<Hl7v2Field>;
  }

  get Components(): SafeList<Hl7v2Component | undefined> {
    if (!this.isRepetition && !this.verbatim) return this.Repeats.items[0].Components;
    this.parts ??= this.splitComponents();
    return this.parts as SafeList<Hl7v2Component | undefined>;
  }

  /** Reads `Value` as a template does: marks the first-repetition components as read (msfc-compat §3.6). */
  readValue(): string {
    this.markComponentsRead();
    return this.Value;
  }

  /** Reads `Repeats` as a template does: marks the first-repetition components as read (msfc-compat §3.6). */
  readRepeats(): SafeList<Hl7v2Field> {
    this.markComponentsRead();
    return this.Repeats;
  }

  /** Marks every component of the first repetition as read. */
  markComponentsRead(): void {
    for (const c of this.Components.items) if (c) c.accessed = true;
  }

  liquidGet(key: string | number): unknown {
    const index = integerKey(key);
    if (index !== undefined) return this.Components.at(index);
    const property = typeof key === 'string' ? FIELD_PROPERTIES[key.toLowerCase()] : undefined;
    if (!property) throw propertyNotFound(key, 'field');
    return property(this);
  }

  private splitRepeats(): SafeList<Hl7v2Field> {
    const flags = FIELD_FLAGS.repetition | (this.flags & FIELD_FLAGS.plain);
    const sep = this.d.repetition;
    const raw = this.raw;
    const items: Hl7v2Field[] = [];
    let start = 0;
    for (let cut = raw.indexOf(sep); cut >= 0; cut = raw.indexOf(sep, start)) {
      items.push(new Hl7v2Field(raw.slice(start, cut), this.d, flags));
      start = cut + 1;
    }
    items.push(new Hl7v2Field(start === 0 ? raw : raw.slice(start), this.d, flags));
    return new SafeList(items);
  }

  private splitComponents(): SafeList<Hl7v2Component | undefined> {
    if (this.verbatim) return new SafeList<Hl7v2Component | undefined>([undefined, new Hl7v2Component(this.raw, this.d, true)]);
    const sep = this.d.component;
    const raw = this.raw;
    const items: (Hl7v2Component | undefined)[] = [undefined];
    let start = 0;
    for (let cut = raw.indexOf(sep); cut >= 0; cut = raw.indexOf(sep, start)) {
      items.push(cut === start ? undefined : new Hl7v2Component(raw.slice(start, cut), this.d));
      start = cut + 1;
    }
    items.push(start === raw.length ? undefined : new Hl7v2Component(start === 0 ? raw : raw.slice(start), this.d));
    return new SafeList(items);
  }
}
