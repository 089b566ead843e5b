// factex review: keyboard review of an article's claims, every change saved at once.
// Keys: j/k next/previous claim, 1..5 verdicts, e edit the corrected value/unit/subject/time, n note, u undo.
// Text from the server is only ever set with textContent (never as HTML).
"use strict";

(() => {
  const reviewerInput = document.getElementById("reviewer");
  const STORAGE_KEY = "factex.review.reviewer";
  try {
    const saved = window.localStorage.getItem(STORAGE_KEY);
    if (saved && reviewerInput) reviewerInput.value = saved;
  } catch (_) { /* storage may be off */ }
  if (reviewerInput) {
    reviewerInput.addEventListener("change", () => {
      try { window.localStorage.setItem(STORAGE_KEY, reviewerInput.value.trim()); } catch (_) { /* ignore */ }
    });
    reviewerInput.addEventListener("keydown", (e) => { if (e.key === "Enter" || e.key === "Escape") reviewerInput.blur(); });
  }
  const statusBar = document.getElementById("status");
  function setStatus(text, kind) {
    if (!statusBar) return;
    statusBar.textContent = text;
    statusBar.className = "status" + (kind ? " status-" + kind : "");
  }

  const dataElement = document.getElementById("review-data");
  if (!dataElement) return;
  const data = JSON.parse(dataElement.textContent);
  const csrf = document.querySelector('meta[name="csrf-token"]').getAttribute("content");
  const labels = Object.fromEntries(data.verdicts);
  const verdictNames = data.verdicts.map((pair) => pair[0]);
  const ids = data.claims;
  const state = data.state;
  const cards = new Map();
  document.querySelectorAll(".claim-card").forEach((card) => cards.set(card.dataset.claim, card));
  const marks = new Map();
  document.querySelectorAll("mark[data-claims]").forEach((mark) => {
    mark.dataset.claims.split(" ").forEach((id) => {
      if (!marks.has(id)) marks.set(id, []);
      marks.get(id).push(mark);
    });
  });
  const undoStack = [];
  const queues = new Map();
  const epochs = new Map();
  let current = -1;

  const empty = () => ({ verdict: null, corrected: null, note: "", version: 0, reviewer: "", updated_at: "", history: [] });
  const stateOf = (id) => state[id] || empty();
  const role = (card, name) => card.querySelector(`[data-role="${name}"]`);
  const when = (iso) => (iso ? iso.replace("T", " ").replace(/\.\d+Z$/, " UTC") : "");
  const reviewerName = () => (reviewerInput ? reviewerInput.value.trim() : "");

  function correctedText(corrected) {
    if (!corrected) return "";
    return ["value", "unit", "subject", "time"]
      .filter((k) => corrected[k] !== undefined && corrected[k] !== null && corrected[k] !== "")
      .map((k) => `${k} ${corrected[k]}`)
      .join(" · ");
  }

  function renderCard(id) {
    const card = cards.get(id);
    if (!card) return;
    const s = stateOf(id);
    for (const name of verdictNames) card.classList.toggle(`v-${name}`, s.verdict === name);
    card.classList.toggle("reviewed", Boolean(s.verdict));
    for (const mark of marks.get(id) || []) {
      const primary = mark.dataset.claims.split(" ")[0] === id;
      if (!primary) continue;
      for (const name of verdictNames) mark.classList.toggle(`v-${name}`, s.verdict === name);
    }
    role(card, "badge").textContent = s.verdict ? labels[s.verdict] : "not reviewed";
    role(card, "by").textContent = s.version ? `${s.verdict ? labels[s.verdict] : "cleared"} by ${s.reviewer}, ${when(s.updated_at)} (v${s.version})` : "";
    const corrected = role(card, "corrected");
    corrected.textContent = s.corrected ? `Corrected: ${correctedText(s.corrected)}` : "";
    corrected.hidden = !s.corrected;
    const note = role(card, "note");
    note.textContent = s.note ? `Note: ${s.note}` : "";
    note.hidden = !s.note;
    const history = role(card, "history");
    const list = history.querySelector("ol");
    list.replaceChildren();
    for (const h of s.history || []) {
      const item = document.createElement("li");
      const parts = [`v${h.version}`, h.verdict ? labels[h.verdict] : "no verdict", h.reviewer, when(h.at), h.action];
      if (h.corrected) parts.push(`corrected ${correctedText(h.corrected)}`);
      if (h.note) parts.push(`note: ${h.note}`);
      item.textContent = parts.join(" · ");
      list.appendChild(item);
    }
    history.hidden = !(s.history && s.history.length);
    const counter = document.getElementById("reviewed-count");
    if (counter) counter.textContent = String(ids.filter((c) => stateOf(c).verdict).length);
  }

  function select(index, { scrollText = true, scrollCard = true } = {}) {
    if (!ids.length) return;
    index = Math.max(0, Math.min(ids.length - 1, index));
    const before = ids[current];
    if (before !== undefined) {
      const card = cards.get(before);
      if (card) card.classList.remove("selected");
      for (const mark of marks.get(before) || []) mark.classList.remove("selected");
    }
    current = index;
    const id = ids[index];
    const card = cards.get(id);
    if (card) {
      card.classList.add("selected");
      if (scrollCard) card.scrollIntoView({ block: "nearest" });
    }
    const own = marks.get(id) || [];
    own.forEach((mark) => mark.classList.add("selected"));
    if (scrollText && own.length) own[0].scrollIntoView({ block: "center" });
  }

  function showConflict(id, now) {
    const card = cards.get(id);
    if (!card) return;
    const box = role(card, "conflict");
    box.textContent = now
      ? `Not saved: ${now.reviewer} changed this claim at ${when(now.updated_at)} (now: ${now.verdict ? labels[now.verdict] : "no verdict"}). Look again, then choose.`
      : "Not saved: this claim's verdict changed meanwhile. Look again, then choose.";
    box.hidden = false;
    card.dataset.save = "conflict";
    card.scrollIntoView({ block: "nearest" });
    setStatus("Not saved: someone else changed this claim since you opened the page.", "error");
  }

  function save(id, changes, action, undoable = true) {
    const reviewer = reviewerName();
    if (!reviewer) {
      setStatus("Type your name in the Reviewer box (top right) first: every verdict is signed.", "error");
      if (reviewerInput) reviewerInput.focus();
      return Promise.resolve(false);
    }
    const card = cards.get(id);
    const epoch = epochs.get(id) || 0;
    const run = async () => {
      if ((epochs.get(id) || 0) !== epoch) return false; // an earlier save was refused: drop the ones queued after it
      const before = stateOf(id);
      const next = { verdict: before.verdict, corrected: before.corrected, note: before.note || "", ...changes };
      const body = {
        article: data.article, claim: id, base_version: before.version, verdict: next.verdict,
        corrected: next.corrected, note: next.note || "", reviewer, action,
      };
      if (card) card.dataset.save = "saving";
      let response;
      let answer = {};
      try {
        response = await fetch("/api/verdict", {
          method: "POST",
          credentials: "same-origin",
          headers: { "Content-Type": "application/json", "X-CSRF-Token": csrf },
          body: JSON.stringify(body),
        });
        answer = await response.json().catch(() => ({}));
      } catch (_) {
        if (card) card.dataset.save = "error";
        setStatus("Not saved: the review app cannot be reached. Try again when it is back.", "error");
        return false;
      }
      if (response.ok) {
        if (undoable) undoStack.push({ id, previous: { verdict: before.verdict, corrected: before.corrected, note: before.note || "" } });
        // the answer holds the new history entry; the earlier ones are the client's (nobody saved in between)
        answer.state.history = [...(answer.state.history || []), ...(before.history || [])];
        state[id] = answer.state;
        renderCard(id);
        if (card) {
          card.dataset.save = "saved";
          role(card, "conflict").hidden = true;
        }
        setStatus(`Saved (${action}): ${answer.state.verdict ? labels[answer.state.verdict] : "no verdict"}`);
        return true;
      }
      if (response.status === 409) {
        epochs.set(id, (epochs.get(id) || 0) + 1);
        state[id] = answer.current || empty();
        renderCard(id);
        showConflict(id, answer.current);
        return false;
      }
      if (card) card.dataset.save = "error";
      setStatus(`Not saved: ${answer.error || response.status}`, "error");
      return false;
    };
    const queued = (queues.get(id) || Promise.resolve()).then(run, run);
    queues.set(id, queued);
    return queued;
  }

  function openForm(kind) {
    const id = ids[current];
    const card = cards.get(id);
    if (!card) return;
    const form = role(card, kind === "edit" ? "edit" : "note-form");
    const s = stateOf(id);
    if (kind === "edit") {
      const base = { ...data.originals[id], ...(s.corrected || {}) };
      for (const name of ["value", "unit", "subject", "time"]) form.elements[name].value = base[name] ?? "";
    } else {
      form.elements.note.value = s.note || "";
    }
    form.hidden = false;
    const first = kind === "edit" ? form.elements.value : form.elements.note;
    first.focus();
    first.select();
  }

  function closeForm(form) {
    form.hidden = true;
    if (document.activeElement && form.contains(document.activeElement)) document.activeElement.blur();
  }

  cards.forEach((card, id) => {
    const edit = role(card, "edit");
    const noteForm = role(card, "note-form");
    edit.addEventListener("submit", (e) => {
      e.preventDefault();
      // keep only what differs from the extracted claim: that is the correction
      const original = data.originals[id] || {};
      const corrected = {};
      for (const name of ["value", "unit", "subject", "time"]) {
        const given = edit.elements[name].value.trim();
        if (given !== "" && given !== String(original[name] ?? "")) corrected[name] = given;
      }
      closeForm(edit);
      save(id, { corrected: Object.keys(corrected).length ? corrected : null }, "edit");
    });
    noteForm.addEventListener("submit", (e) => {
      e.preventDefault();
      const note = noteForm.elements.note.value;
      closeForm(noteForm);
      save(id, { note }, "note");
    });
    noteForm.elements.note.addEventListener("keydown", (e) => {
      if (e.key === "Enter" && !e.shiftKey) {
        e.preventDefault();
        noteForm.requestSubmit();
      }
    });
    for (const form of [edit, noteForm]) {
      form.addEventListener("keydown", (e) => {
        if (e.key === "Escape") {
          e.preventDefault();
          closeForm(form);
        }
      });
      role(form, "cancel").addEventListener("click", () => closeForm(form));
    }
    card.addEventListener("click", (e) => {
      if (e.target.closest("form, button, input, textarea, summary, a")) return;
      select(ids.indexOf(id), { scrollCard: false });
    });
  });

  const text = document.getElementById("article-text");
  if (text) {
    text.addEventListener("click", (e) => {
      const mark = e.target.closest("mark[data-claims]");
      if (!mark) return;
      const list = mark.dataset.claims.split(" ");
      const at = list.indexOf(ids[current]);
      const next = at >= 0 ? list[(at + 1) % list.length] : list[0];
      select(ids.indexOf(next), { scrollText: false });
    });
  }

  document.querySelectorAll("button[data-select]").forEach((button) => {
    button.addEventListener("click", () => select(ids.indexOf(button.dataset.select)));
  });

  document.addEventListener("keydown", (e) => {
    if (e.ctrlKey || e.metaKey || e.altKey) return;
    if (e.target.closest && e.target.closest("input, textarea, select, [contenteditable]")) return;
    const key = e.key;
    if (key === "j") select(current + 1);
    else if (key === "k") select(current <= 0 ? 0 : current - 1);
    else if (/^[1-5]$/.test(key) && current >= 0) save(ids[current], { verdict: verdictNames[Number(key) - 1] }, "verdict");
    else if (key === "e" && current >= 0) openForm("edit");
    else if (key === "n" && current >= 0) openForm("note");
    else if (key === "u") {
      const last = undoStack.pop();
      if (!last) {
        setStatus("Nothing to undo.");
        return;
      }
      select(ids.indexOf(last.id));
      save(last.id, last.previous, "undo", false);
    } else return;
    e.preventDefault();
  });

  ids.forEach(renderCard);
  if (ids.length) select(0, { scrollText: false });
})();
