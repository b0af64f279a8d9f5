// Progressive enhancement only: every page works without this file.
document.addEventListener('DOMContentLoaded', () => {
  // Move focus to a form's error summary so keyboard and screen-reader users hear what went wrong.
  const summary = document.querySelector('[data-autofocus]');
  if (summary instanceof HTMLElement) summary.focus();
  // Ask before destructive actions (the server does not depend on this).
  for (const form of document.querySelectorAll('form[data-confirm]')) {
    form.addEventListener('submit', (event) => {
      const message = form.getAttribute('data-confirm');
      if (message && !window.confirm(message)) event.preventDefault();
    });
  }
  // A print button only makes sense with this script; without it the page says to use the browser's menu.
  for (const button of document.querySelectorAll('button[data-print]')) {
    button.hidden = false;
    button.addEventListener('click', () => window.print());
  }
});

// Live scan progress: poll the API and reload when the scan is done (without JavaScript the page refreshes itself).
document.addEventListener('DOMContentLoaded', () => {
  const box = document.getElementById('scan-progress');
  if (!box) return;
  const id = box.getAttribute('data-scan');
  const lang = box.getAttribute('data-lang') || 'nl';
  const bar = box.querySelector('progress');
  const tick = async () => {
    try {
      const res = await fetch(`/api/v1/scans/${id}?lang=${lang}`, { headers: { accept: 'application/json' } });
      const scan = await res.json();
      if (bar && typeof scan.progress === 'number') bar.value = scan.progress;
      // Reload when the scan ends, or when new results have arrived to show them.
      const shown = Number(box.getAttribute('data-partial') || '0');
      if (scan.status === 'done' || scan.status === 'failed' || (Array.isArray(scan.partial) && scan.partial.length > shown)) window.location.reload();
      else setTimeout(tick, 700);
    } catch {
      setTimeout(tick, 2000);
    }
  };
  setTimeout(tick, 700);
});
