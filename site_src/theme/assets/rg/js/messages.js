// The messages of a worksheet page. Most are passing ("say"); a storage problem,
// a conflict, unreadable or vanished answers are persistent: they stay in the
// alert until solved, and passing messages then go to a second line instead.
import { button, dossierLink, element } from "./notices.js";
import { readMarker } from "./safety.js";
import { focusAfter, hideAlert, setText, showAlert } from "./ui.js";

export class Messages {
  constructor(alert, notice, saveStatus) {
    this.alert = alert;
    this.notice = notice;
    this.saveStatus = saveStatus;
  }

  get persistentKind() {
    return this.alert.dataset.persistent || "";
  }

  say(text, tone = "warning") {
    showAlert(this.persistentKind ? this.notice : this.alert, text, tone);
  }

  /** Whether the passing message on screen starts with ``start``. */
  saying(start) {
    const passing = this.persistentKind ? this.notice : this.alert;
    return !passing.hidden && passing.textContent.startsWith(start);
  }

  // A message that comes back whenever a passing one is taken away (Python could not
  // start: the page works, without a PDF or opening a file). A persistent warning
  // goes first; this one shows once that is solved.
  stand(text, tone = "info") {
    this.standing = { text, tone };
    if (!this.persistentKind) this.showStanding();
  }

  unsay() {
    hideAlert(this.notice);
    if (!this.persistentKind) this.showStanding();
  }

  showStanding() {
    if (this.standing) showAlert(this.alert, this.standing.text, this.standing.tone);
    else hideAlert(this.alert);
  }

  // A warning that stays until the problem is solved, with what the user can do.
  persistent(text, extras = [], kind = "storage") {
    showAlert(this.alert, text);
    this.alert.dataset.persistent = kind;
    if (extras.length) this.alert.append(element("div", { class: "rg-button-row" }, ...extras));
  }

  clearPersistent(kind) {
    if (kind && this.persistentKind !== kind) return;
    delete this.alert.dataset.persistent;
    if (this.alert.contains(document.activeElement)) focusAfter(this.alert);  // e.g. "Begrepen"
    this.showStanding();
  }

  notSaved() {
    setText(this.saveStatus, "Niet opgeslagen", "failed");
  }

  storageFailed(error) {
    this.notSaved();
    this.persistent(`${error.message} Maak een reservekopie of een PDF om ze te bewaren.`,
      [button("backup-screen", "Reservekopie downloaden", "rg-primary")]);
  }

  storageRecovered() {
    this.clearPersistent("storage");
    this.say("Het opslaan lukt weer. Je antwoorden zijn bewaard in deze browser.", "info");
  }

  conflict() {
    this.notSaved();
    this.persistent("Dit werkblad is intussen ergens anders veranderd (in een ander tabblad of op de pagina " +
      "Mijn gegevens). Wat je hier hebt gedaan, is nog niet bewaard. Kies wat je wilt houden.",
    [button("conflict-load", "De bewaarde versie laden"),
      button("conflict-keep", "Mijn versie van hier bewaren", "rg-primary")], "conflict");
  }

  refused(reason) {
    setText(this.saveStatus, "Niet geladen", "failed");
    this.persistent(`Je eerder bewaarde antwoorden konden niet worden geladen: ${reason} Ze zijn niet gewist. ` +
      "Maak een reservekopie op de pagina Mijn gegevens, of kies ‘Alles wissen’ om opnieuw te beginnen.",
    [dossierLink()], "refused");
  }

  vanished() {
    const backup = readMarker().backup;
    const when = backup && backup.at ? new Date(backup.at).toLocaleDateString("nl-NL",
      { day: "numeric", month: "long", year: "numeric" }) : "";
    const hint = when
      ? `Je laatste reservekopie is van ${when} (bestand ‘${backup.file}’). Zet die terug op de pagina Mijn gegevens.`
      : "Heb je een reservekopie of een bestand gemaakt? Zet dat terug op de pagina Mijn gegevens.";
    this.persistent("Je antwoorden van dit werkblad zijn niet meer in deze browser. Misschien heeft de browser " +
      `de opslag opgeruimd. ${hint}`, [dossierLink("Naar Mijn gegevens"), button("vanished-ok", "Begrepen")], "vanished");
  }
}
