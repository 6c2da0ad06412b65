"""Stance signals: labelled fixtures, hedge/condition/negation flags, article placement, framing.

Every person named here is fictional. The SEESAW figures live in the report, not here: tests
carry their own fixtures and never read the shared development data.
"""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extractors.lexicon import general_lexicon
from extractors.quotes import Quote
from extractors.stance import (
    VERSION,
    ArticleSignal,
    Signal,
    article_signals,
    frame_counts,
    split_sentences,
    stance_toward,
    target_stance,
)
from extractors.topic import parse_topic

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures" / "stance"
TOPIC = parse_topic((ROOT / "topics" / "ukraine-security.toml").read_text(), "ukraine-security.toml")


def _fixtures() -> list[dict]:
    rows = []
    for path in sorted(FIXTURES.glob("*.jsonl")):
        rows += [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return rows


FIXTURE_ROWS = _fixtures()


def test_version():
    assert VERSION == "stance-7"


def test_fixture_set_is_big_and_varied():
    labels = {r["label"] for r in FIXTURE_ROWS}
    assert len(FIXTURE_ROWS) >= 40
    assert labels == {"pro", "con", "neutral"}
    assert {r["target"] for r in FIXTURE_ROWS} == {"nato_membership", "security_guarantees"}
    assert sum(bool(r.get("hedged")) for r in FIXTURE_ROWS) >= 4
    assert sum(bool(r.get("conditional")) for r in FIXTURE_ROWS) >= 4
    assert all(r.get("checks") for r in FIXTURE_ROWS)


@pytest.mark.parametrize("row", FIXTURE_ROWS, ids=[r["id"] for r in FIXTURE_ROWS])
def test_fixture(row):
    if row.get("known_miss"):
        pytest.xfail(row["known_miss"])
    if row.get("needs_general_lexicon") and not general_lexicon():
        pytest.skip("needs the vaderSentiment package (general-sentiment fallback)")
    sig = target_stance(row["sentence"], TOPIC.target(row["target"]), row.get("source"), TOPIC.cues)
    assert sig.target == row["target"]
    assert sig.label == row["label"], (sig, row["checks"])
    assert sig.hedged == bool(row.get("hedged", False)), (sig, row["checks"])
    assert sig.conditional == bool(row.get("conditional", False)), (sig, row["checks"])
    assert 0 <= sig.evidence_start <= sig.evidence_end <= len(row["sentence"])


@pytest.mark.parametrize("row", [r for r in FIXTURE_ROWS if r.get("known_miss")], ids=lambda r: r["id"])
def test_known_misses_still_miss(row):
    """When a known miss starts passing, drop its known_miss note (and raise the floor)."""
    sig = target_stance(row["sentence"], TOPIC.target(row["target"]), row.get("source"), TOPIC.cues)
    assert sig.label != row["label"]


# --- the free-phrase entry point ------------------------------------------------------------
@pytest.mark.parametrize("sentence,target,source,label", [
    ("Senator Ada Quillon blasted Congress for stalling the aid bill.", "Congress", "Ada Quillon", "con"),
    ("Governor Lem Farrow praised Marlow supporters for their turnout.", "Marlow supporters", "Lem Farrow", "pro"),
    ("Mr. Orrin Vale accused the Halden Party of misleading voters.", "Halden Party", "Orrin Vale", "con"),
    ("Ms. Brie Anholt endorsed Tova Renick for mayor on Monday.", "Tova Renick", "Brie Anholt", "pro"),
])
def test_stance_toward_free_targets(sentence, target, source, label):
    sig = stance_toward(sentence, target, source)
    assert isinstance(sig, Signal)
    assert sig.label == label
    assert sig.target == target
    assert -1.0 <= sig.score <= 1.0
    assert (sig.score > 0) == (label == "pro") and (sig.score < 0) == (label == "con")


def test_target_words_are_not_cues():
    # "supporters" is part of the target, not a cue about it: no evidence, so no stance
    sig = stance_toward("Marlow supporters gathered outside the hall.", "Marlow supporters")
    assert sig.label == "neutral" and sig.score == 0.0 and not sig.defaulted


@pytest.mark.parametrize("source,label", [(None, "con"), ("Mayor Lee", "pro")])
def test_no_evidence_is_neutral_unless_a_default_is_set(monkeypatch, source, label):
    import extractors.stance as stance_mod

    text = "The council met on Tuesday to review the budget."
    sig = stance_toward(text, "budget", source)
    assert (sig.label, sig.defaulted) == ("neutral", False)
    monkeypatch.setattr(stance_mod, "DEFAULT_AUTHOR", "con")
    monkeypatch.setattr(stance_mod, "DEFAULT_NAMED", "pro")
    sig = stance_toward(text, "budget", source)
    assert (sig.label, sig.score, sig.defaulted, sig.cues) == (label, 0.0, True, ())


def test_evidence_is_never_defaulted():
    sig = stance_toward("The mayor praised the budget.", "budget", "Mayor Lee")
    assert sig.label == "pro" and not sig.defaulted
    sig = stance_toward("Critics slammed the budget.", "budget")
    assert sig.label == "con" and not sig.defaulted


def test_intent_verb_takes_no_side():
    # "threatened to close the border" wants the border closed; "threatened to veto" opposes the bill
    sig = stance_toward("Marlow threatened to close the border.", "closing the border", "Marlow")
    assert sig.label != "con" and "threatened" not in sig.cues
    sig = stance_toward("The president threatened to veto the spending bill.", "spending bill", "the president")
    assert sig.label == "con" and "veto" in sig.cues


def test_alliance_and_rivalry_phrases():
    assert stance_toward("Greaves, a close ally of Marlow, spoke on Sunday.", "Ansel Marlow", "Ada Greaves").label == "pro"
    sig = stance_toward("She won a narrow victory over Smith in the primary.", "John Smith", "Jane Doe")
    assert sig.label == "con" and not sig.defaulted


def test_surname_finds_person_target():
    sig = stance_toward("Mr. Kessler was slammed by his rivals on Friday.", "Anton Kessler")
    text = "Mr. Kessler was slammed by his rivals on Friday."
    assert sig.label == "con"
    assert "Kessler" in text[sig.evidence_start:sig.evidence_end]


@pytest.mark.parametrize("sentence,label", [
    ("We do not oppose NATO membership for Ukraine.", "pro"),
    ("We are not ready to say yes to NATO membership for Ukraine.", "con"),
    ("The deal is not a security guarantee.", "con"),
    ("There is no consensus on NATO membership.", "con"),
    ("The minister refused to back NATO membership.", "con"),
    ("The minister did not hesitate to support NATO membership.", "pro"),
])
def test_negation_scope(sentence, label):
    target = "security guarantee" if "guarantee" in sentence else "NATO membership"
    assert stance_toward(sentence, target).label == label


def test_negation_stops_at_clause_break():
    sig = stance_toward("Nobody expected it, but Sara Holt supports NATO membership.", "NATO membership", "Sara Holt")
    assert sig.label == "pro"


@pytest.mark.parametrize("sentence,hedged,conditional", [
    ("Ukraine may eventually join NATO.", True, False),
    ("In principle we back NATO membership.", True, False),
    ("Allies offered something between assurances and NATO membership.", True, False),
    ("NATO membership will come only if the war ends.", False, True),
    ("NATO membership can follow once the war ends.", False, True),
    ("NATO membership, when conditions are met.", True, True),
    ("The allies back NATO membership.", False, False),
])
def test_hedge_and_condition_flags(sentence, hedged, conditional):
    sig = stance_toward(sentence, "NATO membership")
    assert (sig.hedged, sig.conditional) == (hedged, conditional)


def test_cues_are_reported():
    sig = stance_toward("Envoy Mara Ilves condemned NATO membership talk as reckless.", "NATO membership")
    assert sig.label == "con"
    assert "condemned" in sig.cues and "reckless" in sig.cues


def test_topic_cues_extend_the_lexicon():
    target = TOPIC.target("nato_membership")
    sentence = "Envoy Pell Aranda said NATO membership would be a bonanza for Kyiv."
    assert target_stance(sentence, target).label == "neutral"
    assert target_stance(sentence, target, cues={"support": ["bonanza"]}).label == "pro"
    assert target_stance(sentence, target, cues={"oppose": ["bonanza"]}).label == "con"
    assert target_stance("NATO membership, perchance.", target, cues={"hedge": ["perchance"]}).hedged
    assert target_stance("NATO membership, barring surprises.", target,
                         cues={"condition": ["barring surprises"]}).conditional


# --- never raises; offsets in range ---------------------------------------------------------
@settings(max_examples=300, deadline=None)
@given(st.text(max_size=300), st.text(max_size=40), st.one_of(st.none(), st.text(max_size=30)))
def test_never_raises_and_offsets_in_sentence(sentence, target, source):
    sig = stance_toward(sentence, target, source)
    assert sig.label in ("pro", "con", "neutral")
    assert -1.0 <= sig.score <= 1.0
    assert 0 <= sig.evidence_start <= sig.evidence_end <= len(sentence)


@settings(max_examples=100, deadline=None)
@given(st.lists(st.sampled_from(["NATO membership", "not", "no", "oppose", "back", "may", "only if",
                                 "but", ",", ".", "Mr.", "praised", "security guarantees", "“", "”",
                                 "Kyiv", "premature", "never", "yes"]), max_size=30))
def test_never_raises_on_cue_soup(words):
    sentence = " ".join(words)
    for target in ("NATO membership", "security guarantees"):
        sig = stance_toward(sentence, target, "Ola Brenn")
        assert 0 <= sig.evidence_start <= sig.evidence_end <= len(sentence)


@pytest.mark.parametrize("bad", [None, 42, b"bytes", ""])
def test_bad_input_is_neutral(bad):
    assert stance_toward(bad, "NATO membership").label == "neutral"


# --- sentences ------------------------------------------------------------------------------
def test_split_sentences_knows_abbreviations():
    text = ("Mr. Varga met Dr. Ilse Holm in the U.S. capital on Monday. Gen. Tarn Ostrow said "
            "the talks went well! Did they? The U.S. envoy, J. R. Pell, said nothing.")
    got = [text[s:e] for s, e in split_sentences(text)]
    assert got == [
        "Mr. Varga met Dr. Ilse Holm in the U.S. capital on Monday.",
        "Gen. Tarn Ostrow said the talks went well!",
        "Did they?",
        "The U.S. envoy, J. R. Pell, said nothing.",
    ]


def test_split_sentences_paragraphs_and_quotes():
    text = "“We back it,” she said. “So do we.”\n\nA new paragraph"
    got = [text[s:e] for s, e in split_sentences(text)]
    assert got == ["“We back it,” she said.", "“So do we.”", "A new paragraph"]


# --- articles -------------------------------------------------------------------------------
ARTICLE = (
    "BRUSSELS — Allies met on Tuesday to weigh security guarantees for Ukraine. "
    "“Ukraine deserves a clear invitation to join NATO,” said Foreign Minister Alda Verhoeven. "
    "Karl Edvardsen, a defence minister, called talk of NATO membership “premature”. "
    "The security agreement drafted by officials was reckless, critics wrote."
)


def _quotes(text: str) -> list[Quote]:
    q1 = "Ukraine deserves a clear invitation to join NATO,"
    q2 = "premature"
    s1 = text.index(q1)
    s2 = text.index(q2)
    return [
        Quote(start=s1, end=s1 + len(q1), text=q1, kind="direct", speaker="Alda Verhoeven",
              cue="said"),
        Quote(start=s2, end=s2 + len(q2), text=q2, kind="partial", speaker="Karl Edvardsen",
              cue="called"),
    ]


def test_article_signals_quotes_and_own_voice():
    quotes = _quotes(ARTICLE)
    sigs = article_signals(ARTICLE, quotes, TOPIC.targets, TOPIC.cues)
    assert all(isinstance(s, ArticleSignal) for s in sigs)
    by = {(s.quote_index, s.target): s for s in sigs}
    # the direct quote mentions nato_membership ("invitation to join") and supports it
    assert by[(0, "nato_membership")].signal.label == "pro"
    # the partial quote is scored with its sentence, which mentions NATO membership
    assert by[(1, "nato_membership")].signal.label == "con"
    # the article's own voice: first sentence neutral, last one against
    own = sorted((s for s in sigs if s.quote_index is None), key=lambda s: s.evidence_start)
    assert [(s.target, s.signal.label) for s in own] == [("security_guarantees", "neutral"),
                                                        ("security_guarantees", "con")]
    for s in sigs:
        assert 0 <= s.evidence_start < s.evidence_end <= len(ARTICLE)
        assert s.signal.target == s.target
    # evidence is absolute in the article text
    ev = by[(0, "nato_membership")]
    assert "join NATO" in ARTICLE[ev.evidence_start:ev.evidence_end] or \
        "deserves" in ARTICLE[ev.evidence_start:ev.evidence_end]
    assert "premature" in ARTICLE[by[(1, "nato_membership")].evidence_start:by[(1, "nato_membership")].evidence_end]


def test_article_signals_no_quotes_no_targets():
    assert article_signals("", [], TOPIC.targets) == []
    assert article_signals("Nothing about the topic here.", [], TOPIC.targets) == []
    assert article_signals(ARTICLE, [], []) == []


def test_article_signals_skips_quotes_without_target():
    text = "“The weather is fine,” said Ola Brenn. NATO membership was not discussed."
    q = "The weather is fine,"
    s = text.index(q)
    sigs = article_signals(text, [Quote(s, s + len(q), q, "direct", "Ola Brenn")], TOPIC.targets)
    assert [(x.quote_index, x.target) for x in sigs] == [(None, "nato_membership")]


# --- framing --------------------------------------------------------------------------------
def test_frame_counts():
    text = ("Security guarantees, not mere assurances: the guarantee must be real. "
            "Reassurance is cheap; guaranteed support is not. Article 5 and article five differ. "
            "Guaranteeing is not counted, nor is unguaranteed.")
    counts = frame_counts(text, TOPIC.framing_terms)
    assert counts == {"guarantees": 3, "assurances": 2, "security_arrangements": 0, "article_5": 2}


def test_frame_counts_empty():
    assert frame_counts("", {"guarantees": ["guarantee"]}) == {"guarantees": 0}
    assert frame_counts("text", {}) == {}


# --- the quality gate -----------------------------------------------------------------------
def test_fixture_scores_meet_floors():
    floors = json.loads((ROOT / "tests" / "quality_floors.json").read_text())
    assert "stance" in floors and floors["stance"].get("macro_f1")
    proc = subprocess.run([sys.executable, str(ROOT / "scripts" / "score_stance_fixtures.py")],
                          capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "macro_f1" in proc.stdout


def test_fixture_score_script_fails_below_floor(tmp_path):
    floors = tmp_path / "floors.json"
    floors.write_text(json.dumps({"stance": {"macro_f1": 1.01}}))
    proc = subprocess.run([sys.executable, str(ROOT / "scripts" / "score_stance_fixtures.py"),
                           "--floors", str(floors)], capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert proc.returncode == 1
    assert "BELOW FLOOR" in proc.stderr


# --- the sample corpus gate and the article-level patterns ----------------------------------
def test_sample_scores_meet_floors():
    floors = json.loads((ROOT / "tests" / "quality_floors.json").read_text())
    assert floors.get("stance_sample", {}).get("macro_f1")
    proc = subprocess.run([sys.executable, str(ROOT / "scripts" / "score_stance_sample.py"), "--floors"],
                          capture_output=True, text=True, cwd=ROOT, timeout=300)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "detection_recall" in proc.stdout


def test_sample_score_script_fails_below_floor(tmp_path):
    floors = tmp_path / "floors.json"
    floors.write_text(json.dumps({"stance_sample": {"macro_f1": 1.01}}))
    proc = subprocess.run([sys.executable, str(ROOT / "scripts" / "score_stance_sample.py"),
                           "--floors", str(floors)], capture_output=True, text=True, cwd=ROOT, timeout=300)
    assert proc.returncode == 1
    assert "BELOW FLOOR" in proc.stderr


ANAPHORA = (
    "Germany signed a bilateral security agreement with Ukraine on Friday.\n\n"
    "The Kremlin said the agreement was a provocation that would prolong the war.\n\n"
    "Officials said the agreement did not settle the question of NATO membership."
)


def test_anaphoric_head_noun_refers_to_the_target():
    q = "the agreement was a provocation that would prolong the war"
    s = ANAPHORA.index(q)
    sigs = article_signals(ANAPHORA, [Quote(s, s + len(q), q, "indirect", "the Kremlin")], TOPIC.targets, TOPIC.cues)
    by = {(x.quote_index, x.target): x.signal for x in sigs}
    assert by[(0, "security_guarantees")].label == "con"
    # the other target's mention is neither a cue nor the subject of a bare negation
    own = [x for x in sigs if x.quote_index is None and x.target == "nato_membership"]
    assert [x.signal.label for x in own] == ["neutral"]


def test_head_nouns_need_an_on_topic_article():
    text = "The club reached an agreement with its coach on Monday.\n\n“It is a fair agreement,” said Ola Brenn."
    q = "It is a fair agreement,"
    s = text.index(q)
    assert article_signals(text, [Quote(s, s + len(q), q, "direct", "Ola Brenn")], TOPIC.targets) == []


def test_quote_without_target_takes_its_paragraph_target():
    text = "Kyiv wants NATO membership. “We will keep pushing for it,” said Ola Brenn."
    q = "We will keep pushing for it,"
    s = text.index(q)
    sigs = article_signals(text, [Quote(s, s + len(q), q, "direct", "Ola Brenn")], TOPIC.targets, TOPIC.cues)
    by = {(x.quote_index, x.target): x.signal for x in sigs}
    assert by[(0, "nato_membership")].label == "pro"
    assert (0, "security_guarantees") not in by


def test_rejected_alternative_is_not_a_negation():
    sig = target_stance("“Ukraine deserves NATO membership, not another promise,” said Ilse Marnow.",
                        TOPIC.target("nato_membership"), "Ilse Marnow", TOPIC.cues)
    assert sig.label == "pro" and sig.score > 0.3
    assert not any(c.startswith("not") for c in sig.cues)


# --- stance-3: relations, party labels, blame words, the sentence-tone fallback ------------------
@pytest.mark.parametrize("sentence,target,source,label", [
    # ties between holder and target: family, staff, appointments, proposals
    ("Orla Pemberton campaigned in Dunmore with her son, Caspar Pemberton.", "Caspar Pemberton", "Orla Pemberton", "pro"),
    ("Governor Hale Torvik appointed Wren Ostby to the harbour board.", "Wren Ostby", "Hale Torvik", "pro"),
    ("Senator Ada Quillon introduced the Clean Rivers Act on Monday.", "Clean Rivers Act", "Ada Quillon", "pro"),
    # blame words VADER lacks
    ("Mr. Orrin Vale called the Harbour Levy a sham.", "Harbour Levy", "Orrin Vale", "con"),
    ("Ms. Brie Anholt said the Tolland inquiry was baseless.", "Tolland inquiry", "Brie Anholt", "con"),
])
def test_relation_and_blame_words(sentence, target, source, label):
    sig = stance_toward(sentence, target, source)
    assert sig.label == label and not sig.defaulted, sig


def test_party_labels_relate_holder_and_target():
    text = "Sen. Mara Kessling (D-Ore.) met Rep. Tobin Varga (R-Ohio) on Tuesday."
    sig = stance_toward(text, "Tobin Varga", "Mara Kessling")
    assert sig.label == "con" and "rival party" in sig.cues
    text = "Republican Sen. Hollis Brant spoke with House Republicans on Tuesday."
    sig = stance_toward(text, "House Republicans", "Hollis Brant")
    assert sig.label == "pro" and "same party" in sig.cues
    # no stated party: no relation
    sig = stance_toward("Mara Kessling met Tobin Varga on Tuesday.", "Tobin Varga", "Mara Kessling")
    assert not any(c in sig.cues for c in ("same party", "rival party"))


def test_sentence_tone_is_a_flagged_weak_fallback(monkeypatch):
    import extractors.stance as stance_mod

    if stance_mod._vader() is None:
        pytest.skip("needs the vaderSentiment package")
    # no cue (grief words are not opposition), but the sentence sounds grim: a low-score, flagged "con"
    text = "The Harbour Levy vote came a day after the tragic flood killed nine people in Dunmore, Hale Torvik said."
    sig = stance_toward(text, "Harbour Levy", "Hale Torvik")
    assert (sig.label, sig.defaulted) == ("con", True) and abs(sig.score) <= 0.05 and "sentence tone" in sig.cues
    monkeypatch.setattr(stance_mod, "SENTENCE_FALLBACK", 0)
    assert stance_toward(text, "Harbour Levy", "Hale Torvik").label == "neutral"


def test_sentence_tone_ignores_the_names():
    # "supporters" is the target's own word, not the sentence's tone
    sig = stance_toward("Marlow supporters gathered outside the hall.", "Marlow supporters")
    assert sig.label == "neutral" and not sig.defaulted


# --- stance-4: stance idioms, excess ("too friendly"), "No. 1", "kind of", the holder's own ----------
@pytest.mark.parametrize("sentence,target,source,label", [
    # idioms of political news
    ("Sen. Ivo Marsh has been sharply critical of the Harbour Levy.", "Harbour Levy", "Ivo Marsh", "con"),
    ("Mayor Petra Lund said the ruling was a blow to the Tolland Compact.", "Tolland Compact", "Petra Lund", "con"),
    ("Councillor Edda Rime said she was on board with the Dunmore bypass.", "Dunmore bypass", "Edda Rime", "pro"),
    ("Gov. Hale Torvik vowed to get rid of the Harbour Levy.", "Harbour Levy", "Hale Torvik", "con"),
    # hand-written stance words
    ("Rep. Noor Ashby called the Tolland inquiry misguided.", "Tolland inquiry", "Noor Ashby", "con"),
    ("Rep. Noor Ashby called the Dunmore plan sensible.", "Dunmore plan", "Noor Ashby", "pro"),
])
def test_stance_idioms_and_words(sentence, target, source, label):
    sig = stance_toward(sentence, target, source)
    assert sig.label == label and not sig.defaulted, sig


def test_too_much_of_a_good_quality_opposes():
    sig = stance_toward("Ivo Marsh said Petra Lund was too friendly with the shipping lobby.", "Petra Lund", "Ivo Marsh")
    assert sig.label == "con" and "too friendly" in sig.cues, sig
    # "not too" is "not very": the negation reads the plain word
    sig = stance_toward("Ivo Marsh said he was not too happy with Petra Lund.", "Petra Lund", "Ivo Marsh")
    assert sig.label == "con" and "too happy" not in sig.cues, sig


def test_number_abbreviation_is_not_a_negation():
    sig = stance_toward("Wren Ostby is the No. 2 official at the Harbour Board.", "Wren Ostby")
    assert not any(c in ("no", "no.") for c in sig.cues), sig


def test_kind_of_is_not_kindness():
    sig = stance_toward("It is the kind of deal Wren Ostby signs.", "Wren Ostby")
    assert "kind" not in sig.cues, sig


@pytest.mark.parametrize("target,source,label", [
    ("President Torvik's harbour plan", "Hale Torvik", "pro"),  # the holder's own proposal
    ("Torvik-Lund bill", "Petra Lund", "pro"),  # a bill that bears the holder's name
    ("Caspar Pemberton", "Orla Pemberton", "pro"),  # a relative
])
def test_target_named_after_the_holder(target, source, label):
    sig = stance_toward("The debate in Dunmore went on until late on Tuesday.", target, source)
    assert sig.label == label and "holder's own" in sig.cues, sig


def test_holder_own_needs_a_person_and_the_start_of_the_target():
    # a party is no person, and a measure against the holder's plan is not the holder's own
    for target, source in [("Republican Party", "Democratic Party"),
                           ("measure to overturn Torvik's harbour plan", "Hale Torvik"),
                           ("Hale Torvik", "Hale Torvik")]:
        sig = stance_toward("The debate in Dunmore went on until late on Tuesday.", target, source)
        assert "holder's own" not in sig.cues, (target, source, sig)
