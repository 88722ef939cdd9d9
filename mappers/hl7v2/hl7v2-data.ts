import type { Hl7v2DataModel, Hl7v2SegmentModel } from '../../pipelines/contracts/hl7v2-model.js';
import { Drop } from '../../templates/runtime/values.js';
import type { Hl7Delimiters } from './delimiters.js';
import type { Hl7v2Segment } from './hl7v2-segment.js';

type DataProperty = (d: Hl7v2Data) => unknown;

const DATA_PROPERTIES: Readonly<Record<string, DataProperty>> = {
  value: (d) => d.Value,
  meta: (d) => d.Meta,
  data: (d) => d.Data,
};

/** Where a message sits in its input file. */
export interface MessageOrigin {
  /** 0-based index of the message in the file (batch position). */
  record: number;
  /** 1-based physical line of the message's first segment. */
  line: number;
  /** 0-based character offset of the first segment. */
  offset: number;
  /** 0-based UTF-8 byte offset of the first segment. */
  byteOffset: number;
}

/**
 * The `hl7v2Data` drop (msfc-compat §3.3): `Value` = raw message, `Meta` = segment ids, `Data` = segments.
 * Names match case-insensitively; unknown names are nil. Chunks (`createChunk`) have no `Value` and no delimiters.
 */
export class Hl7v2Data extends Drop implements Hl7v2DataModel {
  readonly kind = 'hl7v2-data' as const;

  constructor(
    readonly Value: string | undefined,
    readonly Meta: string[],
    readonly Data: Hl7v2Segment[],
    readonly delimiters: Hl7Delimiters | undefined,
    readonly origin: MessageOrigin | undefined,
  ) {
    super();
  }

  createChunk(segments: Hl7v2SegmentModel[]): Hl7v2Data {
    const own = segments as Hl7v2Segment[];
    return new Hl7v2Data(undefined, own.map((s) => s.id), own, undefined, this.origin);
  }

  liquidGet(key: string | number): unknown {
    const property = typeof key === 'string' ? DATA_PROPERTIES[key.toLowerCase()] : undefined;
    return property ? property(this) : undefined;
  }
}
