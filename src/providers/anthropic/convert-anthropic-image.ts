import { unsupportedFeature } from '../../core/errors/switchyard-error.js';
import type { ImagePart } from '../../core/types/messages.js';
import type { AnthropicImageBlock } from './anthropic-api-types.js';

/** The only image types the Messages API accepts. */
const MEDIA_TYPES = new Set(['image/jpeg', 'image/png', 'image/gif', 'image/webp']);

function checkedMediaType(provider: string, mediaType: string | undefined): string {
  const normalized = mediaType?.toLowerCase() === 'image/jpg' ? 'image/jpeg' : mediaType?.toLowerCase();
  if (!normalized || !MEDIA_TYPES.has(normalized)) {
    throw unsupportedFeature(
      provider,
      `image media type ${mediaType ?? '(none)'}`,
      'use jpeg, png, gif or webp',
    );
  }
  return normalized;
}

/**
 * A canonical image as an Anthropic image block: base64 data (given directly or as a `data:` URL)
 * becomes a base64 source; an http(s) URL becomes a url source that Anthropic fetches itself.
 */
export function convertToAnthropicImage(provider: string, part: ImagePart): AnthropicImageBlock {
  if (part.data !== undefined) {
    return {
      type: 'image',
      source: { type: 'base64', media_type: checkedMediaType(provider, part.mediaType), data: part.data },
    };
  }
  const url = part.url ?? '';
  const dataUrl = /^data:([^;,]+);base64,(.*)$/s.exec(url);
  if (dataUrl) {
    return {
      type: 'image',
      source: { type: 'base64', media_type: checkedMediaType(provider, dataUrl[1]), data: dataUrl[2]! },
    };
  }
  if (/^https?:\/\//i.test(url)) return { type: 'image', source: { type: 'url', url } };
  throw unsupportedFeature(provider, 'image without data or an http(s) URL');
}
