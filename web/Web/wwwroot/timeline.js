// The timeline's bars: drag one sideways (whole days) or press the arrow keys on it to move its start; Enter or a
// click without a drag opens the task; the up and down arrows go from bar to bar (one of them is in the tab order). The chart asks the page to save the move; the bar stays where it was dropped
// until the page redraws it from the recomputed schedule, or snaps back when the move is refused.
export function attach(chart, page) {
    let drag = null;
    const dayWidth = () => Number(chart.dataset.dayWidth);
    const barOf = event => event.target.closest('.bar[data-key]');
    const open = bar => {
        const url = `/tasks/${encodeURIComponent(bar.dataset.key)}`;
        window.Blazor?.navigateTo ? Blazor.navigateTo(url) : location.assign(url);
    };
    const focus = bar => {
        chart.querySelectorAll('.bar[tabindex="0"]').forEach(b => b.setAttribute('tabindex', '-1'));
        bar.setAttribute('tabindex', '0');
        bar.focus();
    };

    const move = async (bar, days) => {
        bar.classList.add('saving');
        try {
            await page.invokeMethodAsync('MoveAsync', bar.dataset.key, days);
        } finally {
            bar.removeAttribute('transform');
            bar.classList.remove('saving');
        }
    };

    // A long timeline draws the rows around the view (RowWindow); scrolled past them, the page is asked for the rows now in view.
    const scroller = chart.closest('.timeline');
    const rowHeight = () => Number(chart.dataset.rowHeight);
    const inView = () => {
        // Where the chart starts in the scrolled content (below the sticky header).
        const chartTop = chart.getBoundingClientRect().top - scroller.getBoundingClientRect().top + scroller.scrollTop;
        const first = Math.max(0, Math.floor((scroller.scrollTop - chartTop) / rowHeight()));
        return [first, first + Math.ceil(scroller.clientHeight / rowHeight())];
    };
    let asked = null;
    const showRowsInView = () => {
        const [first, last] = inView();
        const drawnFirst = Number(chart.dataset.first), drawnLast = Number(chart.dataset.last);
        const rows = Number(chart.dataset.rows);
        if ((first >= drawnFirst && Math.min(last, rows - 1) <= drawnLast) || asked === `${first}-${last}`) return;
        asked = `${first}-${last}`;
        page.invokeMethodAsync('ShowRows', first, last);
    };
    let scheduled = false;
    scroller?.addEventListener('scroll', () => {
        if (scheduled) return;
        scheduled = true;
        requestAnimationFrame(() => { scheduled = false; showRowsInView(); });
    });
    // The page may have been scrolled before the chart was attached (the module loads after the first drawing).
    if (scroller) showRowsInView();
    const drawn = async row => {
        const find = () => chart.querySelector(`.bar[data-row="${row}"]`);
        if (!find()) await page.invokeMethodAsync('ShowRows', row, row);
        for (let frame = 0; frame < 60 && !find(); frame++) await new Promise(requestAnimationFrame);
        return find();
    };

    chart.addEventListener('pointerdown', event => {
        const bar = barOf(event);
        if (!bar || event.button !== 0) return;
        bar.setPointerCapture(event.pointerId);
        focus(bar);
        drag = { bar, x: event.clientX, days: 0 };
        event.preventDefault();
    });
    chart.addEventListener('pointermove', event => {
        if (!drag) return;
        drag.days = Math.round((event.clientX - drag.x) / dayWidth());
        drag.bar.setAttribute('transform', `translate(${drag.days * dayWidth()},0)`);
    });
    const drop = async event => {
        if (!drag) return;
        const { bar, days } = drag;
        drag = null;
        if (event.type === 'pointercancel') {
            bar.removeAttribute('transform');
        } else if (days !== 0) {
            await move(bar, days);
        } else {
            open(bar);
        }
    };
    chart.addEventListener('pointerup', drop);
    chart.addEventListener('pointercancel', drop);
    chart.addEventListener('keydown', async event => {
        const bar = barOf(event);
        if (!bar) return;
        if (event.key === 'ArrowLeft' || event.key === 'ArrowRight') {
            event.preventDefault();
            const days = (event.key === 'ArrowLeft' ? -1 : 1) * (event.shiftKey ? 7 : 1);
            await move(bar, days);
        } else if (event.key === 'ArrowUp' || event.key === 'ArrowDown') {
            event.preventDefault();
            const row = Number(bar.dataset.row) + (event.key === 'ArrowUp' ? -1 : 1);
            if (row < 0 || row >= Number(chart.dataset.rows)) return;
            // The next row may not be drawn yet (a long timeline draws a window of rows): scrolled into view, it is.
            const next = await drawn(row);
            if (next) { focus(next); next.scrollIntoView({ block: 'nearest' }); }
        } else if (event.key === 'Enter') {
            open(bar);
        }
    });
}
