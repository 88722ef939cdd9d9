import type { ProfileElement, ProfileIndex } from './profile-index.js';
import { hasOwnConstraints } from './profile-constraints.js';
import { valueConstraint } from './value-match.js';

const NONE: readonly ProfileElement[] = [];
const BINDING_STRENGTHS: ReadonlySet<string> = new Set(['required', 'extensible']);

function maxOf(def: { max?: string }): number {
  return def.max === undefined || def.max === '*' ? Infinity : Number(def.max);
}

/** True when the cardinality check of a (non-slice) element can never report: not tightened, not mustSupport. */
function silentCardinality(el: ProfileElement): boolean {
  if (el.sliceName !== undefined || el.def.mustSupport) return false;
  return (el.def.min ?? 0) <= (el.def.base?.min ?? 0) && maxOf(el.def) >= maxOf(el.def.base ?? {});
}

/** True when the element's profile binding equals the core one (or is not required/extensible), so it never reports. */
function silentBinding(el: ProfileElement, coreBinding: (path: string) => string | undefined): boolean {
  const b = el.def.binding;
  return !b?.valueSet || !BINDING_STRENGTHS.has(b.strength) || coreBinding(el.def.path) === b.valueSet;
}

/**
 * Elements of a profile whose checks can never report anything, for any instance: cardinality not tightened and not
 * mustSupport, no type restriction, fixed/pattern value, own binding, own constraints or slices, and only inert
 * children. The profile checker skips them (and their subtrees) without reading the instance.
 */
export class InertElements {
  private readonly inert = new WeakMap<ProfileElement, boolean>();
  private readonly live = new WeakMap<ProfileElement[], ProfileElement[]>();

  /** @param coreBinding - ValueSet of the core binding at a snapshot path (fixed for the lifetime of this object). */
  constructor(private readonly coreBinding: (path: string) => string | undefined) {}

  /** The children of `parentId` that are not inert (the same array object for every call). */
  liveChildren(index: ProfileIndex, parentId: string): readonly ProfileElement[] {
    const all = index.children.get(parentId);
    if (all === undefined) return NONE;
    let hit = this.live.get(all);
    if (hit === undefined) this.live.set(all, (hit = all.filter((el) => !this.isInert(index, el))));
    return hit;
  }

  private isInert(index: ProfileIndex, el: ProfileElement): boolean {
    let hit = this.inert.get(el);
    if (hit !== undefined) return hit;
    this.inert.set(el, false);
    hit =
      !(el.choice && el.def.type) &&
      el.slices.length === 0 &&
      silentCardinality(el) &&
      valueConstraint(el.def) === undefined &&
      silentBinding(el, this.coreBinding) &&
      !hasOwnConstraints(el.def) &&
      this.liveChildren(index, el.id).length === 0;
    this.inert.set(el, hit);
    return hit;
  }
}
