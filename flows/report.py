"""A static report people can look at: PNG charts of the trend views and one self-contained HTML page.

    write_report(db_path, out_dir) -> [out_dir/index.html, out_dir/*.png]

Charts (each answers one question; the page says which):

* ``stance_by_country.png`` — how has each country's stance toward each target moved, month by
  month? (``stance_by_country_monthly``; one line per country with enough signals, plus all signals)
* ``framing.png`` — which words do outlets use for the commitments, and is that changing?
  (``framing_monthly``: each term's share of the month's framing mentions)
* ``top_speakers.png`` — who is quoted most, and where do they stand on each target?
  (quoted signals per speaker and target, over the whole period)
* ``quote_spread.png`` — which quotes travelled furthest, across how many outlets?
  (``quote_spread``; the page also lists first outlet and first seen)

The database is opened read-only (waiting briefly if an ingest holds it). Everything that came
from a feed (quotes, names, titles, outlets) is HTML-escaped on the page, the page carries a
Content-Security-Policy that allows no scripts, and the PNGs are embedded as ``data:`` URIs, so
``index.html`` is one file with no external assets. An empty database gives a page that says
there is no data yet. Matplotlib runs on the Agg backend (no display needed).
"""
from __future__ import annotations

import argparse
import base64
import html
import io
import sys
import textwrap
from dataclasses import dataclass
from datetime import date, datetime, timezone
from pathlib import Path

import duckdb

MIN_COUNTRY_SIGNALS = 5  # a country gets a line when it has at least this many signals on a target
MAX_COUNTRIES = 6  # per target, the most-signalled countries first
TOP_SPEAKERS = 12
TOP_QUOTES = 10
LOCK_WAIT = 15.0  # seconds to wait for an ingest's short write window to end

CHART_FILES = ("stance_by_country.png", "framing.png", "top_speakers.png", "quote_spread.png")
STANCE_AXIS = "net stance  (−1 against … +1 for)"


@dataclass
class Chart:
    filename: str
    title: str
    question: str
    how_to_read: str
    png: bytes


# --- reading -----------------------------------------------------------------------------------

def _rows(con: duckdb.DuckDBPyConnection, sql: str, params=None) -> list[tuple]:
    return con.execute(sql, params or []).fetchall()


def _has_schema(con: duckdb.DuckDBPyConnection) -> bool:
    names = {r[0] for r in _rows(con, "SELECT table_name FROM information_schema.tables")}
    return {"counted_articles", "signals_enriched", "framing_monthly", "quote_spread"} <= names


def _target_labels(con: duckdb.DuckDBPyConnection) -> dict[str, str]:
    """Target name -> label from the topic files of the topics in the database (names when unknown)."""
    labels: dict[str, str] = {}
    try:
        from extractors.topic import TopicError
        from flows.config import load_topic
    except Exception:  # noqa: BLE001 - labels are a nicety
        return labels
    for (name,) in _rows(con, "SELECT DISTINCT topic FROM articles WHERE topic IS NOT NULL ORDER BY 1"):
        try:
            topic = load_topic(name)
        except (TopicError, OSError, ValueError):
            continue
        for t in topic.targets:
            labels.setdefault(t.name, t.label)
    return labels


def _summary(con: duckdb.DuckDBPyConnection) -> dict:
    one = lambda sql: con.execute(sql).fetchone()  # noqa: E731
    s = {}
    s["articles"], s["outlets"], s["first"], s["last"] = one(
        "SELECT count(*), count(DISTINCT outlet), min(published_at), max(published_at) FROM counted_articles")
    s["all_articles"] = one("SELECT count(*) FROM articles")[0]
    s["quotes"], s["speakers"] = one("SELECT count(*), count(DISTINCT speaker_id) FROM quotes_enriched")
    s["signals"], s["targets"] = one("SELECT count(*), count(DISTINCT target) FROM signals_enriched")
    s["topics"] = [r[0] for r in _rows(con, "SELECT DISTINCT topic FROM articles WHERE topic IS NOT NULL ORDER BY 1")]
    return s


# --- drawing -----------------------------------------------------------------------------------

def _plt():
    import matplotlib

    matplotlib.use("Agg", force=True)
    import matplotlib.pyplot as plt

    return plt


