#!/usr/bin/env python3
"""Whether a table of the HTML report fits one printed A4 page, measured in Chromium's layout.

Usage:
  report_print.py PAGE.html TABLE-ID --screenshots DIR

Reads the page's own `@page { size: A4; margin: TOP RIGHT BOTTOM [LEFT]; }` (in mm), opens the
page in headless Chromium through chromedriver (the WebDriver client of desk_browser.py), switches
it to print media (DevTools' Emulation.setEmulatedMedia) at the width of an A4 page's printable
area (210 mm less the side margins, at 96 px per inch, as Chromium lays out a printed page), and
measures the block `#TABLE-ID` (its heading and table): its width and height, the widest of its
content (scrollWidth), and every cell whose content overflows it; and where the legend of the
marks (#legende) ends, from the top of the document (on the first page when below the height). Prints ONE JSON object:
  {"page": {"width": px, "height": px}, "table": {"width", "height", "scroll_width", "rows", "legend_bottom"},
   "overflowing": ["cell text", ...], "screenshots": [...]}
On failure {"error": ..., "screenshots": [...]} and exit 1.
"""
import json, os, re, sys

sys.dont_write_bytecode = True  # no __pycache__ in the test target (SwiftPM warns of unhandled files)
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import desk_browser as db  # noqa: E402
from desk_browser import step  # noqa: E402

PX_PER_MM = 96 / 25.4
A4 = (210, 297)

MEASURE_JS = """
const block = document.getElementById(arguments[0]);
if (!block) return null;
const table = block.querySelector('table');
const box = block.getBoundingClientRect();
const overflowing = Array.from(table.querySelectorAll('th, td'))
    .filter(cell => cell.scrollWidth > cell.clientWidth + 1)
    .map(cell => cell.textContent);
const legend = document.getElementById('legende');
return {width: box.width, height: box.height, right: box.right,
        legend_bottom: legend ? legend.getBoundingClientRect().bottom + window.scrollY : null,
        scroll_width: Math.max(block.scrollWidth, table.scrollWidth, table.getBoundingClientRect().width),
        rows: table.rows.length, overflowing: overflowing,
        document_width: document.documentElement.scrollWidth};
"""


def printable_area(html):
    """The A4 page less the margins the page's @page rule gives, in CSS px."""
    rule = re.search(r"@page\s*\{[^}]*size:\s*A4;[^}]*margin:\s*([^;]+);", html)
    if not rule:
        raise RuntimeError("the page has no @page rule with size: A4 and a margin")
    margins = [float(m) for m in re.findall(r"([\d.]+)mm", rule.group(1))]
    top, right, bottom, left = {1: margins * 4, 2: margins * 2, 3: margins + margins[1:2],
                                4: margins}[len(margins)]
    return (A4[0] - left - right) * PX_PER_MM, (A4[1] - top - bottom) * PX_PER_MM


def main():
    if len(sys.argv) != 5 or sys.argv[3] != "--screenshots":
        print(json.dumps({"error": "usage: report_print.py PAGE.html TABLE-ID --screenshots DIR"}))
        return 1
    page, table_id, shots = sys.argv[1], sys.argv[2], sys.argv[4]
    browser = None
    try:
        step("read the page")
        with open(page, encoding="utf-8") as f:
            width, height = printable_area(f.read())
        os.makedirs(shots, exist_ok=True)
        step("start chromedriver and a session")
        browser = db.Browser(shots)
        browser.start()
        step("switch to print media at the printable width")
        cdp = lambda cmd, params: browser.cmd("POST", "/goog/cdp/execute", {"cmd": cmd, "params": params})
        cdp("Emulation.setEmulatedMedia", {"media": "print"})
        cdp("Emulation.setScrollbarsHidden", {"hidden": True})  # paper has no scrollbar
        cdp("Emulation.setDeviceMetricsOverride",
            {"width": round(width), "height": round(height), "deviceScaleFactor": 1, "mobile": False})
        step("open the page")
        browser.cmd("POST", "/url", {"url": "file://" + os.path.abspath(page)})
        browser.find("#" + table_id)
        step("measure")
        measured = browser.cmd("POST", "/execute/sync", {"script": MEASURE_JS, "args": [table_id]})
        if measured is None:
            raise RuntimeError(f"no #{table_id} on the page")
        browser.cmd("POST", "/execute/sync", {"script": f"document.getElementById('{table_id}').scrollIntoView()",
                                              "args": []})
        browser.screenshot("printed-table")
        print(json.dumps({"page": {"width": width, "height": height}, "table": measured,
                          "overflowing": measured["overflowing"], "screenshots": browser.shots},
                         ensure_ascii=False))
        return 0
    except Exception as exc:
        shots_taken = browser.shots if browser else []
        print(json.dumps({"error": db.describe_failure(browser, exc), "screenshots": shots_taken},
                         ensure_ascii=False))
        return 1
    finally:
        if browser is not None:
            browser.close()


if __name__ == "__main__":
    sys.exit(main())
