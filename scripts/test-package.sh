#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# End-to-end test of the Debian package on this machine: build the .deb from a build directory
# (scripts/package-deb.sh), install it with apt-get, check what a user would use — the version, an
# analysis of the installed demo incident, the desktop entry, the AppStream metadata, the manual — and
# remove it again, leaving the machine as it was (also when a check fails or the run is interrupted).
#
#   scripts/test-package.sh [BUILD_DIR]        BUILD_DIR defaults to ./build
#
# Needs root (or sudo) for apt-get, and dpkg-dev for dpkg-shlibdeps. Optional validators are used when
# installed: desktop-file-validate (desktop-file-utils), appstreamcli (appstream), lintian.
# Exit status 0 only when every check passed. Safe to run repeatedly.
set -euo pipefail
export LC_ALL=C # one collation for sort/comm below

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${1:-$root/build}"
package=httpsleuth
app_id=io.github.httpsleuth.HttpSleuth

say() { printf '==> %s\n' "$*" >&2; }
pass() { printf '    ok: %s\n' "$*" >&2; }
failures=0
check_failed() { printf '    FAILED: %s\n' "$*" >&2; failures=$((failures + 1)); }
fail() { printf 'test-package.sh: %s\n' "$*" >&2; exit 1; }
# expect "what is checked" COMMAND...: runs COMMAND, reports the check as passed or failed.
expect() {
  local what="$1"
  shift
  if "$@"; then pass "$what"; else check_failed "$what"; fi
}

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"
  elif command -v sudo >/dev/null 2>&1; then sudo "$@"
  else fail "needs root or sudo to run: $*"
  fi
}
apt_quiet() {
  as_root env DEBIAN_FRONTEND=noninteractive apt-get -y -q -o Dpkg::Use-Pty=0 "$@"
}
is_installed() {
  dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q "install ok installed"
}

command -v apt-get >/dev/null 2>&1 || fail "apt-get not found: this test installs a Debian package"
start=$(date +%s)

