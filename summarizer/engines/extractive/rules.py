"""Every word list and cue pattern the extractive engine uses, as data.

The other modules hold the procedure; this one holds the knowledge, so tuning the engine
means editing here. Words are lower case unless a comment says otherwise. Knowledge that a
library already carries (country names, cities, abbreviations, name particles, person
titles) is taken from it in ``gazetteer.py`` and ``mentions.py``; the lists here add what
those libraries lack.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from summarizer.brief import ActorKind, Confidence, Likelihood, Position, UncertaintyReason


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


RULES_VERSION = "12"
"""Bump when a rule changes what the engine writes: it is part of the engine's identity."""

# ---- sentences ---------------------------------------------------------------------------

SENTENCE_STARTERS = _words(
    "a an the he she it they we i you his her its their our this that these those there "
    "but and so yet however meanwhile in on at after before during since while when if "
    "as according despite following one two three some many most"
)
"""Words that, after an abbreviation such as "U.S." or "Inc.", show a new sentence begins."""

# ---- words that are never names ----------------------------------------------------------

MONTHS = _words(
    "january february march april may june july august september october november december "
    "jan feb mar apr jun jul aug sep sept oct nov dec"
)
WEEKDAYS = _words(
    "monday tuesday wednesday thursday friday saturday sunday mon tue tues wed thu thur "
    "thurs fri sat sun"
)
TEMPORAL_WORDS = _words("yesterday today tomorrow tonight now then earlier later recently")
HOLIDAYS = _words(
    "christmas easter ramadan eid hanukkah diwali thanksgiving halloween lent passover new year's"
)

COMMON_STARTERS = _words(
    """a an the this that these those it its he she they we i you his her their our my your
    there here in on at as after before during since while when where whether although though
    however meanwhile according despite following last next some many most much more other
    another both each every all several few one two three four five six seven eight nine ten
    first second third also but and or nor so yet if unlike like among under over not no
    only even still such with without for from by to of into about around across against
    along amid between beyond near through throughout toward towards upon via within
    reportedly allegedly currently recently later earlier now then today yesterday tomorrow
    tonight late early former local federal regional national international global breaking
    update updated exclusive several dozens hundreds thousands millions officials police
    authorities protesters critics experts witnesses residents members leaders reports
    statements sources analysts troops soldiers militants rebels voters supporters opponents
    demonstrators prosecutors investigators doctors scientists researchers students workers
    families people children women men victims posts footage video photos images traffic
    violence figures charges moves meanwhile what who why how which whose whom
    mr mrs ms dr sir madam please thank thanks yes okay ok oh wow regarding using including
    concerning considering given asked speaking writing responding citing addressing
    asked speaking unlike similarly additionally furthermore moreover instead indeed
    """
)
"""Capitalised only because they open a sentence or a quote: never the start of a name."""

GENERIC_NAMES = _words(
    """police government administration authorities officials internet web online media
    press president minister governor mayor chancellor premier state states city country
    nation republic kingdom army navy military forces troops committee council ministry
    department agency office embassy god allah islam christianity judaism muslim muslims
    christian christians catholic catholics jewish jews hindu buddhist sunni shia shiite
    arab arabs western eastern northern southern north south east west africa asia europe
    america americas oceania antarctica mass twitter facebook instagram tiktok telegram
    whatsapp email english french spanish arabic republican democrat conservative liberal
    socialist communist scientologist brexit covid-19 coronavirus"""
)
"""Capitalised words that name no particular actor on their own."""

PRONOUN_FORMS = _words(
    """i i'm i've i'll i'd i’m i’ve i’ll i’d we we're we've we'll we’re we’ve we’ll you he
    she they it"""
)
"""Capitalised pronouns: never names, wherever they stand."""

ADJECTIVE_SUFFIXES = _words(
    """majority led backed based born style era owned run linked related affiliated funded
    aligned controlled held made speaking language dominated occupied allied inspired"""
)
"""Last parts of hyphenated adjectives ("Muslim-majority", "Saudi-led"): no name words."""

ACRONYM_STOPLIST = _words(
    """it tv pm am gmt utc bst est edt pst cet ceo cfo coo cto mp mps mep dna gdp id ok pc
    cctv suv lgbt lgbtq covid aids hiv sars usd eur gbp ad bc ii iii iv vi vii viii ix xi
    xii xiii xiv xv xvi xvii xviii xix xx xxi i gop faq pdf html url pr rip vip diy sms gps
    atm ufo ngo ngos km kg mph kph ft bbq ipo ai ar vr maga ps nb fm"""
)
"""All-caps tokens that are abbreviations of things, not of actors."""

SMALL_WORDS = frozenset(["of", "for", "the", "and", "on", "de", "in", "to", "&"])
"""Words inside names that initials and name matching skip ("Department of State")."""
PLURAL_OWNERS = _words("people women men children workers citizens")
"""Owners that stay inside a name before a head word ("New People's Party")."""
OWNED_NAME_REACH = 3
"""Capitalised words after such an owner within which the head must come ("People's
Liberation Army")."""
ORIGIN_PREPOSITIONS = frozenset(["of", "from"])
"""Words after which a place may run on into a person's name ("Senator from Vermont Bernie
Sanders", "Chief Executive of Hong Kong Carrie Lam")."""
PARTICLE_EXCLUDED = _words("op do te het san st ste tho bar bat bon mac mc")
"""nameparser prefixes that are English words or name starts, not particles inside a name."""

# ---- titles and roles --------------------------------------------------------------------

TITLE_WORDS = _words(
    """president vice-president premier chancellor minister secretary secretary-general
    senator sen representative rep reps congressman congresswoman congressmember
    assemblyman assemblywoman assemblymember monsignor monsenor
    governor gov lieutenant-governor mayor ambassador envoy attorney attorney-general
    prosecutor judge justice commissioner superintendent inspector sergeant sgt officer
    constable detective general gen admiral adm colonel col captain capt lieutenant lt
    commander commandant marshal brigadier corporal cpl king queen prince princess emperor
    empress sultan emir sheikh shaikh ayatollah pope cardinal archbishop bishop rabbi imam
    reverend rev dr doctor professor prof mr mrs ms mx director director-general chairman
    chairwoman chairperson chair ceo founder co-founder spokesperson spokesman spokeswoman
    speaker leader mp mep lawmaker councillor councilor alderman sheriff solicitor
    solicitor-general barrister consul taoiseach chief-executive commandant-general
    president-elect prime-minister coach"""
)
"""Capitalised words inside a name chunk that are a role, not part of the name."""

ROLE_SYNONYMS = {"secretary": "minister", "premier": "prime", "spokesman": "spokesperson",
                 "spokeswoman": "spokesperson"}  # fmt: skip
"""Title words that name the same office, for "the foreign minister" to find Foreign
Secretary Marcelo Ebrard."""

KEPT_TITLES = _words("pope king queen prince princess emperor empress sultan emir")
"""Titles kept in the name when one name word follows ("Pope Francis")."""

ROLE_MODIFIERS = _words(
    """former ex ex- deputy vice acting senior junior chief interior foreign home health
    defence defense finance economy economic trade education justice regional local federal
    shadow first assistant associate special presidential general principal prime national
    security police executive managing interim outgoing incoming"""
)
"""Capitalised words that qualify a title ("Interior Minister", "Senior Superintendent")."""

ROLE_WORD_EXCLUDED = _words(
    """air army banner bench baseball blues ballet advertising analytics behavioral biblical
    bearer blessed brother sister mother father aunt auntie uncle maid master mistress
    family marine navy police fire church state court royal federal national united
    saint st ste"""
)
"""Words in nameparser's title list that, before a capitalised word, are no sign of a person."""

EXTRA_ROLE_WORDS = _words(
    """campaigner protester protestor activist lawyer spokesperson spokesman spokeswoman
    seaman pilot nurse student blogger journalist reporter correspondent editor researcher
    scientist economist analyst candidate nominee challenger incumbent rival
    opposition dissident suspect gunman attacker assailant victim witness chef
    commissioner director head boss chairman chairwoman adviser advisor aide councillor
    councilor minister secretary president governor mayor prosecutor"""
)
"""Lower-case words that announce a person's name right after them."""

# ---- heads: the last word of a name says what it names -----------------------------------

ORG_HEADS: dict[str, ActorKind] = {
    **dict.fromkeys(
        _words(
            "party parties democrats republicans conservatives tories liberals greens socialists"
        ),
        ActorKind.political_party,
    ),
    **dict.fromkeys(
        _words(
            "army navy forces force guard guards military marines corps command brigade "
            "battalion regiment division fleet"
        ),
        ActorKind.military,
    ),
    **dict.fromkeys(
        _words("militia militias front mujahideen brigades rebels insurgents"),
        ActorKind.armed_group,
    ),
    **dict.fromkeys(
        _words(
            "government ministry department administration office congress parliament senate "
            "house assembly court tribunal police prefecture cabinet bureau directorate "
            "legislature presidency judiciary constabulary embassy consulate municipality "
            "secretariat"
        ),
        ActorKind.government,
    ),
    **dict.fromkeys(
        _words(
            "organisation organization union association federation society foundation fund "
            "bank institute institution university college school church corporation company "
            "group inc ltd llc plc corp news times post press herald journal tribune telegraph "
            "guardian mail network broadcasting radio television international alliance "
            "coalition league movement center centre trust charity club cooperative archive "
            "nations watch partners holdings airlines airways media campaign project initiative "
            "agency council commission committee service authority"
        ),
        ActorKind.organization,
    ),
}
"""The last of these words in a name gives its kind ("Coast Guard" is military)."""

SHARED_PLURAL_HEADS = _words(
    """parties houses chambers courts governments ministries parliaments senates assemblies
    councils committees"""
)
"""Plural heads that conjoined names share ("the Democratic and Republican Parties")."""

AMBIGUOUS_HEADS = _words("agency council commission committee service authority")
"""Heads that are governmental only in a name with a state word ("National Crime Agency")."""

STATE_BODY_WORDS = _words(
    "national federal state royal ministry department interior foreign home supreme "
    "legislative executive presidential police"
)
"""Words that, with an ambiguous head, make a name governmental."""

JOINING_HEADS = (
    frozenset(ORG_HEADS)
    | TITLE_WORDS
    | _words(
        "state republic kingdom emirate caliphate church people friends women men children "
        "workers district region province ministry secretary director head chief"
    )
)
"""Words after which "of"/"for" continues a name ("Church of Scientology")."""

