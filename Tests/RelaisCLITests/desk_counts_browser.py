#!/usr/bin/env python3
"""The desk for everyone who feeds the counts, in a real headless Chromium (issue 12).

Usage:
  desk_counts_browser.py MODE --base URL --login L --password-file F --screenshots DIR [...]
    register  --occurrence ID --resident-name NAME      a CCAS agent registers a resident to a session
    checkin   --occurrence ID --resident-name NAME --walk-in NAME --commune C
                                                        staff tick a resident and add a walk-in (tablet sizes)
    upload    --file PATH                               the coordinator uploads a calendar with broken events
    report    --downloads DIR                           a planner downloads the CSV report

It reuses the WebDriver client of desk_browser.py (same folder), started by browser_script.py, and
prints ONE JSON object, as that script does; on failure {"error": ..., "screenshots": [...]} and exit 1.

Page contract (stable ids of the desk's pages):
  signed in       form#signout on every page; staff land on /checkin, planners on /campaigns
  /events/ID      #places-left, form#register-form with select#resident and button#register-button
  /registrations  #registration-status
  /checkin/ID     #present-count, button#checkin-<registration> in #checkin-list (row text starts with
                  the name), form#walkin-form with #walkin-name #walkin-commune #walkin-birth-year
                  and button#walkin-button
  /campaigns      form#calendar-upload with input#calendar-file and button#calendar-upload-submit;
                  after a refusal #problems with #problem-N[data-line]
  /reports        form#report-form, button#report-submit, a#download-csv
"""
import os, sys, time

sys.dont_write_bytecode = True  # no __pycache__ in the test target (SwiftPM warns of unhandled files)
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import browser_script  # noqa: E402
import desk_browser as db  # noqa: E402
from desk_browser import step  # noqa: E402


def sign_in(b, args, landing):
    step("sign in")
    b.open(args.base, "/signin", "signin")
    b.fill("input#login", args.login)
    b.fill("input#password", args.password)
    b.submit("button#signin-submit", "after-signin")
    b.find("form#signout")
    path = b.url().split("?")[0]
    if not path.endswith(landing):
        raise RuntimeError(f"landed on {path}, not {landing}")


def places_left(b):
    return b.text(b.find("#places-left")).strip()


def mode_register(b, args):
    sign_in(b, args, "/runs")
    step("open the session")
    b.open(args.base, f"/events/{args.occurrence}", "session-before")
    before = places_left(b)
    step("register the resident")
    b.select_by_text("form#register-form select#resident", args.resident_name)
    b.submit("button#register-button", "registered")
    status = b.text(b.find("#registration-status")).strip()
    step("open the session again")
    b.open(args.base, f"/events/{args.occurrence}", "session-after")
    return {"places_before": before, "places_after": places_left(b), "status": status}


def set_window(b, width, height):
    b.cmd("POST", "/window/rect", {"width": width, "height": height})


def mode_checkin(b, args):
    set_window(b, 1280, 800)
    sign_in(b, args, "/checkin")
    step("open today's session")
    b.click(b.find(f"#checkin-session-{args.occurrence} a, a#checkin-session-{args.occurrence}"))
    b.find("#checkin-list")
    b.screenshot("session-1280x800")
    before = b.text(b.find("#present-count")).strip()
    step("tick the resident")
    buttons = b.find_all("#checkin-list button[id^='checkin-']")
    names = [b.text(x).strip() for x in buttons]
    hits = [x for x, n in zip(buttons, names) if args.resident_name in n]
    rows = b.find_all("#checkin-list [id^='row-']")
    if not hits:
        hits = [b.find("button[id^='checkin-']", parent=r) for r in rows if args.resident_name in b.text(r)]
    if len(hits) != 1:
        raise RuntimeError(f"{len(hits)} tick buttons for {args.resident_name!r}: {names}")
    old = b.find("html")
    b.click(hits[0])
    wait_new_page(b, old)
    b.screenshot("ticked")
    ticked = b.text(b.find("#present-count")).strip()
    step("add a walk-in")
    b.fill("#walkin-name", args.walk_in)
    commune = b.find("#walkin-commune")
    if b.prop(commune, "tagName").lower() == "select":
        b.select_by_text("#walkin-commune", args.commune)
    else:
        b.fill("#walkin-commune", args.commune)
    b.fill("#walkin-birth-year", "1948")
    b.submit("#walkin-button", "walk-in")
    after = b.text(b.find("#present-count")).strip()
    set_window(b, 768, 1024)
    b.screenshot("session-768x1024")
    listed = b.text(b.find("#checkin-list"))
    return {"present_before": before, "present_after_tick": ticked, "present_after_walk_in": after,
            "walk_in_listed": args.walk_in in listed}


