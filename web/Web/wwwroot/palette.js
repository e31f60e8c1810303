// The command palette (Ctrl/Cmd-K), the shortcuts overlay (?) and list keys (C, J, K, Enter).
let lastFocusedTask = null; // the card that last had the focus (see focusTask)
const pageControls = new WeakMap(); // a palette item the page offers → the page's control it works
const taskKey = /^\s*([a-z][a-z0-9]*-\d+)\s*$/i;
const cardLink = key => document.querySelector(`[data-task="${CSS.escape(key)}"] a`);
const typing = target => target.closest('input, textarea, select, [contenteditable]');

// The page's own commands (on a task page: move it to a state, assign it) are its enabled controls marked data-command:
// the palette lists them first and works the control as a click or a choice would, so each rule stays in the page.
function offerPageCommands(palette) {
    const list = palette.querySelector('ul');
    list.querySelectorAll('[data-page-command]').forEach(item => item.remove());
    const controls = [...document.querySelectorAll('[data-command]')]
        .filter(control => !control.disabled && !control.closest('select')?.disabled && !control.closest('#palette'))
        .filter(control => !(control instanceof HTMLOptionElement && control.selected));
    for (const control of controls.reverse()) {
        const item = document.createElement('li');
        item.setAttribute('role', 'option');
        item.dataset.pageCommand = '';
        const button = document.createElement('button');
        button.type = 'button';
        button.textContent = control.dataset.command;
        item.append(button);
        pageControls.set(item, control);
        list.prepend(item);
    }
}

function work(control) {
    if (control instanceof HTMLOptionElement) {
        const select = control.closest('select');
        select.value = control.value;
        select.dispatchEvent(new Event('change', { bubbles: true }));
    } else {
        control.click();
    }
}

// A task's key typed on its own opens that task (what "go to" means for a task).
function offerTask(palette) {
    const key = taskKey.exec(palette.querySelector('input').value)?.[1].toUpperCase();
    let item = palette.querySelector('[data-open-task]');
    if (!key) { item?.remove(); return; }
    if (!item) {
        item = document.createElement('li');
        item.setAttribute('role', 'option');
        item.dataset.openTask = '';
        item.append(document.createElement('a'));
        palette.querySelector('ul').prepend(item);
    }
    const link = item.querySelector('a');
    link.href = `/tasks/${key}`;
    link.textContent = `Open task ${key}`;
}

function filter(palette) {
    offerTask(palette);
    const words = palette.querySelector('input').value.toLowerCase().split(' ').filter(Boolean);
    let first = null;
    for (const item of palette.querySelectorAll('li')) {
        const shown = item.hasAttribute('data-open-task') || words.every(word => item.textContent.toLowerCase().includes(word));
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
    offerPageCommands(palette);
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
            const item = palette.querySelector('li[aria-selected]');
            // Enhanced navigation keeps the page: the palette closes itself.
            palette.close();
            if (item && pageControls.has(item)) work(pageControls.get(item));
            else item?.querySelector('a')?.click();
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
    const item = event.target.closest('#palette li');
    if (!item || !event.target.closest('a, button')) return;
    document.getElementById('palette').close();
    if (pageControls.has(item)) work(pageControls.get(item));
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
