"""OPML import and export: titles and categories survive a round trip; bad OPML names its line."""
from __future__ import annotations

import pytest

from conftest import FIXTURES
from extractors.opml import OpmlError, parse_opml, render_opml
from extractors.topic import Feed, parse_topic
from flows.cli import main
from flows.feeds_admin import add_feeds, export_opml, import_opml

OPML = FIXTURES / "opml"
TOPIC = """# A fictional topic, with comments that must survive.
name = "local"
title = "Local topic"
keywords = ["NATO"]

[[targets]]
name = "nato_membership"
phrases = ["NATO membership"]

# Feeds we read already.
[[feeds]]
url = "https://eskvale.example/rss"   # listed in the OPML too: not added twice
outlet = "Eskvale Letter"

# The sample corpus.
[sample]
feeds = ["a/rss.xml"]
"""


@pytest.fixture()
def topic_file(tmp_path):
    p = tmp_path / "local.toml"
    p.write_text(TOPIC)
    return p


def keyed(feeds):
    return [(f.url, f.title, f.category) for f in feeds]


def test_reader_export_is_read_with_titles_and_category_paths():
    doc = parse_opml((OPML / "reader_export.opml").read_bytes(), "reader_export.opml")
    assert doc.title == "Subscriptions of a fictional reader"
    assert keyed(doc.feeds) == [
        ("https://alderpost.example/europe/rss.xml", "Alder Post — Europe", "World/Europe"),
        ("https://brennholm.example/feed/", "Brennholm Daily", "World/Europe"),
        ("https://corriewire.example/atom.xml", "Corrie Wire & Partners", "World"),
        ("https://dunmore.example/feed.json", None, "Analysis/Security"),  # text was the URL: no title
        ("https://eskvale.example/rss", "Eskvale Letter", None),
    ]
    assert doc.feeds[0].html_url == "https://alderpost.example/europe/"
    assert len(doc.warnings) == 2
    assert "reader_export.opml:20" in doc.warnings[0] and "not an http(s) URL" in doc.warnings[0]
    assert "listed twice" in doc.warnings[1]


def test_import_export_import_round_trip(topic_file, tmp_path):
    result, warnings = import_opml(OPML / "reader_export.opml", topic_file)
    assert len(result.added) == 4 and [u for u, _ in result.skipped] == ["https://eskvale.example/rss"]
    text = topic_file.read_text()
    # the rest of the file is untouched, the new tables follow the existing [[feeds]], before [sample]
    assert text.startswith(TOPIC.split("# The sample corpus.")[0].rstrip("\n"))
    assert text.index("Imported from reader_export.opml") < text.index("# The sample corpus.")
    assert text.rstrip().endswith('[sample]\nfeeds = ["a/rss.xml"]')
    first = parse_topic(text, str(topic_file))
    assert first.feeds[0].outlet == "Eskvale Letter" and first.sample_feeds == ("a/rss.xml",)

    exported = export_opml(first)
    again = tmp_path / "again.toml"
    again.write_text(TOPIC.replace('[[feeds]]\nurl = "https://eskvale.example/rss"   # listed in the OPML too: '
                                   'not added twice\noutlet = "Eskvale Letter"\n', ""))
    (tmp_path / "exported.opml").write_bytes(exported)
    result2, _ = import_opml(tmp_path / "exported.opml", again)
    second = parse_topic(again.read_text(), str(again))
    assert sorted(keyed(second.feeds)) == sorted(keyed(first.feeds))
    assert not result2.skipped
    assert export_opml(second) == render_opml(second.feeds, first.title)  # deterministic


def test_import_twice_adds_nothing_the_second_time(topic_file):
    import_opml(OPML / "reader_export.opml", topic_file)
    before = topic_file.read_text()
    result, _ = import_opml(OPML / "reader_export.opml", topic_file)
    assert result.added == () and len(result.skipped) == 5
    assert topic_file.read_text() == before


def test_export_nests_categories():
    topic = parse_topic(TOPIC.replace('outlet = "Eskvale Letter"\n', 'category = "World/Europe/North"\n'
                                      'title = "Eskvale <Letter> & co"\n'))
    out = render_opml(topic.feeds, topic.title).decode()
    assert out.index('text="World"') < out.index('text="Europe"') < out.index('text="North"') < out.index("xmlUrl")
    assert "Eskvale &lt;Letter&gt; &amp; co" in out
    assert keyed(parse_opml(out).feeds) == keyed(topic.feeds)


