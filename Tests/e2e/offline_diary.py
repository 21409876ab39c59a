#!/usr/bin/env python3
"""End-to-end: the producer's diary on a phone with a poor connection (issue 9 §4).

Starts `nguon serve` on a throw-away SQLite database, seeds it as the README's first steps do
(command line for units and accounts, the browser for the organisation, the GS1 pool, codes, a
facility and a product), then drives Debian's Chromium through Playwright at 390×844:

  1. the diary opens once online, so the service worker installs and keeps a copy;
  2. offline, the diary opens from that copy with a fresh entry id, and two entries are kept
     on the device (#outbox, localStorage `nguon.outbox.v1`) with different entry ids;
  3. offline, in a fresh tab, a workspace page visited before opens; one never visited gets the
     worker's 503 text;
  4. online again, the `online` event sends both; the diary lists exactly those two;
  5. resending a kept body (through the outbox and as a plain POST) stores nothing new, and the
     same entry id with other content is refused with 409;
  6. an entry kept offline while the session ends stays on the device when the connection
     returns, and is sent once the account signs in again.

Steps 3 and 6 are checked on their own: a failure there is reported and the rest still runs. The
last line is "e2e: N passed, N failed" over four checks (the main flow, the two pages of step 3,
step 6). Exits non-zero on any failure. The server, the browser and the temporary folder are
cleaned up in every case; every wait has a timeout and the whole run has a deadline, so CI cannot
hang on it.
Environment: NGUON_BIN (server binary; default .build/debug/nguon), CHROMIUM (browser; default
`which chromium`), NGUON_E2E_SCREENSHOT (default /tmp/e2e-offline.png).
"""

import ctypes
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from pathlib import Path

from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import sync_playwright

REPO = Path(__file__).resolve().parents[2]
BIN = Path(os.environ.get("NGUON_BIN") or REPO / ".build/debug/nguon")
UNITS = REPO.parent / "shared/data/admin-units/vn-units-2025.json"
SCREENSHOT = os.environ.get("NGUON_E2E_SCREENSHOT", "/tmp/e2e-offline.png")
DEADLINE_SECONDS = 240

ADMIN = ("e2e.quantri", "Quan-tri-E2E-2026!")
BUSINESS = ("e2e.htx", "Rau-sach-E2E-2026!")
COMMUNE = "07093"  # Phường Đông Triều, Quảng Ninh
PROVINCE = "22"
POOL_PREFIX = "8931000001"
OUTBOX_KEY = "nguon.outbox.v1"
DIARY = "/san-xuat/nhat-ky"
WORKSPACE = "/san-xuat"
NEVER_VISITED = "/san-xuat/thu-hoach"
WORKER_OFFLINE_TEXT = "Không có mạng và trang này chưa được lưu trên máy."
UUID_RE = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")
MAIN_FLOW = "offline diary: kept on the device, sent when online, stored once"
START = time.monotonic()


class Deadline(Exception):
    pass


def on_deadline(signum, frame):
    raise Deadline(f"the run took longer than {DEADLINE_SECONDS} s")


def on_terminate(signum, frame):
    # `timeout` or CI stopping us: unwind through the finally blocks so the server goes too.
    raise SystemExit(f"stopped by signal {signum}")


def check(condition, message):
    if not condition:
        raise AssertionError(message)


def step(text):
    print(f"[{time.monotonic() - START:6.1f}s] {text}", flush=True)


# MARK: - The server

def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def die_with_parent():
    # Linux: the server gets SIGTERM if this script is killed outright (SIGKILL skips finally).
    try:
        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
    except OSError:
        pass


def cli(env, *args):
    result = subprocess.run([str(BIN), *args], env=env, capture_output=True, text=True, timeout=60)
    check(result.returncode == 0, f"nguon {' '.join(args)} failed ({result.returncode}): {result.stderr.strip()}")
    return result.stdout.strip()


def start_server(env, port, log_path):
    log = open(log_path, "wb")
    server = subprocess.Popen([str(BIN), "serve", "--hostname", "127.0.0.1", "--port", str(port)],
                              env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
                              preexec_fn=die_with_parent)
    log.close()
    health = f"http://127.0.0.1:{port}/healthz"
    for _ in range(300):
        check(server.poll() is None, f"nguon serve exited with {server.returncode}")
        try:
            with urllib.request.urlopen(health, timeout=2) as response:
                if response.status == 200:
                    return server
        except OSError:
            pass
        time.sleep(0.2)
    raise AssertionError("nguon serve did not answer /healthz within 60 s")


