// The check as you type: after a pause in typing, send the text to the desk and show what the
// check found. Without this script the "Check" button does the same with a full page load.
const form = document.getElementById("compose-form");
const WAIT_MS = 400;

if (form) {
  const url = form.dataset.liveCheckUrl;
  const text = form.querySelector("textarea[name=text]");
  let timer = null;
  let latest = 0;
  let inFlight = null;

  const panel = () => document.getElementById("findings");

  async function check(extra = {}) {
    const ticket = ++latest;
    if (inFlight) inFlight.abort();
    inFlight = new AbortController();
    const body = new FormData();
    body.set("csrfmiddlewaretoken", form.querySelector("[name=csrfmiddlewaretoken]").value);
    body.set("text", text.value);
    const kind = form.querySelector("input[name=kind]:checked");
    body.set("kind", kind ? kind.value : "post");
    form.querySelectorAll("input[name=channels]:checked").forEach((box) => body.append("channels", box.value));
    for (const [key, value] of Object.entries(extra)) body.set(key, value);
    try {
      const response = await fetch(url, { method: "POST", body, signal: inFlight.signal,
                                          headers: { "X-Requested-With": "fetch" } });
      if (!response.ok || ticket !== latest) return;
      const answer = await response.json();
      if (answer.text !== null && answer.text !== undefined) text.value = answer.text;
      panel().outerHTML = answer.html;
      form.dataset.verdict = answer.verdict;
    } catch (error) {
      if (error.name !== "AbortError") form.dataset.verdict = "unknown";
    }
  }

  function soon() {
    clearTimeout(timer);
    timer = setTimeout(check, WAIT_MS);
  }

  text.addEventListener("input", soon);
  form.querySelectorAll("input[name=kind], input[name=channels]")
    .forEach((input) => input.addEventListener("change", soon));
  document.addEventListener("click", (event) => {
    const button = event.target.closest("[data-apply-fix]");
    if (!button) return;
    event.preventDefault();
    check({ apply_fix: button.value }).then(() => text.focus());
  });
}
