"""Topic files: the shipped ones load; bad ones fail naming the file, the key and the problem."""
import pytest

from extractors.topic import TopicError, parse_topic
from flows.config import TOPICS_DIR, load_topic

GOOD = """
name = "t"
[[targets]]
name = "x"
phrases = ["ex"]
"""


@pytest.mark.parametrize("path", sorted(TOPICS_DIR.glob("*.toml")), ids=lambda p: p.stem)
def test_shipped_topics_load(path):
    topic = load_topic(str(path))
    assert topic.targets and topic.name == path.stem


def test_ukraine_security_has_the_required_targets_and_framing():
    topic = load_topic("ukraine-security")
    names = {t.name for t in topic.targets}
    assert {"nato_membership", "security_guarantees"} <= names
    assert {"guarantees", "assurances", "security_arrangements", "article_5"} <= set(topic.framing_terms)
    assert topic.target("nato_membership").regex().search("Kyiv wants to JOIN  NATO soon")
    assert topic.feeds and topic.sample_feeds


@pytest.mark.parametrize("text, needle", [
    ("name = ", "not valid TOML"),
    ('title = "x"', "'name'"),
    ('name = "Bad Name"\n[[targets]]\nname="x"\nphrases=["y"]', "lower-case"),
    ('name = "t"', "'targets'"),
    ('name = "t"\n[[targets]]\nname = "x"', "targets[0] (x)"),
    ('name = "t"\n[[targets]]\nname = "x"\nphrases = [1]', "list of non-empty strings"),
    ('name = "t"\n[[targets]]\nname = "x"\nphrases = ["y"]\npatterns = ["(unclosed"]', "bad regular expression"),
    (GOOD + '[cues]\nsupportive = ["a"]', "cues.supportive"),
    (GOOD + '[[feeds]]\nurl = "ftp://x"', "feeds[0]"),
    (GOOD + '[[targets]]\nname = "x"\nphrases = ["z"]', "duplicate target"),
])
def test_bad_topics_name_file_and_key(text, needle):
    with pytest.raises(TopicError) as err:
        parse_topic(text, source="topics/bad.toml")
    assert "topics/bad.toml" in str(err.value) and needle in str(err.value)


def test_missing_topic_lists_the_available_ones():
    with pytest.raises(TopicError, match="ukraine-security"):
        load_topic("no-such-topic")
