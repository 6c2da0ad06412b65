"""trafilatura's regular-expression XPaths, evaluated as one Python pass over the elements.

trafilatura finds body containers and boilerplate with XPaths such as
``.//*[self::div or self::section][re:test(@class, 'share|social|...') or @id='x']``. libxml2
evaluates them slowly (every predicate builds and frees node-sets and strings per element) and
``re:test``, lxml's EXSLT extension, calls back into Python once per element and attribute: over
the 258 fundus pages these XPaths were ~27% of cleaning (1.37 s of 5.1 s). The same question
asked in Python — lxml's C-level tag filter over the descendants, ``el.get`` and a compiled
pattern — costs a fraction of that.

``compile_xpath(path)`` translates the small XPath 1.0 subset these expressions use into one
Python function per expression and returns a callable with the XPath's own call signature and
result (the selected elements, in document order), or None for anything outside the subset
(which then stays with lxml). The subset, with XPath's semantics:

    .//*[P]...[P]          descendant elements; optionally a final [1] (first match among its
                           siblings, as XPath's child step gives it) or (.//*[P]...)[1] (first)
    .//name[P]...          the same for elements of one name (.//name alone too)
    A|B|...                a union of such paths without [1] (each element once, in document order)
    P: or, and, not(P), (P), self::tag, .//tag (has such a descendant),
       @a (exists), @a='s', contains(S, 's'), starts-with(S, 's'), re:test(S, 'p'[, 'i'])
    S: @a, @a|@b (the value of the first of them in the element's source order: XPath's
       string() of a node-set), translate(@a, 'AB', 'ab')

``install()`` puts these in place of trafilatura's XPath objects (the lists are shared with the
modules that imported them); anything it cannot translate stays an lxml XPath, so what a new
trafilatura release adds outside the subset costs speed, never a different result. tests/test_fastxpath.py checks that every replaced expression selects
the same elements as lxml on every page we have, and the subset's corners one by one.
"""
from __future__ import annotations

import re

from lxml import etree

_TOKEN = re.compile(r"""\s*(?:('[^']*'|"[^"]*")|(\d+)|(\.//|::|[()\[\],|=@*])|([A-Za-z_][\w.-]*(?::[A-Za-z_][\w.-]*)?))""")


class Unsupported(Exception):
    """The expression is outside the subset this module translates."""


def _tokens(path: str) -> list[tuple[str, str]]:
    out, i, path = [], 0, path.strip()
    while i < len(path):
        m = _TOKEN.match(path, i)  # (each token takes the whitespace before it)
        if not m:
            raise Unsupported(f"cannot read {path[i:i + 20]!r}")
        out.append((("str", "num", "op", "name")[m.lastindex - 1], m.group(m.lastindex)))
        i = m.end()
    return out


