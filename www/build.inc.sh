# Web part of build.sh (sourced): the static page, the single-file build, the widget.
# Functions: build_web, serve_web, test_web, size_web.

build_web() {
  say "building the page (TODO)"
}

serve_web() {
  say "serving dist/www on http://127.0.0.1:$PORT/"
  die "serve_web: not written yet"
}

test_web() {
  say "browser tests of the page (TODO)"
}

size_web() {
  say "page size (TODO)"
}
