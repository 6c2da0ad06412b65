from hypothesis import given
from hypothesis import strategies as st

from extractors.urls import canonicalize_url, is_http_url


def test_canonical_form():
    assert canonicalize_url("HTTPS://WWW.Example.COM:443/News/Story?utm_source=x&b=2&a=1&fbclid=z#frag") == \
        "https://example.com/News/Story?a=1&b=2"
    assert canonicalize_url("http://example.com:80/a") == "http://example.com/a"
    assert canonicalize_url("http://example.com:8080/a") == "http://example.com:8080/a"
    assert canonicalize_url("https://example.com") == "https://example.com/"


def test_tracking_params_dropped_and_others_kept():
    url = ("https://news.example/p?id=7&ref=home&gclid=1&mc_cid=2&mc_eid=3&cmpid=4&utm_medium=e&utm_campaign=c"
           "&page=2")
    assert canonicalize_url(url) == "https://news.example/p?id=7&page=2"


def test_path_case_kept_and_blank_values():
    assert canonicalize_url("https://Example.com/CaseSensitive/Path?q=") == "https://example.com/CaseSensitive/Path?q="


def test_unparseable_and_non_http_returned_stripped():
    assert canonicalize_url("  not a url  ") == "not a url"
    assert canonicalize_url("mailto:someone@example.com") == "mailto:someone@example.com"
    assert canonicalize_url("http://[::1") == "http://[::1"


def test_is_http_url():
    assert is_http_url("https://example.com/x")
    assert not is_http_url("ftp://example.com/x")
    assert not is_http_url("/relative/path")
    assert not is_http_url("")


@given(st.text(max_size=200))
def test_never_raises(s):
    out = canonicalize_url(s)
    assert isinstance(out, str)
    is_http_url(s)


def test_idempotent_on_http():
    u = canonicalize_url("https://www.example.com/a/b?z=1&utm_source=t&a=2#x")
    assert canonicalize_url(u) == u