class _Compiler:
    """Recursive descent over the tokens, emitting one Python expression per predicate."""

    def __init__(self, toks):
        self.toks, self.i = toks, 0
        self.consts: dict[str, object] = {}

    def peek(self, k: int = 0):
        return self.toks[self.i + k] if self.i + k < len(self.toks) else (None, None)

    def take(self, value: str | None = None, kind: str | None = None) -> str:
        tk, tv = self.peek()
        if tk is None or (value is not None and tv != value) or (kind is not None and tk != kind):
            raise Unsupported(f"expected {value or kind}, got {tv!r}")
        self.i += 1
        return tv

    def const(self, value) -> str:
        name = f"_c{len(self.consts)}"
        self.consts[name] = value
        return name

    def string(self) -> str:
        return self.take(kind="str")[1:-1]

    # predicates: or binds looser than and
    def expr(self) -> str:
        return self._chain("or", lambda: self._chain("and", self.unary))

    def _chain(self, op: str, operand) -> str:
        parts = [operand()]
        while self.peek() == ("name", op):
            self.i += 1
            parts.append(operand())
        return parts[0] if len(parts) == 1 else "(" + f" {op} ".join(parts) + ")"

    def unary(self) -> str:
        tk, tv = self.peek()
        if (tk, tv) == ("name", "not") and self.peek(1) == ("op", "("):
            self.i += 2
            inner = self.expr()
            self.take(")")
            return f"(not {inner})"
        if (tk, tv) == ("op", "("):
            self.i += 1
            inner = self.expr()
            self.take(")")
            return inner
        if (tk, tv) == ("name", "self") and self.peek(1) == ("op", "::"):
            self.i += 2
            return f"(tag == {self.take(kind='name')!r})"
        if (tk, tv) == ("op", ".//"):
            self.i += 1
            return f"(next(el.iterdescendants({self.take(kind='name')!r}), None) is not None)"
        if (tk, tv) == ("op", "@"):
            attrs = self.attrset()
            if self.peek() == ("op", "="):
                self.i += 1
                value = self.string()
                return "(" + " or ".join(f"g({a!r}) == {value!r}" for a in attrs) + ")"
            return "(" + " or ".join(f"g({a!r}) is not None" for a in attrs) + ")"
        if tk == "name" and tv in ("contains", "starts-with", "re:test") and self.peek(1) == ("op", "("):
            self.i += 2
            subject = self.strexpr()
            self.take(",")
            arg = self.string()
            flags = ""
            if self.peek() == ("op", ","):
                self.i += 1
                flags = self.string()
            self.take(")")
            if tv == "contains" and not flags:
                return f"({arg!r} in {subject})"
            if tv == "starts-with" and not flags:
                return f"{subject}.startswith({arg!r})"
            if tv == "re:test":
                # lxml's EXSLT test: Python's re.search, case-insensitive when the flags hold 'i'
                rx = re.compile(arg, re.IGNORECASE if "i" in flags else 0)
                return f"({self.const(rx)}.search({subject}) is not None)"
        raise Unsupported(f"predicate at {tv!r}")

    def attrset(self) -> list[str]:
        attrs = []
        while True:
            self.take("@")
            attrs.append(self.take(kind="name"))
            if not (self.peek() == ("op", "|") and self.peek(1) == ("op", "@")):
                return attrs
            self.i += 1

    def strexpr(self) -> str:
        """A Python expression for XPath's string() of an attribute set or of translate()."""
        if self.peek() == ("name", "translate"):
            self.i += 1
            self.take("(")
            inner = self.strexpr()
            self.take(",")
            src = self.string()
            self.take(",")
            dst = self.string()
            self.take(")")
            table: dict[int, int | None] = {}
            for k, ch in enumerate(src):  # XPath: the first occurrence counts; no partner deletes
                table.setdefault(ord(ch), ord(dst[k]) if k < len(dst) else None)
            return f"{inner}.translate({self.const(table)})"
        attrs = self.attrset()
        if len(attrs) == 1:
            return f"(g({attrs[0]!r}) or '')"
        return f"_first(el, {tuple(attrs)!r})"


def _first(el, names) -> str:
    """XPath string() of @a|@b: the value of whichever comes first in the element's source order."""
    for key in el.keys():
        if key in names:
            return el.get(key)
    return ""


class FastXPath:
    """A callable standing in for an lxml XPath object: call it with an element, get a list."""

    def __init__(self, path: str, pred, tags: tuple[str, ...] | None, first: str | None, fallback):
        self.path = path
        self._pred, self._tags, self._first, self._fallback = pred, tags, first, fallback

    def __call__(self, node, **variables):
        if variables or not isinstance(node, etree._Element):
            return self._fallback(node, **variables)
        pred = self._pred
        found = node.iterdescendants(*self._tags) if self._tags else node.iterdescendants(etree.Element)
        if self._first == "document":
            for el in found:
                if pred(el):
                    return [el]
            return []
        if self._first == "sibling":  # .//*[P][1]: the first match among each element's children
            out, parents = [], set()
            for el in found:
                if pred(el):
                    parent = el.getparent()
                    if parent not in parents:
                        parents.add(parent)
                        out.append(el)
            return out
        return [el for el in found if pred(el)]


