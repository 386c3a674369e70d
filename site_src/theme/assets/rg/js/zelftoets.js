// The self-check on a module page of the learning path. The questions and the
// checking live in Python (worksheets/_zelftoets.py), run in the worker; this
// page renders them (as text, never as HTML), sends the chosen answers and
// shows each explanation under its question. A module whose answers are all
// right counts as done; that is kept in this browser only (leerpad-store.js).
import { PythonClient } from "./python.js";
import { isoDate, setText } from "./ui.js";
import { NO_STORAGE, dutchDate, markDone, readProgress } from "./leerpad-store.js";

const MODULE = "worksheets._zelftoets";
const LOADING = "De toets laadt… De eerste keer duurt dat een paar seconden.";
const READY = "Kies bij elke vraag een antwoord. Kies daarna ‘Controleer mijn antwoorden’.";
const FAILED =
  "De zelftoets kan niet laden: de rekenhulp kon niet starten in deze browser. De rest van de " +
  "module kun je gewoon lezen. De toets werkt in een nieuwere browser, of als WebAssembly " +
  "niet geblokkeerd is.";
const NOT_FOUND = "Deze zelftoets kon niet worden geladen. Probeer de pagina opnieuw te openen.";
const NOTHING_CHOSEN = "Kies eerst bij de vragen een antwoord.";

function element(name, attributes = {}, text = "") {
  const node = document.createElement(name);
  for (const [key, value] of Object.entries(attributes)) node.setAttribute(key, value);
  if (text) node.textContent = text;
  return node;
}

class SelfCheck {
  constructor(root) {
    this.root = root;
    this.module = root.dataset.quiz;
    this.status = root.querySelector("[data-quiz-status]");
    this.form = root.querySelector("[data-quiz-form]");
    this.list = root.querySelector("[data-quiz-questions]");
    this.result = root.querySelector("[data-quiz-result]");
  }

  start() {
    this.form.addEventListener("submit", (event) => {
      event.preventDefault();
      this.check();
    });
    // A changed answer makes its old feedback stale.
    this.form.addEventListener("change", (event) => {
      const question = event.target.closest("[data-question]");
      if (question) this.clearFeedback(question);
    });
    this.python = new PythonClient((state, info) => this.pythonState(state, info));
    this.showDone();
    // Start Python only when the self-check comes near, so reading stays light.
    const begin = () => {
      if (this.started) return;
      this.started = true;
      if (!this.doneOn) setText(this.status, LOADING, "loading");
      this.python.start();
    };
    if ("IntersectionObserver" in window) {
      const observer = new IntersectionObserver((entries) => {
        if (entries.some((entry) => entry.isIntersecting)) {
          observer.disconnect();
          begin();
        }
      }, { rootMargin: "800px 0px" });
      observer.observe(this.root);
    } else {
      begin();
    }
  }

  // "Je hebt deze module afgerond op …" when this browser has it as done; true if so.
  showDone(extra = "") {
    this.doneOn = readProgress()[this.module];
    if (this.doneOn) {
      setText(this.status, `Je hebt deze module afgerond op ${dutchDate(this.doneOn)}.${extra}`, "done");
    }
    return Boolean(this.doneOn);
  }

  async pythonState(state, info) {
    // A restarted worker changes nothing for a self-check already on screen.
    if (state === "restarting" || (state === "ready" && this.root.dataset.quizState === "ready")) return;
    if (state !== "ready") {
      setText(this.status, info?.message || FAILED, "failed");
      this.root.dataset.quizState = "failed";
      return;
    }
    let outcome;
    try {
      outcome = await this.python.call("callFunction",
        { module: MODULE, name: "questions", args: { module: this.module } });
    } catch (error) {
      if (error.stopped) return;  // a new worker is starting: its "ready" asks again
      outcome = { ok: false };
    }
    if (!outcome.ok) {
      setText(this.status, NOT_FOUND, "failed");
      this.root.dataset.quizState = "failed";
      return;
    }
    this.render(outcome.questions);
    if (!this.showDone(" Je kunt de toets gerust nog eens maken.")) setText(this.status, READY, "ready");
    this.form.hidden = false;
    this.root.dataset.quizState = "ready";
  }

