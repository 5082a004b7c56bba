// Forms that are sent once, and files that fit:
// - a posted form's submit buttons are disabled just after the first click;
// - Back to a form already sent gives it back the one-time token it was sent with
//   (the server's refusal of a token used twice is the real guard: see
//   portal/submissions.py);
// - a file larger than the portal accepts is refused before anything is sent, with
//   the message the page gives in data-too-large (on the file input, or on <body>)
//   and its limit in data-max-bytes.
(function () {
  const body = document.body;

  function limitOf(input) {
    return Number(input.dataset.maxBytes || body.dataset.maxUploadBytes || 0);
  }

  function tooLargeMessage(input, file) {
    const template = input.dataset.tooLarge || body.dataset.tooLarge || "";
    return template.replace("{name}", file.name);
  }

  function feedbackOf(input) {
    let note = input.parentElement.querySelector(".upload-too-large");
    if (!note) {
      note = document.createElement("div");
      note.className = "invalid-feedback d-block upload-too-large";
      note.setAttribute("role", "alert");
      input.insertAdjacentElement("afterend", note);
    }
    return note;
  }

  // True when every chosen file fits; otherwise says which does not, on the field.
  function checkFiles(input) {
    const limit = limitOf(input);
    const tooLarge = limit ? Array.from(input.files || []).filter((f) => f.size > limit) : [];
    const message = tooLarge.map((f) => tooLargeMessage(input, f)).join(" ");
    input.setCustomValidity(message);
    input.classList.toggle("is-invalid", tooLarge.length > 0);
    if (tooLarge.length) {
      feedbackOf(input).textContent = message;
    } else {
      const note = input.parentElement.querySelector(".upload-too-large");
      if (note) note.remove();
    }
    return tooLarge.length === 0;
  }

  document.addEventListener("change", function (event) {
    const input = event.target;
    if (input instanceof HTMLInputElement && input.type === "file") checkFiles(input);
  });

  function sendable(form) {
    delete form.dataset.sending;
    form.querySelectorAll("[data-disabled-while-sending]").forEach(function (b) {
      b.disabled = false;
      delete b.dataset.disabledWhileSending;
    });
  }

  document.addEventListener("submit", function (event) {
    const form = event.target;
    if (!(form instanceof HTMLFormElement) || event.defaultPrevented) return;
    const files = Array.from(form.querySelectorAll("input[type=file]"));
    const fitting = files.map(checkFiles).every(Boolean);
    if (!fitting) {
      event.preventDefault();
      form.querySelector("input[type=file].is-invalid").focus();
      return;
    }
    if ((form.method || "").toLowerCase() !== "post") return;
    if (form.dataset.sending) {
      event.preventDefault(); // a second click while the first is on its way
      return;
    }
    form.dataset.sending = "1";
    rememberToken(form);
    const buttons = form.querySelectorAll("button[type=submit], button:not([type]), input[type=submit]");
    // Later, so that the clicked button's own name and value are still sent.
    window.setTimeout(function () {
      buttons.forEach(function (b) {
        if (b.disabled) return;
        b.disabled = true;
        b.dataset.disabledWhileSending = "1";
      });
    }, 0);
    // A download answers without leaving the page: the form works again after a while.
    window.setTimeout(function () {
      sendable(form);
    }, 8000);
  });

  // Back to a page the browser loads again (not kept in its back-forward cache): it
  // puts back what was typed, but the page brings a new one-time token, which would
  // create the record a second time. The token sent from this page is put back too.
  function tokenKey(form) {
    const same = Array.from(document.forms).filter((f) => f.action === form.action);
    return "submission-token|" + location.pathname + "|" + form.action + "|" + same.indexOf(form);
  }

  function rememberToken(form) {
    const token = form.querySelector("input[name=submission_token]");
    try {
      if (token) window.sessionStorage.setItem(tokenKey(form), token.value);
    } catch (e) {
      // storage refused (private mode): the server still refuses a token sent twice
    }
  }

  function restoreTokens() {
    const navigation = (performance.getEntriesByType("navigation") || [])[0];
    if (!navigation || navigation.type !== "back_forward") return;
    Array.from(document.forms).forEach(function (form) {
      const token = form.querySelector("input[name=submission_token]");
      let sent = null;
      try {
        sent = window.sessionStorage.getItem(tokenKey(form));
      } catch (e) {
        return;
      }
      if (token && sent) token.value = sent;
    });
  }

  restoreTokens();

  // Back to a page kept by the browser: its forms can be sent again (the server
  // then shows what the first submit created).
  window.addEventListener("pageshow", function (event) {
    if (!event.persisted) return;
    document.querySelectorAll("form[data-sending]").forEach(sendable);
  });
})();
