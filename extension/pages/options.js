// Options: the per-site switch. Stored as { sites: { gmail: bool, outlook: bool } } in local
// storage; the content scripts follow changes at once.
const api = globalThis.browser ?? globalThis.chrome;
const boxes = [...document.querySelectorAll('input[type=checkbox]')];
const saved = document.getElementById('saved');

const { sites = {} } = await api.storage.local.get('sites');
for (const box of boxes) box.checked = sites[box.name] !== false;

for (const box of boxes) {
  box.addEventListener('change', async () => {
    const next = Object.fromEntries(boxes.map((b) => [b.name, b.checked]));
    await api.storage.local.set({ sites: next });
    saved.textContent = 'Saved.';
  });
}
