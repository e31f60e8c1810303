// The command palette (Ctrl/Cmd-K), the shortcuts overlay (?) and list keys (C, J, K, Enter).
let lastFocusedTask = null; // the card that last had the focus (see focusTask)
const cardLink = key => document.querySelector(`[data-task="${CSS.escape(key)}"] a`);
const typing = target => target.closest('input, textarea, select, [contenteditable]');

function filter(palette) {
    const words = palette.querySelector('input').value.toLowerCase().split(' ').filter(Boolean);
    let first = null;
    for (const item of palette.querySelectorAll('li')) {
        const shown = words.every(word => item.textContent.toLowerCase().includes(word));
        item.hidden = !shown;
        item.removeAttribute('aria-selected');
        if (shown && !first) first = item;
    }
    first?.setAttribute('aria-selected', 'true');
}

function moveSelection(palette, step) {
    const shown = [...palette.querySelectorAll('li:not([hidden])')];
    const index = shown.findIndex(item => item.hasAttribute('aria-selected'));
    shown[index]?.removeAttribute('aria-selected');
    const next = shown[Math.min(shown.length - 1, Math.max(0, index + step))];
    next?.setAttribute('aria-selected', 'true');
    next?.scrollIntoView({ block: 'nearest' });
}

function openPalette() {
    const palette = document.getElementById('palette');
    if (!palette || palette.open) return;
    palette.querySelector('input').value = '';
    filter(palette);
    palette.showModal();
    palette.querySelector('input').focus();
}

document.addEventListener('keydown', event => {
    const palette = document.getElementById('palette');
    if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 'k') {
        event.preventDefault();
        openPalette();
        return;
    }
    if (palette?.open) {
        if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
            event.preventDefault();
            moveSelection(palette, event.key === 'ArrowDown' ? 1 : -1);
        } else if (event.key === 'Enter') {
            event.preventDefault();
            const link = palette.querySelector('li[aria-selected] a');
            // Enhanced navigation keeps the page: the palette closes itself.
            palette.close();
            link?.click();
        }
        return;
    }
    if (typing(event.target) || event.ctrlKey || event.metaKey || event.altKey) return;
    // A card's key pressed in the moment a redraw of that card had taken its focus away still goes to the card.
    const cardKey = (event.shiftKey && (event.key === 'ArrowRight' || event.key === 'ArrowLeft')) || event.key === 'i' || event.key === 'I';
    if (cardKey && document.activeElement === document.body && lastFocusedTask) {
        const link = cardLink(lastFocusedTask);
        if (link) {
            event.preventDefault();
            link.focus();
            link.dispatchEvent(new KeyboardEvent('keydown', { key: event.key, shiftKey: event.shiftKey, bubbles: true }));
            return;
        }
    }
    if (event.key === '?') {
        document.getElementById('shortcuts')?.showModal();
    } else if (event.key === '/') {
        const search = document.querySelector('.top-search input');
        if (search) { event.preventDefault(); search.focus(); }
    } else if (event.key === 'c') {
        const field = document.querySelector('input[aria-label="New task title"]');
        if (field) { event.preventDefault(); field.focus(); }
    } else if (event.key === 'j' || event.key === 'k') {
        const items = [...document.querySelectorAll('[data-task]')];
        if (items.length === 0) return;
        const index = items.findIndex(item => item.contains(document.activeElement));
        const next = items[Math.min(items.length - 1, Math.max(0, index + (event.key === 'j' ? 1 : -1)))];
        next.querySelector('a')?.focus();
    }
});

document.addEventListener('click', event => {
    if (event.target.closest('#palette a')) document.getElementById('palette').close();
});

document.addEventListener('input', event => {
    const palette = event.target.closest('#palette');
    if (palette) filter(palette);
});

// A card drawn anew (moved with the keyboard, or changed by someone else) loses the focus to the page: the board puts
// it back on the card that had it, unless the person has moved on to something else.
document.addEventListener('focusin', event => {
    lastFocusedTask = event.target.closest('[data-task]')?.dataset.task ?? null;
});
// A click elsewhere than on a card is the person moving on, even where nothing takes the focus.
document.addEventListener('mousedown', event => {
    if (!event.target.closest('[data-task]')) lastFocusedTask = null;
});

window.platform = {
    ...window.platform,
    focusTask: key => {
        const active = document.activeElement;
        const lost = !active || active === document.body;
        if (lost ? lastFocusedTask !== key : !active.closest(`[data-task="${CSS.escape(key)}"]`)) return;
        cardLink(key)?.focus();
    },
};