TOPIC_HEADS = _words("commission committee subcommittee council conference panel")
"""Heads after which "on" continues a name ("Commission on Presidential Debates")."""

PLACE_HEADS = _words(
    """street st road rd avenue ave boulevard lane drive highway motorway bridge park square
    plaza mall market hotel hospital clinic airport station terminal port harbour harbor
    cathedral mosque masjid temple synagogue chapel shrine basilica river lake sea ocean gulf
    strait straits bay island islands isle peninsula canal mountain mountains mount hill
    hills valley desert forest rainforest coast beach county province district region
    territory territories constituency city town village corner tower building stadium arena
    prison jail camp base crossing border falls heights wall gate palace castle zone
    quarter neighbourhood neighborhood suburb estate fault trench ridge basin plateau volcano
    reef glacier"""
)
EVENT_HEADS = _words(
    """war wars summit election elections referendum olympics cup championship championships
    festival week days conference accord accords agreement treaty protocol amendment article
    constitution charter declaration hurricane typhoon cyclone storm earthquake crisis
    revolution era questions awards hajj pilgrimage celebration anniversary ceremony marathon
    season strategy doctrine"""
)
SURNAME_EVENT_HEADS = _words("law act bill mass day plan tour trial break games series prize")
"""Event heads that are also surnames: an event only in a longer name ("Radio Control Law")."""
EVENT_PREFIXES = _words("hurricane typhoon cyclone storm tropical operation")
"""First words that make a name an event or a named operation."""

COMMON_NOUN_SUFFIXES = (
    "tion", "tions", "sion", "sions", "ment", "ments", "ness", "ity", "ities", "ance", "ances",
    "ence", "ences", "ism", "isms", "ology", "ography", "ics", "ship", "ships", "hood", "ware",
    "ture", "tures", "orders", "eases",
)  # fmt: skip
"""Endings of English common nouns that no person's name has ("Iodine Nutrition")."""

NON_NAME_WORDS = _words(
    """new old great grand greater little upper lower central royal holy sacred supreme united
    republic federal national
    north south east west northern southern eastern western northeast northwest southeast
    southwest middle far near high low big first second third last golden black white red
    green blue yellow"""
)
"""Capitalised words that start place and institution names, never a person's."""

# ---- known actors that no head word gives away -------------------------------------------

ORG_ALIASES: dict[str, str] = dict.fromkeys(
    (
        "isis", "isil", "daesh", "islamic state", "islamic state of iraq and the levant",
        "islamic state of iraq and syria", "islamic state of iraq and al-sham",
    ),
    "isis",
)  # fmt: skip
"""Names of one organisation that neither spelling nor initials tie together."""

KNOWN_KINDS: dict[str, ActorKind] = dict.fromkeys(
    _words(
        "isis isil daesh taliban al-qaeda al-qaida al-shabaab al-shabab hamas hezbollah "
        "hizbollah houthi houthis pkk ypg ypj sdf ira eta farc hts"
    ),
    ActorKind.armed_group,
)
KNOWN_KINDS.update(
    {
        "islamic state": ActorKind.armed_group,
        "boko haram": ActorKind.armed_group,
        "houthi movement": ActorKind.armed_group,
        "abu sayyaf": ActorKind.armed_group,
        "al qaeda": ActorKind.armed_group,
        "labour": ActorKind.political_party,
        "conservatives": ActorKind.political_party,
        "tories": ActorKind.political_party,
        "democrats": ActorKind.political_party,
        "republicans": ActorKind.political_party,
        "likud": ActorKind.political_party,
        "fidesz": ActorKind.political_party,
        "un": ActorKind.organization,
        "eu": ActorKind.organization,
        "nato": ActorKind.organization,
        "au": ActorKind.organization,
        "asean": ActorKind.organization,
        "opec": ActorKind.organization,
        "imf": ActorKind.organization,
        "who": ActorKind.organization,
        "wto": ActorKind.organization,
        "g7": ActorKind.organization,
        "g-7": ActorKind.organization,
        "g20": ActorKind.organization,
        "g-20": ActorKind.organization,
        "bbc": ActorKind.organization,
        "cnn": ActorKind.organization,
        "nbc": ActorKind.organization,
        "abc": ActorKind.organization,
        "cbs": ActorKind.organization,
        "afp": ActorKind.organization,
        "ap": ActorKind.organization,
        "reuters": ActorKind.organization,
        "greenpeace": ActorKind.organization,
        "fbi": ActorKind.government,
        "cia": ActorKind.government,
        "nsa": ActorKind.government,
        "kgb": ActorKind.government,
        "fsb": ActorKind.government,
        "mi5": ActorKind.government,
        "mi6": ActorKind.government,
        "pentagon": ActorKind.government,
        "kremlin": ActorKind.government,
        "white house": ActorKind.government,
        "downing street": ActorKind.government,
        "state department": ActorKind.government,
        "home office": ActorKind.government,
        "foreign office": ActorKind.government,
    }
)
"""Names and acronyms whose kind no head word shows. Keys are case-folded full names."""

ARMED_GROUP_CUES = _words(
    "militant militants militia rebel rebels insurgent insurgents jihadist jihadists "
    "terrorist terrorists extremist extremists guerrilla guerrillas fighters"
)
"""Words next to a name that show it is an armed group."""

ORG_APPOSITION_CUES = _words(
    """group organisation organization party network broadcaster newspaper agency company
    firm charity movement militia website site board app outlet channel institute union
    association campaign coalition labelled labeled dubbed"""
)
"""Lower-case nouns right before a one-word name that show it is an actor ("group
Greenpeace", "news network RTHK")."""

DEFINITE_REFERENCES: dict[str, frozenset[ActorKind]] = {
    **dict.fromkeys(
        _words("network company firm broadcaster channel site website newspaper"),
        frozenset([ActorKind.organization]),
    ),
    "militia": frozenset([ActorKind.armed_group]),
    "country": frozenset([ActorKind.state]),
}
"""Nouns that, after "the", refer back to the last actor of these kinds ("the network").
Other nouns ("the commission", "the embassy") refer to the last actor whose name has them."""

# ---- states, demonyms, capitals ----------------------------------------------------------

COUNTRY_ALIASES: dict[str, str] = {
    "us": "United States",
    "u.s.": "United States",
    "u.s": "United States",
    "usa": "United States",
    "u.s.a.": "United States",
    "america": "United States",
    "united states of america": "United States",
    "uk": "United Kingdom",
    "u.k.": "United Kingdom",
    "britain": "United Kingdom",
    "great britain": "United Kingdom",
    "russian federation": "Russia",
    "republic of korea": "South Korea",
    "dprk": "North Korea",
    "czech republic": "Czechia",
    "burma": "Myanmar",
    "holland": "Netherlands",
    "the netherlands": "Netherlands",
    "türkiye": "Turkey",
    "turkiye": "Turkey",
    "uae": "United Arab Emirates",
    "prc": "China",
    "people's republic of china": "China",
    "islamic republic of iran": "Iran",
    "ivory coast": "Ivory Coast",
    "côte d'ivoire": "Ivory Coast",
    "vatican city": "Vatican",
    "holy see": "Vatican",
    "east timor": "Timor Leste",
    "palestine": "Palestinian Territory",
}
"""Other names of states, mapped to the GeoNames short name."""

DEMONYMS: dict[str, str] = {
    word: country
    for country, words in {
        "Afghanistan": "afghan afghans",
        "Albania": "albanian",
        "Algeria": "algerian",
        "Argentina": "argentine argentinian",
        "Armenia": "armenian",
        "Australia": "australian",
        "Austria": "austrian",
        "Azerbaijan": "azerbaijani",
        "Bahrain": "bahraini",
        "Bangladesh": "bangladeshi",
        "Belarus": "belarusian belarussian",
        "Belgium": "belgian",
        "Benin": "beninese",
        "Bolivia": "bolivian",
        "Bosnia and Herzegovina": "bosnian",
        "Brazil": "brazilian",
        "United Kingdom": "british",
        "Bulgaria": "bulgarian",
        "Myanmar": "burmese myanmar",
        "Cambodia": "cambodian",
        "Cameroon": "cameroonian",
        "Canada": "canadian",
        "Chile": "chilean",
        "China": "chinese",
        "Colombia": "colombian",
        "Croatia": "croatian",
        "Cuba": "cuban",
        "Cyprus": "cypriot",
        "Czechia": "czech",
        "Denmark": "danish",
        "Netherlands": "dutch",
        "Ecuador": "ecuadorian",
        "Egypt": "egyptian",
        "United Arab Emirates": "emirati",
        "Eritrea": "eritrean",
        "Estonia": "estonian",
        "Ethiopia": "ethiopian",
        "Philippines": "filipino philippine",
        "Finland": "finnish",
        "France": "french",
        "Georgia": "georgian",
        "Germany": "german",
        "Ghana": "ghanaian",
        "Greece": "greek",
        "Haiti": "haitian",
        "Hungary": "hungarian",
        "Iceland": "icelandic",
        "India": "indian",
        "Indonesia": "indonesian",
        "Iran": "iranian",
        "Iraq": "iraqi",
        "Ireland": "irish",
        "Israel": "israeli",
        "Italy": "italian",
        "Jamaica": "jamaican",
        "Japan": "japanese",
        "Jordan": "jordanian",
        "Kazakhstan": "kazakh kazakhstani",
        "Kenya": "kenyan",
        "Kuwait": "kuwaiti",
        "Kyrgyzstan": "kyrgyz",
        "Laos": "laotian",
        "Latvia": "latvian",
        "Lebanon": "lebanese",
        "Libya": "libyan",
        "Lithuania": "lithuanian",
        "Malaysia": "malaysian",
        "Mali": "malian",
        "Malta": "maltese",
        "Mexico": "mexican",
        "Moldova": "moldovan",
        "Mongolia": "mongolian",
        "Morocco": "moroccan",
        "Nepal": "nepalese nepali",
        "New Zealand": "new zealand",
        "Nicaragua": "nicaraguan",
        "Nigeria": "nigerian",
        "Niger": "nigerien",
        "North Korea": "north korean",
        "Norway": "norwegian",
        "Oman": "omani",
        "Pakistan": "pakistani",
        "Palestinian Territory": "palestinian",
        "Panama": "panamanian",
        "Paraguay": "paraguayan",
        "Peru": "peruvian",
        "Poland": "polish",
        "Portugal": "portuguese",
        "Qatar": "qatari",
        "Romania": "romanian",
        "Russia": "russian",
        "Rwanda": "rwandan",
        "Saudi Arabia": "saudi",
        "Senegal": "senegalese",
        "Serbia": "serbian",
        "Singapore": "singaporean",
        "Slovakia": "slovak slovakian",
        "Slovenia": "slovenian slovene",
        "Somalia": "somali",
        "South Africa": "south african",
        "South Korea": "south korean korean",
        "South Sudan": "south sudanese",
        "Spain": "spanish",
        "Sri Lanka": "sri lankan",
        "Sudan": "sudanese",
        "Sweden": "swedish",
        "Switzerland": "swiss",
        "Syria": "syrian",
        "Taiwan": "taiwanese",
        "Tajikistan": "tajik",
        "Tanzania": "tanzanian",
        "Thailand": "thai",
        "Tunisia": "tunisian",
        "Turkey": "turkish",
        "Turkmenistan": "turkmen",
        "Uganda": "ugandan",
        "Ukraine": "ukrainian",
        "United States": "american",
        "Uruguay": "uruguayan",
        "Uzbekistan": "uzbek",
        "Venezuela": "venezuelan",
        "Vietnam": "vietnamese",
        "Yemen": "yemeni",
        "Zambia": "zambian",
        "Zimbabwe": "zimbabwean",
    }.items()
    for word in words.split()
}
"""Adjectives of states (pycountry has none). Multi-word keys are matched as phrases."""