def stop_server(server):
    if server is None or server.poll() is not None:
        return
    os.killpg(server.pid, signal.SIGTERM)
    try:
        server.wait(timeout=10)
    except subprocess.TimeoutExpired:
        os.killpg(server.pid, signal.SIGKILL)
        server.wait(timeout=10)


# MARK: - Browser helpers

def submit(page, action):
    """Sends the page's POST form to `action` and waits for the page it leads to."""
    with page.expect_navigation():
        page.click(f'main form[method=post][action="{action}"] button[type=submit]')


def sign_in(page, base, account):
    page.goto(base + "/dang-nhap")
    page.fill("main [name=username]", account[0])
    page.fill("main [name=password]", account[1])
    submit(page, "/dang-nhap")
    check("/dang-nhap" not in page.url, f"sign-in as {account[0]} failed: {page.inner_text('main')[:300]}")


def outbox(page):
    return page.evaluate(f"JSON.parse(localStorage.getItem('{OUTBOX_KEY}') || '[]')")


def wait_until(page, expression, what, timeout=15.0, arg=None):
    """Polls `expression` (a JS function of `arg`) until truthy. Not wait_for_function: that one
    evaluates a string in the page, which the pages' CSP (no 'unsafe-eval') refuses."""
    end = time.monotonic() + timeout
    while True:
        try:
            if page.evaluate(expression, arg):
                return
        except PlaywrightError as error:
            # A navigation under way destroys the context; anything else is a real failure.
            if "context was destroyed" not in error.message and "navigat" not in error.message:
                raise
        if time.monotonic() > end:
            raise AssertionError(f"timed out after {timeout:.0f} s waiting for {what}")
        time.sleep(0.1)


def wait_outbox(page, count, timeout=20.0):
    wait_until(page, "([key, n]) => JSON.parse(localStorage.getItem(key) || '[]').length === n",
               f"{count} entries kept on the device", timeout, [OUTBOX_KEY, count])


def cached_text(page, url):
    """What the service worker's cache holds for `url` (None when nothing)."""
    return page.evaluate("url => caches.match(url).then(r => r ? r.text() : null)", url)


def wait_cached(page, url, containing="", timeout=10.0):
    # The worker writes its copy after answering the page, so the copy may lag a moment.
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        text = cached_text(page, url)
        if text is not None and containing in text:
            return True
        time.sleep(0.1)
    return False


def entry_id(page):
    """The entry id the diary form will send."""
    return page.input_value("main form.producer-form input[name=entry]")


def served_entry_id(response):
    """The entry id in the page as it was served (producer.js may give the form a new one)."""
    found = re.search(r'name="entry" value="([^"]*)"', response.text())
    return found.group(1) if found else None


def diary_notes(page):
    return page.eval_on_selector_all("main ul.cards > li", "items => items.map(li => li.innerText)")


def fill_diary(page, activity, note, **fields):
    form = "main form.producer-form"
    page.select_option(f"{form} [name=activity]", activity)
    # One facility and one product: the form preselects them.
    check(page.input_value(f"{form} [name=facility]") != "", "the only facility is not preselected")
    check(page.input_value(f"{form} [name=product]") != "", "the only product is not preselected")
    check(page.input_value(f"{form} [name=time]") != "", "the time is not filled in")
    for name in ("input", "dose", "waitingDays", "area"):
        page.fill(f"{form} [name={name}]", str(fields.get(name, "")))
    page.fill(f"{form} [name=note]", note)
    page.click(f"{form} button[type=submit]")


# MARK: - The test

