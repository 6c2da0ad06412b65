"""Quotes: direct, partial and reported speech, each attributed to a speaker.

`extract_quotes(text)` is pure and never raises. It works in four passes, all plain `re`:

1. quotation-mark spans: double marks (straight, “curly”, „low-high“, «guillemets») with
   nesting and multi-paragraph quotes (a paragraph that opens a quote and does not close it,
   followed by a paragraph that opens again); single marks used as quotes, told apart from
   apostrophes by their neighbours;
2. sentences (a boundary never falls inside a quotation);
3. attributions: for each quotation, the cue and speaker next to it (after, before, or
   between the two halves of a split quote); then reported speech without marks
   (`X said (that) ...`, `..., X said.`, `..., said X, ROLE.`, `according to X, ...`,
   `X believes/warned/argued ...`);
4. speaker resolution in reading order: pronouns and role descriptions ("the minister")
   to the most recent fitting named speaker, surnames to the full name used earlier.

Agentless passives of judging verbs ("He has been criticized for ...") are reported with speaker None.
Scare quotes (`so-called "peace plan"`, a 1-3 word quoted term with no cue in its sentence),
titles of works and quotes inside quotes are not reported.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

VERSION = "quotes-13"


@dataclass(frozen=True)
class Quote:
    start: int  # offsets of the quoted words in the text (end exclusive)
    end: int
    text: str
    kind: str  # "direct" | "partial" | "indirect"
    speaker: str | None  # resolved name or description ("Olha Stefanishyna", "a senior diplomat")
    speaker_start: int | None = None  # the mention as written, when there is one
    speaker_end: int | None = None
    role: str | None = None  # "Deputy Prime Minister for European Integration"
    cue: str | None = None  # "said", "according to", "told reporters"
    anonymous: bool = False
    speaker_kind: str = "person"  # "person" | "organisation" | "anonymous" | "unknown"


# --------------------------------------------------------------------------- lexicon

_SPEECH_VERBS = """
say says said saying tell tells told telling add adds added adding note notes noted noting
write writes wrote writing report reports reported claim claims claimed claiming
argue argues argued arguing warn warns warned warning believe believes believed
insist insists insisted insisting explain explains explained explaining state states stated
announce announces announced announcing declare declares declared declaring
acknowledge acknowledges acknowledged acknowledging admit admits admitted admitting
suggest suggests suggested suggesting assert asserts asserted contend contends contended
maintain maintains maintained stress stresses stressed stressing emphasize emphasizes
emphasized emphasizing emphasise emphasises emphasised predict predicts predicted
promise promises promised promising pledge pledges pledged pledging vow vows vowed vowing
urge urges urged urging ask asks asked asking respond responds responded responding
reply replies replied recall recalls recalled confirm confirms confirmed confirming
deny denies denied denying complain complains complained complaining concede concedes conceded
caution cautions cautioned estimate estimates estimated think thinks thought fear fears feared
hope hopes hoped worry worries worried tweet tweets tweeted allege alleges alleged
charge charges charged accuse accuses accused criticize criticizes criticized criticise
criticised blast blasts blasted slam slams slammed praise praises praised describe describes
described question questions questioned reveal reveals revealed disclose discloses disclosed
indicate indicates indicated agree agrees agreed recommend recommends recommended
propose proposes proposed demand demands demanded demanding observe observes observed
remark remarks remarked mention mentions mentioned testify testifies testified joke jokes
joked quip quips quipped cite cites cited citing counter counters countered reiterate
reiterates reiterated repeat repeats repeated signal signals signaled signalled
show shows showed shown find finds found conclude concludes concluded continue continues
continued insist expect expects expected know knows knew want wants wanted plan plans planned
hint hints hinted threaten threatens threatened proclaim proclaims proclaimed
announce boast boasts boasted lament laments lamented predict insisted declined
acknowledge posted posts wrote informed assured assures reminded reminds
""".split()
# base forms that are mostly nouns in news text ("secretary of state", "the report")
_NOUNY = {"state", "states", "report", "plan", "show", "pledge", "tweet", "question", "promise",
          "charge", "claim", "demand", "estimate", "hope", "fear", "worry", "post", "remark",
          "joke", "signal", "counter", "repeat", "caution", "praise", "find", "posts", "remarks",
          "plans", "shows", "questions", "charges", "signals", "fears", "hopes", "demands", "claims"}
_SPEECH_VERBS = sorted(set(_SPEECH_VERBS) - _NOUNY, key=len, reverse=True)
_SPEECH_VERBS_SET = frozenset(_SPEECH_VERBS)  # for membership tests
_CLAUSE_CUES = frozenset(("said", "says", "told", "tells"))  # never inside a speaker's noun phrase
# verbs that read as speech cues on their own (safe for quote attribution)
_CUE_RE = re.compile(
    r"(?<![\w\-])(?:[Aa]ccording\s+to|(?:told|tells|tell|telling)\s+(?:reporters|journalists|the\s+press)"
    r"|said\s+in\s+a\s+statement|pointed\s+out|called\s+(?:for|on)|went\s+on|put\s+it"
    r"|(?:made|makes|make|making)\s+(?:it\s+)?clear(?=\s+(?:that\s+)?(?:it|he|she|they|we|the|a|an|[A-Z]))"
    r"|" + "|".join(_SPEECH_VERBS) + r")(?![\w\-])",
)
# cues too weak to start reported speech without a clear subject and clause
_WEAK_CUES = {"know", "knows", "knew", "want", "wants", "wanted", "plan", "plans", "planned",
              "find", "finds", "found", "show", "shows", "showed", "shown", "continue",
              "continues", "continued", "question", "questions", "questioned", "charge",
              "charges", "charged", "state", "states", "stated", "reports", "report", "cite",
              "cites", "cited", "citing", "note", "notes", "remarks", "expect", "expects",
              "expected", "hope", "hopes", "hoped", "fear", "fears", "feared", "worry",
              "worries", "worried", "think", "thinks", "thought", "posts", "posted",
              "mention", "signal", "signals", "repeat", "repeats", "repeated", "counter",
              "counters", "countered", "describe", "describes", "described", "praise",
              "praises", "praised", "demands", "joke", "jokes", "quip", "quips", "add",
              "adds", "say", "tell", "ask", "asks", "asked", "deny", "denies", "denied",
              "question", "admit", "promise", "promises", "reply", "respond", "confirm",
              "agree", "agrees", "agreed", "plan", "vow", "pledge", "warn", "claim",
              "argue", "believe", "insist", "explain", "announce", "declare", "suggest",
              "urge", "urges", "urged", "recall", "estimate", "accuse", "criticize", "blast",
              "slam", "reveal", "disclose", "indicate", "recommend", "propose", "observe",
              "testify", "conclude", "hint", "threaten", "proclaim", "boast", "lament",
              "predict", "stress", "emphasize", "maintain", "contend", "assert", "caution",
              "concede", "complain", "tweet", "allege", "remark", "informed", "assured",
              "assures", "reminded", "reminds", "write", "writes", "writing", "went on"}

_PRONOUNS = {"he", "she", "they", "it", "we", "i"}
_TITLES = {
    "mr", "mrs", "ms", "miss", "dr", "prof", "professor", "sir", "dame", "lord", "lady",
    "president", "vice", "prime", "minister", "deputy", "foreign", "defence", "defense",
    "secretary", "general", "chancellor", "senator", "sen", "rep", "representative", "gov",
    "governor", "mayor", "judge", "justice", "attorney", "ambassador", "chairman", "chairwoman",
    "chair", "speaker", "leader", "commissioner", "spokesman", "spokeswoman", "spokesperson",
    "director", "chief", "executive", "ceo", "king", "queen", "prince", "princess", "pope",
    "cardinal", "bishop", "rabbi", "imam", "gen", "lt", "col", "maj", "capt", "sgt", "adm",
    "admiral", "colonel", "major", "captain", "sergeant", "lieutenant", "state", "first",
    "interior", "finance", "economy", "health", "education", "energy", "trade", "justice",
    "agriculture", "culture", "environment", "transport", "labour", "labor", "home",
    "assistant", "associate", "senior", "press", "acting", "former", "ex", "premier",
    "congressman", "congresswoman", "councillor", "councilman", "councilwoman", "mp", "mep",
    "sheriff", "officer", "inspector", "superintendent", "detective", "pastor", "father",
    "reverend", "rev", "emir", "sheikh", "sultan", "envoy", "special", "high", "supreme",
    "commander", "chancellor", "treasurer", "auditor", "house", "majority", "minority",
    "whip", "candidate", "nominee", "for", "of", "and", "the", "european", "integration",
}
_ORG_WORDS = {
    "kremlin", "ministry", "government", "white", "campaign", "committee", "party", "department",
    "agency", "office", "times", "post", "journal", "news", "reuters", "ap", "afp", "cnn", "bbc",
    "fox", "police", "court", "council", "commission", "union", "nato", "un", "company",
    "inc", "corp", "bank", "university", "administration", "congress", "senate", "parliament",
    "cabinet", "embassy", "army", "military", "pentagon", "presidency", "staff", "institute",
    "foundation", "association", "organization", "organisation", "group", "board", "network",
    "service", "bureau", "fbi", "cia", "tass", "ria", "newspaper", "magazine", "website",
    "report", "poll", "survey", "study", "statement", "ad", "video", "clip", "letter", "spot",
    "complaint", "commission", "team", "tribunal", "authority", "authorities", "coalition",
    "alliance", "federation", "secretariat", "headquarters", "chamber", "centre", "center",
    "hospital", "club", "league", "movement", "rnc", "dnc", "gop", "eu", "who", "imf", "un",
    "politico", "axios", "guardian", "telegraph", "herald", "tribune", "gazette", "observer",
    "breitbart", "huffpost", "bloomberg", "wsj", "nbc", "abc", "cbs", "msnbc", "npr",
}
_ANON_HEADS = {
    "official", "officials", "source", "sources", "diplomat", "diplomats", "analyst", "analysts",
    "expert", "experts", "critic", "critics", "observer", "observers", "aide", "aides",
    "insider", "insiders", "person", "people", "someone", "residents", "resident", "witness",
    "witnesses", "member", "members", "staffer", "staffers", "adviser", "advisers", "advisor",
    "advisors", "lawmaker", "lawmakers", "supporters", "opponents", "economists", "economist",
    "investigators", "prosecutors", "officers", "activists", "voters", "participants",
    "spokesman", "spokeswoman", "spokesperson", "representative", "representatives",
}
_COLLECTIVE = {"leaders", "ministers", "governments", "allies", "members", "states", "countries", "capitals",
               "nations", "lawmakers", "parliaments"}
# heads of plural/group subjects that hold views ("Developers and supporters in Congress say",
# "Nearly eight of 10 voters say", "His aides say") and of evidence that "shows" or "finds"
# ("Polling averages show", "Data from the survey show", "Video of the incident shows")
_GROUP_HEADS = {
    "voters", "aides", "supporters", "developers", "defenders", "advocates", "proponents", "opponents",
    "critics", "democrats", "republicans", "conservatives", "liberals", "progressives", "moderates",
    "independents", "scientists", "researchers", "doctors", "physicians", "lawyers", "attorneys",
    "historians", "economists", "analysts", "experts", "scholars", "academics", "donors", "delegates",
    "workers", "employees", "executives", "students", "parents", "families", "relatives", "americans",
    "citizens", "residents", "people", "women", "men", "veterans", "farmers", "teachers", "nurses",
    "investors", "businesses", "companies", "firms", "groups", "organizations", "organisations",
    "unions", "leaders", "officials", "lawmakers", "legislators", "senators", "governors", "mayors",
    "candidates", "pollsters", "strategists", "consultants", "observers", "commentators", "journalists",
    "reporters", "columnists", "editors", "activists", "protesters", "protestors", "demonstrators",
    "allies", "rivals", "colleagues", "friends", "backers", "fans", "members", "staffers", "insiders",
    "sources", "diplomats", "prosecutors", "investigators", "regulators", "judges", "justices",
    "respondents", "participants", "users", "consumers", "customers", "owners", "landlords", "tenants",
    "immigrants", "refugees", "victims", "survivors", "witnesses", "police", "officers", "authorities",
    "administrators", "managers", "coaches", "players", "priests", "clergy", "bishops", "voices",
    "majority", "minority", "plurality", "percent", "most", "many", "some", "few", "half", "third",
    "quarter", "two-thirds", "spokespeople", "representatives", "advisers", "advisors", "counselors",
    "publications", "newspapers", "papers", "outlets", "networks", "websites", "magazines", "editorials",
    "dozens", "hundreds", "thousands", "millions", "scores", "number", "panel", "jury", "electorate",
}
_PERSON_HEADS = {
    "woman", "man", "girl", "boy", "mother", "father", "wife", "husband", "son", "daughter", "sister",
    "brother", "widow", "widower", "child", "teenager", "voter", "resident", "worker", "owner", "founder",
    "creator", "writer", "host", "anchor", "moderator", "veteran", "student", "parent", "citizen",
    "immigrant", "victim", "survivor", "friend", "neighbor", "neighbour", "colleague", "ally", "rival",
    "opponent", "critic", "supporter", "donor", "fan", "employee", "nominee", "incumbent", "challenger",
    "contender", "frontrunner", "front-runner", "speechwriter", "pollster", "commentator", "pundit",
    "editor", "publisher", "founder", "chief", "boss", "aide", "staffer", "insider", "whistleblower",
    "defendant", "plaintiff", "detective", "sheriff", "manager", "coach", "player", "entrepreneur",
}
_EVIDENCE_HEADS = {
    "poll", "polls", "polling", "survey", "surveys", "study", "studies", "data", "analysis", "analyses",
    "report", "reports", "figures", "numbers", "statistics", "stats", "records", "documents", "document",
    "video", "videos", "footage", "photos", "photographs", "images", "transcript", "transcripts",
    "average", "averages", "slide", "memo", "memos", "email", "emails", "letter", "letters", "filing",
    "filings", "lawsuit", "complaint", "ruling", "research", "review", "audit", "estimate", "estimates",
    "forecast", "forecasts", "model", "models", "index", "census", "results", "findings", "evidence",
    "chart", "charts", "ad", "ads", "advert", "advertisement", "commercial", "tweet", "tweets", "post",
    "posts", "statement", "statements", "release", "proposal", "plan", "bill", "legislation",
    "platform", "agenda", "budget", "paper", "papers", "article", "editorial", "column", "op-ed",
    "book", "memoir", "speech", "remarks", "comments", "testimony", "indictment", "verdict",
    "investigation", "inquiry", "probe", "assessment", "projections", "projection", "tally", "count",
    "returns", "recording", "recordings", "tape", "tapes", "clip", "website", "site", "page",
}
_ANON_DETS = re.compile(
    r"^(?:a|an|one|two|three|four|several|some|many|most|other|another|multiple|various|"
    r"unnamed|anonymous|senior|two\s+senior|western|european|u\.s\.)\b",
    re.IGNORECASE,
)
_ROLE_NOUNS = {
    "minister", "president", "senator", "governor", "spokesman", "spokeswoman", "spokesperson",
    "secretary", "chancellor", "ambassador", "mayor", "leader", "nominee", "candidate",
    "chairman", "chairwoman", "director", "commissioner", "premier", "congressman",
    "congresswoman", "representative", "diplomat", "general", "official", "lawmaker",
    "prosecutor", "judge", "envoy", "chief", "executive", "businessman", "businesswoman",
    "billionaire", "democrat", "republican", "adviser", "advisor", "economist", "analyst",
}
_EXTRA_ROLES = {"economist", "analyst", "lawyer", "attorney", "professor", "historian", "activist",
                "author", "journalist", "reporter", "columnist", "researcher", "scientist", "doctor",
                "physician", "farmer", "teacher", "pollster", "strategist", "consultant", "banker",
                "investor", "entrepreneur", "coach", "actor", "singer", "priest", "officer"}
_ROLE_WORDS = _ROLE_NOUNS | _EXTRA_ROLES
# a short parenthetical closing a name: "Rep. Gregory Meeks (D-N.Y.)"
_TRAILING_PAREN = re.compile(r"\s*\([^()]{1,40}\)$")
_TIME_ADVERB = (
    r"(?:on\s+)?(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|yesterday|today|"
    r"tonight|earlier|later|last\s+\w+|this\s+\w+|recently|previously|then)"
)
_AUX = re.compile(
    r"(?:\s+(?:also|has|have|had|is|was|are|were|will|would|could|can|may|might|must|should|"
    r"shall|did|does|do|not|later|then|previously|repeatedly|once|again|recently|earlier|"
    r"further|even|never|often|still|already|first|long|just|now|in\s+turn|has\s+long|nonetheless|nevertheless|"
    r"instead|"
    r"[a-z]+ly|(?:on|in|last|this|early|late)\s+(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|"
    r"January|February|March|April|May|June|July|August|September|October|November|December|"
    r"week|month|year|night|morning|afternoon|evening)|Monday|Tuesday|Wednesday|Thursday|Friday|"
    r"Saturday|Sunday|on\s+\w+day|in\s+(?:a|an|his|her|their|its)\s+(?:statement|interview|letter|"
    r"speech|post|tweet|op-ed|email|memo|report|release)|at\s+(?:a|the)\s+[\w\s]{1,30}?"
    r"(?:rally|briefing|conference|event|hearing|meeting|debate|forum|stop|summit))\b,?)+$"
)
_CLAUSE_BREAK = re.compile(
    r"(?:[,;:(\u2014\u2013\u2015]|\s-\s|\s--\s|\b(?:that|but|while|as|when|after|before|because|"
    r"where|although|though|since|if|and\s+that|who|which|whom|whose|While|As|When|After|Before|"
    r"Because|Although|Though|Since|If|But)\b)",
)
_LEAD_CONJ = re.compile(r"^(?:but|and|so|yet|however|meanwhile|still|also|now|then|instead)\b[\s,]*",
                        re.IGNORECASE)
_DETERMINER_RE = re.compile(r"\b(?:the|a|an|another|one|several|some|many|most|two|three)\b",
                            re.IGNORECASE)
_ABBREV = {
    "mr", "mrs", "ms", "dr", "sen", "rep", "gov", "gen", "lt", "col", "st", "jr", "sr", "u.s",
    "u.n", "u.k", "e.u", "jan", "feb", "mar", "apr", "aug", "sept", "sep", "oct", "nov", "dec",
    "inc", "co", "corp", "vs", "no", "prof", "capt", "sgt", "adm", "maj", "ft", "mt", "rev",
    "d.c", "a.m", "p.m", "etc", "e.g", "i.e", "approx", "dept", "univ", "est", "sen", "reps",
}

_DQ_OPEN = {"\u201c": "\u201d\"", "\u201e": "\u201c\u201d\"", "\u00ab": "\u00bb", '"': "\"\u201d\u201c",
            "\u201f": "\u201d"}
_DQ_ALL = set('"\u201c\u201d\u201e\u00ab\u00bb\u201f')
_SQ_OPEN = "\u2018'\u2039\u201a"
_SQ_CLOSE = "\u2019'\u203a\u2018"
_WORD = re.compile(r"[^\W_]+(?:['\u2019\-][^\W_]+)*")


# --------------------------------------------------------------------------- pass 1: marks

def _paragraphs(text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in re.finditer(r"[^\n]+", text)]


_NEST_OPEN = "\u201c\u201e\u00ab"
_STRICT_CLOSE = {"\u201c": "\u201d", "\u201e": "\u201c\u201d", "\u00ab": "\u00bb", '"': '"\u201d',
                 "\u201f": "\u201d", "\u201d": "\u201d"}
_LOOSE_CLOSE = {"\u201c": '"\u201c', "\u201e": '"', "\u00ab": "", '"': "\u201c", "\u201f": '"',
                "\u201d": '"'}


_MIXED_CLOSE = True


def _is_dq_opener(text: str, i: int, ps: int, pe: int) -> bool:
    ch = text[i]
    if ch in _NEST_OPEN or ch == '"' or ch == "\u201f":
        return i + 1 < pe
    # a closing mark used as an opener: ”Mr. Trump ...
    return ch == "\u201d" and (i == ps or text[i - 1].isspace()) and i + 1 < pe and text[i + 1].isalnum()


def _scan_close(text, i, pi, paras, closers):
    """Position of the mark closing the quote opened at i, following paragraphs that re-open;
    returns (close_pos or None, last paragraph index)."""
    depth = 0
    cur_pi = pi
    j = i + 1
    cur_pe = paras[pi][1]
    while True:
        while j < cur_pe:
            c = text[j]
            if c in _NEST_OPEN and c not in closers and j + 1 < cur_pe and text[j + 1].isalnum() \
                    and (text[j - 1].isspace() or text[j - 1] in "([:\u2014-"):
                depth += 1
            elif c in closers:
                if depth and c in "\u201d\u00bb\u201c":
                    depth -= 1
                elif depth and c == '"':
                    pass
                else:
                    return j, cur_pi
            j += 1
        nxt = cur_pi + 1
        if nxt < len(paras):
            ns, ne = paras[nxt]
            k = ns
            while k < ne and text[k] in " \t\u00a0":
                k += 1
            if k < ne and text[k] in _DQ_ALL and text[k] not in "\u00bb" and k + 1 < ne \
                    and not text[k + 1].isspace() and text[cur_pe:ns].count("\n") <= 3:
                cur_pi, cur_pe = nxt, ne
                j = k + 1
                depth = 0
                continue
        return None, cur_pi


def _double_spans(text: str, paras: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """(open_mark_pos, close_mark_pos) for top-level double-quote spans. An unterminated quote
    that opens a paragraph runs to the end of the paragraph (close = paragraph end)."""
    spans: list[tuple[int, int]] = []
    no_strict: set[tuple[str, int]] = set()
    pi = 0
    while pi < len(paras):
        ps, pe = paras[pi]
        i = ps
        while i < pe:
            if not _is_dq_opener(text, i, ps, pe):
                i += 1
                continue
            ch = text[i]
            if (ch, pi) in no_strict:
                found, last_pi = None, pi
            else:
                found, last_pi = _scan_close(text, i, pi, paras, _STRICT_CLOSE.get(ch, "\u201d"))
                if found is None:
                    no_strict.add((ch, pi))  # a later opener in this paragraph cannot do better
                elif _MIXED_CLOSE and last_pi != pi and ch == "\u201c" and text.count('"', i + 1, pe) % 2 == 1:
                    # “no evidence" yet ...: a straight mark closes a curly quote within its paragraph,
                    # rather than the quote running on into the next paragraph
                    k = text.find('"', i + 1, pe)
                    if k > i + 1 and not text[k - 1].isspace():
                        found, last_pi = k, pi
            if found is None and _LOOSE_CLOSE.get(ch):
                found, last_pi = _scan_close(text, i, pi, paras, _STRICT_CLOSE.get(ch, "") + _LOOSE_CLOSE[ch])
            if found is not None:
                spans.append((i, found))
                if last_pi != pi:
                    pi = last_pi
                    ps, pe = paras[pi]
                i = found + 1
                continue
            if not text[ps:i].strip():
                end = paras[last_pi][1]
                while end > i + 1 and text[end - 1].isspace():
                    end -= 1
                spans.append((i, end))
                pi = last_pi
                break
            i += 1
        pi += 1
    return spans


def _single_spans(text: str, paras, blocked) -> list[tuple[int, int]]:
    spans = []
    for ps, pe in paras:
        i = ps
        while i < pe:
            ch = text[i]
            if ch in _SQ_OPEN and not _inside(i, blocked) and i + 1 < pe and text[i + 1].isalpha() \
                    and (i == ps or text[i - 1].isspace() or text[i - 1] in "([{\u2014\u2013-/:"):
                found = None
                cands = []
                for j in range(i + 2, min(pe, i + 400)):
                    c = text[j]
                    if c in "\n":
                        break
                    if c in _SQ_CLOSE and not text[j - 1].isspace() and \
                            (j + 1 >= pe or not text[j + 1].isalnum()):
                        cands.append(j)
                        if not (text[j - 1] in "sS" and j + 2 < pe and text[j + 1] == " "
                                and text[j + 2].islower()):
                            found = j
                            break
                if found is None and cands:
                    found = cands[-1]
                if found is not None and not _inside(found, blocked):
                    inner = text[i + 1:found]
                    if len(_WORD.findall(inner)) >= 1:
                        spans.append((i, found))
                        i = found + 1
                        continue
            i += 1
    return spans


def _window(spans, starts, lo, hi):
    """The sorted, non-overlapping spans that overlap [lo, hi]."""
    k = max(0, bisect.bisect_right(starts, lo) - 1)
    out = []
    while k < len(spans) and spans[k][0] <= hi:
        if spans[k][1] >= lo:
            out.append(spans[k])
        k += 1
    return out


def _inside(pos: int, spans) -> bool:
    """pos within some (start, end) of spans, inclusive; spans sorted and not overlapping."""
    k = bisect.bisect_right(spans, (pos, float("inf"))) - 1
    return k >= 0 and spans[k][0] <= pos <= spans[k][1]


# --------------------------------------------------------------------------- pass 2: sentences

_QEND_SPLIT = True
_GENERIC_CUT = True
_AFTER_CONJ = True
_STOP_RE = re.compile(r"[.!?]+(?=\s|$)")
_PART_PARTIAL = True
_QEND_NEED_CUE = True
# a bare attribution sentence after the quotation ("Holt said.", "said Holt, the mayor."): it still
# belongs to the quotation
_BARE_ATTR = re.compile(r"[A-Z][^.!?\"\u201c\u201d]{0,60}?\b(?:said|says|added|adds|wrote|writes|told\s+\w+|asked|"
                        r"noted|explained|continued|declared|insisted|recalled|replied|responded)\b"
                        r"(?:\s+(?!(?:it|he|she|they|we|I|you|that|the|a|an|there|this|his|her|their|its)\b)"
                        r"[^\s.!?\"\u201c\u201d]+){0,4}\s*[.!?]\s*$|(?:[Ss]aid|[Ss]ays|[Aa]dded|[Ww]rote)\s[^.!?\"\u201c\u201d]{0,80}[.!?]\s*$")


def _quote_final_stop(text: str, pstart: int, pe: int, spans) -> int | None:
    """A full stop closing a quotation ('... policy.\u201d The network said it would ...') ends the
    sentence when a new prose sentence (a capital, no quotation mark) follows that has a cue of its
    own and is not a bare attribution of the quotation itself. Returns the boundary (after the mark)."""
    if text[pstart] != ".":
        return None
    c = pstart + 1
    while c < pe and text[c] == " ":
        c += 1
    if c >= pe or text[c] not in "\"\u201d" or c - pstart > 2:
        return None
    k = bisect.bisect_right(spans, (c, float("inf"))) - 1
    if k < 0 or spans[k][1] != c:
        return None  # the stop must sit right before the closing mark of a quotation
    j = c + 1
    while j < pe and text[j] in " \t\u00a0":
        j += 1
    if j >= pe or not text[j].isupper():
        return None
    end = pe
    for nm in _STOP_RE.finditer(text, j, pe):
        prev = re.search(r"([\w.]+)$", text[j:nm.start()])
        if nm.group(0) == "." and prev and (prev.group(1).lower().rstrip(".") in _ABBREV or len(prev.group(1)) == 1):
            continue
        end = nm.end()
        break
    nxt = text[j:end]
    if _QEND_NEED_CUE and not _CUE_RE.search(nxt):
        return None  # no attribution of its own follows: the split changes nothing worth the risk
    return None if _BARE_ATTR.match(nxt) else c + 1


_INITIALS = True
_SENT_STARTERS = {"The", "A", "An", "He", "She", "It", "They", "We", "I", "But", "And", "In", "This", "That", "There",
                  "His", "Her", "Their", "Its", "On", "At", "As", "If", "When", "While", "After", "So", "Yet"}


def _sentences(text: str, paras, spans) -> list[tuple[int, int]]:
    out = []
    for ps, pe in paras:
        s = ps
        for m in re.finditer(r"[.!?\u2026]+[\"\u201d\u2019'\u00bb)]*(?=\s+[\"\u201c\u2018'\u00ab\u201e(]?\s?[A-Z0-9])",
                             text[ps:pe]):
            b = ps + m.end()
            dot = ps + m.start()
            if _inside(dot, [(a, c - 1) for a, c in spans if c - a > 1]):
                qb = _quote_final_stop(text, dot, pe, spans) if _QEND_SPLIT else None
                if qb is None:
                    continue
                b = qb
            prev = re.search(r"([\w.]+)$", text[s:dot])
            if prev and text[dot] == ".":
                tok = prev.group(1).lower().rstrip(".")
                if tok in _ABBREV or re.fullmatch(r"[a-z]", tok) or (
                        _INITIALS and re.fullmatch(r"(?:[a-z]\.)+[a-z]", tok) and re.match(r"\s+[A-Z][a-z]+\b", text[b:b + 30])
                        and text[b:b + 30].split()[0] not in _SENT_STARTERS):
                    continue  # "Rep. G.K. Butterfield": initials, not a sentence end
            out.append((s, b))
            s = b
            while s < pe and text[s].isspace():
                s += 1
        if s < pe:
            out.append((s, pe))
    return out


# --------------------------------------------------------------------------- speaker NPs

_NAME_TOK = r"(?:[A-Z][\w'\u2019\-]*\.?|[A-Z]\.(?:[A-Z]\.)*|(?:de|van|von|der|den|da|di|du|la|le|bin|al|ibn|ter|el)(?=\s+[A-Z]))"
_NAME_RUN_END = re.compile(r"(" + _NAME_TOK + r"(?:\s+" + _NAME_TOK + r")*)$")
_NAME_RUN_START = re.compile(r"^(" + _NAME_TOK + r"(?:\s+" + _NAME_TOK + r")*)")


@dataclass
class _Mention:
    start: int
    end: int
    raw: str
    name: str | None  # a proper name (titles stripped)
    role: str | None
    kind: str
    anonymous: bool
    pronoun: str | None = None
    vague: bool = False  # a group named only by a noun and a place ("Analysts in Warsaw")
    # the words stand where a subject stands but name no speaker ("Bilateral promises would ...",
    # "has spent two years arguing", "visiting Kyiv"): the attribution stands, with no speaker
    nonspeaker: bool = False


def _clean_np(s: str) -> str:
    s = re.sub(r"\s*\((?:[DRI]|[A-Z]{1,3})-[^)]*\)", "", s)  # (D-N.C.)
    s = re.sub(r",\s*[DRI]-[A-Z][\w.]*\.?(?=,|\s*$)", "", s)  # ", R-Ky."
    return s.strip(" ,;:\u2014\u2013-\u00a0")


_NATIONALITY = re.compile(
    r"^(?:[A-Z][a-z]+(?:ian|ean|ish|ese)|Israeli|Iraqi|Pakistani|Saudi|Qatari|Emirati|Afghan|Korean|Mexican|"
    r"Dominican|Moroccan|Cuban|Serbian|Bosnian|Croatian|Slovak|Slovenian|Baltic|Arctic|Atlantic|French|Dutch|Greek|Swiss|Thai|Czech|Irish|Welsh|Scottish|"
    r"Basque|Maltese|Kremlin|NATO|EU|UN|US|U\.S\.|UK|U\.K\.|British|German|Russian|American|"
    r"Western|Eastern|Northern|Southern|Baltic|Nordic|Arab)$")


def _role_tok(tok: str) -> bool:
    low = tok.lower().rstrip(".")
    return low in _TITLES or low in _ROLE_NOUNS or low in _EXTRA_ROLES


def _split_name(run: str) -> tuple[str | None, str | None]:
    """'Deputy Prime Minister Olha Stefanishyna' -> ('Olha Stefanishyna', 'Deputy Prime Minister');
    'German Defence Minister Karsten Vollmer' -> ('Karsten Vollmer', 'German Defence Minister')."""
    toks = run.split()
    k = 0
    while k < len(toks) - 1 and _role_tok(toks[k]):
        k += 1
    # a role phrase that opens with a nationality or an organisation ("German Defence Minister",
    # "Kremlin Spokesman", "Hungary's Zoltan ..."): split after its last role word
    last = -1
    for i, t in enumerate(toks[:-1]):
        if _role_tok(t) and t.lower().rstrip(".") not in {"for", "of", "and", "the", "first", "state",
                                                           "house", "home", "high", "special"}:
            last = i
    if last >= k and all(_role_tok(t) or _NATIONALITY.match(t) or t[:1].isupper() for t in toks[:last + 1]) \
            and not any(_role_tok(t) for t in toks[last + 1:]):
        k = last + 1
    poss = [i for i, t in enumerate(toks[:-1]) if re.search(r"[\u2019']s$", t)]
    if poss and poss[-1] >= k and len(toks) - poss[-1] - 1 >= 2:
        k = poss[-1] + 1  # "Hungary's Zoltan Berenyi"
    # keep at least one token as the name
    if k and toks[k - 1].lower() in {"for", "of", "and", "the"}:
        k -= 1
    name = " ".join(toks[k:]).strip()
    role = " ".join(toks[:k]).strip() or None
    if role and re.fullmatch(r"[\w.\-]+[\u2019']s", role):
        role = None  # a bare possessive ("Hungary's") is not a role
    if name and name.lower().rstrip(".") in _TITLES:
        return None, run
    return (name or None), role


def _is_org(np_: str) -> bool:
    words = [w.lower().strip(".\u2019'") for w in np_.split()]
    words = [re.sub(r"(?:\u2019s|'s)$", "", w) for w in words]
    return bool(words) and (words[-1] in _ORG_WORDS or "kremlin" in words or
                            "ministry" in words or (len(words) >= 2 and words[-2:] == ["white", "house"]))


# not a speaker: a clause fragment ("a rally Friday evening in Michigan to", "that Trump",
# "Having", "later"), a bare state abbreviation ("R-Ky.", "Md.") or a number
_JUNK_NP = re.compile(
    r"(?:\s(?:to|and|or|by|of|from|with|for|the|a|an|that|than|in|on|at|is|was|be|been|not|about|into|has|had|have)$"
    r"|^(?:that|when|having|despite|including|about|later|from|aside|after|before|while|if|because|going|"
    r"unlike|allow|allowing|let|amounting|engaging|sent|appeared|began|chief|help|it\s+is|there|here|what|which|"
    r"whom|whose|during|since|until|upon|without|with|through|toward|towards|among|between)\b"
    r"|^[A-Z]{1,2}-[A-Z][\w.]*$|^(?:[A-Z][a-z]{1,3}\.)$|^\d[\d/,.]*$)", re.IGNORECASE)


_LONG_APPOS = re.compile(
    r"(?P<name>(?:" + _NAME_TOK + r"\s+){0,4}" + _NAME_TOK + r")(?:\s*\([^()]{1,40}\))?"
    r"(?:\s*,\s*(?P<appos>[^,]{2,200}?)\s*(?:,|$)|\s*(?P<dash>--|\u2014|\u2013)\s*(?P<appos2>[^,\u2014\u2013]{2,120}?)\s*(?:,|--|\u2014|\u2013|$))")


# Countries and capitals that speak as governments ("Hungary signalled ...", "Kyiv welcomed ..."):
# organisations, not people called Hungary. Names that are also common first names (Jordan, Chad)
# are left out.
_PLACE_SOURCES = frozenset(w.replace("_", " ") for w in """
afghanistan albania algeria argentina armenia australia austria azerbaijan bahrain bangladesh belarus
belgium bolivia bosnia brazil britain bulgaria cambodia cameroon canada chile china colombia croatia cuba
cyprus czechia denmark ecuador egypt estonia ethiopia europe finland france georgia germany ghana greece
hungary iceland india indonesia iran iraq ireland israel italy japan kazakhstan kenya kosovo kuwait
kyrgyzstan latvia lebanon libya lithuania luxembourg malaysia mali malta mexico moldova mongolia montenegro
morocco myanmar nepal netherlands nicaragua niger nigeria norway oman pakistan palestine panama paraguay
peru philippines poland portugal qatar romania russia rwanda serbia singapore slovakia slovenia somalia
spain sudan sweden switzerland syria taiwan tajikistan tanzania thailand tunisia turkey turkmenistan
uganda ukraine uruguay uzbekistan venezuela vietnam yemen zambia zimbabwe
kyiv kiev moscow washington london paris berlin warsaw budapest bratislava prague vienna rome madrid lisbon
brussels amsterdam the_hague copenhagen stockholm oslo helsinki tallinn riga vilnius minsk chisinau
bucharest sofia belgrade zagreb ljubljana sarajevo skopje tirana athens ankara tbilisi yerevan baku
beijing tokyo seoul pyongyang delhi new_delhi islamabad tehran baghdad damascus beirut amman riyadh
doha cairo tripoli jerusalem ottawa canberra brasilia pretoria nairobi abuja
""".split())


_PARTITIVE = True
_PARTITIVE_RE = re.compile(
    r"(?:(?:nearly|almost|about|roughly|around|more\s+than|fewer\s+than|less\s+than|over|just|only|some)\s+)?"
    r"(?:\d[\d,.]*(?:\s+percent|%)?|one|two|three|four|five|six|seven|eight|nine|ten|a\s+third|a\s+quarter|half|"
    r"two-thirds|three-quarters|most|many|some|several|few|a\s+few|all|both|each|none|a\s+majority|the\s+majority|"
    r"a\s+minority|a\s+number|a\s+handful|dozens|hundreds|thousands|millions)"
    r"(?:\s+(?:in|of|out\s+of)\s+(?:\d+|two|three|four|five|ten)\s+|\s+of\s+(?:the\s+|those\s+|these\s+)?)(?=[a-zA-Z])",
    re.I)


# a time or quantity phrase is never a speaker: "two years", "last week", "the past few months"
_TIME_NP = re.compile(
    r"^(?:(?:the|this|that|these|those|last|past|next|previous|coming|recent|first|few|several|many|some|"
    r"a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|dozen|a\s+few|"
    r"more\s+than|nearly|almost|about|over|under|just|only|\d[\d,.]*)\s+)*"
    r"(?:[a-z\-]+\s+)?(?:seconds?|minutes?|hours?|days?|weeks?|weekends?|fortnights?|months?|years?|"
    r"decades?|centuries|century|nights?|mornings?|afternoons?|evenings?)$"
    r"|^(?:(?:last|this|next|on)\s+)?(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|"
    r"yesterday|today|tonight|tomorrow)$", re.I)
# heads of plural noun phrases that name a body of states or governments rather than unnamed people
# ("NATO leaders", "Ministers", "several allies"): organisations, as in the sample's gold
_COLLECTIVE_ORG = _COLLECTIVE | {"partners", "powers", "delegations", "administrations"}
# plural heads that are not people
_NOT_PEOPLE_PLURAL = {
    "businesses", "companies", "firms", "groups", "organizations", "organisations", "unions", "publications",
    "newspapers", "papers", "outlets", "networks", "websites", "magazines", "editorials", "numbers", "orders",
    "headquarters", "centers", "centres", "markets", "others", "voices", "dozens", "hundreds", "thousands",
    "millions", "scores", "percent", "authorities", "police", "banks", "factories", "plants", "parties",
    "states", "countries", "nations", "capitals", "governments", "parliaments", "sides", "years", "months",
}
# "-ing" words that are adjectives before a noun ("leading economists", "outgoing President ..."),
# not a participle taking an object ("visiting Kyiv")
_ING_ADJ = {"leading", "ruling", "opposing", "governing", "outgoing", "incoming", "sitting", "remaining",
            "competing", "founding", "managing", "presiding", "acting", "ranking", "rising", "sitting",
            "reigning", "serving", "striking", "visiting", "working", "retiring", "trading", "neighbouring",
            "neighboring", "participating", "dissenting", "supporting", "attending", "protesting"}
_ING_ADJ -= {"visiting"}  # "visiting Kyiv", "visiting Warsaw": a participle with its object
_REDUCED_REL = re.compile(r"^(.*?\b[A-Za-z\-]+s)\s+(?:[a-z]+ing|gathered|assembled|based|stationed|"
                          r"convened|convening)\s+(?:in|at|on|for|from|near|outside|inside|with|behind)\b")
_QUANT_WORDS = {"some", "many", "most", "all", "both", "few", "several", "others", "another", "those", "these",
                "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "each", "none",
                "everyone", "everybody", "somebody", "someone", "nobody", "half", "dozens", "hundreds", "thousands"}
_SENT_START = re.compile(r"(?:^|[.!?][\"\u201d\u2019')\]]*\s+|\n\s*)[\"\u201c\u2018(]*\s*$")


_CUE_AS_NOUN = re.compile(r"\s+(?:" + "|".join(w for w in _SPEECH_VERBS if w.endswith("s") and not w.endswith("ss"))
                          + r")\s+(?:would|will|could|can|may|might|must|should|shall|are|were|have|had|do|did"
                          r"|remain|remained|seem|seemed)\b")


def _plural_people(headw: str) -> bool:
    """A plural common noun of people: "officials", "manufacturers", "politicians", "diplomats"."""
    if not headw.endswith("s") or headw.endswith("ss") or headw in _NOT_PEOPLE_PLURAL or \
            headw in _EVIDENCE_HEADS or headw in _ORG_WORDS:
        return False
    sing = headw[:-1]
    return (headw in _ANON_HEADS or headw in _GROUP_HEADS or sing in _ROLE_WORDS or sing in _PERSON_HEADS
            or sing in _ANON_HEADS or (len(headw) > 5 and headw.endswith(("ers", "ists", "ians", "ants", "ents", "ors"))))


def _group_kind(headw: str) -> str | None:
    """The kind of a plural group head: a body of states -> organisation, unnamed people -> anonymous."""
    if headw in _COLLECTIVE_ORG and headw not in _ANON_HEADS:
        return "organisation"
    if _plural_people(headw):
        return "anonymous"
    return None


def is_place(s: str) -> bool:
    """A country or capital, or a list of them ("Latvia and Lithuania", "Poland and the Baltic states")."""
    if not any(c.isupper() for c in s):
        return False  # every place name is capitalised
    low = " ".join(s.lower().replace("\u2019", "'").split())
    low = re.sub(r"^the\s+", "", low)
    if low in _PLACE_SOURCES:
        return True
    parts = [re.sub(r"^the\s+", "", x.strip()) for x in re.split(r",|\band\b|\bor\b", low) if x.strip()]
    return len(parts) >= 2 and all(x in _PLACE_SOURCES for x in parts)


def _common_word_at_start(text: str, s: int, word: str) -> bool:
    """A capitalised word opening a sentence that the text otherwise writes in lowercase, or a common
    noun of the lexicon, and never capitalised inside a sentence: "Bilateral promises ...",
    "Ministers also discussed ..." - not a name."""
    if not _SENT_START.search(text[max(0, s - 12):s]) or not word[:1].isupper() or word[1:2].isupper():
        return False
    low = word.lower()
    common = low in _GROUP_HEADS or low in _ANON_HEADS or low in _COLLECTIVE_ORG or low in _EVIDENCE_HEADS or \
        (low.endswith("s") and low[:-1] in _ROLE_WORDS) or _plural_people(low) or \
        (low in text and re.search(r"(?<![\w\-])" + re.escape(low) + r"(?![\w\-])", text) is not None)
    if not common:
        return False
    for m in re.finditer(r"(?<![\w\-])" + re.escape(word) + r"(?![\w\-])", text):
        if m.start() != s and not _SENT_START.search(text[max(0, m.start() - 12):m.start()]):
            return False  # used as a name inside a sentence elsewhere
    return True


def final_kind(desc: str, kind: str, anon: bool) -> tuple[str, bool]:
    """The kind of a speaker given by a description (not a personal name), decided the same way on every
    path to the final Quote: countries and capitals, and lists of them, are organisations; a plural head
    names a body of states ("NATO leaders", "Ministers" -> organisation) or unnamed people
    ("manufacturers", "Officials in Brussels" -> anonymous); a group/council/ministry head is an
    organisation; a lone quantifier ("Some", "Two") is anonymous."""
    body = _clean_np(desc)
    if not body:
        return kind, anon
    if is_place(body):
        return "organisation", False
    core = re.split(r"\s+(?:in|from|of|at|with|for|on|close\s+to|familiar\s+with|who|that|which)\s+",
                    body, maxsplit=1)[0]
    pm = _PARTITIVE_RE.match(body)
    if pm is not None and pm.end() < len(body):  # "Most of the senators", "Nearly eight of 10 voters"
        core = re.split(r"\s+(?:in|from|of|at|with|for|on|close\s+to|familiar\s+with)\s+",
                        body[pm.end():], maxsplit=1)[0]
    cw = core.split()
    hw = re.findall(r"[a-z][a-z\-]*", core.lower())
    if not cw or not hw:
        return kind, anon
    headw = hw[-1]
    if len(cw) == 1 and headw in _QUANT_WORDS:
        return "anonymous", True  # "Some", "Two", "Another"
    if kind == "organisation":
        # "a senior adviser to the presidential office": a person described by where they work
        rcore = re.split(r"\s+(?:in|from|of|at|with|for|on|to)\s+", body, maxsplit=1)[0]
        rhw = re.findall(r"[a-z][a-z\-]*", rcore.lower())
        if rcore != body and rhw and (rhw[-1] in _ROLE_WORDS or rhw[-1] in _PERSON_HEADS):
            return ("anonymous", True) if _ANON_DETS.match(body) else ("person", False)
    gk = _group_kind(headw) if (cw[-1][:1].islower() or len(cw) == 1 or
                                (len(cw) >= 2 and cw[-1][:1].isupper() and cw[0][:1].isupper() and
                                 all(w[:1].isupper() for w in cw) and headw in _COLLECTIVE_ORG)) else None
    if gk == "anonymous" and kind in ("unknown", "organisation", "person") and not _is_org(core) and \
            not any(w in _ROLE_NOUNS or w in _PERSON_HEADS for w in hw if not w.endswith("s")):
        return "anonymous", True
    if gk == "organisation" and kind in ("unknown", "person") and not anon:
        return "organisation", False
    if kind == "unknown" and not anon and _is_org(core):
        return "organisation", False  # "The Group of Seven", "the NAACP board of directors"
    return kind, anon


def _parse_np(text: str, s: int, e: int) -> _Mention | None:
    """A speaker mention between s and e: a name with its role, a description, a pronoun (None
    when the words are no speaker)."""
    men = _parse_np_words(text, s, e)
    if men is None or men.pronoun is not None:
        return men
    raw = " ".join(men.raw.split())
    if _TIME_NP.match(_clean_np(raw)):
        men.nonspeaker = True  # "two years", "last week": a time phrase, not a speaker
        return men
    # "NATO leaders meeting in Washington": the group, without its reduced relative clause
    rm = _REDUCED_REL.match(men.raw)
    if rm and not men.name and _group_kind(re.findall(r"[a-z]+", rm.group(1).lower())[-1]):
        men2 = _parse_np_words(text, men.start, men.start + rm.end(1))
        if men2 is not None and men2.kind != "unknown":
            men = men2
    # "Bilateral promises would not ...", "Vilnius pledges were ...": the cue is a plural noun (a
    # modal or auxiliary follows it), so the words before it are its modifier, not a speaker
    if men.name and _CUE_AS_NOUN.match(text, e):
        men.name, men.role, men.nonspeaker = None, None, True
        return men
    # a single capitalised word opening a sentence that is a common word, not a name
    if men.name and " " not in men.raw.strip() and men.name == men.raw.strip() and \
            _common_word_at_start(text, men.start, men.name):
        low = men.name.lower()
        if _group_kind(low) or low in _EVIDENCE_HEADS or low in _ORG_WORDS or low in _QUANT_WORDS:
            # "Ministers", "Delegates", "Some": a common noun or a quantifier; the final Quote gets its kind
            return _Mention(men.start, men.end, men.raw, None, None, men.kind, False, vague=men.vague)
        men.name = None  # "Bilateral promises would not ...": an adjective or a conjunction, not a speaker
        men.nonspeaker = True
        return men
    if men.kind in ("person", "unknown") and not men.anonymous and is_place(raw):
        return _Mention(men.start, men.end, men.raw, None, None, "organisation", False)
    return men


def _parse_np_words(text: str, s: int, e: int) -> _Mention | None:
    """Classify the noun phrase text[s:e] as a speaker mention."""
    raw = text[s:e]
    # trim
    while s < e and text[s] in " ,;:\u00a0\u2014\u2013-\"\u201c\u201d":
        s += 1
    while e > s and text[e - 1] in " ,;:\u00a0\u2014\u2013-\"\u201c\u201d":
        e -= 1
    raw = text[s:e]
    # a name with a long apposition ("Ana Lind, a developer and spokeswoman for the Harbor Coalition,
    # which represents builders,", "Lind -- co-author of a book on tariffs --"): the name and the
    # first apposition (its role)
    lm = _LONG_APPOS.match(raw) if (len(raw) > 60 and re.search(r",|--|\u2014|\u2013", raw)) else None
    if lm and (len(raw) > 160 or len(raw.split()) > 16 or lm.group("dash")):
        men = _parse_np(text, s, s + lm.end("name"))
        if men is not None and men.name and not men.role:
            role = _clean_np(lm.group("appos") or lm.group("appos2") or "")
            role = re.sub(r"^(?:the|a|an)\s+", "", role)
            if role and len(role.split()) <= 12 and not re.match(r"(?:who|which|whose|that)\b", role):
                men.role = role
        return men
    if not raw or len(raw) > 160:
        return None
    low = raw.lower()
    if low in _PRONOUNS:
        return _Mention(s, e, raw, None, None, "unknown", False, pronoun=low)
    pl = re.sub(r"[\u2019'](?:s|ve|d|ll|re|m)$", "", low)
    if pl != low and pl in _PRONOUNS:  # "He's", "I've": the pronoun with a contracted auxiliary
        return _Mention(s, e, raw, None, None, "unknown", False, pronoun=pl)
    if re.match(r"^[a-z]+ing\s+[A-Z][\w\u2019'\-]*$", raw) and raw.split()[0] not in _ING_ADJ:
        # "visiting Kyiv", "representing Ukraine": a participle with its object, no subject
        return _Mention(s, e, raw, None, None, "unknown", False, nonspeaker=True)
    words = raw.split()
    if len(words) > 16:
        return None
    if _JUNK_NP.search(re.sub(r"^Chief(?=\s+[A-Z])", "Head", raw)):  # "Chief Justice Ana Ruiz" is a title
        return None
    if any(w in _CLAUSE_CUES for w in words):
        return None  # "Ivo Marsh said the audit": a clause with a cue of its own, not a noun phrase
    first = words[0].lower()
    if first in {"to", "of", "in", "on", "at", "by", "for", "with", "not", "is", "was", "be",
                 "been", "it's", "this", "there", "what", "how", "why", "said", "says", "would"}:
        return None
    if re.match(r"^(?:you|me|us|him|her|them|his|its|their|our|my|your)\b", low) and not (
            _US_NOT_PRONOUN and raw.startswith("US")):  # "US officials": the country, not "us"
        # "His aides", "Her lawyer", "Their attorneys": a possessive determiner before a speaker noun
        pw = re.findall(r"[a-z\-]+", low)
        if not (re.match(r"^(?:his|her|its|their|our)\s", low) and 2 <= len(pw) <= 5 and
                (pw[-1] in _GROUP_HEADS or pw[-1] in _ANON_HEADS or pw[-1] in _ROLE_NOUNS or
                 pw[-1] in _EXTRA_ROLES or pw[-1] in _EVIDENCE_HEADS or pw[-1] in _ORG_WORDS or
                 pw[-1].rstrip("s") in _ROLE_WORDS)):
            return None
        return _Mention(s, e, raw, None, None, "organisation" if pw[-1] in _EVIDENCE_HEADS | _ORG_WORDS
                        else "anonymous" if pw[-1] in _ANON_HEADS and pw[-1] not in _ROLE_NOUNS else "person",
                        False)
    # apposition "Name, role" or "role, Name"
    body = _clean_np(raw)
    role = None
    name = None
    parts = [p.strip() for p in re.split(r",\s*", body) if p.strip()]
    head = parts[0] if parts else body
    if len(parts) >= 2:
        a, b = parts[0], ", ".join(parts[1:])
        a = _TRAILING_PAREN.sub("", a)  # "Rep. Gregory Meeks (D-N.Y.), chairman of ..."
        if _NAME_RUN_START.fullmatch(a) and (not b[:1].isupper() or re.match(r"^(?:the|a|an|who|which|whose)\b", b, re.I)
                                             or b.split()[0].lower().rstrip(".") in _TITLES
                                             or b.split()[0].lower() in _ROLE_WORDS):
            head, role = a, re.sub(r"^who\s+is\s+", "", b)
            if re.match(r"^(?:who|which|whose)\b", role):
                role = None
        elif _NAME_RUN_START.fullmatch(b.split(",")[0].strip()):
            head, role = b.split(",")[0].strip(), a
    # "Rebecca Thornbury of the State Department": a personal name with its affiliation
    om = re.match(r"^(" + _NAME_TOK + r"(?:\s+" + _NAME_TOK + r")+)\s+(?:of|from|at|with)\s+(?:the\s+)?[A-Z]", head)
    if om:
        nm0, r0 = _split_name(om.group(1))
        if nm0 and len(nm0.split()) >= 2 and not any(
                w.lower().strip(".") in _ORG_WORDS or _role_tok(w) for w in nm0.split()):
            head = om.group(1)
    m = _NAME_RUN_END.search(head)
    anonymous = False
    kind = "unknown"
    if m:
        run = m.group(1)
        prefix = head[: m.start()].strip()
        # a lowercase role before the name: "White House spokesman Josh Earnest"
        nm, r2 = _split_name(run)
        if re.search(r"\b(?:from|of|at|in|for|with|on|by)\s*$", prefix) or \
                run.lower() in _ANON_HEADS or run.lower() in _ORG_WORDS or \
                run.split()[0].lower() in {"the", "a", "an"}:
            nm = None
        role_led = bool(prefix and _role_tok(prefix.split()[-1])) or bool(r2 and _role_tok(r2.split()[-1]))
        lead_w = (r2 or prefix).split()[-1] if (r2 or prefix) else ""
        if nm and lead_w and not _role_tok(lead_w) and (
                lead_w.lower() in {"and", "or", "nor", "&"} or
                (re.fullmatch(r"[a-z]+ing", lead_w) and lead_w not in _ING_ADJ)):
            nm = None  # "Latvia and Lithuania", "visiting Kyiv": a coordination or a participle, no name
        if nm and (prefix or r2) and (not _is_org(head) or role_led):
            if nm.split()[0].lower() in _TITLES:
                nm = None
            else:
                role_bits = " ".join(x for x in (prefix, r2) if x)
                role = role or role_bits or None
                name = nm
        elif nm and not prefix and not _is_org(run):
            name = nm
            role = role or r2
        if name and (name.split()[-1].lower() in _ORG_WORDS or name.lower() in _ORG_WORDS or
                     re.fullmatch(r"[A-Z]{2,6}", name)):
            name = None
    if name:
        if re.sub(r"[\u2019']s$", "", name) != name:
            name = None
    vague = False
    if name:
        kind = "person"
        if len(name.split()) == 1 and name.isupper() and len(name) > 3:
            name = name.title()
    else:
        core = re.split(r"\s+(?:in|from|of|at|with|for|on|close\s+to|familiar\s+with)\s+", body, maxsplit=1)[0]
        if _PARTITIVE:
            pm_ = _PARTITIVE_RE.match(body)
            if pm_ is not None and pm_.end() < len(body):
                # "Nearly eight of 10 voters", "Most of the senators", "Half of Republicans": the
                # quantity is a part of the group that follows "of"
                core2 = re.split(r"\s+(?:in|from|of|at|with|for|on|close\s+to|familiar\s+with)\s+",
                                 body[pm_.end():], maxsplit=1)[0]
                hw2 = re.findall(r"[a-z]+", core2.lower())
                if hw2 and (hw2[-1] in _GROUP_HEADS or hw2[-1] in _ANON_HEADS or hw2[-1].rstrip("s") in _ROLE_WORDS):
                    core = core2
                    body = body[pm_.end():] if core2 == body[pm_.end():] else body
        core_head = core.split()[-1].lower() if core.split() else ""
        if _is_org(body) and core_head not in _ANON_HEADS:
            kind = "organisation"
        hw = re.findall(r"[a-z]+", core.lower())
        headw = hw[-1] if hw else ""
        last_tok = body.split()[-1] if body.split() else ""
        is_anon_head = headw in _ANON_HEADS and (len(body.split()) == 1 or not last_tok[:1].isupper())
        if kind != "organisation" and (is_anon_head or _ANON_DETS.match(body)) and \
                not (re.match(r"^the\s+\w+\s*$", low) and headw not in {
                    "source", "sources", "official", "officials", "diplomat", "diplomats", "insiders"}):
            anonymous = True
            kind = "anonymous"
        if kind == "unknown" and _PARTITIVE and re.match(r"(?:those|others)\s+(?:close\s+to|familiar\s+with|"
                                                         r"around|inside|within|in\s+(?:his|her|their)\s+(?:camp|circle|orbit))\s", low):
            anonymous = True  # "Those close to him", "others familiar with the talks": unnamed people
            kind = "anonymous"
        if kind == "unknown" and headw in _COLLECTIVE and not body.split()[0].lower() in {"a", "an", "one"}:
            kind = "organisation"  # "NATO leaders", "Leaders", "EU governments": a collective, not a person
        if kind == "unknown" and any(w in _ROLE_NOUNS or w in {"mp", "mep"} for w in hw):
            kind = "person"
        if kind == "unknown" and headw in _PERSON_HEADS:
            kind = "person"  # "The woman", "Her daughter", "a former aide"
        if kind == "unknown" and _GROUP_PP and core == body and len(hw) <= 3 and headw.endswith(("ists", "ians")) \
                and not last_tok[:1].isupper():
            kind = "organisation"  # "environmentalists", "some economists", "many politicians"
        if kind == "unknown" and _GROUP_PP and core != body and headw in _GROUP_HEADS and \
                _word_count(core) <= 5 and not re.search(r"\b(?:who|which|that)\b", body):
            kind = "organisation"  # "Developers and supporters in Congress", "Those close to him"
            vague = True
        if kind == "unknown" and (headw in _EVIDENCE_HEADS or (core == body and (
                headw in _GROUP_HEADS or headw.rstrip("s") in _ROLE_WORDS))):
            kind = "organisation"  # "Developers and supporters in Congress", "Polling averages"
        if kind == "unknown" and re.fullmatch(r"(?:the\s+)?[A-Z][\w\u2019'\-]*(?:\s+[A-Z][\w\u2019'\-]*)*", body):
            kind = "organisation" if len(body.split()) > 1 else "unknown"
    return _Mention(s, e, raw, name, role, kind, anonymous, vague=vague)


_APPOS_ROLE2 = True
_ROLE_NP_STOP = {"is", "are", "was", "were", "has", "have", "had", "said", "says", "will", "would", "not", "to"}


def _role_np(role_words: list[str]) -> bool:
    """A role phrase before an appositive name: a plural role head ("one of the family's attorneys") or a
    possessive followed by lowercase nouns ("the governor's running mate", "Smith's longtime aide")."""
    ws = [w.strip(".,") for w in role_words]
    head = ws[-1].lower()
    if head.endswith("s") and head[:-1] in _ROLE_WORDS:
        return True
    if not ws[-1][:1].islower() or any(w.lower() in _ROLE_NP_STOP for w in ws):
        return False
    for i, w in enumerate(ws[:-1]):
        if re.search(r"[\w][\u2019']s$", w) and len(ws) - i - 1 <= 3 and all(x[:1].islower() for x in ws[i + 1:]):
            return i <= 3
    return False


_PLACE_APPOS = True


def _subject_before(text: str, lo: int, cue_start: int) -> tuple[int, int] | None:
    """Span of the subject noun phrase that ends just before a cue at cue_start."""
    seg = text[lo:cue_start].rstrip()
    while True:
        m = _AUX.search(seg)
        if not m:
            break
        seg = seg[: m.start()].rstrip()
    end = lo + len(seg.rstrip())
    seg = text[lo:end]
    if not seg.strip():
        return None
    # apposition between dashes: "Lind -- co-author of a book on tariffs -- said"
    dm = re.search(r"\s(--|\u2014|\u2013)$", seg)
    if dm:
        op = seg.rfind(dm.group(1), 0, dm.start())
        if op > 0 and seg[op - 1] == " " and not _has_break(seg[op:]):
            head = _subject_before(text, lo, lo + op)
            if head and _NAME_RUN_START.fullmatch(text[head[0]:head[1]].strip()):
                return head[0], end
        return None
    # apposition ending in a comma: "Kevin Sullivan, the tax commissioner,"
    if seg.rstrip().endswith(","):
        inner = seg.rstrip()[:-1]
        parts = inner.rsplit(",", 1)

        def _appos_ok(a: str) -> bool:
            a = a.strip()
            if _APPOS_NO_CONJ and re.match(r"(?:and|but|or|yet|so|then)\s", a):
                return False  # "..., and the meeting deteriorated from there,": a clause, not an apposition
            return bool(a) and len(a.split()) <= 30 and (
                re.match(r"^(?:the|a|an|who|which|[a-z])", a) is not None or a.split()[0].lower().rstrip(".") in _TITLES
                or re.fullmatch(r"\d{1,3}", a) is not None  # an age: "Schiff, 56, who ..."
                or a.split()[0].lower() in _ROLE_WORDS  # "Democrat of California"
                or (re.match(r"^[\w.\-]+[\u2019']s\s", a) is not None and any(_role_tok(w) for w in a.split()[1:])))
        # "NAME, APPOS(, APPOS)*," - the name part is the first part followed only by appositions
        pieces = inner.split(",")
        okp = [_appos_ok(x) for x in pieces]
        if _PLACE_APPOS:
            for k in range(1, len(pieces)):
                # "Ann Roe, 59, of Ashton, Md., who ...": the state after a hometown is part of the apposition
                if not okp[k] and re.match(r"\s*(?:of|from)\s+[A-Z]", pieces[k - 1]) and \
                        re.fullmatch(r"\s*(?:[A-Z][a-z]{1,4}\.|(?:[A-Z]\.){2,3}|[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?)\s*", pieces[k]):
                    okp[k] = True
        for k in range(len(pieces) - 1):
            if all(okp[k + 1:]):
                nm = _NAME_RUN_END.search(_TRAILING_PAREN.sub("", pieces[k].rstrip()))
                if nm and not re.search(r"[\u2019']s$", nm.group(1)):
                    off = len(",".join(pieces[:k])) + (1 if k else 0)
                    pk = pieces[k]
                    lead = _LEAD_CONJ.match(pk.lstrip())
                    ps0 = len(pk) - len(pk.lstrip()) + (lead.end() if lead else 0)
                    cl = [x.end() for x in _CLAUSE_BREAK.finditer(pk[:nm.start(1)])]
                    ps0 = max([ps0] + cl)
                    if len(pk[ps0:].split()) <= 8:
                        return lo + off + ps0 + (len(pk[ps0:]) - len(pk[ps0:].lstrip())), end
                    return lo + off + nm.start(1), end
                break
        if len(parts) == 2:
            before, appos = parts
            appos_s = appos.strip()
            # role first: "Hungary's state secretary for foreign affairs, Zoltan Berenyi,"
            if _NAME_RUN_START.fullmatch(appos_s) and len(appos_s.split()) <= 5 and \
                    not any(w.lower() in _ORG_WORDS for w in appos_s.split()):
                cut = 0
                for m in re.finditer(r"[,;:(\u2014\u2013]|\b(?:that|but|while|when|after|because|and)\b", before):
                    cut = m.end()
                role_s = before[cut:]
                lead = _LEAD_CONJ.match(role_s.lstrip())
                off = len(role_s) - len(role_s.lstrip()) + (lead.end() if lead else 0)
                role_words = role_s[off:].split()
                if 1 <= len(role_words) <= 12 and (any(
                        w.lower().strip(".,") in _ROLE_WORDS | _TITLES - {"for", "of", "and", "the"}
                        for w in role_words) or (_APPOS_ROLE2 and _role_np(role_words))):
                    return lo + cut + off, end
        return None
    # last clause (parentheticals such as "(R-Ga.)" do not break it)
    cut = 0
    masked = re.sub(r"\([^()]{0,40}\)", lambda x: " " * len(x.group(0)), seg)
    for m in _CLAUSE_BREAK.finditer(masked):
        # do not cut at a comma inside a name ("Washington, D.C.") - rare; accept
        cut = m.end()
    sub = seg[cut:]
    st = lo + cut
    lead = _LEAD_CONJ.match(sub.lstrip())
    off = len(sub) - len(sub.lstrip())
    if lead:
        off += lead.end()
    st += off
    sub = text[st:end]
    words = sub.split()
    if not words:
        return None
    if len(words) > 9:
        # keep from the last determiner or a trailing name
        dm = list(_DETERMINER_RE.finditer(sub))
        nm = _NAME_RUN_END.search(sub)
        if nm and len(nm.group(1).split()) >= 1 and len(sub[nm.start():].split()) <= 6:
            st = st + nm.start()
        elif dm and len(sub[dm[-1].start():].split()) <= 9:
            st = st + dm[-1].start()
        else:
            return None
    return st, end


def _subject_after(text: str, cue_end: int, hi: int) -> tuple[int, int] | None:
    """Span of an inverted subject: 'said Olha Stefanishyna, Deputy Prime Minister for ...'."""
    seg = text[cue_end:hi]
    m = re.match(r"\s+", seg)
    if not m:
        return None
    st = cue_end + m.end()
    rest = text[st:hi]
    nm = re.match(r"((?:the\s+|a\s+|an\s+|one\s+|another\s+)?[\w\u2019'.\-]+(?:\s+(?!said\b|says\b|in\b|on\b|at\b|during\b|after\b|when\b|who\b|as\b|adding\b|while\b|before\b)[\w\u2019'.\-]+){0,8})", rest)
    if not nm:
        return None
    end = st + nm.end()
    # stop before time words and trailing sentence punctuation
    chunk = text[st:end]
    tm = re.search(r"\s+(?:" + _TIME_ADVERB + r"|in|to|of|from\s+the\s+\w+\s+of)\b.*$", chunk, re.I)
    if tm and not re.match(r"\s+(?:of|from)\b", tm.group(0)):
        end = st + tm.start()
    chunk = text[st:end]
    if chunk.endswith("."):
        w = chunk.rsplit(" ", 1)[-1].lower().rstrip(".")
        if w not in _ABBREV and not re.fullmatch(r"(?:[a-z]\.)*[a-z]", w):
            end -= 1
    # apposition after a comma: ", Deputy Prime Minister for European Integration"
    after = text[end:hi]
    am = re.match(r",\s*((?:the\s+|a\s+|an\s+)?[^,.;:\n]{2,90}?)(?=[,.;]\s|[,.;]?$|\s*\.$)", after)
    if am and (am.group(1)[:1].isupper() or re.match(r"(?:the|a|an)\s", am.group(1))) \
            and not re.match(r"(?:who|which|adding|saying|noting|according)\b", am.group(1)):
        end2 = end + am.end(1)
        return st, end2
    return (st, end) if end > st else None


# --------------------------------------------------------------------------- attributions

@dataclass
class _Attr:
    kind: str
    start: int
    end: int
    cue: str | None
    mention: _Mention | None
    para: int
    pos: int  # reading-order position
    inherit: bool = False  # speaker to be taken from context
    sourceless: bool = False  # an agentless passive ("He has been criticized for ..."): no speaker


def _cue_iter(text, lo, hi, spans):
    for m in _CUE_RE.finditer(text, lo, hi):
        if _inside(m.start(), spans):
            continue
        yield m


def _norm_cue(s: str) -> str:
    return re.sub(r"\s+", " ", s.strip()).lower()


def _trim(text: str, s: int, e: int) -> tuple[int, int]:
    while s < e and text[s] in " \t\n\u00a0,;:\u2014\u2013-":
        s += 1
    while e > s and text[e - 1] in " \t\n\u00a0,;:\u2014\u2013-":
        e -= 1
    return s, e


def _word_count(s: str) -> int:
    return len(_WORD.findall(s))


_SO_CALLED = re.compile(r"(?:so[\s-]called|dubbed|titled|entitled|nicknamed|known\s+as|the\s+word|"
                        r"the\s+term|the\s+phrase|the\s+hashtag|slogan|headline)\s*$", re.I)


_SHOW_TITLE = True
_TITLE_BEFORE = re.compile(r"(?:\b(?:on|in)|[\w.][\u2019']s)\s*$")


def _is_title_case(s: str) -> bool:
    ws = _WORD.findall(s)
    if not ws:
        return False
    small = {"of", "the", "a", "an", "and", "in", "on", "for", "to", "at", "with", "or", "is"}
    return all(w[0].isupper() or w.lower() in small or w[0].isdigit() for w in ws) and ws[0][0].isupper()


_EXT_CUE = re.compile(
    r"(?<![\w\-])(?:call|calls|called|calling|label(?:s|ed|led)?|likened|dismissed|branded|chant(?:s|ed|ing)|"
    r"referred\s+to|referenced|decried|denounced|termed|describ(?:es|ed|ing)|praised|blasted|slammed|"
    r"attacked|mocked|criticized|criticised|accused|insisted|demanded|vowed|pledged|promised|"
    r"claims?|claimed|charged|typed|put\s+it|wrote|tweeted|posted|asked|answered)(?![\w\-])")


def _mask(s: str, spans) -> str:
    chars = list(s)
    for a, b in spans:
        for k in range(max(0, a), min(len(chars), b + 1)):
            chars[k] = " "
    return "".join(chars)


def _has_break(s: str) -> bool:
    for m in re.finditer(r"([\w.]*)[.!?]\s", s):
        tok = m.group(1).lower().rstrip(".")
        if s[m.end(1)] == "." and (tok in _ABBREV or re.fullmatch(r"(?:[a-z]\.)*[a-z]", tok)):
            continue
        return True
    return False


_DASH_NAME = re.compile(r"^[\s\u00a0]*[\u2015\u2014\u2013][\s\u00a0]*([A-Z][\w.'\u2019\-]*(?:[ \u00a0]+[A-Z][\w.'\u2019\-]*){0,4})")


_CHAR_OBJ = True
_CHAR_VERB_PRE = re.compile(
    r"(?<![\w\-])(?P<v>called|calls|calling|dubbed|dubs|dubbing|branded|brands|branding|labell?ed|labels|labell?ing|"
    r"described|describes|describing|derided|deriding|hailed|hailing|portrayed|portraying|painted|painting)(?![\w\-])")


def _attr_for_mark(text, sent, q_open, q_close, qs, qe, prev_close, next_open, spans):
    """(cue_match_span, subject_span) for the attribution right next to a quotation."""
    ss, se = sent
    # after the quote
    lo = q_close + 1 if q_close < len(text) and text[q_close] in _DQ_ALL | set(_SQ_CLOSE) else q_close
    hi = min(se, next_open) if next_open is not None else se
    post = text[lo:hi]
    dm = _DASH_NAME.match(post)
    if dm:
        e = lo + dm.end(1)
        if text[e - 1] == ".":
            e -= 1
        return "after", None, (lo + dm.start(1), e)
    pm = re.match(r"^[\s,;\u2014\u2013-]*", post)
    p0 = lo + pm.end()
    if p0 < hi:
        for m in _cue_iter(text, p0, hi, spans):
            if m.start() == p0:
                if _PART_PARTIAL and m.group(0).endswith("ing"):
                    break  # "\u201c...,\u201d adding that ...": a participle has no subject after it
                sub = _subject_after(text, m.end(), hi)
                if sub:
                    return "after", m, sub
                break
            between = text[p0:m.start()]
            if _AFTER_CONJ and re.match(r"(?:while|whereas|although|though|because|but|and|since|unless|when|"
                                        r"after|before|until)\b", between):
                break  # "\u201c...,\u201d while 73 percent said ...": a new clause with its own report
            if _word_count(between) <= 14 and not _has_break(between):
                sub = _subject_before(text, p0, m.start())
                if sub:
                    return "after", m, sub
            break
    # before the quote
    lo = prev_close + 1 if prev_close is not None else ss
    pre = text[lo:q_open]
    if pre.strip():
        last = None
        for m in _cue_iter(text, lo, q_open, spans):
            last = m
        if last is not None:
            tail = text[last.end():q_open]
            inline = not (re.fullmatch(r"[^.!?\"\u201c\u201d]{0,60}?[,:\u2014]\s*", tail) or tail.strip() == "")
            if re.fullmatch(r"[^.!?\"\u201c\u201d]{0,60}?[,:]?\s*", tail) or tail.strip() == "":
                if last.group(0).lower() == "according to":
                    sub = _subject_after(text, last.end(), q_open)
                else:
                    sub = _subject_before(text, lo, last.start())
                    if sub is None and not (_PART_PARTIAL and last.group(0).endswith("ing")) and \
                            not (_CHAR_OBJ and re.search(r"\sas\s*$", tail)):
                        # (nor after "described all young men as “...”": that noun phrase is the object)
                        # (after a participle, "saying that officials should ...", the noun phrase that
                        # follows is the reported clause's subject, never the speaker)
                        sub = _subject_after(text, last.end(), q_open)
                if sub:
                    return ("inline" if inline else "before"), last, sub
    return None


def _content_after(text, cue_end, hi):
    s = cue_end
    seg = text[s:hi]
    m = re.match(r"^(?:\s+(?:" + _TIME_ADVERB + r"|in\s+a\s+statement|in\s+an\s+interview|"
                 r"to\s+reporters|to\s+the\s+\w+|on\s+(?:[A-Z][\w.\u2019']*\s+){0,3}[\"\u201c][^\"\u201c\u201d]{1,60}[\"\u201d]))*",
                 seg, re.I)
    s += m.end() if m else 0
    tm = re.match(r"\s*(?:that\b|,)", text[s:hi])
    if tm:
        s += tm.end()
    # stop at a following participial cue clause
    stop = re.search(r",\s+(?:adding|saying|noting|arguing|claiming|warning|insisting|explaining|"
                     r"stressing|suggesting|citing|while|according\s+to)\b", text[s:hi])
    e = s + stop.start() if stop else hi
    e = _coord_stop(text, s, e)
    return _trim(text, s, e)


def _coord_stop(text: str, s: int, e: int) -> int:
    """End of a content clause before a coordinated attribution that shares its subject:
    "... the complaint, saying ...", "... the tax plan and warned that ...", "..., even suggesting ..."."""
    for m in _COORD_RE.finditer(text, s, e):
        v = m.group("v").lower()
        if v in _COORD_VERBS and _word_count(text[s:m.start()]) >= 1 and (
                m.group("ing") is None or v.endswith("ing")):
            return m.start()
    if _NEWSUBJ_STOP:
        for m in _NEWSUBJ_RE.finditer(text, s, e):
            if _word_count(text[s:m.start()]) < 2:
                continue
            if not re.match(r"[,;\s]*[,;\u2014\u2013]", m.group(0)) and (
                    _word_count(text[s:m.start()]) < 4 or not _NEWSUBJ_FINITE.search(text, s, m.start())):
                continue  # "said the United States and Germany had ...": a coordinated subject, not a clause
            toks = list(_NEWSUBJ_TOK.finditer(text, m.end(), min(e, m.end() + 120)))
            for k in range(1, min(4, len(toks))):
                if k > 1 and toks[k - 1].group(0).lower() in _NEWSUBJ_AUX:
                    break
                j = k
                while j < len(toks) and j - k < 2 and toks[j].group(0).lower() in _NEWSUBJ_AUX:
                    j += 1
                if j >= len(toks):
                    break
                v = toks[j].group(0)
                if v not in _COORD_VERBS and v not in _GENERIC_VERBS and v not in _SPEECH_VERBS_SET and \
                        v not in {"say", "says"}:
                    continue
                men = _parse_np(text, toks[0].start(), toks[k - 1].end())
                if men is None or not (men.pronoun in _GENERIC_PRONOUNS or men.name is not None or
                                       _generic_kind_ok(men)):
                    continue
                return m.start()
    return e


# "... said A, and Republicans want B", "... said A -- and he noted B", "..., but analysts agreed B": a
# second clause with its own subject and cue is a separate attribution, not part of the first one's content
_NEWSUBJ_STOP = True
_NEWSUBJ_RE = re.compile(r"(?:[,;]\s+|\s+[\u2014\u2013]\s*|\s+)(?:and|but|while|whereas|yet|although|though)\s+(?=[\w])")
_NEWSUBJ_TOK = re.compile(r"[\w.\u2019'\-]+")
_NEWSUBJ_FINITE = re.compile(r"\b(?:is|are|was|were|has|have|had|will|would|can|could|should|may|might|must|"
                             r"do|does|did|[a-z]{3,}ed|[a-z]+[\u2019']re)\b")
_NEWSUBJ_AUX = {"has", "have", "had", "is", "are", "was", "were", "also", "then", "later", "again",
                "still", "now", "not", "never", "quickly", "repeatedly", "recently", "previously", "already"}


_AGENTLESS = True
_AGENTLESS_RE = re.compile(
    r"(?<![\w\-])(?:(?:is|are|was|were|be)|(?:has|have|had)\s+(?:(?:also|long|often|sometimes|repeatedly)\s+)?been)\s+"
    r"(?:(?:also|widely|not|often|long|sometimes|repeatedly|frequently|generally|roundly|harshly|sharply|"
    r"publicly|heavily|previously|falsely|wrongly|even)\s+){0,2}"
    r"(?P<v>criticized|criticised|accused|blamed|faulted|condemned|denounced|praised|derided|ridiculed|"
    r"viewed|regarded|thought|believed|said|reported|alleged|rumored|rumoured|mentioned|touted|hailed)"
    r"(?=\s+(?:of|for|as|to)\s)")
_PASSIVE_RE = re.compile(
    r"(?<![\w\-])(?P<aux>is|are|was|were|been|being|be)\s+(?:(?:also|first|widely|not|already|since|"
    r"repeatedly|[a-z]+ly)\s+){0,2}(?P<v>[a-z]+(?:ed|en|wn|tten|ught|ound|old|aid))\s+by(?=\s)")
_REL_SUBJ = re.compile(r"(?:,\s*|\s)(?:who|which)\s+(?:(?:has|have|had|is|are|was|were|will|would|also|"
                       r"again|once|repeatedly|then|now|recently|previously|already|still|even|long|openly|"
                       r"[a-z]+ly)\s+){0,3}$")
_COORD_RE = re.compile(
    r"(?:,\s+(?!(?:and|but|yet)\s)(?:(?:even|also|then|while|before|after|by|again|repeatedly|instead|later)\s+)?(?P<ing>)"
    r"|,?\s+(?:and|but|yet)\s+(?:(?:also|then|later|even|again|has|have|had|would|will|never|not|[a-z]+ly)\s+){0,2})"
    r"(?P<v>[a-z]+)\b")


_INTRO = re.compile(
    r"(?:[^,:]{0,60},\s+)?((?:(?:[Tt]he|[Aa]n?)\s+)?[A-Z][\w.'\u2019\-]*(?:\s+[A-Z][\w.'\u2019\-]*){0,5}"
    r"(?:,[^,:]{1,80},)?)\s+[a-z]")


_CHAR_PROG = True
_CHARACTERISE = re.compile(
    r"(?<![\w\-])(?:(?P<verb>called|calls|calling|dubbed|dubs|branded|brands|labell?ed|labels)\s+"
    r"(?!for\b|on\b|off\b|in\b|up\b|out\b|back\b|it\s+quits\b)(?P<obj>(?:the|this|that|it|its|his|her|their|them|Ukraine|[A-Z][\w\u2019']*)"
    r"(?:\s+(?!a\b|an\b)[\w\u2019'\-]+){0,5}?)\s+|"
    r"(?P<verb2>described|describes|describing|describe|dismissed|dismisses|dismissing|dismiss|hailed|hails|hailing|"
    r"characteri[sz]e[sd]?|characteri[sz]ing|portrayed|portrays|portraying|portray|painted|paints|painting|derided|derides|deriding|"
    r"casting|casts)\s+(?P<obj2>[^,.;:!?\"\u201c\u201d]{1,60}?)\s+as\s+)"
    r"(?P<comp>(?:a|an|the|worth|nothing|too|more|less|merely|simply|just)\s[^,.;:!?\"\u201c\u201d()]{2,160}?)"
    r"(?=\s+and\s+(?:said|says|added|warned|argued)\b|[,.;:!?]|$)")
# an introductory adverbial ("During the rally Monday,", "When he bought the mine,", "Asked about
# the plan,", "Speaking in Toledo,"), not a reported clause
_ADVERBIAL_INTRO = re.compile(
    r"\s*(?:(?:and|but|so|yet|still)\s+)?(?:during|in|on|at|after|before|when|whenever|while|as|since|"
    r"following|despite|amid|amidst|with|without|earlier|later|last|this|once|until|upon|from|under|over|"
    r"throughout|within|ahead\s+of|asked|pressed|questioned|interviewed|[a-z]+ing)\b", re.I)
# a reported clause after a cue (not "at a rally in Ohio on Monday" nor "reporters.")
_CIRCUMSTANCE = re.compile(
    r"\s*(?:in|at|on|during|after|before|to|from|with|for|by|last|this|yesterday|today|tonight|earlier|"
    r"later|when|while|as|of|about|through|via|afterwards?|then|again|too|also|repeatedly|recently|"
    r"[a-z]+ly)\b", re.I)


# "X, who has argued that A, voted ...": the content ends where the relative clause closes. (On
# polnear-dev this also gains one attribution whose gold source is the word "who", which that
# scorer can never count as a right speaker: speaker accuracy 0.8741 -> 0.8733 for a correct match.)
_REL_CLAUSE_END = True
_REL_CLOSE = re.compile(
    r",\s+(?:(?:has|have|had|was|were|is|are|will|would|also|then|later|again|still|[a-z]+ly)\s+){0,2}"
    r"(?P<v>[a-z]+)\b")
_REL_CLOSE_VERBS = {"voted", "votes", "said", "says", "told", "went", "goes", "made", "makes", "took", "takes",
                    "gave", "gives", "came", "comes", "left", "leaves", "won", "wins", "lost", "loses", "ran", "runs",
                    "led", "leads", "met", "meets", "held", "holds", "became", "becomes", "began", "begins", "spoke",
                    "speaks", "wrote", "writes", "is", "was", "are", "were", "has", "had", "have", "will", "would",
                    "faces", "faced", "sits", "sat", "stood", "stands", "sought", "seeks", "got", "gets"}


def _rel_clause_end(text: str, s: int, hi: int) -> int:
    """End of a comma-opened relative clause ("X, who has argued that A, voted against it"): the
    comma before the main clause's verb."""
    for m in _REL_CLOSE.finditer(text, s, hi):
        v = m.group("v")
        if v in _REL_CLOSE_VERBS or v in _GENERIC_VERBS or v in _SPEECH_VERBS_SET or (
                v.endswith("ed") and len(v) > 4):
            return m.start()
    return hi


