#!/usr/bin/env bash
# The package as a user gets it: `npm pack`, install the tarball into an empty folder, and
# there run `--version`, `serve` (default fixture: /, /docs, the API), `conformance --target`
# against that server, and `demo`, on Node 20 (the one on PATH) and on Node 24. Where the
# machine allows it (root, or user namespaces), those run in a network namespace with only
# loopback, so "offline" is proven rather than assumed. The install must run no other
# package's install script (npm query on the installed tree). Any test/package/*.test.ts is copied
# beside the install and run there with vitest against the installed package.
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
cd "$repo"

work=$(mktemp -d "${TMPDIR:-/tmp}/so-webhook-mock-package.XXXXXX")
cleanup() { rm -rf "$work"; }
trap cleanup EXIT

fail() {
  echo "package check: $*" >&2
  exit 1
}

echo "== npm pack"
tarball=$(npm pack --silent --pack-destination "$work" | tail -n 1)
[ -f "$work/$tarball" ] || fail "npm pack did not produce a tarball"
bytes=$(wc -c <"$work/$tarball")
files=$(tar -tzf "$work/$tarball" | wc -l)
echo "tarball: $tarball, $bytes bytes ($((bytes / 1024)) KiB), $files files"

# Tests, benchmarks and TypeScript sources stay home; declarations (*.d.ts) may travel.
unwanted=$(tar -tzf "$work/$tarball" |
  grep -E '(\.test\.|/test/|/bench/|/test-support/|^package/src/|\.tsx?$)' |
  grep -vE '\.d\.ts$' || true)
[ -z "$unwanted" ] || fail "the tarball carries files a user does not need:
$unwanted"

echo "== install into an empty folder"
app="$work/app"
mkdir "$app"
cd "$app"
echo '{ "name": "package-check", "private": true, "type": "module" }' >package.json
# Scripts in the foreground, so any that ran would show in this log.
npm install --no-audit --no-fund --foreground-scripts "$work/$tarball" 2>&1 | tee "$work/install.log"
# No install script but the package's own (it has none): npm's view of the installed tree.
scripted=$(npm query '.prod:attr(scripts, [preinstall]), .prod:attr(scripts, [install]),
  .prod:attr(scripts, [postinstall])' | node -e '
    const nodes = JSON.parse(require("fs").readFileSync(0, "utf8"));
    for (const n of nodes) if (n.name !== "so-webhook-mock") console.log(`${n.name}@${n.version}`);')
[ -z "$scripted" ] || fail "installing the package runs other packages' install scripts:
$scripted"
echo "install scripts in the installed tree: none but the package's own ($(npm query '.prod' |
  node -p 'JSON.parse(require("fs").readFileSync(0, "utf8")).length') packages checked)"
version=$(node -p "require('$repo/package.json').version")