REGIONS = frozenset(
    (
        "africa", "asia", "europe", "oceania", "antarctica", "americas", "middle east",
        "latin america", "north america", "south america", "central america", "caribbean",
        "balkans", "scandinavia", "persian gulf", "gulf", "mainland",
    )
)  # fmt: skip
"""Regions that only locate, which no gazetteer lists as a city or subdivision."""

PLURAL_DEMONYMS: dict[str, str] = {
    f"{word}s": country for word, country in DEMONYMS.items() if word[-1] in "nio"
}
"""People of a state ("the Ukrainians"), taken as a mention of that state."""

INSTITUTION_NOUNS: dict[str, ActorKind] = {
    "movement": ActorKind.organization,
    "militia": ActorKind.armed_group,
    "rebels": ActorKind.armed_group,
    "party": ActorKind.political_party,
    "government": ActorKind.government,
    "authorities": ActorKind.government,
    "police": ActorKind.government,
    "administration": ActorKind.government,
    "parliament": ActorKind.government,
    "military": ActorKind.military,
    "army": ActorKind.military,
    "navy": ActorKind.military,
    "coast guard": ActorKind.military,
}
"""Lower-case nouns that make one name with the capitalised words before them ("Houthi
movement", "Hong Kong police", "the Saudi government")."""

STATE_AGENT_NOUNS = _words(
    "officials troops forces soldiers diplomats envoy officers prosecutors statement agents "
    "operatives"
)
"""Lower-case nouns after a state or demonym that make it the state acting ("US troops")."""
SPEAKING_NOUNS = STATE_AGENT_NOUNS | _words(
    "spokesperson spokesman spokeswoman office statement members"
)
"""Nouns between an actor and its verb that still make the actor the one acting ("The
Turkish statement called for", "Erdogan's office said", "Conservative Party members voted")."""

# ---- shallow syntax ----------------------------------------------------------------------

AUXILIARIES = _words("has have had will would could can may might must should shall did does do")
COPULAS = _words("is are was were be been being am become became becomes")
VERBS = _words(
    """said says say told tells tell wrote writes spoke speaks met meets held holds led leads
    won wins lost loses took takes gave gives made makes sent sends went goes came comes
    left leaves fled flees began begins saw sees thought thinks sought seeks brought brings
    fought fights struck strikes shot shoots threw throws hit hits put puts set sets cut
    cuts let lets ran runs rose rises fell falls chose chooses drew draws flew flies grew
    grows knew knows stood stands kept keeps felt feels found finds paid pays sold sells
    spent spends built builds meant means heard hears became becomes wants plans calls
    urges warns claims denies rejects supports opposes accuses blames condemns welcomes
    threatens insists argues believes hopes expects agrees remains continues faces asks
    demands announces reports vows pledges promises signs backs opens closes launches
    orders bans sues seeks tweeted tweets posted posts stated states added adds noted notes
    explained explains confirmed confirms revealed reveals responded responds replied
    replies declared declares described describes called calls got gets"""
)
"""Finite verbs that a regular "-ed" ending does not give away."""

SKIPPABLE_ADVERBS = _words(
    """also previously recently later subsequently reportedly allegedly then now already still
    officially publicly quickly repeatedly immediately strongly jointly formally once never
    not always often again even further himself herself itself themselves yesterday today
    earlier"""
)
PLACE_PREPOSITIONS = _words("in from at on")
"""Before a place or day set between a subject and its verb ("the court in Scotland ruled")."""
PREPOSITIONS = _words(
    """of to with against for on in at from about into onto over under between among toward
    towards near after before during since than via like upon within without across
    through throughout around including"""
)
"""Words after which a name is an object, not a subject."""

AGENT_POSSESSIONS = _words(
    """statement statements office government administration forces troops military army
    decision plan plans proposal call calls demand demands announcement campaign effort
    efforts attempt attempts request requests order orders investigation refusal move policy
    threat threats attack attacks response position warning warnings accusation accusations
    claim claims operation operations bid"""
)
"""Nouns after "X's" that make X the one acting ("Rouhani's new security plan")."""

PARTICIPLE_IRREGULARS = _words(
    """led held won lost taken given made sent brought fought struck shot thrown hit put set
    built paid sold told written spoken seen known drawn grown chosen run begun"""
)
PHRASE_STOPS = _words(
    "which who whom whose where when while whereas because since after before as if unless "
    "although though despite amid saying said adding according"
)
"""Words that end the object phrase after a cue: they open another clause."""
PHRASE_TAIL_WORDS = PREPOSITIONS | _words(
    "the a an and or by his her their its our my your this that"
)
"""Function words a phrase does not end on ("the withdrawal of" is "the withdrawal")."""
CLAUSE_BREAK_WORDS = _words("but while whereas although though because however")
GERUND_OPENERS = frozenset([",", "after", "before", "while", "by", "when", "since"])
"""Words before an "-ing" verb whose subject is the main clause's ("was shot after stabbing
two people")."""
OBJECT_CONTROL_VERBS = _words(
    "ask asks asked asking urge urges urged urging told tell tells allow allowed persuade "
    "persuaded force forced want wanted wants pressed pressure pressured"
)
"""Verbs whose object is the subject of the "to" clause after it ("asking the US to waive")."""
LOCATIVE_PARTICIPLES = _words(
    "separated surrounded bordered located situated divided bounded flanked crossed "
    "dominated overlooked fed drained"
)
"""Participles before "by" whose agent is a place, not an actor ("separated by the Rio
Grande")."""
APPOSITION_OPENERS = _words(
    "the a an who which whose its his her their one another now then already also currently "
    "formerly former"
)
"""Words that open an apposition after a name ("Carrie Lam, the chief executive, said")."""

# ---- stances -----------------------------------------------------------------------------


def _any(*alternatives: str) -> re.Pattern[str]:
    """A pattern matching any of ``alternatives`` as whole words.

    Cue patterns are lower case and run on ``Sentence.folded``, the lower-cased text:
    case-sensitive matching is several times faster than ``re.IGNORECASE``.
    """
    return re.compile(r"\b(?:" + "|".join(alternatives) + r")\b")


@dataclass(frozen=True, slots=True)
class StanceCue:
    pattern: re.Pattern[str]
    position: Position
    action: str = ""
    """For a verb that does something rather than says it ("cancelled classes"): the gerund
    the topic opens with ("cancelling classes"), the act the actor stands for."""


_LEGISLATION = r"(?:bill|law|measure|motion|resolution|amendment|legislation|decree|proposal)s?"
_STANCE_NOUNS = r"(?:support|backing|endorsement|opposition|objection|rejection|condemnation)\b"
"""Nouns that carry their own position: "announced their support for X" is for X, and
"announced his opposition to X" against it, not for the announcement."""
_WHAT_IT_WOULD_DO = r"(?: to| that would| which would|(?= \w+ing\b))"
_WHEN = r"(?: (?:on|last|this|early|late|earlier|later) \w+| yesterday| today)?"
"""When a vote was held, between the verb and what it decided ("voted on Tuesday to")."""