_CIRC_INTRO = True
_CIRC_RE = re.compile(
    r"\s*(?:(?:and|but|so|yet|still)\s+)?(?:in|at|on|during|through|via|after|before|like|unlike|despite|amid|"
    r"following|under|over|with|without|from|since|until|upon|throughout|within|ahead\s+of|[a-z]+ing)\s", re.I)
_FINITE = re.compile(r"\b(?:is|are|was|were|has|have|had|will|would|can|could|should|may|might|must|do|does|did|"
                     r"said|says|told|am|be)\b|[\u201c\"]", re.I)


def _is_circumstance(s: str) -> bool:
    """An introductory phrase ("In a statement,", "Through a spokesman,", "In her 2003 book, Living
    History,", "Campaigning in Ohio in 2012,"): a preposition or a participle opens it and no finite verb
    follows."""
    body = s.strip().rstrip(",").strip()
    return bool(body) and _CIRC_RE.match(body) is not None and _word_count(body) <= 10 and \
        _FINITE.search(body) is None and ";" not in body


def _clause_tail(tail: str) -> bool:
    return _word_count(tail) >= 4 and not _CIRCUMSTANCE.match(tail) and re.match(r"\s*[\w\u201c\"]", tail) is not None


_MAX_SENT = 2500  # longer "sentences" are not prose; bounded work keeps the extractor linear


