#!/usr/bin/env python3
"""Drive the relais agent desk in a real headless Chromium (W3C WebDriver, stdlib only).

Usage:
  desk_browser.py MODE --base URL --login L --password-file F --screenshots DIR [...]
    book          --run RUN --resident-name NAME --phone PHONE --quotient Q [--appointment HH:MM]
    look          --run RUN --booking ID --resident-name NAME
    signin-fails  (signs in with the given, wrong, password)

Starts /usr/bin/chromedriver on a free port, drives /usr/bin/chromium, prints ONE JSON
object on stdout and exits 0. On any failure it prints {"error": "<step>: <reason>; url=...;
title=...; body=<first 300 chars>", "screenshots": [...]} and exits 1. The session and
chromedriver are always stopped. Each page is screenshotted once loaded: DIR/NN-name.png.

Page contract (server-rendered forms, no JavaScript, POSTs answered by 303):
  /signin         input#login, input#password, button#signin-submit -> /runs; else p#form-error
  signed in       form#signout with button#signout-submit on every page
  /residents/new  input#name #phone #email #birth_year, select#language, checkboxes
                  #consent_sms #consent_email, button#resident-submit -> /residents/ID
                  showing h1#resident-name; errors p#form-error
  /runs/RUN       form#booking-form: select#resident (option text starts with the name),
                  select#stop, select#legs, checkboxes #companion #wheelchair,
                  input#appointment (time), input#quotient (number), button#book-submit
                  -> /bookings/ID; may list own-commune bookings in table#run-bookings
  /bookings/ID    p#booking-status, span#booking-fare, form#cancel-form
  error pages     h1#error-title
"""
import argparse, base64, json, os, re, signal, socket, subprocess, sys, time
import urllib.error, urllib.request

CAPABILITIES = {"browserName": "chrome", "goog:chromeOptions": {
    "binary": "/usr/bin/chromium",
    "args": ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
             "--window-size=1366,768", "--lang=fr-FR"]}}
INVALID_FIELDS_JS = ("return Array.from(document.querySelectorAll('input:invalid, select:invalid'))"
                     ".map(e => '#' + e.id + ': ' + e.validationMessage)")


class WebDriverError(Exception):
    def __init__(self, error, message):
        first_line = message.splitlines()[0] if message else ""
        super().__init__(first_line if first_line.startswith(error) else f"{error}: {first_line}")
        self.error = error


def http_json(method, url, body=None, timeout=60):
    data = None if body is None else json.dumps(body).encode()
    req = urllib.request.Request(url, data=data, method=method,
                                 headers={"Content-Type": "application/json; charset=utf-8"})
    try:
        with urllib.request.urlopen(req, timeout=timeout) as resp:
            return json.loads(resp.read() or b"{}")
    except urllib.error.HTTPError as e:  # W3C errors arrive as 4xx/5xx with a JSON body
        value = json.loads(e.read() or b"{}").get("value", {})
        raise WebDriverError(value.get("error", f"HTTP {e.code}"), value.get("message", ""))


def element_id(ref):
    """W3C names the key element-6066-11e4-a6da-e2a0e27c6e58, but Debian's chromedriver
    156 answers element-6066-11e4-a52e-4f735466cecf: accept any element-6066-11e4-* key."""
    ids = [v for k, v in ref.items() if k.startswith("element-6066-11e4-")]
    if len(ids) != 1:
        raise RuntimeError(f"unexpected web element reference {ref!r}")
    return ids[0]


