import { describe, expect, it } from 'vitest';
import { Money, priceTokens } from '../../accounting/money.js';
import { createCatalog } from '../../catalog/create-catalog.js';
import { worstCaseOfBody } from './worst-case-of-body.js';

const catalog = createCatalog();
const mini = catalog.get('gpt-4o-mini', 'openai')!;
const embedding = catalog.get('text-embedding-3-small', 'openai')!;

describe('worstCaseOfBody', () => {
  it('prices the prompt estimate plus the output asked for, on the dearest model', () => {
    const body = { model: 'x', max_tokens: 100, messages: [{ role: 'user', content: 'hello there' }] };
    const prompt = Math.ceil(JSON.stringify(body).length / 4);
    const dearer = { ...mini, prices: { ...mini.prices, output: mini.prices.output.times(10) } };
    const expected = priceTokens(prompt, dearer.prices.input).plus(priceTokens(100, dearer.prices.output));
    expect(worstCaseOfBody(body, [mini, dearer]).toString()).toBe(expected.toString());
    expect(worstCaseOfBody(body, [mini]).lessThan(expected)).toBe(true);
  });

  it("assumes the model's output cap when the client sets none, no output for embeddings, and nothing unpriced", () => {
    const body = { model: 'x', input: 'text' };
    const withCap = worstCaseOfBody(body, [{ ...mini, maxOutputTokens: 10 }]);
    const withoutCap = worstCaseOfBody(body, [{ ...mini, maxOutputTokens: undefined }]);
    expect(withoutCap.greaterThan(withCap)).toBe(true);
    expect(worstCaseOfBody(body, [embedding]).greaterThan(Money.ZERO)).toBe(true);
    expect(worstCaseOfBody(body, []).isZero()).toBe(true);
  });
});
