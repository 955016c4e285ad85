# Extension part of build.sh (sourced): MV3 packages for Chromium and Firefox.
# Functions: build_ext, test_ext, size_ext, bench_ext (setup_firefox for test_ext).

# dist/extension-{chrome,firefox}/ and their store zips. Needs build_wasm first.
build_ext() {
  say "building the extension"
  node extension/build.mjs "$ROOT"
  local t
  for t in chrome firefox; do
    rm -f "$DIST/bounce-doctor-$t.zip"
    (cd "$DIST/extension-$t" && zip -qrX "$DIST/bounce-doctor-$t.zip" .)
  done
}

# Firefox ESR for the smoke run of the Firefox package (Debian's package).
setup_firefox() {
  if [ ! -x /usr/bin/firefox-esr ]; then
    say "installing firefox-esr (apt)"
    as_root apt-get update -qq
    DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq firefox-esr
  fi
}

# web-ext lint (Firefox rules), unit tests of the detection and the manifests, the browser
# tests with Debian's chromium loading dist/extension-chrome, and a smoke run of
# dist/extension-firefox in firefox-esr. Needs build_ext first.
test_ext() {
  setup_node
  setup_browsers
  setup_firefox
  say "extension: web-ext lint (Firefox package)"
  web-ext lint --source-dir "$DIST/extension-firefox" --output text --no-config-discovery
  say "extension: tests (Chromium)"
  node --test --test-concurrency=1 tests/browser/ext-detect.test.mjs tests/browser/ext.test.mjs
  say "extension: smoke run (Firefox ESR)"
  # node 20 has WebSocket behind a flag; later versions have it on.
  local ws=()
  node -e 'process.exit(typeof WebSocket === "function" ? 0 : 1)' || ws=(--experimental-websocket)
  node "${ws[@]}" --test tests/browser/ext-firefox.test.mjs
}

# Main-thread time the content script adds in Gmail and Outlook fixture pages.
bench_ext() {
  setup_node
  setup_browsers
  say "extension: content script main-thread time"
  node tests/browser/ext-bench.mjs
}

# Package sizes, then the timing figures.
size_ext() {
  say "extension: package size"
  local t
  for t in chrome firefox; do
    printf '%-10s zip %7d bytes   unpacked %7d bytes   (wasm %d bytes)\n' "$t" \
      "$(stat -c %s "$DIST/bounce-doctor-$t.zip")" \
      "$(find "$DIST/extension-$t" -type f -printf '%s\n' | awk '{ s += $1 } END { print s }')" \
      "$(stat -c %s "$DIST/extension-$t/pkg/bounce_doctor_bg.wasm")"
  done
  bench_ext
}
