// cxo-diag offline form: one question a screen, answers kept in this browser as given.
// Every text from the bank or the respondent goes into the page as textContent, never as
// markup; the page's Content-Security-Policy lets only this script run.
(function () {
  "use strict";

  const data = JSON.parse(document.getElementById("form-data").textContent);
  const root = document.getElementById("form");
  const questions = data.questions;
  const storageKey = "cxo-diag-form:" + data.form_id;
  const MAX_SECONDS = 86400;
  const MAX_OPEN = 10000;

  // --- where answers are kept ------------------------------------------------------------

  function openStorage() {
    try {
      const probe = storageKey + ":probe";
      window.localStorage.setItem(probe, "1");
      window.localStorage.removeItem(probe);
      return window.localStorage;
    } catch (error) {
      return null; // storage switched off: answers live in this tab only, and we say so
    }
  }
  const storage = openStorage();

  function fresh() {
    return {
      version: 1, screen: "start", name: data.respondent || "", step: 0, sequence: null,
      answers: {}, open: {}, seconds: {}, downloaded: null, forgotten: false,
    };
  }

  function load() {
    if (!storage) return fresh();
    try {
      const saved = JSON.parse(storage.getItem(storageKey) || "null");
      if (saved && saved.version === 1) return Object.assign(fresh(), saved);
    } catch (error) { /* unreadable: start afresh, the old text stays until overwritten */ }
    return fresh();
  }

  let state = load();
  let pending = "";
  let message = "";
  let showProbe = false;
  let shownAt = Date.now();

  function save() {
    if (!storage || state.forgotten) return;
    try {
      storage.setItem(storageKey, JSON.stringify(state));
    } catch (error) {
      message = "This browser could not keep your last answer (its storage is full or off): " +
        "download your answers before you close this page.";
    }
  }

  // --- where we are ----------------------------------------------------------------------

  function sequence() {
    return state.sequence || questions.map(function (_q, i) { return i; });
  }
  function current() { return questions[sequence()[state.step]]; }
  function isOpen(question) { return question.type === "open"; }
  function hasAnswer(question) {
    if (isOpen(question)) return Boolean(state.open[question.id]);
    const value = state.answers[question.id];
    return value !== undefined && value !== null;
  }
  function unanswered() { return questions.filter(function (q) { return !hasAnswer(q); }); }
  function given() { return questions.filter(hasAnswer).length; }

  function arrive() {
    pending = "";
    showProbe = false;
    shownAt = Date.now();
  }

  function advance() {
    if (state.step + 1 < sequence().length) {
      state.step += 1;
      arrive();
    } else {
      state.screen = unanswered().length ? "review" : "done";
    }
  }

  function elapsed() {
    return Math.min(MAX_SECONDS, Math.round((Date.now() - shownAt) / 100) / 10);
  }

  function answer(value) {
    const question = current();
    state.answers[question.id] = value;
    if (value !== null) state.seconds[question.id] = elapsed();
    advance();
    save();
    render();
  }

  function saveOpen(text) {
    const question = current();
    const kept = text.trim().slice(0, MAX_OPEN);
    if (kept) {
      state.open[question.id] = kept;
      state.seconds[question.id] = elapsed();
    } else {
      delete state.open[question.id];
    }
    advance();
    save();
    render();
  }

  function skip() {
    const question = current();
    if (!hasAnswer(question) && !isOpen(question)) state.answers[question.id] = null;
    advance();
    save();
    render();
  }

  function back() {
    if (state.screen !== "question") {
      state.screen = "question";
      state.step = sequence().length - 1;
    } else if (state.step === 0) {
      message = "This is the first question.";
    } else {
      state.step -= 1;
    }
    arrive();
    save();
    render();
  }

  function revisit() {
    state.sequence = unanswered().map(function (q) { return questions.indexOf(q); });
    state.step = 0;
    state.screen = "question";
    arrive();
    save();
    render();
  }

  function finish() {
    state.screen = "done";
    save();
    render();
  }

  function start(name) {
    const trimmed = name.trim();
    if (!trimmed) {
      message = "Please type your name: it goes with your answers to your consultant.";
      render();
      return;
    }
    state.name = trimmed.slice(0, 200);
    state.screen = questions.length ? "question" : "done";
    state.step = 0;
    const first = questions.findIndex(function (q) { return !(q.id in state.answers); });
    if (first > 0) state.step = first;
    arrive();
    save();
    render();
  }

  // --- the answers file ------------------------------------------------------------------

  function answersFile() {
    const answers = {};
    const openAnswers = {};
    const seconds = {};
    questions.forEach(function (q) {
      if (isOpen(q)) {
        if (state.open[q.id]) openAnswers[q.id] = state.open[q.id];
      } else if (q.id in state.answers) {
        answers[q.id] = state.answers[q.id];
      }
      if (q.id in state.seconds) seconds[q.id] = state.seconds[q.id];
    });
    const file = {
      schema_version: 1,
      bank: data.bank,
      respondent: { name: state.name, role: data.role.id },
      engagement: data.engagement,
      round: 1,
      answered_at: new Date().toISOString().replace(/\.\d{3}Z$/, "Z"),
      answers: answers,
      seconds: seconds,
    };
    if (Object.keys(openAnswers).length) file[data.open_answers_field] = openAnswers;
    return JSON.stringify(file, null, 2) + "\n";
  }

  function fileName() {
    const slug = state.name.toLowerCase().normalize("NFKD").replace(/[\u0300-\u036f]/g, "")
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-+|-+$/g, "").slice(0, 40) || "answers";
    return "answers-" + data.bank.id + "-" + data.role.id + "-" + slug + ".json";
  }

  function download() {
    const blob = new Blob([answersFile()], { type: "application/json" });
    const link = document.createElement("a");
    link.href = URL.createObjectURL(blob);
    link.download = fileName();
    document.body.appendChild(link);
    link.click();
    link.remove();
    window.setTimeout(function () { URL.revokeObjectURL(link.href); }, 60000);
    state.downloaded = link.download;
    save();
    render();
  }

  function forget() {
    if (storage) storage.removeItem(storageKey);
    state.forgotten = true;
    render();
  }

  // --- building the page (text only: textContent, never markup) ---------------------------

  function el(tag, attributes, children) {
    const node = document.createElement(tag);
    Object.keys(attributes || {}).forEach(function (name) {
      node.setAttribute(name, attributes[name]);
    });
    (children || []).forEach(function (child) {
      node.appendChild(typeof child === "string" ? document.createTextNode(child) : child);
    });
    return node;
  }

  function button(label, action, extra, onClick) {
    const node = el("button", Object.assign({ type: "button", "data-action": action }, extra),
      label ? [label] : []);
    node.addEventListener("click", onClick);
    return node;
  }

  function keyHint(key, label) {
    return el("span", {}, [el("kbd", {}, [key]), " " + label]);
  }

  function heading(text, level) {
    return el(level || "h2", { id: "screen-title", tabindex: "-1" }, [text]);
  }

  function header() {
    const parts = [data.title, data.role.title];
    if (data.engagement) parts.unshift(data.engagement);
    return el("p", { class: "context" }, [parts.join(" · ")]);
  }

  function storageNote() {
    if (!storage) {
      return el("p", { class: "warning" }, ["This browser does not let the form keep answers " +
        "(its storage is off): they live in this tab only. Download them before you close it."]);
    }
    return el("p", { class: "privacy" }, ["Your answers are kept only in this browser, on this " +
      "computer (its local storage for this file), as you give them: close the page and open " +
      "the file again to go on. Nothing is sent anywhere. At the end you download your " +
      "answers file; then you can make this browser forget them."]);
  }

  function startScreen() {
    const input = el("input", { id: "name", type: "text", autocomplete: "name",
      maxlength: "200", required: "", "aria-describedby": "name-hint" });
    input.value = state.name;
    input.addEventListener("keydown", function (event) {
      if (event.key === "Enter") { event.preventDefault(); start(input.value); }
    });
    const minutes = Math.max(1, Math.round(questions.length / 4));
    const parts = [
      header(),
      heading(data.title, "h1"),
      el("p", {}, ["For the " + data.role.title + ": " + questions.length +
        " questions, one a screen, about " + minutes + (minutes === 1 ? " minute." : " minutes.")]),
    ];
    if (data.description) parts.push(el("p", {}, [data.description]));
    parts.push(
      storageNote(),
      el("label", { for: "name" }, ["Your name"]),
      input,
      el("p", { id: "name-hint", class: "hint" }, ["It goes with your answers to your " +
        "consultant."]),
      button(given() ? "Continue" : "Start", "start", {}, function () { start(input.value); }),
    );
    return { parts: parts, focus: input };
  }

  function progress() {
    const total = questions.length;
    const sequenceNow = sequence();
    let place = "Question " + (sequenceNow[state.step] + 1) + " of " + total;
    if (state.sequence) {
      place += " · skipped question " + (state.step + 1) + " of " + sequenceNow.length;
    }
    return el("div", { class: "progress" }, [
      el("span", { class: "place" }, [place]),
      el("progress", { max: String(total), value: String(given()),
        "aria-label": given() + " of " + total + " answered" }, []),
      el("span", {}, [given() + " answered"]),
    ]);
  }

  function scaleOptions(question) {
    const chosen = state.answers[question.id];
    const group = el("div", { class: "options", role: "group",
      "aria-labelledby": "screen-title" }, []);
    question.scale.points.forEach(function (point) {
      group.appendChild(button("", "answer", { "data-value": String(point.value),
        "aria-pressed": String(chosen === point.value) }, function () { answer(point.value); }));
      const node = group.lastChild;
      node.appendChild(el("span", { class: "key", "aria-hidden": "true" }, [String(point.value)]));
      node.appendChild(el("span", {}, [point.label]));
    });
    if (question.scale.not_applicable) {
      const node = button("", "answer", { "data-value": "n/a",
        "aria-pressed": String(chosen === "n/a") }, function () { answer("n/a"); });
      node.appendChild(el("span", { class: "key", "aria-hidden": "true" }, ["n"]));
      node.appendChild(el("span", {}, ["Not applicable / don't know"]));
      group.appendChild(node);
    }
    return group;
  }

  function openBox(question) {
    const box = el("textarea", { id: "open-answer", rows: "5", maxlength: String(MAX_OPEN),
      "aria-labelledby": "screen-title", "aria-describedby": "open-hint" }, []);
    box.value = state.open[question.id] || "";
    box.addEventListener("keydown", function (event) {
      if (event.key === "Enter" && !event.shiftKey && !event.isComposing) {
        event.preventDefault();
        saveOpen(box.value);
      } else if (event.key === "Escape") {
        box.blur();
      }
    });
    return [
      box,
      el("p", { id: "open-hint", class: "hint" }, ["In your own words. Enter saves and goes " +
        "on; Shift+Enter starts a new line; Esc leaves the box for the keys below." +
        (question.shareable ? " Your answer may reach the client's report without your name." : "")]),
      button("Save and go on", "next", {}, function () { saveOpen(box.value); }),
    ];
  }

  function questionScreen() {
    const question = current();
    const parts = [
      header(),
      el("p", { class: "dimension" }, [question.dimension]),
      progress(),
      heading(question.text),
    ];
    let focus = null;
    if (isOpen(question)) {
      const open = openBox(question);
      parts.push.apply(parts, open);
      focus = open[0];
    } else {
      parts.push(scaleOptions(question));
      if (state.answers[question.id] === null) {
        parts.push(el("p", { class: "note" }, ["Skipped so far."]));
      }
    }
    if (question.probe) {
      const probe = el("p", { id: "probe", class: "probe" }, [question.probe]);
      probe.hidden = !showProbe;
      parts.push(probe);
    }
    const controls = el("div", { class: "controls" }, [
      button("Back", "back", { "aria-keyshortcuts": "b" }, back),
      button("Skip", "skip", { "aria-keyshortcuts": "s" }, skip),
    ]);
    if (question.probe) {
      controls.appendChild(button(showProbe ? "Hide the follow-up" : "A follow-up question",
        "probe", { "aria-keyshortcuts": "?", "aria-expanded": String(showProbe),
          "aria-controls": "probe" }, toggleProbe));
    }
    parts.push(controls);
    const legend = [];
    if (!isOpen(question)) {
      legend.push(keyHint(question.scale.low + "–" + question.scale.high, "answer"));
      if (question.scale.not_applicable) legend.push(keyHint("n", "not applicable"));
    }
    legend.push(keyHint("s", "skip"), keyHint("b", "back"));
    if (question.probe) legend.push(keyHint("?", "follow-up"));
    parts.push(el("p", { class: "keys" }, legend));
    parts.push(storage ? el("p", { class: "hint" }, ["Each answer is kept in this browser as " +
      "you give it."]) : storageNote());
    return { parts: parts, focus: focus };
  }

  function reviewScreen() {
    const skipped = unanswered();
    const list = el("ol", { class: "skipped" }, []);
    skipped.forEach(function (q) {
      list.appendChild(el("li", { value: String(questions.indexOf(q) + 1) }, [q.text]));
    });
    return { parts: [
      header(),
      heading(skipped.length + (skipped.length === 1 ? " question" : " questions") +
        " without an answer"),
      list,
      el("div", { class: "controls" }, [
        button("Answer them now", "revisit", { "aria-keyshortcuts": "y" }, revisit),
        button("Finish without them", "finish", { "aria-keyshortcuts": "n" }, finish),
      ]),
      el("p", { class: "keys" }, [keyHint("y", "answer them"), keyHint("n", "finish"),
        keyHint("b", "back")]),
    ] };
  }

  function counts() {
    let answered = 0, notApplicable = 0, skipped = 0, open = 0;
    questions.forEach(function (q) {
      if (isOpen(q)) { if (state.open[q.id]) open += 1; else skipped += 1; return; }
      const value = state.answers[q.id];
      if (value === "n/a") notApplicable += 1;
      else if (value === undefined || value === null) skipped += 1;
      else answered += 1;
    });
    return { answered: answered, notApplicable: notApplicable, skipped: skipped, open: open };
  }

  function doneScreen() {
    if (state.forgotten) {
      return { parts: [
        heading("Forgotten"),
        el("p", { role: "status" }, ["This browser no longer holds your answers. The file you " +
          "downloaded" + (state.downloaded ? " (" + state.downloaded + ")" : "") +
          " is now the only copy."]),
      ] };
    }
    const c = counts();
    let line = c.answered + " of " + questions.length + " answered, " + c.notApplicable +
      " not applicable, " + c.skipped + " skipped";
    if (c.open) line += ", " + c.open + " in your own words";
    const parts = [
      header(),
      heading("Thank you, " + state.name),
      el("p", {}, [line + "."]),
      el("p", {}, ["Download your answers file and send it to your consultant, who adds it " +
        "with cxo-diag import; or read your own report with cxo-diag score FILE."]),
      el("div", { class: "controls" }, [
        button("Download my answers", "download", {}, download),
        button("Change an answer", "back", { "aria-keyshortcuts": "b" }, back),
      ]),
    ];
    if (state.downloaded) {
      parts.push(
        el("p", { role: "status", class: "downloaded" }, ["Downloaded as " + state.downloaded +
          ". Your answers are still kept in this browser, on this computer, until you " +
          "forget them here."]),
        button("Forget my answers in this browser", "forget", {}, forget),
      );
    } else {
      parts.push(storageNote());
    }
    return { parts: parts };
  }

  function toggleProbe() {
    showProbe = !showProbe;
    render();
  }

  function render() {
    const screen = {
      start: startScreen, question: questionScreen, review: reviewScreen, done: doneScreen,
    }[state.screen]();
    const view = el("section", { class: "screen", "data-screen": state.screen }, screen.parts);
    if (state.screen === "question") view.setAttribute("data-question", current().id);
    const status = el("p", { id: "message", class: "message", role: "status" },
      message ? [message] : []);
    message = "";
    root.replaceChildren(view, status);
    const target = screen.focus || document.getElementById("screen-title");
    if (target) target.focus({ preventScroll: false });
  }

  // --- keys (as in the terminal) ---------------------------------------------------------

  function onQuestionKey(key) {
    const question = current();
    if (key === "b") { back(); return true; }
    if (key === "s") { skip(); return true; }
    if (key === "?") {
      if (question.probe) toggleProbe();
      else { message = "This question has no follow-up."; render(); }
      return true;
    }
    if (isOpen(question)) {
      if (key === "Enter") { document.getElementById("open-answer").focus(); return true; }
      return false;
    }
    const values = question.scale.points.map(function (p) { return String(p.value); });
    if (/^[0-9]$/.test(key)) {
      const typed = pending + key;
      const longer = values.filter(function (v) { return v !== typed && v.indexOf(typed) === 0; });
      if (values.indexOf(typed) >= 0 && !longer.length) { answer(Number(typed)); return true; }
      if (longer.length) {
        pending = typed;
        message = values.indexOf(typed) >= 0 ? typed + "… (Enter to confirm " + typed + ")" : "";
      } else {
        pending = "";
        message = typed + " is not an option; answer " + question.scale.low + " to " +
          question.scale.high + ".";
      }
      render();
      return true;
    }
    if (key === "n") {
      if (question.scale.not_applicable) answer("n/a");
      else { message = "This question has no 'not applicable' option."; render(); }
      return true;
    }
    if (key === "Enter") {
      if (pending && values.indexOf(pending) >= 0) { answer(Number(pending)); return true; }
      pending = "";
      if (hasAnswer(question) || state.answers[question.id] === "n/a") { advance(); save(); }
      else message = "Press a number to answer, or s to skip.";
      render();
      return true;
    }
    return false;
  }

  document.addEventListener("keydown", function (event) {
    if (event.ctrlKey || event.metaKey || event.altKey || event.isComposing) return;
    const target = event.target;
    const tag = target && target.tagName;
    if (tag === "INPUT" || tag === "TEXTAREA" || tag === "SELECT") return;
    if (tag === "BUTTON" && (event.key === "Enter" || event.key === " ")) return;
    const key = event.key.length === 1 ? event.key.toLowerCase() : event.key;
    let handled = false;
    if (state.screen === "question") handled = onQuestionKey(key);
    else if (state.screen === "review") {
      if (key === "y" || key === "Enter") { revisit(); handled = true; }
      else if (key === "n") { finish(); handled = true; }
      else if (key === "b") { back(); handled = true; }
    } else if (state.screen === "done" && !state.forgotten && key === "b") {
      back();
      handled = true;
    }
    if (handled) event.preventDefault();
  });

  render();
})();
