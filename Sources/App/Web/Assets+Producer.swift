/// The producer's workspace on a phone with a poor connection (issue 9 §4). Our own script, no
/// library: a form that cannot be sent is kept on the device (localStorage) and sent when the
/// connection returns; each entry carries its id, so a form sent twice is stored once. The
/// service worker keeps the workspace pages, so the diary form opens without a connection.
extension Assets {
    static let producerJS = Asset(#"""
        (function () {
          "use strict";
          var KEY = "nguon.outbox.v1";
          function load() { try { return JSON.parse(localStorage.getItem(KEY)) || []; } catch (e) { return []; } }
          function store(list) { localStorage.setItem(KEY, JSON.stringify(list)); }
          function uuid() {
            if (window.crypto && crypto.randomUUID) { return crypto.randomUUID(); }
            var b = crypto.getRandomValues(new Uint8Array(16));
            b[6] = (b[6] & 15) | 64; b[8] = (b[8] & 63) | 128;
            var h = Array.prototype.map.call(b, function (x) { return (x + 256).toString(16).slice(1); }).join("");
            return h.slice(0, 8) + "-" + h.slice(8, 12) + "-" + h.slice(12, 16) + "-" + h.slice(16, 20) + "-" + h.slice(20);
          }
          // Vietnam's time (UTC+7 all year), as a datetime-local field holds it.
          function localNow() { return new Date(Date.now() + 7 * 3600 * 1000).toISOString().slice(0, 16); }
          function show(text) {
            var box = document.getElementById("outbox");
            if (!box) { return; }
            box.textContent = text;
            box.hidden = !text;
          }
          function describe(extra) {
            var waiting = load().length;
            show((extra ? extra + " " : "") + (waiting ? waiting + " mục đang lưu trên máy, sẽ tự gửi khi có mạng." : ""));
          }
          // A page opened from the device's copy, or a form just kept, needs a new entry id and the time now.
          function renew(form) {
            var entry = form.querySelector("input[name=entry]");
            if (entry) { entry.value = uuid(); }
            var time = form.querySelector("input[name=time]");
            if (time) { time.value = localNow(); }
          }
          var sending = false;
          function send() {
            var list = load();
            if (sending || !list.length || !navigator.onLine) { describe(); return; }
            sending = true;
            var item = list[0];
            // The kept form carries the CSRF token of the session it was filled in; a later
            // session (signed in again after a long time offline) has another.
            var body = new URLSearchParams(item.body);
            var token = document.querySelector("input[name=_csrf]");
            if (token && token.value) { body.set("_csrf", token.value); }
            fetch(item.action, { method: "POST", body: body.toString(), credentials: "same-origin",
                                 headers: { "Content-Type": "application/x-www-form-urlencoded" } })
              .then(function (response) {
                sending = false;
                var rest = load().filter(function (other) { return other.id !== item.id; });
                // Stored: the answer is a workspace page. A redirect elsewhere is the sign-in page
                // (the session ended): the entry stays until the user signs in again.
                if (response.ok && response.redirected && new URL(response.url).pathname.indexOf("/san-xuat") === 0) {
                  store(rest); send(); return;
                }
                if (response.redirected) { describe("Hãy đăng nhập lại để gửi các mục đang lưu trên máy."); return; }
                // Refused (a rule broken, a session ended): kept aside with the reason, not resent blindly.
                if (response.status === 400 || response.status === 403 || response.status === 409) {
                  store(rest);
                  describe("Một mục lưu trên máy không được nhận (mã " + response.status + "); hãy mở lại biểu mẫu và ghi lại.");
                  return;
                }
                describe();
              })
              .catch(function () { sending = false; describe(); });
          }
          document.addEventListener("submit", function (event) {
            var form = event.target;
            if (!form.classList || !form.classList.contains("producer-form")) { return; }
            event.preventDefault();
            var body = new URLSearchParams(new FormData(form)).toString();
            var keep = function () {
              var list = load();
              var entry = form.querySelector("input[name=entry]");
              list.push({ id: entry ? entry.value : uuid(), action: form.action, body: body, savedAt: Date.now() });
              store(list);
              renew(form);
              describe("Chưa có mạng: đã lưu trên máy.");
            };
            if (!navigator.onLine) { keep(); return; }
            fetch(form.action, { method: "POST", body: body, credentials: "same-origin",
                                 headers: { "Content-Type": "application/x-www-form-urlencoded" } })
              .then(function (response) {
                if (response.redirected) { window.location.assign(response.url); return; }
                return response.text().then(function (html) { document.open(); document.write(html); document.close(); });
              })
              .catch(keep);
          });
          window.addEventListener("online", send);
          document.addEventListener("DOMContentLoaded", function () {
            if (!navigator.onLine) {
              Array.prototype.forEach.call(document.querySelectorAll("form.producer-form"), renew);
            }
            describe();
            send();
          });
          if ("serviceWorker" in navigator) {
            // The first page loads before the worker exists: once it takes over, fetch this page
            // and its script again through it, so they are on the device for next time.
            var script = document.currentScript && document.currentScript.src;
            navigator.serviceWorker.addEventListener("controllerchange", function () {
              fetch(location.href, { credentials: "same-origin" }).catch(function () {});
              if (script) { fetch(script).catch(function () {}); }
            });
            navigator.serviceWorker.register("/san-xuat/sw.js", { scope: "/san-xuat" }).catch(function () {});
          }
        })();
        """#, contentType: "text/javascript; charset=utf-8")

    /// Network first; the device's copy of a workspace page or asset when there is no network.
    static let producerWorker = Asset(#"""
        "use strict";
        var CACHE = "nguon-producer-1";
        self.addEventListener("install", function () { self.skipWaiting(); });
        self.addEventListener("activate", function (event) {
          event.waitUntil(caches.keys().then(function (keys) {
            return Promise.all(keys.filter(function (key) { return key !== CACHE; }).map(function (key) { return caches.delete(key); }));
          }).then(function () { return self.clients.claim(); }));
        });
        self.addEventListener("fetch", function (event) {
          var request = event.request;
          var url = new URL(request.url);
          if (request.method !== "GET" || url.origin !== self.location.origin) { return; }
          if (url.pathname.indexOf("/san-xuat") !== 0 && url.pathname.indexOf("/assets/") !== 0) { return; }
          event.respondWith(fetch(request).then(function (response) {
            if (response.ok && !response.redirected) {
              var copy = response.clone();
              event.waitUntil(caches.open(CACHE).then(function (cache) { return cache.put(request, copy); }));
            }
            return response;
          }).catch(function () {
            return caches.match(request).then(function (cached) {
              return cached || caches.match(url.pathname);
            }).then(function (cached) {
              return cached || new Response("Không có mạng và trang này chưa được lưu trên máy.",
                { status: 503, headers: { "Content-Type": "text/plain; charset=utf-8" } });
            });
          }));
        });
        """#, contentType: "text/javascript; charset=utf-8")
}
