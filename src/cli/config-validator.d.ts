/** docs/config.schema.json compiled by Ajv at build time (scripts/build-validators.mjs writes the .js into dist). */
import type { ManifestValidationError } from '../manifest/manifest-validator.js';
declare const validate: ((data: unknown) => boolean) & { errors?: ManifestValidationError[] | null };
export default validate;
