"""Speaker identity helpers: alias merging, surname safety, kinds and countries."""
from __future__ import annotations

from extractors.quotes import Quote, extract_quotes
from extractors.speakers import Speaker, derive_country, normalise_name, resolve_speakers, strip_titles


def q(speaker, kind="person", role=None, anonymous=False):
    return Quote(0, 1, "x", "indirect", speaker, None, None, role, "said", anonymous, kind)


def test_titles_stripped_and_kept_as_roles():
    assert strip_titles("Deputy Prime Minister Olena Marchuk") == ("Olena Marchuk", "Deputy Prime Minister")
    assert strip_titles("Dr. Ada Kowal") == ("Ada Kowal", "Dr.")
    assert normalise_name("President Ivo Marinov") == normalise_name("Ivo Marinov") == "ivo-marinov"


def test_aliases_merge_within_article():
    text = ("Deputy Prime Minister Olena Marchuk said the talks were on schedule. "
            "Marchuk added that the vote was set for Friday.")
    quotes = extract_quotes(text)
    speakers = resolve_speakers(quotes, [])
    assert len(speakers) == len(quotes) == 2
    assert speakers[0].speaker_id == speakers[1].speaker_id == "person:olena-marchuk"
    assert speakers[0].name == "Olena Marchuk"
    assert "Deputy Prime Minister" in speakers[0].roles


def test_full_name_matches_known_speaker():
    known = [Speaker("person:olena-marchuk", "Olena Marchuk", "person", ("Marchuk",), ("Deputy Prime Minister",), "Ukraine")]
    out = resolve_speakers([q("Deputy Prime Minister Olena Marchuk", role="Deputy Prime Minister")], known)
    assert out[0].speaker_id == "person:olena-marchuk"


def test_surname_matches_unique_known_person():
    known = [Speaker("person:olena-marchuk", "Olena Marchuk", "person", (), (), None)]
    out = resolve_speakers([q("Marchuk")], known)
    assert out[0].speaker_id == "person:olena-marchuk"
    assert out[0].name == "Olena Marchuk"


def test_same_surname_people_never_merge():
    known = [Speaker("person:tomasz-nowicki", "Tomasz Nowicki", "person", (), (), None),
             Speaker("person:ewa-nowicki", "Ewa Nowicki", "person", (), (), None)]
    out = resolve_speakers([q("Nowicki")], known)
    assert out[0].speaker_id not in {"person:tomasz-nowicki", "person:ewa-nowicki"}
    out = resolve_speakers([q("Ewa Nowicki"), q("Tomasz Nowicki")], known)
    assert [s.speaker_id for s in out] == ["person:ewa-nowicki", "person:tomasz-nowicki"]


def test_surname_prefers_full_name_in_this_article():
    known = [Speaker("person:ewa-nowicki", "Ewa Nowicki", "person", (), (), None)]
    out = resolve_speakers([q("Tomasz Nowicki"), q("Nowicki")], known)
    assert out[0].speaker_id == out[1].speaker_id == "person:tomasz-nowicki"


def test_organisation_and_anonymous_kinds():
    quotes = extract_quotes("The Kremlin said the offer was unacceptable. "
                            "“The plan is dead,” a senior diplomat from Central Europe told reporters.")
    out = resolve_speakers(quotes, [])
    assert out[0].kind == "organisation" and out[0].speaker_id == "org:the-kremlin"
    assert out[0].country == "Russia"
    assert out[1].kind == "anonymous"
    assert out[1].speaker_id == "anon:a-senior-diplomat-from-central-europe"
    assert out[1].country == "Central Europe"


def test_no_speaker_gives_none():
    assert resolve_speakers([q(None)], []) == [None]


def test_country_derivation():
    assert derive_country("French President") == "France"
    assert derive_country("a diplomat from Eastern Europe") == "Eastern Europe"
    assert derive_country("the Kremlin") == "Russia"
    assert derive_country("Ukraine's deputy foreign minister") == "Ukraine"
    assert derive_country("Ukraine’s deputy foreign minister") == "Ukraine"
    assert derive_country("the port director") is None


def test_a_named_country_beats_a_region_in_the_role():
    from extractors.speakers import derive_country

    assert derive_country("Britain's Europe minister") == "United Kingdom"
    assert derive_country("a diplomat from Eastern Europe") == "Eastern Europe"


# --- junk speaker mentions (pronouns, time phrases, places, groups) never become stored speakers

def test_pronoun_is_never_a_stored_speaker():
    out = resolve_speakers([q("They", kind="unknown"), q("He\u2019s", kind="unknown"), q("I've")], [])
    assert out == [None, None, None]


def test_unresolved_pronoun_leaves_speaker_empty():
    text = ("A year ago, Western diplomats in Corvella chose their words carefully. "
            "They spoke of assurances and of arrangements, not of membership.")
    quotes = extract_quotes(text)
    assert quotes and all(x.speaker is None for x in quotes)
    assert resolve_speakers(quotes, []) == [None] * len(quotes)


def test_places_are_organisations_through_every_path():
    # even when a quote arrives typed as a person, a country or capital is stored as an organisation
    out = resolve_speakers([q("Kyiv"), q("Lithuania"), q("Latvia and Lithuania", kind="unknown")], [])
    assert [s.kind for s in out] == ["organisation"] * 3
    assert out[0].speaker_id == "org:kyiv"


def test_unknown_kind_is_classified_not_defaulted_to_person():
    out = resolve_speakers([q("manufacturers", kind="unknown"), q("The Group of Seven", kind="unknown"),
                            q("NATO leaders", kind="unknown"), q("Ilse Marrow", kind="unknown")], [])
    assert [s.kind for s in out] == ["anonymous", "organisation", "organisation", "person"]


def _pairs(text):
    quotes = extract_quotes(text)
    return {(s.name, s.kind) for s in resolve_speakers(quotes, []) if s is not None}


def test_groups_of_officials_are_anonymous_and_bodies_of_states_organisations():
    pairs = _pairs("Officials in Brellin said the treaty would be signed in May. "
                   "Manufacturers reported the first rise in orders in almost two years, a survey showed. "
                   "Ministers also discussed a training programme, a step several allies see as preparing the "
                   "ground for membership.")
    assert ("Officials in Brellin", "anonymous") in pairs
    assert ("Manufacturers", "anonymous") in pairs
    assert ("Ministers", "organisation") in pairs
    assert not any(k == "person" for _, k in pairs)


def test_time_phrase_and_sentence_adjective_are_not_speakers():
    pairs = _pairs("General Teodor Varga does not speak like a diplomat. The army's deputy chief of staff has "
                   "spent two years arguing that the border war is everyone's war.\n\n"
                   "Bilateral promises would not deter anyone unless they were backed by a timetable, "
                   "the general said.")
    names = {n for n, _ in pairs}
    assert "two years" not in names and "Bilateral" not in names


def test_role_description_resolves_to_the_person_who_spoke_just_before():
    pairs = _pairs("Pavel Rusnak, a member of the assembly's farm committee, said the country should wait. "
                   "\"Friendship is not a one-way street,\" the MP said.")
    assert pairs == {("Pavel Rusnak", "person")}
