"""Hand-written cue lexicons for :mod:`extractors.stance`.

Everything here is written by hand from general English usage in political news; nothing is
derived from a labelled corpus. Weights are on VADER's scale (about -4..4): positive means
the cue supports (is *for*) whatever it is said about, negative means it opposes it.

* ``STANCE`` — directed stance cues: verbs, nouns and adjectives that take a side
  ("criticise", "praise", "veto", "premature", "deserves"). Word forms are matched through
  :func:`base_forms`, so list the base form ("criticize" also finds "criticized",
  "criticizes", "criticizing").
* ``PHRASES`` — multi-word cues, matched on whole lower-cased tokens.
* ``NEUTRALISE`` — words whose general-sentiment valence misleads in political news ("party",
  "justice", "security", "war"), or that describe grief rather than opposition.
* ``NEGATORS``, ``CONTRAST`` — negation and contrast markers.
* ``HEDGES``, ``CONDITIONS`` — hedging and conditional markers (phrases allowed).

The general-sentiment fallback is VADER's lexicon (MIT), read from the ``vaderSentiment``
package when it is installed; without it only the hand-written cues count.
"""
from __future__ import annotations

import functools
import os

# --- directed stance cues -------------------------------------------------------------------
_CON = {
    3.0: """accuse accusation blast slam lambaste denounce condemn condemnation excoriate vilify
            demonize berate castigate assail decry deride ridicule rebuke chastise scold smear
            oppose opposition opponent veto reject rejection obstruct sabotage derail thwart
            impeach impeachment betray betrayal disgrace disgraceful hypocrite hypocrisy
            unacceptable outrageous shameful reckless incompetent unfit liar lie lying
            disastrous corrupt corruption unconstitutional witch-hunt hoax""",
    2.2: """criticize criticise criticism critic blame attack assault bash trash skewer hammer
            mock insult disparage discredit undermine block resist resistance protest boycott
            repeal scrap abolish overturn defy rebel revolt revolting feud clash spar
            confront confrontation hostile hostility threaten threat dangerous danger
            irresponsible mislead misleading false falsely fake frivolous scandal fraud
            failure fail failed flawed wrong bad terrible horrible awful worst weak
            sue lawsuit indict indictment prosecute subpoena investigate investigation probe
            premature provocation provocative escalation escalate overreach abuse
            obstruction stonewall filibuster refuse refusal distrust mistrust doubt dubious
            skeptical sceptical skeptic sceptic wary reluctant reluctance hesitant
            problematic extreme extremist radical racist bigot bigoted unhinged crazy
            dishonest unqualified illegal ignorant disgusting pathetic ridiculous absurd
            lament deplore regret divisive polarizing jab snub rebuff spurn dismiss
            dismissive counterproductive harmful harm damage damaging destroy ruin""",
    1.3: """against fight battle challenge dispute disagree disagreement split rift worry worried
            concern concerned fear warn warning objection
            questioned questioning complain complaint gripe grievance pressure delay hurdle obstacle risk risky
            costly mistake error controversial controversy rival critique caution cautious
            oust ousted fire fired sanction punish penalty ban halt freeze suspend cancel
            deny denial curb restrict limit loophole partisan divisive unpopular hurt
            slow stall stalled tension tense strain condemned prolong worthless aggression
            defeat beat unseat topple challenger rivalry adversary foe enemy nemesis
            pressure pressured""",
}
# Political-news words of blame and discredit that VADER's lexicon lacks (added by hand for
# stance-3): calling a claim or an act false, unlawful or a failure opposes its author.
_CON[2.2] += """
            sham illegitimate untrue unnecessary implode censure improbable curtail scrutiny withhold
            incite lynch baseless unfounded bogus debunk falsehood disinformation unlawful convicted
            collude collusion meddle meddling interference interfere subvert undercut erode
            dismantle rollback revoke rescind defund reprimand admonish grill lambast chide scoff
            sneer jeer heckle embattled beleaguered tainted infamous debacle blunder gaffe misstep
            backfire stalemate gridlock standoff impasse misconduct wrongdoing allegation alleged
            allegedly bribery kickback cronyism nepotism emoluments payoff xenophobic misogynist
            sexist bigotry demagogue authoritarian dictator tyrant despot inflammatory incendiary
            vitriol fringe deranged"""
