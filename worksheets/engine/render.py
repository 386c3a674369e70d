"""Render a worksheet as an accessible HTML form, and its derived output.

The builder calls :func:`render_worksheet` at build time, so the complete
form is in the page before any script runs. Labels belong to their inputs,
groups are fieldsets with legends, and help and hint texts are tied to the
inputs with ``aria-describedby``. Repeating parts carry a ``<template>`` with
``__I__`` (index) and ``__N__`` (number) placeholders for the page script.
"""

from __future__ import annotations

import json
from typing import Any

from .documents import FORMAT, MAX_BYTES
from .html import Safe, authored_paragraphs, el, join
from .schema import (
    Choice,
    Date,
    Export,
    Field,
    Group,
    ItemList,
    LongText,
    Scale,
    Section,
    ShortText,
    SummaryBlock,
    Worksheet,
    YesNo,
)

INDEX = "__I__"
NUMBER = "__N__"


def field_id(sheet: Worksheet, path: str) -> str:
    """The HTML id of the input at ``path``: ``doelen.0.doel`` → ``ws-doelen-doelen-0-doel``."""
    return f"ws-{sheet.id}-" + path.replace(".", "-")


def _described(*ids: str | None) -> str:
    return " ".join(i for i in ids if i)


def _help(help_text: str, base: str) -> tuple[Safe, str | None]:
    if not help_text:
        return Safe(""), None
    return el("p", {"class": "rg-help", "id": f"{base}-help"}, help_text), f"{base}-help"


def _hint(base: str, path: str) -> Safe:
    return el("p", {"class": "rg-hint", "id": f"{base}-hint", "data-hint-for": path,
                    "hidden": True})


def _wrapper_attrs(spec: Field, nested: bool) -> dict[str, object]:
    key = "data-subfield" if nested else "data-field"
    return {"class": f"rg-field rg-field--{spec.kind}", key: spec.id, "data-kind": spec.kind}


def _dynamic_key(path: str) -> str:
    """``personen.__I__.helpt_bij`` → ``personen.helpt_bij``; ``veld`` stays ``veld``."""
    parts = path.split(".")
    return f"{parts[0]}.{parts[-1]}" if len(parts) == 3 else path


def render_field(sheet: Worksheet, spec: Field, path: str, nested: bool = False) -> Safe:
    """One field with its label, help and hint, its input(s) named by ``path``."""
    base = field_id(sheet, path)
    help_html, help_id = _help(spec.help, base)
    hint = _hint(base, path)
    if isinstance(spec, ShortText):
        return _render_text(spec, base, path, nested, help_html, help_id, hint)
    if isinstance(spec, Choice) and spec.dynamic:
        return _render_dynamic(spec, base, path, nested, help_html, help_id, hint)
    if isinstance(spec, Choice | Scale | YesNo):
        return _render_options(spec, base, nested, help_html, help_id, hint)
    if isinstance(spec, Date):
        control = el(
            "input",
            {"type": "date", "id": base, "name": base,
             "aria-describedby": _described(help_id, f"{base}-hint")},
        )
        return el("div", _wrapper_attrs(spec, nested),
                  el("label", {"for": base}, spec.label), help_html, control, hint)
    if isinstance(spec, ItemList | Group):
        return _render_repeating(sheet, spec, base, path, help_html, help_id, hint)
    raise TypeError(f"no renderer for field type {type(spec).__name__}")


#: A one-line answer that may be this long wraps over two lines: a field that takes no
#: line breaks (worksheet.js), where a single-line field would hide most of it on a phone.
WRAP_FROM = 120


def _render_text(spec: ShortText, base: str, path: str, nested: bool,
                 help_html: Safe, help_id: str | None, hint: Safe) -> Safe:
    common = {"id": base, "name": base, "maxlength": spec.max_length,
              "aria-describedby": _described(help_id, f"{base}-hint"),
              "autocomplete": "off", "spellcheck": "true"}
    if isinstance(spec, LongText):
        control = el("textarea", {**common, "rows": spec.rows})
    elif spec.max_length >= WRAP_FROM:
        control = el("textarea", {**common, "rows": 2, "class": "rg-one-line",
                                  "data-one-line": True, "enterkeyhint": "done",
                                  "placeholder": spec.placeholder or None})
    else:
        control = el("input", {"type": "text", **common,
                               "placeholder": spec.placeholder or None})
    return el("div", _wrapper_attrs(spec, nested),
              el("label", {"for": base}, spec.label), help_html, control, hint)


