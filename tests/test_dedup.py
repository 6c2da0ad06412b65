from hypothesis import given
from hypothesis import strategies as st

from extractors.dedup import content_hash, hamming, near_duplicate, simhash

STORY = """The city council of Larkmoor voted on Tuesday to expand the northern tram line by four stops, ending a debate that had run for more than two years. Council leader Maren Okafor said the decision would "finally connect the harbour district to the rest of the city". The extension is expected to cost 212 million and open in 2029.

Opponents on the council argued that the money should go to bus services, which carry three times as many passengers. "We are building a monument, not a transport system," said councillor Teodor Blanc, who voted against the plan.

The regional transport authority will now begin a public consultation on the exact route. Residents along Quay Street have raised concerns about noise during construction, which is planned to start next spring.

Local business groups welcomed the vote. The harbour traders association said footfall in the district had fallen by a fifth since the ferry terminal closed, and that better links were overdue."""

SYNDICATED = ("LARKMOOR, March 5 (Northwire) - " + STORY.replace("on Tuesday", "on Tuesday,")
              + "\n\nReporting by Northwire staff. Copyright Northwire. All rights reserved.")

OTHER = """The city council of Larkmoor on Thursday rejected a proposal to build a new ferry terminal in the harbour district, after two years of debate. Council leader Maren Okafor said the cost, estimated at 90 million, could not be justified while the tram extension was under way. Opponents said the district had been neglected. "The harbour has waited long enough," said councillor Teodor Blanc. The regional transport authority said it would study cheaper options, including a seasonal water bus. Local business groups said they were disappointed and would campaign for the terminal in next year's elections."""


def test_content_hash_normalises_case_and_whitespace():
    assert content_hash("Hello   World\n") == content_hash("hello world")
    assert content_hash("hello world") != content_hash("hello there world")
    assert len(content_hash("")) == 64


def test_syndicated_copy_is_near_duplicate():
    assert near_duplicate(simhash(STORY), simhash(SYNDICATED))


def test_different_article_on_same_topic_is_not():
    assert not near_duplicate(simhash(STORY), simhash(OTHER))
    assert hamming(simhash(STORY), simhash(OTHER)) > 6


def test_simhash_is_64_bit_and_stable():
    h = simhash(STORY)
    assert 0 <= h < 2 ** 64
    assert h == simhash(STORY)
    assert simhash("") == 0


@given(st.text(max_size=300))
def test_never_raises(s):
    assert 0 <= simhash(s) < 2 ** 64
    assert len(content_hash(s)) == 64
