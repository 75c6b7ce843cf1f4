#!/usr/bin/env bash
# Installs schema-doctor in the action's own checkout ($GITHUB_ACTION_PATH): its locked dependencies and the build.
# Nothing is installed in the workspace or globally. Skipped when the checkout is already built (a local run).
set -euo pipefail
cd "${GITHUB_ACTION_PATH:?GITHUB_ACTION_PATH is not set}"
if [ -f dist/cli/main.js ] && [ -e node_modules ]; then
  echo "schema-doctor is already installed in $GITHUB_ACTION_PATH"
  exit 0
fi
npm ci --no-audit --no-fund --loglevel=error
npm run build --silent