STANCE_CUES: tuple[StanceCue, ...] = (
    StanceCue(
        _any(
            r"vot(?:e|ed|es|ing)(?: \d+ (?:to|-) \d+)?" + _WHEN + " to"
            r"(?: (?:pass|approve|adopt|ratify|back|endorse|accept)(?= (?:a|an|the)\b))?(?= [a-z])",
            # "has proposed legislation that would fund the government"
            r"(?:introduc|propos|present|draft|unveil|submitt?|fil|sen[dt]|tabl)(?:e|ed|es|ing)?"
            r" (?:(?:a|an|the|its|his|her|their) )?(?:new |draft )?"
            rf"{_LEGISLATION}{_WHAT_IT_WOULD_DO}",
            r"appoint(?:ed|s|ing)?",
            r"appreciat(?:e|ed|es|ing)",
            r"justif(?:y|ied|ies|ying)",
            r"(?:co-?)?sponsor(?:ed|ing)",
            r"drafted",
            r"call(?:ed|s|ing)? (?:for|on)",
            r"urg(?:e|ed|es|ing)",
            r"demand(?:ed|s|ing)?(?: for)?",
            r"welcom(?:e|ed|es|ing)",
            r"prais(?:e|ed|es|ing)",
            r"hail(?:ed|s|ing)",
            r"applaud(?:ed|s|ing)",
            r"ask(?:s|ed|ing)(?=(?: [\w'’.-]+){0,4} to )",
            r"(?:tell|tells|telling|told)(?=(?: [\w'’.-]+){1,4} to )",
            r"threaten(?:ed|s|ing)? to",
            r"encourag(?:e|ed|es|ing)",
            r"pressur(?:e|ed|es|ing)(?=(?: [\w'’.-]+){1,4} to )",
            r"compl(?:y|ied|ies|ying) with",
            r"hop(?:e|ed|es|ing) (?:that|to)",
            r"reaffirm(?:ed|s|ing)?",
            r"reiterat(?:ed|es|ing) (?:its|his|her|their) support for",
            r"support(?:ed|s|ing)?(?: for| of)?",
            r"back(?:ed|s|ing)",
            r"endors(?:e|ed|es|ing)",
            r"favou?r(?:ed|s)",
            r"second(?:ed|s)",
            r"defend(?:ed|s|ing)?",
            r"approv(?:e|ed|es|ing)",
            r"accept(?:ed|s)",
            r"agreed to",
            r"acced(?:e|ed|es|ing) to",
            r"vot(?:e|ed|es|ing) for",
            r"pledg(?:ed|es)",
            r"promis(?:ed|es)",
            r"vow(?:ed|s) to",
            r"committ(?:ed|ing) to",
            r"recommend(?:ed|s)?",
            r"announc(?:ed|es|ing)(?= (?:a|an|the|his|her|its|their|plans?|new)\b)"
            rf"(?! (?:his|her|its|their) (?:own )?{_STANCE_NOUNS})",
            r"sign(?:ed|s)(?: on to| up to| onto)?(?! off)",
            r"insist(?:ed|s) on",
            r"push(?:ed|es|ing) for",
            r"press(?:ed|es|ing) for",
            r"campaign(?:ed|s|ing) for",
            r"advocat(?:e|ed|es|ing)",
            r"commend(?:ed|s|ing)?",
            r"laud(?:ed|s|ing)?",
            r"thanked",
            r"congratulat(?:e|ed|es|ing)",
            r"embrac(?:e|ed|es|ing)",
            r"champion(?:ed|ing)",
            r"lobb(?:ied|ies|ying) for",
            r"appeal(?:ed|s|ing)? for",
            r"(?:is|are|was|were|vot(?:e|ed|es|ing)) in favou?r of",
            r"ratif(?:y|ied|ies|ying)",
            r"order(?:ed|s)(?= (?:a|an|the|all|its|their)\b)",
            # "announced it had entered into an agreement with the government of Syria"
            r"enter(?:ed|s|ing) into(?= (?:a|an|the) (?:\w+ )?(?:agreement|deal|accord|pact"
            r"|alliance|truce|ceasefire|partnership)\b)",
            r"claim(?:s|ed)(?! (?:the lives|responsibility|by)\b)",
            r"believ(?:e|es|ed)",
            r"argu(?:e|es|ed) that",
            r"insist(?:s|ed) that",
            r"maintain(?:s|ed) that",
            r"alleg(?:e|es|ed)(?= (?:that|\w+ involvement)\b)",
            r"tried to",
            r"(?:decid|propos)(?:ed|es) to",  # a decision or proposal to act is for the act
            r"seeks? to",
            r"sought to",
            r"pl(?:ead(?:ed|s)?|ed) guilty to",  # a plea accepts the charges
            r"admit(?:s|ted|ting)(?= (?:his|her|their|its) guilt\b)",
        ),
        Position.supports,
    ),
    StanceCue(
        _any(
            r"(?:expell|summon|sanction|censur|reprimand)(?:e|ed|es|ing|s)?\b[^.;]{0,60}? over",
            r"condemn(?:ed|s|ing)?",
            r"denounc(?:e|ed|es|ing)",
            r"critici[sz](?:e|ed|es|ing)",
            r"critical of",
            r"reject(?:ed|s|ing)?",
            r"oppos(?:e|ed|es|ing)",
            r"den(?:y|ied|ies|ying)",
            r"disput(?:ed|es)",
            r"refus(?:e|ed|es|ing)",
            r"declin(?:ed|es|ing)",
            r"dismiss(?:ed|es|ing)?",
            r"decr(?:ied|ies)",
            r"blam(?:e|ed|es|ing)",
            r"accus(?:e|ed|es|ing)",
            r"disagree(?:d|s)?(?: \w+ly)? with",
            r"object(?:ed|s) to",
            r"slamm?(?:ed|s)",
            r"lambast(?:ed|s)",
            r"vot(?:e|ed|es|ing) against",
            r"question(?:ed|ing)",
            r"challeng(?:e|ed|es|ing)",
            r"block(?:ed|s)",
            r"veto(?:ed|es)",
            r"rebu(?:ked|ffed)",
            r"resist(?:ed|s|ing)",
            r"opposition to",
            r"ruled out",
            r"ban(?:ned|s)",
            r"threaten(?:ed|s)(?! to)",
            r"protest(?:ed|s|ing) against",
            r"warn(?:ed|s|ing) (?:against|of)",
            r"(?:deep |grave |serious )?concerns? (?:over|about|at)",
            r"(?:outrage|anger|dismay) (?:at|over)",
            r"deplor(?:e|ed|es|ing)",
            r"lament(?:ed|s|ing)",
            r"boycott(?:ed|s|ing)",
            r"repudiat(?:e|ed|es|ing)",
            r"rubbish(?:ed|es)",
            r"(?:hit|hits|hitting|lash(?:ed|es|ing)) (?:out|back) at",
            r"(?:took|takes|take|taking) issue with",
            r"push(?:ed|es|ing)? back (?:against|on)",
            r"distanc(?:ed|es|ing) (?:himself|herself|itself|themselves) from",
            r"scrapp(?:ed|ing)",
            r"overturn(?:ed|s|ing)",
            r"str(?:uck|ikes?|iking) down",
            r"revok(?:e|ed|es|ing)",
            r"(?:is|are|was|were) against",
            r"pl(?:ead(?:ed|s|ing)?|ed) not guilty(?: on \w+)? to",  # a plea denies the charges
            r"rul(?:ed|es|ing) against",
        ),
        Position.opposes,
    ),
    StanceCue(_any(r"cancell?(?:ed|s|ing)"), Position.supports, "cancelling"),
    StanceCue(_any(r"suspend(?:ed|s|ing)"), Position.supports, "suspending"),
    StanceCue(_any(r"postpon(?:ed|es|ing)"), Position.supports, "postponing"),
    StanceCue(
        _any(r"withdr(?:ew|aws?|awing)(?= (?:the|its|his|her|their|a|an)\b)"),
        Position.supports,
        "withdrawing",
    ),
    StanceCue(_any(r"impos(?:ed|es|ing)"), Position.supports, "imposing"),
    StanceCue(
        _any(r"declar(?:ed|es|ing)(?= (?:a|an) (?:state of|national|public health) )"),
        Position.supports,
        "declaring",
    ),
)
"""Verbs whose subject takes a position on their object."""
CLAUSE_OBJECT_CUE = _any(
    r"urg\w+", r"ask\w*", r"call(?:ed|s|ing)? on", r"press\w*", r"push\w*", r"blam\w+",
    r"accus\w+", r"encourag\w+", r"pressur\w+", r"hop\w+ (?:that|to)", r"tell\w*", r"told",
    r"order\w+", r"claim\w+", r"believ\w+", r"argu\w+", r"insist\w+", r"maintain\w+",
    r"alleg\w+",
)  # fmt: skip
"""Position verbs whose object runs on into a "to" clause: "urged the US to waive ..." and
"blamed him for encouraging farmers to set fires" are about all of it, and so is the clause
a view verb governs ("claims FSB sources have ascribed the explosion to terrorism"); other
verbs' topic ends before an infinitive ("called for G7 action to correct ...")."""
STOPPING = re.compile(
    r"(?:^|\s+to\s+)(?:halt|stop|end|cease|abandon|drop|scrap|withdraw|lift|reverse|abolish"
    r"|eliminate|do away with|get rid of|put an end to)\s+"
)
"""In what an actor urges, demands or undertakes, a verb of stopping makes it opposition to
its object: "called on Turkey to halt their drilling operations"."""
_JUDGED_ON = r"(?: that)?(?: on \w+(?: \d{1,2})?)?(?: that)? "
_LEGAL_COPULA = r"(?:is|was|are|were|be|to be|had been|has been)(?: \w+ly| also| thus)? [\"“]?"
_UNLAWFUL = r"(?:unlawful|illegal|unconstitutional|invalid|null and void)"
_LAWFUL = r"(?:lawful|legal|constitutional|valid)"
"""What holds a thing against the law or within it: a ruling's verdict (stances) and the two
sides of a dispute over legality (uncertainties)."""
RULED_UNLAWFUL = re.compile(
    r"\b(?:rul(?:ed|es|ing)|f(?:ound|inds|inding)|h(?:eld|olds)|deem(?:ed|s)|conclud(?:ed|es))"
    rf"{_JUDGED_ON}(?P<topic>[^.;:,\"“”]{{1,80}}?) (?:{_LEGAL_COPULA}"
    rf"(?:(?P<lawful>{_LAWFUL})|{_UNLAWFUL}|void)"
    r"|violat(?:ed|es)|breach(?:ed|es)|contraven(?:ed|es))\b"
)
"""A ruling or finding that something is unlawful ("the Court of Session in Scotland ruled
on September 11 the prorogation was unlawful", "found the prorogation to be unlawful", "ruled
the male-only draft violated the Due Process Clause") opposes it; one that it is lawful
supports it."""
REACTION_FROM = re.compile(
    r"\b(?P<noun>condemnations?|criticisms?|objections?|protests?|opposition|praise|support"
    r"|backing|solidarity|condolences|sympathy|sympathies|tributes)\b"
    r"(?: (?:for|of|over|against|with|to) (?P<object>[^.;:,]{1,60}?))?"
    r" (?:(?:has|have|had) (?:also )?(?:come|poured in)|came|poured in"
    r"|(?:was|were) (?:also )?(?:voiced|expressed|issued|offered|sent)) (?:from|by)\b"
)
"""Reactions credited to a list of actors ("Statements of condemnation have come from OIC
head Yousef Al-Othaimeen, Pope Francis, and a spokesperson for President Rodrigo Duterte"):
each of them holds the position the noun names, on what the noun governs ("criticism of
the decision ... came from") or else on the article's lead event."""
OPPOSING_REACTIONS = _words(
    "condemnation condemnations criticism criticisms objection objections protest protests "
    "opposition"
)
AT_THE_REQUEST_OF = _any(r"at the (?:behest|request|urging|instigation) of")
"""An act done "at the request of X" ("Queen Elizabeth II suspended parliament at the behest
of Boris Johnson") is one X stands for."""
DETERMINERS = _words(
    "the a an his her its their our my your this that these those all any some every each"
)

