"""The HTTP client against a misbehaving loopback server: every failure is a clear, logged reason."""
import pytest

from flows.fetch import FetchConfig, Fetcher
from faultserver import FaultServer

FAST = FetchConfig(read_timeout=1.0, connect_timeout=1.0, backoff=0.05, max_bytes=1_000_000, retries=2, min_delay=0)


@pytest.fixture(scope="module")
def server():
    with FaultServer() as s:
        yield s


@pytest.fixture()
def fetcher():
    with Fetcher(FAST) as f:
        yield f


def test_ok_page_sends_our_user_agent(server, fetcher):
    res = fetcher.get(server.url("/ok"))
    assert res.ok and b"fine" in res.body and res.error is None
    assert len(res.attempts) == 1 and res.attempts[0].status == 200


def test_404_is_permanent_and_not_retried(server, fetcher):
    res = fetcher.get(server.url("/status/404"))
    assert not res.ok and res.error == "http 404" and len(res.attempts) == 1


def test_500_is_retried_then_reported(server, fetcher):
    res = fetcher.get(server.url("/status/500"))
    assert res.error == "http 500" and [a.attempt for a in res.attempts] == [1, 2, 3]


def test_transient_503_recovers_within_the_retries(server, fetcher):
    res = fetcher.get(server.url("/flaky/2"))
    assert res.ok and res.body == b"recovered" and [a.status for a in res.attempts] == [503, 503, 200]


def test_429_honours_retry_after(server, fetcher):
    res = fetcher.get(server.url("/retry-after"))
    assert res.ok and [a.status for a in res.attempts] == [429, 200]
    assert res.attempts[1].fetched_at.timestamp() - res.attempts[0].fetched_at.timestamp() >= 0.9


def test_body_over_the_cap_is_refused(server, fetcher):
    res = fetcher.get(server.url("/big"))
    assert not res.ok and res.error.startswith("too large") and res.body is None


def test_read_timeout_is_reported(server):
    with Fetcher(FetchConfig(read_timeout=0.3, retries=0, min_delay=0)) as f:
        res = f.get(server.url("/slow"))
    assert not res.ok and res.error.startswith("timeout")


def test_redirect_loop_and_scheme_change_are_refused(server, fetcher):
    assert fetcher.get(server.url("/loop")).error.startswith("too many redirects")
    assert fetcher.get(server.url("/to-file")).error.startswith("refused scheme")
    assert fetcher.get("file:///etc/passwd").error.startswith("refused scheme")


def test_redirects_are_followed_to_the_final_url(server, fetcher):
    res = fetcher.get(server.url("/hop/3"))
    assert res.ok and b"fine" in res.body and res.final_url == server.url("/ok")
    assert len(res.attempts) == 1 and res.attempts[0].final_url == server.url("/ok")


def test_gzip_bodies_are_decoded(server, fetcher):
    res = fetcher.get(server.url("/gzip"))
    assert res.ok and res.body == b"<html><body><p>zipped fine</p></body></html>"
    assert res.headers["content-encoding"] == "gzip"  # header names come lower-cased


def test_the_environments_proxy_is_used(server, monkeypatch):
    # The fault server answers an absolute request target (what a proxy receives) with a 404
    # whose body is that target: the request went through the "proxy", for the host asked for.
    monkeypatch.setenv("http_proxy", server.base)
    monkeypatch.setenv("no_proxy", "")
    with Fetcher(FetchConfig(retries=0, min_delay=0, respect_robots=False)) as f:
        res = f.get("http://news.invalid/story?id=1")
    assert res.error == "http 404" and res.body == b"http://news.invalid/story?id=1"


def test_connection_refused_is_transient_and_clear():
    with Fetcher(FetchConfig(retries=1, backoff=0.01, connect_timeout=0.5, min_delay=0)) as f:
        res = f.get("http://127.0.0.1:9/feed")
    assert res.error.startswith("connection") and len(res.attempts) == 2


def test_conditional_get_gets_304(server, fetcher):
    first = fetcher.get(server.url("/etag"), "feed")
    again = fetcher.get(server.url("/etag"), "feed", etag=first.headers["etag"])
    assert first.ok and again.not_modified and again.error is None


def test_private_addresses_are_refused_unless_they_are_the_feeds_own_host(server):
    with Fetcher(FAST) as f:
        # The loopback server may link to itself...
        assert f.get(server.url("/ok"), origin=server.url("/feed")).ok
        # ...but a link from a public feed to loopback, or to a cloud metadata address, is refused
        # before any connection is made.
        res = f.get(server.url("/ok"), origin="https://news.example/feed")
        assert res.error.startswith("refused private address") and "127.0.0.1" in res.error
        meta = f.get("http://169.254.169.254/latest/meta-data/", origin=server.url("/feed"))
        assert meta.error.startswith("refused private address") and len(meta.attempts) == 1
        assert f.get("http://10.1.2.3/admin", origin=server.url("/feed")).error.startswith("refused private")


def test_a_redirect_to_a_private_address_is_refused(server):
    with Fetcher(FAST) as f:
        res = f.get(server.url("/to-metadata"), origin=server.url("/feed"))
    assert res.error.startswith("refused private address") and "169.254.169.254" in res.error


def test_topic_may_allow_private_hosts(server):
    with Fetcher(FetchConfig(allow_private_hosts=True, retries=0, min_delay=0)) as f:
        assert f.get(server.url("/ok"), origin="https://news.example/feed").ok


def test_a_trickling_server_is_cut_off_by_the_total_deadline(server):
    with Fetcher(FetchConfig(total_timeout=1.0, read_timeout=5.0, retries=0, min_delay=0)) as f:
        res = f.get(server.url("/trickle"))
    assert res.error.startswith("timeout: body still arriving")


def test_requests_to_one_host_keep_the_minimum_delay(server):
    import time

    with Fetcher(FetchConfig(min_delay=0.3, retries=0)) as f:
        started = time.monotonic()
        for _ in range(4):
            assert f.get(server.url("/ok")).ok
        assert time.monotonic() - started >= 0.9  # three gaps of 0.3 s (robots.txt came first)


def test_topic_fetch_settings_hold_unless_overridden():
    cfg = FetchConfig.from_mapping({"min_delay": 0, "per_host": 8}, min_delay=None, allow_private_hosts=None)
    assert cfg.min_delay == 0 and cfg.per_host == 8 and cfg.allow_private_hosts is False
    assert FetchConfig.from_mapping({"min_delay": 0}, min_delay=2.5).min_delay == 2.5