def _find_attributions(text: str) -> list[_Attr]:
    paras = _paragraphs(text)
    dspans = _double_spans(text, paras)
    sspans = _single_spans(text, paras, dspans)
    spans = sorted(dspans + sspans)
    sents = _sentences(text, paras, spans)

    para_starts = [a for a, _ in paras]
    sent_starts = [a for a, _ in sents]

    def para_of(pos):
        k = bisect.bisect_right(para_starts, pos) - 1
        if k >= 0 and paras[k][0] <= pos < paras[k][1]:
            return k
        return len(paras)

    def sent_of(pos):
        k = bisect.bisect_right(sent_starts, pos) - 1
        if k >= 0 and sents[k][0] <= pos < sents[k][1]:
            return sents[k]
        return pos, pos

    attrs: list[_Attr] = []
    used_cues: set[int] = set()
    before_cues: set[int] = set()  # cues that introduce the quotation after them
    quote_ranges = [(a, b) for a, b in spans]

    # ---- quotations
    title_spans: set[tuple[int, int]] = set()  # quoted titles of programmes and books
    qinfo = []
    span_starts = [a for a, _ in spans]
    for idx, (qo, qc) in enumerate(spans):
        s0, e0 = qo + 1, qc
        s0, e0 = _trim(text, s0, e0)
        if e0 <= s0:
            continue
        inner = text[s0:e0]
        sent = sent_of(qo)
        if sent[1] - sent[0] > _MAX_SENT:  # run-on text: look only near the quotation
            sent = (max(sent[0], qo - 300), min(sent[1], qc + 300))
        k = bisect.bisect_left(span_starts, qo)
        prev_close = spans[k - 1][1] if k > 0 and sent[0] <= spans[k - 1][1] < qo else None
        next_open = spans[k + 1][0] if k + 1 < len(spans) and qc < spans[k + 1][0] < sent[1] else None
        multi_para = "\n" in text[qo:qc]
        # strip interior paragraph re-open marks from content? keep span contiguous
        qinfo.append((qo, qc, s0, e0, inner, sent, prev_close, next_open, multi_para))

    for qo, qc, s0, e0, inner, sent, prev_close, next_open, multi in qinfo:
        nwords = _word_count(inner)
        pre_lo = prev_close + 1 if prev_close is not None else sent[0]
        pre = text[pre_lo:qo]
        att = _attr_for_mark(text, sent, qo, qc, s0, e0, prev_close, next_open, quote_ranges)
        sent_has_cue = any(True for _ in _cue_iter(text, sent[0], sent[1], quote_ranges)) or \
            bool(_EXT_CUE.search(_mask(text[sent[0]:sent[1]], [(a - sent[0], b - sent[0]) for a, b in _window(quote_ranges, span_starts, *sent)])))
        pre_s = pre.strip()
        ends_punct = bool(re.search(r"[.,!?\u2026:;\u2014\u2013-]$", inner.rstrip("'\u2019 ")))
        if not pre_s or re.search(r"[,:\u2014\u2013]$", pre_s) or (att and att[0] == "before"):
            kind = "direct"
        else:
            kind = "partial"
        if _SO_CALLED.search(pre):
            continue
        if _SHOW_TITLE and nwords <= 6 and _is_title_case(inner) and _TITLE_BEFORE.search(pre):
            title_spans.add((qo, qc))
            continue  # a programme or a book: 'told MSNBC's "Morning Joe"', 'said on "Face the Nation."'
        if nwords <= 3 and not att and not (sent_has_cue and kind == "partial"):
            if not (kind == "direct" and ends_punct and pre_s == "" and nwords >= 2):
                continue
        if kind == "partial" and not sent_has_cue and not att:
            if nwords <= 6 or _is_title_case(inner):
                continue
        if _is_title_case(inner) and not ends_punct and not att and nwords <= 10:
            continue
        if nwords == 0:
            continue
        para = para_of(qo)
        if att:
            _, cm, sub = att
            if cm is not None:
                used_cues.add(cm.start())
                if att[0] == "before":
                    before_cues.add(cm.start())
            men = _parse_np(text, sub[0], sub[1])
            if men is None and _PART_PARTIAL and cm is not None and cm.group(0).endswith("ing") and \
                    re.search(r"\w,\s+$", text[max(sent[0], cm.start() - 40):cm.start()]):
                # "Holt weighed in on Tuesday, saying ... \u201cwithout delay\u201d": the main clause's subject
                men = _clause_subject(text, sent[0], cm.start())
            attrs.append(_Attr(kind, s0, e0, _norm_cue(cm.group(0)) if cm is not None else "\u2015",
                               men, para, qo, inherit=men is None))
        else:
            # a cue in the same sentence (partial quotes inside reported speech)
            cue = None
            men = None
            if kind == "partial":
                best = None
                for m in _cue_iter(text, sent[0], sent[1], quote_ranges):
                    if m.start() < qo:
                        best = m
                    elif best is None:
                        best = m
                if best is not None:
                    if best.group(0).lower() == "according to":
                        sub = _subject_after(text, best.end(), sent[1])
                    else:
                        lo = sent[0]
                        for a, b in quote_ranges:
                            if b < best.start() and b >= sent[0]:
                                lo = b + 1
                        sub = _subject_before(text, lo, best.start())
                    if sub:
                        men = _parse_np(text, sub[0], sub[1])
                    cue = _norm_cue(best.group(0))
                    coord = _PART_SUBJ and best.start() > qc and re.fullmatch(
                        r"[^\w]*and\s+(?:(?:also|then|later)\s+)?", text[qc:best.start()])
                    if men is None and coord:
                        # "Holt urged members to \u201cvote early\u201d and said ...": the clause's subject
                        men = _clause_subject(text, sent[0], qo)
                    if men is None and _PART_PARTIAL and best.start() < qo and best.group(0).endswith("ing") and \
                            re.search(r"\w,\s+(?:(?:even|also|then|again|repeatedly|instead)\s+)?$",
                                      text[max(sent[0], best.start() - 40):best.start()]):
                        # "Holt chimed in on Twitter, saying officials should act \u201cwithout delay\u201d": the
                        # participle shares the subject of the main clause
                        men = _clause_subject(text, sent[0], best.start())
                    if not coord:
                        used_cues.add(best.start())
            if men is None and _PART_PARTIAL and kind == "direct" and pre_s:
                # "Trump defended it, saying, \u201c...\u201d": a participle introducing the quotation shares
                # the subject of the sentence's main clause
                pm2 = re.search(r"\w,\s+(?:(?:even|also|then|again|instead)\s+)?(?P<v>[a-z]+ing)[\s,:]*$", text[pre_lo:qo])
                if pm2 is not None and _CUE_RE.fullmatch(pm2.group("v")):
                    men = _clause_subject(text, sent[0], pre_lo + pm2.start("v"))
                    if men is not None:
                        cue = _norm_cue(pm2.group("v"))
            if men is None and _CHAR_OBJ and kind == "partial":
                # "Trump called the senator a “nasty guy”": the subject of a characterising verb
                vm = None
                for vm in _CHAR_VERB_PRE.finditer(text, pre_lo, qo):
                    pass
                if vm is not None and _word_count(text[vm.end():qo]) <= 8 and not _has_break(text[vm.end():qo]) \
                        and not re.search(r"[,;:(]", text[vm.end():qo]) and not _PASSIVE_BE.search(text[max(pre_lo, vm.start() - 30):vm.start()] + "$$") \
                        and not re.search(r"(?<![\w\-])(?:is|are|was|were|be|been|being)\s+(?:[a-z]+ly\s+)?$", text[max(pre_lo, vm.start() - 30):vm.start()]):
                    v = vm.group("v")
                    rel = None
                    if v.endswith("ing"):
                        if re.search(r"\w,\s+$", text[max(sent[0], vm.start() - 40):vm.start()]):
                            men = _clause_subject(text, sent[0], vm.start())
                    else:
                        sub = _subject_before(text, pre_lo, vm.start())
                        if sub:
                            # "Ban condemned what he called ...": the relative clause's subject
                            rel = list(re.finditer(r"(?<![\w\-])(?:what|which|that|whom)\s+", text[sub[0]:sub[1]]))
                            if rel:
                                rel_at = sub[0] + rel[-1].start()
                                sub = (sub[0] + rel[-1].end(), sub[1])
                        men = _parse_np(text, *sub) if sub and sub[1] > sub[0] else None
                    if rel and men is not None and men.pronoun is not None:
                        # "Ekdahl condemned what he called ...": the pronoun is the main clause's subject
                        men2 = _clause_subject(text, pre_lo, rel_at)
                        if men2 is not None and men2.name is not None:
                            men = men2
                    if men is not None and men.kind == "unknown" and men.pronoun is None and men.name is None:
                        men = None
                    # (the cue stays unset, as for other partial quotes without a speech verb)
            if men is None and kind == "direct" and para > 0 and not text[paras[para][0]:qo].strip():
                # "Anton Reiss read the statement:\n\n“...": the speaker introduces the quote
                ps_, pe_ = paras[para - 1]
                if text[ps_:pe_].rstrip().endswith(":"):
                    intro = sent_of(pe_ - 1)
                    im = _INTRO.match(text, intro[0], pe_)
                    if im:
                        men = _parse_np(text, im.start(1), im.end(1))
                        cm = _CUE_RE.search(text, im.end(1), pe_)
                        cue = _norm_cue(cm.group(0)) if cm else None
            attrs.append(_Attr(kind, s0, e0, cue, men, para, qo, inherit=men is None))

    # ---- unmarked partial characterisations: "X called the text a model for the rest",
    # "X described security assurances as worth exploring"
    for ss, se in sents:
        if se - ss > _MAX_SENT or _window(quote_ranges, span_starts, ss, se):
            continue
        for m in _CHARACTERISE.finditer(text, ss, se):
            cs, ce = _trim(text, m.start("comp"), m.end("comp"))
            if _word_count(text[cs:ce]) < 2 or _word_count(text[cs:ce]) > 25:
                continue
            lo = ss
            vg = "verb" if m.group("verb") else "verb2"
            if re.match(r"\s*,", text[m.end("comp"):se]) is None and not re.match(r"\s*(?:[.!?]|and\s|$)", text[m.end("comp"):se]):
                continue
            participle = m.group(vg).endswith("ing")
            if participle and _CHAR_PROG and re.search(r"(?<![\w\-])(?:is|are|was|were|been|be|am)\s+(?:[a-z]+ly\s+|also\s+|now\s+|still\s+)?$",
                                                        text[lo:m.start(vg)]):
                participle = False  # "Trump is casting himself as ...": a progressive, not a participle clause
            sub = None if participle else _subject_before(text, lo, m.start(vg))
            men = _parse_np(text, *sub) if sub else None
            if participle and _CHAR_PROG and re.search(r"\S,\s+(?:(?:often|also|repeatedly|again)\s+)?$", text[lo:m.start(vg)]):
                men = _clause_subject(text, ss, m.start(vg))  # "Clinton leaned in, painting Trump as ..."
            if _CHAR_COORD and not participle and re.search(r"\S\s+(?:and|but)\s+(?:(?:also|then|later)\s+)?$",
                                                           text[lo:m.start(vg)]):
                # "X said A and described B as C": the verb shares the subject of the main clause
                men = _clause_subject(text, ss, m.start(vg))
            if men is not None and men.kind == "unknown" and men.pronoun is None and men.name is None:
                continue
            if men is None and not participle:
                continue
            used_cues.add(m.start(vg))
            attrs.append(_Attr("partial", cs, ce, _norm_cue(m.group(vg)), men, para_of(cs), cs,
                               inherit=men is None))

    # ---- possessive nominal cues: "Mayor Dana Holt's claim that ...", "the minister's warning that ...",
    # "Holt's view is that ...", "his claim that ..." (the possessor speaks; the noun is the cue)
    nominal = _possessive_nominals(text, sents, quote_ranges, span_starts, para_of)
    for a in nominal:
        used_cues.add(a.pos_cue)
    nominal_spans = [(a.start, a.end) for a in nominal]
    nominal_heads = [(a.np_start, a.np_end) for a in nominal]

    # ---- reported speech without marks
    for ss, se in sents:
        if se - ss > _MAX_SENT:
            continue
        for m in _cue_iter(text, ss, se, quote_ranges):
            if m.start() in used_cues and not (_CLAUSE_BEFORE_Q and m.start() in before_cues):
                continue
            cue = m.group(0)
            cl = cue.lower()
            # clause start: after the last quotation that ends before the cue
            win = _window(quote_ranges, span_starts, ss, se)
            lo = ss
            for a, b in win:
                if b < m.start() and b >= ss:
                    lo = b + 1
            hi = se
            for a, b in win:
                if a > m.end() and a < hi and (a, b) not in title_spans:
                    hi = a
                    break
            if any(a < m.end() and b > m.start() for a, b in win):
                continue
            if m.start() in used_cues:
                # "Ukraine's goal remained full membership, she said, “and every ...”": the cue
                # introduces the quotation after it and reports the clause before its subject
                sub = _subject_before(text, lo, m.start())
                if sub is None or not re.fullmatch(r"[\s,:]*", text[m.end():hi]):
                    continue
                pre_subj = text[lo:sub[0]]
                if not re.search(r"\w,\s*$", pre_subj) or _word_count(pre_subj) < 4 or _is_circumstance(pre_subj) or \
                        re.match(r"\s*(?:asked|pressed|questioned|interviewed|speaking|responding|referring|"
                                 r"according|as\s+(?:for|to)|on|in|for|of|about|regarding)\b", pre_subj, re.I) or \
                        any(True for _ in _cue_iter(text, lo, sub[0], quote_ranges)):
                    continue
                men = _parse_np(text, *sub)
                if men is None or (men.pronoun is None and men.name is None and men.kind == "unknown"):
                    continue
                cs, ce = _trim(text, lo, sub[0])
                attrs.append(_Attr("indirect", cs, ce, _norm_cue(cue), men, para_of(m.start()), cs))
                continue
            # content containing quote marks is handled above (partial)
            if cl == "according to":
                sub = _subject_after(text, m.end(), se)
                if not sub:
                    continue
                if text[ss:m.start()].strip() == "":
                    cut = text.find(",", sub[0], se)
                    if cut > 0 and _word_count(text[sub[0]:cut]) <= 10:
                        sub = (sub[0], cut)
                before = text[ss:m.start()]
                if before.strip(" ,") and _word_count(before) >= 3:
                    cs, ce = _trim(text, ss, m.start())
                else:
                    cm_ = re.match(r"[^,]*,", text[sub[1]:se])
                    cs, ce = _trim(text, sub[1] + (cm_.end() if cm_ else 0), se)
                    if cm_ is None:
                        cs, ce = _trim(text, sub[1], se)
                if _word_count(text[cs:ce]) < 3:
                    continue
                attrs.append(_Attr("indirect", cs, ce, "according to", _parse_np(text, *sub),
                                   para_of(m.start()), cs))
                continue
            if re.match(r"\s+by\s", text[m.end():m.end() + 5]) and re.search(
                    r"(?<![\w\-])(?:is|are|was|were|been|being|be)\s+(?:(?:also|first|widely|not|already|since|"
                    r"repeatedly|[a-z]+ly)\s+){0,2}$", text[max(ss, m.start() - 60):m.start()]):
                continue  # "was first reported by The Post": a passive, handled below
            if _PASSIVE_SKIP and _passive_before(text, ss, m.start(), cl):
                continue  # "The Senate is expected to ...", "Reporters were told ...": not the source
            # participial follow-ups inherit the subject of the sentence
            if re.match(r"(?:adding|saying|noting|arguing|claiming|warning|insisting|explaining|"
                        r"stressing|suggesting|citing|asking|urging|calling)\b", cl) and \
                    (re.search(r",\s*$", text[lo:m.start()]) or _PART_PARTIAL and lo > ss + 1 and
                     not text[lo:m.start()].strip() and text[lo - 2] == ","):  # (\u201c...,\u201d adding ...)
                cs, ce = _content_after(text, m.end(), hi)
                if _word_count(text[cs:ce]) >= 3:
                    men = _clause_subject(text, ss, m.start()) if _PART_SUBJ else None
                    attrs.append(_Attr("indirect", cs, ce, _norm_cue(cue), men, para_of(m.start()), cs,
                                       inherit=men is None))
                continue
            if _PART_SUBJ and cl.endswith("ing") and re.search(
                    r",\s+(?:(?:even|also|then|again|repeatedly|instead)\s+)?$", text[lo:m.start()]):
                # "Dana Holt spoke to the union, promising to ...": the main clause's subject
                men = _clause_subject(text, ss, m.start())
                cs, ce = _content_after(text, m.end(), hi)
                if men is not None and _word_count(text[cs:ce]) >= 2:
                    attrs.append(_Attr("indirect", cs, ce, _norm_cue(cue), men, para_of(m.start()), cs))
                continue
            if re.match(r"agree[sd]?$", cl) and not re.match(r"\s*(?:that\b|to\b|with\b|on\b|[,:;.\"\u201c\u201d])", text[m.end():hi]):
                continue  # "agreed a pledge", "agreed to drop": a decision, not speech
            after_q = lo > ss and _PART_SUBJ and re.fullmatch(r"[\s,]*and\s+(?:(?:also|then|later)\s+)?", text[lo:m.start()])
            if after_q or (re.search(r"\S\s+and\s*$", text[lo:m.start()]) and not re.search(r"[,;]", text[lo:m.start()])):
                # "X called the text ... and said CLAUSE": the verb shares the sentence subject
                cs, ce = _content_after(text, m.end(), hi)
                if _word_count(text[cs:ce]) >= 3 and cl.split()[0] not in _WEAK_CUES - {"say", "tell", "add"}:
                    men = _clause_subject(text, ss, m.start()) if _PART_SUBJ else None
                    attrs.append(_Attr("indirect", cs, ce, _norm_cue(cue), men, para_of(m.start()), cs,
                                       inherit=men is None))
                continue
            if _COMMA_AND and cl.split()[0] not in _WEAK_CUES - {"say", "tell", "add"} and \
                    re.search(r"\S,\s+(?:and|but)\s+(?:(?:also|then|later)\s+)?$" if not _COMMA_AND2 else
                              r"\S,?\s+(?:and|but)\s+(?:(?:also|then|later|has|have|had)\s+)?$", text[lo:m.start()]):
                # "Democrats described the showdown as ominous, and said ...": the verb shares the subject
                # of the sentence's main clause
                men = _clause_subject(text, ss, m.start())
                if men is not None:
                    cs, ce = _content_after(text, m.end(), hi)
                    if _word_count(text[cs:ce]) >= 3:
                        attrs.append(_Attr("indirect", cs, ce, _norm_cue(cue), men, para_of(m.start()), cs))
                        used_cues.add(m.start())
                    continue
            if _AS_SAID:
                asm = _AS_SAID_RE.search(text, lo, m.start())
                if asm is not None and _AS_SAID_TAIL.match(text, m.end(), se) and \
                        cl.split()[0] in _AS_SAID_CUES:
                    # "Scott had a gun, as police have said.", "..., as the Times reported last week.", "as
                    # one adviser put it": the clause before "as" is the content
                    amen = _parse_np(text, asm.start("s"), asm.end("s"))
                    cs, ce = _trim(text, lo, asm.start())
                    if amen is not None and amen.pronoun in (None, "he", "she", "they", "it") and \
                            (amen.pronoun or amen.name or amen.kind != "unknown") and _word_count(text[cs:ce]) >= 3:
                        attrs.append(_Attr("indirect", cs, ce, _norm_cue(cue), amen, para_of(m.start()), cs))
                        used_cues.add(m.start())
                        continue
            sub = _subject_before(text, lo, m.start())
            if sub is None and _REL_ANTECEDENT:
                # "The German minister, who last summer called the talk premature, said ...": the
                # relative clause's antecedent is the subject
                rm = _REL_BETWEEN.search(text, lo, m.start())
                if rm is not None:
                    ant = _subject_before(text, lo, rm.start())
                    if ant is not None:
                        amen = _parse_np(text, *ant)
                        if amen is not None and amen.pronoun is None and (
                                amen.name is not None or amen.kind in ("person", "organisation", "anonymous")):
                            sub = ant
            if sub is None and _REL_CUE and cl.split()[0] not in _WEAK_CUES - {"say", "tell"} and \
                    cl.split()[0] not in _GENERIC_VERBS:  # the generic pass takes "who has argued that ..."
                # "an architect who said he was stiffed", "Schultz, who says the deal is dead, ...": the
                # relative pronoun's antecedent speaks
                rm = _REL_CUE_RE.search(text, max(lo, m.start() - 60), m.start())
                ant = _subject_before(text, lo, rm.start()) if rm is not None else None
                amen = _parse_np(text, *ant) if ant is not None else None
                if amen is not None and any(w.lower() in _NOMINAL_STOP or w.lower() in _PRONOUNS
                                            for w in text[ant[0]:ant[1]].split()):
                    amen = None  # "he had a source who told him ...": a clause, not a noun phrase
                if _REL_WHO_NP and rm is not None and (amen is None or amen.kind == "unknown" and amen.name is None) \
                        and rm.group(0).split()[0] == "who":
                    # "not paying an architect who said ...": "who" makes the noun before it a person
                    wm = _REL_WHO_ANT.search(text, max(lo, rm.start() - 60), rm.start())
                    if wm is not None and wm.group("head") not in _NOT_PERSON_HEAD and \
                            _CUE_RE.search(text, lo, wm.start()) is None:  # (not inside another's report)
                        amen = _Mention(wm.start("np"), wm.end("np"), wm.group("np"), None, None,
                                        "organisation" if wm.group("head").endswith("s") else "person", False)
                if _WHO_NAME and rm is not None and not (amen is not None and amen.pronoun is None and (
                        amen.name is not None or amen.kind in ("person", "organisation", "anonymous"))):
                    amen = _who_name_ant(text, lo, rm) or amen
                if amen is not None and amen.pronoun is None and (
                        amen.name is not None or amen.kind in ("person", "organisation", "anonymous")):
                    hi2 = _rel_clause_end(text, m.end(), hi)
                    cs, ce = _content_after(text, m.end(), hi2)
                    if _word_count(text[cs:ce]) >= 3 and not re.match(r"(?:and|or|but)\b", text[cs:ce]):
                        attrs.append(_Attr("indirect", cs, ce, _norm_cue(cue), amen, para_of(m.start()), cs))
                        used_cues.add(m.start())
                    continue
            if sub:
                sub = _possessor_subject(text, sub, cl)
                if sub is None:
                    continue  # "the minister's warning that": a noun after a possessor, not a verb
            men = _parse_np(text, *sub) if sub else None
            weak = cl in _WEAK_CUES or cl.split()[0] in _WEAK_CUES
            if men is None:
                # inverted: "..., said X."
                if re.search(r",\s*$", text[lo:m.start()]) and cl.split()[0] in {
                        "said", "says", "added", "adds", "wrote", "writes", "noted", "notes",
                        "explained", "argued", "warned", "continued", "stated", "declared",
                        "insisted", "told", "asked", "replied", "responded", "recalled", "according"}:
                    sub2 = _subject_after(text, m.end(), se)
                    if sub2 and not re.match(r"(?:[A-Z]|the\s|a\s|an\s|one\s|another\s)", text[sub2[0]:sub2[1]]):
                        sub2 = None
                    if sub2 and re.match(r"(?:It|He|She|They|That|This|There)\b", text[sub2[0]:sub2[1]]):
                        sub2 = None
                    if sub2 and not re.match(r"\s*(?:$|[,;.!?:\u2014\u2013\"\u201d)]|(?:" + _TIME_ADVERB +
                                             r"|in\s|at\s|on\s|during\s|after\s|when\s|as\s|while\s|before\s)"
                                             r")", text[sub2[1]:se], re.I):
                        sub2 = None  # "..., NAME, said Budapest would ...": not an inverted subject
                    if sub2 and _INV_NO_VERB and re.search(r"\b(?:is|are|was|were|has|have|had|will|would|can|could)\b",
                                                         text[sub2[0]:sub2[1]]):
                        sub2 = None  # "..., said the agreement was a step": a clause, not an inverted subject
                    if sub2:
                        men = _parse_np(text, *sub2)
                        if men:
                            cs, ce = _trim(text, lo, m.start())
                            if _word_count(text[cs:ce]) >= 3:
                                attrs.append(_Attr("indirect", cs, ce, _norm_cue(cue), men,
                                                   para_of(m.start()), cs))
                                continue
                continue
            if men.kind == "unknown" and men.pronoun is None and weak and men.name is None:
                continue
            if men.vague and weak and cl not in {"say", "says", "said"}:
                continue  # "Analysts in Warsaw expect ...": a vague group with a weak cue
            tail = text[m.end():hi]
            short_tail = _word_count(tail) <= 6 and not re.search(r"\bthat\b", tail) and \
                re.fullmatch(r"[^,;:]*[.!?]?[\"\u201d]?\s*", tail)
            pre_subj = text[lo:sub[0]]
            if not short_tail and re.search(r",\s*$", pre_subj) and _word_count(pre_subj) >= 3:
                # "CLAUSE, he said, adding that ..." / "CLAUSE, the minister told reporters after ...,
                # declining to ..." / "CLAUSE, she said, “and ...”": the clause before is the content
                th = re.match(r"[^,;:\"\u201c\u201d]*", tail)
                rest = tail[th.end():]
                if _word_count(th.group(0)) <= 12 and not re.search(r"\bthat\b", th.group(0)) and \
                        re.match(r"\s*(?:$|[.!?]|,\s*(?:[a-z]+ing\b|[\"\u201c]|and\b|but\b|without\b|though\b|"
                                 r"although\b|while\b|as\b))", rest):
                    short_tail = True
            if short_tail and _ADVERBIAL_INTRO.match(pre_subj) and "," not in pre_subj.rstrip().rstrip(",") \
                    and _clause_tail(tail):
                # "During the rally, the former president said Obamacare is ...": the clause before
                # the subject is a circumstance, the reported clause follows the cue
                short_tail = False
            if _CIRC_INTRO and short_tail and re.search(r",\s*$", pre_subj) and _is_circumstance(pre_subj):
                # "In a statement, Holt said ...", "Through a spokesman, he declined to comment": the
                # phrase before the subject is a circumstance, never the reported content
                if _word_count(tail) < 2:
                    continue
                short_tail = False
            if short_tail and re.search(r",\s*$", pre_subj) and _word_count(pre_subj) >= 3:
                cs, ce = _trim(text, lo, len(pre_subj.rstrip()) + lo - 1)
                if weak and cl not in {"know", "believe", "think"}:
                    pass
            elif short_tail and _word_count(tail) <= 2 and not pre_subj.strip():
                continue
            else:
                cs, ce = _content_after(text, m.end(), hi)
                if re.match(r"(?:told|tell|tells|telling|informed|assured|reminded|asked|urged|warned)$", cl):
                    # "told reporters that ..." / "told the Post that ..."
                    tm = re.match(r"(?:[^,;.]{0,60}?)\bthat\b", text[cs:ce])
                    if tm:
                        cs = cs + tm.end()
                cs, ce = _trim(text, cs, ce)
            if _word_count(text[cs:ce]) < 2:
                continue
            if weak and _word_count(text[cs:ce]) < 3:
                continue
            attrs.append(_Attr("indirect", cs, ce, _norm_cue(cue), men, para_of(m.start()), cs))
    # ---- generic "SUBJECT verb ..." clauses with a person/organisation subject (PolNeAR-style
    # attributions of stance and intention: "Republicans are slamming X", "Trump vowed to ...",
    # "He wants to ...", "The report shows ...")
    covered = [(a.start, a.end) for a in attrs]
    attrs.extend(a.attr for a in nominal)
    prior_attrs = sorted((a for a in attrs if a.mention is not None and a.kind == "indirect" and (
        a.mention.pronoun is None or a.mention.pronoun in _GENERIC_PRONOUNS)), key=lambda a: (a.start, a.end))
    prior_starts = [a.start for a in prior_attrs]
    mention_attrs = [a for a in attrs if a.mention is not None and a.mention.pronoun in (None, "he", "she", "they")]
    for ss, se in (sents if _GENERIC_PASS else ()):
        if se - ss > _MAX_SENT:
            continue
        qwin = _window(quote_ranges, span_starts, ss, se)
        sent_men = None
        k0 = bisect.bisect_left(prior_starts, ss)
        prior = [a for a in prior_attrs[k0:bisect.bisect_left(prior_starts, se)]] if _COORD_PRIOR else []
        if _INIT_PART:
            ip = _init_participle(text, ss, se, qwin)
            if ip is not None and not any(a < ip.end and b > ip.start for a, b in covered):
                covered.append((ip.start, ip.end))
                attrs.append(_Attr("indirect", ip.start, ip.end, ip.cue, ip.mention, para_of(ss), ip.start))
        for vm in _GENERIC_VERB_RE.finditer(text, ss, se):
            verb = vm.group(0)
            vstart = vm.start()
            adj_subj = None
            if _COGN_ADJ and verb in _COGN_ADJS and not _inside(vm.start(), quote_ranges):
                # "Republicans were incensed that ...", "she's so frustrated that ...": a form of "be" and an
                # adjective of belief or feeling with a that-clause report a view
                bm = _COGN_BE.search(text, max(ss, vm.start() - 50), vm.start())
                if bm is None or _COGN_THAT.match(text, vm.end()) is None:
                    continue
                vstart = bm.start()
                if bm.group("c"):
                    pm = _COGN_PRON.search(text, max(ss, vstart - 5), vstart)
                    if pm is None:
                        continue
                    adj_subj = _SubjMatch(pm.start(), pm.end())
            elif verb not in _GENERIC_VERBS or _inside(vm.start(), quote_ranges):
                continue
            if _NO_NOUN and _NO_BEFORE.search(text, max(ss, vm.start() - 4), vm.start()):
                continue  # "No doubt, ...", "no comment": after "no" the word is a noun, not a verb
            if sent_men is None and prior:
                # "X said he would order a review and warned against ...": a verb coordinated with an
                # attribution found by the earlier passes shares its speaker
                last = [a for a in prior if a.end <= vm.start()]
                if last:
                    sent_men = (last[-1].mention, last[-1].end)
            if any(a <= vm.start() < b for a, b in nominal_heads):
                continue  # "Holt's claim that": a noun cue, claimed by the nominal pass
            if _PASSIVE_SKIP and vstart == vm.start() and _passive_before(text, ss, vm.start(), verb):
                continue  # "Talks are expected to begin": the subject is not the source
            coord_men = None
            rel_clause = False
            if sent_men is not None and vm.start() >= sent_men[1] and (
                    re.search(r"(?:,\s*|\s)(?:and|but|yet)\s+(?:(?:also|then|later|even|again|has|have|had|would|will|"
                              r"[a-z]+ly)\s+){0,2}$", text[sent_men[1]:vm.start()]) or
                    (verb.endswith("ing") and re.search(r",\s+(?:(?:even|also|then|while|by|again|repeatedly|instead)\s+)?$",
                                                        text[sent_men[1]:vm.start()]))):
                coord_men = sent_men[0]  # "X mocked the plan and criticized ...", "..., even suggesting ..."
            elif _PART_SUBJ and verb.endswith("ing") and re.search(
                    r"\w[\w.\u2019'\u201d\")]*,[\u201d\"]?\s+(?:(?:even|also|then|again|repeatedly|instead)\s+)?$" if _PART_QCOMMA else
                    r"\w[\w.\u2019'\u201d\")]*,\s+(?:(?:even|also|then|again|repeatedly|instead)\s+)?$",
                    text[max(ss, vm.start() - 40):vm.start()]):
                coord_men = _clause_subject(text, ss, vm.start())  # "X spoke to the union, offering ..."
                if coord_men is None and _PART_AFTER_CUE:
                    # "“...,” Holt said, stressing ...", "..., said Holt, speaking of ...": the speaker
                    # of the attribution just before
                    for a in mention_attrs:
                        mn = a.mention
                        if ss <= mn.start and mn.end <= vm.start() and _PART_LINK.fullmatch(text, mn.end, vm.start()):
                            coord_men = mn
                            break
            m = _GENERIC_SV.search(text, max(ss, vstart - 160), vstart) if coord_men is None else None
            if adj_subj is not None and coord_men is None:
                m = adj_subj
            if m is not None:
                men0 = _parse_np(text, m.start("subj"), m.end("subj"))
                if men0 is None or (men0.pronoun is None and men0.name is None and not _generic_kind_ok(men0)):
                    m = None
            if m is None and coord_men is None:
                m = _generic_subject(text, ss, vstart, qwin)
            elif m is not None and _EVIDENCE_LONG and verb in _EVIDENCE_VERBS:
                ev = _generic_subject(text, ss, vm.start(), qwin)
                if ev is not None and ev.start() < m.start("subj"):
                    m = ev  # "The latest Harbor poll released Friday shows": not "Friday"
            if m is None and coord_men is None:
                # "Christie, who has campaigned for Trump", "a group which represents ...": the relative
                # pronoun's antecedent is the subject
                rm = _REL_SUBJ.search(text, max(ss, vm.start() - 60), vm.start())
                if rm is not None and verb.endswith("s") and not re.search(r"\b(?:has|have|had|is|are|was|were)\b",
                                                                          rm.group(0)):
                    rm = None  # "Savchuk, who advises the president": a description, not a statement
                if rm is not None:
                    lo_ = ss
                    if _REL_AFTER_Q:
                        for a, b in qwin:
                            if b < rm.start():
                                lo_ = max(lo_, b + 1)
                    ant = _subject_before(text, lo_, rm.start())
                    if ant and _REL_AFTER_Q:
                        # "“...,” said Mr. Kamin, who emphasized that ...": the inverted subject
                        im_ = re.match(r"[\s,]*(?:said|says|added|adds|wrote|writes|told\s+\w+)\s+", text[ant[0]:ant[1]])
                        if im_ and ant[0] + im_.end() < ant[1]:
                            ant = (ant[0] + im_.end(), ant[1])
                    amen = _parse_np(text, *ant) if ant else None
                    if _REL_WHO_NP and (amen is None or amen.kind == "unknown" and amen.name is None) and \
                            re.match(r"[\s,]*who\b", rm.group(0)):
                        # "there are some economists who argue that ...": "who" makes the noun a person
                        wm = _REL_WHO_ANT.search(text, max(lo_, rm.start() - 60), rm.start())
                        if wm is not None and wm.group("head") not in _NOT_PERSON_HEAD and \
                                _CUE_RE.search(text, lo_, wm.start()) is None:
                            amen = _Mention(wm.start("np"), wm.end("np"), wm.group("np"), None, None,
                                            "organisation" if wm.group("head").endswith("s") else "person", False)
                    if _WHO_NAME and not (amen is not None and amen.pronoun is None and (
                            amen.name is not None or _generic_kind_ok(amen))):
                        amen = _who_name_ant(text, lo_, rm) or amen
                    if amen is not None and amen.pronoun is None and (
                            amen.name is not None or _generic_kind_ok(amen)):
                        coord_men = amen
                        rel_clause = rm.group(0).lstrip().startswith(",")
            if m is None and coord_men is None and _APPOS_SUBJ:
                # "The alliance, which includes two unions, advocates ...", "Dana Holt, her rival, bemoaned
                # ...": a subject with an apposition or a relative clause between commas
                lo_ = ss
                for a, b in qwin:
                    if b < vm.start():
                        lo_ = max(lo_, b + 1)
                ap = _subject_before(text, lo_, vm.start())
                if ap is not None and "," in text[ap[0]:ap[1]] and not any(a < ap[1] and b > ap[0] for a, b in covered):
                    amen = _parse_np(text, *ap)
                    if amen is not None and amen.pronoun is None and (amen.name is not None or amen.kind in _GENERIC_KINDS):
                        m = _SubjMatch(*ap)
            if coord_men is not None:
                hi = se
                for a, b in qwin:
                    if a > vm.end():
                        hi = min(hi, a)
                        break
                if rel_clause and _REL_CLAUSE_END:
                    hi = _rel_clause_end(text, vm.end(), hi)
                cs, ce = _trim(text, vm.end(), _coord_stop(text, vm.end(), hi))
                clash = any(a < ce and b > cs for a, b in covered)
                if clash and _COORD_NESTED and all(cs <= a and b <= ce for a, b in covered if a < ce and b > cs) and \
                        all(x.mention is not None and x.mention.pronoun is None and cs <= x.mention.start
                            for x in attrs if x.start < ce and x.end > cs):
                    # "X said A, and warned that Moscow would respond to ...": a clause with its own subject
                    # inside the content of the coordinated verb is part of that content, not the attribution
                    clash = False
                if _word_count(text[cs:ce]) >= 2 and not clash:
                    covered.append((cs, ce))
                    attrs.append(_Attr("indirect", cs, ce, _norm_cue(verb), coord_men, para_of(ss), cs))
                    sent_men = (coord_men, ce)
                continue
            if m is None:
                continue
            pre = text[ss:m.start("subj")]
            pre = re.sub(r"(?:\b(?:rival|former|fellow|then|ex|late|embattled|outgoing|incumbent)\s+)+$", "", pre)
            if _QUANT_PRE:
                # "some Democrats privately express ...", "many Republicans want ...": a quantifier opens the subject
                pre = re.sub(r"(?:^|(?<=\s))(?:[Ss]ome|[Mm]any|[Mm]ost|[Ss]everal|[Ff]ew|[Oo]ther|[Bb]oth|[Aa]ll|"
                             r"(?:[Aa]\s+)?(?:[Ff]ew|[Nn]umber\s+of|[Gg]roup\s+of))\s+(?:of\s+the\s+)?$", "", pre)
            if pre.strip() and not re.search(r"(?:[,;:\u2014\u2013(]|\b(?:and|but|that|while|because|as|when|after|before|"
                                             r"although|though|since|if|so|yet|even|which|who|until|where|once)|^\W*(?:But|And|Yet|So|Still))\s*$", pre):
                continue  # the subject must open a clause
            sub = _possessor_subject(text, (m.start("subj"), m.end("subj")), verb)
            if sub is None:
                continue  # "Mayor Dana Holt's claim": a possessor, never the subject of the next word
            men = _parse_np(text, *sub)
            if men is None:
                continue
            if men.pronoun is not None and men.pronoun not in _GENERIC_PRONOUNS:
                continue
            if men.pronoun in ("i", "we"):
                # outside a quotation "I" and "we" are the writer: the speaker as written, not resolved
                men = _Mention(men.start, men.end, men.raw, None, None, "person", False)
            if men.pronoun is None and men.name is None and not _generic_kind_ok(men) and not (
                    _QUANT_COGN and _quant_people(men.raw, verb)):
                continue
            if men.vague and verb not in _SPEECH_VERBS:
                continue  # "Analysts in Warsaw expect ...": a vague group with a stance verb
            hi = se
            for a, b in qwin:
                if a > vm.end():
                    hi = min(hi, a) if not _GENERIC_INTO_QUOTES else hi
                    break
            cs, ce = _trim(text, vm.end(), _coord_stop(text, vm.end(), hi))
            if (_word_count(text[cs:ce]) < 2 and not (_NAME_OBJ and _name_object(text, cs, ce, verb))) or re.match(
                    r"(?:in|at|during|after|before|from|since|until|with|into|by|last|this|yesterday|today|"
                    r"on\s+(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday))\b", text[cs:ce]):
                continue  # "spoke in Kyiv on Tuesday": an event, not a statement
            if verb.startswith(("spo", "speak")) and not re.match(r"(?:of|about|out|on|against)\b", text[cs:ce]):
                continue  # "spoke to voters in Ohio": an event
            if verb.startswith("agree") and not re.match(r"(?:that|to|with|on)\b", text[cs:ce]):
                continue  # "agreed a pledge": a decision
            if _GENERIC_CUT and not any(a <= cs < b for a, b in nominal_spans):
                later = [a for a, b in covered if a < ce and b > cs and a > cs]
                if later and not any(a < ce and b > cs and a <= cs for a, b in covered):
                    # "He attacked other candidates for accepting donations, which he said were ...": the
                    # content stops at the clause boundary before another attribution inside it
                    k_ = text.rfind(",", cs, min(later))
                    if k_ > cs and _word_count(text[cs:k_]) >= 2 and _word_count(text[k_:min(later)]) <= 4 and \
                            re.match(r",\s+(?:which|who|whom|whose|that)\s", text[k_:min(later)]):
                        cs, ce = _trim(text, cs, k_)
            if any(a < ce and b > cs and not (_GENERIC_NESTED and a <= m.start("subj") and ce <= b)
                   for a, b in covered) or any(a <= cs < b for a, b in nominal_spans):
                continue
            covered.append((cs, ce))
            attrs.append(_Attr("indirect", cs, ce, _norm_cue(verb), men, para_of(ss), cs))
            sent_men = (men, ce)
            if not _GENERIC_MULTI:
                break
    covered.extend(nominal_spans)
    # ---- passives with an agent: "The nominee has been endorsed by dozens of papers", "The issue was
    # first reported by The Post": the subject is the content, the agent the source
    for ss, se in sents:
        if se - ss > _MAX_SENT:
            continue
        for pm in _PASSIVE_RE.finditer(text, ss, se):
            v = pm.group("v")
            if v not in _GENERIC_VERBS and v not in _SPEECH_VERBS or _inside(pm.start(), quote_ranges):
                continue
            lo = ss
            for a, b in _window(quote_ranges, span_starts, ss, se):
                if b < pm.start():
                    lo = max(lo, b + 1)
            sub = _subject_before(text, lo, pm.start("aux"))
            agent = _subject_after(text, pm.end(), se)
            if sub is None or agent is None:
                continue
            cs, ce = _trim(text, *sub)
            if _word_count(text[cs:ce]) < 2 or any(a < ce and b > cs for a, b in covered):
                continue
            men = _parse_np(text, *agent)
            if men is None or men.pronoun is not None or (men.name is None and men.kind == "unknown"):
                continue
            covered.append((cs, ce))
            attrs.append(_Attr("indirect", cs, ce, _norm_cue(pm.group(0).rsplit(None, 1)[0]), men,
                               para_of(ss), cs))
    # ---- agentless passives of judging and reporting verbs: "He has been harshly criticized for ...",
    # "Peacekeepers have been accused of ...", "She is said to favour ...": an attribution whose source
    # the sentence does not name
    for ss, se in (sents if _AGENTLESS else ()):
        if se - ss > _MAX_SENT:
            continue
        for pm in _AGENTLESS_RE.finditer(text, ss, se):
            if _inside(pm.start(), quote_ranges) or re.match(r"\s+by\s", text[pm.end("v"):pm.end("v") + 4]):
                continue
            lo = ss
            qwin = _window(quote_ranges, span_starts, ss, se)
            for a, b in qwin:
                if b < pm.start():
                    lo = max(lo, b + 1)
            sub = _subject_before(text, lo, pm.start())
            if sub is None:
                continue
            men = _parse_np(text, *sub)
            if men is None or re.match(r"(?:which|who|that|what|it|there|this)\b", text[sub[0]:sub[1]], re.I):
                continue
            hi = se
            for a, b in qwin:
                if a > pm.end():
                    hi = min(hi, a)
                    break
            cs, ce = _trim(text, sub[0], _coord_stop(text, pm.end(), hi))
            if _word_count(text[pm.end():ce]) < 1 or any(a < ce and b > cs for a, b in covered):
                continue
            covered.append((cs, ce))
            attrs.append(_Attr("indirect", cs, ce, _norm_cue(text[pm.start():pm.end("v")]), None, para_of(ss), cs,
                               sourceless=True))
    # ---- "In the latest Harbor Institute poll, Vane leads by four points": the poll is the source
    for ss, se in (sents if _IN_POLL else ()):
        pm = _IN_POLL_RE.match(text, ss, min(se, ss + 300))
        if pm is None:
            continue
        cs, ce = _trim(text, pm.end(), se)
        if _word_count(text[cs:ce]) < 3 or any(a < ce and b > cs for a, b in covered) or \
                _window(quote_ranges, span_starts, cs, ce):
            continue
        men = _parse_np(text, pm.start("src"), pm.end("src"))
        if men is None or men.kind == "unknown":
            men = _Mention(pm.start("src"), pm.end("src"), text[pm.start("src"):pm.end("src")], None, None,
                           "organisation", False)
        covered.append((cs, ce))
        attrs.append(_Attr("indirect", cs, ce, "in", men, para_of(ss), cs))
    # ---- a headline: "Harriet Vane Says Budget Talks Have Stalled", "Talks Have Stalled, Mayor Says"
    if _HEADLINE_PASS and paras:
        ha = _headline_attr(text, paras[0], covered)
        if ha is not None:
            attrs.append(ha)
    # "X said A and that B": two reported clauses, each an attribution of its own
    if _AND_THAT_SPLIT:
        extra = []
        for a in attrs:
            if a.kind != "indirect" or a.mention is None:
                continue
            for m in _AND_THAT.finditer(text, a.start, a.end):
                if _word_count(text[a.start:m.start()]) < 3 or _word_count(text[m.end():a.end]) < 3:
                    continue
                s1, e1 = _trim(text, a.start, m.start())
                s2, e2 = _trim(text, m.end(), a.end)
                extra.append(_Attr("indirect", s2, e2, a.cue, a.mention, a.para, s2, inherit=a.inherit))
                a.end = e1
                break
        attrs.extend(extra)
    # "warned that talk of X was “detached from reality”": a reported clause that runs into a partial
    # quotation with the same cue is one attribution; its content spans both
    if _RUNUP_MERGE:
        parts = sorted((a for a in attrs if a.kind == "partial"), key=lambda a: a.start)
        pstarts = [a.start for a in parts]
        drop = set()
        for a in attrs:
            if a.kind != "indirect" or a.mention is None:
                continue
            k = bisect.bisect_left(pstarts, a.end)
            if k < len(parts) and id(parts[k]) not in drop and a.cue and parts[k].cue == a.cue and \
                    re.fullmatch(r"\s*[\"\u201c\u2018']", text[a.end:parts[k].start]) and \
                    not re.search(r"[,;:.!?]$", text[a.start:a.end]):
                p_ = parts[k]
                q_end = p_.end
                if q_end < len(text) and text[q_end] in "\"\u201d\u2019'":
                    q_end += 1
                a.end = q_end
                a.kind = "partial"
                drop.add(id(p_))
        if drop:
            attrs = [a for a in attrs if id(a) not in drop]
    # reported speech found inside another quotation's content ("... said Tallinn expected others ...")
    nominal_ids = {id(a.attr) for a in nominal}
    attrs = [a for a in attrs if id(a) in nominal_ids or not (a.kind == "indirect" and (a.cue or "").split()[:1] and
                                      (a.cue or "").split()[0] in _WEAK_CUES and any(
        b is not a and b.start <= a.start and a.end <= b.end and (b.end - b.start) > (a.end - a.start)
        for b in attrs))]
    attrs.sort(key=lambda a: (a.pos, a.start))
    return attrs


