// The playground chat: polls the conversation of the selected persona and renders the bot's messages
// with Microsoft's Adaptive Cards renderer (served locally). Presses and form submissions go back to
// the JSON API with a fresh event id each, so a retried request is handled once.
(function () {
  'use strict';
  var data = JSON.parse(document.getElementById('page-data').textContent);
  var T = data.text;
  var log = document.getElementById('log');
  var empty = document.getElementById('empty');
  var status = document.getElementById('status');
  var composer = document.getElementById('composer');
  var messageBox = document.getElementById('message');
  var personaSelect = document.getElementById('persona-select');
  var cursor = 0;
  var pendingFocus = null;
  var timer = null;

  var hostConfig = new AdaptiveCards.HostConfig({
    fontFamily: 'system-ui, -apple-system, "Segoe UI", "Noto Sans CJK TC", "Noto Sans", sans-serif',
    supportsInteractivity: true,
    spacing: { small: 4, default: 10, medium: 16, large: 24, extraLarge: 32, padding: 12 },
    actions: {
      maxActions: 10,
      buttonSpacing: 8,
      actionsOrientation: 'horizontal',
      actionAlignment: 'left',
      showCard: { actionMode: 'inline', inlineTopMargin: 12 },
    },
    inputs: { label: { requiredInputs: { suffix: ' *' }, optionalInputs: {} }, errorMessage: { size: 'small', weight: 'bolder' } },
  });

  function escapeHtml(text) {
    return text.replace(/[&<>"']/g, function (c) {
      return { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c];
    });
  }

  // The cards carry **bold** and plain URLs; nothing else is needed, so no markdown library.
  AdaptiveCards.AdaptiveCard.onProcessMarkdown = function (text, result) {
    result.outputHtml = escapeHtml(text)
      .replace(/\*\*([^*]+)\*\*/g, '<strong>$1</strong>')
      .replace(/https?:\/\/[^\s<>"']+[^\s<>"'.,;:!?)]/g, function (url) {
        return '<a href="' + url + '">' + url + '</a>';
      });
    result.didProcess = true;
  };

  function newEventId() {
    if (window.crypto && crypto.randomUUID) return crypto.randomUUID();
    var bytes = new Uint8Array(16);
    crypto.getRandomValues(bytes);
    return Array.prototype.map
      .call(bytes, function (b) {
        return ('0' + b.toString(16)).slice(-2);
      })
      .join('');
  }

  function setStatus(text) {
    status.textContent = text;
  }

  function renderLine(line) {
    var item = document.createElement('li');
    item.className = 'line ' + line.from + (line.proactive ? ' proactive' : '');
    item.dataset.id = line.id;
    item.tabIndex = -1;
    var who = document.createElement('p');
    who.className = 'who';
    who.textContent = line.from === 'user' ? T['chat.you'] : line.proactive ? T['chat.notification'] : T['chat.bot'];
    item.appendChild(who);
    if (line.card) {
      var card = new AdaptiveCards.AdaptiveCard();
      card.hostConfig = hostConfig;
      card.onExecuteAction = function (action) {
        act(line.id, action);
      };
      card.parse(line.card);
      var rendered = card.render();
      (line.invalid || []).forEach(function (id) {
        var input = card.getElementById(id);
        var control = input && input.renderedInputControlElement;
        if (control) control.setAttribute('aria-invalid', 'true');
      });
      rendered.classList.add('card');
      item.appendChild(rendered);
    } else {
      var text = document.createElement('p');
      text.className = 'said';
      text.textContent = line.text || '';
      item.appendChild(text);
    }
    return item;
  }

  function upsert(line) {
    var existing = log.querySelector('li[data-id="' + line.id + '"]');
    var item = renderLine(line);
    if (existing) {
      var hadFocus = existing.contains(document.activeElement) || pendingFocus === line.id;
      log.replaceChild(item, existing);
      if (hadFocus) focusIn(item);
    } else {
      log.appendChild(item);
    }
  }

  // After a card is replaced (answered, or shown again with errors) keep the keyboard user in it.
  function focusIn(item) {
    var invalid = item.querySelector('[aria-invalid="true"]');
    var target = invalid || item.querySelector('input, select, textarea') || item;
    target.focus();
    pendingFocus = null;
  }

  function updatePersonas(unread) {
    if (!personaSelect || !data.personas) return;
    Array.prototype.forEach.call(personaSelect.options, function (option) {
      var base = data.personas[option.value];
      if (!base) return;
      var count = unread[option.value] || 0;
      option.textContent = count ? base + ' (' + data.unreadTemplate.replace('{count}', count) + ')' : base;
    });
  }

  // One poll at a time: a poll asked for while one is running runs right after it (so it sees
  // what the running one may have missed), and only one timer is ever pending.
  var polling = null;
  var pollAgain = false;
  function poll() {
    if (polling) {
      pollAgain = true;
      return polling;
    }
    clearTimeout(timer);
    polling = fetch('/api/playground/messages?since=' + cursor, { credentials: 'same-origin', headers: { accept: 'application/json' } })
      .then(function (res) {
        if (!res.ok) throw new Error('HTTP ' + res.status);
        return res.json();
      })
      .then(function (body) {
        body.lines.forEach(upsert);
        cursor = body.cursor;
        empty.hidden = log.children.length > 0;
        updatePersonas(body.unread || {});
        if (body.lines.length) window.scrollTo(0, document.body.scrollHeight);
        log.setAttribute('aria-busy', 'false');
      })
      .catch(function () {
        setStatus(T['chat.failed']);
      })
      .finally(function () {
        polling = null;
        if (pollAgain) {
          pollAgain = false;
          poll();
        } else {
          timer = setTimeout(poll, 1500);
        }
      });
    return polling;
  }

  function post(path, body) {
    setStatus(T['chat.sending']);
    body.eventId = newEventId();
    return fetch(path, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify(body),
    })
      .then(function (res) {
        if (!res.ok) throw new Error('HTTP ' + res.status);
        setStatus('');
        return poll();
      })
      .catch(function () {
        setStatus(T['chat.failed']);
      });
  }

  function act(messageId, action) {
    if (action instanceof AdaptiveCards.OpenUrlAction) {
      window.open(action.url, '_blank', 'noopener');
      return;
    }
    if (action instanceof AdaptiveCards.SubmitAction || action instanceof AdaptiveCards.ExecuteAction) {
      pendingFocus = messageId;
      post('/api/playground/act', { messageId: messageId, data: action.data });
    }
  }

  composer.addEventListener('submit', function (event) {
    event.preventDefault();
    var text = messageBox.value.trim();
    if (!text) return;
    messageBox.value = '';
    post('/api/playground/send', { text: text }).then(function () {
      messageBox.focus();
    });
  });

  log.setAttribute('aria-busy', 'true');
  poll();
})();