def _options_of(spec: Choice | Scale | YesNo) -> list[tuple[str, str]]:
    if isinstance(spec, Choice):
        return [(o.value, o.label) for o in spec.options]
    if isinstance(spec, Scale):
        return [(str(n), str(n)) for n in range(spec.minimum, spec.maximum + 1)]
    return [("ja", "Ja"), ("nee", "Nee")]


def _render_options(spec: Choice | Scale | YesNo, base: str, nested: bool,
                    help_html: Safe, help_id: str | None, hint: Safe) -> Safe:
    multiple = isinstance(spec, Choice) and spec.multiple
    kind = "checkbox" if multiple else "radio"
    options = [
        el("label", {"class": "rg-option", "for": f"{base}-{index}"},
           el("input", {"type": kind, "id": f"{base}-{index}", "name": base, "value": value}),
           el("span", {}, label))
        for index, (value, label) in enumerate(_options_of(spec))
    ]
    ends = Safe("")
    if isinstance(spec, Scale) and (spec.low_label or spec.high_label):
        ends = el("p", {"class": "rg-scale-ends", "aria-hidden": "true"},
                  el("span", {}, f"{spec.minimum} = {spec.low_label}"),
                  el("span", {}, f"{spec.maximum} = {spec.high_label}"))
        scale_note = (f"{spec.minimum} betekent {spec.low_label}, "
                      f"{spec.maximum} betekent {spec.high_label}.")
        help_html = join(help_html, el("p", {"class": "rg-visually-hidden", "id": f"{base}-ends"},
                                       scale_note))
        help_id = _described(help_id, f"{base}-ends")
    clear = Safe("")
    if not multiple:
        clear = el("button", {"type": "button", "class": "rg-link-button",
                              "data-rg-action": "clear-choice"},
                   "Keuze wissen", el("span", {"class": "rg-visually-hidden"}, f": {spec.label}"))
    row = isinstance(spec, Scale | YesNo) or (
        isinstance(spec, Choice) and spec.layout in ("row", "scale"))
    layout = "rg-options rg-options--row" if row else "rg-options"
    if isinstance(spec, Choice) and spec.layout == "scale":
        layout += " rg-options--scale"
    return el("fieldset", {**_wrapper_attrs(spec, nested),
                           "aria-describedby": _described(help_id, f"{base}-hint")},
              el("legend", {}, spec.label), help_html,
              el("div", {"class": layout}, options), ends, clear, hint)


def _render_dynamic(spec: Choice, base: str, path: str, nested: bool,
                    help_html: Safe, help_id: str | None, hint: Safe) -> Safe:
    """A choice whose options the page fills in from Python's ``choices``."""
    layout = "rg-options rg-options--row" if spec.layout == "row" else "rg-options"
    # Hidden while there is nothing to choose (the page shows it once there is).
    clear = None if spec.multiple else el(
        "button", {"type": "button", "class": "rg-link-button", "data-rg-action": "clear-choice",
                   "hidden": True},
        "Keuze wissen", el("span", {"class": "rg-visually-hidden"}, f": {spec.label}"))
    return el("fieldset", {**_wrapper_attrs(spec, nested),
                           "aria-describedby": _described(help_id, f"{base}-hint"),
                           "data-dynamic": _dynamic_key(path), "data-base-id": base,
                           "data-input-type": "checkbox" if spec.multiple else "radio"},
              el("legend", {}, spec.label), help_html,
              el("div", {"class": layout}),
              el("p", {"class": "rg-muted rg-dynamic-empty", "data-rg": "dynamic-empty"},
                 "Er is nog niets om uit te kiezen."),
              clear, hint)


def _item_template(sheet: Worksheet, spec: ItemList | Group, base: str, path: str) -> Safe:
    item_path = f"{path}.{INDEX}"
    label = f"{spec.item_label} {NUMBER}"
    actions = el(
        "div", {"class": "rg-item-actions"},
        el("button", {"type": "button", "class": "rg-icon-button", "data-rg-action": "move-up",
                      "aria-label": f"{label} omhoog"}, "↑"),
        el("button", {"type": "button", "class": "rg-icon-button", "data-rg-action": "move-down",
                      "aria-label": f"{label} omlaag"}, "↓"),
        el("button", {"type": "button", "class": "rg-icon-button rg-danger",
                      "data-rg-action": "remove-item", "aria-label": f"{label} verwijderen"}, "✕"),
    )
    if isinstance(spec, ItemList):
        input_id = f"{base}-{INDEX}"
        return el("li", {"class": "rg-item"},
                  el("label", {"class": "rg-item-label", "for": input_id}, label),
                  el("input", {"type": "text", "id": input_id, "name": input_id,
                               "maxlength": spec.max_length, "autocomplete": "off",
                               "aria-describedby": f"{input_id}-hint",
                               "data-item-input": True}),
                  actions,
                  _hint(input_id, item_path))
    members = [render_field(sheet, member, f"{item_path}.{member.id}", nested=True)
               for member in spec.fields]
    body_id = f"{base}-{INDEX}-inhoud"
    # Folding hides the fields and shows one line instead (folding.js); the buttons to
    # move and remove stay. The page sets the word: "Inklappen" or "Uitklappen".
    fold = el("button", {"type": "button", "class": "rg-link-button rg-fold",
                         "data-rg-action": "fold", "aria-controls": body_id},
              el("span", {"data-rg": "fold-label"}, "Inklappen"),
              el("span", {"class": "rg-visually-hidden"}, f": {label}"))
    return el("fieldset", {"class": "rg-item rg-group-item"},
              el("legend", {"class": "rg-item-label"}, label), fold,
              el("p", {"class": "rg-fold-summary", "data-rg": "fold-summary", "hidden": True}),
              el("div", {"class": "rg-item-body", "id": body_id}, members), actions)