def test_malformed_opml_names_the_line_and_the_reason():
    with pytest.raises(OpmlError) as err:
        parse_opml((OPML / "malformed.opml").read_bytes(), "malformed.opml")
    assert err.value.line == 8
    assert str(err.value).startswith("malformed.opml:8: not well-formed OPML:") and "mismatch" in str(err.value)


@pytest.mark.parametrize("name, line, reason", [
    ("not_opml.opml", 2, "the root element is <rss>"),
    ("external_entity.opml", 5, "external entity"),
])
def test_other_unusable_opml(name, line, reason):
    with pytest.raises(OpmlError) as err:
        parse_opml((OPML / name).read_bytes(), name)
    assert err.value.line == line and reason in str(err.value)


def test_entities_are_never_resolved():
    data = (b'<?xml version="1.0"?><!DOCTYPE opml [<!ENTITY e SYSTEM "file:///etc/hostname">]>'
            b'<opml><head><title>&e;</title></head><body>'
            b'<outline text="x" xmlUrl="https://a.example/rss"/></body></opml>')
    doc = parse_opml(data)
    assert doc.title is None and keyed(doc.feeds) == [("https://a.example/rss", "x", None)]


def test_empty_and_bodyless_documents():
    for data, why in ((b"", "Document is empty"), (b"<opml><head/></opml>", "no <body>")):
        with pytest.raises(OpmlError, match=why):
            parse_opml(data, "x.opml")


def test_inline_feed_arrays_are_refused_without_writing(tmp_path):
    p = tmp_path / "inline.toml"
    text = 'name = "x"\nfeeds = ["https://a.example/rss"]\n[[targets]]\nname = "t"\nphrases = ["p"]\n'
    p.write_text(text)
    from extractors.topic import TopicError

    with pytest.raises(TopicError, match="inline array"):
        add_feeds(p, [Feed(url="https://b.example/rss")])
    assert p.read_text() == text


def test_a_file_without_feeds_gets_them_at_the_end(tmp_path):
    p = tmp_path / "bare.toml"
    text = 'name = "x"\n[[targets]]\nname = "t"\nphrases = ["p"]'  # no final newline
    p.write_text(text)
    add_feeds(p, [Feed(url="https://b.example/rss", title='Quote " and \\ backslash\ttab')])
    topic = parse_topic(p.read_text())
    assert p.read_text().startswith(text + "\n")
    assert topic.feeds == (Feed(url="https://b.example/rss", title='Quote " and \\ backslash\ttab'),)


# --- the CLI ---------------------------------------------------------------------------------


def test_cli_import_then_export(topic_file, tmp_path, capsys):
    assert main(["feeds", "import", str(OPML / "reader_export.opml"), "--topic", str(topic_file),
                 "--dry-run"]) == 0
    assert "would add 4" in capsys.readouterr().err and topic_file.read_text() == TOPIC
    assert main(["feeds", "import", str(OPML / "reader_export.opml"), "--topic", str(topic_file)]) == 0
    err = capsys.readouterr().err
    assert "added 4 feed(s), skipped 1" in err and "not an http(s) URL" in err
    out = tmp_path / "out.opml"
    assert main(["feeds", "export", "--topic", str(topic_file), "--out", str(out)]) == 0
    assert len(parse_opml(out.read_bytes()).feeds) == 5
    assert main(["feeds", "export", "--topic", str(topic_file)]) == 0
    assert capsys.readouterr().out.encode() == out.read_bytes()


def test_cli_malformed_opml_fails_with_the_line(topic_file, capsys):
    assert main(["feeds", "import", str(OPML / "malformed.opml"), "--topic", str(topic_file)]) == 2
    assert "malformed.opml:8: not well-formed OPML" in capsys.readouterr().err
    assert topic_file.read_text() == TOPIC


def test_cli_needs_a_topic(capsys):
    assert main(["feeds", "export"]) == 2
    assert "--topic" in capsys.readouterr().err
    assert main(["feeds", "import", str(OPML / "reader_export.opml"), "--topic", "no-such-topic"]) == 2
    assert "no such topic file" in capsys.readouterr().err


def test_cli_feeds_list_still_takes_a_url_for_enable(tmp_path, capsys):
    assert main(["feeds", "enable", "--db", str(tmp_path / "w.duckdb")]) == 2
    assert "give the feed URL" in capsys.readouterr().err