NEGATIONS = _any(r"not", r"never", r"no one", r"nobody", r"n't", r"don't", r"doesn't", r"didn't")

POINTING_WORDS = _words("it this that these those")
"""A topic that is one of these only points back at the event."""
REFERRING_DETERMINERS = _words("the this that these those his her its their our")
EVENT_REFERENCES = _words(
    """decision move step call calls plan proposal announcement statement statements measure
    measures action policy idea initiative order ruling verdict deal agreement request bill
    law incident attack attacks act event development news report remarks comments
    comment notion"""
)
"""Nouns that, after "the" or a possessive, refer back to an event ("his decision")."""

REFERRING_TO_NAMED = _words("the this that")
"""Before a noun, these may refer to something named earlier ("the bill")."""

STANCE_NOUN_VERBS = _words(
    "voiced voices expressed expresses gave gives offered offers pledged declared signalled "
    "signaled showed shows lent lends reiterated reaffirmed raised raises announced announces"
)
"""Verbs before a position noun ("voiced support for"): their subject holds the position."""

EVALUATION_CUE = _any(
    r"call(?:ed|s|ing)(?! for| on| off)", r"describ(?:ed|es|ing)", r"characteri[sz](?:ed|es|ing)",
    r"dubb(?:ed|ing)", r"label(?:l)?(?:ed|ing)", r"branded",
)  # fmt: skip
"""Verbs that judge their object ("called the stabbing an act of barbarity"): the
evaluative words after them give the position."""

SAID_CUE = _any(
    r"said", r"says", r"told", r"tells", r"stated", r"wrote", r"tweeted", r"added", r"continued",
    r"remarked",
)  # fmt: skip
SPOKESPERSONS = _words("spokesperson spokesman spokeswoman spokespeople representative")
"""An unnamed speaker ("A spokesperson told ...") speaks for the organisation named before."""
SPOKESPERSON_REACH = 3
"""Sentences back, this one included, in which that organisation is looked for."""
_FULL_WEEKDAYS = "monday|tuesday|wednesday|thursday|friday|saturday|sunday"
_PLAIN_MONTHS = "january|february|april|june|july|august|september|october|november|december"
TOPIC_TIME_TAIL = re.compile(
    r"(?:,?\s+(?:on|in|at|since|from|until|till|through|by|during|before|after|as of|for"
    r"|effective))?,?\s+(?:"
    rf"(?:(?:last|this|next)\s+)?(?:{_FULL_WEEKDAYS}|{_PLAIN_MONTHS})\b(?:\s+\d{{1,2}}\b)?"
    r"(?:,?\s+\d{4}\b)?"
    r"|(?:may|march)\s+\d{1,2}\b|(?:(?<=\bin )|(?<=since )|(?<=until ))(?:19|20)\d\d\b"
    r"|(?:last|this|next|earlier this|later this) (?:week|month|year|weekend)\b"
    r"|yesterday\b|today\b|tomorrow\b|tonight\b"
    r").*$",
    re.IGNORECASE,
)
"""When a topic says what happened rather than when: "the shutdown [on Monday]", "a state
of emergency [on November 15]" end before their date."""
TOPIC_REASON_TAIL = re.compile(
    r"\s+(?:based on|citing|on the grounds? (?:of|that)|in (?:light|view) of|because|due to)\b.*$",
    re.IGNORECASE,
)
"""A reason a topic ends on is not what it is about: "justified [the claim] based on their
long shoreline"."""
CLAIM_CUE = _any(r"claim\w*", r"believ\w+", r"argu\w+", r"insist\w+", r"maintain\w+")
"""Verbs whose object is a view the subject holds ("Znak.com claims FSB sources have ascribed
the explosion to terrorism"); a count they claim ("claimed 90 civilians were wounded") is a
report, not a view."""
BACKGROUND_OPENERS = _words("when while after before since upon")
"""Words opening an adverbial clause whose "-ing" verb sets the scene for the main one."""
NOT_THINKING = _any(r"(?:don[’']t|do not|doesn[’']t|does not|didn[’']t|did not) (?:think|believe)")
"""Before a demand or an undertaking, these deny it: "I don't think that any assumption
should be made" opposes making one."""
TOPIC_FUNCTION_WORDS = (
    DETERMINERS | PREPOSITIONS | AUXILIARIES | COPULAS | _words("and or to not no it they we")
)
"""Words that say nothing of what a topic is about: two topics alike but for them repeat."""
SUBJECT_MODALS = _words("should must shall ought")
"""Modals whose passive ("all salt should be iodised") is a demand about their subject; with
an active verb ("we must always have the backs of our allies", "it must not cite any
specific person") they state a duty whose verb phrase, cut from its subject, names no topic."""
SUBJECT_PRONOUNS = _words("i you he she it we they this that these those there")
"""Subjects that name nothing on their own: "it should be stopped" says nothing of what."""
REPORTED_PRONOUNS = _words("he she they it")
"""Pronouns that, right after a speech verb, stand for its speaker ("X said it rejects")."""
MODAL_SUPPORT = _any(
    r"should", r"must", r"needs? to", r"ought to", r"has to", r"have to", r"(?:it's|it is) time to",
)  # fmt: skip
"""After a speech verb these make the clause a demand: the speaker supports it."""
COMMITMENT = _any(
    r"(?:i|we|he|she|they)(?:'ll|’ll| will| would| shall| (?:plans?|intends?|wants?) to)"
    r"(?! be\b)(?: (?:continue|seek|try) to)?"
)
"""A speaker's own undertaking ("we will continue to pursue such criminals"): they support
what follows it."""

NEGATIVE_WORDS = _any(
    r"mistakes?", r"wrong", r"lies", r"lying", r"liars?", r"shame(?:ful)?", r"disgrace(?:ful)?",
    r"outrage(?:d|ous)?", r"unacceptable", r"appalling", r"appalled", r"horrific", r"horrendous",
    r"terrible", r"awful", r"cowardly", r"barbari(?:c|ty|sm)", r"senseless", r"heinous",
    r"despicable", r"dastardly", r"evil", r"abhorrent", r"deplorable", r"reprehensible",
    r"vile", r"unjust", r"unfair", r"illegal", r"unlawful", r"illegitimate", r"dangerous",
    r"reckless", r"irresponsible", r"disastrous", r"disaster", r"catastroph(?:e|ic)",
    r"calamity", r"devastating", r"damning", r"betray(?:al|ed|s)?", r"unsustainable",
    r"absurd", r"ridiculous", r"nonsense", r"fake", r"fraud(?:ulent)?", r"lousy",
    r"clumsy", r"incompetent", r"hypocri(?:sy|tical)", r"racist", r"colonial(?:ist)?",
    r"undemocratic", r"unconstitutional", r"inappropriate", r"regrettable", r"authoritarian",
    r"tyranny", r"dictatorship", r"abuse of power", r"waste of (?:time|money)",
    r"(?:break|breaks|breaking|broke) the law",
    r"stab in the back", r"not right", r"complete lack",
)  # fmt: skip
"""Evaluative words that oppose what they are said of; not "no way", which says what cannot
be ("There's no way the weather can explain this increase") rather than judging it."""
JUDGED_BY = re.compile(
    r"(?:\b(?:is|was|are|were|be|been|this|that|such|these|those|what)|['’](?:s|re))"
    r"(?:\s+(?:a|an|the|so|very|really|just|quite|truly|utterly|completely|big|huge|total|"
    r"absolute|great|real|deeply|most|more|not))*\s+[\"“‘']?$"
)
"""What stands right before a negative word when it judges something: a copula ("is a big
mistake", "it's fake") or a pointing word ("this cowardly attack"), and degree words."""
POSITIVE_WORDS = _any(
    r"welcome[sd]?", r"right decision", r"right thing", r"pray(?:ing|ers)?", r"proud",
    r"grateful", r"thank(?:s|ful)?", r"we are with", r"stand (?:ready|with|by)",
    r"(?:big|great) fan", r"common-sense", r"game changer", r"historic", r"great (?:step|day)",
    r"step forward", r"important step", r"good news", r"solidarity", r"congratulat\w*",
    r"exciting", r"excited", r"of (?:great|huge|enormous|historic|major)(?: \w+)? significance",
)  # fmt: skip
"""Evaluative words in a quoted statement; they set its position when no verb does."""
PRAISE_LINKS = _words("you to for of with by")
"""Words between praise and what it is for ("thank you to all emergency services")."""

# ---- threats -----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ThreatCue:
    pattern: re.Pattern[str]
    kind: str
    likelihood: Likelihood
    verb: bool | None
    """True for verbs ("stabbed"), False for nouns ("terrorism"), None for words that are
    either ("attack"): a determiner or possessive before them makes them nouns."""


