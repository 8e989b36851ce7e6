#!/usr/bin/env bash
# Browser end-to-end tests of the Web SDK, demo page and dashboard (sdk/test/README.md).
# Installs Debian's chromium and ffmpeg when missing (as root), the npm dependency (playwright-core: no browser
# download), builds the service, then runs BrowserE2ETest, which starts a server with test hooks and runs
# `node --test e2e.test.mjs` against it. Case (a) skips with a message where ../shared/data is absent.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"

need=()
command -v chromium >/dev/null || need+=(chromium)
command -v ffmpeg >/dev/null || need+=(ffmpeg)
command -v node >/dev/null || need+=(nodejs npm)
if [ ${#need[@]} -gt 0 ]; then
  echo "== installing ${need[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get -o DPkg::Lock::Timeout=600 update -qq && apt-get -o DPkg::Lock::Timeout=600 install -y -qq "${need[@]}" >/dev/null
fi

echo "== npm dependencies (sdk/test)"
(cd "$here" && npm install --no-audit --no-fund --no-package-lock --loglevel=error)

export VERILOCK_DATA="${VERILOCK_DATA:-$(cd "$root/.." && pwd)/shared/data}"
[ -d "$VERILOCK_DATA/replay-pair-zubair/real_frames" ] || echo "== face data absent ($VERILOCK_DATA): case (a) will be skipped"

echo "== building the service and running the browser tests"
rm -rf "$root/target/e2e-screenshots"
start=$(date +%s)
cd "$root"
VERILOCK_E2E=1 mvn -q -B package -pl service -am -Dtest=BrowserE2ETest -Dsurefire.failIfNoSpecifiedTests=false
echo "== browser tests passed in $(( $(date +%s) - start )) s; screenshots in target/e2e-screenshots/"
