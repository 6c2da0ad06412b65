"""Speaker identity across articles: pure helpers the warehouse uses to key quotes by speaker.

`resolve_speakers(quotes, known)` returns one `Speaker` (or None) per quote. Names are
normalised (titles such as "Deputy Prime Minister", "Mr", "Dr", "President" stripped and kept
as roles); a full name matches a known speaker with the same normalised name; a surname on its
own matches a known person only when this article has no full name with that surname and
exactly one known person has it, so two different people sharing a surname are never merged.
"""
from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

from extractors.quotes import Quote, final_kind, is_place

# never a speaker's name, with or without a contracted auxiliary ("They", "He's", "I've")
_PRONOUN_RE = re.compile(r"^(?:he|she|they|it|we|i|you|him|her|them|us|me)(?:[\u2019'](?:s|ve|d|ll|re|m))?$", re.I)


@dataclass(frozen=True)
class Speaker:
    speaker_id: str  # "person:olha-stefanishyna", "org:the-kremlin", "anon:a-senior-diplomat"
    name: str  # canonical display name (full name when known)
    kind: str  # person | organisation | anonymous
    aliases: tuple[str, ...]  # forms seen in this article
    roles: tuple[str, ...]
    country: str | None


_TITLE_WORDS = {
    "mr", "mrs", "ms", "miss", "dr", "prof", "professor", "sir", "dame", "president", "vice",
    "prime", "minister", "deputy", "secretary", "general", "chancellor", "senator", "sen", "rep",
    "representative", "gov", "governor", "mayor", "judge", "ambassador", "chairman",
    "chairwoman", "speaker", "spokesman", "spokeswoman", "spokesperson", "director", "chief",
    "king", "queen", "prince", "pope", "gen", "lt", "col", "maj", "capt", "adm", "foreign",
    "defence", "defense", "interior", "finance", "acting", "former", "senior", "assistant",
    "press", "state", "commissioner", "premier", "envoy", "special", "first", "lord", "lady",
}
_ORG_HINTS = {
    "kremlin": "Russia", "white house": "United States", "pentagon": "United States",
    "state department": "United States", "elysee": "France", "élysée": "France",
    "downing street": "United Kingdom", "bundestag": "Germany", "rada": "Ukraine",
    "verkhovna rada": "Ukraine", "duma": "Russia", "zhongnanhai": "China",
}
_COUNTRIES = {
    "Ukraine": ["ukraine", "ukrainian"], "Russia": ["russia", "russian"],
    "France": ["france", "french"], "Germany": ["germany", "german"],
    "Poland": ["poland", "polish"], "United States": ["united states", "u.s.", "american", "us"],
    "United Kingdom": ["united kingdom", "britain", "british", "uk", "u.k."],
    "Italy": ["italy", "italian"], "Spain": ["spain", "spanish"], "China": ["china", "chinese"],
    "Hungary": ["hungary", "hungarian"], "Slovakia": ["slovakia", "slovak"],
    "Czech Republic": ["czech republic", "czech"], "Romania": ["romania", "romanian"],
    "Moldova": ["moldova", "moldovan"], "Belarus": ["belarus", "belarusian"],
    "Lithuania": ["lithuania", "lithuanian"], "Latvia": ["latvia", "latvian"],
    "Estonia": ["estonia", "estonian"], "Finland": ["finland", "finnish"],
    "Sweden": ["sweden", "swedish"], "Turkey": ["turkey", "turkish"], "Japan": ["japan", "japanese"],
    "India": ["india", "indian"], "Canada": ["canada", "canadian"], "Israel": ["israel", "israeli"],
    "Netherlands": ["netherlands", "dutch"], "Belgium": ["belgium", "belgian"],
    "Austria": ["austria", "austrian"], "Greece": ["greece", "greek"], "Georgia": ["georgia", "georgian"],
}
_REGIONS = ["Central Europe", "Eastern Europe", "Western Europe", "Southern Europe",
            "Northern Europe", "the Baltics", "the Balkans", "the Middle East", "Latin America",
            "Central Asia", "South Asia", "East Asia", "Southeast Asia", "Africa", "Europe", "Asia"]


def _slug(s: str) -> str:
    s = unicodedata.normalize("NFKD", s).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", s.lower()).strip("-")