def wait_new_page(b, old_root, timeout=10.0):
    deadline = time.time() + timeout
    while time.time() < deadline:
        try:
            b.cmd("GET", f"/element/{old_root}/name")
        except db.WebDriverError as e:
            if e.error == "stale element reference":
                b.find("body")
                return
        time.sleep(0.1)
    raise RuntimeError("no new page after the click")


def mode_upload(b, args):
    sign_in(b, args, "/runs")
    step("open /campaigns")
    b.open(args.base, "/campaigns", "campaigns")
    step("choose the file and upload it")
    b.send_keys(b.find("input#calendar-file"), os.path.abspath(args.file))
    b.submit("#calendar-upload-submit", "refused")
    problems = b.find_all("#problems [id^='problem-']")
    return {"problems": [{"line": b.cmd("GET", f"/element/{p}/attribute/data-line"), "text": b.text(p).strip()}
                         for p in problems],
            "form_error": b.optional_text("#form-error")}


def mode_report(b, args):
    os.makedirs(args.downloads, exist_ok=True)
    step("allow downloads")
    b.cmd("POST", "/goog/cdp/execute", {"cmd": "Browser.setDownloadBehavior",
                                         "params": {"behavior": "allow", "downloadPath": os.path.abspath(args.downloads)}})
    sign_in(b, args, "/campaigns")
    step("open /reports")
    b.open(args.base, "/reports", "reports")
    b.submit("#report-submit", "report")
    step("download the CSV")
    link = b.find("a#download-csv")
    href = b.prop(link, "href")
    b.click(link)
    deadline, files = time.time() + 20, []
    while time.time() < deadline:
        # Chromium may show the file (or a hidden temporary one) before writing it: wait for content.
        files = [f for f in os.listdir(args.downloads) if not f.endswith(".crdownload") and not f.startswith(".")
                 and os.path.getsize(os.path.join(args.downloads, f)) > 0]
        if files:
            break
        time.sleep(0.2)
    if not files:
        raise RuntimeError(f"no file downloaded from {href}")
    path = os.path.join(args.downloads, files[0])
    with open(path, encoding="utf-8-sig") as f:
        text = f.read()
    return {"file": files[0], "href": href, "csv": text}


MODES = {"register": mode_register, "checkin": mode_checkin, "upload": mode_upload, "report": mode_report}


def main():
    p = db.JSONArgumentParser(description="Drive the desk's counts pages in headless Chromium.")
    p.add_argument("mode", choices=list(MODES))
    for name in ("--base", "--login", "--password-file", "--screenshots"):
        p.add_argument(name, required=True)
    for name in ("--occurrence", "--resident-name", "--walk-in", "--commune", "--file", "--downloads"):
        p.add_argument(name)
    args = p.parse_args()
    args.base = args.base.rstrip("/")

    def work(browser):
        with open(args.password_file, encoding="utf-8") as f:
            args.password = f.read().rstrip("\r\n")
        return MODES[args.mode](browser, args)

    return browser_script.run(args.screenshots, work)


if __name__ == "__main__":
    sys.exit(main())