# General words of discredit, rejection and harm (stance-4, by hand from general English usage).
_CON[2.2] += """
            rebut refute disavow repudiate renounce disown lampoon pillory malign slander libel defame
            besmirch tarnish torpedo scuttle outlaw prohibit invalidate nullify shun ostracize expel extort
            defraud endanger jeopardize imperil detractor misguided wrongheaded ill-advised shortsighted
            crooked shady inept feckless spineless scapegoat weaken contradict
            bemoan bristle balk pummel eviscerate taunt belittle downplay heckle snipe harangue
            archrival arch-rival dissident holdout unworkable unaffordable unrealistic untenable
            indefensible inexcusable unforgivable intolerable unconscionable egregious deplorable
            despicable reprehensible heinous odious disqualifying unpresidential erratic volatile
            overblown overstated hyperbolic alarmist conspiratorial politicized weaponize weaponized
            heavy-handed draconian lax"""
# Words of impropriety, evasion and decline (stance-5, by hand from general English usage).
_CON[2.2] += """
            detrimental puppet stooge lackey crony thug unanswered unfavorable unfavorably murky secretive
            evasive deceptive improper improperly inappropriate inappropriately stunt ploy gimmick charade
            pander pandering flip-flop dodge evade unwarranted unjustified unjustifiable overstep overstepped
            coerce coercion retaliate retaliation vindictive objected"""
_CON[1.3] += """
            object objects objecting scrutinize trailing trailed slump plummet tumble unusual capitulate
            cave surrender"""
_PRO = {
    3.0: """praise laud hail applaud commend endorse endorsement champion admire admiration
            congratulate tribute honour honor salute celebrate rightful deserve deserving
            irreversible hero heroic courageous brave condolence condolences mourn eulogy
            belong lifeline milestone landmark""",
    2.2: """support supportive backer backing backed backs advocate advocacy favor favour
            defend defender welcome embrace tout thank grateful gratitude
            approve approval ratify welcome vouch trust respect respected loyal loyalty
            friend friendship cooperate cooperation collaborate partner partnership agree
            consensus unity solidarity commit committed commitment
            belong promise pledge guarantee assure reassure protect protection strengthen
            bolster boost benefit succeed success successful effective accomplishment
            achievement victory win great excellent good best terrific fantastic wonderful
            decent honest integrity qualified capable talented smart wise vision visionary
            urge promote sponsor cosponsor co-sponsor enthusiastic optimistic
            ready willing eager keen outlast lasting durable far-reaching investment
            alongside loyalist confidant protege protégé mentor admirer
            fan booster surrogate teammate running-mate""",
    1.3: """help aid join adopt accept compromise essential vital fair reasonable positive
            progress hopeful love encourage encouraging invite invitation recognise recognize
            credit valued yes open fund funding substantial""",
}
# Ties between a holder and a target (stance-3): proposing, enacting or appointing something, and
# family, staff and donors, lean for it. Weak (1.3): they are relations, not praise. ("sign"
# and "allies" are left out: in treaty and alliance news they name the topic, not a side; stance-5
# leaves "lawyer" out too: a bare "lawyers" is mostly someone else's, and counsel linking the holder
# and the target, "X, a lawyer for Y", is read by ``stance._role``.)
_PRO[1.3] += """
            propose proposal introduce unveil enact appoint nominate nominee pick choice choose
            prefer father mother son daughter wife husband brother sister family aide adviser
            advisor staffer donor donate contributor reelect re-elect reappoint stump
            fundraiser historic breakthrough expansion preserve uphold affirm reaffirm
            coalition bipartisan"""
# Praise, defence and appointment words (stance-4, by hand).
_PRO[2.2] += """
            extol exonerate proponent sensible prudent pragmatic commonsense principled
            herald spearhead laudable commendable admirable praiseworthy exemplary stellar tremendous
            phenomenal unwavering staunch stalwart statesmanlike blessing"""
