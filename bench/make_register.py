"""Generate a fictional, deterministic demo contract register (format: REGISTER.md).

    python -m bench.make_register --providers 300 --seed 1 data/demo/register.xlsx
    python -m bench.make_register --providers 300 --seed 1 /tmp/register-csv/
    python -m bench.make_register --providers 300 --seed 1 data/demo/register.xlsx \
        --availability data/demo/beschikbaarheid.xlsx --weeks 10

Everything is drawn from one ``random.Random(seed)`` and a fixed ``--today``, so the
same arguments give the same bytes. Names, addresses, numbers and figures are made up.
"""

import argparse
import csv
import math
import re
import shutil
import sys
import time
import unicodedata
import zipfile
from datetime import date, datetime, timedelta
from pathlib import Path
from random import Random

import yaml
from openpyxl import Workbook
from openpyxl.writer.excel import ExcelWriter

from bench.availability_data import COLUMNS as AVAILABILITY_COLUMNS
from bench.availability_data import generate_availability

DEFAULT_TODAY = date(2026, 11, 1)  # fixed, never the clock: output must be reproducible
DEFAULT_REFERENCE = Path(__file__).resolve().parent.parent / "data" / "reference"

SHEETS = {
    "aanbieders": [
        "aanbieder_id",
        "naam",
        "kvk",
        "agb",
        "website",
        "telefoon",
        "email",
        "omschrijving",
        "omschrijving_en",
        "leeftijd_min",
        "leeftijd_max",
        "themas",
        "talen",
        "hulp_op_afstand",
        "huisbezoek",
        "rolstoeltoegankelijk",
        "keuze_hulpverlener",
        "nieuwe_clienten",
        "wachttijd_weken",
        "wachttijd_peildatum",
        "kit_datum",
        "keurmerken",
    ],
    "locaties": [
        "aanbieder_id",
        "naam",
        "straat",
        "huisnummer",
        "postcode",
        "plaats",
        "gemeente",
        "lat",
        "lon",
        "rolstoeltoegankelijk",
    ],
    "contracten": [
        "aanbieder_id",
        "dienst",
        "niveaus",
        "gemeenten",
        "ingangsdatum",
        "einddatum",
        "status",
    ],
    "kwaliteit": [
        "aanbieder_id",
        "indicator",
        "dienst",
        "waarde",
        "eenheid",
        "aantal",
        "periode_van",
        "periode_tot",
        "bron",
    ],
    "info": ["sleutel", "waarde"],
}
AVAILABILITY = {"beschikbaarheid": AVAILABILITY_COLUMNS}
DESCRIPTION = "Demoregister met verzonnen aanbieders. Namen, adressen en cijfers zijn fictief."

# Places and postcode ranges per CBS code; reference data has only one point per gemeente.
PLACES = {
    "0141": [("Almelo", 7601, 7609)],
    "0147": [("Borne", 7621, 7623), ("Zenderen", 7625, 7625)],
    "1774": [("Denekamp", 7591, 7591), ("Ootmarsum", 7631, 7631), ("Weerselo", 7595, 7595)],
    "0153": [("Enschede", 7511, 7548), ("Glanerbrug", 7532, 7533)],
    "0158": [("Haaksbergen", 7481, 7483)],
    "0163": [("Nijverdal", 7441, 7443), ("Hellendoorn", 7447, 7447)],
    "0164": [("Hengelo", 7551, 7559)],
    "1735": [("Goor", 7471, 7472), ("Delden", 7491, 7491), ("Markelo", 7475, 7475)],
    "0168": [("Losser", 7581, 7582), ("Overdinkel", 7586, 7586), ("De Lutte", 7587, 7587)],
    "0173": [("Oldenzaal", 7571, 7577)],
    "1742": [("Rijssen", 7461, 7463), ("Holten", 7451, 7451)],
    "0183": [("Tubbergen", 7651, 7651), ("Albergen", 7615, 7615), ("Geesteren", 7678, 7678)],
    "1700": [("Vriezenveen", 7671, 7672), ("Vroomshoop", 7681, 7681), ("Den Ham", 7683, 7683)],
    "0189": [("Wierden", 7642, 7642), ("Enter", 7468, 7468)],
}
# Rough inhabitants (thousands): most small practices sit in the big towns.
POPULATION = {
    "0141": 74,
    "0147": 24,
    "1774": 26,
    "0153": 162,
    "0158": 25,
    "0163": 36,
    "0164": 82,
    "1735": 36,
    "0168": 23,
    "0173": 32,
    "1742": 38,
    "0183": 21,
    "1700": 34,
    "0189": 25,
}
# Participation fallback when there is no deelname.yaml: Almelo buys AMB-BEG itself.
LOKAAL_FALLBACK = {("AMB-BEG", "0141")}