def strip_titles(name: str) -> tuple[str, str | None]:
    """'Deputy Prime Minister Olha Stefanishyna' -> ('Olha Stefanishyna', 'Deputy Prime Minister')."""
    toks = name.replace("\u00a0", " ").split()
    k = 0
    while k < len(toks) - 1 and toks[k].lower().rstrip(".") in _TITLE_WORDS:
        k += 1
    return " ".join(toks[k:]), (" ".join(toks[:k]) or None)


@functools.lru_cache(maxsize=65536)
def normalise_name(name: str) -> str:
    base, _ = strip_titles(name)
    base = re.sub(r"[\u2019']s$", "", base)
    return _slug(base)


_COUNTRY_RX = [(country, f, re.compile(r"(?<![\w.])" + re.escape(f) + r"(?:[\u2019']s)?(?![\w])"))
               for country, forms in _COUNTRIES.items() for f in forms]
_REGION_RX = [(region, re.compile(r"\b" + re.escape(region.lower()) + r"\b")) for region in _REGIONS]


@functools.lru_cache(maxsize=65536)
def derive_country(*texts: str | None) -> str | None:
    """Country or region named in a role or description ("French President" -> "France")."""
    for t in texts:
        if not t:
            continue
        low = t.lower()
        for key, country in _ORG_HINTS.items():
            if key in low:
                return country
        # A country named anywhere beats a region ("Britain's Europe minister" is British).
        for country, f, rx in _COUNTRY_RX:
            if f in low and rx.search(low):
                if f == "us" and "U.S" not in t and " US " not in f" {t} ":
                    continue
                return country
        for region, rx in _REGION_RX:
            if rx.search(low):
                return region.replace("the ", "") if region.startswith("the ") else region
    return None


def _kind(q: Quote) -> str:
    if q.anonymous or q.speaker_kind == "anonymous":
        return "anonymous"
    if q.speaker_kind == "organisation":
        return "organisation"
    if q.speaker and is_place(q.speaker):
        return "organisation"  # "Kyiv", "Lithuania": a government, never a person
    if q.speaker_kind == "unknown" and q.speaker:
        kind, anon = final_kind(q.speaker, "unknown", False)
        if anon or kind == "anonymous":
            return "anonymous"
        if kind == "organisation":
            return "organisation"
        if not re.fullmatch(r"(?:[A-Z][\w\u2019'.\-]*\s*)+", q.speaker.strip()):
            return "anonymous"  # a description that is not a name shape ("two people", "those close to him")
    return "person"


def _is_speaker_name(name: str | None) -> bool:
    """A stored speaker needs a name: no pronoun ("They"), nothing empty."""
    return bool(name and name.strip()) and not _PRONOUN_RE.match(name.strip())


class SpeakerIndex:
    """Known speakers indexed by normalised name/alias and by surname, kept up to date as
    speakers are added, so that resolving many articles does not re-index everyone each time."""

    def __init__(self, known: Sequence[Speaker] = ()):
        self.by_id: dict[str, Speaker] = {}
        self.by_norm: dict[tuple[str, str], str] = {}
        self.by_surname: dict[str, list[str]] = {}
        for sp in known:
            self.add(sp)

    def add(self, sp: Speaker) -> None:
        """Add a speaker, or replace the stored one with the same id (e.g. with more aliases)."""
        self.by_id[sp.speaker_id] = sp
        self.by_norm[(sp.kind, normalise_name(sp.name))] = sp.speaker_id
        for al in sp.aliases:
            self.by_norm.setdefault((sp.kind, normalise_name(al)), sp.speaker_id)
        if sp.kind == "person":
            sur = _surname(sp.name)
            ids = self.by_surname.setdefault(sur, [])
            if sp.speaker_id not in ids:
                ids.append(sp.speaker_id)

    def match(self, kind: str, name: str) -> Speaker | None:
        sid = self.by_norm.get((kind, normalise_name(name)))
        return self.by_id[sid] if sid is not None else None

    def only_with_surname(self, surname: str) -> Speaker | None:
        ids = self.by_surname.get(surname.lower(), [])
        return self.by_id[ids[0]] if len(ids) == 1 else None

    def link(self, local: Sequence[Speaker | None]) -> list[Speaker | None]:
        """Map one article's own identities (:func:`local_speakers`) to known speakers where it is
        safe: the same normalised name or alias, or a lone surname that exactly one known person
        has. Identities that land on the same speaker pool their aliases and roles."""
        final: dict[str, tuple[str, str, str]] = {}  # local id -> (speaker_id, name, kind)
        pooled: dict[str, tuple[dict, dict]] = {}  # speaker_id -> (aliases, roles), insertion-ordered
        for sp in local:
            if sp is None or sp.speaker_id in final:
                continue
            match = None
            if sp.kind == "person":
                match = self.match("person", sp.name)
                if match is None and len(sp.name.split()) == 1:
                    match = self.only_with_surname(sp.name)
            elif sp.kind == "organisation":
                match = self.match("organisation", sp.name)
            ident = (match.speaker_id, match.name, sp.kind) if match else (sp.speaker_id, sp.name, sp.kind)
            final[sp.speaker_id] = ident
            aliases, roles = pooled.setdefault(ident[0], ({}, {}))
            aliases.update(dict.fromkeys(sp.aliases))
            roles.update(dict.fromkeys(sp.roles))
        built: dict[str, Speaker] = {}
        for sid, name, kind in final.values():
            if sid not in built:
                aliases, roles = pooled[sid]
                rl = tuple(roles)
                built[sid] = Speaker(sid, name, kind, tuple(aliases), rl,
                                     derive_country(*rl, name if kind != "person" else None))
        return [built[final[sp.speaker_id][0]] if sp is not None else None for sp in local]