_PRO[1.3] += """
            shield vindicate befriend woo recruit enlist appointee"""
_CON[1.3] += """
            override"""  # stance-7: overriding a decision or a veto goes against it
# stance-7: passing a measure enacts it, like "enact" and "adopt" (only before an object: not "passed away")
_PRO[1.3] += """
            pass"""


def _expand(table: dict[float, str], sign: float) -> dict[str, float]:
    out: dict[str, float] = {}
    for weight, words in table.items():
        for w in words.split():
            out[w] = sign * weight
    return out


STANCE: dict[str, float] = {**_expand(_PRO, 1.0), **_expand(_CON, -1.0)}

# Multi-word cues (lower case, whole tokens). Positive supports, negative opposes.
PHRASES: dict[str, float] = {
    # opposing
    "red line": -2.5, "off the table": -3.0, "not the time": -2.5, "too early": -2.2,
    "too soon": -2.2, "push back": -2.0, "pushed back": -2.0, "pushing back": -2.0,
    "lash out": -3.0, "lashed out": -3.0, "lashing out": -3.0, "rail against": -3.0,
    "railed against": -3.0, "take aim": -2.5, "took aim": -2.5, "taking aim": -2.5,
    "speak out against": -3.0, "spoke out against": -3.0, "voted against": -3.0,
    "vote against": -3.0, "votes against": -3.0, "voting against": -3.0,
    "call out": -2.0, "called out": -2.0, "broke with": -2.5, "break with": -2.5,
    "breaking with": -2.5, "distance himself": -2.0, "distance herself": -2.0,
    "distanced himself": -2.0, "distanced herself": -2.0, "distance themselves": -2.0,
    "hold up": -1.5, "held up": -1.5, "holding up": -1.5, "shut down": -1.5,
    "strike down": -2.0, "struck down": -2.0, "power grab": -3.0, "cover-up": -3.0,
    "cover up": -2.5, "witch hunt": -3.0, "no way": -2.5, "out of the question": -3.0,
    "a non-starter": -3.0, "non-starter": -3.0, "dead end": -2.5, "dead on arrival": -3.0,
    "a mistake": -2.5, "step down": -2.0, "resign": -1.5, "called for his resignation": -3.0,
    "called for her resignation": -3.0, "not ready": -2.2, "at odds": -2.2,
    "went after": -2.2, "go after": -2.2, "goes after": -2.2, "going after": -2.2,
    "no place": -2.0, "fed up": -2.5, "cracked down": -2.0, "crack down": -2.0,
    "no legal value": -3.0, "changed nothing": -2.5, "change nothing": -2.5,
    "prolong the war": -3.0, "into the war": -2.0, "party to the conflict": -2.5,
    "stopped short of": -0.5, "stop short of": -0.5, "stops short of": -0.5,
    "harder , not easier": -3.0, "a step backwards": -2.5, "a step backward": -2.5,
    "at best": -2.2, "as opposed to": 0.0,  # stance-5: "at best" belittles; "as opposed to" only contrasts
    "best interest": 0.0, "best interests": 0.0,  # stance-5: a fixed phrase ("interest" is neutral too)
    # supporting
    "not a substitute for": 2.5, "no substitute for": 2.5, "is the answer": 2.5,
    "the right answer": 3.0, "a turning point": 2.5, "investment in": 2.5, "a bridge to": 2.2,
    "step towards": 2.0, "step toward": 2.0, "when , not if": 3.0, "no longer a question of if": 3.0,
    "question of when": 2.2, "a model for": 2.2, "we need": 1.8, "we want": 1.8,
    "we need to": 0.0, "we want to": 0.0, "last thing we need": -2.5,  # stance-5: the verb after "to" decides
    "push for": 2.5, "pushed for": 2.5, "pushing for": 2.5, "pushes for": 2.5,
    "call for": 1.8, "called for": 1.8, "calling for": 1.8, "calls for": 1.8,
    "fight for": 2.5, "fought for": 2.5, "fighting for": 2.5, "stand with": 2.5,
    "stood with": 2.5, "standing with": 2.5, "stand by": 2.2, "stood by": 2.2,
    "side with": 2.2, "sided with": 2.2, "siding with": 2.2, "voted for": 2.5,
    "vote for": 2.2, "votes for": 2.2, "voting for": 2.5, "voted to confirm": 2.5,
    "work with": 1.8, "worked with": 1.8, "working with": 1.8, "must join": 3.0,
    "in favor of": 2.5, "in favour of": 2.5, "rightful place": 3.0, "open door": 2.0,
    "open-door": 2.0, "the way forward": 2.2, "a step forward": 2.2, "step forward": 1.8,
    "good friend": 3.0, "great job": 3.0, "thank you": 2.5, "signed into law": 1.5,
    "made clear his support": 3.0, "made clear her support": 3.0, "rallied behind": 3.0,
    "rally behind": 3.0, "rallying behind": 3.0, "came to the defense": 3.0,
    "came to the defence": 3.0, "spoke highly": 3.0, "speaks highly": 3.0,
    # rivalry and alliance between the holder and the target
    "victory over": -2.5, "win over": -1.5, "wins over": -1.5, "won over": -1.5, "bested by": -2.5,
    "beaten by": -2.5, "defeated by": -2.5, "lost to": -2.2, "running against": -2.5,
    "ran against": -2.5, "run against": -2.5, "challenge to": -2.2, "challengers to": -2.5,
    "challenger to": -2.5, "stand up to": -2.5, "stood up to": -2.5, "standing up to": -2.5,
    "teamed up with": 2.5, "team up with": 2.5, "joined forces with": 2.5, "join forces with": 2.5,
    "along with": 1.0, "together with": 1.5, "on behalf of": 2.0, "in defense of": 3.0,
    "in defence of": 3.0, "close to": 1.5, "aligned with": 2.5, "allied with": 2.5,
    "ally of": 2.5, "allies of": 2.5, "an ally": 2.5, "close ally": 3.0, "close allies": 3.0,
    "staunch ally": 3.0, "longtime ally": 3.0, "political ally": 2.5,
    "the right choice": 3.0, "right choice": 3.0, "the right thing": 2.5,
    # stance idioms of political news (stance-4), opposing
    "critical of": -3.0, "a blow to": -2.5, "blow to": -2.2, "on his hands": -2.5, "on her hands": -2.5,
    "on their hands": -2.5, "on your hands": -2.5, "wind down": -2.0, "winding down": -2.0,
    "rein in": -2.0, "reined in": -2.0, "reining in": -2.0, "roll back": -2.2, "rolled back": -2.2,
    "rolling back": -2.2, "do away with": -2.5, "did away with": -2.5, "get rid of": -2.5,
    "got rid of": -2.5, "getting rid of": -2.5, "back out of": -2.2, "backed out of": -2.2,
    "walk away from": -2.2, "walked away from": -2.2, "turn against": -2.5, "turned against": -2.5,
    "turned on": -2.2, "swipe at": -2.5, "swipes at": -2.5, "took shots at": -2.5, "take shots at": -2.5,
    "took a shot at": -2.5, "poke fun": -2.2, "poked fun": -2.2, "make fun of": -2.5, "made fun of": -2.5,
    "making fun of": -2.5, "no confidence": -3.0, "lost confidence": -2.5, "a joke": -2.5, "a farce": -2.5,
    "a disaster": -2.5, "cast doubt": -2.5, "casting doubt": -2.5, "casts doubt": -2.5,
    "called into question": -2.5, "calls into question": -2.5, "raised questions about": -2.0,
    "fell short": -2.0, "falls short": -2.0, "fall short": -2.0, "out of touch": -2.5,
    "in the pocket of": -2.5, "beholden to": -2.5, "playing politics": -2.5, "played politics": -2.5,
    "play politics": -2.5, "held hostage": -2.5, "holding hostage": -2.5, "hold hostage": -2.5,
    "went too far": -2.2, "goes too far": -2.2, "go too far": -2.2, "gone too far": -2.2,
    "war on": -2.5, "at war with": -2.5, "clamp down": -2.0, "clamped down": -2.0, "crackdown on": -2.2,
    "sounded the alarm": -2.0, "sound the alarm": -2.0,
    # rebuke idioms (stance-5)
    "take issue with": -2.5, "took issue with": -2.5, "taken issue with": -2.5, "takes issue with": -2.5,
    "taking issue with": -2.5, "drew the ire": -2.5, "draw the ire": -2.5, "drawn the ire": -2.5,
    "drawing the ire": -2.5, "drew fire": -2.5, "draws fire": -2.5, "drawn fire": -2.5, "came under fire": -2.5,
    "come under fire": -2.5, "comes under fire": -2.5, "under fire": -2.5, "trip up": -2.5, "slow-walk": -2.5,
    "slow-walked": -2.5, "slow-walking": -2.5, "fired back": -2.5, "fire back": -2.5, "fires back": -2.5,
    "hit back": -2.5, "hits back": -2.5, "hit out at": -2.5, "hits out at": -2.5, "tore into": -2.5,
    "tear into": -2.5, "tears into": -2.5, "laid into": -2.5, "lay into": -2.5, "no business": -2.5,
    "unfit for": -2.5, "not fit": -2.5,
    # supporting
    "on board with": 2.5, "signed on to": 2.0, "signed onto": 2.0, "get behind": 2.5, "got behind": 2.5,
    "getting behind": 2.5, "threw his weight behind": 3.0, "threw her weight behind": 3.0,
    "stand up for": 2.5, "stood up for": 2.5, "standing up for": 2.5, "stands up for": 2.5,
    "speak up for": 2.5, "spoke up for": 2.5, "a big fan": 3.0, "thumbs up": 2.5, "green light": 2.2,
    "far enough": 2.0, "on the same page": 2.5, "see eye to eye": 2.5, "common ground": 2.0,
    "makes sense": 2.0, "make sense": 2.0, "made sense": 2.0, "reached out to": 1.8, "reach out to": 1.8,
    # idioms of backing and of rebuff (stance-5), supporting
    "hell of a": 2.5, "in the tank for": 2.5, "has his back": 2.5, "has her back": 2.5, "have his back": 2.5,
    "have her back": 2.5, "went to bat for": 2.5, "go to bat for": 2.5, "goes to bat for": 2.5,
    "cheered on": 2.5, "lavished praise": 3.0, "heaped praise": 3.0, "sang the praises": 3.0,
    "sing the praises": 3.0, "high marks": 2.5, "solidly behind": 2.5, "firmly behind": 2.5,
    "squarely behind": 2.5, "four more years": 2.5,
    # opposing
    "no friend of": -2.5, "no fan of": -2.5, "a far cry from": -2.0, "under the bus": -2.5,
    "stab in the back": -3.0, "stabbed in the back": -3.0, "turned his back on": -2.5, "turned her back on": -2.5,
    "turned their backs on": -2.5, "turn their backs on": -2.5, "turn its back on": -2.5, "turned its back on": -2.5,
    "poured cold water on": -2.5, "pour cold water on": -2.5, "threw cold water on": -2.5,
    "dragged his feet": -2.0, "dragged its feet": -2.0, "dragging its feet": -2.0, "dragging their feet": -2.0,
    "drag their feet": -2.0, "shot down": -2.2, "shoot down": -2.2, "shoots down": -2.2, "ripped into": -2.5,
    "rip into": -2.5, "rips into": -2.5, "low marks": -2.5, "failing grade": -2.5,
    # inflaming (stance-6): "fan" alone is an admirer
    "fanned the flames": -2.5, "fan the flames": -2.5, "fanning the flames": -2.5, "fans the flames": -2.5,
    # working jointly (stance-7), supporting
    "in conjunction with": 1.5, "in tandem with": 1.5, "hand in hand with": 2.0, "in partnership with": 2.0,
    "in concert with": 1.5,
}