def _t(s: object, width: int | None = None) -> str:
    """Feed text made safe for a matplotlib label: no mathtext (``$``), shortened to ``width``."""
    s = " ".join(str(s if s is not None else "").split())
    if width and len(s) > width:
        s = s[: width - 1].rstrip() + "…"
    return s.replace("$", r"\$")  # every "$" escaped: matplotlib then shows the text as is


def _png(fig) -> bytes:
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=110, bbox_inches="tight", facecolor="white")
    _plt().close(fig)
    return buf.getvalue()


def _month_axis(ax, months: list[date]) -> None:
    import matplotlib.dates as mdates

    ax.xaxis.set_major_locator(mdates.MonthLocator(interval=max(1, len(months) // 12)))
    ax.xaxis.set_major_formatter(mdates.DateFormatter("%b\n%Y"))
    ax.set_xlim(_num(min(months)) - 20, _num(max(months)) + 20)


def _num(d: date) -> float:
    import matplotlib.dates as mdates

    return mdates.date2num(d)


def _month_range(first: date, last: date) -> list[date]:
    out, y, m = [], first.year, first.month
    while (y, m) <= (last.year, last.month):
        out.append(date(y, m, 1))
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return out


def chart_stance_by_country(con, labels: dict[str, str]) -> Chart | None:
    rows = _rows(con, "SELECT target, country, month, signals, net_score FROM stance_by_country_monthly"
                      " ORDER BY target, country, month")
    overall = _rows(con, "SELECT target, month, signals, net_score FROM stance_monthly ORDER BY target, month")
    if not overall:
        return None
    plt = _plt()
    targets = sorted({r[0] for r in overall})
    months = _month_range(min(r[1] for r in overall), max(r[1] for r in overall))
    totals: dict[tuple[str, str], int] = {}
    for t, c, _, n, _ in rows:
        totals[(t, c)] = totals.get((t, c), 0) + n
    fig, axes = plt.subplots(len(targets), 1, figsize=(11, 4.2 * len(targets)), sharex=True, squeeze=False)
    colours = plt.get_cmap("tab10").colors
    country_colour: dict[str, tuple] = {}
    shown_any = False
    for ax, target in zip(axes[:, 0], targets):
        ranked = sorted(((n, c) for (t, c), n in totals.items() if t == target and n >= MIN_COUNTRY_SIGNALS),
                        key=lambda x: (-x[0], x[1]))[:MAX_COUNTRIES]
        for n_total, country in ranked:
            colour = country_colour.setdefault(country, colours[len(country_colour) % len(colours)])
            by_month = {m: (n, s) for t, c, m, n, s in rows if t == target and c == country}
            pts = [(_num(m), by_month[m][1], by_month[m][0]) for m in months if m in by_month]
            # the line joins the months in which the country said something; dots are the months
            ax.plot([p[0] for p in pts], [p[1] for p in pts], "-", color=colour, lw=1.5, alpha=0.75,
                    marker="o", markersize=4, label=f"{_t(country, 24)} ({n_total} signals)")
            ax.scatter([p[0] for p in pts], [p[1] for p in pts], s=[18 + 9 * p[2] for p in pts],
                       color=colour, alpha=0.85, edgecolor="white", linewidth=0.6, zorder=3)
            shown_any = True
        allm = {m: s for t, m, _, s in overall if t == target}
        ax.plot([_num(m) for m in months], [allm.get(m, float("nan")) for m in months], "--", color="0.35",
                lw=2.2, label="all signals (incl. unknown country, outlets' own voice)", zorder=2)
        ax.axhline(0, color="0.6", lw=0.8)
        ax.set_ylim(-1.05, 1.05)
        ax.set_ylabel(STANCE_AXIS)
        ax.set_title(f"Stance toward {_t(labels.get(target, target), 70)}  [{_t(target)}]", loc="left",
                     fontsize=11)
        ax.grid(axis="y", color="0.9")
        ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize=8.5, frameon=False,
                  title=f"speaker's country or region (≥ {MIN_COUNTRY_SIGNALS} signals)", title_fontsize=8.5)
        if not ranked:
            ax.text(0.5, 0.9, f"no country has {MIN_COUNTRY_SIGNALS}+ signals on this target yet",
                    transform=ax.transAxes, ha="center", color="0.4", fontsize=9)
        _month_axis(ax, months)
    axes[-1, 0].set_xlabel("month of publication (UTC); dot size = number of signals that month")
    fig.suptitle("Stance over time, by speakers' country", x=0.01, ha="left", fontsize=13, fontweight="bold")
    fig.tight_layout()
    return Chart(
        "stance_by_country.png", "Stance over time, by country",
        "Where does each country's side stand on each target, and is that shifting month by month?",
        "One panel per target. Each line is the mean stance score of quoted speakers from one country in a "
        "month (−1 against, +1 for); lines join the months in which that country said something on the target, "
        "and a dot's size is the number of signals behind it (one or two signals swing far). The "
        "dashed grey line is every signal on the target, outlets' own voice included. Countries come from "
        "speakers' roles (\"French President\"); speakers without one are in the dashed line only."
        + ("" if shown_any else " No country reaches the threshold yet."),
        _png(fig))


def chart_framing(con) -> Chart | None:
    rows = _rows(con, "SELECT term, month, mentions, share FROM framing_monthly ORDER BY month, term")
    if not rows:
        return None
    plt = _plt()
    months = _month_range(min(r[1] for r in rows), max(r[1] for r in rows))
    totals: dict[str, int] = {}
    for term, _, n, _ in rows:
        totals[term] = totals.get(term, 0) + int(n)
    terms = sorted(totals, key=lambda t: (-totals[t], t))
    share = {(t, m): float(s) for t, m, _, s in rows}
    month_n = {}
    for _, m, n, _ in rows:
        month_n[m] = month_n.get(m, 0) + int(n)
    fig, ax = plt.subplots(figsize=(11, 4.8))
    xs = [_num(m) for m in months]
    bottom = [0.0] * len(months)
    colours = plt.get_cmap("Set2").colors
    for i, term in enumerate(terms):
        vals = [share.get((term, m), 0.0) for m in months]
        ax.bar(xs, vals, width=22, bottom=bottom, color=colours[i % len(colours)], edgecolor="white",
               label=f"{_t(term.replace('_', ' '), 30)} ({totals[term]} mentions)")
        bottom = [b + v for b, v in zip(bottom, vals)]
    for x, m in zip(xs, months):
        n = month_n.get(m)
        ax.text(x, 1.02 if n else 0.02, f"n={n}" if n else "none", ha="center", va="bottom", fontsize=7.5,
                color="0.3")
    ax.set_ylim(0, 1.12)
    ax.set_yticks([0, 0.25, 0.5, 0.75, 1.0], ["0%", "25%", "50%", "75%", "100%"])
    ax.set_ylabel("share of the month's framing mentions")
    ax.set_xlabel("month of publication (UTC); n = framing-term mentions that month")
    _month_axis(ax, months)
    ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), frameon=False, fontsize=9, title="framing term")
    ax.set_title("Framing terms over time", loc="left", fontsize=13, fontweight="bold")
    fig.tight_layout()
    return Chart(
        "framing.png", "Framing terms over time",
        "Which words do the stories use for the commitments (guarantees, assurances, security arrangements, "
        "Article 5 …), and does the vocabulary shift?",
        "Each bar is one month; the coloured parts are each framing term's share of that month's mentions "
        "(in counted stories). Months with few mentions (small n) swing easily.",
        _png(fig))