_POSS_SUFFIX = re.compile(r"[\u2019']s?$")


def _possessor_subject(text: str, sub: tuple[int, int], verb: str) -> tuple[int, int] | None:
    """A subject that ends in a possessive ("Holt's", "the minister's") is the possessor of the
    next word, not a speaker: None, unless the verb is an -ed form ("the alliance's recommended 2
    percent"), which keeps the possessor without its ending. Other subjects come back as they are."""
    if not _POSS_END.search(text[sub[0]:sub[1]]):
        return sub
    if not verb.endswith("ed"):
        return None
    return sub[0], sub[0] + len(_POSS_SUFFIX.sub("", text[sub[0]:sub[1]]))


_POSS_END = re.compile(r"(?<![\w\-])(?!(?:[Ll]et|[Ii]t|[Tt]hat|[Hh]e|[Ss]he|[Tt]here|[Hh]ere|[Ww]hat|[Ww]ho)[\u2019']s$)"
                       r"[\w.\-]*[\w.][\u2019']s?$")
_NOMINAL_CUES = """
claim argument assertion contention insistence suggestion warning view belief promise pledge
statement complaint accusation allegation prediction admission concession denial proposal demand
call hope fear worry concern position message point assurance vow threat charge conclusion theory
notion insinuation boast reminder recommendation expectation assumption suspicion conviction
impression explanation remark comment observation speculation doubt plea request announcement
declaration testimony opinion stance retort reply response answer thesis premise forecast estimate
finding guarantee admonition caution objection criticism
""".split()
_NOMINAL_CUE_SET = set(_NOMINAL_CUES) | {w + "s" for w in _NOMINAL_CUES} - {"statements"}
# the content stops before an attribution of the sentence itself ("..., Clinton said")
_NOMINAL_TAIL = re.compile(r",\s+(?:(?:[A-Z][\w.\-\u2019']*|of)\s+){1,5}(?:said|says|added|told|wrote|argued|noted)\b"
                           r"|,\s+(?:he|she|they|it|officials|critics)\s+(?:said|says|added|argued|noted)\b")