  render(questions) {
    const items = questions.map((question, index) => {
      const base = `zt-${this.module}-${question.id}`;
      const fieldset = element("fieldset", {
        class: "rg-quiz-question", "data-question": question.id, "aria-describedby": `${base}-uitleg`,
      });
      fieldset.append(element("legend", {}, `${index + 1}. ${question.text}`));
      const options = element("div", { class: "rg-options" });
      for (const answer of question.answers) {
        const id = `${base}-${answer.id}`;
        const label = element("label", { class: "rg-option", for: id });
        const input = element("input", { type: "radio", id, name: base, value: answer.id });
        label.append(input, element("span", {}, answer.text));
        options.append(label);
      }
      const feedback = element("p", { class: "rg-quiz-feedback", id: `${base}-uitleg` });
      feedback.hidden = true;
      fieldset.append(options, feedback);
      return fieldset;
    });
    this.list.replaceChildren(...items);
  }

  chosen() {
    const answers = {};
    for (const question of this.list.querySelectorAll("[data-question]")) {
      const picked = question.querySelector("input:checked");
      if (picked) answers[question.dataset.question] = picked.value;
    }
    return answers;
  }

  clearFeedback(question) {
    const feedback = question.querySelector(".rg-quiz-feedback");
    feedback.hidden = true;
    feedback.replaceChildren();
    delete feedback.dataset.state;
    delete question.dataset.state;
  }

  showFeedback(question, result) {
    const feedback = question.querySelector(".rg-quiz-feedback");
    const state = !result.answered ? "open" : result.right ? "right" : "wrong";
    const icon = { right: "✓", wrong: "✗", open: "?" }[state];
    feedback.replaceChildren(element("span", { class: "rg-quiz-icon", "aria-hidden": "true" }, icon),
      element("span", {}, result.explanation));
    feedback.dataset.state = state;
    question.dataset.state = state;
    feedback.hidden = false;
  }

  async check() {
    const answers = this.chosen();
    if (!Object.keys(answers).length) {
      this.showResult(NOTHING_CHOSEN, "open");
      return;
    }
    let outcome;
    try {
      outcome = await this.python.call("callFunction",
        { module: MODULE, name: "check", args: { module: this.module, answers } });
    } catch (error) {
      this.showResult(`Controleren lukte niet. ${error.message}`, "open");
      return;
    }
    if (!outcome.ok) {
      this.showResult(NOT_FOUND, "open");
      return;
    }
    for (const result of outcome.results) {
      const question = this.list.querySelector(`[data-question="${CSS.escape(result.question)}"]`);
      if (question) this.showFeedback(question, result);
    }
    let message = outcome.message;
    if (outcome.passed) {
      try {
        markDone(this.module, isoDate());
        this.showDone();
      } catch (error) {
        message = `Alle ${outcome.total} vragen goed. ${NO_STORAGE}`;
      }
    }
    this.showResult(message, outcome.passed ? "passed" : "open", outcome.passed);
  }

  showResult(message, state, passed = false) {
    const parts = [element("p", {}, message)];
    if (passed) {
      // Links the page already has (marked in the Markdown): the overview and the next module.
      const links = element("p", { class: "rg-quiz-next" });
      const back = document.querySelector("a.rg-back-to-path");
      const next = document.querySelector("a.rg-next-module");
      if (back) links.append(element("a", { href: back.getAttribute("href") }, "Bekijk je voortgang in het leerpad"));
      if (next) {
        if (back) links.append(" · ");
        links.append(element("a", { href: next.getAttribute("href") }, `Verder met ${next.textContent}`));
      }
      if (links.childNodes.length) parts.push(links);
    }
    this.result.replaceChildren(...parts);
    this.result.dataset.state = state;
    this.result.hidden = false;
    this.result.focus();
  }
}

for (const root of document.querySelectorAll("[data-quiz]")) {
  new SelfCheck(root).start();
}
