// Language switcher of the demo pages: changes <html lang>, which the widget follows at run time.
for (const button of document.querySelectorAll('[data-lang-switch]')) {
  button.addEventListener('click', () => {
    const next = document.documentElement.lang === 'en' ? 'es' : 'en';
    document.documentElement.lang = next;
    button.textContent = next === 'en' ? 'Español' : 'English';
  });
}
// Show the events the widget emits, as an institution's analytics might.
for (const widget of document.querySelectorAll('contacto-ciudadano')) {
  widget.addEventListener('cc-submitted', (event) => {
    const log = document.querySelector('[data-event-log]');
    if (log) log.textContent = `cc-submitted: ${event.detail.ticket}`;
  });
}