# How common each service is among providers (unknown codes get weight 1).
SERVICE_WEIGHT = {
    "AMB-BEG": 10,
    "AMB-BEH": 8,
    "AMB-DYS": 3,
    "AMB-MED": 1,
    "AE": 2,
    "CRI-CT": 0.5,
    "CRI-INT": 0.7,
    "WON-PLZ": 1,
    "WON-GZH": 1.5,
    "WON-WG": 1,
    "WON-KHW": 0.3,
    "VBL-BG": 0.7,
    "VBL-3M": 0.3,
    "VBL-JZP": 0.2,
    "VBL-DTV": 1,
    "WMO-OB1": 6,
    "WMO-OB2": 8,
    "WMO-HO": 4,
    "WMO-DB": 4,
    "WMO-WV": 1.5,
}
SERVICE_TEXT = {
    "AMB-BEG": (
        "begeleiding van kinderen en jongeren thuis en op school",
        "support for children and young people at home and at school",
    ),
    "AMB-BEH": (
        "ambulante behandeling voor kinderen, jongeren en hun gezin",
        "outpatient treatment for children, young people and their family",
    ),
    "AMB-DYS": (
        "onderzoek en behandeling van ernstige dyslexie",
        "assessment and treatment of severe dyslexia",
    ),
    "AMB-MED": (
        "medicatiecontrole door een ervaren arts",
        "medication checks by an experienced doctor",
    ),
    "AE": (
        "advies en consultatie voor ouders, scholen en wijkteams",
        "advice and consultation for parents, schools and neighbourhood teams",
    ),
    "CRI-CT": (
        "coördinatie en triage bij een crisis, dag en nacht",
        "crisis coordination and triage, day and night",
    ),
    "CRI-INT": ("snelle crisisinterventie in het gezin", "fast crisis intervention in the family"),
    "WON-PLZ": ("pleegzorg in een warm pleeggezin", "foster care in a warm foster family"),
    "WON-GZH": (
        "een gezinshuis waar kinderen opgroeien in een gewoon gezin",
        "a family home where children grow up in an ordinary family",
    ),
    "WON-WG": (
        "woongroepen voor jongeren die niet thuis kunnen wonen",
        "group homes for young people who cannot live at home",
    ),
    "WON-KHW": (
        "kleinschalig wonen met intensieve, specialistische zorg",
        "small-scale living with intensive, specialist care",
    ),
    "VBL-BG": (
        "een behandelgroep met dagbehandeling en verblijf",
        "a treatment group with day treatment and stays",
    ),
    "VBL-3M": (
        "behandeling waarbij wonen, school en vrije tijd op één plek samenkomen",
        "treatment where home, school and free time come together in one place",
    ),
    "VBL-JZP": (
        "gesloten jeugdhulp (jeugdzorgplus) voor jongeren die dat echt nodig hebben",
        "secure youth care for young people who really need it",
    ),
    "VBL-DTV": (
        "logeren en deeltijdverblijf zodat ouders even op adem komen",
        "short stays so that parents can get some rest",
    ),
    "WMO-OB1": (
        "ondersteuning bij dagelijkse handelingen, zoals plannen en zelfzorg",
        "support with daily tasks such as planning and self-care",
    ),
    "WMO-OB2": (
        "begeleiding bij de regie over uw leven, geldzaken en contacten",
        "support in managing your life, money and contacts",
    ),
    "WMO-HO": (
        "huishoudelijke ondersteuning: schoonmaken, wassen en boodschappen",
        "household help: cleaning, laundry and shopping",
    ),
    "WMO-DB": (
        "dagbesteding met zinvol werk en ontmoeting",
        "day activities with meaningful work and company",
    ),
    "WMO-WV": ("beschermd wonen met begeleiding dichtbij", "sheltered housing with support nearby"),
}
TREATMENT = {"AMB-BEH", "AMB-DYS", "VBL-BG", "VBL-3M", "VBL-JZP", "WON-KHW"}
JEUGD_THEMES = [
    "autisme",
    "adhd",
    "lvb",
    "trauma",
    "hechting",
    "dyslexie",
    "gezinsproblematiek",
    "angst",
    "depressie",
    "gedrag",
    "eetstoornis",
    "opvoeding",
    "scheiding",
    "huiselijk-geweld",
    "verslaving",
]
WMO_THEMES = [
    "autisme",
    "lvb",
    "nah",
    "verslaving",
    "schulden",
    "psychiatrie",
    "dementie",
    "lichamelijke-beperking",
    "eenzaamheid",
    "dakloosheid",
    "depressie",
    "angst",
    "huiselijk-geweld",
]
EXTRA_LANGUAGES = ["en", "de", "tr", "ar", "pl", "uk", "ti", "so"]
LANGUAGE_WEIGHT = [30, 15, 12, 10, 8, 8, 5, 4]
INDICATOR_CHANCE = [("clienttevredenheid", 0.95), ("doelrealisatie", 0.75), ("uitval", 0.6)]
KEURMERKEN = ["HKZ", "ISO 9001", "PREZO", "NEN 7510"]

