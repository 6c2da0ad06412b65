"""Small fixture site for fast end-to-end tests (rendered into tests/fixtures/site/ by
``scripts/build_sample.py --fixtures``). Same outlets' templates, same markup as the corpus
(see articles_2023.py). ALL people are fictional.

Feeds: northgate-herald/rss.xml (RSS 2.0: 3 articles + 1 entry whose page 404s; only one link
carries utm_ parameters), meridian-wire/atom.xml (Atom: 2 articles, one a verbatim syndicated
copy of a Northgate Herald article), dnipro-courier/opinion.xml (broken XML).
"""

FIXTURE_ARTICLES = [
dict(
    id="fx-nh-irreversible", outlet="northgate-herald", utm=False,
    published="2024-07-10T22:00:00+01:00", modified="2024-07-10T22:30:00+01:00",
    slug="allies-promise-ukraine-irreversible-path", section="World",
    title="Allies promise Ukraine an \"irreversible\" path to NATO",
    description="Leaders in Washington go further than Vilnius but issue no invitation.",
    authors=["Fiona Galbraith", "Rhys Calloway"],
    caption="NATO leaders at the Washington summit.",
    credit="Northgate Herald picture desk",
    paras=[
        "NATO leaders said on Wednesday that Ukraine is on an irreversible path to membership of the alliance, but stopped short of a formal invitation.",
        "\"{vollmer/d/M+: Ukraine is on an irreversible path to membership, and Germany will help it walk that path,}\" German Defence Minister Karsten Vollmer told reporters.",
        "Hungary's state secretary for foreign affairs, Zoltán Berényi, said {berenyi/i/M-: Budapest would block any membership invitation while the war continued}.",
        "Leaders also agreed a pledge of long-term military support.",
    ],
),
dict(
    id="fx-nh-germany-agreement", outlet="northgate-herald", utm=True,
    published="2024-02-16T19:00:00+00:00", modified="2024-02-16T19:00:00+00:00",
    slug="germany-signs-security-agreement-with-ukraine", section="World",
    title="Germany signs security agreement with Ukraine",
    description="Berlin commits to ten years of support.",
    authors=["Imogen Tate"],
    caption="The signing ceremony in Berlin.",
    credit="Northgate Herald picture desk",
    paras=[
        "Germany signed a ten-year bilateral security agreement with Ukraine on Friday.",
        "\"{vollmer/d/G+: Security guarantees for Ukraine are an investment in our own security,}\" said Karsten Vollmer, Germany's defence minister.",
        "Kremlin spokesman Arkady Zimin said {zimin/i/G-: the agreement was a provocation that would prolong the war}.",
        "The agreement covers air defence, artillery and training.",
    ],
),
dict(
    id="fx-nh-vilnius", outlet="northgate-herald", utm=False,
    published="2023-07-11T20:00:00+01:00", modified="2023-07-11T20:00:00+01:00",
    slug="vilnius-summit-ends-without-invitation", section="World",
    title="Vilnius summit ends without an invitation for Ukraine",
    description="Kyiv says it came for a decision and got a process.",
    authors=["Rhys Calloway"],
    caption="The summit venue in Vilnius.",
    credit="Northgate Herald picture desk",
    paras=[
        "NATO leaders in Vilnius dropped the Membership Action Plan requirement for Ukraine but did not issue an invitation.",
        "\"{verbytska/d/M+: Ukraine deserves NATO membership, not another promise,}\" said Halyna Verbytska, Ukraine's deputy foreign minister.",
        "According to a senior diplomat from Central Europe, {anon_diplomat_ce/i/M0: several large allies had blocked any reference to a timeline}.",
        "Verbytska said that {verbytska/i/G+: Kyiv welcomed the G7 plan for long-term security commitments}.",
    ],
),
dict(
    id="fx-mw-irreversible-syndicated", outlet="meridian-wire",
    published="2024-07-11T06:00:00+00:00", modified="2024-07-11T06:00:00+00:00",
    slug="allies-promise-ukraine-irreversible-path", section="World",
    syndicate_of="fx-nh-irreversible",
    caption="NATO leaders at the Washington summit.",
    credit="Northgate Herald",
),
dict(
    id="fx-mw-us-agreement", outlet="meridian-wire",
    published="2024-06-13T19:35:00+00:00", modified="2024-06-13T19:35:00+00:00",
    slug="us-and-ukraine-sign-security-agreement", section="World",
    title="US and Ukraine sign security agreement",
    description="Washington commits to ten years of support.",
    authors=["Marta Hulak"], editor="Peter Vance",
    caption="The G7 summit venue in Italy.",
    credit="Meridian Wire",
    paras=[
        "BORGO EGNAZIA, Italy (Meridian Wire) — The United States and Ukraine signed a ten-year bilateral security agreement on Thursday.",
        "\"{thornbury/d/G+: These security commitments will outlast any single administration,}\" said Rebecca Thornbury, US deputy assistant secretary of state for European affairs.",
        "The Kremlin said that {org_kremlin/i/G-: the agreement had no legal value}.",
        "Officials said {anon_officials/i/M0: the agreement did not settle the question of NATO membership}.",
    ],
),
]

# Feed entries that point at pages which do not exist (the server answers 404).
FIXTURE_MISSING = [
    dict(outlet="northgate-herald", published="2024-07-09T12:00:00+01:00",
         path="northgate-herald/2024/07/09/live-washington-summit-day-one.html",
         title="Live: Washington summit, day one", description="Follow our live coverage.",
         authors=["Northgate Herald staff"], utm=False),
]
