"""Unit tests for worksheets.engine.render: accessible, well-formed and escaped worksheet HTML."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser

import pytest

from worksheets import doelen
from worksheets.engine.documents import FORMAT, MAX_BYTES
from worksheets.engine.render import (
    INDEX,
    NUMBER,
    field_id,
    fill_button,
    render_field,
    render_summary,
    render_worksheet,
)
from worksheets.engine.schema import (
    Choice,
    Date,
    Field,
    Group,
    ItemList,
    LongText,
    Option,
    Scale,
    Section,
    ShortText,
    SummaryBlock,
    Worksheet,
    YesNo,
)

VOID = frozenset({"input", "br", "hr", "img", "meta", "link"})
CONTROLS = frozenset({"input", "textarea", "select"})
COLOURS = (Option("rood", "Rood"), Option("groen", "Groen"), Option("blauw", "Blauw"))


# --------------------------------------------------------------------------- a tiny DOM


@dataclass(eq=False)
class Node:
    tag: str
    attrs: dict[str, str | None]
    parent: Node | None = None
    children: list[Node | str] = field(default_factory=list)

    def elements(self) -> Iterator[Node]:
        """Descendant elements in document order, not entering <template>."""
        for child in self.children:
            if isinstance(child, Node):
                yield child
                if child.tag != "template":
                    yield from child.elements()

    def text(self) -> str:
        return "".join(c if isinstance(c, str) else c.text() for c in self.children)

    def ancestors(self) -> Iterator[Node]:
        node = self.parent
        while node is not None:
            yield node
            node = node.parent

    def first_element(self) -> Node | None:
        return next((c for c in self.children if isinstance(c, Node)), None)


class TreeBuilder(HTMLParser):
    """Builds a Node tree; fails on any end tag that does not close the open element."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Node("#document", {})
        self.current = self.root

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        names = [name for name, _ in attrs]
        assert len(names) == len(set(names)), f"<{tag}> repeats an attribute: {names}"
        node = Node(tag, dict(attrs), self.current)
        self.current.children.append(node)
        if tag not in VOID:
            self.current = node

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.current.children.append(Node(tag, dict(attrs), self.current))

    def handle_endtag(self, tag: str) -> None:
        assert tag not in VOID, f"</{tag}> for a void element"
        assert self.current.tag == tag, f"</{tag}> closes <{self.current.tag}>"
        assert self.current.parent is not None
        self.current = self.current.parent

    def handle_data(self, data: str) -> None:
        self.current.children.append(data)


def parse(html: str) -> Node:
    builder = TreeBuilder()
    builder.feed(html)
    builder.close()
    assert builder.current is builder.root, f"<{builder.current.tag}> is never closed"
    return builder.root


def scopes(root: Node) -> list[Node]:
    """The document, then every <template> (each template is its own id scope)."""
    found = [root]
    for node in [root, *root.elements()]:
        found += [c for c in node.children if isinstance(c, Node) and c.tag == "template"]
    return found


def all_nodes(root: Node) -> Iterator[Node]:
    """Every element, including those inside templates."""
    for child in root.children:
        if isinstance(child, Node):
            yield child
            yield from all_nodes(child)


# --------------------------------------------------------------------------- fixture worksheets


EVERY_KIND = Worksheet(
    id="elk-veld",
    title="Elk veld",
    description="Een werkblad met elk soort veld.",
    intro="Alleen voor de tests.",
    schema_version=1,
    sections=(
        Section(id="eenvoudig", title="Eenvoudig", intro="Eerste alinea.\n\nTweede\nregel.",
                fields=(
                    ShortText(id="naam", label="Naam", help="Je voornaam is genoeg.",
                              placeholder="Bijvoorbeeld Zoë", max_length=80),
                    LongText(id="verhaal", label="Verhaal", rows=6),
                    Choice(id="kleur", label="Lievelingskleur", options=COLOURS,
                           help="Kies er één."),
                    Choice(id="kleuren", label="Mooie kleuren", options=COLOURS, multiple=True),
                    Date(id="datum", label="Datum", help="Wanneer was het?"),
                    Scale(id="cijfer", label="Hoe gaat het?", minimum=0, maximum=10,
                          low_label="heel slecht", high_label="heel goed"),
                    Scale(id="rust", label="Hoe rustig?"),
                    YesNo(id="akkoord", label="Akkoord?", help="Ja of nee."),
                )),
        Section(id="herhalend", title="Herhalend", fields=(
            ItemList(id="punten", label="Punten", help="Eén per regel.", item_label="Punt",
                     add_label="Punt toevoegen", max_items=7, max_length=120),
            Group(id="blokken", label="Blokken", item_label="Blok", add_label="Blok toevoegen",
                  help="Zoveel als je wilt.", max_items=4, fields=(
                      ShortText(id="titel", label="Titel", help="Kort."),
                      LongText(id="uitleg", label="Uitleg"),
                      Choice(id="soort", label="Soort", options=COLOURS),
                      Choice(id="soorten", label="Soorten", options=COLOURS, multiple=True),
                      Date(id="wanneer", label="Wanneer"),
                      Scale(id="score", label="Score", low_label="laag", high_label="hoog"),
                      YesNo(id="klaar", label="Klaar?"),
                  )),
        )),
    ),
    summary_title="Overzicht",
)