_NOMINAL_RE = re.compile(
    r"(?<![\w\-\u2019'.])(?P<poss>(?P<pron>[Hh]is|[Hh]er|[Tt]heir|[Ii]ts)"
    r"|[\w.\-]*\w[\u2019'](?:s\b|(?<=s[\u2019'])))"
    r"\s+(?P<mods>(?:(?!(?:that|is|was|has|had|remains|remained|seems|seemed)\b)[a-z][\w\-]*\s+){0,2}?)"
    r"(?P<noun>(?:" + "|".join(sorted(_NOMINAL_CUE_SET, key=len, reverse=True)) + r"))"
    r"(?P<link>\s*,?\s+(?:is|was|has\s+been|had\s+been|remains|remained|seems|seemed))?\s+that\s+")
_NOMINAL_LEAD = {"but", "and", "yet", "so", "in", "on", "for", "with", "by", "at", "as", "under", "despite",
                 "after", "before", "like", "unlike", "contrary", "given", "to", "from", "of", "about", "over",
                 "against", "amid", "while", "when", "if", "although", "though", "because", "since", "that",
                 "then", "still", "however", "meanwhile", "also", "even", "only"}
# another speaker citing an earlier statement, not a new attribution
_NOMINAL_REFERENCE = re.compile(r"(?:\b(?:referring|referred|refers|alluding|alluded|pointing|harking|harkening)"
                                r"\s+(?:back\s+)?to|\b(?:recalling|recalled|citing|cited|invoking|invoked|quoting|quoted))"
                                r"\s+$", re.I)