def seed(base, env, browser):
    """Administrator: organisation and pool; business account: codes, facility, product."""
    context = browser.new_context(viewport={"width": 1024, "height": 900}, locale="vi-VN")
    context.set_default_timeout(15_000)
    page = context.new_page()
    sign_in(page, base, ADMIN)

    page.goto(base + "/quan-tri/to-chuc")
    page.fill("main [name=name]", "HTX Rau an toàn E2E")
    page.select_option("main [name=kind]", "cooperative")
    page.fill("main [name=unit]", COMMUNE)
    submit(page, "/quan-tri/to-chuc")
    found = re.search(r"/quan-tri/to-chuc/([^/?#]+)\?done=1", page.url)
    check(found, f"organisation not created: {page.url} {page.inner_text('main')[:300]}")
    organisation = found.group(1)

    page.goto(base + "/quan-tri/ma-gs1")
    page.fill("main [name=prefix]", POOL_PREFIX)
    page.fill("main [name=province]", PROVINCE)
    submit(page, "/quan-tri/ma-gs1")
    check("done=1" in page.url, f"GS1 pool prefix not added: {page.inner_text('main')[:300]}")
    context.close()

    env = dict(env, NGUON_ADMIN_PASSWORD=BUSINESS[1])
    cli(env, "user", "create", "--role", "business", "--username", BUSINESS[0], "--name", "HTX Rau an toàn E2E",
        "--organisation", organisation)
    return organisation


def register(page, base, organisation):
    """As the business account: one GLN and one GTIN, then a facility and a product with them."""
    page.goto(f"{base}/quan-tri/to-chuc/{organisation}")
    for kind in ("gln", "gtin"):
        page.select_option("main [name=kind]", kind)
        page.fill("main [name=count]", "1")
        submit(page, f"/quan-tri/to-chuc/{organisation}/ma-gs1")
        check("codes=1" in page.url, f"no {kind} given: {page.inner_text('main')[:300]}")

    page.click(f'main a[href="/quan-tri/to-chuc/{organisation}/co-so"]')
    page.wait_for_url(f"**/quan-tri/to-chuc/{organisation}/co-so")
    gln = page.eval_on_selector("#gln-options option", "o => o.value")
    page.fill("main [name=name]", "Vùng trồng rau thôn Đông Sơn")
    page.fill("main [name=gln]", gln)
    page.check("main [name=activity-crop]")
    submit(page, f"/quan-tri/to-chuc/{organisation}/co-so")
    check(re.search(r"/quan-tri/co-so/[^/?]+\?done=1", page.url), f"facility not saved: {page.inner_text('main')[:300]}")

    page.goto(f"{base}/quan-tri/to-chuc/{organisation}")
    page.click(f'main a[href="/quan-tri/to-chuc/{organisation}/san-pham"]')
    page.wait_for_url(f"**/quan-tri/to-chuc/{organisation}/san-pham")
    gtin = page.eval_on_selector("#gtin-options option", "o => o.value")
    page.fill("main [name=gtin]", gtin)
    page.fill("main [name=name]", "Rau cải ngọt VietGAP túi 500 g")
    # Every select chosen explicitly: an empty placeholder option is sent as its text (see the report).
    page.select_option("main [name=category]", index=1)
    page.fill("main [name=netContent]", "500")
    page.select_option("main [name=netUnit]", "g")
    submit(page, f"/quan-tri/to-chuc/{organisation}/san-pham")
    check(re.search(r"/quan-tri/san-pham/[^/?]+\?done=1", page.url), f"product not saved: {page.inner_text('main')[:300]}")
    return gln, gtin


def install_worker(page, base):
    """Opens the diary online until the service worker controls it and keeps a copy of it."""
    page.goto(base + DIARY)
    ready = page.evaluate("""() => Promise.race([navigator.serviceWorker.ready.then(() => true),
                                                 new Promise(resolve => setTimeout(() => resolve(false), 10000))])""")
    check(ready, "the service worker did not install within 10 s")
    wait_until(page, "() => navigator.serviceWorker.controller !== null", "the service worker to control the page", 10.0)
    if not wait_cached(page, base + DIARY, timeout=2.0):
        # The first visit's page was fetched before the worker existed, so it has no copy yet:
        # the pages opened next, while it controls them, are what it keeps (see the report).
        step("the first visit's page is not kept (it loaded before the worker); opening it again")
    # A workspace page visited while controlled, for the offline check below.
    page.goto(base + WORKSPACE)
    check(page.locator("main h1").inner_text() == "Khu sản xuất", "the workspace page did not open")
    html_id = served_entry_id(page.goto(base + DIARY))
    check(UUID_RE.match(html_id or ""), f"the diary form has no entry id: {html_id!r}")
    # The copy the worker keeps must be this very page (the server gives every page a new id).
    check(wait_cached(page, base + DIARY, containing=html_id), "the worker kept no copy of the diary page")
    check(wait_cached(page, base + WORKSPACE), "the worker kept no copy of the workspace page")
    script = page.eval_on_selector("script[src*='producer.js']", "s => s.src")
    check(wait_cached(page, script), "the worker kept no copy of producer.js")
    return html_id


