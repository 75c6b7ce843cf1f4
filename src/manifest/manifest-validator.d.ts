/** The manifest's JSON Schema compiled by Ajv at build time (scripts/build-validators.mjs writes the .js into dist). */
export interface ManifestValidationError {
  instancePath: string;
  keyword: string;
  message?: string;
  params: Record<string, unknown>;
}
declare const validate: ((data: unknown) => boolean) & { errors?: ManifestValidationError[] | null };
export default validate;
