// Turns web push on or off in this browser for the settings page: the browser's own subscription (made with the server's
// VAPID public key) is what the platform pushes to.
window.platformPush = {
    // 'unsupported', 'denied', 'default' or 'granted'.
    state: () => ('serviceWorker' in navigator && 'PushManager' in window && 'Notification' in window) ? Notification.permission : 'unsupported',

    // This browser's subscription's endpoint, or null.
    endpoint: async () => {
        if (!('serviceWorker' in navigator)) return null;
        const registration = await navigator.serviceWorker.getRegistration();
        return (await registration?.pushManager.getSubscription())?.endpoint ?? null;
    },

    // Asks for permission and subscribes: the subscription as toJSON() gives it, or { error } saying why not.
    subscribe: async publicKey => {
        try {
            if (await Notification.requestPermission() !== 'granted') return { error: 'Notifications are blocked for this site in the browser.' };
            const registration = await navigator.serviceWorker.register('/service-worker.js');
            await navigator.serviceWorker.ready;
            const key = Uint8Array.from(atob(publicKey.replace(/-/g, '+').replace(/_/g, '/')), c => c.charCodeAt(0));
            const subscription = await registration.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: key });
            return subscription.toJSON();
        } catch (e) {
            return { error: `The browser could not subscribe: ${e.message}` };
        }
    },

    unsubscribe: async () => {
        const registration = await navigator.serviceWorker?.getRegistration();
        await (await registration?.pushManager.getSubscription())?.unsubscribe();
    },

    // A label the person recognises this browser by in their list.
    label: () => {
        const agent = navigator.userAgent;
        const browser = /Edg\//.test(agent) ? 'Edge' : /Firefox\//.test(agent) ? 'Firefox' : /Chrom(e|ium)\//.test(agent) ? 'Chrome' : /Safari\//.test(agent) ? 'Safari' : 'A browser';
        const system = /Android/.test(agent) ? 'Android' : /iPhone|iPad/.test(agent) ? 'iOS' : /Mac OS X/.test(agent) ? 'macOS' : /Windows/.test(agent) ? 'Windows' : /Linux/.test(agent) ? 'Linux' : '';
        return system ? `${browser} on ${system}` : browser;
    },
};