# Name parts: generic Dutch words only, so no name belongs to a real organisation.
NATURE = [
    "De Linde",
    "Zonnebloem",
    "De Es",
    "De Berk",
    "De Eik",
    "De Wilg",
    "Klaproos",
    "Korenbloem",
    "De Vlinder",
    "Heidebloem",
    "De Vlasakker",
    "De Hazelaar",
    "Het Veldpad",
    "De Meidoorn",
    "Het Zonnedal",
    "De Kastanje",
    "De Boomgaard",
    "Het Klaverblad",
]
LANDSCAPE = [
    "Twentekanaal",
    "Dinkeldal",
    "Reggedal",
    "Lemelerberg",
    "Springendal",
    "Buurserzand",
    "Tankenberg",
    "Borkeld",
    "Kuiperberg",
    "Haaksbergerveen",
    "Hulsbeek",
    "Engbertsdijk",
]
ORG_PREFIX = {
    "jeugd": ["Jeugdhulp", "Gezinsbegeleiding", "Gezinspraktijk", "Opvoedpunt", "Jeugdzorg"],
    "wmo": ["Thuisbegeleiding", "Woonzorg", "Thuishulp", "Begeleid Wonen", "Zorgboerderij"],
    "both": ["Zorgcollectief", "Zorggroep", "Stichting", "Begeleidingscentrum", "Coöperatie"],
}
PRACTICE_PREFIX = ["Praktijk", "Kinderpraktijk", "Orthopedagogenpraktijk", "Dyslexiepraktijk"]
ZZP_PREFIX = {
    "jeugd": ["Begeleiding Op Maat", "Jeugdcoach", "Kindbegeleiding", "Gezinscoach"],
    "wmo": ["Begeleiding Op Maat", "Thuisbegeleiding", "Hulp aan Huis", "Levenscoach"],
}
INITIALS = "ABCDEFGHIJKLMNPRSTW"
SURNAMES = [
    "de Vries",
    "Jansen",
    "Bakker",
    "Visser",
    "Smit",
    "Meijer",
    "Mulder",
    "Bos",
    "Kok",
    "Huisman",
    "Nijhuis",
    "Kuipers",
    "Wolters",
    "Brinkman",
    "Scholten",
    "Kamphuis",
    "Veldhuis",
    "Haverkamp",
    "Leferink",
    "Roelofs",
    "Lammers",
    "Wissink",
    "Bruggink",
    "ter Horst",
    "ten Dam",
    "Oude Geerdink",
    "van der Meer",
    "Yilmaz",
    "Kaya",
    "El Amrani",
]
STREET_STEMS = [
    "Linden",
    "Eiken",
    "Berken",
    "Beuken",
    "Esdoorn",
    "Hazelaar",
    "Vlier",
    "Meidoorn",
    "Wilgen",
    "Kastanje",
    "Klaver",
    "Heide",
    "Molen",
    "Brink",
    "Es",
    "Veld",
    "Beek",
    "Weide",
    "Vlas",
    "Rogge",
    "Haver",
    "Koren",
    "Spinners",
    "Wevers",
    "Textiel",
]
# Real postcodes never use the letter pairs SA, SD and SS.
POSTCODE_LETTERS = [
    a + b
    for a in "ABCDEGHJKLMNPRSTVWXZ"
    for b in "ABCDEGHJKLMNPRSTVWXZ"
    if a + b not in ("SA", "SD", "SS")
]
STREET_SUFFIXES = ["straat", "laan", "weg", "hof", "pad", "plein", "singel", "kamp", "es"]


def load_reference(ref_dir):
    """Read the codes the generator needs from the reference YAML files in ref_dir."""
    ref_dir = Path(ref_dir)

    def read(name, key):
        data = yaml.safe_load((ref_dir / name).read_text(encoding="utf-8"))
        return data[key] if isinstance(data, dict) else data  # a list, or {key: list}

    gemeenten = [
        {
            "cbs": str(g["cbs"]).zfill(4),
            "naam": g["naam"],
            "lat": float(g["lat"]),
            "lon": float(g["lon"]),
        }
        for g in read("gemeenten.yaml", "gemeenten")
    ]
    diensten = [
        {
            "code": d["code"],
            "wet": d["wet"],
            "niveaus": list(d.get("niveaus") or []),
            "naam": d.get("naam") or {},
        }
        for d in read("diensten.yaml", "diensten")
    ]
    themas = {t["code"]: t.get("label") or {} for t in read("themas.yaml", "themas")}
    indicatoren = {
        i["code"]: list(i.get("eenheden") or ["procent"])
        for i in read("indicatoren.yaml", "indicatoren")
    }
    # Service x gemeente pairs the gemeente buys itself: no regional contract may name them.
    lokaal = LOKAAL_FALLBACK
    if (ref_dir / "deelname.yaml").exists():
        lokaal = {
            (u["dienst"], str(u["gemeente"]).zfill(4))
            for u in read("deelname.yaml", "uitzonderingen")
            if u.get("deelname") == "lokaal"
        }
    return {
        "gemeenten": gemeenten,
        "diensten": diensten,
        "themas": themas,
        "indicatoren": indicatoren,
        "lokaal": lokaal,
    }


