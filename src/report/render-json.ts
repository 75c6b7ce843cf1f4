/**
 * `diagnose --format json`: the report as it is, described by docs/report.schema.json. Keys keep the order in which
 * the report objects were built (no sorting), absent optional fields are left out, and the output ends with a newline.
 */
import type { DiagnoseReport } from './report.js';

export function renderJson(report: DiagnoseReport): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}
