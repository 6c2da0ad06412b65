"""Stance signals toward a target phrase: who is for or against what, with hedges and conditions.

A rule-based, target-aware scorer. For a sentence and a target phrase it

1. finds the target's mentions (the phrase itself, short aliases, a person's surname, or the
   phrase's content words; for configured topic targets, ``Target.regex()``);
2. scores every cue word outside the mention: directed stance cues from
   :mod:`extractors.lexicon` (``criticise``, ``veto``, ``premature``, ``deserves``) at full
   weight and general sentiment (VADER's lexicon, when ``vaderSentiment`` is installed) at a
   lower weight, each weighted down with its distance from the nearest mention;
3. flips cues in the scope of a negation ("not ready to say yes", "we do not oppose",
   "refused to back"), treats a negated mention ("not a security guarantee", "no consensus on
   membership") as opposing, and weights words after a contrast ("but") up;
4. flags hedges ("may", "in principle", "something between X and Y") and conditions ("only if",
   "once the war ends").

For free target phrases (:func:`stance_toward`) a few weak signals more: the holder's and the
target's stated parties ("Sen. Jane Roe (D-Ore.)", "House Republicans": same party leans for,
rival parties against; a target named after the holder, "Roe's plan" or "the Roe family", for),
a role linking the two ("Roe, a spokeswoman for Doe" for, "Roe, a frequent Doe critic" against),
a target told what it should do ("Doe should resign", against), praise in the author's own voice
counted down (news narration reports praise more than it gives it), and, where the sentence has
no cue at all, its overall tone (VADER's compound score, names blanked), flagged ``defaulted``
with a low score. In both modes a success predicated of the target ("the pact is working", "Doe prevailed")
backs it, a verb of losing takes away the support after it ("lost the support of"), and a target urged to act ("urged Doe to resign") is not backed by
the urging, and where the target is not named, cues near the holder's own mention count more.

Pure functions, no I/O; :func:`stance_toward` never raises. ``article_signals`` places signals
in an article (per quote, and per sentence in the article's own voice), ``frame_counts``
counts framing terms, ``split_sentences`` is the abbreviation-aware sentence splitter.
"""
from __future__ import annotations

import dataclasses
import functools
import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from extractors import lexicon as lx

VERSION = "stance-7"


@dataclass(frozen=True)
class Signal:
    target: str  # the target as given (phrase or configured target name)
    label: str  # "pro" | "con" | "neutral"
    score: float  # in [-1, 1]; > 0 supports, < 0 opposes
    hedged: bool = False
    conditional: bool = False
    cues: tuple[str, ...] = ()
    evidence_start: int = 0  # offsets into the sentence given
    evidence_end: int = 0
    defaulted: bool = False  # no evidence: the label is stance_toward's no-evidence default


@dataclass(frozen=True)
class ArticleSignal:
    """A signal placed in an article: toward a configured target, from a quote or the article's own voice."""

    target: str  # Target.name
    quote_index: int | None  # index into the article's quotes, None for the article's own voice
    signal: Signal
    evidence_start: int  # absolute offsets in the article text
    evidence_end: int


# --- tuning constants (hand-set; see scripts/score_stance_fixtures.py and the report) --------
GENERAL_FORMS = True  # an -ed, -ing or -ly form missing from VADER's lexicon takes its base form's valence
GENERAL_WEIGHT = 0.55  # general-sentiment words count this much relative to stance cues
POSITIVE_GENERAL = 0.5  # positive general sentiment is weaker evidence in news than negative
DISTANCE_SCALE = 8.0  # a cue d tokens from the mention counts 1 / (1 + d / DISTANCE_SCALE)
NO_MENTION_FACTOR = 0.6  # distance factor when the target is not found in the sentence
NEGATION_FLIP = -0.9  # a negated supporting cue counts this times its weight ("not support")
NEGATED_NEGATIVE = -0.5  # a negated opposing cue is a weaker support ("we do not oppose")
NEGATION_WINDOW = 4  # tokens a negator reaches forward (stopped by punctuation)
LOSS_WINDOW = 6  # tokens a verb of losing reaches forward ("lost a third of her support"); 0 turns it off
CONTRAST_AFTER = 1.5  # cues after "but" count more, cues before it less
CONTRAST_BEFORE = 0.5
NEGATED_MENTION = -2.0  # "not a security guarantee", "no consensus on membership"
SOURCE_PREDICATE = 1.3
PRESSED_WEIGHT = -1.0  # "urged [target] to ...": the urging verb's weight toward the one urged
TOO_FLIP = 1.0  # "too friendly": a supporting cue after "too" opposes with this much of its weight
BARE_NEGATION = -0.8  # a negator that negates no cue ("did not mention", "no distinction")
TARGET_AS_AGENT = 0.4
TARGET_SUCCESS = 2.2  # "the law is working", "Doe prevailed": a success predicated of the target backs it; 0 turns it off
# a named holder's question ("why would anyone back ...?", "how can they call that a plan?") challenges
# rather than asks: its supporting words count this times their weight (they are echoed to be disputed), and a
# "why"/"how"/"what" in it leans against the target by QUESTION_LEAN (distance-weighted); 1.0 / 0 turn them off.
QUESTION_POSITIVE = -0.5
QUESTION_LEAN = -1.0
QUESTION_WORDS = frozenset(("why", "how", "what"))
DEFENSE_WEIGHT = 3.0  # "came to Doe's defense", "in Doe's defence" backs Doe; 0 turns it off
# a concessive phrase or clause ("despite opposition from X", "although critics say ...") up to its comma: its
# cues count this much, the main clause says where the holder stands; 1.0 turns it off
CONCESSIVE = 0.5
CONCESSIVE_WORDS = frozenset(("despite", "although", "though", "notwithstanding"))
CALL_ON = True  # "called on Doe to resign" presses Doe like "urged Doe to"; False turns it off
JOINED_IN = True  # "Roe joined Doe in condemning X": the joint act is aimed at X, not at Roe or Doe
IN_MENTION_MIN = 2.2  # stance cues this strong count even inside a target mention
RELATIVE_CLAUSE = 0.5  # cues in a "who ..." clause about someone other than the target  # a supporting cue right after the target ("Kyiv welcomed ...") is its own stance  # cues between the source's and the target's mentions count more
SOURCE_ANCHOR = 0.6  # no target mention: cues near the holder's mention (its predicate) count up to 1.6x, far ones 0.4x
ACRONYMS = True  # a name of three or more capitalised words is also found by its initials ("FBI", "F.B.I.")
NORMALISE_ALPHA = 6.0  # score = s / sqrt(s^2 + alpha)
THRESHOLD = 0.01  # |score| below this is neutral
# stance_toward, the author as holder (source None): news narration reports praise more than it gives
# it, so in the author's own voice supporting stance cues count this much and positive general words
# (VADER's) this much; opposing words count in full.
AUTHOR_POSITIVE = (0.5, 0.0)
# stance_toward: a named holder the sentence does not name (a quote's continuation, "'...,' he
# said", or a sentence of a story that quotes the holder elsewhere) - the words are the holder's at one
# remove, and in such sentences supporting words are as often about the holder's own side or the story's
# subject as about the target, so they count this much (stance cues, general words); 1.0 turns it off.
UNNAMED_HOLDER_POSITIVE = (0.75, 0.75)
# stance_toward only (free target phrases, no topic context): the label for a pair with no
# evidence either way, by whether the holder is the author (source None) or a named source.
# Both are "neutral": we answer only where the sentence says something. Measured on the SEESAW
# dev halves, answering "con" for the author (right ~80% of the time there) and "pro" for named
# sources (a coin toss) would lift macro-F1 from 0.65 to 0.685 at full coverage, but that is a
# guess about the data set, not a reading of the sentence, so it stays off.
DEFAULT_AUTHOR = "neutral"
DEFAULT_NAMED = "neutral"

