// Link pages and views work without scripts; this only lets the "deny" button of an inline
// confirmation close it (the summary toggles it too).
document.addEventListener('click', function (event) {
  var button = event.target.closest && event.target.closest('[data-close-details]');
  if (!button) return;
  var details = button.closest('details');
  if (details) {
    details.open = false;
    details.querySelector('summary').focus();
  }
});
