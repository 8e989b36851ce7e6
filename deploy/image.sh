#!/usr/bin/env bash
# Builds the Verilock container image without a Docker daemon and writes target/verilock-image.tar (docker-archive:
# `podman load -i` or `docker load -i`). Run as `./verilock image`. Needs, from Debian: podman, mmdebstrap (as root).
#  1. base: a minimal Debian rootfs (mmdebstrap, variant essential) with openjdk-17-jre-headless and libturbojpeg0,
#     a non-root user verilock (10001) and its data folder; cached in $VERILOCK_IMAGE_CACHE (default
#     ~/.cache/verilock/image) under a name that changes with the recipe, and rebuilt when older than
#     $VERILOCK_BASE_MAX_AGE_DAYS (default 7) so security updates come in;
#  2. the application layered on it (deploy/Containerfile): the cli's jar and runtime libraries, the model cache.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export CONTAINERS_CONF="${CONTAINERS_CONF:-$root/deploy/containers.conf}"
tag="${VERILOCK_IMAGE_TAG:-localhost/verilock:latest}"
out="$root/target/verilock-image.tar"
cache="${VERILOCK_IMAGE_CACHE:-$HOME/.cache/verilock/image}"
suite=bookworm
mirror="${VERILOCK_DEBIAN_MIRROR:-http://deb.debian.org/debian}"
packages=openjdk-17-jre-headless,libturbojpeg0
say() { echo "verilock image: $*" >&2; }

for tool in podman mmdebstrap; do
  command -v "$tool" >/dev/null || { say "needs $tool (Debian: apt-get install podman runc mmdebstrap)"; exit 1; }
done

# 1. The base rootfs, named by its recipe (this block) so a changed recipe builds a new one.
recipe="$suite $mirror $packages $(sed -n '/^# recipe-start/,/^# recipe-end/p' "$0" | sha256sum)"
key="$(echo "$recipe" | sha256sum | cut -c1-12)"
base="$cache/base-$suite-$key.tar"
mkdir -p "$cache"
if [ -f "$base" ] && [ -n "$(find "$base" -mtime +"${VERILOCK_BASE_MAX_AGE_DAYS:-7}")" ]; then
  say "base rootfs older than ${VERILOCK_BASE_MAX_AGE_DAYS:-7} days: rebuilding"; rm -f "$base"
fi
if [ ! -f "$base" ]; then
  say "building the Debian $suite base rootfs with mmdebstrap (a few minutes)..."
  start=$(date +%s)
# recipe-start
  mmdebstrap --quiet --variant=essential --include="$packages" \
    --dpkgopt='path-exclude=/usr/share/man/*' --dpkgopt='path-exclude=/usr/share/doc/*' \
    --dpkgopt='path-include=/usr/share/doc/*/copyright' --dpkgopt='path-exclude=/usr/share/locale/*' \
    --setup-hook='mkdir -p "$1/usr/share/man/man1"' \
    --customize-hook='echo "verilock:x:10001:10001:Verilock:/var/lib/verilock:/usr/sbin/nologin" >> "$1/etc/passwd"' \
    --customize-hook='echo "verilock:x:10001:" >> "$1/etc/group"' \
    --customize-hook='mkdir -p "$1/var/lib/verilock/data" && chown -R 10001:10001 "$1/var/lib/verilock"' \
    --customize-hook='rm -rf "$1/var/cache/apt"/*.bin "$1/var/lib/apt/lists"/*' \
    --format=tar "$suite" "${base%.tar}.part.tar" "$mirror"
# recipe-end
  mv "${base%.tar}.part.tar" "$base"
  say "base rootfs built in $(( $(date +%s) - start )) s"
fi
base_image="localhost/verilock-base:$suite-$key"
if ! podman image exists "$base_image"; then
  podman import --quiet "$base" "$base_image" >/dev/null
fi

# 2. The application: the launcher's build (jar + runtime libraries) and the model cache.
(cd "$root" && mvn -q -B -DskipTests package) >&2
# Fetched now, at build time, so the image starts offline: the anti-spoofing weights (MiniFASNet; the launcher seeds
# them from ../shared/models where that copy exists); the face models were unpacked by the build above.
"$root/verilock" models fetch >&2
models="${VERILOCK_CACHE:-$HOME/.cache/verilock}"
ctx="$root/target/image-context"
rm -rf "$ctx" && mkdir -p "$ctx/lib" "$ctx/models"
cp "$root/cli/target/verilock-cli.jar" "$root/cli/target/lib/"*.jar "$ctx/lib/"
# OpenCV's and ONNX Runtime's jars carry native libraries for every OS (~180 MiB); the image keeps its own platform's.
case "$(uname -m)" in
  x86_64) keep_opencv=linux/x86_64 keep_onnx=linux-x64 ;;
  aarch64) keep_opencv=linux/ARMv8 keep_onnx=linux-aarch64 ;;
  *) keep_opencv='' ;;
esac
if [ -n "$keep_opencv" ] && command -v python3 >/dev/null; then
  python3 - "$ctx/lib" "$keep_opencv" "$keep_onnx" <<'PY'
import sys, zipfile, pathlib, os
lib, keep_cv, keep_ort = pathlib.Path(sys.argv[1]), sys.argv[2], sys.argv[3]
rules = {'opencv-': ('nu/pattern/opencv/', 'nu/pattern/opencv/' + keep_cv + '/'),
         'onnxruntime-': ('ai/onnxruntime/native/', 'ai/onnxruntime/native/' + keep_ort + '/')}
for jar in lib.glob('*.jar'):
    rule = next((r for p, r in rules.items() if jar.name.startswith(p)), None)
    if not rule: continue
    native, keep = rule
    slim = jar.with_suffix('.slim')
    with zipfile.ZipFile(jar) as src, zipfile.ZipFile(slim, 'w', zipfile.ZIP_DEFLATED) as dst:
        for e in src.infolist():
            n = e.filename
            # other platforms' natives go; so do their directories and debug symbols
            if n.startswith(native) and not n.startswith(keep) and not n.endswith('/') and n.count('/') > native.count('/'):
                continue
            if n.endswith('.dSYM/') or '.dSYM/' in n: continue
            dst.writestr(e, src.read(e))
    os.replace(slim, jar)
PY
fi
# Whatever the cache holds, without the npm tarball (its models are unpacked beside it), temporary fetches and images.
(cd "$models" && find . -mindepth 1 -maxdepth 1 ! -name '*.tgz' ! -name 'fetch-*' ! -name image -exec cp -r {} "$ctx/models/" \;)
[ -n "$(ls -A "$ctx/models")" ] || { say "the model cache $models is empty: run the build once online first"; exit 1; }
cp "$root/deploy/Containerfile" "$ctx/"
podman build --quiet --format docker --build-arg BASE="$base_image" -t "$tag" "$ctx" >/dev/null
mkdir -p "$root/target"
rm -f "$out"
podman save --quiet --format docker-archive -o "$out" "$tag"
say "wrote $out ($(du -m "$out" | cut -f1) MiB; image $tag, $(podman image inspect --format '{{.Size}}' "$tag" | awk '{printf "%d MiB", $1/1048576}') unpacked)"