def _render_repeating(sheet: Worksheet, spec: ItemList | Group, base: str, path: str,
                      help_html: Safe, help_id: str | None, hint: Safe) -> Safe:
    container = "ol" if isinstance(spec, ItemList) else "div"
    return el(
        "fieldset",
        {**_wrapper_attrs(spec, False), "aria-describedby": _described(help_id, f"{base}-hint"),
         "data-max-items": spec.max_items},
        el("legend", {}, spec.label), help_html,
        # Shown by the page once there are two blocks or more.
        el("button", {"type": "button", "class": "rg-link-button rg-fold-all",
                      "data-rg-action": "fold-all", "hidden": True},
           el("span", {"data-rg": "fold-label"}, "Alles inklappen"),
           el("span", {"class": "rg-visually-hidden"}, f": {spec.label}"))
        if isinstance(spec, Group) else None,
        el(container, {"class": "rg-items", "data-rg": "items"}),
        el("button", {"type": "button", "class": "rg-button rg-add",
                      "data-rg-action": "add-item"}, f"+ {spec.add_label}"),
        hint,
        el("template", {"data-rg": "item-template"}, _item_template(sheet, spec, base, path)),
    )


def render_section(sheet: Worksheet, section: Section) -> Safe:
    heading_id = f"ws-{sheet.id}--sectie-{section.id}"
    return el("section", {"class": "rg-section", "aria-labelledby": heading_id},
              el("h2", {"id": heading_id}, section.title),
              authored_paragraphs(section.intro, {"class": "rg-section-intro"})
              if section.intro else None,
              [render_field(sheet, spec, spec.id) for spec in section.fields])


def render_summary(blocks: list[SummaryBlock]) -> Safe:
    """Derived output as HTML: one block per heading, lines as a list."""
    parts = []
    for block in blocks:
        lines = [line for line in block.lines if line.strip()]
        # role="list": WebKit no longer calls a list without bullets a list
        numbered = {"class": "rg-numbered", "role": "list"} if block.numbered else {}
        body = (el("ul", numbered,
                   [el("li", {}, line) for line in lines]) if lines
                else el("p", {"class": "rg-muted"}, block.empty_text or "Nog niets ingevuld."))
        parts.append(el("div", {"class": "rg-summary-block"}, el("h3", {}, block.title), body))
    return join(parts)


def fill_button(spec: Field, value: Any, label: str, done: str) -> Safe:
    """A button for a view that puts ``value`` into the form field ``spec`` (top level).

    The page fills the field, saves, moves the focus there and says ``done``. A
    value the field would refuse is a mistake in the worksheet: ValueError.
    """
    problems = spec.problems(value)
    if problems:
        raise ValueError(f"{spec.id}: {'; '.join(problems)}")
    return _button("fill-field", label, "rg-fill-button", rg_field=spec.id,
                   rg_value=json.dumps(value, ensure_ascii=False, separators=(",", ":")),
                   rg_done=done)


def _button(action: str, label: str, extra: str = "", **data: str) -> Safe:
    return el("button", {"type": "button", "class": f"rg-button {extra}".strip(),
                         "data-rg-action": action, **{f"data-{k}": v for k, v in data.items()}},
              label)


def _export(sheet: Worksheet, export: Export) -> Safe:
    options = [
        el("label", {"class": "rg-option rg-option--inline"},
           el("input", {"type": "checkbox", "data-export-option": True, "value": option.value}),
           el("span", {}, option.label))
        for option in export.options
    ]
    return el("div", {"class": "rg-export", "data-export-group": export.id},
              el("p", {"class": "rg-muted"}, export.description) if export.description else None,
              options, _button("export-pdf", export.label, export=export.id,
                               filename=export.filename))