SHEETS = {"doelen": doelen.WORKSHEET, "elk-veld": EVERY_KIND}

SCRIPT = "<script>alert(1)</script>"
ATTR = '" onmouseover="x'
EVIL = f"{SCRIPT}{ATTR}"
EVIL_OPTIONS = (Option(f"w{ATTR}", f"Optie {EVIL}"), Option("gewoon", "Gewoon"))

HOSTILE = Worksheet(
    id="vijandig",
    title=f"Titel {EVIL}",
    description=f"Beschrijving {EVIL}",
    intro=f"Intro {EVIL}",
    schema_version=1,
    sections=(
        Section(id="een", title=f"Sectie {EVIL}", intro=f"Sectie-intro {EVIL}\n\nNog {EVIL}",
                fields=(
                    ShortText(id="tekst", label=f"Label {EVIL}", help=f"Hulp {EVIL}",
                              placeholder=f"Voorbeeld {EVIL}"),
                    LongText(id="lang", label=f"Lang {EVIL}", help=f"Hulp {EVIL}"),
                    Choice(id="keuze", label=f"Keuze {EVIL}", options=EVIL_OPTIONS,
                           help=f"Hulp {EVIL}"),
                    Choice(id="keuzes", label=f"Keuzes {EVIL}", options=EVIL_OPTIONS,
                           multiple=True),
                    Date(id="datum", label=f"Datum {EVIL}", help=f"Hulp {EVIL}"),
                    Scale(id="schaal", label=f"Schaal {EVIL}", low_label=f"laag {EVIL}",
                          high_label=f"hoog {EVIL}"),
                    YesNo(id="janee", label=f"Ja/nee {EVIL}"),
                )),
        Section(id="twee", title=f"Twee {EVIL}", fields=(
            ItemList(id="lijst", label=f"Lijst {EVIL}", help=f"Hulp {EVIL}",
                     item_label=f"Punt {EVIL}", add_label=f"Toevoegen {EVIL}"),
            Group(id="groep", label=f"Groep {EVIL}", help=f"Hulp {EVIL}",
                  item_label=f"Blok {EVIL}", add_label=f"Blok erbij {EVIL}",
                  fields=(ShortText(id="binnen", label=f"Binnen {EVIL}", help=f"Hulp {EVIL}"),
                          Choice(id="soort", label=f"Soort {EVIL}", options=EVIL_OPTIONS))),
        )),
    ),
    summary_title=f"Samenvatting {EVIL}",
)


@pytest.fixture(scope="module", params=sorted(SHEETS))
def sheet(request: pytest.FixtureRequest) -> Worksheet:
    return SHEETS[request.param]


def rendered(sheet: Worksheet) -> Node:
    return parse(str(render_worksheet(sheet, "werkbladen/leeg.pdf")))


# --------------------------------------------------------------------------- structure


def test_html_is_well_formed_and_has_the_data_the_script_needs(sheet: Worksheet) -> None:
    root = rendered(sheet)
    top = root.first_element()
    assert top is not None and top.tag == "div"
    assert top.attrs["data-worksheet"] == sheet.id
    assert top.attrs["data-schema-version"] == str(sheet.schema_version)
    assert top.attrs["data-title"] == sheet.title
    assert top.attrs["data-document-format"] == FORMAT
    assert top.attrs["data-max-bytes"] == str(MAX_BYTES)
    forms = [n for n in root.elements() if n.tag == "form"]
    assert len(forms) == 1 and forms[0].attrs["aria-label"] == sheet.title