def _speaker_rows(con) -> list[tuple]:
    """(speaker_id, speaker, kind, country, target, signals, net_score) for quoted speakers."""
    return _rows(con, """
        SELECT speaker_id, any_value(speaker), any_value(speaker_kind), any_value(country), target,
               count(*) AS signals, round(avg(score), 3) AS net_score
        FROM signals_enriched
        WHERE quote_id IS NOT NULL AND speaker_id IS NOT NULL AND speaker_kind <> 'anonymous'
        GROUP BY speaker_id, target""")


def _top_speakers(con) -> tuple[list[tuple], list[str], dict]:
    rows = _speaker_rows(con)
    total: dict[str, int] = {}
    info: dict[str, tuple] = {}
    for sid, name, kind, country, _, n, _ in rows:
        total[sid] = total.get(sid, 0) + n
        info[sid] = (name, kind, country)
    top = sorted(total, key=lambda s: (-total[s], info[s][0] or ""))[:TOP_SPEAKERS]
    targets = sorted({r[4] for r in rows})
    cell = {(r[0], r[4]): (r[5], r[6]) for r in rows}
    table = [(info[s][0], info[s][2], total[s], *[cell.get((s, t)) for t in targets]) for s in top]
    return table, targets, {s: info[s] for s in top}


def chart_top_speakers(con, labels: dict[str, str]) -> Chart | None:
    table, targets, _ = _top_speakers(con)
    if not table:
        return None
    plt = _plt()
    fig, ax = plt.subplots(figsize=(11, 0.4 * len(table) * max(1, len(targets)) ** 0.5 + 1.4))
    height = 0.8 / max(1, len(targets))
    colours = plt.get_cmap("tab10").colors
    ys = list(range(len(table)))[::-1]  # most signals at the top
    for j, target in enumerate(targets):
        offs = [y + 0.4 - height * (j + 0.5) for y in ys]
        vals = [row[3 + j][1] if row[3 + j] else 0.0 for row in table]
        bars = ax.barh(offs, vals, height=height * 0.92, color=colours[j % len(colours)],
                       label=_t(labels.get(target, target), 60))
        for bar, row in zip(bars, table):
            c = row[3 + j]
            if c is None:
                ax.text(0.02, bar.get_y() + bar.get_height() / 2, "no signals", va="center", fontsize=7,
                        color="0.5")
                continue
            v = c[1]
            ax.text(v + (0.02 if v >= 0 else -0.02), bar.get_y() + bar.get_height() / 2,
                    f"{v:+.2f} (n={c[0]})", va="center", ha="left" if v >= 0 else "right", fontsize=7.5)
    ax.set_yticks(ys, [f"{_t(r[0], 28)}" + (f"  ({_t(r[1], 18)})" if r[1] else "") for r in table])
    ax.axvline(0, color="0.4", lw=0.8)
    ax.set_xlim(-1.25, 1.25)
    ax.set_xlabel(STANCE_AXIS + ";  n = signals")
    ax.grid(axis="x", color="0.92")
    ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), frameon=False, fontsize=9, title="target")
    ax.set_title(f"Top {len(table)} quoted speakers (most stance signals first) and their stance per target",
                 loc="left", fontsize=12, fontweight="bold")
    fig.tight_layout()
    return Chart(
        "top_speakers.png", "Top speakers and their stance",
        "Who is quoted most on this topic, and is each of them for or against each target?",
        "One row per speaker (country in brackets, from their role), most stance signals first; one bar per "
        "target with the speaker's mean score over the whole period and the number of signals behind it.",
        _png(fig))


