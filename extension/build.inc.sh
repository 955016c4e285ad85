# Extension part of build.sh (sourced): MV3 packages for Chromium and Firefox.
# Functions: build_ext, test_ext, size_ext.

build_ext() {
  say "building the extension (TODO)"
}

test_ext() {
  say "browser tests of the extension (TODO)"
}

size_ext() {
  say "extension size (TODO)"
}