def generate_register(providers, seed, today=DEFAULT_TODAY, reference=None):
    """Return the fictional register as {sheet name: list of row dicts}."""
    ref = reference or load_reference(DEFAULT_REFERENCE)
    rng = Random(seed)
    used = {"names": set(), "kvk": set(), "agb": set()}
    sheets = {name: [] for name in SHEETS}
    profiles = []
    for index in range(providers):
        profile = _make_profile(rng, index, ref, used)
        profiles.append(profile)
        locaties = _make_locations(rng, profile, ref)
        sheets["aanbieders"].append(_make_provider(rng, profile, locaties, ref, today, used))
        sheets["locaties"].extend(locaties)
        sheets["contracten"].extend(_make_contracts(rng, profile, ref, today))
        sheets["kwaliteit"].extend(_make_quality(rng, profile, ref, today))
    _ensure_coverage(sheets["contracten"], profiles, ref, today)
    sheets["contracten"].sort(key=lambda row: row["aanbieder_id"])  # stable: keeps service order
    names = {g["cbs"]: g["naam"] for g in ref["gemeenten"]}
    for row in sheets["contracten"]:
        everywhere = row["_alle"] and len(row["_cbs"]) == len(names)
        row["gemeenten"] = "alle" if everywhere else ";".join(names[c] for c in row["_cbs"])
    sheets["info"] = [
        {"sleutel": "fictief", "waarde": "ja"},
        {"sleutel": "omschrijving", "waarde": DESCRIPTION},
        {"sleutel": "gegenereerd", "waarde": today.isoformat()},
        {"sleutel": "seed", "waarde": seed},
        {"sleutel": "aanbieders", "waarde": providers},
    ]
    return sheets


def _make_profile(rng, index, ref, used):
    """Decide size, services, working area and name of one provider."""
    roll = rng.random()
    size = "large" if roll < 0.03 else "medium" if roll < 0.28 else "small"
    services = _pick_services(rng, size, ref["diensten"])
    near, area = _pick_area(rng, size, ref["gemeenten"])
    wetten = {d["wet"] for d in ref["diensten"] if d["code"] in services}
    place = PLACES.get(area[0], [(None,)])[0][0]
    name = _pick_name(rng, size, services, wetten, place, used["names"])
    return {
        "id": f"A{index + 1:05d}",
        "size": size,
        "services": services,
        "area": area,
        "near": near,
        "wetten": wetten,
        "name": name,
        "ended": rng.random() < 0.01,
    }


def _weighted_sample(rng, items, weights, k):
    """Draw k distinct items, each draw proportional to its weight."""
    items, weights, chosen = list(items), list(weights), []
    for _ in range(min(k, len(items))):
        i = rng.choices(range(len(items)), weights)[0]
        chosen.append(items.pop(i))
        weights.pop(i)
    return chosen


def _pick_services(rng, size, diensten):
    """Pick service codes that fit a provider of this size (in reference order)."""
    if size == "large":
        pool, k = diensten, rng.randint(min(10, len(diensten)), min(16, len(diensten)))
    else:
        weights = [55, 35, 10] if size == "small" else [45, 35, 20]
        wet = rng.choices(["jeugd", "wmo", "both"], weights)[0]
        pool = [d for d in diensten if wet == "both" or d["wet"] == wet] or diensten
        k = rng.randint(1, 2) if size == "small" else rng.randint(3, 6)
    codes = [d["code"] for d in pool]
    chosen = set(_weighted_sample(rng, codes, [SERVICE_WEIGHT.get(c, 1) for c in codes], k))
    return [d["code"] for d in diensten if d["code"] in chosen]


def _distance(a, b):
    """Rough distance in degrees, with longitude shrunk to its length at Twente's latitude."""
    return math.hypot(a["lat"] - b["lat"], (a["lon"] - b["lon"]) * math.cos(math.radians(52.3)))


def _pick_area(rng, size, gemeenten):
    """Return all CBS codes nearest-first from a home gemeente, and the first k as working area."""
    home = rng.choices(gemeenten, [POPULATION.get(g["cbs"], 30) for g in gemeenten])[0]
    if size == "large":
        k = len(gemeenten) if rng.random() < 0.7 else rng.randint(10, len(gemeenten))
    elif size == "medium":
        k = rng.randint(3, 9)
    else:
        k = rng.choices([1, 2, 3, 4], [40, 30, 20, 10])[0]
    nearest = sorted(gemeenten, key=lambda g: (_distance(home, g), g["cbs"]))
    near = [g["cbs"] for g in nearest]
    return near, near[:k]


def _pick_name(rng, size, services, wetten, place, used_names):
    """Make a unique, obviously fictional Dutch name for a provider."""
    focus = "both" if len(wetten) != 1 else next(iter(wetten))
    if size == "small" and rng.random() < 0.5:  # an independent professional (zzp'er)
        prefix = rng.choice(ZZP_PREFIX.get(focus, ZZP_PREFIX["jeugd"]))
        name = f"{prefix} {rng.choice(INITIALS)}. {rng.choice(SURNAMES)}"
    elif size == "small":
        prefix = "Dyslexiepraktijk" if "AMB-DYS" in services else rng.choice(PRACTICE_PREFIX[:3])
        name = f"{prefix} {rng.choice(NATURE)}"
    else:
        prefixes = ORG_PREFIX["both"] if size == "large" else ORG_PREFIX[focus]
        # A care farm (zorgboerderij) is a place for day activities, so only with WMO-DB.
        prefix = rng.choice([p for p in prefixes if p != "Zorgboerderij" or "WMO-DB" in services])
        name = f"{prefix} {rng.choice(NATURE + LANDSCAPE)}"
        if size == "large" and rng.random() < 0.5:
            name += " Twente"
    # Collisions get the home town, then a number, so names stay unique and readable.
    base = f"{name} {place}" if place and name in used_names else name
    name, number = base, 1
    while name in used_names:
        number += 1
        name = f"{base} {number}"
    used_names.add(name)
    return name


