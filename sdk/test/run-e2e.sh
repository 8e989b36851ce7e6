#!/usr/bin/env bash
# Browser end-to-end tests of the Web SDK, the React component, the demo page and the dashboard (sdk/test/README.md).
# Installs Debian's chromium and ffmpeg when missing (as root) and the npm dependencies (playwright-core: no browser
# download); packs @verilock/web-sdk and @verilock/react with npm pack and builds the Vite + React test app from those
# tarballs; builds the service, then runs BrowserE2ETest, which starts a server with test hooks and runs
# `node --test e2e.test.mjs` against it. Cases that need ../shared/data skip with a message where it is absent.
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

echo "== npm pack: @verilock/web-sdk (sdk/) and @verilock/react (sdk/react/)"
rm -rf "$root/target/npm" "$root/target/e2e-app"
mkdir -p "$root/target/npm"
(cd "$root/sdk" && npm pack --silent --pack-destination "$root/target/npm" >/dev/null)
(cd "$root/sdk/react" && npm pack --silent --pack-destination "$root/target/npm" >/dev/null)
for f in "$root"/target/npm/*.tgz; do echo "   $(basename "$f"): $(stat -c %s "$f") bytes"; done
echo "   sdk/verilock.js: $(stat -c %s "$root/sdk/verilock.js") bytes, $(gzip -9c "$root/sdk/verilock.js" | wc -c) gzipped"

echo "== the Vite + React test app, installed from those tarballs"
# A fresh install each run: the tarballs are new files under the same name.
rm -rf "$here/app/node_modules/@verilock"
(cd "$here/app" && npm install --no-audit --no-fund --no-package-lock --loglevel=error \
  && npx tsc -p tsconfig.json && echo "   types: src/types-check.ts compiles (tsc --strict) against both packages' .d.ts" \
  && npx vite build --logLevel warn --outDir "$root/target/e2e-app" --emptyOutDir)

echo "== SDK unit tests (strings, locales, package version, React theme tokens)"
(cd "$here" && node --test unit.test.mjs)

# The rendered subject of the React case comes from the CLI's simulator (cli/target/verilock-cli.jar).
if [ ! -f "$root/cli/target/verilock-cli.jar" ]; then
  echo "== building the CLI (for ./verilock simulate)"
  (cd "$root" && mvn -q -B package -DskipTests -pl cli -am)
fi

export VERILOCK_DATA="${VERILOCK_DATA:-$(cd "$root/.." && pwd)/shared/data}"
[ -d "$VERILOCK_DATA/replay-pair-zubair/real_frames" ] || echo "== face data absent ($VERILOCK_DATA): cases (a) and (i) will be skipped"

echo "== building the service and running the browser tests"
rm -rf "$root/target/e2e-screenshots"
start=$(date +%s)
cd "$root"
VERILOCK_E2E=1 mvn -q -B package -pl service -am -Dtest=BrowserE2ETest -Dsurefire.failIfNoSpecifiedTests=false
echo "== browser tests passed in $(( $(date +%s) - start )) s; screenshots in target/e2e-screenshots/ and docs/screenshots/"