def _spread_rows(con) -> list[tuple]:
    return _rows(con, f"""
        SELECT text, speaker, first_outlet, first_seen, articles, outlets, outlet_list
        FROM quote_spread ORDER BY outlets DESC, articles DESC, first_seen, norm_text LIMIT {TOP_QUOTES}""")


def _wrap(s: str, width: int, lines: int) -> str:
    parts = textwrap.wrap(" ".join(str(s).split()), width) or [""]
    if len(parts) > lines:
        parts = parts[:lines]
        parts[-1] = parts[-1][: width - 1].rstrip() + "…"
    return "\n".join(_t(p) for p in parts)


def chart_quote_spread(con) -> Chart | None:
    """Only quotes carried by two or more articles: a chart of single appearances says nothing."""
    rows = [r for r in _spread_rows(con) if r[4] >= 2]
    if not rows:
        return None
    plt = _plt()
    fig, ax = plt.subplots(figsize=(11, 0.85 * len(rows) + 1.5))
    ys = list(range(len(rows)))[::-1]
    ax.barh([y + 0.2 for y in ys], [r[5] for r in rows], height=0.38, color="#4c72b0", label="outlets")
    ax.barh([y - 0.2 for y in ys], [r[4] for r in rows], height=0.38, color="#a1c4e6", label="articles")
    labels = [_wrap(f"“{r[0]}”", 62, 2) + f"\n— {_t(r[1] or 'unattributed', 30)}; first in {_t(r[2], 28)}, "
              f"{_fmt_ts(r[3])[:10]}" for r in rows]
    ax.set_yticks(ys, labels, fontsize=8)
    top = max(max(r[4] for r in rows), max(r[5] for r in rows))
    ax.set_xticks(range(0, top + 1))
    ax.set_xlim(0, top + 0.5)
    ax.set_ylim(-0.7, len(rows) - 0.3)
    ax.set_xlabel("number of outlets / articles carrying the same words (syndicated copies included)")
    ax.legend(loc="lower right", fontsize=9)
    ax.grid(axis="x", color="0.92")
    ax.set_title(f"Quote spread: the {len(rows)} quote{'s' if len(rows) != 1 else ''} carried by two or more "
                 "articles", loc="left", fontsize=12, fontweight="bold")
    fig.tight_layout()
    return Chart(
        "quote_spread.png", "Quote spread",
        "Which quotes travelled furthest — picked up by how many outlets and articles, from which first outlet?",
        "Quotes (direct and partial, 20+ characters) are matched on their normalised words. The chart shows "
        "those carried by two or more articles: dark bars count outlets, light bars articles (syndicated "
        "copies count here). The table lists the most widely carried quotes, with first outlet and first seen.",
        _png(fig))


