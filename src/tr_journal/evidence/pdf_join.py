"""Join the parts of a long dossier into one tagged PDF (docs/evidence-report.md, "Long dossiers").

Why: Typst keeps every laid-out page until the end of a compilation, so a 1,000-entry dossier
typeset at once needs ~800 MiB. Typeset in parts (each a whole Typst document, each in its own
short-lived process) and joined here, the peak is that of the largest part or of this join.

What a join keeps, so that the result is the document a single compilation would give:
the pages in order; one structure tree (every part's ``Document`` children under the first
part's ``Document`` element, the parent tree renumbered, table cell IDs made unique per part and
their ``/Headers`` references renamed with them); one outline (bookmarks) chained in order; the
first part's catalog (language, PDF/A output intent, mark info, XMP metadata with the page count
corrected). A part whose catalog holds anything else (named destinations, forms, page labels) is
refused rather than joined wrongly: the template does not make them today.

The same parts give the same bytes: the file identifier is derived from the content.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

import pikepdf

#: The catalog entries the template's PDFs have; anything else would be lost by a join.
KNOWN_CATALOG = frozenset(
    {
        "/Type",
        "/Pages",
        "/Lang",
        "/OutputIntents",
        "/MarkInfo",
        "/ViewerPreferences",
        "/Outlines",
        "/StructTreeRoot",
        "/Metadata",
    }
)
_CELLS = (pikepdf.Name.TD, pikepdf.Name.TH)
_NPAGES = re.compile(rb"<xmpTPg:NPages>\d+</xmpTPg:NPages>")


class JoinRefused(Exception):
    """The parts cannot be joined faithfully (the message says why)."""


def join_parts(parts: Sequence[bytes], expected_pages: int | None = None) -> bytes:
    """One PDF made of ``parts`` in order (each a PDF typeset from the same template);
    ``expected_pages``, when given, is checked: the parts' footers were numbered for it."""
    if not parts:
        raise JoinRefused("no part to join")
    out = pikepdf.open(io.BytesIO(parts[0]))
    _check_catalog(out)
    tree = _Tree.read(out)
    for number, data in enumerate(parts[1:], start=1):
        with pikepdf.open(io.BytesIO(data)) as part:
            _check_catalog(part)
            _append(out, part, tree, number)
    if expected_pages is not None and len(out.pages) != expected_pages:
        raise JoinRefused(f"the parts have {len(out.pages)} pages, not {expected_pages}")
    tree.write(out)
    _set_page_count(out, len(out.pages))
    buffer = io.BytesIO()
    out.save(buffer, deterministic_id=True)
    out.close()
    return buffer.getvalue()


def _check_catalog(pdf: pikepdf.Pdf) -> None:
    unknown = set(pdf.Root.keys()) - KNOWN_CATALOG
    if unknown:
        raise JoinRefused(f"a part has catalog entries a join would lose: {sorted(unknown)}")


class _Tree:
    """The joined structure tree's number tree and name tree, kept flat until written."""

    def __init__(self, root: pikepdf.Dictionary, parents: list[tuple[int, Any]]) -> None:
        self.root = root
        self.parents = parents
        self.ids: list[tuple[bytes, Any]] = list(_name_tree(root.get("/IDTree")))

    @classmethod
    def read(cls, pdf: pikepdf.Pdf) -> _Tree:
        root = pdf.Root.get("/StructTreeRoot")
        if not isinstance(root, pikepdf.Dictionary):
            raise JoinRefused("a part is not tagged")
        return cls(root, list(_number_tree(root.get("/ParentTree"))))

    def next_key(self) -> int:
        return max((key for key, _value in self.parents), default=-1) + 1

    def write(self, pdf: pikepdf.Pdf) -> None:
        nums: list[Any] = []
        for key, value in sorted(self.parents, key=lambda pair: pair[0]):
            nums += [key, value]
        self.root.ParentTree = pdf.make_indirect(pikepdf.Dictionary(Nums=pikepdf.Array(nums)))
        self.root.ParentTreeNextKey = self.next_key()
        if self.ids:
            names: list[Any] = []
            for name, value in sorted(self.ids, key=lambda pair: pair[0]):
                names += [pikepdf.String(name), value]
            self.root.IDTree = pdf.make_indirect(pikepdf.Dictionary(Names=pikepdf.Array(names)))


def _document_element(root: pikepdf.Object) -> pikepdf.Dictionary:
    kids = root.get("/K")
    if isinstance(kids, pikepdf.Array) and len(kids) == 1:
        kids = kids[0]
    if not isinstance(kids, pikepdf.Dictionary) or kids.get("/S") != pikepdf.Name.Document:
        raise JoinRefused("a part's structure tree does not start with one Document element")
    return kids


