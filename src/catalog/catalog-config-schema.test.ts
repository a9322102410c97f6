import { describe, expect, it } from 'vitest';
import { catalogConfigSchema } from './catalog-config-schema.js';

describe('catalogConfigSchema', () => {
  it('reads snake_case options into the camelCase config', () => {
    expect(
      catalogConfigSchema.parse({
        files: ['./models.yaml'],
        builtin: false,
        preflight: { enabled: true, reserve_output: true },
      }),
    ).toEqual({
      files: ['./models.yaml'],
      builtin: false,
      preflight: { enabled: true, reserveOutput: true },
    });
  });

  it('refuses unknown options', () => {
    expect(catalogConfigSchema.safeParse({ file: 'x' }).success).toBe(false);
  });
});
