#!/usr/bin/env bash
# The Diagnose step of action.yml, runnable on its own with the environment an Actions runner gives:
#   INPUT_DATABASE_URL, INPUT_EXPECTED, INPUT_MIGRATIONS, INPUT_FAIL_ON, INPUT_IGNORE (one rule per line),
#   INPUT_SARIF_FILE; GITHUB_ACTION_PATH (the schema-doctor checkout), GITHUB_STEP_SUMMARY, GITHUB_OUTPUT.
# It runs `diagnose --format github` (annotations on stdout; diagnose appends the Markdown report to
# $GITHUB_STEP_SUMMARY itself), then, unless the first run could not diagnose, `--format sarif` into the SARIF
# file. It writes drift=, exit-code= and sarif-file= to $GITHUB_OUTPUT and exits with diagnose's exit code.
# The URL goes to schema-doctor through DATABASE_URL, never on a command line.
set -uo pipefail

cli=(node "${GITHUB_ACTION_PATH:?GITHUB_ACTION_PATH is not set}/bin/schema-doctor.js")
args=(diagnose --expected "${INPUT_EXPECTED:-expected-schema}" --fail-on "${INPUT_FAIL_ON:-drift}")
if [ -n "${INPUT_MIGRATIONS:-}" ]; then args+=(--migrations "$INPUT_MIGRATIONS"); fi
while IFS= read -r rule; do
  rule="${rule#"${rule%%[![:space:]]*}"}"
  rule="${rule%"${rule##*[![:space:]]}"}"
  if [ -n "$rule" ] && [ "${rule:0:1}" != "#" ]; then args+=(--ignore "$rule"); fi
done <<< "${INPUT_IGNORE:-}"

if [ -z "${INPUT_DATABASE_URL:-}" ]; then
  echo "::error title=schema-doctor::the database-url input is empty"
  code=5
else
  export DATABASE_URL="$INPUT_DATABASE_URL"
  "${cli[@]}" "${args[@]}" --format github
  code=$?
fi

sarif="${INPUT_SARIF_FILE:-}"
written=''
if [ -n "$sarif" ] && { [ "$code" -eq 0 ] || [ "$code" -eq 2 ]; }; then
  # The same diagnosis as SARIF; it never fails the step and does not append a second summary.
  if "${cli[@]}" "${args[@]}" --format sarif --fail-on never --no-summary > "$sarif"; then
    written="$sarif"
  else
    echo "::warning title=schema-doctor::could not write the SARIF file $sarif"
    rm -f "$sarif"
  fi
fi

if [ -n "${GITHUB_OUTPUT:-}" ]; then
  {
    echo "drift=$([ "$code" -eq 2 ] && echo true || echo false)"
    echo "exit-code=$code"
    echo "sarif-file=$written"
  } >> "$GITHUB_OUTPUT"
fi
exit "$code"