# General-sentiment words (VADER's) that mislead in political and security news: topic nouns
# of the beat, institutional names, and words of grief (sympathy is not opposition).
NEUTRALISE = frozenset("""
    party parties united justice security secure intelligence care freedom liberty like please
    well ha haha war wars military defense defence guarantee guarantees assurance assurances
    commitment commitments crisis emergency critical nato alliance pact treaty peace agreement agreements
    death dead died dies die dying cancer grief grieving loss lost passing passed tragedy
    tragic sad sadness mourning funeral killed kill killing violence violent shooting gun guns
    weapons weapon arms army forces force nuclear missile missiles bomb invasion invaded
    conflict fighting combat soldier soldiers troops terror terrorism terrorist terrorists
    immigration immigrants illegal-immigrants border rights right left leading top serious
    seriously huge big great-grandfather vote voters campaign officially official
    yes no true truly certain certainly sure surely supreme chief ok okay free
    special interest interests values
    """.split())

# Cue words that count only before an object ("back Ukraine", not "dates back to 1949"; "passed the bill",
# not "passed away").
NEEDS_OBJECT = frozenset("back backs pass passes passed passing".split())
DETERMINERS = frozenset("""the a an this that these those his her their its our your my any all
    every some such kyiv ukraine nato""".split())

# Hedge phrases whose negator is part of the hedge, not a negation of stance ("not yet").
NEGATOR_HEDGES = frozenset(["not yet", "not necessarily", "not now", "not rule out",
                            "not ruling out", "did not rule out"])