def test_every_top_level_field_has_a_wrapper_with_its_kind(sheet: Worksheet) -> None:
    wrappers = [n for n in rendered(sheet).elements() if "data-field" in n.attrs]
    assert [(w.attrs["data-field"], w.attrs["data-kind"]) for w in wrappers] == [
        (f.id, f.kind) for f in sheet.fields()
    ]


def test_ids_are_unique_in_the_page_and_in_every_template(sheet: Worksheet) -> None:
    for scope in scopes(rendered(sheet)):
        ids = [n.attrs["id"] for n in scope.elements() if "id" in n.attrs]
        assert ids, scope.tag
        duplicates = sorted({i for i in ids if ids.count(i) > 1})
        assert duplicates == [], f"{scope.tag}: {duplicates}"
        assert all(i and " " not in i for i in ids)


def visible_controls(scope: Node) -> list[Node]:
    return [n for n in scope.elements()
            if n.tag in CONTROLS and "hidden" not in n.attrs and n.attrs.get("type") != "hidden"]


def test_the_only_hidden_control_is_the_file_input(sheet: Worksheet) -> None:
    hidden = [n for scope in scopes(rendered(sheet)) for n in scope.elements()
              if n.tag in CONTROLS and n not in visible_controls(scope)]
    assert [(n.tag, n.attrs.get("type"), n.attrs.get("aria-hidden")) for n in hidden] == [
        ("input", "file", "true")
    ]


def test_every_control_has_an_id_and_exactly_one_label(sheet: Worksheet) -> None:
    checked = 0
    for scope in scopes(rendered(sheet)):
        labels = [n.attrs.get("for") for n in scope.elements() if n.tag == "label"]
        for control in visible_controls(scope):
            control_id = control.attrs.get("id")
            assert control_id, control.attrs
            assert labels.count(control_id) == 1, control_id
            label = next(n for n in scope.elements()
                         if n.tag == "label" and n.attrs.get("for") == control_id)
            assert label.text().strip(), control_id
            checked += 1
        for name in labels:  # and no label points at nothing
            assert name in {c.attrs.get("id") for c in visible_controls(scope)}, name
    assert checked > 10


def test_radios_and_checkboxes_sit_in_a_fieldset_with_a_legend(sheet: Worksheet) -> None:
    options = [n for scope in scopes(rendered(sheet)) for n in scope.elements()
               if n.tag == "input" and n.attrs.get("type") in ("radio", "checkbox")]
    assert options
    for option in options:
        fieldset = next(a for a in option.ancestors() if a.tag == "fieldset")
        legend = fieldset.first_element()
        assert legend is not None and legend.tag == "legend" and legend.text().strip()
        label = option.parent
        assert label is not None and label.tag == "label"
        assert label.attrs["for"] == option.attrs["id"]
        assert label.text().strip()


def test_radio_groups_share_a_name_and_have_distinct_values(sheet: Worksheet) -> None:
    for scope in scopes(rendered(sheet)):
        groups: dict[str, list[str]] = {}
        for n in scope.elements():
            if n.tag == "input" and n.attrs.get("type") in ("radio", "checkbox"):
                groups.setdefault(n.attrs["name"] or "", []).append(n.attrs["value"] or "")
        for name, values in groups.items():
            assert name and len(values) == len(set(values)) >= 2, name


def test_every_fieldset_starts_with_a_legend(sheet: Worksheet) -> None:
    fieldsets = [n for n in all_nodes(rendered(sheet)) if n.tag == "fieldset"]
    assert fieldsets
    for fieldset in fieldsets:
        legend = fieldset.first_element()
        assert legend is not None and legend.tag == "legend", fieldset.attrs
        assert legend.text().strip()
        assert [n.tag for n in fieldset.children if isinstance(n, Node)].count("legend") == 1


def test_aria_references_point_at_existing_ids_in_the_same_scope(sheet: Worksheet) -> None:
    references = 0
    for scope in scopes(rendered(sheet)):
        ids = {n.attrs["id"] for n in scope.elements() if "id" in n.attrs}
        for node in scope.elements():
            for attribute in ("aria-describedby", "aria-labelledby"):
                value = node.attrs.get(attribute)
                if value is None:
                    continue
                assert value.strip(), f"empty {attribute} on <{node.tag}>"
                for ref in value.split():
                    assert ref in ids, f"{attribute}={ref!r} in {scope.tag}"
                    references += 1
                    if scope.tag == "template":
                        assert INDEX in ref, ref
    assert references > 10


