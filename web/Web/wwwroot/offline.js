// Registers the offline shell, says when the page shown is a kept copy, and forgets kept pages on sign-out.
if ('serviceWorker' in navigator) {
    navigator.serviceWorker.register('/service-worker.js');
}
const banner = () => document.getElementById('offline-banner');
const show = () => { if (banner()) banner().hidden = navigator.onLine; };
window.addEventListener('online', show);
window.addEventListener('offline', show);
document.addEventListener('DOMContentLoaded', show);
document.addEventListener('submit', event => {
    if (event.target.matches('form[action="/signout"]')) navigator.serviceWorker?.controller?.postMessage('forget-pages');
});
