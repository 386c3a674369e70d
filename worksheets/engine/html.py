"""A very small HTML builder that escapes every text and attribute value.

:class:`Safe` marks markup that was built here; anything else passed as a
child is escaped. This is the only way worksheet code produces HTML, so user
text can never become an element or an attribute.
"""

from __future__ import annotations

from html import escape

VOID = frozenset({"input", "br", "hr", "img", "meta", "link"})


class Safe(str):
    """Markup produced by :func:`el`: inserted as is."""

    __slots__ = ()


Child = "Safe | str | int | None | list[Child]"


def text(value: object) -> Safe:
    """Escape ``value`` as element text."""
    return Safe(escape(str(value), quote=False))


def _render_children(children: tuple[object, ...]) -> str:
    parts: list[str] = []
    for child in children:
        if child is None or child is False:
            continue
        if isinstance(child, list | tuple):
            parts.append(_render_children(tuple(child)))
        elif isinstance(child, Safe):
            parts.append(child)
        else:
            parts.append(escape(str(child), quote=False))
    return "".join(parts)


def attrs(values: dict[str, object]) -> str:
    """Render attributes; ``True`` gives a bare attribute, ``None``/``False`` none."""
    parts = []
    for name, value in values.items():
        name = name.rstrip("_").replace("_", "-")
        if value is None or value is False:
            continue
        if value is True:
            parts.append(f" {name}")
        else:
            parts.append(f' {name}="{escape(str(value), quote=True)}"')
    return "".join(parts)


def el(name: str, attributes: dict[str, object] | None = None, *children: object) -> Safe:
    """Build one element; children are escaped unless they are :class:`Safe`."""
    opening = f"<{name}{attrs(attributes or {})}>"
    if name in VOID:
        return Safe(opening)
    return Safe(f"{opening}{_render_children(children)}</{name}>")


def join(*parts: object) -> Safe:
    """Concatenate children (escaping plain strings) into one :class:`Safe`."""
    return Safe(_render_children(parts))


def paragraphs(value: str, attributes: dict[str, object] | None = None) -> Safe:
    """Text with blank lines as separate ``<p>`` elements (line breaks kept)."""
    blocks = [block.strip() for block in value.strip().split("\n\n") if block.strip()]
    return join(
        [
            el("p", attributes, [join(*_with_breaks(block))])
            for block in blocks
        ]
    )


def authored_paragraphs(value: str, attributes: dict[str, object] | None = None) -> Safe:
    """A worksheet's own text (never a user's): as ``paragraphs``, and a block whose
    every line starts with "- " is a list."""
    blocks = [block.strip() for block in value.strip().split("\n\n") if block.strip()]
    return join([
        el("ul", attributes, [el("li", {}, line[2:]) for line in block.split("\n")])
        if all(line.startswith("- ") for line in block.split("\n"))
        else el("p", attributes, [join(*_with_breaks(block))])
        for block in blocks
    ])


def _with_breaks(block: str) -> list[object]:
    lines = block.split("\n")
    out: list[object] = []
    for index, line in enumerate(lines):
        if index:
            out.append(Safe("<br>"))
        out.append(line)
    return out
