// Live sending progress of a phishing exercise: poll the page's JSON and update the numbers; reload when sending
// ends. Progressive enhancement only: without JavaScript the page has a refresh link.
document.addEventListener('DOMContentLoaded', () => {
  const box = document.getElementById('phishing-progress');
  if (!box || box.getAttribute('data-running') !== 'true') return;
  const url = box.getAttribute('data-url');
  const bar = box.querySelector('progress');
  const text = box.querySelector('[data-testid="progress-text"]');
  const tick = async () => {
    try {
      const res = await fetch(url, { headers: { accept: 'application/json' }, credentials: 'same-origin' });
      const p = await res.json();
      if (bar && typeof p.sent === 'number') {
        bar.max = Math.max(1, p.total);
        bar.value = p.sent;
      }
      if (text && typeof p.text === 'string') text.textContent = p.text;
      if (p.status === 'sent' || p.status === 'cancelled') window.location.reload();
      else setTimeout(tick, 2000);
    } catch {
      setTimeout(tick, 5000);
    }
  };
  setTimeout(tick, 2000);
});