_TOKEN_RE = re.compile(r"[A-Za-z0-9]+(?:['’\-.][A-Za-z0-9]+)*(?:['’]s?)?|[^\w\s]")
_CLAUSE_BREAK = frozenset(";:—–()[]")
_SENT_PUNCT = frozenset(".!?")
_STOP = frozenset("""a an the of to in on for and or with by at from as is are was were be been
    this that these those his her their its our your my new de la le der von van mr mrs ms dr
    sen rep gov president senator not list would could should will shall must might have has had
    into onto over under about after before than then when what which while whose them they were
    more most some such only also just very other others upon within without against between
    through during because since until where there here does done being""".split())
_PERSON_SKIP = frozenset("jr jr. sr sr. ii iii iv".split())


@dataclass(frozen=True)
class _Tok:
    start: int
    end: int
    raw: str
    norm: str  # lower case, straight apostrophes, possessive stripped


def _tokens(text: str) -> list[_Tok]:
    out = []
    for m in _TOKEN_RE.finditer(text):
        raw = m.group(0)
        norm = raw.lower().replace("’", "'")
        if norm.endswith("'s"):
            norm = norm[:-2]
        elif norm.endswith("'"):
            norm = norm[:-1]
        out.append(_Tok(m.start(), m.end(), raw, norm))
    return out


def _is_negator(norm: str) -> bool:
    return norm in lx.NEGATORS or norm.endswith("n't")


# --- cue tables ---------------------------------------------------------------------------
@dataclass(frozen=True)
class _Tables:
    words: Mapping[str, float]  # stance words (base forms)
    phrases: Mapping[tuple[str, ...], float]  # multi-word stance cues
    max_phrase: int
    hedges: tuple[tuple[str, ...], ...]
    conditions: tuple[tuple[str, ...], ...]
    hedge_index: "PhraseIndex"  # hedges and conditions by their first word, built with the tables
    condition_index: "PhraseIndex"


def _phrase_tokens(p: str) -> tuple[str, ...]:
    return tuple(t.norm for t in _tokens(p))


@functools.lru_cache(maxsize=64)
def _tables(extra: tuple[tuple[str, tuple[str, ...]], ...] = ()) -> _Tables:
    words = dict(lx.STANCE)
    phrases: dict[tuple[str, ...], float] = {}
    for p, w in lx.PHRASES.items():
        phrases[_phrase_tokens(p)] = w
    hedges = [_phrase_tokens(h) for h in lx.HEDGES]
    conds = [_phrase_tokens(c) for c in lx.CONDITIONS]
    for kind, items in extra:
        for item in items:
            toks = _phrase_tokens(item)
            if not toks:
                continue
            if kind in ("support", "oppose"):
                w = 2.2 if kind == "support" else -2.2
                if len(toks) == 1:
                    words[toks[0]] = w
                else:
                    phrases[toks] = w
            elif kind == "hedge":
                hedges.append(toks)
            elif kind == "condition":
                conds.append(toks)
    max_phrase = max((len(k) for k in phrases), default=1)
    hedges, conds = tuple(dict.fromkeys(hedges)), tuple(dict.fromkeys(conds))
    return _Tables(words, phrases, max_phrase, hedges, conds, _phrase_index(hedges), _phrase_index(conds))


def _freeze_cues(cues: Mapping[str, Sequence[str]] | None) -> tuple[tuple[str, tuple[str, ...]], ...]:
    if not cues:
        return ()
    out = []
    for k in sorted(cues):
        v = cues[k]
        if isinstance(v, str):
            v = (v,)
        out.append((str(k), tuple(str(x) for x in v if isinstance(x, str) and x.strip())))
    return tuple(out)


def _word_weight(norm: str, tables: _Tables, general: Mapping[str, float]) -> tuple[float, bool]:
    """(weight, is_stance_cue) of one token."""
    for form in lx.base_forms(norm):
        w = tables.words.get(form)
        if w is not None:
            return w, True
    if norm in lx.NEUTRALISE:
        return 0.0, False
    g = general.get(norm)
    if g is None and GENERAL_FORMS and norm.endswith(("ed", "ing", "ly")):
        # VADER lists some inflected forms, not all: "negatively", "bolstered" take their base's valence
        for form in lx.base_forms(norm)[1:]:
            if form in lx.NEUTRALISE:  # "likely" is not "like"
                return 0.0, False
            g = general.get(form)
            if g is not None:
                break
    if g is not None:
        return g * GENERAL_WEIGHT * (POSITIVE_GENERAL if g > 0 else 1.0), False
    return 0.0, False


# --- target mentions ------------------------------------------------------------------------
@functools.lru_cache(maxsize=4096)
def _target_regex(target: str) -> re.Pattern[str] | None:
    """A regular expression for mentions of a free target phrase, or None when it has none."""
    t = (target or "").strip()
    if not t or t.lower() in ("not in the list", "none"):
        return None
    alts: list[str] = []

    def phrase(p: str) -> str:
        return r"\b" + r"\s+".join(re.escape(w) for w in p.split()) + r"(?!\w)"

    alts.append(phrase(t))
    low = t.lower()
    for key, aliases in lx.ALIASES.items():
        if low == key or low.endswith(" " + key) or key in low.split(" of ")[-1:]:
            alts += [phrase(a) for a in aliases]
    words = [w for w in re.split(r"[\s\-–/]+", t) if w]
    caps = [w for w in words if w[:1].isupper()]
    if len(words) >= 2 and len(caps) == len(words):  # looks like a name: match the surname
        sur = [w for w in words if w.lower().strip(".,") not in _PERSON_SKIP]
        if sur and len(sur[-1]) > 2:
            alts.append(phrase(sur[-1].strip(",")))
    # content words, by prefix ("vaccination" finds "vaccinations", "vaccinated")
    for w in words:
        lw = w.lower().strip("'’.,()\"")
        if len(lw) < 4 or lw in _STOP:
            continue
        stem = lw[: max(4, len(lw) - 3)] if len(lw) > 6 else lw
        alts.append(r"\b" + re.escape(stem) + r"[\w'’]*")
    if ACRONYMS and len(words) >= 2:
        # "Federal Bureau of Investigation" -> "FBI", "F.B.I."; "Department of Justice" -> "Justice Department"
        initials = [w[0] for w in words if w[:1].isupper() and w.lower() not in ("of", "for", "and", "the", "on", "to")]
        if len(initials) >= 3 and all(w[:1].isupper() or w.lower() in ("of", "for", "and", "the", "on", "to")
                                       for w in words):
            acr = "".join(initials)
            alts.append(r"\b(?-i:" + acr + r"|" + r"\.".join(initials) + r"\.?)(?!\w)")
        m = re.search(r"\b(Department|Bureau|Committee|Office|Ministry) of (?:the )?([A-Z]\w+)$", t)
        if m:
            alts.append(phrase(m.group(2) + " " + m.group(1)))
    if low.endswith(" party"):  # "Republican Party" -> "Republicans"
        alts.append(phrase(t[: -len(" party")]) + r"s?")
    try:
        return re.compile("|".join(f"(?:{a})" for a in dict.fromkeys(alts)), re.IGNORECASE)
    except re.error:  # pragma: no cover - escaped input
        return None


def _mention_spans(sentence: str, rx: re.Pattern[str] | None) -> list[tuple[int, int]]:
    if rx is None:
        return []
    spans = []
    for m in rx.finditer(sentence):
        if m.end() > m.start():
            spans.append((m.start(), m.end()))
    return spans


