// Offline shell: everything from the network while there is one, and a copy kept of the styles and scripts and of the
// boards, lists and task pages the person opened; without a network those copies are shown, and the page says so
// (offline.js).
const shell = 'shell-v1';
const pages = 'pages';

self.addEventListener('install', () => self.skipWaiting());

self.addEventListener('activate', event => {
    event.waitUntil(caches.keys()
        .then(keys => Promise.all(keys.filter(key => key !== shell && key !== pages).map(key => caches.delete(key))))
        .then(() => self.clients.claim()));
});

const keptForOffline = url => /^\/(projects\/[^/]+(\/list)?|tasks\/[^/]+)$/.test(url.pathname);

self.addEventListener('fetch', event => {
    const request = event.request;
    const url = new URL(request.url);
    if (request.method !== 'GET' || url.origin !== self.location.origin || url.pathname.startsWith('/_blazor')) return;
    if (request.mode === 'navigate') {
        event.respondWith(fetch(request)
            .then(response => {
                if (response.ok && keptForOffline(url)) {
                    const copy = response.clone();
                    caches.open(pages).then(cache => cache.put(url.pathname, copy));
                }
                return response;
            })
            .catch(async () => (await caches.open(pages)).match(url.pathname)
                ?? new Response('<!DOCTYPE html><title>Offline</title><p>You are offline, and this page was not opened before.</p>',
                    { headers: { 'Content-Type': 'text/html' } })));
        return;
    }
    event.respondWith(fetch(request)
        .then(response => {
            if (response.ok) {
                const copy = response.clone();
                caches.open(shell).then(cache => cache.put(request, copy));
            }
            return response;
        })
        .catch(async () => (await caches.match(request)) ?? Response.error()));
});

// Signing out forgets the pages kept for offline use.
self.addEventListener('message', event => {
    if (event.data === 'forget-pages') caches.delete(pages);
});
