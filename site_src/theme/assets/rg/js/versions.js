// "Bewaar deze versie" and the comparison of two saved versions of a worksheet.
// Versions are stored next to the answers (store.js, key "<id>#versies"), with
// the schema version they were saved in; older ones are migrated before comparing.
import { readForm } from "./form.js";
import { loadVersions, saveVersions } from "./store.js";
import { busy } from "./ui.js";

const label = (version) => new Date(version.saved_at).toLocaleString("nl-NL",
  { day: "numeric", month: "short", year: "numeric", hour: "2-digit", minute: "2-digit" });  // fits a phone's picker

export class Versions {
  constructor(page) {
    this.page = page;
    this.root = page.root;
    this.list = [];
    this.rev = null;
  }

  get present() {
    return Boolean(this.root.querySelector('[data-rg="version-a"]'));
  }

  async refresh() {
    if (!this.present) return;
    try {
      ({ versions: this.list, rev: this.rev } = await loadVersions(this.page.storageId));
    } catch (error) {
      this.list = [];
    }
    const older = this.root.querySelector('[data-rg="version-a"]');
    const newer = this.root.querySelector('[data-rg="version-b"]');
    const options = (list, withNow) => [
      ...list.map((version, index) => new Option(label(version), String(index))),
      ...(withNow ? [new Option("Nu (je huidige antwoorden)", "nu")] : []),
    ];
    older.replaceChildren(...options(this.list, false));
    newer.replaceChildren(...options(this.list, true));
    newer.value = "nu";
    const none = this.list.length === 0;
    older.disabled = none;
    this.root.querySelector('[data-rg-action="compare-versions"]').disabled = none;
  }

  /** Store the answers on screen as a new version; throws a StorageError. */
  async snapshot() {
    const page = this.page;
    const versions = [...this.list, {
      saved_at: new Date().toISOString(), schema_version: page.version, answers: readForm(page.form),
    }];
    this.rev = await saveVersions(page.storageId, versions, this.rev, page.title);
    await this.refresh();
  }

  async answersOf(value) {
    if (value === "nu") return readForm(this.page.form);
    const version = this.list[Number(value)];
    if (!version) return null;
    if ((version.schema_version || 1) === this.page.version) return version.answers;
    const outcome = await this.page.python.call("importAnswers", {
      worksheet: this.page.id,
      text: JSON.stringify({ format: this.root.dataset.documentFormat, worksheet: this.page.id,
        schema_version: version.schema_version || 1, saved_at: version.saved_at, answers: version.answers }),
    });
    if (!outcome.ok) throw new Error(outcome.message);
    return outcome.answers;
  }

  /** The HTML describing what changed between the two chosen versions. */
  async compare() {
    const pick = (name) => this.root.querySelector(`[data-rg="${name}"]`).value;
    const older = await this.answersOf(pick("version-a"));
    const newer = await this.answersOf(pick("version-b"));
    if (!older || !newer) return null;
    const outcome = await this.page.python.call("compareVersions", { worksheet: this.page.id, older, newer });
    return outcome.html;
  }

  // "Bewaar deze versie". A second press while the first is stored is ignored.
  async save(button) {
    const page = this.page;
    await busy(button, async () => {
      try {
        await this.snapshot();
        page.messages.say("Deze versie is bewaard in deze browser.", "info");
      } catch (error) {
        if (error.kind === "conflict") {
          await this.refresh();
          page.messages.say("De versies zijn intussen in een ander tabblad veranderd. Kies ‘Bewaar deze versie’ nog een keer.");
        } else {
          page.storageFailed(error);
        }
      }
    });
  }

  // "Vergelijk": what changed, below the two chosen versions.
  async showComparison(button) {
    await busy(button, async () => {
      try {
        const html = await this.compare();
        if (html !== null) this.root.querySelector('[data-rg="version-result"]').innerHTML = html;
      } catch (error) {
        this.page.messages.say(`Vergelijken lukte niet. ${error.message}`);
      }
    });
  }
}