work="$(mktemp -d)"
# The original stdout/stderr, for the clean-up: an interrupt can run it while a command's output is
# redirected into a log file.
exec 3>&1 4>&2
installed_by_us=""
packages_before="$work/packages-before"
cleanup() {
  local status=$?
  exec 1>&3 2>&4
  if [ -n "$installed_by_us" ] && is_installed "$package"; then
    say "removing $package"
    apt_quiet remove "$package" >/dev/null || status=1
  fi
  # Dependencies apt had to pull in for the test go again, so the machine ends as it started.
  if [ -s "$packages_before" ]; then
    local added
    added="$(dpkg-query -W -f='${db:Status-Abbrev} ${Package}\n' | awk '$1 == "ii" {print $2}' | sort \
      | comm -13 "$packages_before" - | grep -vx "$package" || true)"
    if [ -n "$added" ]; then
      say "removing the dependencies installed for the test: $(echo "$added" | tr '\n' ' ')"
      # shellcheck disable=SC2086 # one package name per word
      apt_quiet purge $added >/dev/null || status=1
    fi
  fi
  rm -rf "$work"
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# --- build the package --------------------------------------------------------------------------
say "building the package from $build"
deb_built="$("$root/scripts/package-deb.sh" "$build" | tail -n 1)"
[ -f "$deb_built" ] || fail "package-deb.sh did not report a .deb"
# apt reads local packages as the unprivileged _apt user: give it a readable copy.
chmod 755 "$work"
cp "$deb_built" "$work/"
deb="$work/$(basename "$deb_built")"
chmod 644 "$deb"

project_version="$(sed -n 's/^CMAKE_PROJECT_VERSION:STATIC=//p' "$build/CMakeCache.txt")"
deb_version="$(dpkg-deb --field "$deb" Version)"
with_gui=""
# Not `| grep -q`: grep leaving early would break dpkg-deb's pipe, and pipefail would report that.
contents="$(dpkg-deb --contents "$deb")"
[[ "$contents"$'\n' == *" ./usr/bin/httpsleuth"$'\n'* ]] && with_gui=1
say "package $(basename "$deb"): $(du -h "$deb" | cut -f1), version $deb_version"
expect "package version $deb_version is the project version $project_version" \
  [ "$deb_version" = "$project_version" ]

if command -v lintian >/dev/null 2>&1; then
  say "lintian"
  # Reported, not enforced: some tags depend on the build flags the build directory was configured
  # with (hardening), which is the build's business, not the package's.
  lintian --display-info --no-tag-display-limit "$deb" 2>/dev/null | sed 's/^/    /' >&2 || true
fi

# --- install ------------------------------------------------------------------------------------
if is_installed "$package"; then
  say "$package is already installed (an earlier run that was killed?): it is replaced and removed"
fi
dpkg-query -W -f='${db:Status-Abbrev} ${Package}\n' | awk '$1 == "ii" {print $2}' | sort >"$packages_before"
# Whether the system itself already knows *.har, so the check after removal knows what to expect.
har_known_before=""
grep -q ':\*\.har$' /usr/share/mime/globs2 2>/dev/null && har_known_before=1
say "apt-get install $deb"
installed_by_us=1
# Without Recommends: the test needs only what the package cannot run without, and apt must not
# fetch anything it would then leave behind.
apt_quiet install --no-install-recommends "$deb" >"$work/apt.log" 2>&1 \
  || { cat "$work/apt.log" >&2; fail "apt-get install failed"; }
is_installed "$package" || fail "dpkg does not list $package as installed"
pass "installed"

# --- the programs ------------------------------------------------------------------------------
say "programs"
cli=/usr/bin/httpsleuth-cli
expect "$cli is installed" [ -x "$cli" ]
version_line="$("$cli" --version 2>&1 || true)"
expect "--version prints '$version_line' (expected 'httpsleuth-cli $project_version')" \
  [ "$version_line" = "httpsleuth-cli $project_version" ]

binaries=("$cli")
[ -n "$with_gui" ] && binaries+=(/usr/bin/httpsleuth)
for bin in "${binaries[@]}"; do
  missing="$(ldd "$bin" 2>&1 | grep 'not found' || true)"
  expect "$bin finds all its libraries${missing:+: $missing}" [ -z "$missing" ]
done

if [ -n "$with_gui" ]; then
  # The GUI must start with the installed Qt and open what it is given on the command line, as the
  # desktop entry's "Exec=httpsleuth %F" does for "Open with": 5 s on the offscreen platform with the
  # installed sample, then it is stopped. Status 124 means timeout stopped it while it was running.
  gui_status=0
  gui_args=()
  [ -d /usr/share/httpsleuth/samples ] && gui_args=(/usr/share/httpsleuth/samples)
  mkdir -m 700 "$work/home" "$work/runtime"
  HOME="$work/home" XDG_RUNTIME_DIR="$work/runtime" QT_QPA_PLATFORM=offscreen \
    timeout 5 /usr/bin/httpsleuth "${gui_args[@]}" >"$work/gui.log" 2>&1 || gui_status=$?
  [ "$gui_status" -eq 124 ] || sed 's/^/    /' "$work/gui.log" >&2
  expect "httpsleuth ${gui_args[*]} starts and keeps running offscreen (status $gui_status, 124 = stopped by timeout)" \
    [ "$gui_status" -eq 124 ]
fi

# --- the installed demo incident ---------------------------------------------------------------
say "analysis of the installed sample"
samples=/usr/share/httpsleuth/samples
if [ -d "$samples" ] && [ -n "$(ls -A "$samples")" ]; then
  pass "$samples holds $(find "$samples" -type f | wc -l) file(s)"
  analyze_status=0
  "$cli" analyze --quiet --json "$work/analysis.json" "$samples" 2>"$work/analyze.err" || analyze_status=$?
  if [ "$analyze_status" -ne 0 ]; then
    sed 's/^/    /' "$work/analyze.err" >&2
    check_failed "httpsleuth-cli analyze exited with status $analyze_status"
  elif summary="$(python3 - "$work/analysis.json" "$project_version" <<'PY'
import json, sys
with open(sys.argv[1], encoding="utf-8") as f:
    doc = json.load(f)
problems = []
if doc.get("schema") != "httpsleuth.analysis/1":
    problems.append(f"schema is {doc.get('schema')!r}")
if doc.get("tool", {}).get("version") != sys.argv[2]:
    problems.append(f"tool.version is {doc.get('tool', {}).get('version')!r}, expected {sys.argv[2]!r}")
sources = doc.get("sources") or []
if not sources:
    problems.append("no sources")
if problems:
    print("; ".join(problems))
    sys.exit(1)
formats = sorted({s.get("format", "?") for s in sources})
print(f"{len(sources)} source(s) ({', '.join(formats)}), {len(doc.get('findings') or [])} finding(s)")
PY
)"; then
    pass "JSON parses: $summary"
  else
    check_failed "analysis JSON: $summary"
  fi
else
  check_failed "$samples is missing or empty"
fi