def _slug(text):
    """Lowercase ASCII slug for fictional web and mail addresses."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


def _yes_no(rng, yes, no):
    """Return 'ja' with chance yes, 'nee' with chance no, otherwise '' (unknown)."""
    roll = rng.random()
    return "ja" if roll < yes else "nee" if roll < yes + no else ""


def _unique_number(rng, used):
    """An 8-digit number starting with 00, a prefix real KvK and AGB numbers do not use."""
    while True:
        number = f"00{rng.randrange(1_000_000):06d}"
        if number not in used:
            used.add(number)
            return number


def _make_locations(rng, profile, ref):
    """Make the addresses of a provider inside its working area."""
    residential = any(c.startswith(("WON-", "VBL-")) or c == "WMO-WV" for c in profile["services"])
    if profile["size"] == "large":
        k = rng.randint(3, 8)
    elif profile["size"] == "medium":
        k = rng.randint(1, 3)
    else:  # small ambulant practices often have no address of their own
        k = 1 if residential or rng.random() < 0.55 else 0
    points = {g["cbs"]: g for g in ref["gemeenten"]}
    rows = []
    for cbs in profile["area"][:k]:
        plaats, low, high = rng.choice(PLACES.get(cbs, [(points[cbs]["naam"], 7400, 7699)]))
        letters = rng.choice(POSTCODE_LETTERS)
        number = rng.randint(1, 240)
        if rng.random() < 0.15:  # sometimes text with an addition, as in real sheets
            number = f"{number}{rng.choice(['a', 'b', '-1', ' A'])}"
        rows.append(
            {
                "aanbieder_id": profile["id"],
                "naam": profile["name"] if k == 1 else f"{profile['name']} {plaats}",
                "straat": rng.choice(STREET_STEMS) + rng.choice(STREET_SUFFIXES),
                "huisnummer": number,
                "postcode": f"{rng.randint(low, high)}{'' if rng.random() < 0.1 else ' '}{letters}",
                "plaats": plaats,
                "gemeente": cbs if rng.random() < 0.2 else points[cbs]["naam"],
                "lat": round(points[cbs]["lat"] + rng.uniform(-0.03, 0.03), 6),
                "lon": round(points[cbs]["lon"] + rng.uniform(-0.03, 0.03), 6),
                "rolstoeltoegankelijk": "ja" if rng.random() < 0.6 else "nee",
            }
        )
    return rows


def _lower_label(label):
    """Lowercase a label's first letter unless it is an abbreviation (ADHD, LVB)."""
    return label[0].lower() + label[1:] if len(label) > 1 and label[1].islower() else label


def _join(items, word):
    """Join ['a', 'b', 'c'] as 'a, b en c'."""
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} {word} {items[-1]}"


def _describe(rng, profile, themes, ref, place, home_visits):
    """Build a Dutch and an English description from services and themes."""
    names = {d["code"]: d["naam"] for d in ref["diensten"]}
    texts = [
        SERVICE_TEXT.get(c) or (names[c].get("nl", c).lower(), names[c].get("en", c).lower())
        for c in profile["services"][:3]
    ]
    nl_open, en_open = rng.choice(
        [
            ("Wij bieden {}.", "We offer {}."),
            ("Bij ons kunt u terecht voor {}.", "You can come to us for {}."),
            ("Onze hulpverleners geven {}.", "Our professionals provide {}."),
        ]
    )
    nl = [nl_open.format(_join([t[0] for t in texts], "en"))]
    en = [en_open.format(_join([t[1] for t in texts], "and"))]
    if themes:
        labels = [ref["themas"][t] for t in themes]
        t_nl = _join([_lower_label(lab.get("nl", "")) for lab in labels], "en")
        t_en = _join([_lower_label(lab.get("en", "")) for lab in labels], "and")
        pairs = [
            ("Wij hebben veel ervaring met {}.", "We have a lot of experience with {}."),
            (
                "Wij begeleiden cliënten met {} en betrekken het gezin erbij.",
                "We support clients with {} and involve their family.",
            ),
        ]
        if set(profile["services"]) & TREATMENT:
            pairs.append(("Onze behandelingen richten zich op {}.", "Our treatments focus on {}."))
        pair = rng.choice(pairs)
        nl.append(pair[0].format(t_nl))
        en.append(pair[1].format(t_en))
    extras = [
        ("Cliënten waarderen onze persoonlijke aanpak.", "Clients value our personal approach."),
        (
            "Behandeling en begeleiding stemmen we af met school en huisarts.",
            "We coordinate treatment and support with school and GP.",
        )
        if "jeugd" in profile["wetten"]
        else (
            "Wij werken samen met het wijkteam en uw huisarts.",
            "We work together with the neighbourhood team and your GP.",
        ),
    ]
    if place:
        extras.append((f"U vindt ons in {place}.", f"You can find us in {place}."))
    if home_visits == "ja":
        extras.append(("Wij komen ook bij u thuis.", "We also visit you at home."))
    if rng.random() < 0.6:
        extra = rng.choice(extras)
        nl.append(extra[0])
        en.append(extra[1])
    return " ".join(nl), " ".join(en)