THREAT_CUES: tuple[ThreatCue, ...] = (
    ThreatCue(
        _any(
            r"(?<!-)threaten(?:ed|s|ing)?(?! to)",
            r"vow(?:ed|s) to (?:destroy|attack|retaliate|punish|kill)",
        ),
        "threat",
        Likelihood.roughly_even_chance,
        verb=True,
    ),
    ThreatCue(
        _any(r"terror\w*", r"suicide (?:vest|bomb\w*)", r"claimed responsibility"),
        "terrorism",
        Likelihood.almost_certain,
        verb=False,
    ),
    ThreatCue(
        _any(r"bomb(?:ing|ings)", r"blasts?", r"explosives?", r"grenades?", r"explosions?"),
        "attack",
        Likelihood.almost_certain,
        verb=False,
    ),
    ThreatCue(_any(r"bomb(?:ed|s)?"), "attack", Likelihood.almost_certain, verb=None),
    ThreatCue(
        _any(r"hack(?:ed|s)?", r"cyber-?attack(?:ed|s)?"),
        "cyber",
        Likelihood.almost_certain,
        verb=None,
    ),
    ThreatCue(
        _any(
            r"hackers?",
            r"hacking",
            r"cyber\w*",
            r"denial-of-service",
            r"ddos",
            r"malware",
            r"ransomware",
        ),
        "cyber",
        Likelihood.almost_certain,
        verb=False,
    ),
    ThreatCue(
        _any(
            r"stabb(?:ed|ing)",
            r"shot",
            r"shoot(?:s)?",
            r"opened fire",
            r"fired (?:on|at|shots?|rounds?|a (?:live )?(?:shot|round)|and landed)",
            r"raided",
            r"ambushed",
            r"abduct(?:ed|s)",
            r"kidnapp?(?:ed|s)",
        ),
        "attack",
        Likelihood.almost_certain,
        verb=True,
    ),
    ThreatCue(
        _any(
            r"stab(?:s)?", r"attack(?:ed|s|ing)?", r"assault(?:ed|s)?", r"raids?", r"ambush(?:es)?"
        ),
        "attack",
        Likelihood.almost_certain,
        verb=None,
    ),
    ThreatCue(
        _any(r"stabbings?", r"knife attacks?", r"shootings?", r"gunfire", r"arson"),
        "attack",
        Likelihood.almost_certain,
        verb=False,
    ),
    ThreatCue(
        _any(
            r"kill(?:ed|ing|s)?",
            r"murder(?:ed|s|ing)?",
            r"assassinat\w*",
            r"massacre\w*",
            r"behead\w*",
            r"tortur(?:e|ed|es|ing)",
            r"rap(?:e|ed|es|ing)",
            r"(?:sexual(?:ly)?|child) abus\w*",
        ),
        "violence",
        Likelihood.almost_certain,
        verb=None,
    ),
    ThreatCue(
        _any(r"sanction(?:s|ed)?", r"embargo\w*", r"tariffs?"),
        "sanctions",
        Likelihood.likely,
        verb=None,
    ),
    ThreatCue(
        _any(r"invad(?:e|ed|es|ing)", r"shell(?:ed|ing)"),
        "military",
        Likelihood.likely,
        verb=True,
    ),
    ThreatCue(
        _any(
            r"invasion",
            r"(?:air|drone|missile|rocket) ?strikes?",
            r"missiles?",
            r"rockets?",
            r"military operations?",
            r"offensive",
        ),
        "military",
        Likelihood.likely,
        verb=False,
    ),
    ThreatCue(
        _any(r"suppress(?:ed|es|ing)?", r"persecut(?:e|ed|es|ing)"),
        "political",
        Likelihood.likely,
        verb=True,
    ),
    ThreatCue(
        _any(r"crackdown", r"clampdown", r"persecution"),
        "political",
        Likelihood.likely,
        verb=False,
    ),
    ThreatCue(
        _any(
            r"subpoenaed",
            r"indicted",
            r"impeach(?:ed|es|ing)?",
            r"su(?:e|ed|es|ing)",
            r"challeng(?:e|ed|es|ing)(?=(?: [^ .;]+){1,6} in (?:court|the courts))",
        ),
        "legal",
        Likelihood.almost_certain,
        verb=True,
    ),
    ThreatCue(
        _any(
            r"cease and desist",
            r"quo warranto",
            r"subpoenas?",
            r"indictments?",
            r"lawsuits?",
            r"impeachment",
        ),
        "legal",
        Likelihood.almost_certain,
        verb=False,
    ),
    ThreatCue(_any(r"destroy", r"obliterate"), "threat", Likelihood.roughly_even_chance, verb=True),
    # "made threats against X", "rendered him a danger to the public": a risk someone poses.
    ThreatCue(
        _any(r"threats?(?= (?:against|to) )", r"dangers?(?= to )"),
        "threat",
        Likelihood.roughly_even_chance,
        verb=False,
    ),
)
"""Harm words, with the kind and likelihood of what they report. Every cue in a sentence is
read; the first that gives a source and a target counts."""

ANY_THREAT_CUE = re.compile("|".join(cue.pattern.pattern for cue in THREAT_CUES))
"""Any harm word: most sentences have none, and one search rules them all out."""

CRITICISM_VERBS = _any(r"attack(?:s|ed|ing)?")
"""Harm verbs that also mean harsh words: "attacking the subpoena as a political strategy"."""
CRITICISM_TAIL = re.compile(r"(?:as an?|for (?:his|her|its|their|\w+ing))\b")
"""After the object of such a verb, a judgement ("as a ...") or a reason ("for its handling",
"for failing") makes it criticism; "attacked worshippers as they prayed" stays an attack."""
SAID_OR_DECIDED = _words(
    "proclamation proclamations decision decisions policy policies plan plans proposal "
    "proposals ruling rulings law laws bill bills statement statements remarks comments claim "
    "claims deal agreement move report idea recognition announcement verdict order"
)
"""Things said or decided: attacking one is criticism ("attacked the proclamation of Golan
Heights as official Israeli territory"), not harm."""

NEEDS_NAMED_TARGET = frozenset(["legal", "sanctions", "political"])
"""Kinds of harm that are a threat only against a named actor: a subpoena for documents or
sanctions on steel are measures, not threats."""

HARM_VERBS = _words(
    """launched launches launch carried carries conducted conducts staged stages mounted mounts
    issued issues filed files imposed imposes ordered orders planned plans plotted plots
    committed commits made makes sent sends opened opens waged wages unleashed declared
    announced threatened threatens began begins started starts led leads called calls urged
    urges incited incites vowed vows"""
)
"""Verbs whose subject does the harm their object names ("filed a lawsuit", "launched an
attack", "called for attacks"); other verbs before a harm noun only talk about it ("called
the stabbing ...")."""
NOT_A_MEASURE_TARGET = re.compile(r"\b(?:by|from|according to)\s*$")
"""Words before an actor named after a measure that make it no target: the measure's agent
("a lawsuit by X"), an origin ("a subpoena for documents from X"), the report's source
("according to X")."""
TARGET_PREPOSITIONS = _words("on against at into upon toward towards of to")
"""Prepositions between a harm word and its target ("an attack on ...", "abuse of ...")."""
TARGET_TAIL_OPENERS = _words("with using during")
"""Words that end a target phrase: what follows is how or when ("with nuclear weapons")."""
TARGET_TAIL_PREPOSITIONS = _words("on in last this")
"""Before a day, a month or "yesterday", these end a target phrase too ("on Tuesday")."""
OCCURRENCE_WORDS = _words("took place occurred happened")
"""Verbs that say a harm happened, not whom it struck: what follows them is where or when
("the attack took place at about 7:45", "bombings took place in Tunisia")."""
STRUCK_BY = _words("hit struck targeted attacked bombed rocked shelled")
"""Passive verbs whose subject a harm after "by" is aimed at: "oil facilities ... were hit by
multiple drone strikes"."""
PASSIVE_SUBJECT_STOPS = _words("after before when while as because since if that which who ,")
"""Words before the subject of a passive harm verb ("arrested after [the mayor] was stabbed")."""

INTENT_WORDS = _words(
    """to intend intends intended plan plans planned want wants wanted going was is were are
    hoped hopes vowed vows"""
)
"""Words between a pronoun and a harm verb in reported intent ("said he intended to sue")."""
INCITING_VERBS = _words(
    """urge urges urged advise advises advised tell tells told order orders ordered instruct
    instructs instructed encourage encourages encouraged incite incites incited"""
)
"""Verbs whose subject is behind a harm they tell their object to do ("advised her to
kill", "urged supporters to attack")."""
OBJECT_PRONOUNS = _words("her him them it us me you")
"""Pronouns that may be the object told to do a harm ("advised her to kill")."""
OWNING_PRONOUNS = _words("its their")
"""Before a harm noun, these stand for the clause's subject: "its impeachment inquiry" is
the inquiry of the House that issued a subpoena ("his" and "her" may be the victim's)."""
NEGATION_WORDS = _words("not never n't no")
"""Words that undo an incitement ("urged them not to attack", "did not urge")."""
NEGATION_BRIDGES = _words(
    """allow allows allowed permit permits permitted authorise authorises authorised authorize
    authorizes authorized launch launches launched carry carries carried out such"""
)
"""Verbs that may stand between a negation and the harm it denies, as auxiliaries,
determiners and capitalised modifiers may: "would not allow any Turkish military
operations", "did not carry out the attack"."""
INTENT_PRONOUNS = _words("he she they we")
"""The pronoun in "X said she would challenge ...": it is X, the speaker."""

FORCE_SOURCE_KINDS = frozenset(["attack", "violence", "military", "terrorism"])
"""Kinds of harm whose noun, after a demonym, names its source ("Turkish military
operations", "an Iranian missile")."""

HEDGED_THREAT = _any(r"may", r"might", r"could", r"possibl[ey]", r"potential(?:ly)?", r"if")
PLANNED_THREAT = _any(
    r"plan(?:s|ned|ning)? to",
    r"prepar(?:ed|ing) to",
    r"plot\w*",
    r"will",
    r"going to",
    r"intend\w* to",
    r"(?:he|she|they|we|it) would",
)
THREATENED_HARM = _any(
    r"threaten\w* to", r"vow\w* to", r"warn\w* (?:it|they|he|she) (?:would|will)"
)
"""Context that lowers a threat's likelihood to ``unlikely``, sets it to ``likely``, or (a
harm only threatened) to ``roughly_even_chance``."""

ACCIDENT_WORDS = _any(
    r"stampede",
    r"crash(?:ed|es)?",
    r"collision",
    r"collaps\w*",
    r"wildfires?",
    r"fires",
    r"earthquakes?",
    r"floods?",
    r"flooding",
    r"hurricane",
    r"typhoon",
    r"cyclone",
    r"storm",
    r"drought",
    r"accident\w*",
    r"landslides?",
    r"tsunami",
    r"avalanche",
    r"derail\w*",
    r"sank",
    r"capsiz\w*",
    r"aftershocks?",
    r"eruption",
    r"outbreak",
    r"epidemic",
    r"pandemic",
    r"virus",
    r"coronavirus",
    r"disease",
    r"infect(?:ed|s|ion|ions|ious)?",
)
"""A threat cue among these words, with no perpetrator, is an accident or a disaster."""