NEGATORS = frozenset("""not n't no never neither nor without none nobody nothing cannot cant
    dont doesnt didnt wont wouldnt shouldnt couldnt isnt arent wasnt werent hasnt havent hadnt
    lack lacks lacking""".split())

# Verbs that negate their complement: "refused to back", "failed to endorse", "stopped short of".
NEGATING_VERBS = frozenset("""refuse refused refuses refusing decline declined declines
    declining fail failed fails failing stopped stop ceased halted sever severs severed severing
    terminate terminates terminated terminating withhold withholds withheld withholding""".split())

# Verbs of losing and withdrawing (stance-7, by hand): they take away the supporting word after them
# ("lost the support of", "withdrew his endorsement", "forfeited their trust") but negate nothing else.
LOSS_VERBS = frozenset("""lose loses lost losing withdraw withdraws withdrew withdrawn withdrawing forfeit forfeits
    forfeited forfeiting squander squanders squandered squandering bleed bleeds bleeding hemorrhage hemorrhaged
    hemorrhaging""".split())

# Verbs of intent whose own valence is not a stance: the verb after "to" carries it
# ("threatened to veto the bill" opposes the bill, "threatened to close the border" supports closing it).
INTENT_VERBS = frozenset("""threaten threatens threatened threatening vow vows vowed vowing promise promises
    promised promising pledge pledges pledged pledging hope hopes hoped hoping plan plans planned
    planning want wants wanted wanting seek seeks sought seeking try tries tried trying attempt
    attempts attempted attempting push pushes pushed pushing move moves moved moving""".split())