def _step(c: _Compiler, wrapped: bool) -> tuple[list[str], str | None]:
    """One location path, .//name[P]... or .//*[P]...[1]: its predicates (a name test first, as
    self::name) and its [1], if any."""
    c.take(".//")
    name = c.take("*") if c.peek() == ("op", "*") else c.take(kind="name")
    preds, first = ([] if name == "*" else [f"(tag == {name!r})"]), None
    while c.peek() == ("op", "["):
        c.i += 1
        if c.peek() == ("num", "1") and c.peek(1) == ("op", "]") and not wrapped:
            c.i += 2
            first = "sibling"
            break
        preds.append(c.expr())
        c.take("]")
    return preds, first


def compile_xpath(path: str, fallback=None) -> FastXPath | None:
    """The expression as a FastXPath, or None when it is outside the subset."""
    try:
        toks = _tokens(path)
        c = _Compiler(toks)
        wrapped = c.peek() == ("op", "(")
        if wrapped:
            c.i += 1
        preds, first = _step(c, wrapped)
        if wrapped:
            c.take(")")
            c.take("[")
            c.take("1")
            c.take("]")
            first = "document"
        elif first is None and c.peek() == ("op", "|"):
            # a union of paths: one pass, each element selected once and in document order, as
            # XPath's union gives them
            branches = [preds]
            while c.peek() == ("op", "|"):
                c.i += 1
                branch, first = _step(c, wrapped)
                if first is not None:
                    raise Unsupported("[1] in a union")
                branches.append(branch)
            preds = ["(" + " or ".join("(" + (" and ".join(b) or "True") + ")" for b in branches) + ")"]
        if c.peek() != (None, None) or not preds:
            raise Unsupported("more than one step, or no predicate")
    except Unsupported:
        return None
    # a first predicate that only names tags lets lxml filter the elements in C
    tags = None
    m = re.fullmatch(r"\((\(tag == '[\w-]+'\)(?: or \(tag == '[\w-]+'\))*)\)|\(tag == '[\w-]+'\)", preds[0])
    if m:
        tags = tuple(re.findall(r"tag == '([\w-]+)'", preds[0]))
        preds = preds[1:]
    body = " and ".join(preds) or "True"
    src = f"def pred(el):\n    g = el.get\n    tag = el.tag\n    return {body}\n"
    scope = dict(c.consts, _first=_first)
    exec(compile(src, f"<fastxpath {path.strip()[:60]}>", "exec"), scope)  # noqa: S102 - our own code
    return FastXPath(path, scope["pred"], tags, first, fallback or etree.XPath(path, namespaces=NAMESPACES))


NAMESPACES = {"re": "http://exslt.org/regular-expressions"}
_installed: list[int] = []


def install() -> int:
    """Replace trafilatura's XPaths by their FastXPath translations (every one in the subset: each
    is faster in Python, the plain ones ~2x, the re:test ones ~3x): in place in trafilatura.xpaths'
    lists, and as the module attributes settings and baseline hold (BASIC_CLEAN_XPATH, the
    page measure of its recall escalation). Returns how many were replaced. Idempotent."""
    if _installed:
        return _installed[0]
    from importlib import import_module

    # (by import_module: the package's own attribute 'baseline' is the function of that name)
    xp, settings, baseline = (import_module(f"trafilatura.{m}") for m in ("xpaths", "settings", "baseline"))

    fast: dict[int, FastXPath | None] = {}  # id of an XPath object -> its translation (shared objects once)

    def translated(expr):
        if id(expr) not in fast:
            fast[id(expr)] = compile_xpath(expr.path, fallback=expr)
        return fast[id(expr)]

    for value in vars(xp).values():
        if isinstance(value, list):
            for k, expr in enumerate(value):
                if isinstance(expr, etree.XPath) and translated(expr) is not None:
                    value[k] = translated(expr)
    for module in (settings, baseline):
        for name, expr in list(vars(module).items()):
            if isinstance(expr, etree.XPath) and translated(expr) is not None:
                setattr(module, name, translated(expr))
    _installed.append(sum(f is not None for f in fast.values()))
    return _installed[0]
