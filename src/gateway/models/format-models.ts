import type { GatewayModel } from './models-cache.js';

export function openAIModel(model: GatewayModel) {
  return { id: model.id, object: 'model' as const, created: model.created, owned_by: model.ownedBy };
}

export function openAIModelList(models: GatewayModel[]) {
  return { object: 'list' as const, data: models.map(openAIModel) };
}

export function anthropicModel(model: GatewayModel) {
  return {
    type: 'model' as const,
    id: model.id,
    display_name: model.displayName ?? model.id,
    created_at: new Date(model.created * 1000).toISOString(),
  };
}

/** Anthropic's paged shape; the whole list fits in one page. */
export function anthropicModelList(models: GatewayModel[]) {
  return {
    data: models.map(anthropicModel),
    has_more: false,
    first_id: models[0]?.id ?? null,
    last_id: models.at(-1)?.id ?? null,
  };
}