def test_help_texts_exist_and_describe_their_field(sheet: Worksheet) -> None:
    root = rendered(sheet)
    all_elements = list(all_nodes(root))
    by_id = {n.attrs["id"]: n for n in all_elements if "id" in n.attrs}
    described = " ".join(n.attrs.get("aria-describedby") or "" for n in all_elements).split()

    def walk(fields: tuple[Field, ...], prefix: str) -> Iterator[tuple[Field, str]]:
        for spec in fields:
            path = f"{prefix}{spec.id}"
            yield spec, path
            if isinstance(spec, Group):
                yield from walk(spec.fields, f"{path}.{INDEX}.")

    with_help = 0
    for spec, path in walk(tuple(sheet.fields()), ""):
        help_id = f"{field_id(sheet, path)}-help"
        if not spec.help:
            assert help_id not in by_id
            continue
        with_help += 1
        assert by_id[help_id].text() == spec.help
        assert "rg-help" in (by_id[help_id].attrs["class"] or "")
        assert help_id in described, help_id
    assert with_help >= 3


def test_scale_end_labels_are_spoken() -> None:
    root = rendered(EVERY_KIND)
    ends = next(n for n in root.elements() if n.attrs.get("id") == "ws-elk-veld-cijfer-ends")
    assert ends.text() == "0 betekent heel slecht, 10 betekent heel goed."
    wrapper = next(n for n in root.elements() if n.attrs.get("data-field") == "cijfer")
    assert "ws-elk-veld-cijfer-ends" in (wrapper.attrs["aria-describedby"] or "").split()
    rust = next(n for n in root.elements() if n.attrs.get("data-field") == "rust")
    values = [n.attrs["value"] for n in rust.elements() if n.tag == "input"]
    assert values == ["1", "2", "3", "4", "5"]


def test_every_field_has_a_hint_target_with_its_path(sheet: Worksheet) -> None:
    root = rendered(sheet)
    targets = {n.attrs["data-hint-for"] for n in all_nodes(root) if "data-hint-for" in n.attrs}
    for spec in sheet.fields():
        assert spec.id in targets
        if isinstance(spec, Group):
            for member in spec.fields:
                assert f"{spec.id}.{INDEX}.{member.id}" in targets
        if isinstance(spec, ItemList):
            assert f"{spec.id}.{INDEX}" in targets
    hints = [n for n in all_nodes(root) if "data-hint-for" in n.attrs]
    assert all("hidden" in n.attrs and n.text() == "" for n in hints)


def test_every_hint_is_tied_to_a_control_or_fieldset(sheet: Worksheet) -> None:
    for scope in scopes(rendered(sheet)):
        described = " ".join(n.attrs.get("aria-describedby") or ""
                             for n in scope.elements()).split()
        for hint in scope.elements():
            if "rg-hint" in (hint.attrs.get("class") or "").split():
                assert hint.attrs["id"] in described, hint.attrs["id"]


def test_templates_carry_index_and_number_placeholders(sheet: Worksheet) -> None:
    root = rendered(sheet)
    templates = scopes(root)[1:]
    repeating = [f for f in sheet.fields() if isinstance(f, ItemList | Group)]
    assert len(templates) == len(repeating) >= 1
    for template, spec in zip(templates, repeating, strict=True):
        assert template.attrs["data-rg"] == "item-template"
        wrapper = template.parent
        assert wrapper is not None and wrapper.attrs["data-field"] == spec.id
        items = [n for n in wrapper.elements() if n.attrs.get("data-rg") == "items"]
        assert len(items) == 1 and items[0].children == []
        assert wrapper.attrs["data-max-items"] == str(spec.max_items)
        ids = [n.attrs["id"] for n in template.elements() if "id" in n.attrs]
        assert ids and all(INDEX in i for i in ids)
        assert f"{spec.item_label} {NUMBER}" in template.text()
        labels = [n.attrs.get("aria-label") or "" for n in template.elements()
                  if n.attrs.get("data-rg-action") in ("move-up", "move-down", "remove-item")]
        assert labels == [f"{spec.item_label} {NUMBER} omhoog",
                          f"{spec.item_label} {NUMBER} omlaag",
                          f"{spec.item_label} {NUMBER} verwijderen"]
    outside = [n for n in root.elements()
               if any(INDEX in (v or "") or NUMBER in (v or "") for v in n.attrs.values())]
    assert outside == []