# --- the page ----------------------------------------------------------------------------------

def _e(v: object) -> str:
    return html.escape("" if v is None else str(v), quote=True)


def _fmt_ts(v) -> str:
    if isinstance(v, datetime):
        if v.tzinfo is not None:
            v = v.astimezone(timezone.utc)
        return v.strftime("%Y-%m-%d %H:%M UTC")
    if isinstance(v, date):
        return v.isoformat()
    return "" if v is None else str(v)


def _table(headers: list[str], rows: list[list], classes: list[str] | None = None) -> str:
    classes = classes or [""] * len(headers)
    head = "".join(f"<th>{_e(h)}</th>" for h in headers)
    body = "".join("<tr>" + "".join(f'<td class="{c}">{_e(v)}</td>' for v, c in zip(r, classes)) + "</tr>"
                   for r in rows)
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


CSS = """
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;max-width:1100px;margin:2em auto;
padding:0 1em;color:#222;line-height:1.45}
h1{margin-bottom:.2em}h2{margin-top:2em;border-bottom:1px solid #ddd;padding-bottom:.2em}
.q{color:#444;font-style:italic}.meta{color:#666;font-size:.9em}
img{max-width:100%;height:auto;border:1px solid #eee}
table{border-collapse:collapse;font-size:.88em;margin:.8em 0}
th,td{border-bottom:1px solid #e4e4e4;padding:.3em .6em;text-align:left;vertical-align:top}
td.n{text-align:right;font-variant-numeric:tabular-nums}
.empty{padding:1.5em;background:#f6f6f6;border-left:4px solid #999}
ul.summary li{margin:.15em 0}
"""

CSP = "default-src 'none'; img-src data:; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'"


def _page(title: str, body: str) -> str:
    return (
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        f"<meta http-equiv=\"Content-Security-Policy\" content=\"{CSP}\">\n"
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        f"<title>{_e(title)}</title>\n<style>{CSS}</style>\n</head>\n<body>\n{body}\n</body>\n</html>\n"
    )


def _summary_html(s: dict, labels: dict[str, str], generated: str) -> str:
    span = f"{_fmt_ts(s['first'])[:10]} to {_fmt_ts(s['last'])[:10]}" if s["first"] else "no dates"
    topics = ", ".join(s["topics"]) or "unknown"
    items = [
        f"<li><b>{s['articles']}</b> stories counted in the trends (of {s['all_articles']} stored; "
        "syndicated copies and off-topic stories are left out) from <b>"
        f"{s['outlets']}</b> outlets, published <b>{_e(span)}</b></li>",
        f"<li><b>{s['quotes']}</b> quotes by <b>{s['speakers']}</b> speakers; <b>{s['signals']}</b> stance "
        f"signals on <b>{s['targets']}</b> targets</li>",
    ]
    if labels:
        items.append("<li>targets: " + "; ".join(f"<code>{_e(k)}</code> = {_e(v)}" for k, v in sorted(labels.items()))
                     + "</li>")
    return (f'<p class="meta">topic: {_e(topics)} · generated {_e(generated)}</p>\n'
            f'<ul class="summary">{"".join(items)}</ul>')


def _anchor(c: Chart) -> str:
    return c.filename.removesuffix(".png").replace("_", "-")


def _chart_html(c: Chart) -> str:
    data = base64.b64encode(c.png).decode("ascii")
    return (f"<h2 id=\"{_anchor(c)}\">{_e(c.title)}</h2>\n<p class=\"q\">{_e(c.question)}</p>\n"
            f"<img src=\"data:image/png;base64,{data}\" alt=\"{_e(c.title)}\">\n<p>{_e(c.how_to_read)}</p>\n")


