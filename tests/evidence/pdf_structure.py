"""Reading a tagged PDF's structure back, to check that a joined dossier (evidence/pdf_join.py)
is the document a single Typst compilation makes: same elements, same bookmarks, a parent tree
and ID tree that resolve, one structure tree root."""

from __future__ import annotations

import io
import re
from collections import Counter
from dataclasses import dataclass
from typing import Any

import pikepdf


@dataclass
class Structure:
    elements: Counter[str]  # structure types and how many of each
    bookmarks: list[tuple[int, str, int]]  # depth, title, page index, in reading order
    ids: int
    parent_keys: int
    problems: list[str]


def read_structure(pdf: bytes) -> Structure:
    with pikepdf.open(io.BytesIO(pdf)) as doc:
        problems = [f"qpdf: {p}" for p in doc.check_pdf_syntax()]
        pages = {page.obj.objgen: n for n, page in enumerate(doc.pages)}
        root = doc.Root.StructTreeRoot
        roots = sum(
            1
            for obj in doc.objects
            if isinstance(obj, pikepdf.Dictionary) and obj.get("/Type") == "/StructTreeRoot"
        )
        if roots != 1:
            problems.append(f"{roots} structure tree roots")
        elements: Counter[str] = Counter()
        seen: set[tuple[int, int]] = set()
        ids: dict[bytes, Any] = {}
        headers: list[bytes] = []
        stack = [(k, root) for k in _kids(root)]
        while stack:
            element, parent = stack.pop()
            if not isinstance(element, pikepdf.Dictionary) or "/S" not in element:
                continue
            elements[str(element.S)] += 1
            if element.is_indirect:
                seen.add(element.objgen)
            if element.get("/P") is None or element.P.objgen != parent.objgen:
                problems.append(f"{element.S} whose /P is not its parent")
            if "/Pg" in element and element.Pg.objgen not in pages:
                problems.append(f"{element.S} on a page that is not in the document")
            if "/ID" in element:
                ids[bytes(element.ID)] = element
            for attrs in _attribute_dicts(element.get("/A")):
                headers += [bytes(h) for h in attrs.get("/Headers", [])]
            stack += [(k, element) for k in _kids(element)]
        problems += _id_tree_problems(root, ids, headers)
        keys = _parent_tree_problems(doc, root, seen, problems)
        bookmarks = _bookmarks(doc, pages)
        metadata = doc.Root.Metadata.read_bytes()
        npages = re.search(rb"<xmpTPg:NPages>(\d+)<", metadata)
        if npages and int(npages.group(1)) != len(doc.pages):
            problems.append(f"XMP says {npages.group(1)!r} pages, the file has {len(doc.pages)}")
        return Structure(elements, bookmarks, len(ids), keys, problems)


def _kids(element: Any) -> list[Any]:
    kids = element.get("/K")
    if kids is None:
        return []
    return list(kids) if isinstance(kids, pikepdf.Array) else [kids]


def _attribute_dicts(attributes: Any) -> list[Any]:
    if isinstance(attributes, pikepdf.Dictionary):
        return [attributes]
    if isinstance(attributes, pikepdf.Array):
        return [a for a in attributes if isinstance(a, pikepdf.Dictionary)]
    return []


def _id_tree_problems(root: Any, ids: dict[bytes, Any], headers: list[bytes]) -> list[str]:
    problems = []
    names = root.IDTree.Names if "/IDTree" in root else []
    keys = [bytes(names[i]) for i in range(0, len(names), 2)]
    if keys != sorted(keys) or len(set(keys)) != len(keys):
        problems.append("the ID tree is not sorted or has a name twice")
    if set(keys) != set(ids):
        problems.append("the ID tree and the elements' IDs differ")
    for i in range(0, len(names), 2):
        if names[i + 1].objgen != ids.get(bytes(names[i]), names[i + 1]).objgen:
            problems.append(f"ID {bytes(names[i])!r} points to another element")
    missing = {h for h in headers if h not in ids}
    if missing:
        problems.append(f"{len(missing)} /Headers name no element")
    return problems


def _parent_tree_problems(doc: Any, root: Any, seen: set[Any], problems: list[str]) -> int:
    nums = root.ParentTree.Nums
    tree = {int(nums[i]): nums[i + 1] for i in range(0, len(nums), 2)}
    if int(root.ParentTreeNextKey) <= max(tree, default=-1):
        problems.append("ParentTreeNextKey is not past the last key")
    for page in doc.pages:
        key = page.obj.get("/StructParents")
        if key is None:
            continue
        if int(key) not in tree:
            problems.append(f"page key {int(key)} is not in the parent tree")
            continue
        for mcid, element in enumerate(tree[int(key)]):
            if not isinstance(element, pikepdf.Dictionary):
                continue
            if element.objgen not in seen:
                problems.append("a parent tree entry names an element outside the tree")
                break
            if (page.obj.objgen, mcid) not in _marked_content(element):
                problems.append(f"the parent tree entry of page key {int(key)} is wrong")
                break
    return len(tree)


def _marked_content(element: Any) -> set[tuple[Any, int]]:
    """The (page, marked-content id) pairs that ``element`` owns."""
    own_page = element.Pg.objgen if "/Pg" in element else None
    pairs = set()
    for kid in _kids(element):
        if isinstance(kid, int):
            pairs.add((own_page, kid))
        elif isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") == "/MCR":
            page = kid.Pg.objgen if "/Pg" in kid else own_page
            pairs.add((page, int(kid.MCID)))
    return pairs


def _bookmarks(doc: Any, pages: dict[Any, int]) -> list[tuple[int, str, int]]:
    out: list[tuple[int, str, int]] = []

    def walk(item: Any, depth: int) -> None:
        while item is not None:
            dest = item.get("/Dest")
            page = pages.get(dest[0].objgen, -1) if dest is not None else -1
            out.append((depth, str(item.Title), page))
            if "/First" in item:
                walk(item.First, depth + 1)
            item = item.get("/Next")

    if "/Outlines" in doc.Root and "/First" in doc.Root.Outlines:
        walk(doc.Root.Outlines.First, 0)
    return out