# Verbs that act against their object: against something bad they support ("stop aggression").
COUNTER_VERBS = frozenset("""stop stops stopped stopping end ends ended ending deter deters deterred
    prevent prevents prevented counter counters countered halt halts halted oppose opposes opposed
    opposing""".split())

# Verbs of pressing someone to act ("urged Roe to resign"): the one pressed is faulted, not backed.
PRESS_VERBS = frozenset("""urge urges urged urging pressure pressures pressured pressuring implore implores
    implored imploring prod prods prodded prodding""".split())

# The target's success (stance-7, by hand): a verb of success right after the target ("Doe won", "the law is
# working") backs it; auxiliaries may come between.
SUCCESS = frozenset("""win wins won winning succeed succeeds succeeded succeeding prevail prevails prevailed prevailing
    triumph triumphs triumphed thrive thrives thrived thriving flourish flourishes flourished excel excels excelled
    delivered delivers""".split())
LEADING = frozenset("lead leads led leading".split())  # as the verb of a race: "Roe leads Doe by 4 points"
WORKING = frozenset("work works worked working".split())  # only at a clause end: "is working", not "works with"
AUXILIARIES = frozenset("""is are was were be been has have had will would can could did does do also already still
    clearly really finally just now again""".split())

# Words of excess: a good quality in excess opposes ("too friendly with", "overly generous to").
EXCESS = frozenset("too overly excessively".split())

