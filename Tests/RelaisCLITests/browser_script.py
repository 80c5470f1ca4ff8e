"""What manifest_browser.py and desk_counts_browser.py share around their own steps: start
chromedriver and a Chromium session saving screenshots in a folder, run the script's work, and print
ONE JSON object, the work's answer with the screenshots taken ({"error": ..., "screenshots": [...]}
and exit status 1 on any failure, described by desk_browser.describe_failure); the browser is
closed whatever happened. The WebDriver client itself is desk_browser.py's.
"""
import json, os, sys

sys.dont_write_bytecode = True  # no __pycache__ in the test target (SwiftPM warns of unhandled files)
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import desk_browser as db  # noqa: E402
from desk_browser import step  # noqa: E402


def run(screenshots, work):
    """Runs work(browser) -> dict in a new session; prints the JSON answer and returns the exit status."""
    browser = None
    try:
        os.makedirs(screenshots, exist_ok=True)
        step("start chromedriver and a session")
        browser = db.Browser(screenshots)
        browser.start()
        result = work(browser)
        result["screenshots"] = browser.shots
        print(json.dumps(result, ensure_ascii=False))
        return 0
    except Exception as exc:
        shots = browser.shots if browser else []
        print(json.dumps({"error": db.describe_failure(browser, exc), "screenshots": shots}, ensure_ascii=False))
        return 1
    finally:
        if browser is not None:
            browser.close()
