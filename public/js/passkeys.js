// Passkey ceremonies (WebAuthn) for the buttons drawn by views/pages/auth/passkey-button.tsx:
// ask the server for options, let the browser create or use a passkey (SimpleWebAuthnBrowser,
// vendored from @simplewebauthn/browser), post the answer back, then go where the server says.
// Loaded as a file (the CSP forbids inline scripts); the buttons stay hidden without WebAuthn.
(() => {
  const reveal = () => {
    if (!window.PublicKeyCredential || !window.SimpleWebAuthnBrowser) return;
    for (const button of document.querySelectorAll(".passkey-button[hidden]")) button.hidden = false;
  };

  const postJson = async (url, body) => {
    const res = await fetch(url, {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", Accept: "application/json" },
      body: JSON.stringify(body ?? {}),
    });
    const data = await res.json().catch(() => ({}));
    if (!res.ok) throw new Error(data.error || data.detail || res.statusText);
    return data;
  };

  const withNext = (url) => {
    const next = new URLSearchParams(location.search).get("next");
    return next ? `${url}?next=${encodeURIComponent(next)}` : url;
  };

  const run = async (box) => {
    const { startAuthentication, startRegistration } = window.SimpleWebAuthnBrowser;
    // The profile asks the signed-in user to confirm with their password or a current code.
    const confirm = box.dataset.confirmField ? document.getElementById(box.dataset.confirmField) : null;
    const options = await postJson(
      withNext(box.dataset.options),
      confirm ? { confirm: confirm.value } : undefined,
    );
    if (box.dataset.passkey === "register") {
      const nameField = document.getElementById(box.dataset.nameField ?? "");
      const response = await startRegistration({ optionsJSON: options });
      return postJson(box.dataset.verify, { name: nameField?.value ?? "", response });
    }
    const response = await startAuthentication({ optionsJSON: options });
    return postJson(box.dataset.verify, response);
  };

  document.addEventListener("click", async (event) => {
    const button = event.target instanceof Element ? event.target.closest(".passkey-button") : null;
    const box = button?.closest("[data-passkey]");
    if (!button || !box) return;
    const error = box.querySelector(".passkey-error");
    error.hidden = true;
    button.setAttribute("aria-busy", "true");
    try {
      const answer = await run(box);
      location.assign(answer.next || "/");
    } catch (problem) {
      error.textContent = problem instanceof Error ? problem.message : String(problem);
      error.hidden = false;
    } finally {
      button.removeAttribute("aria-busy");
    }
  });

  document.addEventListener("DOMContentLoaded", reveal);
  document.addEventListener("htmx:after:swap", reveal);
})();