CONTRAST = frozenset("but however yet although though while whereas nevertheless nonetheless still".split())

HEDGES: tuple[str, ...] = (
    "in principle", "eventually", "at some point", "not yet", "in due course", "may", "might",
    "could", "possibly", "perhaps", "maybe", "something between", "when conditions are met",
    "over time", "one day", "in the future", "in the long term", "in the long run",
    "not ruling out", "not rule out", "did not rule out", "open to", "consider", "considering",
    "would consider", "some form of", "a form of", "kind of", "sort of", "potentially",
    "probably", "likely", "unlikely", "not necessarily", "for now", "not now",
    "conditions-based", "only as",
)

CONDITIONS: tuple[str, ...] = (
    "only if", "if and only if", "once the war ends", "once the war is over", "when the war ends",
    "when conditions are met", "when conditions allow", "after the war", "provided that",
    "providing that", "as long as", "so long as", "until the war is over", "until the war ends",
    "conditions allow", "on condition that", "on the condition that", "subject to",
    "contingent on", "conditional on", "depends on", "depending on", "unless", "if",
    "once conditions", "when allies agree", "when allies are in agreement",
    "while the war continues", "while the war continued", "while the war lasts", "while the war goes on",
    "while fighting continues", "while fighting continued", "while the fighting continues",
    "in the middle of a war", "as long as fighting",
)

# Short, general aliases for common institutional targets ("GOP" for the Republican Party).
ALIASES: dict[str, tuple[str, ...]] = {
    "republican party": ("republicans", "republican", "gop"),
    "democratic party": ("democrats", "democrat", "democratic", "dems"),
    "united states": ("u.s.", "us", "america", "american", "washington"),
    "united kingdom": ("britain", "british", "uk", "u.k.", "london"),
    "russia": ("russian", "russians", "moscow", "kremlin"),
    "ukraine": ("ukrainian", "ukrainians", "kyiv", "kiev"),
    "north atlantic treaty organization": ("nato", "the alliance"),
    "european union": ("eu", "brussels"),
    "affordable care act": ("obamacare", "aca", "health care law", "health law"),
    "white house": ("the administration",),
}


def base_forms(word: str) -> tuple[str, ...]:
    """Candidate base forms of an English word form, the word itself first."""
    w = word
    out = [w]
    if len(w) > 4 and w.endswith("ies"):
        out.append(w[:-3] + "y")
    if len(w) > 4 and w.endswith("ied"):
        out.append(w[:-3] + "y")
    if len(w) > 3 and w.endswith("es"):
        out.append(w[:-2])
    if len(w) > 3 and w.endswith("s") and not w.endswith("ss"):
        out.append(w[:-1])
    if len(w) > 4 and w.endswith("ed"):
        out += [w[:-2], w[:-1]]
        if len(w) > 5 and w[-3] == w[-4]:
            out.append(w[:-3])
    if len(w) > 5 and w.endswith("ing"):
        out += [w[:-3], w[:-3] + "e"]
        if w[-4] == w[-5]:
            out.append(w[:-4])
    if len(w) > 5 and w.endswith("ly"):
        out.append(w[:-2])
    if len(w) > 5 and w.endswith("ers"):
        out.append(w[:-3])
    if len(w) > 5 and w.endswith("er"):
        out += [w[:-2], w[:-1]]
    return tuple(out)


@functools.lru_cache(maxsize=1)
def general_lexicon() -> dict[str, float]:
    """VADER's word valences (from the installed vaderSentiment package), or {} without it."""
    try:
        import vaderSentiment.vaderSentiment as vs  # noqa: PLC0415 (optional dependency)
    except Exception:  # pragma: no cover - optional
        return {}
    path = os.path.join(os.path.dirname(vs.__file__), "vader_lexicon.txt")
    lex: dict[str, float] = {}
    try:
        with open(path, encoding="utf-8") as fh:
            for line in fh:
                parts = line.rstrip("\n").split("\t")
                if len(parts) >= 2:
                    try:
                        lex[parts[0].lower()] = float(parts[1])
                    except ValueError:
                        continue
    except OSError:  # pragma: no cover
        return {}
    return lex
