# Web part of build.sh (sourced): the static page, the single-file build, the widget.
# Functions: build_web, serve_web, test_web, size_web, bench_web.

build_web() {
  say "building the page into dist/www and dist/bounce-doctor.html"
  node www/tools/build.mjs "$DIST"
}

serve_web() {
  say "serving dist/www (Ctrl-C stops it)"
  exec node www/tools/serve.mjs "$DIST/www" "$PORT"
}

# Browser tests of the page, the single-file build and the widget (Chromium via playwright-core).
test_web() {
  setup_node
  setup_browsers
  [ -f "$DIST/bounce-doctor.html" ] && [ -f "$DIST/pkg/bounce_doctor_bg.wasm" ] \
    || die "test_web: build the page first (./build.sh web)"
  say "browser tests of the page"
  node --test --test-concurrency=1 tests/browser/web*.test.mjs
}

# Sizes: everything the page loads, gzipped, with the breakdown; then timings in Chromium.
size_web() {
  say "page size (gzip -9)"
  node www/tools/size.mjs "$DIST"
  bench_web
}

# Paste-to-rendered time in Chromium, including the first wasm init.
bench_web() {
  setup_browsers
  say "page speed in Chromium"
  node www/tools/bench.mjs "$DIST"
}