def _versions(sheet: Worksheet) -> Safe:
    base = f"ws-{sheet.id}--versie"
    return el(
        "div", {"class": "rg-versions"},
        el("h3", {}, "Versies"),
        el("p", {}, "Bewaar een versie om later te zien wat er veranderd is."),
        _button("save-snapshot", "Bewaar deze versie"),
        el("div", {"class": "rg-version-pick"},
           el("label", {"for": f"{base}-a"}, "Eerdere versie"),
           el("select", {"id": f"{base}-a", "data-rg": "version-a"}),
           el("label", {"for": f"{base}-b"}, "Vergelijk met"),
           el("select", {"id": f"{base}-b", "data-rg": "version-b"}),
           _button("compare-versions", "Vergelijk")),
        el("div", {"data-rg": "version-result", "aria-live": "polite"}),
    )


def _toolbar(sheet: Worksheet, blank_pdf_href: str) -> Safe:
    def button(action: str, label: str, extra: str = "") -> Safe:
        return _button(action, label, extra)

    return el(
        "div", {"class": "rg-actions"},
        el("h2", {"id": f"ws-{sheet.id}--acties"}, "Bewaren, delen en afdrukken"),
        el("p", {}, "Je antwoorden worden alleen in deze browser bewaard. "
                    "Wil je ze meenemen of delen? Maak dan een PDF of een bestand."),
        el("div", {"class": "rg-button-row"},
           button("export-pdf", "PDF downloaden", "rg-primary"),
           button("print", "Afdrukken"),
           button("export-json", "Opslaan als bestand"),
           button("import-json", "Bestand openen"),
           button("clear", "Alles wissen", "rg-danger")),
        [_export(sheet, export) for export in sheet.exports],
        _versions(sheet) if sheet.snapshots else None,
        el("input", {"type": "file", "accept": "application/json,.json", "hidden": True,
                     "data-rg": "import-file", "tabindex": "-1", "aria-hidden": "true"}),
        el("p", {}, el("a", {"href": blank_pdf_href, "download": True},
                        "Leeg werkblad (PDF) om op papier in te vullen")),
    )


def _practice(sheet: Worksheet) -> Safe:
    if sheet.example is None:
        return Safe("")
    return el(
        "div", {"class": "rg-practice"},
        el("p", {"class": "rg-practice-banner", "data-rg": "practice-banner", "hidden": True},
           el("strong", {}, "Oefenmodus. "),
           "Je ziet een bedacht voorbeeld. Wat je hier verandert, blijft apart van je eigen "
           "antwoorden."),
        _button("practice", "Oefenmodus: bekijk een voorbeeld"),
        el("button", {"type": "button", "class": "rg-button rg-primary", "hidden": True,
                      "data-rg-action": "practice-exit"}, "Terug naar mijn eigen antwoorden"),
    )


def render_worksheet(sheet: Worksheet, blank_pdf_href: str) -> Safe:
    """The whole worksheet: status, form, derived output and actions."""
    return el(
        "div",
        {"class": "rg-worksheet", "data-worksheet": sheet.id,
         "data-schema-version": sheet.schema_version, "data-title": sheet.title,
         "data-document-format": FORMAT, "data-max-bytes": MAX_BYTES,
         "data-uses": ",".join(sheet.uses) or None,
         "data-example": json.dumps(sheet.example, ensure_ascii=False)
         if sheet.example is not None else None},
        el("div", {"class": "rg-status", "role": "status"},
           el("span", {"data-rg": "save-status"}, "Nog niets opgeslagen"),
           el("span", {"data-rg": "python-status", "class": "rg-python-status"},
              "Rekenhulp wordt geladen…")),
        el("div", {"class": "rg-alert", "data-rg": "alert", "role": "alert", "hidden": True}),
        _practice(sheet),
        el("form", {"class": "rg-form", "novalidate": True, "autocomplete": "off",
                    "aria-label": sheet.title},
           [render_section(sheet, section) for section in sheet.sections]),
        el("div", {"class": "rg-views", "data-rg": "views"}),
        el("section", {"class": "rg-derived", "aria-labelledby": f"ws-{sheet.id}--samenvatting"},
           el("h2", {"id": f"ws-{sheet.id}--samenvatting"}, sheet.summary_title),
           el("div", {"class": "rg-general-hints", "data-rg": "hints", "aria-live": "polite"}),
           el("div", {"class": "rg-summary", "data-rg": "summary", "aria-live": "polite"},
              el("p", {"class": "rg-muted"},
                 "Je overzicht verschijnt hier zodra de rekenhulp klaar is."))),
        _toolbar(sheet, blank_pdf_href),
    )
