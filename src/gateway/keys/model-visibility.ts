import type { Switchyard } from '../../client/switchyard.js';
import type { Caller } from './caller.js';
import { isModelAllowed } from './model-access.js';

/**
 * Whether the caller may use (and so see) a model name: the master key and an open gateway see
 * everything; a virtual key, the names its list allows, plus the aliases and routes every one of
 * whose models its list allows (they reach nothing else, so naming them in the list is not needed).
 */
export function callerMayUseModel(switchyard: Switchyard, caller: Caller, model: string): boolean {
  if (caller.kind !== 'virtual') return true;
  const patterns = caller.key.models;
  if (isModelAllowed(patterns, model)) return true;
  const { aliases, routes } = switchyard.config;
  if (!Object.hasOwn(aliases, model) && !Object.hasOwn(routes, model)) return false;
  let ids: string[];
  try {
    ids = switchyard
      .plan({ model })
      .groups.flatMap((group) =>
        group.deployments.map((deployment) => `${deployment.provider}/${deployment.model}`),
      );
  } catch {
    return false;
  }
  // A route that resolves to nothing now reaches nothing the list allows either.
  return ids.length > 0 && ids.every((id) => isModelAllowed(patterns, id));
}