def test_blocks_can_fold_and_list_items_cannot(sheet: Worksheet) -> None:
    root = rendered(sheet)
    repeating = [f for f in sheet.fields() if isinstance(f, ItemList | Group)]
    for template, spec in zip(scopes(root)[1:], repeating, strict=True):
        assert template.parent is not None
        fold_all = [n for n in template.parent.elements()
                    if n.attrs.get("data-rg-action") == "fold-all"]
        folds = [n for n in template.elements() if n.attrs.get("data-rg-action") == "fold"]
        if isinstance(spec, ItemList):
            assert folds == [] and fold_all == []
            continue
        (button,) = folds
        (everything,) = fold_all
        # Named by their group (a page can have several) and block.
        assert "hidden" in everything.attrs
        assert everything.text() == f"Alles inklappen: {spec.label}"
        assert button.text() == f"Inklappen: {spec.item_label} {NUMBER}"
        body_id = button.attrs["aria-controls"]
        (body,) = [n for n in template.elements() if n.attrs.get("id") == body_id]
        assert "rg-item-body" in (body.attrs.get("class") or "").split()
        inside = [n.attrs["data-subfield"] for n in body.elements() if "data-subfield" in n.attrs]
        assert inside == [member.id for member in spec.fields]
        (summary,) = [n for n in template.elements() if n.attrs.get("data-rg") == "fold-summary"]
        assert "hidden" in summary.attrs and summary not in body.elements()


def test_template_ids_become_unique_per_item(sheet: Worksheet) -> None:
    for template in scopes(rendered(sheet))[1:]:
        ids = [n.attrs["id"] for n in template.elements() if "id" in n.attrs]
        first = {i.replace(INDEX, "0") for i in ids}
        second = {i.replace(INDEX, "1") for i in ids}
        assert len(first) == len(ids) and first.isdisjoint(second)


def test_every_button_has_a_name_and_a_type(sheet: Worksheet) -> None:
    buttons = [n for n in all_nodes(rendered(sheet)) if n.tag == "button"]
    assert len(buttons) >= 5
    for button in buttons:
        assert button.attrs.get("type") == "button"
        assert button.text().strip() or (button.attrs.get("aria-label") or "").strip()


def test_sections_are_labelled_by_their_heading(sheet: Worksheet) -> None:
    root = rendered(sheet)
    sections = [n for n in root.elements()
                if n.tag == "section" and "rg-section" in (n.attrs.get("class") or "")]
    assert [s.attrs["aria-labelledby"] for s in sections] == [
        f"ws-{sheet.id}--sectie-{section.id}" for section in sheet.sections
    ]
    headings = [n.text() for s in sections for n in s.elements() if n.tag == "h2"]
    assert headings == [section.title for section in sheet.sections]


def test_toolbar_and_blank_pdf_link(sheet: Worksheet) -> None:
    root = rendered(sheet)
    actions = [n.attrs["data-rg-action"] for n in root.elements()
               if n.tag == "button" and "data-rg-action" in n.attrs]
    for action in ("export-pdf", "print", "export-json", "import-json", "clear"):
        assert actions.count(action) == 1
    links = [n for n in root.elements() if n.tag == "a"]
    assert [(a.attrs["href"], "download" in a.attrs) for a in links] == [
        ("werkbladen/leeg.pdf", True)
    ]


def test_summary_title_heads_the_derived_output(sheet: Worksheet) -> None:
    root = rendered(sheet)
    heading = next(n for n in root.elements()
                   if n.attrs.get("id") == f"ws-{sheet.id}--samenvatting")
    assert heading.text() == sheet.summary_title


def test_text_fields_carry_their_limits() -> None:
    root = rendered(EVERY_KIND)
    by_id = {n.attrs["id"]: n for n in all_nodes(root) if "id" in n.attrs}
    assert by_id["ws-elk-veld-naam"].attrs["maxlength"] == "80"
    assert by_id["ws-elk-veld-naam"].attrs["placeholder"] == "Bijvoorbeeld Zoë"
    assert by_id["ws-elk-veld-verhaal"].tag == "textarea"
    assert by_id["ws-elk-veld-verhaal"].attrs["rows"] == "6"
    assert by_id["ws-elk-veld-verhaal"].attrs["maxlength"] == "5000"
    assert by_id["ws-elk-veld-datum"].attrs["type"] == "date"
    assert by_id["ws-elk-veld-punten-__I__"].attrs["maxlength"] == "120"
    assert "placeholder" not in by_id["ws-elk-veld-blokken-__I__-titel"].attrs