def _make_provider(rng, profile, locaties, ref, today, used):
    """Make the `aanbieders` row of one provider."""
    themes = _pick_themes(rng, profile, ref)
    ages = _pick_ages(rng, profile["wetten"])
    talen = ["nl"]
    if rng.random() < (0.8 if profile["size"] == "large" else 0.3):
        talen += _weighted_sample(rng, EXTRA_LANGUAGES, LANGUAGE_WEIGHT, rng.randint(1, 3))
    home_visits = _yes_no(rng, 0.6, 0.2)
    place = locaties[0]["plaats"] if locaties else None
    nl, en = _describe(rng, profile, themes, ref, place, home_visits)
    nl = nl if rng.random() < 0.95 else None
    en = en if nl and rng.random() < 0.6 else None  # an English text only next to a Dutch one
    access = [loc["rolstoeltoegankelijk"] for loc in locaties]
    row = {
        "aanbieder_id": profile["id"],
        "naam": profile["name"],
        "kvk": _unique_number(rng, used["kvk"]),
        "agb": _unique_number(rng, used["agb"]) if rng.random() < 0.6 else None,
        "omschrijving": nl,
        "omschrijving_en": en,
        "leeftijd_min": ages[0],
        "leeftijd_max": ages[1],
        "themas": ";".join(themes) or None,
        "talen": ";".join(talen),
        "hulp_op_afstand": _yes_no(rng, 0.45, 0.3),
        "huisbezoek": home_visits,
        # Derived from the locations: "at least one wheelchair-accessible location".
        "rolstoeltoegankelijk": ("ja" if "ja" in access else "nee") if access else None,
        "keuze_hulpverlener": _yes_no(rng, 0.3, 0.3),
    }
    row.update(_contact(rng, _slug(profile["name"])))
    row.update(_intake(rng, today))
    if rng.random() < 0.7:
        row["kit_datum"] = today - timedelta(days=rng.randint(30, 1100))
    if rng.random() < 0.3:
        row["keurmerken"] = ";".join(sorted(rng.sample(KEURMERKEN, rng.randint(1, 2))))
    return row


def _pick_ages(rng, wetten):
    """Pick an age range that fits the laws the provider works under, or none (unknown)."""
    if rng.random() < 0.15:
        return None, None
    if wetten == {"wmo"}:
        return rng.choice([(18, 120), (18, 120), (18, 67), (65, 120)])
    if wetten == {"jeugd"}:
        return rng.choice([(0, 18), (4, 23), (0, 23), (12, 23), (4, 18)])
    return 0, 120


def _contact(rng, slug):
    """Make fictional contact fields; the reserved .example domain points nowhere real."""
    row = {}
    if rng.random() < 0.75:
        row["website"] = f"{'http' if rng.random() < 0.1 else 'https'}://www.{slug}.example"
    if rng.random() < 0.85:
        row["telefoon"] = f"085 000 {rng.randrange(10_000):04d}"
    if rng.random() < 0.8:
        row["email"] = f"info@{slug}.example"
    return row


def _intake(rng, today):
    """Make nieuwe_clienten and a waiting time that is always dated when it is given."""
    intake = rng.choices(["ja", "wachtlijst", "nee", ""], [50, 20, 10, 20])[0]
    row = {"nieuwe_clienten": intake}
    if intake != "nee" and rng.random() < 0.7:
        row["wachttijd_weken"] = rng.randint(4, 26) if intake == "wachtlijst" else rng.randint(0, 6)
        row["wachttijd_peildatum"] = today - timedelta(days=rng.randint(1, 89))
    return row


def _pick_themes(rng, profile, ref):
    """Pick 0-4 theme codes that fit the provider's services and exist in the reference."""
    pool = list(JEUGD_THEMES) if "jeugd" in profile["wetten"] else []
    if "wmo" in profile["wetten"]:
        pool += [t for t in WMO_THEMES if t not in pool]
    pool = [t for t in pool if t in ref["themas"]]
    themes = rng.sample(pool, min(len(pool), rng.choices([0, 1, 2, 3, 4], [15, 25, 30, 20, 10])[0]))
    if "AMB-DYS" in profile["services"] and "dyslexie" in pool and "dyslexie" not in themes:
        themes = ["dyslexie"] + themes[:3]  # a dyslexia practice always lists the theme
    return sorted(themes)


