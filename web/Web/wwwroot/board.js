// The board's drag and drop is the browser's own (Board.razor); this marks the column a dragged card is over, which the
// circuit need not hear about. A count per column, because entering a card inside the column leaves the column itself.
const over = new Map();
const columnOf = event => event.target.closest?.('.board .column');

document.addEventListener('dragenter', event => {
    const column = columnOf(event);
    if (!column) return;
    over.set(column, (over.get(column) ?? 0) + 1);
    column.classList.add('drop-target');
});
document.addEventListener('dragleave', event => {
    const column = columnOf(event);
    if (!column) return;
    const count = (over.get(column) ?? 1) - 1;
    over.set(column, count);
    if (count <= 0) column.classList.remove('drop-target');
});
const clear = () => {
    document.querySelectorAll('.drop-target').forEach(column => column.classList.remove('drop-target'));
    over.clear();
};
document.addEventListener('drop', clear);
document.addEventListener('dragend', clear);
