/**
 * Which image a language runs in. One setting names the JavaScript/Python image (SANDBOX_IMAGE,
 * e.g. pairjudge/sandbox:latest); every other family's image is named from it the way
 * sandbox-image/build.sh names it: the family joins the repository part (pairjudge/sandbox-gcc:latest).
 */
import type { LanguageId } from '../../protocol/index.js';
import { LANGUAGE_RUNTIMES, type ImageFamily } from '../../judge-core/languages.js';

export function familyImage(image: string, family: ImageFamily): string {
  if (family === 'js') return image;
  // The tag is what follows the last colon, unless that colon belongs to a registry's port.
  const colon = image.lastIndexOf(':');
  const hasTag = colon > image.lastIndexOf('/');
  const repository = hasTag ? image.slice(0, colon) : image;
  const tag = hasTag ? image.slice(colon + 1) : 'latest';
  return `${repository}-${family}:${tag}`;
}

export function imageFor(image: string, language: LanguageId): string {
  return familyImage(image, LANGUAGE_RUNTIMES[language].family);
}
