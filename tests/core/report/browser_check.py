#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Renders HTML reports in headless Chromium and checks that they work as an operator will open them.

For each report (the incident fixture, plain and redacted, and the sample incident in
resources/samples/ when it holds files):
  * a screenshot (kept in OUT as a CI artifact; report.png is the main one),
  * no console message at all: no script error, no CSP violation ("Refused to ...");
  * the DOM after load shows that our inline script ran under the CSP (the "Expand all" button is
    unhidden, sortable table headers got their class).
A negative control first proves that this Chromium reports CSP violations on stderr: a copy of the
report whose script no longer matches its hash must be refused, or the check could not be trusted.

Exit status: 0 passed, 1 failed, 77 skipped (no Chromium).
"""
import argparse
import os
import re
import shutil
import struct
import subprocess
import sys
import tempfile

SKIP = 77
BROWSERS = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
# Console messages, script errors and CSP refusals as Chromium logs them with --enable-logging.
PROBLEM = re.compile(r"CONSOLE|Content.Security.Policy|Uncaught|Refused to", re.IGNORECASE)
WIDTH, HEIGHT = 1280, 2000


def find_browser():
    for name in BROWSERS:
        path = shutil.which(name)
        if path:
            return path
    return None


def run_browser(browser, extra, url):
    profile = tempfile.mkdtemp(prefix="hs-chromium-")
    try:
        cmd = [browser, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
               "--disable-component-update", "--disable-sync", "--no-first-run", "--no-default-browser-check",
               "--disable-extensions", "--user-data-dir=" + profile, "--enable-logging=stderr", "--v=0",
               "--hide-scrollbars"] + extra + [url]
        return subprocess.run(cmd, capture_output=True, text=True, errors="replace", timeout=240)
    finally:
        shutil.rmtree(profile, ignore_errors=True)


def problems(stderr):
    return [line.strip() for line in stderr.splitlines() if PROBLEM.search(line)]


def png_size(path):
    with open(path, "rb") as f:
        head = f.read(24)
    if len(head) < 24 or head[:8] != b"\x89PNG\r\n\x1a\n":
        return None
    return struct.unpack(">II", head[16:24])


def script_ran(dom):
    button = re.search(r"<button[^>]*id=\"toggle-all\"[^>]*>", dom)
    return button is not None and "hidden" not in button.group(0) and "sortable-h" in dom


def check_report(browser, html, png):
    failures = []
    url = "file://" + os.path.abspath(html)
    shot = run_browser(browser, ["--screenshot=" + png, "--window-size=%d,%d" % (WIDTH, HEIGHT)], url)
    if shot.returncode != 0:
        failures.append("screenshot run exited with %d" % shot.returncode)
    size = png_size(png) if os.path.exists(png) else None
    if size != (WIDTH, HEIGHT):
        failures.append("no %dx%d screenshot at %s (got %s)" % (WIDTH, HEIGHT, png, size))
    failures += ["console: " + p for p in problems(shot.stderr)]
    dom = run_browser(browser, ["--dump-dom"], url)
    if dom.returncode != 0:
        failures.append("dump-dom run exited with %d" % dom.returncode)
    failures += ["console: " + p for p in problems(dom.stderr)]
    if not script_ran(dom.stdout):
        failures.append("the report's script did not run (blocked by the CSP, or an error)")
    return failures


def negative_control(browser, html, out_dir):
    """A report whose script does not match the CSP hash must be refused, visibly."""
    with open(html, encoding="utf-8") as f:
        text = f.read()
    tampered = text.replace("<script>", "<script>/* not the hashed script */", 1)
    if tampered == text:
        return ["negative control: the report has no <script> to tamper with"]
    path = os.path.join(out_dir, "csp-control.html")
    with open(path, "w", encoding="utf-8") as f:
        f.write(tampered)
    dom = run_browser(browser, ["--dump-dom"], "file://" + os.path.abspath(path))
    os.remove(path)
    failures = []
    if not problems(dom.stderr):
        failures.append("negative control: a script outside the CSP hash produced no console message, so "
                        "console errors cannot be detected with this Chromium")
    if script_ran(dom.stdout):
        failures.append("negative control: a script outside the CSP hash ran")
    return failures


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--writer", required=True, help="report_demo_writer executable")
    parser.add_argument("--cli", required=True, help="httpsleuth-cli executable")
    parser.add_argument("--samples", required=True, help="resources/samples folder")
    parser.add_argument("--out", required=True, help="artifact folder (screenshots and reports)")
    args = parser.parse_args()

    browser = find_browser()
    if not browser:
        print("SKIP: Chromium is not installed (scripts/test.sh installs it with 'apt-get install chromium'); "
              "the report was not rendered in a browser.")
        return SKIP
    os.makedirs(args.out, exist_ok=True)

    written = subprocess.run([args.writer, args.out], capture_output=True, text=True)
    if written.returncode != 0:
        print("FAIL: report_demo_writer: " + written.stderr)
        return 1
    reports = [("report-fixture", os.path.join(args.out, "report-fixture.html")),
               ("report-fixture-redacted", os.path.join(args.out, "report-fixture-redacted.html"))]

    samples = args.samples
    if os.path.isdir(samples) and any(not n.startswith(".") for n in os.listdir(samples)):
        sample_html = os.path.join(args.out, "report-sample.html")
        run = subprocess.run([args.cli, "analyze", "--quiet", "--html", sample_html, samples],
                             capture_output=True, text=True)
        if run.returncode not in (0, 3) or not os.path.exists(sample_html):
            print("FAIL: httpsleuth-cli analyze --html on %s exited with %d: %s" % (samples, run.returncode,
                                                                                     run.stderr))
            return 1
        reports.insert(0, ("report-sample", sample_html))
    else:
        print("note: %s holds no sample incident yet; the main screenshot shows the test fixture" % samples)

    failures = negative_control(browser, reports[-1][1], args.out)
    for index, (name, html) in enumerate(reports):
        png = os.path.join(args.out, "report.png" if index == 0 else name + ".png")
        found = check_report(browser, html, png)
        print("%s: %s -> %s" % ("ok" if not found else "FAIL", html, png))
        failures += ["%s: %s" % (name, f) for f in found]
    for f in failures:
        print("FAIL: " + f)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