_PERPETRATORS = (
    r"perpetrators?|suspects?|attackers?|assailants?|gunm[ae]n|shooters?|bombers?|killers?"
    r"|culprits?|operators?|hackers?|masterminds?|ringleaders?"
)
PERPETRATOR_IS = _any(
    r"(?:is|are|was|were)\s+(?:the\s+|a\s+)?(?:suspected\s+|alleged\s+|prime\s+|main\s+)?"
    r"(?:" + _PERPETRATORS + r")"
)
"""``X are the suspected perpetrators``: the subject is a threat's source."""
PERPETRATOR_NAMED = _any(
    r"(?:suspected|alleged)\s+(?:" + _PERPETRATORS + r")",
    r"(?:" + _PERPETRATORS + r"),?\s+(?:\w+\s+){0,2}(?:identified|named)\s+as",
    r"(?:identified|named)\s+the\s+(?:" + _PERPETRATORS + r")\s+as",
)
"""``its alleged operator X``, ``identified the suspect as X``: the next actor is a source."""
SUSPECT_REFERENCE = _any(
    r"(?:the|a)\s+(?:detained\s+|alleged\s+|suspected\s+|accused\s+|lone\s+)?"
    r"(?:suspect|attacker|assailant|gunman|shooter|bomber|perpetrator|killer)(?:'s|’s)?"
)
"""``the suspect, X,``, ``the suspect's identity is restricted to 'X'``: the next person
named in the clause is a source."""
_HARM_CRIMES = (
    r"murders?|killings?|attacks?|terror\w*|stabbings?|shootings?|bombings?|assaults?"
    r"|manslaughter|kidnapping|abuse|massacre"
)
CHARGED_WITH = _any(
    r"(?:charged with|accused of|convicted of|suspected of|arrested (?:for|over|in connection "
    r"with))\s+(?:\w+\s+){0,3}?(?:" + _HARM_CRIMES + r")"
)
"""``X was charged with murder``: the person charged is a source."""
CHARGE_AGAINST = _any(r"charges?\s+(?:of\s+(?:\w+\s+){1,2})?against")
"""``a charge of murder against X``: the next actor is a source."""
CLAIMED_BY = _any(
    r"claimed by",
    r"carried out by",
    r"perpetrated by",
    r"blamed on",
    r"launched (?:\w+ ){0,3}by",
)
"""``The attack was claimed by X``: the next actor is the source of an earlier attack."""
BLAMED = _any(r"blam(?:e|es|ed|ing)", r"accus(?:e|es|ed|ing)", r"alleged")
"""``blame him for``, ``alleged Iranian involvement``: the next actor is the source."""
THREAT_FROM = _any(r"threats? (?:\w+ )?(?:from|posed by)", r"danger (?:\w+ )?from")
"""``the threat stemming from X``: the next actor is the source."""
ANY_PERPETRATOR_CUE = re.compile(
    "|".join(
        pattern.pattern
        for pattern in (
            THREAT_FROM, CLAIMED_BY, PERPETRATOR_NAMED, BLAMED, CHARGE_AGAINST, SUSPECT_REFERENCE,
            PERPETRATOR_IS, CHARGED_WITH,
        )
    )
)  # fmt: skip
"""Any of the perpetrator patterns, to rule most sentences out with one search."""

TIMEFRAME = _any(
    r"(?:next|this|coming)\s+(?:week|month|year|weekend)",
    r"in\s+the\s+coming\s+(?:days|weeks|months|years|week|month)",
    r"within\s+(?:\w+\s+){1,2}(?:hours|days|weeks|months|years)",
    r"by\s+(?:the\s+end\s+of\s+)?(?:year[- ]end|" + "|".join(sorted(MONTHS)) + r")(?:\s+\d{1,4})?",
    r"today|tonight|tomorrow|yesterday|last\s+night",
    r"on\s+(?:" + "|".join(sorted(WEEKDAYS)) + r")",
)
"""Stated times, copied into a threat only when its sentence gives one."""

# ---- uncertainties -----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class UncertaintyCue:
    pattern: re.Pattern[str]
    reason: UncertaintyReason
    confidence: Confidence
    article_only: bool = False
    """Counts only in the article's own voice: a modal inside a quotation is the speaker's
    way of talking, and a capitalised one is a name or a month ("Theresa May")."""


_UNITS = (
    "eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen"
    "|one|two|three|four|five|six|seven|eight|nine|ten"
)
"""The "-teen" words first: a number is matched in an atomic group, where "nine" tried before
"nineteen" would be kept and then fail at the word's end."""
_TENS = "twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"
_MULTIPLIERS = "hundred|thousand|million|billion|dozen|quarter"
_NUMBER = (
    r"(?:(?:us)?[$€£¥₿]\s?)?\d[\d,.]*(?:\s?(?:percent|per cent|%))?"
    rf"|(?:(?:{_TENS})(?:-(?:{_UNITS}))?|{_UNITS})(?:[\s-](?:{_MULTIPLIERS}))*"
    rf"|(?:a|several)(?:[\s-](?:{_MULTIPLIERS}))+"
    r"|(?:dozens|hundreds|thousands|millions|tens\s+of\s+thousands)"
    r"|(?:half|a\s+third|two-thirds|a\s+fifth)"
)
_NOT_A_MEASURE = (
    r"(?!\s*(?:years?|months?|weeks?|days?|hours?|minutes?|seconds?|miles?|kilomet[er]{2}s?"
    r"|km|feet|foot|met[er]{2}s?|[ap]\.m\.|:|percent of|per cent of|% of))"
)
"""What an estimate is not: a duration, a distance, a clock time or a share of something."""
_NOT_A_THRESHOLD = r"(?!(?:\s+[\w-]+){0,2}\s+(?:is|are) (?:needed|required|necessary)\b)"
"""Nor a threshold a rule sets: "at least 1,991 delegates are needed"."""
_APPROXIMATELY = (
    r"at least|about|around|approximately|roughly|nearly|almost|some|up to|more than|over"
    r"|upwards of|an estimated|estimated|as many as|close to|fewer than|less than"
)

_ABOUT_N = r"(?:" + _APPROXIMATELY + r")\s+(?>" + _NUMBER + r")"
_BOUND = r"(?:at least|more than|over|fewer than|less than)\s+"
_NOT_A_BOUND = (
    r"(?!" + _BOUND + r"(?:\d[\d,.]*\s?(?:percent|per cent|%)|half|a third|two-thirds|a quarter"
    r"|a fifth)\b|(?<=\bwith )" + _BOUND + r")"
)
"""A bound on a share states a comparison, not a count ("more than half of the officials were
women, at 50.8 percent"), and one after "with" describes a thing's size ("a company with over
42 stations"); "about half" and "over 2,000 residents were relocated" still estimate."""
_HEAD_COUNT = (
    rf"(?:(?:killed|infected|injured|wounded|arrested) {_ABOUT_N}|{_ABOUT_N}(?:\s+[\w.-]+){{0,2}}?"
    r"\s+(?:people|persons|troops|soldiers|supporters|protesters|demonstrators|residents"
    r"|civilians|victims|casualties|deaths|dead|killed|injured))\b"
)
"""An approximate count of people: "about 5000 U.S. troops", "infected over 4,200"."""
_NOT_A_HEAD_COUNT = r"(?![^.;]{0,60}?\b" + _HEAD_COUNT + r")"
"""A report of a head count leaves it to the estimate cue: the number is what is uncertain
("there are reportedly about 5000 U.S. troops"), unlike a reported event ("reportedly, at
least two towns declared a state of calamity")."""
_NOT_AN_ENTITLEMENT = (
    r"(?! (?:(?:a|an|the|its|their|his|her) )?(?:responsibility|credit|victory|lives|life"
    r"|rights?|seats?|title|asylum|ownership|sovereignty|compensation|damages)\b)"
)
"""Claiming a right, a seat or the lives of people is taking something, not asserting a fact
("claiming a right to Turkey to have a say", "the crash claimed the lives of 20")."""

OTHER_REPORT = re.compile(
    r"(?:another|other|a second|a separate|a later|an earlier) (?:reports?|accounts?) "
    r"(?:from|by|said|says|put|gave|claimed|suggested)"
)
"""``Another report ... said eight died``: it disputes what the sentence before reported."""
DISPUTES_PREVIOUS = re.compile(
    r"\b(?:" + OTHER_REPORT.pattern + r"|found no such|a different account"
    r"|disput(?:ed|es)|den(?:ied|ies)|contradict\w*)\b"
)
"""A dispute that answers what was said before (``found no such action``, ``denied``): what
it disputes is in the sentence before."""

REFERS_BACK = re.compile(
    r"^(?:this|that|these|those)\b(?! (?:week|weekend|month|year|morning|afternoon|evening"
    r"|night|day|time|season)\b)|\bsuch (?!as\b)(?:an? )?[a-z]+"
    r"|\ball (?:two|three|four|five|six|seven|eight|nine|ten)\b"
)
"""What a hedged sentence takes from the one before it ("This was reportedly the first such
occurrence", "Biden won all three elections"): its claim is said there, so it takes both."""

HELD_UNLAWFUL = re.compile(rf"(?<!not )\b(?:{_UNLAWFUL}|illegitimate)\b")
"""Something judged against the law: one side of a dispute over legality ("finding it to be
unlawful", "is \"null and void\""), not "technically not illegal"."""
HELD_LAWFUL = re.compile(
    r"\b(?:(?:is|was|are|were|be|been)(?: the| a| an| fully| perfectly| entirely| wholly)? "
    r"|call(?:s|ed|ing)? (?:[\w-]+ ){1,3}?)[\"“]?(?:" + _LAWFUL + r"|legitimate)"
    r"(?=\s*(?:and|or|[,.;\"”]))"
)
"""The other side, said of it: "is the legal and necessary way", "calling the agreements
\"legitimate and fully compatible\"" (not "legal action"). It counts in a quotation or after
"calling", a side's word, not when the article states the law ("where abortion is legal")."""

MODAL_NOT_A_HEDGE = re.compile(
    r"(?:\b(?:ruled|ruling|court found|judge found)\b[^.;]{0,80}|\buntil (?:[\w’'-]+ ){1,3}"
    r"|\bif (?:[\w’'-]+ ){1,4})(?:could|may|might)$"
)
"""A modal a court grants ("ruled that prosecutors could view"), a past ability ("until it
could review") or a condition ("only vote for it if the people could also vote"): permission,
time or a premise, not a guess. Searched up to the modal's end."""