# Runs in the install folder, with the Node under test first on PATH.
smoke() {
  local label=$1
  echo "-- $label: node $(node --version)"
  local got
  got=$(npx --offline so-webhook-mock --version)
  [ "$got" = "$version" ] || fail "--version printed '$got', expected '$version'"

  local log
  log=$(mktemp)
  npx --offline so-webhook-mock serve --port 0 --db :memory: >"$log" 2>&1 &
  local pid=$!
  local url=""
  for _ in $(seq 1 120); do
    url=$(grep -o 'listening on http://[0-9.:]*' "$log" | sed 's/listening on //' || true)
    [ -n "$url" ] && break
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.5
  done
  if [ -z "$url" ]; then
    cat "$log" >&2
    kill "$pid" 2>/dev/null || true
    fail "serve did not start"
  fi
  local ok=1
  curl -fsS "$url/" -o "$work/index.html" || ok=0
  curl -fsS "$url/docs" -o "$work/docs.html" || ok=0
  curl -fsS -u tje0:Tje0 "$url/api/v1/Webhook" -o "$work/webhooks.json" || ok=0
  # Every script and stylesheet the two pages load comes from the mock itself.
  local asset
  for asset in $(grep -ohE '(src|href)="[^"]+\.(js|css)"' "$work/index.html" "$work/docs.html" |
    sed -E 's/^(src|href)="//; s/"$//' | sort -u); do
    case "$asset" in
      /*) curl -fsS "$url$asset" -o /dev/null || ok=0 ;;
      *) echo "page loads $asset from elsewhere" >&2 && ok=0 ;;
    esac
  done
  grep -q '"Name"' "$work/webhooks.json" || ok=0
  if [ "$ok" = 1 ]; then
    # The default fixture's user, ticket and token, so the auth cases run too.
    npx --offline so-webhook-mock conformance --target "$url" --user tje0 --password Tje0 \
      --ticket 7T:mock-ticket-tje0 --token 8A:mock-token-tje0 >"$work/conformance.txt" 2>&1 ||
      ok=0
    tail -n 3 "$work/conformance.txt"
  fi
  kill -TERM "$pid"
  wait "$pid" || true
  [ "$ok" = 1 ] || {
    cat "$log" >&2
    grep -E '^\s+(✗|!) ' "$work/conformance.txt" >&2 || true
    fail "serve or conformance failed on $label"
  }
  npx --offline so-webhook-mock demo >"$work/demo.txt" 2>&1 || {
    cat "$work/demo.txt" >&2
    fail "demo failed on $label"
  }
  echo "$label: --version, serve ($url), conformance and demo passed"
}

# A network namespace with loopback only, when this machine lets us make one (root can; a
# user can where unprivileged user namespaces are enabled).
offline() {
  local how
  for how in "unshare --net" "unshare --net --map-root-user"; do
    # Without iproute2 the namespace's loopback stays down, so it is no use.
    if command -v ip >/dev/null && $how true 2>/dev/null; then
      # Loopback up and no route anywhere else: nothing below can reach the network.
      $how bash -c 'ip link set lo up && [ -z "$(ip route show)" ] &&
        echo "(network namespace: loopback only)" && "$@"' _ "$@"
      return
    fi
  done
  echo "(no network namespace here: running with the network)"
  "$@"
}

export -f smoke fail
export work version
run_on() {
  local label=$1 bin=$2
  PATH="$bin:$PATH" offline bash -c 'smoke "$1"' _ "$label"
}

node20_bin=$(dirname "$(command -v node)")
node24=$(npx -y -p node@24 node -p 'process.execPath')
node24_bin=$(dirname "$node24")
run_on "Node 20" "$node20_bin"
run_on "Node 24" "$node24_bin"

cd "$repo"
shopt -s nullglob
package_tests=(test/package/*.test.ts)
if [ ${#package_tests[@]} -eq 0 ]; then
  echo "== no test/package/*.test.ts: no library tests to run against the installed package"
  exit 0
fi
echo "== library tests against the installed package: ${package_tests[*]}"
mkdir -p "$app/test"
cp "${package_tests[@]}" "$app/test/"
vitest_version=$(node -p "require('./node_modules/vitest/package.json').version")
ts_version=$(node -p "require('$repo/node_modules/typescript/package.json').version")
types_version=$(node -p "require('$repo/node_modules/@types/node/package.json').version")
cd "$app"
npm install --no-audit --no-fund --silent "vitest@$vitest_version" "typescript@$ts_version" \
  "@types/node@$types_version"
# The imports must type-check against the declarations the package ships, not only run.
npx --offline tsc --noEmit --strict --target es2022 --module nodenext --moduleResolution nodenext \
  --types node --skipLibCheck test/*.test.ts
for bin in "$node20_bin" "$node24_bin"; do
  echo "-- node $(PATH="$bin:$PATH" node --version)"
  PATH="$bin:$PATH" npx --offline vitest run --root "$app" --dir test
done