def _append(out: pikepdf.Pdf, part: pikepdf.Pdf, tree: _Tree, number: int) -> None:
    """Add ``part``'s pages, structure and outline at the end of ``out``."""
    part_tree = _Tree.read(part)
    _rename_ids(part_tree, f"p{number}-".encode("ascii"))
    kids = _kids(_document_element(part_tree.root))
    for kid in kids:  # detached first, so that a copy does not drag the part's root along
        if isinstance(kid, pikepdf.Dictionary) and "/P" in kid:
            del kid["/P"]
    outline = _detached_outline(part)
    offset, first_page = tree.next_key(), len(out.pages)
    out.pages.extend(part.pages)
    for page in out.pages[first_page:]:
        _shift_struct_parents(page.obj, offset)
    # one copy of everything else, through the part's copy map: the structure elements keep
    # pointing to the pages copied above, and the C++ side walks the graph, not Python
    carrier = pikepdf.Array(
        [
            pikepdf.Array(kids),
            pikepdf.Array([value for _key, value in part_tree.parents]),
            pikepdf.Array([value for _name, value in part_tree.ids]),
            pikepdf.Array(outline),
        ]
    )
    copied_kids, parents, ids, copied_outline = out.copy_foreign(part.make_indirect(carrier))
    document = _document_element(tree.root)
    joined = _kids(document)
    for kid in copied_kids:
        if isinstance(kid, pikepdf.Dictionary) and "/S" in kid:
            kid.P = document
        joined.append(kid)
    document.K = pikepdf.Array(joined)
    tree.parents += [
        (key + offset, value) for (key, _old), value in zip(part_tree.parents, parents, strict=True)
    ]
    tree.ids += [(name, value) for (name, _old), value in zip(part_tree.ids, ids, strict=True)]
    _merge_maps(out, tree.root, part_tree.root)
    count = int(part.Root.Outlines.get("/Count", 0)) if outline else 0
    _append_outline(
        out, [item for item in copied_outline if isinstance(item, pikepdf.Dictionary)], count
    )


def _kids(element: pikepdf.Dictionary) -> list[Any]:
    kids = element.get("/K")
    if kids is None:
        return []
    return list(kids) if isinstance(kids, pikepdf.Array) else [kids]


def _shift_struct_parents(page: pikepdf.Dictionary, offset: int) -> None:
    if "/StructParents" in page:
        page.StructParents = int(page.StructParents) + offset
    for annotation in page.get("/Annots", pikepdf.Array()):
        if "/StructParent" in annotation:
            annotation.StructParent = int(annotation.StructParent) + offset


def _copy(out: pikepdf.Pdf, obj: Any) -> Any:
    """``obj`` (from a part) in ``out``: indirect objects through the part's copy map, so that a
    page and the structure elements pointing to it keep pointing to each other; direct
    containers element by element (the copy map takes indirect objects only)."""
    if not isinstance(obj, pikepdf.Object):
        return obj
    if obj.is_indirect:
        return out.copy_foreign(obj)
    if isinstance(obj, pikepdf.Array):
        return pikepdf.Array([_copy(out, item) for item in obj])
    if isinstance(obj, pikepdf.Dictionary):
        return pikepdf.Dictionary({key: _copy(out, value) for key, value in obj.items()})
    return obj


def _rename_ids(tree: _Tree, prefix: bytes) -> None:
    """Give ``part``'s structure IDs a prefix of their own (every part numbers its table cells
    from the start), in the elements, in the ID tree and in the cells' ``/Headers``."""
    if not tree.ids:
        return
    for _name, element in tree.ids:
        element.ID = pikepdf.String(prefix + bytes(element.ID))
    tree.ids = [(prefix + name, element) for name, element in tree.ids]
    for element in _elements(_tables(element for _name, element in tree.ids)):
        for attributes in _attribute_dicts(element.get("/A")):
            headers = attributes.get("/Headers")
            if isinstance(headers, pikepdf.Array):
                attributes.Headers = pikepdf.Array(
                    [pikepdf.String(prefix + bytes(h)) for h in headers]
                )