_NOMINAL_PRON = {"his": "he", "her": "she", "their": "they", "its": "it"}
# a main verb after a subject "NP's claim that CLAUSE": where the content clause ends
_NOMINAL_MAIN = re.compile(
    r"\s+(?:(?:has|have|had|was|were|is|are|will|would|also|quickly|widely|soon|immediately)\s+){0,2}"
    r"(?:drew|draws|drawn|drawing|sparked|sparks|prompted|prompts|angered|angers|triggered|triggers|provoked|"
    r"provokes|caused|causes|raised|raises|met\s+with|earned|earns|won|stunned|surprised|alarmed|puzzled|"
    r"infuriated|irritated|contradicts|contradicted|ignores|ignored|flies|flew|rests|rested|rang|rings|"
    r"rejected|dismissed|disputed|challenged|criticized|criticised|debunked|ridiculed|mocked|greeted|"
    r"questioned|denied|refuted|echoed|echoes|contrasts|contrasted|clashes|clashed|came|comes|went|goes|"
    r"appears|appeared|seems|seemed|did|does|has\s+not|was\s+not|is\s+not)\b")


_NOMINAL_STOP = {"is", "are", "was", "were", "be", "been", "has", "have", "had", "will", "would", "can", "could",
                 "should", "may", "might", "must", "do", "does", "did", "not", "who", "which", "whose"}


def _possessor_start(text: str, ss: int, ps: int) -> int:
    """Start of the noun phrase whose last word (at ps) carries the possessive: a run of capitalised
    words ("Mayor Dana Holt"), or a determiner and up to three words ("the German minister",
    "the Harbor Coalition"), never a verb or a function word ("Critics dismissed the minister")."""
    toks = list(re.finditer(r"[^\s]+", text[ss:ps]))
    start = ps
    lower_run = 0
    for t in reversed(toks):
        w = t.group(0)
        if re.search(r"[,;:()\"\u201c\u201d\u2014\u2013]", w):
            break
        lw = w.lower()
        if lw in {"the", "a", "an"}:
            start = ss + t.start()
            break
        if lw in _NOMINAL_LEAD or lw in _NOMINAL_STOP or lw in _GENERIC_VERBS or lw in _SPEECH_VERBS_SET or \
                re.search(r"[\u2019']s$", w):
            break
        if w[:1].isupper() or lw in {"of", "de", "van", "von", "al", "bin", "der", "den", "la", "le"}:
            start = ss + t.start()
            continue
        if re.fullmatch(r"[a-z][\w\-]*", w) and lower_run < 3 and not lw.endswith("ly"):
            lower_run += 1
            start = ss + t.start()
            continue
        break
    # lowercase words with neither a determiner nor a name before them are not part of the phrase
    words = text[start:ps].split()
    while words and words[0][:1].islower() and words[0].lower() not in {"the", "a", "an"}:
        start = text.index(words[1], start + len(words[0])) if len(words) > 1 else ps
        words = words[1:]
    if not words:
        return ps
    return start


@dataclass
class _Nominal:
    attr: _Attr
    start: int
    end: int
    pos_cue: int
    np_start: int
    np_end: int


def _possessive_nominals(text: str, sents, quote_ranges, span_starts, para_of) -> list[_Nominal]:
    """"POSSESSOR's NOUN that CLAUSE" and "POSSESSOR's NOUN is that CLAUSE" with a speech or cognition
    noun: the possessor (a name, a description, an organisation or a possessive pronoun) speaks."""
    out: list[_Nominal] = []
    for ss, se in sents:
        if se - ss > _MAX_SENT or text.find("that", ss, se) < 0:  # every form ends in "that"
            continue
        qwin = _window(quote_ranges, span_starts, ss, se)
        for m in _NOMINAL_RE.finditer(text, ss, se):
            noun = m.group("noun").lower()
            if noun not in _NOMINAL_CUE_SET or _inside(m.start(), quote_ranges):
                continue
            mods = m.group("mods").split()
            if any(w in _GROUP_HEADS or w in _ANON_HEADS or w in _PERSON_HEADS or w in _ROLE_WORDS or
                   w in _ORG_WORDS or w in _EVIDENCE_HEADS or w in _NOMINAL_CUE_SET or
                   w in {"is", "was", "are", "were", "has", "had", "the", "a", "an", "and", "or", "of"}
                   for w in mods):
                continue  # "Holt's team warning", "Holt's claims and warnings": not this noun's possessor
            ps, pe = m.start("poss"), m.end("poss")
            pe = ps + len(_POSS_SUFFIX.sub("", text[ps:pe]))
            if not m.group("pron"):
                ps = _possessor_start(text, ss, ps)
            if _NOMINAL_REFERENCE.search(text, max(ss, ps - 40), ps):
                continue  # "..., she added, referring to the alliance's pledge that ...": a reference
            if m.group("pron"):
                low = m.group("pron").lower()
                men = _Mention(ps, pe, text[ps:pe], None, None, "unknown", False, pronoun=_NOMINAL_PRON[low])
            else:
                # drop leading function words caught by the name run ("But Holt's", "In Holt's")
                while True:
                    lm = re.match(r"([A-Za-z]+)\s+", text[ps:pe])
                    if lm and lm.group(1).lower() in _NOMINAL_LEAD and ps + lm.end() < pe:
                        ps += lm.end()
                        continue
                    break
                men = _parse_np(text, ps, pe)
                if men is None or men.pronoun is not None:
                    continue
                if men.name is None and men.kind not in ("person", "organisation", "anonymous"):
                    continue
            cs = m.end()
            hi = se
            for a, b in qwin:
                if a >= cs:
                    hi = min(hi, a)
                    break
            # the noun phrase opens its clause (a subject): the content stops before the main verb
            pre = text[ss:ps]
            subject = not m.group("link") and (not pre.strip() or re.search(
                r"(?:[,;:\u2014\u2013(]|\b(?:and|but|that|while|because|although|though|since|if|so|yet|when)|"
                r"^\W*(?:But|And|Yet|So|Still|However))\s*$", pre) is not None)
            tm = _NOMINAL_TAIL.search(text, cs, hi)
            if tm is not None:
                hi = tm.start()
            if re.search(r"(?:^|[,;:(]\s*)\W*(?:at|on|in|after|despite|following|amid|under|contrary\s+to|"
                         r"given|against|with|without|for|over|by)\s+(?:\w+\s+){0,2}$", text[ss:ps], re.I):
                cm = text.find(",", cs, hi)
                if cm > 0:
                    hi = cm  # "At the minister's request that the talks resume, the envoys returned"
            cs2, ce = _content_after(text, cs, hi)
            if subject:
                mm = _NOMINAL_MAIN.search(text, cs2, ce)
                if mm is not None and _word_count(text[cs2:mm.start()]) >= 2:
                    ce = _trim(text, cs2, mm.start())[1]
            if _word_count(text[cs2:ce]) < 2:
                continue
            cue_s = m.start("noun")
            attr = _Attr("indirect", cs2, ce, noun, men, para_of(cue_s), cs2)
            out.append(_Nominal(attr, cs2, ce, cue_s, m.start("poss"), m.end()))
    return out


# Restricted to _GENERIC_VERBS: verbs of speech, judgement, stance, intention and evidence
# (PolNeAR-style attributions), not narrative events ("hired", "joined", "worked").
_GENERIC_PASS = True
_PART_SUBJ = True
_GROUP_PP = True
_GENERIC_PRONOUNS = {"he", "she", "they", "it", "we", "i"}
_GENERIC_KINDS = {"organisation", "person"}
_SV_AUX_TAIL = (r"(?:(?:has|have|had|is|are|was|were|will|would|also|again|then|later|[a-z]+ly|on\s+\w+day)\s+){0,3}")
# an indefinite or quantified subject ("A House panel", "Some Republicans", "A group of doctors", "Few
# experts") parses as anonymous: a generic-clause subject when its head names people, a group or evidence
_GENERIC_ANON = True
_PASSIVE_SKIP = True
_PASSIVE_BE = re.compile(r"(?<![\w\-])(?:is|are|was|were|be|been|being|am)\s+(?:(?:not|also|widely|generally|now|still|"
                         r"already|largely|[a-z]+ly)\s+){0,2}$")
_PASSIVE_SKIP_VERBS = {"expected"}


def _passive_before(text: str, ss: int, vstart: int, verb: str) -> bool:
    """A past participle after a form of 'be' ("is expected", "were told"): a passive, whose subject
    is not the source."""
    v = verb.split()[0].lower()
    if v not in _PASSIVE_SKIP_VERBS:
        return False
    return _PASSIVE_BE.search(text, max(ss, vstart - 40), vstart) is not None


