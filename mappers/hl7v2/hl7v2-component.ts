import { Drop, SafeList } from '../../templates/runtime/values.js';
import type { Hl7Delimiters } from './delimiters.js';
import { integerKey, propertyNotFound } from './drop-key.js';
import { normalizeValue } from './escape.js';

type ComponentProperty = (c: Hl7v2Component) => unknown;

const COMPONENT_PROPERTIES: Readonly<Record<string, ComponentProperty>> = {
  value: (c) => c.Value,
  subcomponents: (c) => c.Subcomponents,
};

/**
 * An HL7v2 component (msfc-compat §3.3): `Value` = normalised component text, `Subcomponents` = `[nil, s1, ...]`
 * with empty subcomponents as `""`. Any lookup on it marks it as read (msfc-compat §3.6).
 */
export class Hl7v2Component extends Drop {
  /** Set when a template read this component (msfc-compat §3.6). */
  accessed = false;
  private value: string | undefined;
  private subcomponents: SafeList<string | undefined> | undefined;

  /**
   * @param raw - the raw component text
   * @param verbatim - MSH-2: Value is the raw text, never unescaped or split
   */
  constructor(
    readonly raw: string,
    private readonly d: Hl7Delimiters,
    private readonly verbatim = false,
  ) {
    super();
  }

  get Value(): string {
    this.value ??= this.verbatim ? this.raw : normalizeValue(this.raw, this.d);
    return this.value;
  }

  get Subcomponents(): SafeList<string | undefined> {
    if (!this.subcomponents) {
      const parts = this.verbatim ? [this.raw] : this.raw.split(this.d.subcomponent).map((s) => normalizeValue(s, this.d));
      this.subcomponents = new SafeList<string | undefined>([undefined, ...parts]);
    }
    return this.subcomponents;
  }

  liquidGet(key: string | number): unknown {
    this.accessed = true;
    const index = integerKey(key);
    if (index !== undefined) return this.Subcomponents.at(index);
    const property = typeof key === 'string' ? COMPONENT_PROPERTIES[key.toLowerCase()] : undefined;
    if (!property) throw propertyNotFound(key, 'component');
    return property(this);
  }
}
