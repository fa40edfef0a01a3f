#!/usr/bin/env bash
# The README's two commands on a fresh machine: a minimal Debian 12 (debootstrap, minbase) with Node 20
# and npm copied in and nothing else the project names — no CJK font, no Chromium, no Python. A clean
# clone of this repository's HEAD is copied in; then `npm install`, `npm start` (until it prints its
# addresses, which are then fetched), and `npm test`, each as a newcomer would type it.
#
#   sudo bash test/fresh/fresh-debian.sh            (root: debootstrap and chroot need it)
#
# Needs root, network access to deb.debian.org and the npm registry, ~6 GB of disk, and the default
# ports (3000, 3100, 4569, 8080, 10086) free on this machine: stop your own `npm start` first.
# FRESH_DIR (default /var/tmp/drama-fresh) keeps the pristine base as a tarball so a rerun skips
# debootstrap; each run unpacks a new root from it. Logs: $FRESH_DIR/logs/.
set -euo pipefail
repo="$(cd "$(dirname "$0")/../.." && pwd)"
fresh="${FRESH_DIR:-/var/tmp/drama-fresh}"
base="$fresh/bookworm-minbase.tar"
root="$fresh/root"
logs="$fresh/logs"
[ "$(id -u)" = 0 ] || { echo "run as root (debootstrap and chroot need it)"; exit 1; }
mkdir -p "$fresh" "$logs"
step() { printf '\n== %s (%s)\n' "$1" "$(date -u +%H:%M:%S)"; }

# Signal every process whose root directory is the fresh root (what runs inside the chroot).
signal_root() {
  for p in /proc/[0-9]*; do [ "$(readlink "$p/root" 2>/dev/null)" = "$root" ] && kill "-$1" "${p#/proc/}" 2>/dev/null; done; true
}
cleanup() {
  signal_root KILL
  for m in dev/shm dev/pts dev proc sys; do mountpoint -q "$root/$m" && umount -l "$root/$m" || true; done
}
trap cleanup EXIT

if [ ! -f "$base" ]; then
  step "debootstrap: Debian 12 minbase"
  command -v debootstrap >/dev/null || (apt-get update -qq && apt-get install -y -qq debootstrap)
  rm -rf "$root" && mkdir -p "$root"
  debootstrap --variant=minbase --include=ca-certificates bookworm "$root" http://deb.debian.org/debian > "$logs/debootstrap.log"
  tar -C "$root" -cf "$base" .
fi

step "a new root from the pristine base, with Node $(node --version) and npm $(npm --version) copied in"
cleanup; rm -rf "$root" && mkdir -p "$root" && tar -C "$root" -xf "$base"
install -m 0755 "$(command -v node)" "$root/usr/local/bin/node"
npm_dir="$(dirname "$(dirname "$(readlink -f "$(command -v npm)")")")"
mkdir -p "$root/usr/local/lib/node_modules" && cp -a "$npm_dir" "$root/usr/local/lib/node_modules/npm"
ln -sf ../lib/node_modules/npm/bin/npm-cli.js "$root/usr/local/bin/npm"
ln -sf ../lib/node_modules/npm/bin/npx-cli.js "$root/usr/local/bin/npx"
cp /etc/resolv.conf "$root/etc/resolv.conf"
# This machine's own certificate authorities (a network that inspects TLS has its CA here): a fresh
# machine of the same kind trusts them too, or it could not reach the npm registry at all.
if ls /usr/local/share/ca-certificates/*.crt >/dev/null 2>&1; then
  cp /usr/local/share/ca-certificates/*.crt "$root/usr/local/share/ca-certificates/"
  chroot "$root" update-ca-certificates > /dev/null
fi
mount -t proc proc "$root/proc"; mount --bind /sys "$root/sys"; mount --bind /dev "$root/dev"
mount --bind /dev/pts "$root/dev/pts"; mount --bind /dev/shm "$root/dev/shm"

step "a clean clone of HEAD ($(git -C "$repo" rev-parse --short HEAD))"
git clone -q "$repo" "$root/project"
in_root() { chroot "$root" /usr/bin/env -i HOME=/root PATH=/usr/local/bin:/usr/bin:/bin TERM=dumb NODE_EXTRA_CA_CERTS=/etc/ssl/certs/ca-certificates.crt bash -lc "cd /project && $1"; }
in_root 'for t in fc-list chromium python3; do command -v $t >/dev/null && echo "unexpected on a fresh machine: $t" && exit 1; done; ls /usr/share/fonts 2>/dev/null | grep -q . && echo "unexpected fonts" && exit 1; echo "fresh: no fonts, no chromium, no python"'

step "npm install"
start=$(date +%s)
in_root 'npm install' 2>&1 | tee "$logs/install.log" | tail -n 5
echo "npm install: $(( $(date +%s) - start )) s"
if grep -E "npm warn (Unknown|install-scripts)" "$logs/install.log"; then echo "npm install warned about the project's configuration"; exit 1; fi

step "npm start (until it prints its addresses)"
start=$(date +%s)
in_root 'npm start' > "$logs/start.log" 2>&1 &
until grep -q "^ready:" "$logs/start.log" 2>/dev/null; do
  sleep 2
  if ! kill -0 $! 2>/dev/null; then cat "$logs/start.log"; echo "npm start stopped"; exit 1; fi
done
echo "npm start: ready in $(( $(date +%s) - start )) s"
grep -E '^(API|APP|SANDBOX|INFERENCE|MEDIA) http' "$logs/start.log"
for name in API APP SANDBOX INFERENCE MEDIA; do
  address="$(grep -E "^$name http" "$logs/start.log" | cut -d' ' -f2)"
  path=$([ "$name" = API ] && echo /series || ([ "$name" = INFERENCE ] && echo /ping || echo /))
  status="$(node -e "fetch('$address$path').then(r => console.log(r.status), e => console.log('down: ' + e.cause?.code))")"
  echo "$name $address$path -> $status"
  case "$name:$status" in API:200|APP:200|INFERENCE:200|SANDBOX:[2-4]??|MEDIA:[2-4]??) ;; *) echo "$name is not serving"; exit 1 ;; esac
done
signal_root INT; wait || true; signal_root KILL

step "npm test"
start=$(date +%s)
in_root 'npm test' > "$logs/test.log" 2>&1 && rc=0 || rc=$?
grep -E "^npm test:|^Test Suites:|^Tests:" "$logs/test.log" || true
echo "npm test: exit $rc in $(( $(date +%s) - start )) s"
exit "$rc"
