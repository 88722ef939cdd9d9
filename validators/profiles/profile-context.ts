import type { Issue } from '../../pipelines/contracts/index.js';
import type { TerminologyService } from '../terminology/terminology-service.js';
import type { InertElements } from './inert.js';

/** Something with a FHIRPath location (read only when an issue is reported). */
export interface PathRef {
  readonly expression: string;
}

/** An element instance met while checking a profile. */
export interface Instance extends PathRef {
  value: unknown;
  /** Concrete type from a choice key suffix (`Quantity` for `valueQuantity`). */
  type?: string;
}

/** What the profile checker needs, for one validated resource. */
export interface ProfileCheckEnv {
  terminology: TerminologyService;
  /** ValueSet of the core binding at a snapshot path (profile bindings equal to it are left to terminology). */
  coreBinding(path: string): string | undefined;
  /** URL of the profile being checked (named in every message). */
  profileUrl: string;
  /** Profile elements that can never report (skipped with their subtrees). */
  inert: InertElements;
  out: Issue[];
}

/** The location `parent.key` or `parent.key[index]`, joined on first read. */
export class ChildPath implements PathRef {
  private expr: string | undefined;
  constructor(
    private readonly parent: PathRef,
    private readonly key: string,
    private readonly index: number,
  ) {}

  get expression(): string {
    this.expr ??= this.index < 0 ? `${this.parent.expression}.${this.key}` : `${this.parent.expression}.${this.key}[${this.index}]`;
    return this.expr;
  }
}

/** A child instance whose expression is joined from its parent's on first read. */
export class ChildInstance extends ChildPath implements Instance {
  constructor(
    readonly value: unknown,
    parent: PathRef,
    key: string,
    index: number,
    readonly type: string | undefined,
  ) {
    super(parent, key, index);
  }
}