def _make_contracts(rng, profile, ref, today):
    """Make one `contracten` row per service of the provider."""
    levels = {d["code"]: d["niveaus"] for d in ref["diensten"]}
    rows = []
    for code in profile["services"]:
        area = profile["area"]
        if profile["size"] == "large" and rng.random() < 0.3:
            area = area[: rng.randint(max(1, len(area) - 5), len(area))]
        # Where a gemeente buys the service itself (Almelo), contract the nearest other one.
        area = [c for c in area if (code, c) not in ref["lokaal"]] or [
            c for c in profile["near"] if (code, c) not in ref["lokaal"]
        ][:1]
        niveaus = levels.get(code) or []
        if niveaus:
            start = rng.randrange(len(niveaus))
            niveaus = niveaus[start : rng.randint(start + 1, len(niveaus))]
        start = rng.choices([date(2025, 1, 1), date(2025, 7, 1), date(2026, 1, 1)], [85, 8, 7])[0]
        end = date(2028, 12, 31) if rng.random() < 0.5 else None
        status = (
            "beeindigd"
            if profile["ended"]
            else rng.choices(["actief", "opgeschort", "beeindigd"], [90, 5, 5])[0]
        )
        if status == "beeindigd":  # ended before today, and never before it started
            start = min(start, today - timedelta(days=365))
            end = start + timedelta(days=rng.randint(0, (today - start).days - 1))
        rows.append(
            {
                "aanbieder_id": profile["id"],
                "dienst": code,
                "niveaus": ";".join(niveaus) or None,
                "ingangsdatum": start,
                "einddatum": end,
                "status": status,
                "_cbs": area,
                "_alle": profile["size"] == "large" and rng.random() < 0.6,
            }
        )
    # Only the providers drawn as "ended" lose every contract; keep the others on the site.
    if not profile["ended"] and all(row["status"] != "actief" for row in rows):
        rows[0].update(status="actief", einddatum=None)
    return rows


def _is_current(row, today):
    """True when a contract is shown to residents today."""
    return (
        row["status"] == "actief"
        and row["ingangsdatum"] <= today
        and (row["einddatum"] is None or row["einddatum"] >= today)
    )


def _ensure_coverage(contracts, profiles, ref, today):
    """Make every regionally bought service available in every gemeente today."""
    order = {g["cbs"]: i for i, g in enumerate(ref["gemeenten"])}
    current = [row for row in contracts if _is_current(row, today)]
    covered = {(row["dienst"], c) for row in current for c in row["_cbs"]}
    # New contracts go to the biggest providers first: they can plausibly offer anything.
    pool = sorted(
        (p for p in profiles if not p["ended"]) or profiles,
        key=lambda p: (["large", "medium", "small"].index(p["size"]), p["id"]),
    )
    for dienst in ref["diensten"]:
        code = dienst["code"]
        for cbs in order:
            if (code, cbs) in covered or (code, cbs) in ref["lokaal"]:
                continue
            offers = [row for row in current if row["dienst"] == code]
            if offers:
                row = max(offers, key=lambda r: len(r["_cbs"]))  # max() keeps the first tie
                row["_cbs"] = sorted(row["_cbs"] + [cbs], key=order.get)
            else:
                row = _open_contract(contracts, pool, dienst, cbs, today)
                current.append(row)
            covered.add((code, cbs))


def _open_contract(contracts, pool, dienst, cbs, today):
    """Give one provider a current contract for dienst in cbs, and return that row."""
    code = dienst["code"]
    ids = {p["id"] for p in pool}
    free = [p for p in pool if code not in p["services"]]
    if not free:  # everyone has this service, just not today: reopen one such contract
        row = next(r for r in contracts if r["dienst"] == code and r["aanbieder_id"] in ids)
        row.update(
            status="actief",
            einddatum=None,
            _cbs=[cbs],
            _alle=False,
            ingangsdatum=min(row["ingangsdatum"], today),
        )
        return row
    # Spread the additions over the pool instead of piling them onto one provider.
    profile = free[sum(r.get("_added", False) for r in contracts) % len(free)]
    profile["services"].append(code)
    row = {
        "aanbieder_id": profile["id"],
        "dienst": code,
        "niveaus": ";".join(dienst["niveaus"]) or None,
        "ingangsdatum": min(date(2025, 1, 1), today),
        "einddatum": None,
        "status": "actief",
        "_cbs": [cbs],
        "_alle": False,
        "_added": True,
    }
    contracts.append(row)
    return row


def _make_quality(rng, profile, ref, today):
    """Make the measured figures of one provider (none for about 15%)."""
    if rng.random() < 0.15:
        return []
    services = profile["services"]
    # A figure is about the provider as a whole (dienst empty) or about one service.
    scopes = [None] if rng.random() < 0.6 else rng.sample(services, min(2, len(services)))
    # Mostly last year; some older ones, so the site has "old figure" cases to show.
    years = [today.year - 1]
    if rng.random() >= 0.7:
        years = [rng.choice([today.year - 2, today.year - 3, today.year - 5])]
    if rng.random() < 0.1:
        years.append(years[0] - 1)  # an earlier year too, for a trend
    high = {"small": 60, "medium": 200, "large": 400}[profile["size"]]
    rows = []
    for dienst in scopes:
        for year in years:
            for code, chance in INDICATOR_CHANCE:
                if code not in ref["indicatoren"] or rng.random() >= chance:
                    continue
                unit = "procent"
                if code == "clienttevredenheid":
                    cijfer = "cijfer" in ref["indicatoren"][code] and rng.random() < 0.2
                    unit = "cijfer" if cijfer else "procent"
                    value = rng.uniform(6.0, 9.5) if cijfer else rng.uniform(60, 98)
                    source = f"Cliëntervaringsonderzoek {year} (fictief)"
                else:
                    value = rng.uniform(50, 95) if code == "doelrealisatie" else rng.uniform(2, 30)
                    source = f"Contractrapportage OZJT {year} (fictief)"
                rows.append(
                    {
                        "aanbieder_id": profile["id"],
                        "indicator": code,
                        "dienst": dienst,
                        "waarde": round(value, 1),
                        "eenheid": unit,
                        # about 10% too small to show: the site must say "not enough data"
                        "aantal": rng.randint(3, 9)
                        if rng.random() < 0.1
                        else rng.randint(10, high),
                        "periode_van": date(year, 1, 1),
                        "periode_tot": date(year, 12, 31),
                        "bron": source,
                    }
                )
    return rows


