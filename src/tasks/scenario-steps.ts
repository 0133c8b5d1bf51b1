import type { Kysely } from 'kysely';
import type { DB } from '../store/schema.ts';
import type { ScenarioStep } from '../core/scenario/types.ts';
import { DEFAULT_SCENARIOS } from '../core/scenario/default-scenarios.ts';
import { findScenario } from '../store/scenarios.ts';

/**
 * The steps of the scenario versions that actions were planned with, loaded once per
 * version: a stored version, or (version 0) the built-in scenario of that code.
 */
export class ScenarioSteps {
  private readonly loaded = new Map<string, Promise<readonly ScenarioStep[]>>();

  constructor(private readonly companyId: number) {}

  async step(
    db: Kysely<DB>,
    code: string,
    version: number,
    stepId: string,
  ): Promise<ScenarioStep | undefined> {
    const key = `${code}\u0000${version}`;
    let steps = this.loaded.get(key);
    if (!steps) {
      steps = this.load(db, code, version);
      this.loaded.set(key, steps);
    }
    return (await steps).find((s) => s.id === stepId);
  }

  private async load(db: Kysely<DB>, code: string, version: number) {
    if (version > 0) {
      const stored = await findScenario(db, this.companyId, code, version);
      if (stored) return stored.steps;
    }
    return DEFAULT_SCENARIOS.find((s) => s.code === code)?.steps ?? [];
  }
}