def test_choice_kinds_render_as_radios_or_checkboxes() -> None:
    root = rendered(EVERY_KIND)

    def types(field_name: str) -> set[str | None]:
        wrapper = next(n for n in root.elements() if n.attrs.get("data-field") == field_name)
        return {n.attrs.get("type") for n in wrapper.elements() if n.tag == "input"}

    assert types("kleur") == {"radio"}
    assert types("kleuren") == {"checkbox"}
    assert types("cijfer") == {"radio"}
    assert types("akkoord") == {"radio"}


def test_section_intro_keeps_paragraphs_and_line_breaks() -> None:
    root = rendered(EVERY_KIND)
    section = next(n for n in root.elements() if n.attrs.get("aria-labelledby")
                   == "ws-elk-veld--sectie-eenvoudig")
    paragraphs = [n for n in section.children if isinstance(n, Node) and n.tag == "p"]
    assert [p.text() for p in paragraphs] == ["Eerste alinea.", "Tweederegel."]
    assert [n.tag for n in paragraphs[1].elements()] == ["br"]


def test_field_id_replaces_dots() -> None:
    assert field_id(doelen.WORKSHEET, "doelen.0.doel") == "ws-doelen-doelen-0-doel"
    assert field_id(doelen.WORKSHEET, "moeilijk") == "ws-doelen-moeilijk"


def test_render_field_refuses_unknown_field_types() -> None:
    class Strange(Field):
        kind = "strange"

    with pytest.raises(TypeError, match="no renderer"):
        render_field(EVERY_KIND, Strange(id="raar", label="Raar"), "raar")


@pytest.mark.parametrize("name", ["samenvatting", "acties", "sectie"])
def test_field_ids_cannot_collide_with_page_ids(name: str) -> None:
    # Regression: page-level ids once were ws-<sheet>-samenvatting / -acties / -sectie-<id>,
    # the same shape as the id of a field with that name.
    sheet = Worksheet(id="botsing", title="Botsing", description="", intro="",
                      schema_version=1, sections=(
                          Section(id="help", title="Een", fields=(
                              Scale(id=name, label="Samenvatting", help="Uitleg"),)),
                          Section(id="een", title="Twee", fields=(
                              ShortText(id="help", label="Hulp", help="Uitleg"),)),
                      ))
    root = rendered(sheet)
    ids = [n.attrs["id"] for n in root.elements() if "id" in n.attrs]
    assert len(ids) == len(set(ids)), sorted({i for i in ids if ids.count(i) > 1})


# --------------------------------------------------------------------------- escaping


def test_user_controlled_strings_are_escaped() -> None:
    html = str(render_worksheet(HOSTILE, f"leeg.pdf{ATTR}"))
    root = parse(html)
    nodes = list(all_nodes(root))
    assert [n for n in nodes if n.tag == "script"] == []
    assert all(name == name.strip() and not name.startswith("on")
               for n in nodes for name in n.attrs), "an event handler attribute was injected"
    assert "<script" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "&quot; onmouseover=&quot;x" in html  # inside attribute values
    # The text itself survives, as text and as attribute values.
    text = root.text()
    for shown in (f"Sectie {EVIL}", f"Label {EVIL}", f"Hulp {EVIL}", f"Optie {EVIL}",
                  f"Samenvatting {EVIL}", f"Binnen {EVIL}", f"Punt {EVIL} {NUMBER}",
                  f"Blok {EVIL} {NUMBER}", f"+ Toevoegen {EVIL}", f"1 = laag {EVIL}",
                  f"Sectie-intro {EVIL}"):
        assert shown in text, shown
    top = root.first_element()
    assert top is not None and top.attrs["data-title"] == f"Titel {EVIL}"
    values = {n.attrs.get("value") for n in nodes if n.tag == "input"}
    assert f"w{ATTR}" in values
    placeholders = {n.attrs.get("placeholder") for n in nodes if n.tag in ("input", "textarea")}
    assert f"Voorbeeld {EVIL}" in placeholders
    links = [n.attrs["href"] for n in nodes if n.tag == "a"]
    assert links == [f"leeg.pdf{ATTR}"]