class _FixedTimeZip(zipfile.ZipFile):
    """A ZipFile that stamps every member with one fixed time, for byte-identical files."""

    stamp = (1980, 1, 1, 0, 0, 0)

    def _info(self, name):
        info = zipfile.ZipInfo(name, self.stamp)
        info.compress_type = zipfile.ZIP_DEFLATED
        info.external_attr = 0o600 << 16
        return info

    def writestr(self, zinfo_or_arcname, data, *args, **kwargs):
        if not isinstance(zinfo_or_arcname, zipfile.ZipInfo):
            zinfo_or_arcname = self._info(zinfo_or_arcname)
        super().writestr(zinfo_or_arcname, data, *args, **kwargs)

    def write(self, filename, arcname=None, *args, **kwargs):
        # openpyxl copies write-only sheets from temp files, whose mtime would leak in.
        with open(filename, "rb") as src, self.open(self._info(arcname or filename), "w") as dst:
            shutil.copyfileobj(src, dst, 1 << 20)


def write_xlsx(sheets, path, today=DEFAULT_TODAY, layout=None):
    """Write the register as one workbook, streaming rows (openpyxl write-only mode);
    `layout` is {sheet: columns} (default: the register's sheets)."""
    wb = Workbook(write_only=True)
    stamp = datetime(today.year, today.month, today.day)
    wb.properties.created = wb.properties.modified = stamp
    wb.properties.creator = "bench.make_register"
    wb.properties.title = "Demoregister (fictief)"
    for name, columns in (layout or SHEETS).items():
        ws = wb.create_sheet(name)
        ws.freeze_panes = "A2"
        ws.append(columns)
        for row in sheets[name]:
            ws.append([None if row.get(c) == "" else row.get(c) for c in columns])
    # Not wb.save(): that stamps `modified` with the clock; ExcelWriter is what it calls.
    with _FixedTimeZip(path, "w", zipfile.ZIP_DEFLATED, allowZip64=True) as archive:
        ExcelWriter(wb, archive).save()


def _csv_value(value):
    """Format a cell the way Dutch Excel exports it: ISO dates, decimal comma."""
    if value is None:
        return ""
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float):
        text = repr(value)
        return (text[:-2] if text.endswith(".0") else text).replace(".", ",")
    return str(value)


def write_csv_folder(sheets, directory, layout=None):
    """Write the register as a folder of `;`-delimited UTF-8 CSV files."""
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    for name, columns in (layout or SHEETS).items():
        with open(directory / f"{name}.csv", "w", newline="", encoding="utf-8") as f:
            writer = csv.writer(f, delimiter=";")
            writer.writerow(columns)
            writer.writerows([_csv_value(row.get(c)) for c in columns] for row in sheets[name])


def main(argv=None):
    """Command line: generate a register and write it as .xlsx or as a CSV folder."""
    parser = argparse.ArgumentParser(
        prog="python -m bench.make_register", description=__doc__.split("\n")[0]
    )
    parser.add_argument("out", help="a .xlsx file, or a directory for the CSV variant")
    parser.add_argument("--providers", type=int, default=300)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--today",
        type=date.fromisoformat,
        default=DEFAULT_TODAY,
        help="reference date, YYYY-MM-DD (default %(default)s)",
    )
    parser.add_argument(
        "--reference",
        type=Path,
        default=DEFAULT_REFERENCE,
        help="folder with the reference YAML files",
    )
    parser.add_argument(
        "--availability",
        metavar="PATH",
        help="also write a weekly availability file for this register (.xlsx, or a folder)",
    )
    parser.add_argument("--weeks", type=int, default=10, help="weeks of availability history")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    reference = load_reference(args.reference)
    sheets = generate_register(args.providers, args.seed, args.today, reference)
    _write(sheets, args.out, args.today, SHEETS)
    counts = ", ".join(f"{name} {len(rows)}" for name, rows in sheets.items())
    if args.availability:
        rows = generate_availability(sheets, args.seed, args.today, args.weeks, reference)
        _write({"beschikbaarheid": rows}, args.availability, args.today, AVAILABILITY)
        counts += f"; {args.availability}: beschikbaarheid {len(rows)}"
    print(f"{args.out}: {counts} ({time.perf_counter() - started:.1f} s)", file=sys.stderr)
    return 0


def _write(sheets, out, today, layout):
    if str(out).lower().endswith(".xlsx"):
        Path(out).parent.mkdir(parents=True, exist_ok=True)
        write_xlsx(sheets, out, today, layout)
    else:
        write_csv_folder(sheets, out, layout)


if __name__ == "__main__":
    sys.exit(main())
