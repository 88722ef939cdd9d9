import type { Issue } from '../../pipelines/contracts/index.js';
import { defineValidator } from '../define.js';
import type { ValidationContext } from '../define.js';
import { makeIssue } from '../model/issue.js';
import type { TypeRegistry } from '../model/type-registry.js';
import { checkAgainstProfile } from './check-profile.js';
import { InertElements } from './inert.js';
import type { Instance, PathRef, ProfileCheckEnv } from './profile-context.js';

const coreBindings = new WeakMap<TypeRegistry, Map<string, string | undefined>>();

function coreBindingOf(registry: TypeRegistry, path: string): string | undefined {
  let cache = coreBindings.get(registry);
  if (!cache) coreBindings.set(registry, (cache = new Map()));
  if (cache.has(path)) return cache.get(path);
  const dot = path.indexOf('.');
  const valueSet = registry.table(dot < 0 ? path : path.slice(0, dot))?.elements.get(path)?.binding?.valueSet;
  cache.set(path, valueSet);
  return valueSet;
}

const inertByRegistry = new WeakMap<TypeRegistry, InertElements>();

function inertFor(registry: TypeRegistry): InertElements {
  let hit = inertByRegistry.get(registry);
  if (!hit) inertByRegistry.set(registry, (hit = new InertElements((path) => coreBindingOf(registry, path))));
  return hit;
}

function envFor(ctx: ValidationContext, profileUrl: string, out: Issue[]): ProfileCheckEnv {
  return {
    terminology: ctx.terminology,
    coreBinding: (path) => coreBindingOf(ctx.registry, path),
    profileUrl,
    inert: inertFor(ctx.registry),
    out,
  };
}

/**
 * A resource or extension checked against a profile. A class with a prototype getter, not an object literal with
 * `get expression()`: a literal accessor is allocated in old space and its closure keeps the whole walk (and the
 * bundle) alive across scavenges, so every validated bundle was promoted.
 */
class RootInstance implements Instance {
  constructor(
    readonly value: unknown,
    private readonly at: PathRef,
  ) {}

  get expression(): string {
    return this.at.expression;
  }
}

function checkResources(ctx: ValidationContext, out: Issue[]): void {
  for (const frame of ctx.walk.resources) {
    if (!frame.type) continue;
    const claimed = frame.value.meta?.profile;
    for (const url of Array.isArray(claimed) ? claimed : []) {
      if (typeof url === 'string' && !ctx.profiles.has(url)) {
        out.push(makeIssue('information', 'not-supported', 'profile-unknown', `Profile ${url} is not loaded; it was not checked`, `${frame.expression}.meta.profile`));
      }
    }
    for (const index of ctx.profiles.applicable(frame.type, Array.isArray(claimed) ? claimed : undefined)) {
      checkAgainstProfile(index, [new RootInstance(frame.value, frame)], envFor(ctx, index.url, out));
    }
  }
}

function checkExtensions(ctx: ValidationContext, out: Issue[]): void {
  for (const node of ctx.walk.nodes) {
    if (node.type !== 'Extension') continue;
    const url = (node.value as { url?: unknown } | null)?.url;
    const index = typeof url === 'string' && url.includes('/') ? ctx.profiles.index(url) : undefined;
    if (index && index.type === 'Extension') checkAgainstProfile(index, [new RootInstance(node.value, node)], envFor(ctx, index.url, out));
  }
}

function dropRepeatedMustSupport(issues: Issue[]): Issue[] {
  const seen = new Set<string>();
  return issues.filter((i) => {
    if (i.details.coding?.[0]?.code !== 'must-support') return true;
    const key = i.expression?.[0] ?? '';
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** Profiles: user StructureDefinitions, US Core 5.0.1 and extension definitions. */
export const profilesValidator = defineValidator({
  name: 'profiles',
  summary: 'User profiles, US Core 5.0.1 and extension definitions: cardinality, types, fixed/pattern, slicing, bindings, mustSupport.',
  description:
    'Applies StructureDefinitions given by the user (files, folders, Bundles, FHIR NPM .tgz packages; snapshot or ' +
    'differential over a base) to every resource of their type, and known profiles (US Core 5.0.1, core profiles, ' +
    'packages) to resources claiming them in meta.profile. Checks tightened cardinality, restricted choice types, ' +
    'fixed and pattern values, slicing by value/pattern/type (closed slicing too), profile bindings, and reports ' +
    'absent mustSupport elements as information. Every extension with a known URL is checked against its definition.',
  validate(ctx: ValidationContext): Issue[] {
    const out: Issue[] = [];
    checkResources(ctx, out);
    checkExtensions(ctx, out);
    return dropRepeatedMustSupport(out);
  },
});
