// crampcoach's service worker: keeps the relief pages and the static files for offline use.
// Served from /sw.js by the app, which fills in the version and the paths to keep.
"use strict";

const VERSION = "__VERSION__";
const CACHE = "crampcoach-" + VERSION;
const CACHED = ["__CACHED__"];

self.addEventListener("install", (event) => {
  event.waitUntil(
    caches.open(CACHE).then((cache) => cache.addAll(CACHED)).then(() => self.skipWaiting())
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches.keys()
      .then((keys) => Promise.all(keys.filter((key) => key !== CACHE).map((key) => caches.delete(key))))
      .then(() => self.clients.claim())
  );
});

function isRelief(url) {
  return url.pathname === "/relief" || url.pathname.startsWith("/relief/") || url.pathname === "/offline";
}

// Static files: from the cache first. Relief pages: from the network, kept fresh in the
// cache, and from the cache when the network is gone. Other pages: the network, else /offline.
self.addEventListener("fetch", (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== "GET" || url.origin !== self.location.origin) {
    return;
  }
  if (url.pathname.startsWith("/static/")) {
    event.respondWith(
      caches.match(request).then((hit) => hit || fetch(request).then((response) => {
        const copy = response.clone();
        if (response.ok) {
          caches.open(CACHE).then((cache) => cache.put(request, copy));
        }
        return response;
      }))
    );
    return;
  }
  if (isRelief(url)) {
    event.respondWith(
      fetch(request).then((response) => {
        if (response.ok) {
          const copy = response.clone();
          caches.open(CACHE).then((cache) => cache.put(url.pathname, copy));
        }
        return response;
      }).catch(() => caches.match(url.pathname).then((hit) => hit || caches.match("/offline")))
    );
    return;
  }
  if (request.mode === "navigate") {
    event.respondWith(fetch(request).catch(() => caches.match("/offline")));
  }
});
