"""Fictional outlets of the sample corpus and their feeds. ALL OUTLETS ARE FICTIONAL."""

OUTLETS = {
    "northgate-herald": dict(
        name="The Northgate Herald", short="Northgate Herald", country="United Kingdom",
        typography="curly",  # “…” in body and headlines
        feed=dict(path="northgate-herald/rss.xml", kind="rss2.0",
                  utm="utm_source=rss&utm_medium=feed&utm_campaign=world"),
    ),
    "meridian-wire": dict(
        name="Meridian Wire", short="Meridian Wire", country="international news agency",
        typography="straight",
        feed=dict(path="meridian-wire/atom.xml", kind="atom1.0",
                  utm="utm_source=meridian&utm_medium=atom&utm_campaign=topnews"),
    ),
    "dnipro-courier": dict(
        name="Dnipro Courier", short="Dnipro Courier", country="Ukraine",
        typography="straight",
        feed=dict(path="dnipro-courier/rss.xml", kind="rss2.0",
                  utm="utm_source=rss&utm_medium=feed&utm_campaign=news"),
        extra_feeds=[dict(path="dnipro-courier/opinion.xml", kind="rss2.0", broken=True)],
    ),
    "continental-post": dict(
        name="The Continental Post", short="Continental Post", country="European Union",
        typography="curly-single-headlines",  # “…” in body, ‘…’ for quotes in headlines
        feed=dict(path="continental-post/feed.atom", kind="atom1.0",
                  utm="utm_source=feed&utm_medium=atom&utm_campaign=europe"),
    ),
}

# Feed entries whose pages do not exist (the loopback server answers 404).
MISSING = [
    dict(outlet="northgate-herald", published="2023-07-12T08:00:00+01:00",
         path="northgate-herald/2023/07/12/live-vilnius-summit-day-two.html",
         title="Live: Vilnius summit day two as Nato-Ukraine Council meets",
         description="Follow our live coverage of the second day of the NATO summit in Vilnius.",
         authors=["Northgate Herald staff"]),
]