UNCERTAINTY_CUES: tuple[UncertaintyCue, ...] = (
    UncertaintyCue(
        _any(
            r"could not (?:be )?(?:independently )?(?:confirm|verif)\w*",
            r"unconfirmed",
            r"not (?:yet )?(?:been )?(?:independently )?(?:confirmed|verified|certified)"
            r"(?! (?:him|her|them)\b)",
        ),
        UncertaintyReason.unconfirmed,
        Confidence.low,
    ),
    UncertaintyCue(
        _any(
            r"on condition of anonymity",
            r"did not (?:want to be |wish to be )?(?:be )?named?",
            r"declined to be (?:named|identified)",
            r"unnamed",
            r"anonymous (?:source|official)s?",
            r"sources? (?:close|familiar|within|inside)",  # "sources within the party"
            r"according to (?:a )?sources?",
            r"(?:its|their|a|an|one) (?:anonymous )?sources? (?:said|says|told|claimed|described)",
            r"an? (?:official|source|person|diplomat) who",
            r"unknown author",
            # a speaker the article does not name: "one poster admitted", "an official said"
            r"(?:an?|one) (?:[\w-]+ ){0,2}?(?:mp|official|source|interviewee|diplomat|insider"
            r"|aide|eyewitness|witness|resident|poster|employee|officer) (?:said|says|told"
            r"|stated|claimed|described|wrote|admitted)",
            r"(?:according to|by) (?:an?|the) (?:anonymous )?whistle-?blower",
            # an official nobody names: "according to a court clerk", "according to security
            # officials"
            r"according to (?:an?|one) (?:[\w-]+ ){0,2}?(?:official|source|clerk|diplomat|insider"
            r"|aide|eyewitness|witness|resident|employee|officer|spokes(?:man|woman|person))",
            r"according to (?:[\w.-]+ ){0,2}?officials",
            r"a lot of people think",
            r"pseudonym",
        ),
        UncertaintyReason.anonymous_source,
        Confidence.low,
    ),
    UncertaintyCue(
        _any(
            r"disput(?:ed|es)",
            r"den(?:ied|ies)",
            r"contradict\w*",
            r"conflicting",
            r"var(?:y|ies|ied) between",
            r"different account",
            r"(?:initial|early|first) reports?\b[^.]{0,120}\blater\b",  # then corrected
            r"revised (?:down|up)\w*",
            r"ranges? from",
            r"(?:claimed|said|reported|reports)\b[^.;]{0,120}\bbut\b[^.;]{0,80}"
            r"\b(?:alleged|said|claimed|denied|disputed|blamed)",
            r"while others",
            # two sources giving two figures: "reported by A as X and by B as Y", "X according to
            # A, it was recorded as Y by B"
            r"(?:reported|recorded|described|listed|given|identified) by [^,;]{2,40} as [^,;]{1,60}"
            r" (?:and|but|while) by",
            r"according to [^,;]{2,40}, [^;]{0,40}(?:recorded|reported|measured|put|estimated"
            r"|given) (?:as|at) [^;]{1,40} by",
            # "A said 36 ..., while B indicated 68": a second source, a second figure
            r"(?:said|says|told|indicated|reported|put|estimated|gave|cited)\b[^;]{0,80}\d[^;]{0,80}"
            r", (?:while|whereas|but) [^;]{0,60}\b(?:said|says|indicated|reported|put|estimated"
            r"|gave|cited)\b[^;]{0,30}\d",
            r"found no (?:such|evidence|proof|sign)",  # a check that finds against a claim
            # two counts, each by its source: "a total by NBC's reckoning of 279 ..., or 290 by
            # AP's reckoning"
            r"by [^,;]{2,30}(?:'s|’s) (?:reckoning|count|tally|estimate)[^;]{0,100}\bor\b"
            r"[^;]{0,60}\bby [^,;]{2,30}(?:'s|’s) (?:reckoning|count|tally|estimate)",
            OTHER_REPORT.pattern,
            r"(?:" + _NUMBER + r")\s+to\s+(?:" + _NUMBER + r")\s+(?:\w+\s+)?"
            r"(?:visitors|people|protesters|participants|attendees|pages)",
        ),
        UncertaintyReason.conflicting_reports,
        Confidence.low,
    ),
    UncertaintyCue(
        _any(
            r"reportedly" + _NOT_A_HEAD_COUNT,
            r"(?:is|are|was|were) reported(?: by (?:\w+ ){1,4})? to",
            r"allegedly",
            r"alleged",
            r"allegations?",  # the hedge as a noun: "face allegations they failed to react"
            r"(?:on|for|under) suspicion of",  # "stopped for suspicion of driving drunk"
            r"purportedly",
            r"(?:is|are|was|were) said to",
            # a media call, not a result: "was projected by multiple media outlets to have won"
            r"(?:is|are|was|were|been) (?:widely )?projected (?:by (?:[\w.-]+ ){1,4})?(?:to|as)\b",
            r"(?:is|are|was|were) believed to",
            r"according to (?:\w+ ){0,4}(?:reports?|postings?|(?:news|media) sources)",
            r"according to (?:\w+ ){0,3}(?:footage|videos?|images|photos|photographs|social media)",
            r"by (?:some |many |most |all )?reports" + _NOT_A_HEAD_COUNT,
            r"(?:a|an|the) reported (?!by\b|to\b|that\b)",
            r"unverified",
            r"(?<!-)claimed" + _NOT_AN_ENTITLEMENT,  # not "Turkish-claimed waters"
            r"claim(?:s|ing) (?:that|to|the|a|an|he|she|they|it|them)" + _NOT_AN_ENTITLEMENT,
            r"suspected (?:of|to|that|perpetrators?|culprits?|masterminds?)",
            r"(?:a|an) suspected (?!by\b)",  # "a suspected gas leak": a cause not yet established
            r"(?:is|are|was|were) (?:the )?suspected",
            r"(?<!-)attribut(?:ed|ing|e)",  # not "heat-attributed damage"
            r"(?:appears?|appeared|seems?|seemed) (?:able )?to",  # "appears able to reduce"
            r"apparently",
            r"there (?:are|were|ha(?:ve|s|d) been) (?:\w+ )?reports? (?:of|that)",  # nobody's word
            r"(?:local|state|news) (?:media|press) report(?:ed|s|ing)?",
            r"reported by (?:the )?(?:local |state )?(?:media|press)",
            r"reports? suggest(?:s|ed)?",
            # what they only suspect: "police suspect the attackers had been radicalised"
            r"(?:police|investigators|authorities|officials|prosecutors) (?:also )?"
            r"suspect(?:s|ed)?",
            r"(?:accus|blam)(?:e|es|ed|ing) (?!of\b|for\b)(?:[^ .;]+ ){1,3}?(?:of|for)",
        ),
        UncertaintyReason.unconfirmed,
        Confidence.moderate,
    ),
    UncertaintyCue(
        _any(
            r"unknown",
            r"not (?:yet )?(?:known|clear)",
            r"unclear",
            r"not (?:yet )?(?:been )?(?:publicly |officially )?(?:identified|determined|disclosed"
            r"|released|provided)",
            r"without (?:public )?explanation",
            r"did not (?:say|give|disclose|specify|explain|mention|reveal)",
            # nothing yet, or a question left open: "reported no overall results yet",
            # "questions remain how much direct Iranian assistance is received"
            r"no (?:[\w-]+ ){0,2}(?:results?|details|information|word|explanation|decision"
            r"|verdict|date|motive|cause) (?:yet|so far|as yet)\b",
            r"questions? remains?|remain(?:s|ed)? unanswered",
            r"no details",
            r"(?:not|un) ?(?:sure|certain) (?:about|whether|if|of|how|what|when|who|why)",
            r"(?:have|has|had)(?:n't|n’t| not) yet (?:agreed|decided|determined|settled|announced)",
            r"undisclosed",
            # work still open: "research ... is not yet complete"
            r"not yet (?:complete|completed|finished|concluded|final|available|public)",
            r"uncertaint(?:y|ies) (?:of|about|over|as to|surrounding)",
            r"yet to be",
            r"to confirm if",
            r"investigating whether",
            r"no current plans",
            r"neither \w+ nor \w+ (?:\w+ )?delivered",
        ),
        UncertaintyReason.missing_information,
        Confidence.low,
    ),
    UncertaintyCue(
        _any(
            _NOT_A_BOUND + _ABOUT_N + _NOT_A_MEASURE + _NOT_A_THRESHOLD,
            r"(?>" + _NUMBER + r")\s+(?:\w+\s+)?or more",
            r"at least a (?:year|month|week|decade|day)",
            r"estimates?",
            r"on average",
            r"depending on",
            r"between\s+(?:" + _NUMBER + r")\s+and",
            r"in the (?:dozens|hundreds|thousands|millions|tens of thousands)",
            r"forecasts?|forecasted",
        ),
        UncertaintyReason.estimate,
        Confidence.moderate,
    ),
    UncertaintyCue(
        _any(
            r"(?:may|might|could)(?! not)",
            r"expected(?! of)",
            r"likely to|(?:is|are|was|were) (?:most |very |highly )?likely\b",
            r"potential(?:ly)?",
            r"possibly|(?:a|an|the|is|was) possible|possible that",  # not "if possible"
            r"theori[sz]ed",
            r"would consider",
            r"(?:said|says|say) (?:they|he|she|it|we) (?:believed?|suspect(?:ed)?|thought)",
            r"suggested (?:that|there|it)",
            r"in due course",
            r"(?<!-)anticipat(?:e|es|ed|ing)",  # not "the much-anticipated report"
            r"s[ck]epticism|s[ck]eptical (?:about|of|that)|doubts? (?:about|over|as to|whether)",
        ),
        UncertaintyReason.speculative,
        Confidence.low,
        article_only=True,
    ),
    UncertaintyCue(
        # a speaker's own doubt about a fact: it counts inside a quotation too
        _any(
            r"(?:i|we) (?:think|suspect|assume|guess|reckon)",
            r"presumabl[ey]",
            r"(?:reasonable|safe) to assume",
            r"(?:i'm|i am|we're|we are) not (?:sure|certain)",
        ),
        UncertaintyReason.speculative,
        Confidence.low,
    ),
)
"""Hedge and sourcing cues, strongest first; confidence is in the claim, given the cue."""

KEY_POINT_CUES = re.compile(
    "|".join(
        [cue.pattern.pattern for cue in STANCE_CUES] + [c.pattern.pattern for c in THREAT_CUES]
    )
)
"""Any stance or threat cue: sentences with more of them make better key points."""

MAX_STANCES = 14
MAX_THREATS = 8
MAX_UNCERTAINTIES = 10
MAX_ALIASES = 8