def offline_visited(context, base, errors):
    """Offline, in a fresh tab: a workspace page visited before opens from the device's copy, and
    its script shows what is kept."""
    other = context.new_page()
    other.on("pageerror", lambda error: errors.append(str(error)))
    try:
        response = other.goto(base + WORKSPACE)
        check(response.status == 200 and response.from_service_worker, f"offline workspace page answered {response.status}")
        check(other.locator("main h1").inner_text() == "Khu sản xuất", "the offline workspace page is not the workspace")
        wait_until(other, "() => document.getElementById('outbox').textContent.includes('2 mục đang lưu trên máy')",
                   "the kept entries to show on the offline workspace page")
    finally:
        other.close()


def offline_never_visited(context, base):
    """Offline, in a fresh tab: a workspace page never visited gets the worker's 503 text."""
    other = context.new_page()
    try:
        try:
            response = other.goto(base + NEVER_VISITED)
        except PlaywrightError as error:
            raise AssertionError(
                "a page never visited must get the service worker's 503 text offline, not a network error "
                "(producerWorker's fetch handler returns `cached || caches.match(url.pathname) || new Response(...)`: "
                "the middle term is a promise, always truthy, so the 503 is never reached): "
                + error.message.splitlines()[0])
        check(response.status == 503 and response.from_service_worker, f"a never-visited page offline answered {response.status}")
        check(WORKER_OFFLINE_TEXT in other.inner_text("body"), f"the 503 page says: {other.inner_text('body')[:200]!r}")
    finally:
        other.close()


def session_ended(context, page, base, errors):
    """An entry kept offline while the session ends (30 idle minutes, or the cookie gone) must stay
    on the device when the connection returns, and be sent once its owner signs in again."""
    note = "E2E tưới nước tối " + entry_id(page)[:8]
    context.set_offline(True)
    page.reload()
    fill_diary(page, "irrigating", note)
    wait_outbox(page, 1)
    context.clear_cookies()
    with page.expect_response(lambda r: r.request.method == "POST" and DIARY in r.url) as posted:
        context.set_offline(False)
    check(posted.value.status == 303, f"the kept entry without a session answered {posted.value.status}, not 303")
    # The script acts on the answer at once; give it a moment, then the entry must still be kept.
    time.sleep(1.5)
    left = outbox(page)
    check(len(left) == 1, "the entry kept on the device was dropped when the session had ended: send() in producer.js "
                          "takes the redirect to /dang-nhap as success (`response.ok || response.redirected`)")
    sign_in(page, base, BUSINESS)
    # Back in the workspace, the kept entry goes out under the new session.
    page.goto(base + DIARY)
    try:
        wait_outbox(page, 0)
    except AssertionError:
        raise AssertionError(f"the kept entry was not sent after signing in again; outbox says "
                             f"{page.locator('#outbox').inner_text()!r}")
    check("không được nhận" not in page.locator("#outbox").inner_text(),
          "the kept entry was refused after signing in again (it carries the ended session's CSRF token; send() "
          "should put the current page's _csrf in the body)")
    page.reload()
    listed = diary_notes(page)
    check(len(listed) == 3 and sum(note in item for item in listed) == 1,
          f"after signing in again the diary lists {len(listed)} entries: {listed}")
    check(not errors, f"script errors on the pages: {errors}")


def soft(results, name, phase):
    """Runs one phase whose failure does not stop the others; records its outcome."""
    try:
        phase()
        results.append((name, None))
        step(f"ok: {name}")
    except (AssertionError, PlaywrightError) as error:
        results.append((name, error))
        step(f"FAILED: {name}: {error}")