# --- documentation and desktop integration -----------------------------------------------------
say "documentation and desktop integration"
expect_file() { expect "$1" [ -f "$1" ]; }
expect_file /usr/share/doc/$package/copyright
expect_file /usr/share/doc/$package/changelog.gz
expect_file /usr/share/man/man1/httpsleuth-cli.1.gz
if command -v man >/dev/null 2>&1; then
  man_warnings="$(MANWIDTH=80 man --warnings -l /usr/share/man/man1/httpsleuth-cli.1.gz 2>&1 >/dev/null || true)"
  expect "man httpsleuth-cli renders without warnings${man_warnings:+: $man_warnings}" [ -z "$man_warnings" ]
fi
if [ -n "$with_gui" ]; then
  desktop=/usr/share/applications/$app_id.desktop
  metainfo=/usr/share/metainfo/$app_id.metainfo.xml
  expect_file "$desktop"
  expect_file "$metainfo"
  expect_file /usr/share/mime/packages/$app_id.xml
  expect_file /usr/share/icons/hicolor/scalable/apps/$app_id.svg
  for size in 16 22 24 32 48 64 128 256 512; do
    [ -f "/usr/share/icons/hicolor/${size}x${size}/apps/$app_id.png" ] || check_failed "no ${size}x${size} icon"
  done
  pass "hicolor PNG icons 16 to 512"
  expect "desktop entry opens files: Exec=httpsleuth %F" grep -q '^Exec=httpsleuth %F$' "$desktop"
  # "Open with": dpkg's triggers have compiled the MIME database and the desktop entries' MIME cache.
  if [ -f /usr/share/mime/globs2 ]; then
    for glob in 'application/x-pcapng:*.pcapng' 'application/x-har:*.har' 'application/x-fiddler-saz:*.saz'; do
      expect "MIME database knows $glob" grep -qF ":$glob" /usr/share/mime/globs2
    done
  fi
  if [ -f /usr/share/applications/mimeinfo.cache ]; then
    for type in text/x-log application/vnd.tcpdump.pcap application/x-pcapng application/x-har \
      application/x-fiddler-saz; do
      expect "\"Open with\" offers HttpSleuth for $type" \
        grep -q "^$type=.*$app_id.desktop" /usr/share/applications/mimeinfo.cache
    done
  fi
  if command -v desktop-file-validate >/dev/null 2>&1; then
    out="$(desktop-file-validate "$desktop" 2>&1 || echo "exit status $?")"
    expect "desktop-file-validate${out:+: $out}" [ -z "$out" ]
  else
    say "desktop-file-validate not installed (desktop-file-utils): desktop entry not validated"
  fi
  if command -v appstreamcli >/dev/null 2>&1; then
    as_status=0
    out="$(appstreamcli validate --no-net "$metainfo" 2>&1)" || as_status=$?
    printf '%s\n' "$out" | sed -e '/^ *$/d' -e 's/^/      /' >&2
    expect "appstreamcli validate --no-net" [ "$as_status" -eq 0 ]
  else
    say "appstreamcli not installed (appstream): metainfo not validated"
  fi
fi

# --- remove -------------------------------------------------------------------------------------
say "apt-get remove $package"
apt_quiet remove "$package" >"$work/apt.log" 2>&1 || { cat "$work/apt.log" >&2; check_failed "apt-get remove failed"; }
installed_by_us=""
not_installed() { ! is_installed "$1"; }
not_grep() { ! grep -q "$@"; }
expect "removed" not_installed "$package"
for path in /usr/bin/httpsleuth-cli /usr/bin/httpsleuth "$samples" /usr/share/doc/$package; do
  [ ! -e "$path" ] || check_failed "$path is still there after removal"
done
if [ -f /usr/share/mime/globs2 ] && [ -z "$har_known_before" ]; then
  expect "MIME database no longer lists *.har" not_grep ':\*\.har$' /usr/share/mime/globs2
fi
status_left="$(dpkg-query -W -f='${db:Status-Abbrev}' "$package" 2>/dev/null || true)"
# Removed without leftovers: dpkg forgets it (empty) or knows it as "un" (unknown/not-installed);
# "rc" would mean configuration files were left behind.
forgotten() { case "$1" in "" | un*) return 0 ;; *) return 1 ;; esac; }
expect "dpkg keeps nothing of $package (status '${status_left}')" forgotten "$status_left"

elapsed=$(( $(date +%s) - start ))
if [ "$failures" -ne 0 ]; then
  say "package test FAILED: $failures check(s) in ${elapsed} s"
  exit 1
fi
say "package test passed in ${elapsed} s"
