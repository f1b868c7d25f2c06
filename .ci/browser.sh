# Sourced by .ci/run: Debian's chromium and chromium-driver for the room's browser test
# (tests/slow/test_room_browser.py), installed from the Debian packages when missing.
#
# ensure_test_browser returns non-zero when, after the attempt, either is still missing: CI then
# fails instead of skipping the browser test. It exports BAZ_REQUIRE_BROWSER=1, which turns the
# test's "skipped: no browser here" into a failure should the browser vanish in between.

ensure_test_browser() {
  if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null; then
    echo "CI: chromium or chromium-driver is not installed; installing them from the Debian packages"
    if ! command -v apt-get >/dev/null; then
      echo "CI: no apt-get here to install chromium with"
      return 1
    fi
    { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver; } \
      >/dev/null
  fi
  if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null; then
    echo "CI: chromium and chromium-driver are still missing after the install attempt"
    return 1
  fi
  export BAZ_REQUIRE_BROWSER=1
}
