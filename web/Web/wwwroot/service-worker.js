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

// Web push: a notification the platform pushed (its title, body, the page to open, and a tag under which a task's newer
// notification replaces the older one on screen); a click opens that page, in an open tab of the app when there is one.
self.addEventListener('push', event => {
    const message = event.data?.json() ?? {};
    event.waitUntil(self.registration.showNotification(message.title ?? 'Platform', {
        body: message.body ?? '',
        tag: message.tag,
        icon: '/icon.svg',
        data: { url: message.url ?? '/inbox' },
    }));
});

self.addEventListener('notificationclick', event => {
    event.notification.close();
    const url = new URL(event.notification.data?.url ?? '/inbox', self.location.origin).href;
    event.waitUntil(self.clients.matchAll({ type: 'window', includeUncontrolled: true }).then(windows => {
        const open = windows.find(w => new URL(w.url).origin === self.location.origin);
        return open ? open.navigate(url).then(w => (w ?? open).focus()) : self.clients.openWindow(url);
    }));
});
