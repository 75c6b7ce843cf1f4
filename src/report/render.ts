/**
 * `diagnose --format …`: one entry point for every report renderer. Renderers are pure: report in, text out (the
 * caller writes it and adds colour through `style`).
 */
import { renderGithub } from './render-github.js';
import { renderJson } from './render-json.js';
import { renderJunit } from './render-junit.js';
import { renderMarkdown } from './render-markdown.js';
import { renderSarif } from './render-sarif.js';
import { plainStyle, renderTable, type Style } from './render-table.js';
import type { DiagnoseReport } from './report.js';

export const FORMATS = ['table', 'json', 'markdown', 'github', 'junit', 'sarif'] as const;
export type Format = (typeof FORMATS)[number];

export function isFormat(s: string): s is Format {
  return (FORMATS as readonly string[]).includes(s);
}

export interface RenderOptions {
  /** Colours for `table` (default: none). */
  style?: Style;
  /** Repository-relative path of the expected-schema manifest: `file=` in `github`, a physical location in `sarif`. */
  manifestPath?: string;
  /** Per finding id, where a reviewer can act on it (a migration file or the manifest, and a line). */
  locations?: Locations;
}

/** Finding id → file (relative to the working directory) and 1-based line. */
export type Locations = Record<string, { file: string; line?: number }>;

export function renderReport(report: DiagnoseReport, format: Format, options: RenderOptions = {}): string {
  switch (format) {
    case 'table':
      return renderTable(report, options.style ?? plainStyle);
    case 'json':
      return renderJson(report);
    case 'markdown':
      return renderMarkdown(report);
    case 'github':
      return renderGithub(report, { manifestPath: options.manifestPath, locations: options.locations });
    case 'junit':
      return renderJunit(report);
    case 'sarif':
      return renderSarif(report, { manifestPath: options.manifestPath, locations: options.locations });
  }
}