def test_hostile_sheet_is_still_well_formed_and_accessible() -> None:
    root = rendered(HOSTILE)
    for scope in scopes(root):
        ids = [n.attrs["id"] for n in scope.elements() if "id" in n.attrs]
        assert len(ids) == len(set(ids))
        labels = [n.attrs.get("for") for n in scope.elements() if n.tag == "label"]
        for control in visible_controls(scope):
            assert labels.count(control.attrs["id"]) == 1


def test_render_summary_escapes_titles_lines_and_empty_texts() -> None:
    html = str(render_summary([
        SummaryBlock(f"Kop {EVIL}", (f"Regel {EVIL}", "  ", "Zoë & café")),
        SummaryBlock("Leeg", (), f"Niets {EVIL}"),
        SummaryBlock("Zonder tekst", ("", " ")),
    ]))
    assert "<script" not in html
    root = parse(html)
    assert [n for n in all_nodes(root) if n.tag == "script"] == []
    assert all(not name.startswith("on") for n in all_nodes(root) for name in n.attrs)
    blocks = [n for n in root.elements() if n.tag == "div"]
    assert [b.attrs["class"] for b in blocks] == ["rg-summary-block"] * 3
    assert [next(n for n in b.elements() if n.tag == "h3").text() for b in blocks] == [
        f"Kop {EVIL}", "Leeg", "Zonder tekst",
    ]
    items = [n.text() for n in blocks[0].elements() if n.tag == "li"]
    assert items == [f"Regel {EVIL}", "Zoë & café"]  # blank lines dropped
    assert "Zoë &amp; café" in html
    muted = [n.text() for b in blocks[1:] for n in b.elements() if n.tag == "p"]
    assert muted == [f"Niets {EVIL}", "Nog niets ingevuld."]


def test_lines_that_number_themselves_get_no_bullet() -> None:
    numbered = SummaryBlock("Belangrijk", ("1. Slapen", "2. Geld", " "))
    assert numbered.numbered
    assert not SummaryBlock("Doelen", ("1. Slapen", "Geld")).numbered
    assert not SummaryBlock("Leeg", ()).numbered
    html = str(render_summary([numbered, SummaryBlock("Doelen", ("Zwemmen",))]))
    assert html.count('<ul class="rg-numbered" role="list">') == 1 and html.count("<ul>") == 1


def test_render_summary_of_nothing_is_empty() -> None:
    assert render_summary([]) == ""


def test_a_fill_button_carries_a_value_the_field_accepts() -> None:
    spec = Group(id="blokken", label="Blokken", item_label="Blok", add_label="Blok toevoegen",
                 max_items=2, fields=(ShortText(id="titel", label="Titel", max_length=20),
                                      Choice(id="kleur", label="Kleur", options=COLOURS)))
    value = [{"titel": 'Eén "blok" <b>&', "kleur": "rood"}]
    html = str(fill_button(spec, value, "Neem over", "Overgenomen & klaar"))
    assert html == (
        '<button type="button" class="rg-button rg-fill-button" data-rg-action="fill-field" '
        'data-rg-field="blokken" data-rg-value="[{&quot;titel&quot;:&quot;Eén \\&quot;blok\\&quot; '
        '&lt;b&gt;&amp;&quot;,&quot;kleur&quot;:&quot;rood&quot;}]" '
        'data-rg-done="Overgenomen &amp; klaar">Neem over</button>')
    for wrong in ([{"kleur": "paars"}], [{"titel": "x" * 21}], [{}, {}, {}], "tekst"):
        with pytest.raises(ValueError, match=r"^blokken: "):
            fill_button(spec, wrong, "Neem over", "Klaar")


def test_a_scale_choice_is_a_row_marked_as_a_scale() -> None:
    sheet = Worksheet(id="schaal", title="Schaal", description="", intro="", schema_version=1,
                      sections=(Section(id="s", title="S", fields=(
                          Choice(id="c", label="Klopt het?", layout="scale", options=tuple(
                              Option(str(n), str(n)) for n in range(1, 6))),)),))
    html = str(render_worksheet(sheet, "leeg.pdf"))
    assert 'class="rg-options rg-options--row rg-options--scale"' in html