@functools.lru_cache(maxsize=65536)
def _surname(name: str) -> str:
    return strip_titles(name)[0].split()[-1].lower() if name.split() else ""


def resolve_speakers(quotes: Sequence[Quote], known: Sequence[Speaker]) -> list[Speaker | None]:
    """One entry per quote: the speaker identity, matched to `known` where it is safe."""
    return SpeakerIndex(known).link(local_speakers(quotes))


def local_speakers(quotes: Sequence[Quote]) -> list[Speaker | None]:
    """One entry per quote: the speaker's identity within this article alone (a surname on its
    own is the article's full name with that surname), with the aliases and roles the article
    gives it. Pure and per article, so it runs where the article is extracted."""
    # each quote's speaker kind, None when it has no speaker name
    kinds = [_kind(q) if _is_speaker_name(q.speaker) else None for q in quotes]
    # names seen in this article, by kind; full names by surname
    article_full: dict[str, str] = {}
    for q, kind in zip(quotes, kinds):
        if kind == "person":
            base, _ = strip_titles(q.speaker)
            if len(base.split()) >= 2:
                article_full.setdefault(base.split()[-1].lower(), base)

    # first pass: pick an identity per quote
    ids: list[tuple[str, str, str] | None] = []  # (speaker_id, name, kind)
    for q, kind in zip(quotes, kinds):
        if kind is None:
            ids.append(None)
            continue
        if kind == "person":
            base, _ = strip_titles(q.speaker)
            if len(base.split()) == 1 and base.split()[0].lower() in article_full:
                base = article_full[base.split()[0].lower()]
            ids.append(("person:" + _slug(base), base, "person"))
        elif kind == "organisation":
            ids.append(("org:" + _slug(q.speaker), q.speaker, "organisation"))
        else:
            ids.append(("anon:" + _slug(q.speaker), q.speaker, "anonymous"))

    # second pass: aliases and roles seen in this article, per identity
    aliases: dict[str, list[str]] = {}
    roles: dict[str, list[str]] = {}
    for q, ident in zip(quotes, ids):
        if ident is None:
            continue
        sid = ident[0]
        al = aliases.setdefault(sid, [])
        rl = roles.setdefault(sid, [])
        forms = [q.speaker]
        base, title = strip_titles(q.speaker)
        if base != q.speaker:
            forms.append(base)
        if q.role and ident[2] == "person" and q.role[:1].isupper() and len(q.role.split()) <= 5:
            forms.append(f"{q.role} {base}")
        for f in forms:
            if f and f not in al:
                al.append(f)
        for r in (q.role, title):
            if r and r not in rl:
                rl.append(r)
    out: list[Speaker | None] = []
    for q, ident in zip(quotes, ids):
        if ident is None:
            out.append(None)
            continue
        sid, name, kind = ident
        rl = tuple(roles.get(sid, ()))
        country = derive_country(*rl, name if kind != "person" else None)
        out.append(Speaker(sid, name, kind, tuple(aliases.get(sid, ())), rl, country))
    return out