def write_report(db_path, out_dir) -> list[Path]:
    """Write the charts and ``index.html`` into ``out_dir``; return the paths written (index.html first)."""
    from warehouse.writer import open_db

    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    generated = datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    charts: list[Chart] = []
    extra = {}
    with open_db(Path(db_path), LOCK_WAIT, read_only=True) as con:
        has_data = _has_schema(con) and con.execute("SELECT count(*) FROM counted_articles").fetchone()[0] > 0
        if has_data:
            labels = _target_labels(con)
            summary = _summary(con)
            for make in (lambda: chart_stance_by_country(con, labels), lambda: chart_framing(con),
                         lambda: chart_top_speakers(con, labels), lambda: chart_quote_spread(con)):
                c = make()
                if c is not None:
                    charts.append(c)
            extra["speakers"] = _top_speakers(con)
            extra["spread"] = _spread_rows(con)

    written: list[Path] = []
    index = out / "index.html"
    if not has_data:
        body = ("<h1>stancewire report</h1>\n"
                f'<p class="meta">database {_e(Path(db_path).name)} · generated {_e(generated)}</p>\n'
                '<p class="empty"><b>No data yet.</b> The database has no counted stories to chart. Run '
                "<code>stancewire demo</code> (the bundled sample) or <code>stancewire ingest</code>, then "
                "write the report again.</p>")
        title = "stancewire report: no data yet"
    else:
        parts = [f"<h1>stancewire report: {_e(', '.join(summary['topics']) or 'trends')}</h1>",
                 _summary_html(summary, labels, generated)]
        if charts:
            parts.append("<p>Contents: " + " · ".join(f'<a href="#{_anchor(c)}">{_e(c.title)}</a>' for c in charts)
                         + "</p>")
        for c in charts:
            parts.append(_chart_html(c))
            if c.filename == "top_speakers.png":
                table, targets, _ = extra["speakers"]
                parts.append(_table(
                    ["speaker", "country", "signals"] + [f"{labels.get(t, t)} (net, n)" for t in targets],
                    [[r[0], r[1] or "", r[2]] + [f"{x[1]:+.2f} ({x[0]})" if x else "—" for x in r[3:]]
                     for r in table],
                    ["", "", "n"] + ["n"] * len(targets)))
        if extra["spread"]:
            if not any(c.filename == "quote_spread.png" for c in charts):
                parts.append("<h2>Quote spread</h2>\n<p>No quote has been carried by more than one article yet. "
                             "The first quotes seen:</p>")
            parts.append(_table(
                ["quote", "speaker", "first outlet", "first seen", "outlets", "articles", "carried by"],
                [[r[0], r[1] or "", r[2], _fmt_ts(r[3]), r[5], r[4], ", ".join(r[6] or [])] for r in extra["spread"]],
                ["", "", "", "", "n", "n", ""]))
        if not charts:
            parts.append('<p class="empty">Stories are stored, but there are no stance signals, framing '
                         "mentions or quotes to chart yet.</p>")
        parts.append('<p class="meta">Made by <code>flows/report.py</code> from the warehouse\'s trend views '
                     "(see docs/trends.md). Net stance is the mean signal score: −1 against, +1 for.</p>")
        body = "\n".join(parts)
        title = "stancewire report"
    for c in charts:
        path = out / c.filename
        path.write_bytes(c.png)
        written.append(path)
    made = {c.filename for c in charts}
    for name in CHART_FILES:  # charts from an earlier report that this one no longer has
        if name not in made and (out / name).exists():
            (out / name).unlink()
    index.write_text(_page(title, body), encoding="utf-8")
    return [index] + written


def main(argv: list[str] | None = None) -> int:
    from warehouse.db import WarehouseError, default_db_path

    p = argparse.ArgumentParser(prog="python -m flows.report", description="Write the HTML+PNG trend report.")
    p.add_argument("--db", help="DuckDB file (default: $STANCEWIRE_DB, else data/stancewire.duckdb)")
    p.add_argument("--out", default="report", help="output directory (default ./report)")
    args = p.parse_args(argv)
    try:
        paths = write_report(Path(args.db) if args.db else default_db_path(), args.out)
    except WarehouseError as exc:
        print(f"report: {exc}", file=sys.stderr)
        return 2
    for path in paths:
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