def run(base, env, browser, results):
    step("seeding: organisation, GS1 pool, business account")
    organisation = seed(base, env, browser)

    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True,
                                  locale="vi-VN", service_workers="allow")
    context.set_default_timeout(15_000)
    context.set_default_navigation_timeout(20_000)
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))

    step("business account: GLN, GTIN, facility, product")
    sign_in(page, base, BUSINESS)
    gln, gtin = register(page, base, organisation)
    step(f"registered facility GLN {gln} and product GTIN {gtin}")

    step("diary online once: service worker installs and keeps the workspace pages")
    cached_id = install_worker(page, base)

    step("offline: the diary opens from the device's copy")
    context.set_offline(True)
    response = page.reload()
    check(response is not None and response.status == 200, f"offline diary answered {response and response.status}")
    check(response.from_service_worker, "the offline diary did not come from the service worker")
    check(page.evaluate("navigator.onLine") is False, "the browser still thinks it is online")
    served = served_entry_id(response)
    check(served == cached_id, f"the offline page is not the kept copy (entry {served} ≠ {cached_id})")
    form_id = entry_id(page)
    check(UUID_RE.match(form_id) and form_id != cached_id,
          f"a page opened from the device's copy must get a new entry id (kept {cached_id}, form {form_id})")
    check(page.locator("#outbox").is_hidden(), "the outbox notice shows with nothing kept")

    notes = ("E2E tưới nước sáng " + form_id[:8], "E2E phun thuốc chiều " + form_id[:8])
    step("offline: first entry (irrigating) is kept on the device")
    fill_diary(page, "irrigating", notes[0], area="Luống A")
    wait_outbox(page, 1)
    notice = page.locator("#outbox")
    check(notice.is_visible(), "the outbox notice is hidden after keeping an entry")
    text = notice.inner_text()
    check("Chưa có mạng: đã lưu trên máy." in text and "1 mục đang lưu trên máy" in text, f"outbox says: {text!r}")
    check(entry_id(page) != form_id, "the form kept the sent entry id for the next entry")

    step("offline: second entry (spraying, 7 days' interval) is kept too")
    fill_diary(page, "spraying", notes[1], input="Actara 25WG", dose="2 g/bình 16 lít", waitingDays=7)
    wait_outbox(page, 2)
    text = notice.inner_text()
    check("2 mục đang lưu trên máy" in text, f"outbox says: {text!r}")
    kept = outbox(page)
    check(len(kept) == 2, f"outbox holds {len(kept)} items")
    check(kept[0]["id"] != kept[1]["id"], f"both entries have id {kept[0]['id']}")
    for item, note, activity in zip(kept, notes, ("irrigating", "spraying")):
        body = urllib.parse.parse_qs(item["body"])
        check(UUID_RE.match(item["id"]) and body.get("entry") == [item["id"]], f"entry id not in the body: {item}")
        check(body.get("note") == [note] and body.get("activity") == [activity], f"kept body is not the form: {body}")
        check(body.get("_csrf"), "kept body has no CSRF token")
        check(urllib.parse.urlparse(item["action"]).path == DIARY, f"kept for {item['action']}")
    page.evaluate("window.scrollTo(0, 0)")
    page.screenshot(path=SCREENSHOT)
    step(f"screenshot of the offline diary with the queued notice: {SCREENSHOT}")

    # Checked on pages of their own; a failure is reported at the end and the rest goes on.
    soft(results, "offline: a workspace page visited before opens from the device's copy",
         lambda: offline_visited(context, base, errors))
    soft(results, "offline: a page never visited gets the service worker's 503 text",
         lambda: offline_never_visited(context, base))

    step("online again: the `online` event sends both entries")
    context.set_offline(False)
    wait_outbox(page, 0, timeout=30.0)
    check(not page.locator("#outbox").inner_text().strip() or page.locator("#outbox").is_hidden(),
          f"outbox still says: {page.locator('#outbox').inner_text()!r}")
    page.goto(base + DIARY)
    listed = diary_notes(page)
    check(len(listed) == 2, f"the diary lists {len(listed)} entries, not 2: {listed}")
    for note in notes:
        check(sum(note in item for item in listed) == 1, f"{note!r} is not listed exactly once: {listed}")
    check(any("cách ly 7 ngày" in item for item in listed), f"the spraying's interval is not shown: {listed}")

    step("a kept entry sent again, through the outbox: stored once")
    page.evaluate("([key, item]) => localStorage.setItem(key, JSON.stringify([item]))", [OUTBOX_KEY, kept[0]])
    page.evaluate("window.dispatchEvent(new Event('online'))")
    wait_outbox(page, 0)
    check("không được nhận" not in page.locator("#outbox").inner_text(), "the resent entry was refused")

    step("the other kept body POSTed again: stored once; same id with other content: 409")
    headers = {"Content-Type": "application/x-www-form-urlencoded"}
    again = page.request.post(kept[1]["action"], data=kept[1]["body"], headers=headers, max_redirects=0)
    check(again.status == 303 and "done=diary" in again.headers.get("location", ""),
          f"resent entry answered {again.status} {again.headers.get('location')}")
    altered = urllib.parse.urlencode([(k, v + " (sửa)" if k == "note" else v)
                                      for k, v in urllib.parse.parse_qsl(kept[1]["body"], keep_blank_values=True)])
    conflict = page.request.post(kept[1]["action"], data=altered, headers=headers, max_redirects=0)
    check(conflict.status == 409, f"the same entry id with other content answered {conflict.status}, not 409")

    page.reload()
    listed = diary_notes(page)
    check(len(listed) == 2, f"after resending, the diary lists {len(listed)} entries, not 2: {listed}")
    for note in notes:
        check(sum(note in item for item in listed) == 1, f"{note!r} is not listed exactly once: {listed}")
    check(not errors, f"script errors on the pages: {errors}")
    results.append((MAIN_FLOW, None))
    step(f"ok: {MAIN_FLOW}")

    step("offline again, and the session ends before the connection returns")
    soft(results, "an entry kept while the session ended is not lost", lambda: session_ended(context, page, base, errors))
    context.close()