def _tok_index_spans(toks: list[_Tok], spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Char spans to inclusive token-index spans."""
    out = []
    for s, e in spans:
        idx = [i for i, t in enumerate(toks) if t.start < e and t.end > s]
        if idx:
            out.append((idx[0], idx[-1]))
    return out


PhraseIndex = dict[str, list[tuple[int, tuple[str, ...]]]]


def _phrase_index(phrases: Sequence[tuple[str, ...]]) -> PhraseIndex:
    """Phrases by their first word, with their rank in ``phrases``."""
    index: PhraseIndex = {}
    for rank, p in enumerate(phrases):
        if p:
            index.setdefault(p[0], []).append((rank, p))
    return index


# --- the scorer -----------------------------------------------------------------------------
def _find_phrases(norms: list[str], index: PhraseIndex) -> list[tuple[int, int, tuple[str, ...]]]:
    """Every occurrence of every indexed phrase, in the order of the phrases' ranks and then of position."""
    found = []
    n = len(norms)
    for i, nm in enumerate(norms):
        for rank, p in index.get(nm, ()):
            k = len(p)
            if i + k <= n and tuple(norms[i : i + k]) == p:
                found.append((rank, i, i + k - 1, p))
    found.sort(key=lambda f: (f[0], f[1]))
    return [(i, j, p) for _r, i, j, p in found]


def _analyse(sentence: str, target: str, rx: re.Pattern[str] | None, source: str | None,
             tables: _Tables, extra_mentions: Sequence[tuple[int, int]] = (),
             masked: Sequence[tuple[int, int]] = (), bare_negation: bool = True,
             relation: tuple[float, str] | None = None, positive_scale: tuple[float, float] = (1.0, 1.0)) -> Signal:
    """``extra_mentions``: more char spans that mention the target (anaphors, head nouns);
    ``masked``: char spans that are neither cues nor mentions (other targets' mentions);
    ``bare_negation``: whether a negator that negates no cue leans against the target (not for
    a quote that does not name the target: its negations are about something else);
    ``positive_scale``: factors for supporting stance cues and for positive general words."""
    toks = _tokens(sentence)
    norms = [t.norm for t in toks]
    n = len(toks)
    for j in range(n - 2):  # "No. 1", "the No. 3 job": a number, not a negation
        if norms[j] == "no" and norms[j + 1] == "." and norms[j + 2][:1].isdigit():
            norms[j] = "no."
    general = lx.general_lexicon()
    mentions = sorted(set(_tok_index_spans(toks, _mention_spans(sentence, rx) + list(extra_mentions))))
    in_mention = [False] * n
    for a, b in mentions:
        for i in range(a, b + 1):
            in_mention[i] = True
    in_masked = [False] * n
    for a, b in _tok_index_spans(toks, list(masked)):
        for i in range(a, b + 1):
            if not in_mention[i]:
                in_masked[i] = True
    src_spans = _tok_index_spans(toks, _mention_spans(sentence, _target_regex(source) if source else None))
    in_source = [False] * n
    for a, b in src_spans:
        for i in range(a, b + 1):
            if not in_mention[i]:
                in_source[i] = True

    # multi-word stance cues first (longest wins), then single words
    weight = [0.0] * n
    stance_cue = [False] * n
    covered = [False] * n
    cue_spans: dict[int, tuple[int, str]] = {}  # first token -> (last token, cue text)
    if tables.phrases:
        for i in range(n):
            if covered[i]:
                continue
            for k in range(min(tables.max_phrase, n - i), 1, -1):
                p = tuple(norms[i : i + k])
                w = tables.phrases.get(p)
                if w is not None:
                    weight[i] = w
                    stance_cue[i] = True
                    for j in range(i, i + k):
                        covered[j] = True
                    cue_spans[i] = (i + k - 1, " ".join(p))
                    break
    mention_last = {b for _a, b in mentions}
    for i, t in enumerate(toks):
        if covered[i] or in_source[i] or in_masked[i] or not t.norm[:1].isalnum():
            continue
        w, is_stance = _word_weight(t.norm, tables, general)
        if in_mention[i]:
            # a strong evaluative word inside the mention still evaluates it ("irreversible path")
            if not is_stance or abs(w) < IN_MENTION_MIN or i in mention_last:
                continue
        if w and t.norm in ("kind", "kinds", "sort") and i + 1 < n and norms[i + 1] == "of":
            w = 0.0  # "the kind of deal", not "kind"
        if w and t.norm in lx.NEEDS_OBJECT:
            nxt = toks[i + 1] if i + 1 < n else None
            if nxt is None or not (nxt.norm in lx.DETERMINERS or nxt.raw[:1].isupper() or in_mention[i + 1]):
                w = 0.0
        if w:
            weight[i] = w
            stance_cue[i] = is_stance
            cue_spans[i] = (i, t.norm)

    # "the law is working", "Doe won", "Doe has prevailed": the target's own success backs it (unlike the
    # target's own stance words, TARGET_AS_AGENT, which say where the target stands, not how it fares)
    success: set[int] = set()
    if TARGET_SUCCESS and mentions:
        for _a, b in mentions:
            j = b + 1
            while j < n and j - b <= 3 and (norms[j] in lx.AUXILIARIES or _is_negator(norms[j])):
                j += 1
            if j >= n or j - b > 3 or in_mention[j] or covered[j]:
                continue
            nm = norms[j]
            nxt = norms[j + 1] if j + 1 < n else "."
            # "works" only at a clause end ("the pact is working", not "works with"); "leads" only as the verb of
            # a race ("Roe leads Doe", "Roe led by 4 points", not "Roe's lead in")
            if nm in lx.SUCCESS or (nm in lx.WORKING and (not nxt[:1].isalnum() or nxt in ("well", "again", "fine"))) \
                    or (nm in lx.LEADING and not toks[b].raw.endswith(("'s", "’s", "'", "’"))
                        and (nxt in ("by", "in", "among") or (j + 1 < n and toks[j + 1].raw[:1].isupper()))):
                weight[j] = max(weight[j], TARGET_SUCCESS)
                stance_cue[j] = True
                cue_spans[j] = (j, "target " + nm)
                success.add(j)
    # "too friendly with", "overly generous": an excess of a good quality opposes
    for i in list(cue_spans):
        if weight[i] > 0 and i > 0 and norms[i - 1] in lx.EXCESS and TOO_FLIP \
                and not (i > 1 and _is_negator(norms[i - 2])):  # "not too happy" is "not very happy"
            weight[i] = -weight[i] * TOO_FLIP
            cue_spans[i] = (cue_spans[i][0], norms[i - 1] + " " + cue_spans[i][1])
            stance_cue[i] = True
    # "against critics", "from attacks": opposing the opposition supports
    for i in list(cue_spans):
        if norms[i] in ("against", "from") and weight[i] < 0:
            j = i + 1
            while j < n and norms[j] in lx.DETERMINERS:
                j += 1
            if j < n and j in cue_spans and weight[j] < 0:
                del cue_spans[i]
                weight[j] = -weight[j] * 0.5
    # "stop Russia's aggression", "deter attacks": acting against something bad supports
    for i in list(cue_spans):
        if norms[i] in lx.COUNTER_VERBS and weight[i] < 0 and i in cue_spans and cue_spans[i][0] == i:
            for j in range(i + 1, min(n, i + 5)):
                if norms[j] in _SENT_PUNCT or norms[j] in _CLAUSE_BREAK or norms[j] == "," or in_mention[j]:
                    break
                if j in cue_spans and weight[j] < 0:
                    if _modifies_mention(cue_spans[j][0], norms, in_mention):
                        break  # "oppose the reckless plan": the bad word describes the target
                    weight[i] = -weight[i] * 0.5
                    weight[j] = 0.0
                    del cue_spans[j]
                    break
    # "threatened to veto", "vowed to repeal", "promised to protect": the verb of intent takes no
    # side of its own, the verb after "to" does
    for i in list(cue_spans):
        if norms[i] in lx.INTENT_VERBS and cue_spans[i][0] == i and i + 1 < n and norms[i + 1] == "to":
            del cue_spans[i]
            weight[i] = 0.0
    # "urged Roe to resign": pressing the target to act faults it rather than backs it
    if PRESSED_WEIGHT is not None:
        def target_then_to(j: int) -> bool:
            """Whether the words from j are (determiners and) a target mention followed by "to"."""
            while j < n and norms[j] in lx.DETERMINERS and not in_mention[j]:
                j += 1
            if j >= n or not in_mention[j]:
                return False
            while j + 1 < n and in_mention[j + 1]:
                j += 1
            return j + 1 < n and norms[j + 1] == "to"

        for i in list(cue_spans):
            if norms[i] in lx.PRESS_VERBS and cue_spans[i][0] == i and target_then_to(i + 1):
                weight[i] = PRESSED_WEIGHT
        # "called on Roe to resign": a call on the target to act presses it the same way
        if CALL_ON:
            for i in range(n - 3):
                if norms[i] in ("call", "calls", "called", "calling") and norms[i + 1] == "on" and i not in cue_spans \
                        and not covered[i] and target_then_to(i + 2):
                    weight[i] = PRESSED_WEIGHT
                    stance_cue[i] = True
                    cue_spans[i] = (i + 1, norms[i] + " on")
    # "came to Doe's defense", "in Doe's defence": defending the target ("defense" alone is a topic word)
    if DEFENSE_WEIGHT:
        for i in range(2, n):
            if norms[i] in ("defense", "defence") and in_mention[i - 1] and i not in cue_spans \
                    and toks[i - 1].raw.endswith(("'s", "’s", "'", "’")):
                a = i - 1
                while a > 0 and in_mention[a - 1]:
                    a -= 1
                if a > 0 and norms[a - 1] in lx.DETERMINERS and not in_mention[a - 1]:
                    a -= 1  # "to the alliance's defence"
                # not "Kyiv's defence ministers": the noun ends its phrase
                ends = i + 1 >= n or not norms[i + 1][:1].isalnum() or norms[i + 1] in _STOP
                if a > 0 and norms[a - 1] in ("to", "in") and ends:
                    weight[i] = DEFENSE_WEIGHT
                    stance_cue[i] = True
                    cue_spans[i] = (i, "to the defense")
    # "Roe joined Doe in condemning ...": the joint act is aimed at a third party, not at the two
    if JOINED_IN and mentions:
        for k in range(n - 2):
            if norms[k] not in ("join", "joins", "joined", "joining"):
                continue
            m = k + 1
            while m < n and m <= k + 6 and (toks[m].raw[:1].isupper() or norms[m] in lx.DETERMINERS or in_mention[m]):
                m += 1
            if m == k + 1 or m >= n or norms[m] != "in":
                continue
            lo = k
            while lo > 0 and norms[lo - 1] not in _SENT_PUNCT and norms[lo - 1] not in _CLAUSE_BREAK:
                lo -= 1
            if not any(in_mention[x] for x in range(lo, m)):
                continue
            j = m + 1
            while j < n and norms[j] not in _SENT_PUNCT and norms[j] not in _CLAUSE_BREAK and norms[j] != ",":
                if j in cue_spans and not in_mention[j]:
                    del cue_spans[j]
                j += 1
    # "X, not Y" / "X, not just Y": Y is a rejected alternative, neither a cue nor a negation
    rejected: set[int] = set()
    for j in range(1, n):
        if mentions and norms[j] == "not" and norms[j - 1] in (",", "—", "–"):
            k = j + 1
            while k < n and norms[k] not in _SENT_PUNCT and norms[k] not in _CLAUSE_BREAK \
                    and norms[k] not in (",", "but"):
                k += 1
            if not any(in_mention[x] for x in range(j, k)):
                rejected.update(range(j, k))
    for i in list(cue_spans):
        if i in rejected:
            del cue_spans[i]
    # cues inside a relative clause about someone else ("critics who called it costly") count less
    damped = [False] * n
    k = 0
    while k < n:
        if norms[k] in ("who", "whom") and k > 0 and not in_mention[k - 1]:
            j = k + 1
            while j < n and norms[j] not in (",", ";", ".", "—", "and", "but"):
                damped[j] = True
                j += 1
            k = j
        k += 1

    # a concession ("despite opposition from ...", "although critics ...") is outweighed by its main clause
    conceded = [False] * n
    if CONCESSIVE != 1.0 and not CONCESSIVE_WORDS.isdisjoint(norms):
        for k in range(n):
            if norms[k] in CONCESSIVE_WORDS:
                j = k + 1
                while j < n and norms[j] not in _SENT_PUNCT and norms[j] not in _CLAUSE_BREAK and norms[j] != ",":
                    conceded[j] = True
                    j += 1
    # contrast: the last "but"-like word at a clause start
    contrast_at = -1
    for i, nm in enumerate(norms):
        if nm in ("but", "however", "yet") and i > 0:
            contrast_at = i

    def negated(i: int) -> bool:
        for j in range(i - 1, max(-1, i - 1 - NEGATION_WINDOW), -1):
            nm = norms[j]
            if nm in _SENT_PUNCT or nm in _CLAUSE_BREAK or nm == "," or nm in lx.CONTRAST:
                return False
            if covered[j] and j not in cue_spans:
                return False  # inside a multi-word cue ("not ready"): its negator is its own
            if _is_negator(nm) or nm in lx.NEGATING_VERBS:
                return True
            if j in cue_spans:  # a negator reaches the first cue only ("not hesitate to support")
                return False
        if LOSS_WINDOW:
            # "lost a third of her support", "withdrew his endorsement": a verb of losing or withdrawing
            # takes away the good thing after it (no negation of its own elsewhere: "lost his son")
            for j in range(i - 1, max(-1, i - 1 - LOSS_WINDOW), -1):
                nm = norms[j]
                if nm in _SENT_PUNCT or nm in _CLAUSE_BREAK or nm == "," or nm in lx.CONTRAST:
                    return False
                if nm in lx.LOSS_VERBS:
                    return True
                if j in cue_spans:
                    return False
        return False

    def dist_factor(i: int) -> float:
        if not mentions:
            if SOURCE_ANCHOR and src_spans:
                d = min(0 if a <= i <= b else (a - i if i < a else i - b) for a, b in src_spans)
                return NO_MENTION_FACTOR * (1 - SOURCE_ANCHOR + SOURCE_ANCHOR * 2.0 / (1.0 + d / DISTANCE_SCALE))
            return NO_MENTION_FACTOR
        d = min(0 if a <= i <= b else (a - i if i < a else i - b) for a, b in mentions)
        f = 1.0 / (1.0 + d / DISTANCE_SCALE)
        # a clause break between the cue and every mention weakens it
        return f

    # a question in a quote challenges ("why would anyone back ...?"): its supporting words do not support
    # (a named holder's only: the narrator's own questions in news copy mostly explain, "What is the plan?")
    in_question = [False] * n
    if source and "?" in sentence and (QUESTION_POSITIVE != 1.0 or QUESTION_LEAN):
        for q in range(n):
            if norms[q] == "?":
                j = q - 1
                while j >= 0 and norms[j] not in _SENT_PUNCT and norms[j] != "?":
                    in_question[j] = True
                    j -= 1
    src_pos = [a for a, _ in src_spans]
    total = 0.0
    contribs: list[tuple[float, int, int, str]] = []
    for i, (last, text) in cue_spans.items():
        w = weight[i]
        if negated(i):
            w *= NEGATION_FLIP if w > 0 else NEGATED_NEGATIVE
            text = "not " + text
        f = dist_factor(i)
        if damped[i]:
            f *= RELATIVE_CLAUSE
        if conceded[i]:
            f *= CONCESSIVE
        if contrast_at >= 0:
            f *= CONTRAST_AFTER if i > contrast_at else CONTRAST_BEFORE
        if src_pos and mentions:
            for s in src_pos:
                for a, b in mentions:
                    lo, hi = (s, a) if s < a else (b, s)
                    if lo < i < hi:
                        f *= SOURCE_PREDICATE
                        break
                else:
                    continue
                break
        if w > 0 and mentions and i not in success and _agent_of(i, mentions, norms):
            f *= TARGET_AS_AGENT
        if w > 0:
            f *= positive_scale[0 if stance_cue[i] else 1]
            if in_question[i]:
                f *= QUESTION_POSITIVE
        c = w * f
        total += c
        contribs.append((c, i, last, text))
    # a negator that negates no cue still leans against (unless it belongs to "not yet")
    hedges = _find_phrases(norms, tables.hedge_index)
    in_hedge = set()
    for a, b, p in hedges:
        if " ".join(p) in lx.NEGATOR_HEDGES:
            in_hedge.update(range(a, b + 1))
    negated_cues = {i for i in cue_spans if negated(i)}
    neg_used: set[int] = set()

    def _negator_of(i: int) -> int:
        for j in range(i - 1, max(-1, i - 1 - NEGATION_WINDOW), -1):
            if _is_negator(norms[j]) or norms[j] in lx.NEGATING_VERBS:
                return j
        return -1

    for j, nm in enumerate(norms):
        if not (_is_negator(nm) or nm in lx.NEGATING_VERBS) or in_mention[j] or j in in_hedge or j in rejected \
                or covered[j] or not bare_negation:
            continue
        if any(in_masked[x] for x in range(max(0, j - 3), j)) and not any(
                norms[x] in _SENT_PUNCT or norms[x] in _CLAUSE_BREAK or norms[x] == ","
                for x in range(max(0, j - 3), j)):
            continue  # said of another target ("the agreement did not settle ...")
        if any(j < i <= j + NEGATION_WINDOW and _negator_of(i) == j for i in negated_cues):
            neg_used.add(j)
            continue
        c = BARE_NEGATION * dist_factor(j)
        total += c
        contribs.append((c, j, j, toks[j].norm))
    if QUESTION_LEAN:
        for j in range(n):
            if in_question[j] and norms[j] in QUESTION_WORDS and not in_mention[j]:
                c = QUESTION_LEAN * dist_factor(j)
                total += c
                contribs.append((c, j, j, "question"))
                break
    # negated mention: "not a security guarantee", "no NATO membership", "no consensus on"
    for a, _b in mentions:
        for j in range(a - 1, max(-1, a - 4), -1):
            nm = norms[j]
            if nm in _SENT_PUNCT or nm in _CLAUSE_BREAK or nm == ",":
                break
            if j in cue_spans or j in in_hedge:
                break
            if _is_negator(nm):
                if any(a2 in cue_spans for a2 in range(j + 1, a)) or j in neg_used:
                    break
                total += NEGATED_MENTION
                contribs.append((NEGATED_MENTION, j, j, toks[j].norm))
                break

    if relation is not None and relation[0]:
        total += relation[0]
        contribs.append((relation[0], 0, 0, relation[1]))
    score = total / math.sqrt(total * total + NORMALISE_ALPHA) if total else 0.0
    label = "pro" if score >= THRESHOLD else "con" if score <= -THRESHOLD else "neutral"

    # a condition inside a stance phrase or a rejected alternative is none ("when, not if")
    conds = [c for c in _find_phrases(norms, tables.condition_index) if not covered[c[0]] and c[0] not in rejected]
    hedged = bool(hedges) or _something_between(sentence)
    conditional = bool(conds)

    cue_words: list[str] = []
    ranked = sorted(contribs, key=lambda c: -abs(c[0]))
    for c, _i, _l, text in ranked:
        if abs(c) >= 0.3 and text not in cue_words:
            cue_words.append(text)
    cue_words = cue_words[:8]
    for _a, _b, p in hedges + conds:
        s = " ".join(p)
        if s not in cue_words:
            cue_words.append(s)

    # evidence: the nearest mention together with the strongest cue (or whichever exists)
    ev_lo, ev_hi = None, None
    top = ranked[0] if ranked and abs(ranked[0][0]) >= 0.3 else None
    if top is not None:
        ev_lo, ev_hi = toks[top[1]].start, toks[top[2]].end
    if mentions:
        anchor = top[1] if top is not None else 0
        a, b = min(mentions, key=lambda m: abs(m[0] - anchor))
        ms, me = toks[a].start, toks[b].end
        ev_lo = ms if ev_lo is None else min(ev_lo, ms)
        ev_hi = me if ev_hi is None else max(ev_hi, me)
    if ev_lo is None:
        ev_lo, ev_hi = 0, len(sentence)
    return Signal(target=target, label=label, score=round(max(-1.0, min(1.0, score)), 4),
                  hedged=hedged, conditional=conditional, cues=tuple(cue_words),
                  evidence_start=ev_lo, evidence_end=ev_hi)


def _modifies_mention(j: int, norms: list[str], in_mention: list[bool]) -> bool:
    """Whether the word at j modifies a target mention right after it ("reckless [plan]")."""
    for k in range(j + 1, min(len(norms), j + 3)):
        if in_mention[k]:
            return True
        if not norms[k][:1].isalnum() or norms[k] in ("and", "or", "but", "that", "to", "of", "for", "by"):
            return False
    return False


def _agent_of(i: int, mentions: list[tuple[int, int]], norms: list[str]) -> bool:
    """Whether token i follows a target mention closely, as its predicate ("Kyiv welcomed")."""
    for _a, b in mentions:
        if 0 < i - b <= 3 and not any(n in (",", ";", "that", "who", "which", "of", "for", "to")
                                       for n in norms[b + 1 : i]):
            return True
    return False


_BETWEEN_RE = re.compile(r"\b(?:something|somewhere|halfway)\s+between\b", re.IGNORECASE)


def _something_between(sentence: str) -> bool:
    return bool(_BETWEEN_RE.search(sentence))


PARTY_WEIGHT = 1.5  # stance_toward: same party +1.5, rival parties -1.5 (about one stance cue); 0 turns it off
_PARTY_NAME_RE = re.compile(r"\b(?:(republican|gop)|(democrat|democratic|dems?))s?\b", re.IGNORECASE)
_PARTY_AFTER_RE = re.compile(r"\s*(?:\(|,\s*)(R|D)[-–,.]|,\s+(?:a\s+)?(?:[A-Z][a-z]+\s+){0,2}(Republican|Democrat)\b")
_PARTY_BEFORE_RE = re.compile(r"\b(Republican|GOP|Democratic|Democrat)\s+(?:(?:Sen|Rep|Gov|Senator|Representative|"
                              r"Governor|Congressman|Congresswoman|Leader|leader|lawmaker|candidate|nominee|"
                              r"presidential candidate|strategist|operative)\.?\s+)?$")


def _party(name: str | None, sentence: str) -> str | None:
    """The party ("R" or "D") a name belongs to, when the name or the sentence says so: "House
    Republicans", "Sen. Jane Roe (D-Ore.)", "Republican Sen. John Doe", "Doe, an Ohio Democrat"."""
    if not name:
        return None
    m = _PARTY_NAME_RE.search(name)
    if m:
        return "R" if m.group(1) else "D"
    rx = _target_regex(name)
    if rx is None:
        return None
    for m in rx.finditer(sentence):
        a = _PARTY_AFTER_RE.match(sentence, m.end())
        if a:
            p = a.group(1) or a.group(2)
            return "R" if p[0] == "R" else "D"
        b = _PARTY_BEFORE_RE.search(sentence[max(0, m.start() - 60) : m.start()])
        if b:
            return "D" if b.group(1).startswith("Dem") else "R"
    return None


OWN_WEIGHT = 2.5  # stance_toward: a target named after the holder ("Roe's plan", "the Roe family") +2.5; 0 turns it off
OWN_WORDS = 3  # the holder's surname within this many first words of the target phrase
_TITLE_WORDS = frozenset("""president sen sen. senator rep rep. representative gov gov. governor mr mr. mrs mrs.
    ms ms. dr dr. former the vice speaker leader secretary attorney general judge justice mayor""".split())
_NOT_SURNAME = frozenset("""party republican republicans democratic democrats democrat house senate congress
    united states state department administration committee court office university national american
    new city county""".split())


def _own(target: str, source: str) -> bool:
    """Whether the target is named after a person holder: "President Roe's plan", "the Roe-Doe bill",
    "the Roe family", "John Roe Jr." (a relative) - the holder's own proposal, family or namesake."""
    words = [w for w in re.split(r"\s+", source.strip()) if w]
    if len(words) < 2 or not all(w[:1].isupper() for w in words if w.lower() not in _PERSON_SKIP):
        return False
    sur = [w.strip(",.") for w in words if w.lower().strip(",.") not in _PERSON_SKIP]
    if not sur or len(sur[-1]) < 3 or sur[-1].lower() in _NOT_SURNAME:
        return False
    name = sur[-1].lower()
    if target.strip().lower() == source.strip().lower():
        return False
    head = re.split(r"[\s\-–/]+", target.strip())[:OWN_WORDS + 1]
    toks = [re.sub(r"['’]s?$", "", w).lower().strip(",.") for w in head]
    toks = [w for w in toks if w not in _TITLE_WORDS] + [""]
    return name in toks[:OWN_WORDS]


ROLE_WEIGHT = 3.0  # stance_toward: the holder speaks or works for the target, or the reverse ("X, a spokeswoman for Y")
_PRO_ROLES = r"""spokes(?:man|men|woman|women|person|people)|press\s+secretary|(?:top\s+|senior\s+)?aides?|advis[eo]rs?|
    lawyers?|attorneys?(?!\s+general)|counsel(?:or)?|campaign\s+(?:manager|chairman|chair)|chief\s+of\s+staff|
    surrogates?|deputy|deputies|allies|ally|friends?|confidante?|loyalists?|supporters?|backers?|defenders?|
    nominee|appointee|pick|protégé|protege|running\s+mate"""
_CON_ROLES = r"""critics?|opponents?|rivals?|challengers?|foes?|detractors?|adversar(?:y|ies)|nemesis|accusers?"""
_ROLE_RE = re.compile(r"\b(?:(" + re.sub(r"\s+", "", _PRO_ROLES) + r")|(" + _CON_ROLES + r"))\b", re.IGNORECASE)
_LEFT_GAP_RE = re.compile(r"(?:['’]s?)?\s*,?\s*(?:(?:a|an|the|his|her|their|its|one|longtime|former|top|senior|"
                          r"close|chief|personal|political|[A-Z][\w.\-]*)\s+){0,3}$")
_RIGHT_GAP_RE = re.compile(r"^\s*(?:,\s*|(?:for|to|of|at)\s+(?:(?:the|a|an|former|then-|[A-Z][\w.\-]*)\s*){0,3})?$")
_OWNER_GAP_RE = re.compile(r"(?:['’]s?)?\s*")  # "Doe ally", "Doe's ally"
# from the holder to the role's owner: "Roe(, of Ohio)(,) (is|was|who is) a (longtime) [Doe ally]"
_COPULA_GAP_RE = re.compile(r"(?:\s+(?:of|from)\s+[A-Z][\w.]*(?:\s+[A-Z][\w.]*)?|\s*\([^)]{1,20}\))?\s*,?\s*"
                            r"(?:(?:who|is|was|has been|had been|became|remains|is also|was also)\s+)?"
                            r"(?:a|an|the|one of the|one of)\s+(?:[a-z][\w\-]*\s+){0,2}")


def _role(sentence: str, target: str, source: str) -> float:
    """+ROLE_WEIGHT when the holder and the target are linked by a role of support ("X, a
    spokeswoman for Y", "Y's attorney X", "Y spokesman X"), -ROLE_WEIGHT by a role of opposition
    ("X, a critic of Y", "Y's rival X"); 0 otherwise."""
    roles = list(_ROLE_RE.finditer(sentence))
    if not roles:
        return 0.0
    srx, trx = _target_regex(source), _target_regex(target)
    if srx is None or trx is None:
        return 0.0
    ss = [(m.start(), m.end()) for m in srx.finditer(sentence) if m.end() > m.start()]
    ts = [(m.start(), m.end()) for m in trx.finditer(sentence) if m.end() > m.start()]
    if not ss or not ts:
        return 0.0
    for r in roles:
        sign = 1.0 if r.group(1) else -1.0
        for left, right in ((ss, ts), (ts, ss)):
            if any(a < r.end() and r.start() < b for a, b in left + right):
                continue
            lhs = [(a, b) for a, b in left if b <= r.start() and r.start() - b <= 40
                   and _LEFT_GAP_RE.fullmatch(sentence, b, r.start())]
            rhs = [(a, b) for a, b in right if a >= r.end() and a - r.end() <= 30
                   and _RIGHT_GAP_RE.match(sentence[r.end() : a])]
            if lhs and rhs and not any(a < d and c < b for a, b in lhs for c, d in rhs):
                return sign * ROLE_WEIGHT
            # "Roe, a longtime Doe ally", "Roe is a Doe critic": the role's owner named right before it
            own = [(a, b) for a, b in right if b <= r.start() and _OWNER_GAP_RE.fullmatch(sentence, b, r.start())]
            for a, _b in own:
                if any(d <= a and a - d <= 40 and _COPULA_GAP_RE.fullmatch(sentence, d, a) for _c, d in left):
                    return sign * ROLE_WEIGHT
    return 0.0


OBLIGED_WEIGHT = -1.5  # stance_toward: "Roe should ...", "Roe needs to ...": telling the target what to do faults it
_OBLIGED_RE = re.compile(r"\s*(?:(?:also|simply|now|just|really|still)\s+)?(?:should|must|ought\s+to|needs\s+to|"
                         r"need\s+to|has\s+to|have\s+to|had\s+better)\b(?!\s+be\s+(?:praised|commended|thanked|"
                         r"congratulated|applauded|proud))", re.IGNORECASE)


def _obliged(sentence: str, target: str) -> bool:
    """Whether the target is told what it must do: a mention right before "should", "must", "needs to"."""
    rx = _target_regex(target)
    return rx is not None and any(_OBLIGED_RE.match(sentence, m.end()) for m in rx.finditer(sentence))


def _relation(sentence: str, target: str, source: str | None) -> tuple[float, str] | None:
    """A weak prior from the holder's and the target's stated parties: same party leans for,
    rival parties lean against (news sentences say "(R-Ky.)", "Democratic Sen.", "House Republicans");
    a target named after the holder (:func:`_own`) leans for; a role that links the two (:func:`_role`,
    "Roe, a spokeswoman for Doe", "Roe, a frequent Doe critic") leans its way; and a target told what
    it should do (:func:`_obliged`, "Doe should resign") leans against, whoever the holder."""
    if OBLIGED_WEIGHT and _obliged(sentence, target):
        return (OBLIGED_WEIGHT, "told what to do")
    if not source:
        return None
    if OWN_WEIGHT and _own(target, source):
        return (OWN_WEIGHT, "holder's own")
    if ROLE_WEIGHT:
        w = _role(sentence, target, source)
        if w:
            return (w, "role " + ("for" if w > 0 else "against"))
    if not PARTY_WEIGHT:
        return None
    ps, pt = _party(source, sentence), _party(target, sentence)
    if ps is None or pt is None:
        return None
    return (PARTY_WEIGHT, "same party") if ps == pt else (-PARTY_WEIGHT, "rival party")


# stance_toward only: when the sentence has no cue near or about the target, the tone of the
# whole sentence (VADER's compound score, with the target's and the holder's own words blanked)
# decides, if it is at least SENTENCE_FALLBACK either way. Such a signal is flagged
# ``defaulted=True`` with the low score +-FALLBACK_SCORE and the cue "sentence tone": it says how
# the sentence sounds, not what it says about the target. 0 turns it off.
SENTENCE_FALLBACK = 0.05
FALLBACK_SCORE = 0.05


_INTENT_TO_RE = re.compile(r"\b(?:" + "|".join(sorted(lx.INTENT_VERBS)) + r")\s+to\b", re.IGNORECASE)


@functools.lru_cache(maxsize=1)
def _vader():
    try:
        from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer  # noqa: PLC0415 (optional)
        return SentimentIntensityAnalyzer()
    except Exception:  # pragma: no cover - optional dependency
        return None


def _sentence_tone(sentence: str, names: Sequence[str | None] = ()) -> float:
    """VADER's compound score of the sentence with the mentions of ``names`` blanked; 0 without VADER."""
    an = _vader()
    if an is None:
        return 0.0
    try:
        for name in names:
            rx = _target_regex(name) if name else None
            if rx is not None:
                sentence = rx.sub(" ", sentence)
        # verbs of intent take no side ("threatened to close"): the scorer sets them aside, so does the tone
        sentence = _INTENT_TO_RE.sub(" to ", sentence)
        return float(an.polarity_scores(sentence)["compound"])
    except Exception:  # pragma: no cover
        return 0.0


def stance_toward(sentence: str, target: str, source: str | None = None) -> Signal:
    """The stance of ``source`` (or the author, when None) toward ``target`` in ``sentence``.

    A pair with no evidence either way gets the no-evidence default (``DEFAULT_AUTHOR`` /
    ``DEFAULT_NAMED``, flagged ``defaulted=True``, score 0); set them to "neutral" to turn this
    off. Never raises: on bad input it returns a neutral signal.
    """
    tgt = target if isinstance(target, str) else str(target)
    try:
        if not isinstance(sentence, str) or not sentence.strip():
            return Signal(target=tgt, label="neutral", score=0.0)
        src = source if isinstance(source, str) and source.strip() and source != "None" else None
        if src is None:
            scale = AUTHOR_POSITIVE
        elif (srx := _target_regex(src)) is None or not srx.search(sentence):
            scale = UNNAMED_HOLDER_POSITIVE
        else:
            scale = (1.0, 1.0)
        sig = _analyse(sentence, tgt, _target_regex(tgt), src, _tables(), relation=_relation(sentence, tgt, src),
                       positive_scale=scale)
        if sig.label == "neutral" and SENTENCE_FALLBACK and not sig.score:
            tone = _sentence_tone(sentence, (tgt, src))
            if abs(tone) >= SENTENCE_FALLBACK:
                return dataclasses.replace(sig, label="pro" if tone > 0 else "con",
                                           score=round(FALLBACK_SCORE * (1 if tone > 0 else -1), 4),
                                           cues=sig.cues + ("sentence tone",), defaulted=True)
        if sig.label == "neutral":
            default = DEFAULT_AUTHOR if src is None else DEFAULT_NAMED
            if default in ("pro", "con"):
                sig = dataclasses.replace(sig, label=default, defaulted=True)
        return sig
    except Exception:  # pragma: no cover - the contract: never raise
        return Signal(target=tgt, label="neutral", score=0.0)


def target_stance(sentence: str, target, source: str | None = None,
                  cues: Mapping[str, Sequence[str]] | None = None) -> Signal:
    """Like :func:`stance_toward` for a configured :class:`~extractors.topic.Target`: mentions
    are found with ``target.regex()`` and the bare head nouns of its phrases ("invitation",
    "agreement"; the caller vouches the sentence is on the topic), ``cues`` (a topic's cue lexicons) extend the built-in
    ones, and the signal's target is ``target.name``. Never raises."""
    name = getattr(target, "name", str(target))
    try:
        if not isinstance(sentence, str) or not sentence.strip():
            return Signal(target=name, label="neutral", score=0.0)
        src = source if isinstance(source, str) and source.strip() else None
        heads = _head_nouns([target]).get(name)
        extra = [(m.start(), m.end()) for m in heads.finditer(sentence)] if heads is not None else []
        sig = _analyse(sentence, getattr(target, "label", name), target.regex(), src, _tables(_freeze_cues(cues)),
                       extra)
        return _with_target(sig, name)
    except Exception:  # pragma: no cover - the contract: never raise
        return Signal(target=name, label="neutral", score=0.0)


# --- sentences ------------------------------------------------------------------------------
_ABBREV = frozenset("""mr mrs ms dr prof gen sen rep gov lt col maj capt sgt adm cmdr st jr sr
    rev hon pres amb no vs etc inc corp co ltd dept univ est approx fig jan feb mar apr jun jul
    aug sep sept oct nov dec mt ft""".split())
_BOUNDARY_RE = re.compile(r"[.!?]+[\"'”’)\]]*(?=\s+[\"'“‘(\[]?[A-Z0-9])|\n\s*\n|\n(?=\s*[\"'“‘]?[A-Z])")


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans (start, end) in ``text``; knows "Mr.", "Dr.", "Gen.", "U.S." and initials."""
    spans: list[tuple[int, int]] = []
    start = 0
    for m in _BOUNDARY_RE.finditer(text):
        end = m.end()
        if text[m.start()] == ".":
            before = text[start : m.start()]
            wm = re.search(r"([A-Za-z.]+)$", before)
            word = wm.group(1) if wm else ""
            lw = word.lower().rstrip(".")
            if lw in _ABBREV:
                continue
            if re.fullmatch(r"(?:[A-Za-z]\.)*[A-Za-z]", word):  # "U.S", "H" (initials), "U.K"
                # an acronym ends a sentence only before a word that cannot continue it
                nxt = text[m.end() :].lstrip()[:12]
                if len(word) == 1 or not re.match(r"(?:The|This|That|It|He|She|They|We|But|In)\b", nxt):
                    continue
        _add_span(text, start, end, spans)
        start = end
    _add_span(text, start, len(text), spans)
    return spans


def _add_span(text: str, start: int, end: int, spans: list[tuple[int, int]]) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        spans.append((start, end))


# --- articles -------------------------------------------------------------------------------
_PARTIAL_WORDS = 8  # a quote this short is scored with the sentence around it


_HEAD_STOP = frozenset("""security alliance nato ukraine force model memorandum policy declaration join joins
    joining enter invite inviting""".split())
CONTEXT_PARAGRAPHS = 1  # a quote that names no target is about the targets named in its paragraph or this many before


def _head_nouns(targets: Sequence) -> dict[str, re.Pattern[str]]:
    """Per target, a regex of the head nouns of its multi-word phrases ("security agreement" ->
    "agreement(s)", "NATO membership" -> "membership"), heads shared by two targets left out.
    Inside an article on the topic (one that names a target), a bare head noun ("the
    agreement", "membership") refers to it."""
    heads: dict[str, set[str]] = {}
    for t in targets:
        hs: set[str] = set()
        for p in getattr(t, "phrases", ()) or ():
            words = p.split()
            if len(words) < 2:
                continue
            w = words[-1]
            if not w.isalpha() or not w.islower() or w in _HEAD_STOP:
                continue
            hs.add(w[:-1] if w.endswith("s") and not w.endswith("ss") and len(w) > 4 else w)
        heads[t.name] = hs
    seen: dict[str, int] = {}
    for hs in heads.values():
        for h in hs:
            seen[h] = seen.get(h, 0) + 1
    out = {}
    for name, hs in heads.items():
        keep = sorted(h for h in hs if seen[h] == 1)
        if keep:
            out[name] = re.compile(r"\b(?:" + "|".join(map(re.escape, keep)) + r")s?\b", re.IGNORECASE)
    return out


def _paragraphs(text: str) -> list[tuple[int, int]]:
    spans, start = [], 0
    for m in re.finditer(r"\n\s*\n", text):
        spans.append((start, m.start()))
        start = m.end()
    spans.append((start, len(text)))
    return spans


def article_signals(text: str, quotes: Sequence, targets: Sequence, cues: Mapping[str, Sequence[str]] | None = None) -> list:
    """Stance signals in an article toward configured targets.

    One :class:`ArticleSignal` per (quote, target) where the quote is about the target, with the
    quote's speaker as source; and one per (sentence, target) for sentences in the article's own
    voice (overlapping no quote) that mention the target. A quote is about a target when its text
    (for a short partial quote, the sentence around it) mentions it: by one of its phrases or, in
    an article that names a target, by a bare head noun of them ("the agreement", "membership");
    a quote that mentions no target at all is about the targets named before it in its paragraph
    (or the one before) or in its own sentence, and is then scored as a whole. ``cues`` extends the built-in lexicons (keys
    support, oppose, hedge, condition). Evidence offsets are absolute in ``text``.
    """
    if not isinstance(text, str) or not text:
        return []
    tables = _tables(_freeze_cues(cues))
    sents = split_sentences(text)
    out: list[ArticleSignal] = []
    rxs = [(t, t.regex()) for t in targets]
    heads = _head_nouns(targets)
    # every mention of every target in the article: phrases, and head nouns once it is named
    strict = {t.name: [(m.start(), m.end()) for m in rx.finditer(text) if m.end() > m.start()] for t, rx in rxs}
    on_topic = any(strict.values())
    spans: dict[str, list[tuple[int, int]]] = {}
    for tgt, _rx in rxs:
        own = strict[tgt.name]
        loose = []
        if on_topic and tgt.name in heads:
            loose = [(m.start(), m.end()) for m in heads[tgt.name].finditer(text)
                     if not any(s < m.end() and m.start() < e for s, e in own)]
        spans[tgt.name] = sorted(own + loose)
    paras = _paragraphs(text)

    def sentence_at(pos: int) -> tuple[int, int]:
        for s, e in sents:
            if s <= pos < e:
                return s, e
        return max(0, pos), min(len(text), pos + 1)

    def inside(name: str, s: int, e: int) -> list[tuple[int, int]]:
        return [(a - s, b - s) for a, b in spans[name] if a >= s and b <= e]

    def others(name: str, s: int, e: int) -> list[tuple[int, int]]:
        return [x for t, _rx in rxs if t.name != name for x in inside(t.name, s, e)]

    def context_targets(qs: int, qe: int) -> list:
        # named before the quote (in its paragraph or the one before), or in the quote's own sentence
        pi = next((i for i, (s, e) in enumerate(paras) if s <= qs < e), 0)
        lo = paras[max(0, pi - CONTEXT_PARAGRAPHS)][0]
        ss, se = sentence_at(qs)
        se = max(se, qe)
        return [t for t, _rx in rxs if any((lo <= a and b <= qs) or (ss <= a and b <= se and not (qs <= a < qe))
                                           for a, b in spans[t.name])]

    for qi, q in enumerate(quotes):
        qs, qe = max(0, int(q.start)), min(len(text), int(q.end))
        if qe <= qs:
            continue
        qtext = text[qs:qe]
        if q.kind == "partial" or len(qtext.split()) < _PARTIAL_WORDS:
            s, e = sentence_at(qs)
            s, e = min(s, qs), max(e, qe)
            windows = [(s, e)]
            whole = (s, e)
        else:
            windows = [(qs + a, qs + b) for a, b in split_sentences(qtext)] or [(qs, qe)]
            whole = (qs, qe)
        named = {t.name for t, _rx in rxs if any(inside(t.name, s, e) for s, e in windows)}
        for tgt, _rx in rxs:
            best = None
            if tgt.name in named:
                for s, e in windows:
                    ment = inside(tgt.name, s, e)
                    if not ment:
                        continue
                    sig = _analyse(text[s:e], tgt.label, None, q.speaker, tables, ment, others(tgt.name, s, e))
                    if best is None or abs(sig.score) > abs(best[0].score):
                        best = (sig, s)
            elif not named and tgt in context_targets(qs, qe):
                s, e = whole
                best = (_analyse(text[s:e], tgt.label, None, q.speaker, tables, (), others(tgt.name, s, e),
                                 bare_negation=False), s)
            if best is not None:
                sig, base = best
                out.append(ArticleSignal(tgt.name, qi, _with_target(sig, tgt.name),
                                         base + sig.evidence_start, base + sig.evidence_end))

    qspans = [(int(q.start), int(q.end)) for q in quotes]
    for s, e in sents:
        if any(qs < e and qe > s for qs, qe in qspans):
            continue
        chunk = text[s:e]
        for tgt, _rx in rxs:
            ment = inside(tgt.name, s, e)
            if not ment:
                continue
            sig = _analyse(chunk, tgt.label, None, None, tables, ment, others(tgt.name, s, e))
            out.append(ArticleSignal(tgt.name, None, _with_target(sig, tgt.name),
                                     s + sig.evidence_start, s + sig.evidence_end))
    return out


def _with_target(sig: Signal, name: str) -> Signal:
    return Signal(target=name, label=sig.label, score=sig.score, hedged=sig.hedged,
                  conditional=sig.conditional, cues=sig.cues,
                  evidence_start=sig.evidence_start, evidence_end=sig.evidence_end)


def frame_counts(text: str, framing: Mapping[str, Sequence[str]]) -> dict[str, int]:
    """Mentions of each framing term's phrases in ``text``: whole words, case-insensitive.

    Overlapping phrases of one term count once per place ("security guarantees" is one
    "guarantees" mention, not two).
    """
    counts: dict[str, int] = {}
    for term, phrases in (framing or {}).items():
        ps = [p for p in phrases if isinstance(p, str) and p.strip()]
        if not ps or not isinstance(text, str):
            counts[term] = 0
            continue
        ps.sort(key=len, reverse=True)
        rx = re.compile("|".join(r"(?<!\w)" + r"\s+".join(re.escape(w) for w in p.split()) + r"(?!\w)" for p in ps),
                        re.IGNORECASE)
        counts[term] = sum(1 for _ in rx.finditer(text))
    return counts
