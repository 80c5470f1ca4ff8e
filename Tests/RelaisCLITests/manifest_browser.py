#!/usr/bin/env python3
"""Opens a driver's manifest page in headless Chromium and reads its schematic route.

Usage:
  manifest_browser.py PAGE.html --screenshots DIR
  manifest_browser.py --desk BASE LOGIN PASSWORD_FILE RUN --screenshots DIR

Opens the page through chromedriver (the WebDriver client of desk_browser.py, started by
browser_script.py) at an A4 page's width, and reads from Chromium's own layout the SVG of #schema: the labels of the numbered pickup
markers (g.stop) in document order, whether each is drawn inside the SVG's box, the depot (g.depot)
and destination (g.destination) markers, and the rows of the pickups table. Takes a screenshot.
With --desk it signs in to the desk at BASE (desk_browser.sign_in) and reads the desk's manifest
page of run RUN the same way (its map is #route-map, its pickups table #manifest).
Prints ONE JSON object:
  {"stops": ["1", ...], "inside": [true, ...], "depot": bool, "destination": bool,
   "pickup_rows": N, "screenshots": [...]}
On failure {"error": ..., "screenshots": [...]} and exit 1.
"""
import json, os, sys
from types import SimpleNamespace

sys.dont_write_bytecode = True  # no __pycache__ in the test target (SwiftPM warns of unhandled files)
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import browser_script  # noqa: E402
import desk_browser as db  # noqa: E402
from desk_browser import step  # noqa: E402

READ_JS = """
const svg = document.querySelector('#schema svg, #route-map svg');
if (!svg) return null;
const box = svg.getBoundingClientRect();
const inside = el => { const r = el.getBoundingClientRect();
    return r.width > 0 && r.left >= box.left - 1 && r.right <= box.right + 1 && r.top >= box.top - 1 && r.bottom <= box.bottom + 1; };
const stops = Array.from(svg.querySelectorAll('g.stop'));
const rows = document.querySelectorAll('#prises-en-charge tbody tr, table#manifest tbody tr');
return {stops: stops.map(g => g.querySelector('text').textContent), inside: stops.map(inside),
        depot: !!svg.querySelector('g.depot') && inside(svg.querySelector('g.depot')),
        destination: !!svg.querySelector('g.destination') && inside(svg.querySelector('g.destination')),
        pickup_rows: rows.length};
"""


def main():
    desk = len(sys.argv) == 8 and sys.argv[1] == "--desk" and sys.argv[6] == "--screenshots"
    if not desk and (len(sys.argv) != 4 or sys.argv[2] != "--screenshots"):
        print(json.dumps({"error": "usage: manifest_browser.py PAGE.html | --desk BASE LOGIN PASSWORD_FILE RUN"
                                   " --screenshots DIR"}))
        return 1
    return browser_script.run(sys.argv[-1], lambda browser: read_schematic(browser, desk))


def read_schematic(browser, desk):
    browser.cmd("POST", "/goog/cdp/execute", {"cmd": "Emulation.setDeviceMetricsOverride", "params": {
        "width": 794, "height": 1123, "deviceScaleFactor": 1, "mobile": False}})
    if desk:
        base, login, password_file, run = sys.argv[2].rstrip("/"), sys.argv[3], sys.argv[4], sys.argv[5]
        with open(password_file, encoding="utf-8") as f:
            password = f.read().strip()
        db.sign_in(browser, SimpleNamespace(base=base, login=login, password=password))
        step("open the desk's manifest")
        browser.open(base, f"/runs/{run}/manifest", "desk-manifest-opened")
    else:
        step("open the manifest")
        browser.cmd("POST", "/url", {"url": "file://" + os.path.abspath(sys.argv[1])})
    browser.find("#schema svg, #route-map svg")
    step("read the schematic")
    read = browser.cmd("POST", "/execute/sync", {"script": READ_JS, "args": []})
    if read is None:
        raise RuntimeError("no #schema svg on the page")
    browser.screenshot("manifest")
    return read


if __name__ == "__main__":
    sys.exit(main())
