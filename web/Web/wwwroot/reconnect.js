// The reconnect notice (ReconnectNotice.razor): its buttons, and what to do when a reconnection ends.
const notice = document.getElementById('components-reconnect-modal');
const reconnected = document.getElementById('reconnected');

async function reconnect() {
    try {
        // false: the server was reached but no longer knows this page's circuit; a reload starts a new one.
        if (!await Blazor.reconnect()) location.reload();
    } catch {
        // The server is still out of reach: Blazor shows "failed" again and the button stays.
    }
}

async function resume() {
    try {
        if (!await Blazor.resumeCircuit()) location.reload();
    } catch {
        location.reload();
    }
}

notice?.addEventListener('components-reconnect-state-changed', event => {
    const state = event.detail.state;
    if (state === 'hide') {
        // Back: the circuit kept every live change while the connection was down, and sends the page as it is now.
        reconnected.hidden = false;
        setTimeout(() => reconnected.hidden = true, 4000);
    } else if (state === 'rejected') {
        location.reload();
    } else if (state === 'failed') {
        document.addEventListener('visibilitychange', () => document.visibilityState === 'visible' && reconnect(), { once: true });
    }
});

document.addEventListener('click', event => {
    if (event.target.closest('[data-reconnect]')) reconnect();
    else if (event.target.closest('[data-resume]')) resume();
});