_INV_NO_VERB = True
_REL_ANTECEDENT = True
_QUANT_PRE = True
_AS_SAID = True
_AS_SAID_RE = re.compile(r",\s+(?:just\s+)?as\s+(?P<s>(?:[Tt]he\s+|[Aa]n?\s+)?[\w.\u2019'\-]+(?:\s+[\w.\u2019'\-]+){0,5}?)\s+"
                         r"(?:(?:has|have|had|also|first|previously|earlier|repeatedly|often|long|once)\s+){0,2}$")
_AS_SAID_TAIL = re.compile(r"(?:\s+it)?(?:\s+(?:" + _TIME_ADVERB + r"|last\s+\w+|on\s+\w+|in\s+\w+|earlier|previously))?"
                           r"\s*[.!?]?\s*$", re.I)
_AS_SAID_CUES = {"said", "says", "say", "reported", "reports", "report", "noted", "notes", "wrote", "writes", "argued",
                 "argues", "claimed", "claims", "suggested", "predicted", "warned", "acknowledged", "put",
                 "explained", "told", "stated", "insisted", "alleged", "observed", "testified", "announced"}
# "X said A and that B" as two attributions: neutral on polnear-dev (its gold keeps one content), +2 golds on
# the synthetic sample, whose gold splits them (and precision +0.002 there)
_AND_THAT_SPLIT = True
_RUNUP_MERGE = True
_AND_THAT = re.compile(r",?\s+(?:and|but|or)\s+(?:(?:also|then|later|added)\s+)?that\s+(?=[\u201c\"]|[A-Z0-9]|"
                       r"(?:the|a|an|this|these|those|his|her|its|their|our|my|your|some|any|no|every|each|all|most|"
                       r"many|more|few|such|he|she|it|they|we|i|you|there|one|none|nobody|no\s+one)\b)")
_REL_BETWEEN = re.compile(r",\s*(?:who|which)\s+[^,;:\"\u201c\u201d()]{3,140},\s*" + _SV_AUX_TAIL + r"$")
_PART_AFTER_CUE = True
_PART_LINK = re.compile(r"\s*(?:(?:also\s+)?(?:said|says|added|adds|wrote|writes|explained|told\s+(?:reporters|[A-Z][\w.\u2019']*(?:\s+[A-Z][\w.\u2019']*){0,3}))\s*)?,\s+(?:(?:even|also|then|again|repeatedly|instead|perhaps)\s+)?")
_COORD_PRIOR = True
_APPOS_SUBJ = True
# Round 9 (measured on polnear-dev even/odd halves and the completed sample gold):
# _COORD_NESTED  "X said A, and warned that Moscow would respond ...": the coordinated verb wins over a clause
#                nested in its content (dev neutral; sample speaker +0.008)
# _COMMA_AND(2)  "X described A as B, and said ..." / "X, like Y, has encouraged A but has said ...": the verb
#                shares the main clause's subject (dev all recall +0.0025; sample +0.007)
# _REL_CUE       "X, who said A, ...", "an official who said A": the antecedent speaks (dev odd +0.002; PolNeAR
#                gold names the source "who", so speaker accuracy there dips slightly); _REL_AFTER_Q for
#                "“...,” said X, who emphasized that ..."
# _CLAUSE_BEFORE_Q "CLAUSE, she said, “...”": the cue also reports the clause before it (sample +0.010)
_COORD_NESTED = True
_COMMA_AND = True
_REL_CUE = True
_REL_AFTER_Q = True
_CLAUSE_BEFORE_Q = True
_US_NOT_PRONOUN = True
_CHAR_COORD = True
_PART_QCOMMA = True
_CLAUSE_ROLE_RETRY = True
_COMMA_AND2 = True
_APPOS_NO_CONJ = True
_REL_WHO_NP = True
_REL_WHO_ANT = re.compile(r"(?<![\w\-\u2019'])(?P<np>(?:[Aa]n?|[Tt]he|[Oo]ne|[Tt]wo|[Tt]hree|[Ss]ome|[Mm]any|[Ss]everal|[Oo]ther|"
                          r"[Hh]is|[Hh]er|[Tt]heir)\s+(?:[a-z][\w\-]*\s+){0,2}(?P<head>[a-z][a-z\-]{2,}))$")
_NOT_PERSON_HEAD = {"one", "ones", "time", "times", "way", "ways", "day", "days", "year", "years", "thing", "things",
                    "week", "weeks", "month", "months", "point", "place", "kind", "sort", "lot", "number", "rest"}
_REL_CUE_RE = re.compile(r"(?:,\s*|\s)(?:who|which)\s+(?:(?:has|have|had|also|again|then|now|later|once|recently|"
                         r"previously|repeatedly|[a-z]+ly)\s+){0,2}$")


# "Many experts suspect ...", "few analysts believe ...": a quantified group of people with a verb of belief or
# speech reports a view (a quantifier, at most one modifier, a plural people noun; nothing after it)
_QUANT_COGN = True
_QUANT_COGN_RE = re.compile(r"(?:many|most|some|few|several|numerous|a\s+few|a\s+number\s+of|a\s+majority\s+of)"
                            r"(?:\s+[a-z][\w\-]*)?\s+(?P<head>[a-z][\w\-]*s|people)", re.I)
_QUANT_COGN_VERBS = {"believe", "believes", "believed", "think", "thought", "suspect", "suspected", "fear", "feared",
                     "doubt", "doubted", "worry", "worried", "argue", "argued", "contend", "contended", "predict",
                     "predicted", "warn", "warned", "insist", "insisted", "agree", "agreed", "say", "said", "claim",
                     "claimed", "assume", "assumed", "conclude", "concluded", "acknowledge", "acknowledged"}


def _quant_people(raw: str, verb: str) -> bool:
    if verb not in _QUANT_COGN_VERBS and verb not in _COGN_ADJS:
        return False
    m = _QUANT_COGN_RE.fullmatch(_clean_np(raw).strip())
    return m is not None and (m.group("head").lower() in _GROUP_HEADS | _ANON_HEADS) and \
        m.group("head").lower() not in {"most", "many", "some", "few", "number", "majority", "percent"}


# "The decision is risky for Cruz, who refused to endorse ...": after a comma, "who" refers to the name just
# before it, whatever the clause around that name
_WHO_NAME = True
_WHO_NAME_BAD = {"it", "this", "that", "the", "he", "she", "they", "we", "i", "but", "and", "in", "on", "at", "for"}


def _who_name_ant(text: str, lo: int, rm) -> "_Mention | None":
    if not re.match(r",\s*who\b", rm.group(0)):
        return None
    seg = text[lo:rm.start()].rstrip()
    nm = _NAME_RUN_END.search(seg)
    if nm is None or nm.start(1) == 0:
        return None
    if nm.group(1).split()[0].lower() in _WHO_NAME_BAD:
        return None
    men = _parse_np(text, lo + nm.start(1), lo + nm.end(1))
    if men is None or men.pronoun is not None or men.name is None:
        return None
    return men


# "Citing an unfounded theory, Trump accused ...", "Claiming the criticism is unfair, she told ...": a
# sentence-initial participle of a cue verb reports what the main clause's subject says; its content runs to
# the comma
_INIT_PART = True
_INIT_PART_RE = re.compile(r"[\s\"\u201c\u2018']*(?P<v>[A-Z][a-z]{2,}ing)\s+(?=[\w\u201c\"])")
_INIT_PART_SKIP = {"speaking", "according", "including", "following", "regarding", "concerning", "considering",
                   "looking", "writing", "talking", "saying"}
_INIT_PART_PREP = re.compile(r"(?:in|at|on|for|against|with|to|from|during|after|before|across|through|around|by|"
                             r"into|outside|inside|alongside|near|over|under|up|down|out|off|back)\b", re.I)
_INIT_PART_SUBJ = re.compile(
    r",\s+(?P<subj>(?:[A-Z][\w.\u2019'\-]*\s+){0,4}[A-Z][\w\u2019'\-]*|he|she|they|(?:the|his|her|their)\s+[a-z][\w\-]*"
    r"(?:\s+[a-z][\w\-]*)?)\s+(?:(?:also|then|later|again|even|[a-z]+ly|has|have|had|will|would|is|was|were|are)\s+){0,2}"
    r"(?P<v>[a-z]{3,})\b")


def _init_participle(text: str, ss: int, se: int, qwin) -> "_Attr | None":
    m = _INIT_PART_RE.match(text, ss, se)
    if m is None:
        return None
    v = m.group("v").lower()
    if v in _INIT_PART_SKIP or (v not in _GENERIC_VERBS and v not in _SPEECH_VERBS_SET):
        return None
    cm = _INIT_PART_SUBJ.search(text, m.end(), min(se, m.end() + 220))
    if cm is None or re.search(r"[,;:()\u2014\u2013]|\s--\s", text[m.end():cm.start()]) or \
            any(m.end() <= a < cm.start() for a, b in qwin):
        return None
    if cm.group("v") in {"who", "which", "that", "and", "but", "the"}:
        return None
    men = _parse_np(text, cm.start("subj"), cm.end("subj"))
    if men is None or not (men.pronoun in ("he", "she", "they") or men.name is not None or _generic_kind_ok(men)):
        return None
    cs, ce = _trim(text, m.end(), cm.start())
    if _word_count(text[cs:ce]) < 2 or _INIT_PART_PREP.match(text, cs, ce):
        return None  # "Campaigning in Ohio, she ...": an activity, not a statement
    return _Attr("indirect", cs, ce, v, men, 0, cs)


# "Cruz has endorsed Trump.", "the paper backed Clinton.": after a verb of endorsement or attack a bare name
# is the whole content
_NAME_OBJ = True
_NAME_OBJ_VERBS = {"endorse", "endorses", "endorsed", "endorsing", "backed", "supports", "supported", "supporting",
                   "oppose", "opposes", "opposed", "opposing", "praise", "praises", "praised", "praising", "criticize",
                   "criticizes", "criticized", "criticizing", "criticise", "criticises", "criticised", "attacked",
                   "attacking", "slammed", "slams", "blasted", "blasts", "mocked", "mocks", "defended", "defends",
                   "congratulated", "blamed", "blames", "denounced", "denounces", "condemned", "condemns", "thanked",
                   "ridiculed"}
_NAME_OBJ_RE = re.compile(r"[A-Z][a-z][\w\u2019'\-]*[.!]?")


def _name_object(text: str, cs: int, ce: int, verb: str) -> bool:
    return verb in _NAME_OBJ_VERBS and _NAME_OBJ_RE.fullmatch(text, cs, ce) is not None and \
        text[cs:ce].rstrip(".!").lower() not in _PRONOUNS | {"this", "that", "it", "them", "him", "her"}


_NO_NOUN = True
_NO_BEFORE = re.compile(r"(?<![\w\-\u2019'])[Nn]o\s+$")
_COGN_ADJ = True
_COGN_ADJS = {"afraid", "worried", "concerned", "convinced", "confident", "certain", "sure", "hopeful", "optimistic",
              "pessimistic", "adamant", "incensed", "frustrated", "angry", "upset", "furious", "skeptical", "sceptical",
              "doubtful", "disappointed", "alarmed", "outraged", "insistent", "emphatic", "fearful", "unhappy"}
_COGN_BE = re.compile(r"(?:(?<=\s)(?:is|are|was|were|am|remains?|remained)|(?P<c>[\u2019'](?:s|re|m)))"
                      r"(?:\s+(?:not|also|still|now|very|so|too|quite|increasingly|deeply|all|both|[a-z]+ly)){0,2}\s+$")
_COGN_PRON = re.compile(r"(?<![\w\u2019'])(?:[Hh]e|[Ss]he|[Tt]hey|[Ww]e|I)$")
_COGN_THAT = re.compile(r"\s+that\s+(?=[\w\u201c\"])")


_INNER_DETS = {"a", "an", "the", "several", "some", "many", "most", "few", "this", "that", "these", "those", "two",
               "three", "his", "her", "their", "its"}


def _generic_kind_ok(men: "_Mention") -> bool:
    if men.kind in _GENERIC_KINDS:
        return True
    if not (_GENERIC_ANON and men.kind == "anonymous"):
        return False
    core = re.split(r"\s+(?:in|from|of|at|with|for|on|close\s+to|familiar\s+with|who|that|which|representing)\s+",
                    _clean_np(men.raw), maxsplit=1)[0]
    hw = re.findall(r"[a-z][a-z\-]*", core.lower())
    if len(hw) < 2 and not (hw and hw[0] in _GROUP_HEADS):
        return False
    head = hw[-1] if hw else ""
    if head in _ANON_HEADS or any(w in _INNER_DETS for w in hw[1:]):
        return False  # "officials", "critics" (unnamed sources, kept for speech verbs); "a step several allies"
    return head in _GROUP_HEADS or head in _PERSON_HEADS or head in _ROLE_WORDS or head in _ORG_WORDS or \
        head in _EVIDENCE_HEADS or head.rstrip("s") in _ROLE_WORDS or head in {"panel", "jury", "court", "union"}
_GENERIC_INTO_QUOTES = False
_GENERIC_NESTED = False
_GENERIC_LEMMAS = """
slam criticize criticise praise reject dismiss endorse liken compare compliment thank highlight
express comment press refuse dub speak blame condemn denounce defend question tout laud mock
ridicule attack lambast hail applaud object oppose support back vow pledge insist doubt dispute
challenge argue want plan hope intend seek propose offer urge demand promise agree disagree
vote call accuse charge warn claim suggest acknowledge admit concede deny announce declare
predict estimate expect fear worry believe think feel consider view see regard understand know
recognize recognise realize realise note observe point mention cite reference invoke echo repeat
emphasize emphasise stress tout tweet post write publish report reveal disclose detail document
show find conclude indicate confirm rule rate decide determine
encourage discourage implore persuade convince ask request invite recommend advise endorse
favor favour prefer welcome embrace celebrate admire love like hate dislike resent regret
complain protest decry lament bemoan chastise scold rebuke fault blast knock hit pan
promote champion advocate push lobby campaign pitch tout
discuss outline unveil address articulate underscore downplay brag chide scoff deride rail bristle grill
portray characterize characterise chronicle imply insinuate allude quote contradict rebut refute debunk
suspect wonder envision anticipate forecast assess deem label equate congratulate commend salute plead
request weigh accept refer ignore resist balk berate castigate excoriate skewer assail taunt insult disparage
belittle demean sidestep dodge deflect reassure extol justify clarify elaborate recount apologize apologise
speculate theorize ponder confront censure deplore
""".split()


def _inflect(lemma: str) -> set[str]:
    out = {lemma}
    if lemma.endswith("e"):
        out |= {lemma + "s", lemma + "d", lemma[:-1] + "ing"}
    elif lemma.endswith("y") and lemma[-2:-1] not in "aeiou":
        out |= {lemma[:-1] + "ies", lemma[:-1] + "ied", lemma + "ing"}
    elif lemma.endswith(("s", "sh", "ch", "x", "z")):
        out |= {lemma + "es", lemma + "ed", lemma + "ing"}
    else:
        out |= {lemma + "s", lemma + "ed", lemma + "ing"}
        if re.fullmatch(r".*[^aeiou][aeiou][bdgmnprt]", lemma) and len(lemma) <= 4:
            out |= {lemma + lemma[-1] + "ed", lemma + lemma[-1] + "ing"}
    return out


_IRREGULAR = {"think": {"thought"}, "feel": {"felt"}, "see": {"saw", "seen"}, "understand": {"understood"},
              "know": {"knew", "known"}, "write": {"wrote", "written"}, "find": {"found"},
              "speak": {"spoke", "spoken"}, "seek": {"sought"}, "hit": {"hit"}, "show": {"shown"},
              "lead": {"led"}, "send": {"sent"}}
_GENERIC_VERBS = set()
for _l in _GENERIC_LEMMAS:
    _GENERIC_VERBS |= _inflect(_l) | _IRREGULAR.get(_l, set())
_GENERIC_VERBS -= {"said", "says", "say", "saying"}
_SV_AUX = (r"(?:has|have|had|is|are|was|were|will|would|could|can|may|might|must|should|did|does|do|also|"
           r"again|once|repeatedly|then|now|recently|previously|already|still|even|just|long|first|openly|"
           r"not|never|[a-z]+ly)")
# "continued to call for", "avoids condemning", "this month rejected": a catenative verb or a time phrase
# between the subject and the cue
_SV_CHAIN = (r"|continue[sd]?\s+to|refuse[sd]?\s+to|decline[sd]?\s+to|avoid(?:s|ed)?|tri(?:ed|es)\s+to|try\s+to|"
             r"began\s+to|begins?\s+to|start(?:s|ed)?\s+to|appear(?:s|ed)?\s+to|seem(?:s|ed)?\s+to|went\s+on\s+to|"
             r"(?:(?:earlier|early|late|later)\s+)?(?:this|last)\s+(?:week|month|year|spring|summer|fall|autumn|winter|morning)"
             r"|on\s+(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)|(?:on\s+)?(?:Monday|Tuesday|Wednesday|"
             r"Thursday|Friday|Saturday|Sunday)\s+(?:morning|afternoon|evening|night)|yesterday|today")
_GENERIC_SV = re.compile(
    r"(?<![\w\-\u2019'])(?P<subj>(?:(?:[Tt]he|[Aa]|[Aa]n)\s+)?(?:[A-Z][\w.'\u2019\-]*(?:\s+(?:[A-Z][\w.'\u2019\-]*|of|de|van|von)){0,7})"
    r"|(?:[Tt]he|[Aa]n?|[Hh]is|[Hh]er|[Tt]heir|[Ii]ts|[Tt]his|[Tt]hese|[Tt]hose)\s+(?:(?!" + _SV_AUX + r"\b)[\w\-\u2019'/]+\s+){0,3}"
    r"(?!" + _SV_AUX + r"\b)[a-z][\w\-]*"
    r"|[Hh]e|[Ss]he|[Tt]hey|[Ii]t|[Ww]e|I)"
    r"(?:\s*\([^()]{1,30}\))?"
    r"\s+(?:(?:has|have|had|is|are|was|were|will|would|could|can|may|might|should|must|(?:does|do|did|can|could|would|should|wo)n[\u2019']t|not|never|also|again|once|repeatedly|then|now|"
    r"recently|previously|already|still|even|just|long|first|openly|[a-z]+ly" + _SV_CHAIN + r")\s+){0,3}"
    r"(?P<verb>)$"
)
_GENERIC_MULTI = True


_CLAUSE_INTRO = re.compile(
    r"[\s\"\u201c]*(?:(?:but|and|so|yet|still|however|meanwhile|instead|now)\b,?\s*)?"
    r"(?:(?:on|in|at|during|after|before|when|while|as|since|following|despite|amid|earlier|later|last|this|"
    r"once|under|over|with|without|from|asked|pressed|speaking|chastened|[a-z]+ly)\b[^,;:\"\u201c\u201d]{0,80},\s*)?"
    r"(?:(?:however|though|meanwhile|too|also|then)\s*,\s*)?", re.I)
_CLAUSE_SUBJ = re.compile(
    r"(?P<subj>(?:(?:[Tt]he|[Aa]|[Aa]n)\s+)?(?:[A-Z][\w.'\u2019\-]*(?:\s+(?:[A-Z][\w.'\u2019\-]*|of|de|van|von)){0,5})"
    r"|(?:[Tt]he|[Aa]n?|[Hh]is|[Hh]er|[Tt]heir|[Ii]ts)\s+(?:(?!" + _SV_AUX + r"\b)[\w\-\u2019'/]+\s+){0,3}"
    r"(?!" + _SV_AUX + r"\b)[a-z][\w\-]*"
    r"|[Hh]e|[Ss]he|[Tt]hey)"
    r"(?:\s*\([^()]{1,30}\))?(?P<appos>\s*,\s*[^,;:\"\u201c\u201d]{2,90},)?"
    r"\s+(?:" + _SV_AUX + r"\s+){0,3}(?P<verb>[a-z]{3,})\b")


def _clause_subject(text: str, ss: int, pos: int) -> _Mention | None:
    """The subject of the main clause that opens the sentence at ss, for a verb that shares it
    ("Dana Holt spoke to the union, promising ...", "Holt urged members to \u201cvote early\u201d and said ...")."""
    im = _CLAUSE_INTRO.match(text, ss, pos)
    st = im.end() if im else ss
    m = _CLAUSE_SUBJ.match(text, st, pos)
    if m is None or m.end("verb") > pos:
        return None
    verb = m.group("verb")
    has_aux = m.start("verb") > m.end("subj") + 1 and re.search(
        r"\b(?:is|are|was|were|has|have|had|will|would|also|again|then|now|[a-z]+ly)\s+$", text[m.end("subj"):m.start("verb")])
    if verb in {"of", "and", "who", "which", "that", "for", "from", "with", "the"} or not has_aux and (
            verb in _GROUP_HEADS or verb in _ANON_HEADS or verb in _PERSON_HEADS or verb in _ROLE_WORDS or verb in _EVIDENCE_HEADS or \
            verb in _ORG_WORDS or verb.rstrip("s") in _ROLE_WORDS):
        if _CLAUSE_ROLE_RETRY and verb in _ROLE_WORDS | _PERSON_HEADS and re.match(r"\s+[A-Z]", text[m.end("verb"):pos]):
            # "Democratic candidate Hillary Clinton, like Obama, has ...": a lowercase role before the name
            return _clause_subject(text, m.end("verb"), pos)
        return None  # "French officials ...", "British Europe minister ...": the subject goes on
    # another attribution between the subject and the verb ("..., she said, adding ...") speaks instead
    if any(True for _ in _CUE_RE.finditer(text, m.end("verb"), pos)):
        return None
    men = _parse_np(text, m.start("subj"), m.end("appos") if m.group("appos") else m.end("subj"))
    if men is None:
        return None
    if men.pronoun is not None:
        return men if men.pronoun in _GENERIC_PRONOUNS else None
    if men.name is None and men.kind not in _GENERIC_KINDS:
        return None
    return men


_IN_POLL = True
_IN_POLL_RE = re.compile(
    r"(?:According\s+to|In)\s+(?P<src>(?:the|a|an|this|that|its|their|his|her|one\s+of\s+the|another|two|three|several|"
    r"[\w\-/.\u2019']+)(?:\s+[\w\-/.\u2019']+){0,8}?\s+(?:poll|polls|survey|surveys|study|analysis|census|tally|"
    r"forecast|estimates?|projections?)(?:\s+(?:by|of|from|to\s+emerge)\b[^,;:\"\u201c\u201d]{0,80})?)"
    r"(?:,?\s+(?:conducted|released|published|taken)\b[^,;:\"\u201c\u201d]{0,100})?"
    r"\s*,\s+(?=[A-Z]|[a-z]+\s)", re.I)
_HEADLINE_PASS = True
_HEADLINE_VERBS = {
    "says", "said", "calls", "shows", "sees", "speaks", "vows", "reveals", "seeks", "urges", "warns", "slams",
    "blasts", "rips", "hammers", "endorses", "praises", "rejects", "questions", "accuses", "denies", "claims",
    "insists", "admits", "demands", "pledges", "promises", "predicts", "suggests", "argues", "defends",
    "criticizes", "criticises", "attacks", "touts", "backs", "opposes", "tells", "asks", "announces",
    "confirms", "dismisses", "mocks", "knocks", "thanks", "fears", "doubts", "hails", "decries", "condemns",
    "blames", "finds", "expects", "wants", "believes", "thinks", "concedes",
}
# a word that ends a headline's subject (a verb: the subject was longer than a name)
_HEADLINE_SUBJECT_STOP = _GENERIC_VERBS | _SPEECH_VERBS_SET | {"is", "are", "was", "were", "has", "have"}
_HEAD_WORD = r"(?:[A-Z][\w.'\u2019\-]*|[a-z][\w'\u2019\-]*|\d[\w\-]*)"