class Browser:
    def __init__(self, shots_dir):
        self.shots_dir, self.shots, self.session = shots_dir, [], None
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            port = s.getsockname()[1]
        self.root = f"http://127.0.0.1:{port}"
        self.driver = subprocess.Popen(["/usr/bin/chromedriver", f"--port={port}"],
                                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

    def start(self, timeout=20):
        deadline = time.time() + timeout
        while not self._ready():
            if self.driver.poll() is not None or time.time() > deadline:
                raise RuntimeError(f"chromedriver not ready (exit code {self.driver.poll()})")
            time.sleep(0.1)
        caps = {"capabilities": {"alwaysMatch": CAPABILITIES}}
        self.session = http_json("POST", self.root + "/session", caps)["value"]["sessionId"]

    def _ready(self):
        try:
            return http_json("GET", self.root + "/status", timeout=2)["value"].get("ready")
        except (OSError, ValueError, WebDriverError):
            return False

    def close(self):
        try:
            if self.session:
                http_json("DELETE", f"{self.root}/session/{self.session}", timeout=20)
        except Exception:
            pass
        self.driver.terminate()
        try:
            self.driver.wait(5)
        except subprocess.TimeoutExpired:
            self.driver.kill()

    def cmd(self, method, path, body=None):
        return http_json(method, f"{self.root}/session/{self.session}{path}", body)["value"]

    # Page state
    def url(self): return self.cmd("GET", "/url")
    def title(self): return self.cmd("GET", "/title")
    def body_text(self): return self.text(self.find("body"))

    def open(self, base, path, shot_name):
        self.cmd("POST", "/url", {"url": base + path})
        self.find("body")
        self.screenshot(shot_name)

    def screenshot(self, name):
        path = os.path.join(self.shots_dir, f"{len(self.shots) + 1:02d}-{name}.png")
        with open(path, "wb") as f:
            f.write(base64.b64decode(self.cmd("GET", "/screenshot")))
        self.shots.append(path)

    # Elements (ids as returned by chromedriver)
    def find(self, css, timeout=5.0, parent=None):
        """First element matching `css`, polling up to `timeout` seconds."""
        prefix, deadline = (f"/element/{parent}" if parent else ""), time.time() + timeout
        while True:
            try:
                return element_id(self.cmd("POST", prefix + "/element",
                                           {"using": "css selector", "value": css}))
            except WebDriverError as e:
                if e.error != "no such element":
                    raise
                if time.time() >= deadline:
                    raise RuntimeError(f"no element matches {css} after {timeout:g} s") from None
            time.sleep(0.1)

    def find_all(self, css, parent=None):
        prefix = f"/element/{parent}" if parent else ""
        found = self.cmd("POST", prefix + "/elements", {"using": "css selector", "value": css})
        return [element_id(ref) for ref in found]

    def optional_text(self, css):
        """Text of `css` on the already loaded page, or None when absent."""
        found = self.find_all(css)
        return self.text(found[0]).strip() if found else None

    def text(self, el): return self.cmd("GET", f"/element/{el}/text")
    def prop(self, el, name): return self.cmd("GET", f"/element/{el}/property/{name}")
    def clear(self, el): self.cmd("POST", f"/element/{el}/clear", {})
    def send_keys(self, el, keys): self.cmd("POST", f"/element/{el}/value", {"text": keys})
    def click(self, el): self.cmd("POST", f"/element/{el}/click", {})

    def fill(self, css, keys):
        el = self.find(css)
        self.clear(el)
        self.send_keys(el, keys)

    def check(self, css):
        el = self.find(css)
        if not self.cmd("GET", f"/element/{el}/selected"):
            self.click(el)

    def type_time(self, css, hhmm):
        """Headless Chromium ignores --lang and shows a 12-hour en-US time field: type
        hh mm AM/PM (12-hour digits); a 24-hour field would take HHMM (second try)."""
        hour, minute = int(hhmm[:2]), hhmm[3:]
        twelve = f"{hour % 12 or 12:02d}{minute}{'PM' if hour >= 12 else 'AM'}"
        el, value = self.find(css), None
        for keys in (twelve, hhmm.replace(":", "")):
            self.clear(el)
            self.send_keys(el, keys)
            value = self.prop(el, "value")
            if value == hhmm:
                return
        raise RuntimeError(f"{css} holds {value!r} after typing, wanted {hhmm!r}")

    def select_by_text(self, select_css, name, tie_value=None):
        """Click the option whose text is `name` or starts with `name` + a non-word char;
        among several such options, the one whose value is `tie_value`."""
        options = self.find_all("option", parent=self.find(select_css))
        labels = [self.prop(o, "text").strip() for o in options]
        hits = [o for o, l in zip(options, labels) if re.match(re.escape(name) + r"(\W|$)", l)]
        if len(hits) > 1 and tie_value is not None:
            hits = [o for o in hits if self.prop(o, "value") == tie_value]
        if len(hits) != 1:
            raise RuntimeError(f"{len(hits)} options of {select_css} match {name!r}: {labels}")
        self.click(hits[0])

    def submit(self, button_css, shot_name, timeout=10.0):
        """Click a submit button, wait until a new document replaces this one, screenshot."""
        old_root, deadline = self.find("html"), time.time() + timeout
        self.click(self.find(button_css))
        while True:
            try:
                self.cmd("GET", f"/element/{old_root}/name")
            except WebDriverError as e:  # mid-navigation chromedriver may answer "unknown error"
                if e.error == "stale element reference":
                    break
            if time.time() >= deadline:
                invalid = self.cmd("POST", "/execute/sync",
                                   {"script": INVALID_FIELDS_JS, "args": []})
                raise RuntimeError(f"no new page after clicking {button_css}; "
                                   f"invalid fields: {invalid}")
            time.sleep(0.1)
        self.find("body")
        self.screenshot(shot_name)


# Flows. STEP names what is being attempted, for the error report.
STEP = ["start"]


def step(name):
    STEP[0] = name


def sign_in(b, args, expect_success=True):
    step("open /signin")
    b.open(args.base, "/signin", "signin")
    step("sign in")
    b.fill("input#login", args.login)
    b.fill("input#password", args.password)
    b.submit("button#signin-submit", "after-signin")
    if expect_success:
        if not b.url().split("?")[0].endswith("/runs"):
            raise RuntimeError(f"not on /runs; form error {b.optional_text('p#form-error')!r}")
        b.find("form#signout button#signout-submit")


def mode_book(b, args):
    sign_in(b, args)
    step("open /residents/new")
    b.open(args.base, "/residents/new", "resident-new")
    step("create resident")
    b.fill("input#name", args.resident_name)
    b.fill("input#phone", args.phone)
    b.check("input#consent_sms")
    b.submit("button#resident-submit", "resident")
    shown = b.optional_text("h1#resident-name")
    if shown != args.resident_name:
        raise RuntimeError(f"h1#resident-name is {shown!r}; "
                           f"form error {b.optional_text('p#form-error')!r}")
    resident_url = b.url()
    step(f"open /runs/{args.run}")
    b.open(args.base, f"/runs/{args.run}", "run")
    step("fill and submit form#booking-form")
    resident_id = resident_url.split("?")[0].rstrip("/").rsplit("/", 1)[-1]
    b.select_by_text("form#booking-form select#resident", args.resident_name, resident_id)
    b.fill("form#booking-form input#quotient", args.quotient)
    if args.appointment:
        b.type_time("form#booking-form input#appointment", args.appointment)
    b.submit("form#booking-form button#book-submit", "booking")
    step("read the booking page")
    booking_url = b.url()
    match = re.search(r"/bookings/(\d+)/?$", booking_url.split("?")[0])
    if not match:
        raise RuntimeError(f"not on /bookings/ID; form error {b.optional_text('p#form-error')!r}")
    return {"mode": "book", "resident_url": resident_url, "booking_url": booking_url,
            "booking_id": int(match.group(1)), "status": b.text(b.find("p#booking-status")).strip(),
            "fare": b.text(b.find("span#booking-fare")).strip()}


def mode_look(b, args):
    sign_in(b, args)
    step(f"open /runs/{args.run}")
    b.open(args.base, f"/runs/{args.run}", "run")
    on_run = args.resident_name in b.body_text()
    step(f"open /bookings/{args.booking}")
    b.open(args.base, f"/bookings/{args.booking}", "booking")
    return {"mode": "look", "run_page_shows_name": on_run,
            "booking_error_title": b.optional_text("h1#error-title"),
            "booking_page_shows_name": args.resident_name in b.body_text()}


def mode_signin_fails(b, args):
    sign_in(b, args, expect_success=False)
    return {"mode": "signin-fails", "url": b.url(), "form_error": b.optional_text("p#form-error")}


MODES = {"book": mode_book, "look": mode_look, "signin-fails": mode_signin_fails}
NEEDED = {"book": ["run", "resident_name", "phone", "quotient"],
          "look": ["run", "booking", "resident_name"], "signin-fails": []}


class JSONArgumentParser(argparse.ArgumentParser):
    def error(self, message):  # usage errors are failures too: report them as JSON
        print(json.dumps({"error": f"usage: {message}", "screenshots": []}))
        sys.exit(1)


def parse_args():
    p = JSONArgumentParser(description="Drive the relais desk in headless Chromium.")
    p.add_argument("mode", choices=list(MODES))
    for name in ("--base", "--login", "--password-file", "--screenshots"):
        p.add_argument(name, required=True)
    for name in ("--run", "--resident-name", "--phone", "--quotient", "--appointment", "--booking"):
        p.add_argument(name)
    args = p.parse_args()
    missing = ["--" + n.replace("_", "-") for n in NEEDED[args.mode] if getattr(args, n) is None]
    if missing:
        p.error(f"{args.mode} needs {', '.join(missing)}")
    if args.appointment and not re.fullmatch(r"\d\d:\d\d", args.appointment):
        p.error("--appointment must be HH:MM")
    args.base = args.base.rstrip("/")
    return args


def describe_failure(b, exc):
    report = f"{STEP[0]}: {type(exc).__name__}: {exc}"
    if b is not None and b.session is not None:
        try:
            body = b.body_text()[:300] if b.find_all("body") else ""
            report += f"; url={b.url()}; title={b.title()!r}; body={body!r}"
            b.screenshot("failure")
        except Exception as inner:
            report += f"; page state unavailable: {inner}"
    return report


def main():
    args = parse_args()
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(1))  # killed: still clean up below
    browser = None
    try:
        step("read --password-file")
        with open(args.password_file, encoding="utf-8") as f:
            args.password = f.read().rstrip("\r\n")
        os.makedirs(args.screenshots, exist_ok=True)
        step("start chromedriver and a session")
        browser = Browser(args.screenshots)
        browser.start()
        result = MODES[args.mode](browser, args)
        result["screenshots"] = browser.shots
        print(json.dumps(result, ensure_ascii=False))
        return 0
    except Exception as exc:
        shots = browser.shots if browser else []
        print(json.dumps({"error": describe_failure(browser, exc), "screenshots": shots},
                         ensure_ascii=False))
        return 1
    finally:
        if browser is not None:
            browser.close()


if __name__ == "__main__":
    sys.exit(main())
