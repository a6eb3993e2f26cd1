// Warns a signed-in staff member before their idle session ends and lets them stay signed in
// (Features/Shared/_SessionTimeout.cshtml). The page says how many seconds its session has left on the
// server (data-idle-seconds); the clock starts when this page loaded. Without this script the session simply ends.
(function () {
  'use strict';
  var config = document.getElementById('md-session');
  var dialog = document.getElementById('md-session-warning');
  if (!config || !dialog || typeof dialog.showModal !== 'function' || !window.fetch) {
    return;
  }
  var idleMs = Number(config.dataset.idleSeconds) * 1000;
  var warningMs = Number(config.dataset.warningSeconds) * 1000;
  var form = dialog.querySelector('form[data-keep-alive]');
  var endText = dialog.querySelector('[data-session-end]');
  var status = document.getElementById('md-session-status');
  var warnTimer = 0;
  var endTimer = 0;
  var returnFocus = null;

  function schedule(ms) {
    window.clearTimeout(warnTimer);
    window.clearTimeout(endTimer);
    var endsAt = new Date(Date.now() + ms);
    warnTimer = window.setTimeout(function () { warn(endsAt); }, Math.max(0, ms - warningMs));
    // A second after the server's end: reloading then lands on the sign-in page, which says why.
    endTimer = window.setTimeout(end, ms + 1000);
  }

  function warn(endsAt) {
    endText.textContent = endsAt.toLocaleTimeString(document.documentElement.lang || 'nl', { hour: '2-digit', minute: '2-digit' });
    returnFocus = document.activeElement;
    if (!dialog.open) {
      dialog.showModal();
    }
    var stay = dialog.querySelector('[data-stay]');
    if (stay) {
      stay.focus();
    }
  }

  function end() {
    window.location.assign(window.location.pathname + window.location.search);
  }

  dialog.addEventListener('close', function () {
    if (returnFocus && typeof returnFocus.focus === 'function' && document.contains(returnFocus)) {
      returnFocus.focus();
    }
  });

  form.addEventListener('submit', function (event) {
    // "Sign out now" posts normally; only "Stay signed in" is sent in the background.
    if (event.submitter && !event.submitter.hasAttribute('data-stay')) {
      return;
    }
    event.preventDefault();
    window.fetch(form.action, {
      method: 'POST',
      body: new FormData(form),
      credentials: 'same-origin',
      headers: { 'X-Requested-With': 'XMLHttpRequest', 'Accept': 'application/json' }
    }).then(function (response) {
      if (!response.ok) {
        throw new Error('session not extended: ' + response.status);
      }
      return response.json();
    }).then(function (data) {
      dialog.close();
      status.textContent = '';
      window.setTimeout(function () { status.textContent = data.message; }, 50);
      schedule(Number(data.expiresInSeconds) * 1000);
    }).catch(end);
  });

  schedule(idleMs);
}());