def main():
    signal.signal(signal.SIGALRM, on_deadline)
    signal.signal(signal.SIGTERM, on_terminate)
    signal.alarm(DEADLINE_SECONDS)
    folder = Path(tempfile.mkdtemp(prefix="nguon-e2e-"))
    log_path = folder / "serve.log"
    server = None
    results = []  # (what, None or the error)
    try:
        check(BIN.is_file() and os.access(BIN, os.X_OK), f"no server binary at {BIN} (build it or set NGUON_BIN)")
        chromium = os.environ.get("CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")
        check(chromium, "no chromium on PATH (Debian: apt-get install chromium)")
        # The server gets a SQLite file of its own, whatever DATABASE_URL CI exports (PostgreSQL, later in .ci/run).
        env = {k: v for k, v in os.environ.items() if not k.startswith("NGUON_") and k != "DATABASE_URL"}
        env.update(DATABASE_URL=str(folder / "nguon.sqlite"), LOG_LEVEL="info", NGUON_ADMIN_PASSWORD=ADMIN[1])
        step(f"seeding {env['DATABASE_URL']} with {BIN}")
        if UNITS.is_file():
            step(cli(env, "admin-units", "import", str(UNITS)))
        cli(env, "user", "create", "--admin", "--username", ADMIN[0], "--name", "Quản trị E2E")
        env.pop("NGUON_ADMIN_PASSWORD")
        port = free_port()
        server = start_server(env, port, log_path)
        base = f"http://127.0.0.1:{port}"
        step(f"nguon serve at {base}")
        with sync_playwright() as playwright:
            args = ["--no-sandbox"] if os.geteuid() == 0 else []
            browser = playwright.chromium.launch(executable_path=chromium, headless=True, args=args, timeout=60_000)
            try:
                run(base, env, browser, results)
            finally:
                browser.close()
    except (AssertionError, PlaywrightError, Deadline, SystemExit, subprocess.TimeoutExpired) as error:
        results.append((MAIN_FLOW if all(name != MAIN_FLOW for name, _ in results) else "the run", error))
        step(f"FAILED: {type(error).__name__}: {error}")
        if log_path.exists():
            tail = log_path.read_text(errors="replace").splitlines()[-15:]
            print("--- nguon serve, last lines:\n" + "\n".join(tail), flush=True)
    finally:
        signal.alarm(0)
        stop_server(server)
        shutil.rmtree(folder, ignore_errors=True)
    failed = [(name, error) for name, error in results if error is not None]
    for name, error in failed:
        print(f"FAIL {name}: {error}", flush=True)
    print(f"took {time.monotonic() - START:.1f} s")
    # The closing line CI reads: "N passed, N failed" alone on a line, one word before it.
    print(f"e2e: {len(results) - len(failed)} passed, {len(failed)} failed", flush=True)
    return 1 if failed or not results else 0


if __name__ == "__main__":
    sys.exit(main())