def _headline_attr(text: str, para: tuple[int, int], covered) -> _Attr | None:
    """The reported statement of a headline (the first paragraph, one short line without a final
    sentence inside it): "Harriet Vane Says Budget Talks Have Stalled", "Budget Talks Have Stalled,
    Mayor Says", "Port union endorses Vane"."""
    ps, pe = para
    line = text[ps:pe]
    if _word_count(line) > 22 or _has_break(line.rstrip() + " ") and not re.search(r"[.!?]['\u2019\"\u201d]?\s*$", line):
        return None
    if re.search(r"[.!?]\s+\S", line.strip()):
        return None
    words = list(re.finditer(r"\S+", line))
    # "..., Mayor Says." / "..., Harriet Vane Said"
    tm = re.search(r",\s+((?:" + _HEAD_WORD + r"\s+){0,5}" + _HEAD_WORD + r")\s+(Says|Said|says|said|Warns|warns|Insists|insists|Claims|claims)[.!]?\s*$", line)
    if tm:
        cs, ce = _trim(text, ps, ps + tm.start())
        men = _parse_np(text, ps + tm.start(1), ps + tm.end(1))
        if men is not None and men.pronoun is None and _word_count(text[cs:ce]) >= 3 and \
                not any(a < ce and b > cs for a, b in covered):
            return _Attr("indirect", cs, ce, tm.group(2).lower(), men, 0, cs)
        return None
    for k, w in enumerate(words[1:7], start=1):
        v = w.group(0).lower()
        if v not in _HEADLINE_VERBS:
            continue
        st = ps
        lm = re.match(r"(?:The\s+Latest|[A-Z][\w\s]{0,30}?):\s+|[A-Z][^,:]{2,40},\s+", line)
        if lm and lm.end() < w.start():
            st = ps + lm.end()
        subj = text[st:ps + w.start()].strip()
        if not subj or _word_count(subj) > 6 or not re.match(r"[A-Z0-9]", subj):
            return None
        if any(x.lower() in _HEADLINE_SUBJECT_STOP for x in subj.split()[1:]):
            return None
        cs, ce = _trim(text, ps + w.end(), pe)
        while ce > cs and text[ce - 1] in ".;":
            ce -= 1
        if _word_count(text[cs:ce]) < 2 or any(a < ce and b > cs for a, b in covered):
            return None
        men = _parse_np(text, st, st + len(text[st:ps + w.start()].rstrip()))
        if men is None or men.pronoun is not None:
            return None
        return _Attr("indirect", cs, ce, v, men, 0, cs)
    return None


class _SubjMatch:
    """A stand-in for a match object with one group, "subj"."""

    def __init__(self, s: int, e: int):
        self._s, self._e = s, e

    def start(self, _g="subj"):
        return self._s

    def end(self, _g="subj"):
        return self._e


_NP_HEAD_OK = re.compile(r"^[\w.\-\u2019'/]+$")


_EVIDENCE_LONG = True
_EVIDENCE_VERBS = {"show", "shows", "showed", "found", "finds", "suggests", "suggested", "indicates",
                   "indicated", "concluded", "concludes", "reveals", "revealed"}


def _evidence_subject(text: str, lo: int, vstart: int) -> tuple[int, int] | None:
    """A long evidence subject opening the clause: "The latest Harbor Institute poll released Friday",
    "An analysis of county budgets that have grown since 2010,", "A slide from the mayor's
    presentation": the first noun phrase has an evidence head and nothing between it and the
    verb reads as another clause."""
    im = _CLAUSE_INTRO.match(text, lo, vstart)
    st = im.end() if im else lo
    seg = text[st:vstart]
    if not seg.strip() or _word_count(seg) > 25 or re.search(r"[;:\"\u201c\u201d]", seg) or _has_break(seg):
        return None
    hm = re.match(r"\s*((?:(?:the|a|an|this|that|another|its|his|her|their|our|new|latest|recent)\s+)*"
                  r"(?:[\w\-/.\u2019']+\s+){0,4}?)([\w\-]+)(?=\s+(?:of|from|by|on|in|for|released|published|"
                  r"conducted|taken|that|which|\u2014|\u2013|--)\b|\s*[,\u2014\u2013]|\s*$)", seg, re.I)
    if hm is None or hm.group(2).lower() not in _EVIDENCE_HEADS:
        return None
    rest = seg[hm.end():]
    if any(w.lower() in _SPEECH_VERBS_SET for w in re.findall(r"[A-Za-z]+", rest)):
        return None
    en = st + len(seg.rstrip().rstrip(",").rstrip())
    if re.match(r"\s+(?:released|published|conducted|taken|that|which)\b", rest):
        en = st + hm.end()  # "The latest Harbor poll released Friday": the poll is the source
    return st + (len(seg) - len(seg.lstrip())), en


def _generic_subject(text: str, ss: int, vstart: int, qwin) -> _SubjMatch | None:
    """A common-noun subject the tight pattern misses ("A Bloomberg poll", "Polling averages",
    "Data from the 2014 survey", "Developers and supporters in Congress"): the words since the last
    clause break, accepted only when the head noun names a group of people or a piece of evidence."""
    lo = ss
    for a, b in qwin:
        if b < vstart:
            lo = max(lo, b + 1)
    sub = _subject_before(text, lo, vstart)
    if _EVIDENCE_LONG and text[vstart:vstart + 12].split()[0] in _EVIDENCE_VERBS:
        ev = _evidence_subject(text, lo, vstart)
        if ev is not None and (sub is None or ev[0] <= sub[0]):
            return _SubjMatch(*ev)
    if sub is None:
        return None
    st, en = sub
    np_ = text[st:en]
    if not np_.strip() or _word_count(np_) > 12 or re.search(r"[;:\u2014\u2013\"\u201c\u201d]", np_):
        return None
    core = re.split(r"\s+(?:in|from|of|at|with|for|on|by|close\s+to|familiar\s+with|released|published|"
                    r"conducted|taken|who|that)\s+", np_, maxsplit=1)[0]
    ws = core.split()
    if not ws or not all(_NP_HEAD_OK.match(w) for w in ws):
        return None
    head = re.sub(r"[\u2019']s?$", "", ws[-1].lower())
    if head not in _GROUP_HEADS and head not in _EVIDENCE_HEADS and not (
            _GROUP_PP and head.endswith(("ists", "ians")) and ws[-1][:1].islower()):
        return None
    # every word before the head is a determiner, a number, a name or a modifier, never a verb form
    for w in ws[:-1]:
        lw = w.lower()
        if lw in _GENERIC_VERBS or lw in {"is", "are", "was", "were", "has", "have", "had", "will", "would",
                                          "can", "could", "should", "may", "might", "must", "do", "does", "did"}:
            return None
    return _SubjMatch(st, en)


_COORD_VERBS = {v for v in set(_SPEECH_VERBS) | _GENERIC_VERBS | {"said", "saying"}
                if v.endswith(("ed", "ing")) or v in {"said", "told", "wrote", "thought", "knew", "found", "saw",
                                                      "felt", "sought", "spoke", "understood", "says", "tells",
                                                      "adds", "warns", "argues", "claims", "insists", "notes"}
                or (v.endswith("s") and not v.endswith("ss") and v in _GENERIC_VERBS)}
_COORD_VERBS -= {"thing", "ring", "bring", "king", "sing", "string", "red", "need", "feed", "seed",
                 "including", "according", "during", "following", "regarding", "concerning", "considering"}
_GENERIC_VERB_RE = re.compile(r"(?<![\w\-\u2019'])[a-z]{3,}\b")


# --------------------------------------------------------------------------- pass 4: resolution

def _surname_key(name: str) -> str:
    return name.split()[-1].lower()


_PTOK = r"(?:[A-Z][\w\u2019'\-]+|[A-Z]\.)"
_PERSON_RUN = re.compile(r"(?<![\w\u2019'.])(" + _PTOK + r"(?:[ \u00a0]+" + _PTOK + r")+)")
_ROLE_ADJ_WORDS = re.compile(r"^(?:[a-z]+|[A-Z][\w\u2019'\-]*)$")


def _people_mentioned(text: str) -> list[tuple[int, str, str | None]]:
    """Every personal name written with a role, in order: 'Kremlin spokesman Arkady Zimin',
    'German Defence Minister Karsten Vollmer', 'Liina Tammsalu, Estonia's foreign minister,'."""
    out: list[tuple[int, str, str | None]] = []
    for m in _PERSON_RUN.finditer(text):
        run = m.group(1)
        nm, role = _split_name(run)
        if not nm or len(nm.split()) < 2 or len(nm.split()) > 4:
            continue
        if any(w.lower().strip(".") in _ORG_WORDS or _role_tok(w) or _NATIONALITY.match(w) for w in nm.split()):
            continue
        if re.search(r"[\u2019']s$", nm) or nm.split()[0].lower() in {"the", "a", "an", "in", "on", "at", "but", "and"}:
            continue
        pos = m.start(1) + run.rfind(nm)
        # a lowercase role right before the name: "Kremlin spokesman ...", "British Europe minister ..."
        before = text[max(0, m.start(1) - 80):m.start(1)]
        words = before.split()
        if not role and words and _role_tok(words[-1].strip(",")) and words[-1][:1].islower():
            k = len(words) - 1
            while k > 0 and len(words) - k < 6 and (_role_tok(words[k - 1]) or _NATIONALITY.match(words[k - 1])
                                                    or re.match(r"^[A-Z][\w\-]*(?:[\u2019']s)?$", words[k - 1])) \
                    and words[k - 1].lower() not in {"the", "a", "an"} and not words[k - 1].endswith((",", ".")):
                k -= 1
            role = " ".join(words[k:])
        # an apposition after the name: "Liina Tammsalu, Estonia's foreign minister,"
        after = re.match(r",\s+((?:the\s+|a\s+|an\s+)?[^,.;:()\"\u201c\u201d]{2,90}?)(?=[,.;]|\s+(?:said|says|told|added)\b)",
                         text[m.end(1):m.end(1) + 120])
        if after and not role:
            cand = after.group(1).strip()
            if not re.match(r"(?:who|which|whose|that|and|but|said|says)\b", cand) and len(cand.split()) <= 12 and \
                    any(_role_tok(w) for w in cand.split()):
                role = re.sub(r"^(?:the|a|an)\s+", "", cand)
        out.append((pos, nm, role))
    return out


def _registry_role(people, name: str, before: int) -> str | None:
    best = None
    for pos, nm, role in people:
        if nm == name and role:
            if pos <= before or best is None:
                best = role
    return best


def _resolve_description(desc: str, at: int, people, history) -> tuple[str, str | None] | None:
    """'the minister', 'The German minister', 'the general' -> the most recent person whose role fits."""
    dm = re.match(r"^the\s+((?:[\w\-]+\s+){0,3})([\w\-]+)$", desc, re.I)
    if not dm:
        return None
    headw = dm.group(2).lower()
    if headw not in _ROLE_WORDS | {"general", "mp", "mep", "spokesman", "spokeswoman"} or \
            headw in _ANON_HEADS - {"spokesman", "spokeswoman", "spokesperson", "adviser", "advisor", "analyst"}:
        return None
    mods = [w.lower() for w in dm.group(1).split()]
    cands = [(pos, nm, role) for pos, nm, role in people if pos < at and role]
    cands += [(-1, h[0], h[2]) for h in history if h[1] == "person" and h[2]]
    best, best_key = None, None
    for pos, nm, role in cands:
        rw = [re.sub(r"[\u2019']s$", "", w.lower()) for w in role.split()]
        if headw not in rw and not any(w.startswith(headw) for w in rw):
            continue
        fit = sum(1 for w in mods if w in rw or any(x.startswith(w[:5]) for x in rw if len(w) >= 5))
        key = (fit, pos)
        if best_key is None or key > best_key:
            best, best_key = (nm, role), key
    return best


_OFFICE_ABBREV = {"sen": "senator", "rep": "representative", "gov": "governor", "gen": "general",
                  "pres": "president", "amb": "ambassador", "adm": "admiral", "sec": "secretary"}


def _resolve_recent(desc: str, para: int, last_by_para, people, history) -> tuple[str, str | None] | None:
    """'The analyst', 'the MP', 'The deputy minister' whose role no earlier mention spells out: the
    person who spoke last in this paragraph or the one before, when that person is named and none of
    the roles the text gives them names a different office. Only an all-lowercase description
    ("The New York businessman", "the Vermont senator" stay as written)."""
    dm = re.match(r"^the\s+((?:[a-z\-]+\s+){0,3})([a-z\-]+|MP|MEP)$", desc, re.I)
    if not dm or not desc[1:].replace("MP", "mp").islower():
        return None
    headw = dm.group(2).lower()
    if headw not in _ROLE_WORDS | {"mp", "mep"} or headw in _ANON_HEADS - {"analyst", "adviser", "advisor"}:
        return None
    for p in (para, para - 1):
        ctx = last_by_para.get(p)
        if ctx is None:
            continue
        name, kind, role, anon = ctx[0], ctx[1], ctx[2], ctx[3]
        if kind != "person" or anon or len(name.split()) < 2 or not _NAME_RUN_START.fullmatch(name):
            return None
        roles = [role] + [r for _, nm, r in people if nm == name] + [h[2] for h in history if h[0] == name]
        offices = set()
        for r in roles:
            for w in (r or "").split():
                w = _OFFICE_ABBREV.get(re.sub(r"[\u2019']s$", "", w.lower()).strip(".,"), w.lower().strip(".,"))
                if w in _ROLE_WORDS or w in {"mp", "mep"}:
                    offices.add(w)
        if offices and headw not in offices:
            return None
        return name, role
    return None


def _resolve(text: str, attrs: list[_Attr]) -> list[Quote]:
    out: list[Quote] = []
    history: list[tuple[str, str, str | None, bool, int]] = []  # name, kind, role, anon, para
    full_names: dict[str, str] = {}
    last_by_para: dict[int, tuple] = {}

    def remember(name, kind, role, anon, para):
        history.append((name, kind, role, anon, para))
        last_by_para[para] = (name, kind, role, anon, cue_now[0])
        if kind == "person" and len(name.split()) >= 2:
            full_names[_surname_key(name)] = name

    def find_full(surname: str, before: int) -> str | None:
        key = surname.lower()
        if key in full_names:
            return full_names[key]
        # a full name written earlier in the text, not necessarily as a speaker
        best = None
        for m in re.finditer(r"\b([A-Z][a-z\u00c0-\u024f'\-]+(?:\s+[A-Z]\.)?\s+" + re.escape(surname) + r")\b",
                             text[max(0, before - 20000):before]):
            cand = m.group(1)
            if cand.split()[0].lower() in _TITLES or cand.split()[0].lower() in {"the", "a", "in", "on"}:
                continue
            best = cand
        return best

    people = _people_mentioned(text)
    pending = []
    cue_now = [None]
    for a in attrs:
        cue_now[0] = a.cue
        if a.sourceless:
            out.append(Quote(a.start, a.end, text[a.start:a.end], a.kind, None, None, None, None, a.cue,
                             False, "unknown"))
            continue
        men = a.mention
        speaker = role = None
        kind = "unknown"
        anon = False
        sp_s = sp_e = None
        if men is not None:
            sp_s, sp_e = men.start, men.end
            role = men.role
            if men.pronoun:
                want = {"he": "person", "she": "person", "i": "person", "it": "organisation"}.get(men.pronoun)
                for h in reversed(history):
                    if want is None or h[1] == want or (men.pronoun == "it" and h[1] not in ("person", "anonymous")):
                        speaker, kind, role, anon = h[0], h[1], h[2], h[3]
                        break
                else:
                    speaker, kind = None, "unknown"  # a pronoun is never a speaker's name
                    named = [p for p in people if p[0] < men.start]
                    if men.pronoun in {"he", "she"} and named:
                        speaker, kind, role = named[-1][1], "person", named[-1][2]
                    elif men.pronoun in {"he", "she"}:
                        recent = None
                        for rm in re.finditer(r"\b([A-Z][a-z\u00c0-\u024f'\-]+\s+[A-Z][a-z\u00c0-\u024f'\-]+)\b",
                                              text[max(0, men.start - 2000):men.start]):
                            if rm.group(1).split()[0].lower() not in _TITLES | _ROLE_WORDS | {
                                    "the", "a", "an", "in", "on", "at", "but", "and"}:
                                recent = rm.group(1)
                        if recent:
                            speaker, kind = recent, "person"
            elif men.nonspeaker:
                pass  # no speaker named ("has spent two years arguing ..."): the quote stands without one
            elif men.name:
                nm = men.name
                if len(nm.split()) == 1:
                    full = find_full(nm, men.start)
                    if full:
                        nm = full
                speaker, kind = nm, "person"
                if is_place(nm):  # "Kyiv", "Lithuania": a government, not a person
                    kind, role = "organisation", None
                if role is None and kind == "person":
                    for h in reversed(history):
                        if h[0] == nm and h[2]:
                            role = h[2]
                            break
                if role is None and kind == "person":
                    role = _registry_role(people, nm, men.start)
            else:
                desc = _clean_np(men.raw)
                speaker, kind, anon = desc, men.kind, men.anonymous
                hit = None if anon else _resolve_description(desc, men.start, people, history)
                if hit is None and not anon:
                    hit = _resolve_recent(desc, a.para, last_by_para, people, history)
                if hit:
                    speaker, kind, role = hit[0], "person", hit[1] or role or (desc if kind == "person" else None)
                else:
                    kind, anon = final_kind(desc, kind, anon)
                    if role is None and kind == "person":
                        role = desc
            if speaker:
                remember(speaker, kind, role, anon, a.para)
        else:
            # inherit from context: the same paragraph, else the previous one
            ctx = None
            if a.para in last_by_para:
                ctx = last_by_para[a.para]
            elif a.kind != "indirect" and (a.para - 1) in last_by_para:
                ctx = last_by_para[a.para - 1]
            elif a.kind != "indirect" and (a.para - 2) in last_by_para and history:
                ctx = last_by_para[a.para - 2]
            cue = a.cue
            if ctx:
                speaker, kind, role, anon, ctx_cue = ctx
                if a.kind == "direct" and cue is None:
                    cue = ctx_cue
            elif a.kind != "indirect":
                pending.append(len(out))
        if speaker is None and a.kind == "indirect" and men is None:
            continue
        q = Quote(a.start, a.end, text[a.start:a.end], a.kind, speaker, sp_s, sp_e, role,
                  a.cue if men is not None else cue,
                  bool(anon), kind if speaker else "unknown")
        out.append(q)
    # quotes whose attribution follows in the next paragraph
    for i in pending:
        q = out[i]
        for j in range(i + 1, len(out)):
            nq = out[j]
            if nq.speaker and nq.speaker_start is not None and nq.start - q.end < 400:
                out[i] = Quote(q.start, q.end, q.text, q.kind, nq.speaker, None, None, nq.role, q.cue,
                               nq.anonymous, nq.speaker_kind)
                break
    return out


def _normalise(text: str) -> str:
    """Same length as text: `''`/```` ` used as double marks become '" ' (offsets unchanged)."""
    text = re.sub(r"(?<![\w'])''(?=\S)", '" ', text)
    text = re.sub(r"(?<=\S)''(?![\w'])", ' "', text)
    text = text.replace("``", '" ')
    return text


def _replace_text(q: Quote, text: str) -> Quote:
    if q.text == text[q.start:q.end]:
        return q
    from dataclasses import replace
    return replace(q, text=text[q.start:q.end])


_TURN_RE = re.compile(r"^[ \t\u00a0]*([\"\u201c\u201e]?)[ \t]*([A-Z][A-Z.'\u2019\-]+(?:[ \u00a0][A-Z][A-Z.'\u2019\-]+){0,2}):[ \t\u00a0]+(?=\S)",
                      re.M)
_HEAD_LABEL_RE = re.compile(r"^[ \t]*([A-Z][a-z'\u2019\-]+(?:[ \u00a0][A-Z][a-z'\u2019\-]+){0,2}):[ \t]+(?=\S)")
_NOT_SPEAKER_LABEL = {
    "update", "updated", "breaking", "exclusive", "note", "editor", "editors", "correction", "watch", "read",
    "photos", "photo", "video", "videos", "related", "also", "more", "analysis", "opinion", "comment",
    "live", "review", "poll", "polls", "factbox", "explainer", "timeline", "quiz", "full", "text",
    "abstract", "summary", "source", "sources", "credit", "caption", "warning", "spoiler", "ps", "p.s",
    "faq", "tl;dr", "tldr", "q", "a", "edt", "est", "gmt", "utc", "pm", "am", "report", "transcript",
    "partial", "question", "answer", "listen", "subscribe", "share", "advertisement", "disclosure",
}


def _transcript_turns(text: str) -> list[tuple[int, int, int, int, int]]:
    """Speaker-labelled paragraphs of an interview or debate transcript ("WALLACE: ...", "PENCE: ..."),
    written in capitals at the start of at least two paragraphs, and a headline of the form
    "Name: statement". Returns (mark_pos or -1, label_start, label_end, content_start, content_end)."""
    out = []
    for m in _TURN_RE.finditer(text):
        label = m.group(2)
        if label.lower().strip(".") in _NOT_SPEAKER_LABEL or len(label.replace(".", "")) < 2:
            continue
        pe = text.find("\n", m.end())
        pe = len(text) if pe < 0 else pe
        cs, ce = _trim(text, m.end(), pe)
        if ce > cs:
            out.append((m.start(1) if m.group(1) else -1, m.start(2), m.end(2), cs, ce))
    if len({text[a:b] for _, a, b, _, _ in out}) < 2 and len(out) < 3:
        out = []
    hm = _HEAD_LABEL_RE.match(text)
    # a headline label is a speaker only when it reads as a name that the article uses again
    # ("Pence: ..."), not a topic ("The Latest: ...", "Stealth Over Health: ...")
    if hm and hm.group(1).lower() not in _NOT_SPEAKER_LABEL and hm.group(1).split()[0].lower() not in _NOT_SPEAKER_LABEL \
            and not re.search(r"\b(?:The|A|An|Of|Over|In|On|For|And|To|With|At|By)\b", hm.group(1)) \
            and re.search(r"(?<![\w\-])" + re.escape(hm.group(1)) + r"(?![\w\-])", text[hm.end():]):
        pe = text.find("\n", hm.end())
        pe = len(text) if pe < 0 else pe
        cs, ce = _trim(text, hm.end(), pe)
        if _word_count(text[cs:ce]) >= 3:
            out.insert(0, (-1, hm.start(1), hm.end(1), cs, ce))
    return out


def _add_turns(text: str, quotes: list[Quote], turns) -> list[Quote]:
    if not turns:
        return quotes
    tspans = [(cs, ce) for _, _, _, cs, ce in turns]
    # a quotation that swallowed several turns is the transcript itself, not a quote
    kept = [q for q in quotes if sum(1 for a, b in tspans if q.start <= a and b <= q.end + 1) < 2
            and not any(a <= q.start and q.end <= b and q.kind == "direct" and q.speaker is None for a, b in tspans)]
    for _, ls, le, cs, ce in turns:
        if any(q.start <= cs and ce <= q.end + 1 and q.kind != "indirect" for q in kept):
            continue
        label = text[ls:le]
        name = label.title() if label.isupper() else label
        kept.append(Quote(cs, ce, text[cs:ce], "direct", name, ls, le, None, ":", False, "person"))
    kept.sort(key=lambda q: q.start)
    return kept


def extract_quotes(text: str) -> list[Quote]:
    """Every quotation and reported statement in `text`, in reading order. Never raises."""
    if not isinstance(text, str) or not text.strip():
        return []
    try:
        norm = _normalise(text)
        turns = _transcript_turns(norm)
        for mark, _, _, _, _ in turns:
            if mark >= 0:  # the paragraph-opening mark of a transcript turn does not open a quote
                norm = norm[:mark] + " " + norm[mark + 1:]
        quotes = _add_turns(norm, _resolve(norm, _find_attributions(norm)), turns)
        quotes = [_replace_text(q, text) for q in quotes]
    except Exception:  # pragma: no cover - the contract is "never raises"
        return []
    n = len(text)
    return [q for q in quotes if 0 <= q.start < q.end <= n and
            (q.speaker_start is None or 0 <= q.speaker_start <= q.speaker_end <= n)]