def _tables(elements: Iterable[pikepdf.Dictionary]) -> list[pikepdf.Dictionary]:
    """The tables holding ``elements`` (the header cells that have IDs): the cells that name
    them in ``/Headers`` are in the same table, so only these need a look, not every element."""
    tables: dict[tuple[int, int], pikepdf.Dictionary] = {}
    for element in elements:
        node: Any = element
        while isinstance(node, pikepdf.Dictionary) and node.get("/S") != pikepdf.Name.Table:
            node = node.get("/P")
        if isinstance(node, pikepdf.Dictionary):
            tables.setdefault(node.objgen, node)
        else:
            raise JoinRefused("a structure ID outside a table")
    return list(tables.values())


def _elements(tops: list[pikepdf.Dictionary]) -> Iterator[pikepdf.Dictionary]:
    """The elements of the tables ``tops`` down to their cells (a cell's content cannot name
    header IDs, so it is not walked)."""
    stack = list(tops)
    while stack:
        element = stack.pop()
        yield element
        if element.get("/S") in _CELLS:
            continue
        for kid in _kids(element):
            if isinstance(kid, pikepdf.Dictionary) and "/S" in kid:
                stack.append(kid)


def _attribute_dicts(attributes: Any) -> list[pikepdf.Dictionary]:
    if isinstance(attributes, pikepdf.Dictionary):
        return [attributes]
    if isinstance(attributes, pikepdf.Array):
        return [a for a in attributes if isinstance(a, pikepdf.Dictionary)]
    return []


def _merge_maps(out: pikepdf.Pdf, root: pikepdf.Dictionary, part_root: pikepdf.Dictionary) -> None:
    """Role and class maps: the same template gives the same ones; a clash is refused."""
    for key in ("/RoleMap", "/ClassMap"):
        theirs = part_root.get(key)
        if theirs is None:
            continue
        if key not in root:
            root[key] = pikepdf.Dictionary()
        ours = root[key]
        for name, value in theirs.items():
            if name not in ours:
                ours[name] = _copy(out, value)
            elif ours[name].unparse(resolved=True) != value.unparse(resolved=True):
                raise JoinRefused(f"the parts map {name} differently")


def _detached_outline(part: pikepdf.Pdf) -> list[pikepdf.Dictionary]:
    """The part's top-level bookmarks, cut from the part's outline root (so that copying them
    does not copy the root along)."""
    root = part.Root.get("/Outlines")
    items: list[pikepdf.Dictionary] = []
    item = root.get("/First") if root is not None else None
    while isinstance(item, pikepdf.Dictionary):
        items.append(item)
        del item["/Parent"]
        item = item.get("/Next")
    return items


def _append_outline(out: pikepdf.Pdf, items: list[pikepdf.Dictionary], count: int) -> None:
    """Chain the part's (copied) top-level bookmarks after ours; ``count`` is the part's
    outline count (the visible items it adds)."""
    if not items:
        return
    ours = out.Root.get("/Outlines")
    if ours is None:
        ours = out.Root.Outlines = out.make_indirect(
            pikepdf.Dictionary(Type=pikepdf.Name.Outlines, Count=0)
        )
    for item in items:
        item.Parent = ours
    if "/Last" in ours:
        ours.Last.Next = items[0]
        items[0].Prev = ours.Last
    else:
        ours.First = items[0]
    ours.Last = items[-1]
    ours.Count = int(ours.get("/Count", 0)) + count


def _set_page_count(pdf: pikepdf.Pdf, pages: int) -> None:
    """The XMP metadata states the page count (``xmpTPg:NPages``): the first part's is wrong."""
    metadata = pdf.Root.get("/Metadata")
    if metadata is None:
        return
    xml = metadata.read_bytes()
    fixed, count = _NPAGES.subn(f"<xmpTPg:NPages>{pages}</xmpTPg:NPages>".encode("ascii"), xml)
    if count > 1:
        raise JoinRefused("the metadata states the page count more than once")
    if count:
        metadata.write(fixed)


def _number_tree(node: Any) -> Iterator[tuple[int, Any]]:
    """The (key, value) pairs of a number tree (the parent tree), leaves in order."""
    return ((int(key), value) for key, value in _tree_pairs(node, "/Nums"))


def _name_tree(node: Any) -> Iterator[tuple[bytes, Any]]:
    """The (name, value) pairs of a name tree (the ID tree), leaves in order."""
    return ((bytes(key), value) for key, value in _tree_pairs(node, "/Names"))


def _tree_pairs(node: Any, leaves: str) -> Iterator[tuple[Any, Any]]:
    if node is None:
        return
    pairs = node.get(leaves)
    if pairs is not None:
        for index in range(0, len(pairs) - 1, 2):
            yield pairs[index], pairs[index + 1]
    for kid in node.get("/Kids", pikepdf.Array()):
        yield from _tree_pairs(kid, leaves)
