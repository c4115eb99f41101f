"""Generate a synthetic archive of medical-tourism articles for claimlint benchmarks.

Every sentence comes from the templates in this file; nothing is copied from real pages or
from the demo archive. Articles cover stem cells (knee osteoarthritis, anti-aging IV), hair
transplants, dental implants and veneers, IVF and gastric sleeve surgery in about twenty
countries, and are written in the three formats claimlint reads:

* Markdown with YAML front matter, lists and pipe tables (``.md``);
* HTML with ``<meta>`` tags, lists and tables (``.html``);
* plain text as scraped pages look: headings as lines, bullets, flattened tables and a
  trailing "About Article" block (``.txt``).

Numbers (prices in USD, EUR, GBP, CHF and THB, cell counts, durations, percentages, years,
counts) are drawn from one canonical table per seed, so articles agree with each other
unless a conflict was planted: with probability ``conflict_rate`` an article states a
different price or length of stay for its main subject, consistently within the article,
so only cross-article checks can see it. Planted conflicts are listed in
``manifest.json`` next to the articles. About 8% of articles also carry one sentence of
risky marketing wording.

Deterministic: article *i* depends only on (seed, i, conflict_rate), so the same arguments
give the same bytes, and a smaller archive is a prefix of a larger one.

    python benchmarks/generate.py OUT_DIR --articles 500 [--seed 0] [--conflict-rate 0.05]
    python benchmarks/generate.py OUT_DIR --megabytes 20

As a library::

    from generate import generate, iter_articles
    paths = generate("out", 1000, seed=0, conflict_rate=0.05)
"""
from __future__ import annotations

import argparse
import html
import json
import os
import random
import sys
from dataclasses import dataclass, field
from typing import Iterator, Optional

__all__ = ["Article", "generate", "iter_articles", "canonical_table", "main"]

FORMATS = ("md", "html", "txt")
MIN_BYTES, MAX_BYTES = 3000, 8200

# --------------------------------------------------------------------------- vocabulary

# key: (name, adjective, cities, quote currency)
COUNTRIES = {
    "japan": ("Japan", "Japanese", ["Tokyo", "Osaka", "Kyoto", "Fukuoka", "Yokohama"], "USD"),
    "south-korea": ("South Korea", "Korean", ["Seoul", "Busan"], "USD"),
    "mexico": ("Mexico", "Mexican", ["Cancun", "Tijuana", "Guadalajara", "Mexico City", "Puerto Vallarta", "Monterrey"], "USD"),
    "panama": ("Panama", "Panamanian", ["Panama City"], "USD"),
    "colombia": ("Colombia", "Colombian", ["Medellin", "Bogota", "Cartagena"], "USD"),
    "costa-rica": ("Costa Rica", "Costa Rican", ["San Jose"], "USD"),
    "bahamas": ("the Bahamas", "Bahamian", ["Nassau"], "USD"),
    "thailand": ("Thailand", "Thai", ["Bangkok", "Phuket", "Chiang Mai"], "THB"),
    "malaysia": ("Malaysia", "Malaysian", ["Kuala Lumpur", "Penang"], "USD"),
    "india": ("India", "Indian", ["Mumbai", "New Delhi", "Chennai"], "USD"),
    "turkey": ("Turkey", "Turkish", ["Istanbul", "Antalya", "Izmir"], "EUR"),
    "hungary": ("Hungary", "Hungarian", ["Budapest"], "EUR"),
    "poland": ("Poland", "Polish", ["Warsaw", "Krakow"], "EUR"),
    "croatia": ("Croatia", "Croatian", ["Zagreb", "Split"], "EUR"),
    "czech-republic": ("the Czech Republic", "Czech", ["Prague", "Brno"], "EUR"),
    "spain": ("Spain", "Spanish", ["Barcelona", "Madrid", "Valencia", "Alicante"], "EUR"),
    "germany": ("Germany", "German", ["Munich", "Berlin", "Frankfurt"], "EUR"),
    "switzerland": ("Switzerland", "Swiss", ["Zurich", "Lugano", "Geneva"], "CHF"),
    "united-kingdom": ("the United Kingdom", "British", ["London", "Manchester"], "GBP"),
    "united-states": ("the United States", "American", ["New York", "Los Angeles", "Miami"], "USD"),
}
FX = {"USD": 1.0, "EUR": 0.92, "GBP": 0.79, "CHF": 0.88, "THB": 35.5}
SIGN = {"USD": "$", "EUR": "€", "GBP": "£", "THB": "฿"}
HOME = ["US", "American", "Canadian", "British", "Australian"]
VISA = {
    "japan": "US citizens can visit Japan visa-free for up to 90 days",
    "mexico": "US and Canadian citizens need no visa for Mexico, and tourist visits of up to 180 days are allowed",
    "turkey": "US citizens can enter Turkey without a visa for up to 90 days",
    "thailand": "US citizens can enter Thailand visa-free for up to 60 days",
    "south-korea": "US citizens can visit South Korea visa-free for up to 90 days after registering online for a K-ETA",
    "colombia": "US citizens can stay in Colombia as tourists for up to 90 days without a visa",
    "costa-rica": "US citizens can visit Costa Rica visa-free for up to 180 days",
    "panama": "US citizens can visit Panama visa-free for up to 180 days",
    "india": "most visitors need an e-visa for India, which is usually issued within 3-5 days",
}
REGULATOR = {
    "japan": "the Ministry of Health, Labour and Welfare", "south-korea": "the Ministry of Food and Drug Safety",
    "mexico": "COFEPRIS", "panama": "the Ministry of Health (MINSA)", "colombia": "INVIMA",
    "costa-rica": "the Ministry of Health", "bahamas": "the National Stem Cell Ethics Committee",
    "thailand": "the Thai Medical Council", "malaysia": "the Ministry of Health Malaysia",
    "india": "the National Medical Commission", "turkey": "the Turkish Ministry of Health",
    "hungary": "the National Public Health Center", "poland": "the Polish Ministry of Health",
    "croatia": "the Croatian Ministry of Health", "czech-republic": "the Czech Ministry of Health",
    "spain": "the regional health authority", "germany": "the state medical chamber",
    "switzerland": "Swissmedic", "united-kingdom": "the Care Quality Commission",
    "united-states": "the FDA",
}
# Laws with their dates, stated only where correct.
LAW = {  # (country, family) -> text
    ("japan", "stem"): "The Act on the Safety of Regenerative Medicine was passed in 2013 and took effect in November 2014; every clinic offering cell therapy must register each treatment plan with {reg}.",
    ("south-korea", "stem"): "South Korea's Advanced Regenerative Bio Act came into effect in 2020 and opened a regulated path for cell therapies at designated hospitals.",
    ("spain", "ivf"): "Spain's assisted reproduction law, passed in 2006, keeps egg donation anonymous and limits compensation for donors.",
}


@dataclass(frozen=True)
class Treatment:
    key: str
    family: str
    slug: str
    titles: tuple[str, ...]
    noun: str
    short: str
    variants: dict  # variant key -> (label, US reference price low, high)
    countries: dict  # country -> (price factor, variants offered, first = primary)
    stays: tuple  # options for the length of stay in days
    onset: tuple  # (low, high, unit) results begin
    recovery: tuple  # (low, high, unit)


TREATMENTS = [
    Treatment("knee-osteoarthritis", "stem", "knee-oa-stem-cells",
              ("Stem Cell Therapy for Knee Osteoarthritis", "Knee Stem Cell Injections",
               "Regenerative Treatment for Knee Arthritis"),
              "stem cell therapy for knee osteoarthritis", "knee OA",
              {"cultured": ("cultured MSCs", 7000, 12000), "non-cultured": ("same-day injection", 3500, 6000),
               "allogeneic": ("donor umbilical cord MSCs", 5000, 9000)},
              {"japan": (1.0, ("cultured", "non-cultured")), "south-korea": (0.9, ("cultured", "non-cultured")),
               "mexico": (0.85, ("allogeneic", "non-cultured")), "panama": (1.15, ("allogeneic",)),
               "colombia": (0.7, ("allogeneic",)), "costa-rica": (0.8, ("allogeneic",)),
               "bahamas": (1.3, ("allogeneic",)), "thailand": (0.75, ("allogeneic", "cultured")),
               "united-states": (1.4, ("non-cultured",))},
              ((3, 5), (4, 6), (2, 4)), (3, 6, "months"), (24, 48, "hours")),
    Treatment("anti-aging", "stem", "anti-aging-stem-cell-iv",
              ("Anti-Aging Stem Cell IV Therapy", "Stem Cell Infusions for Anti-Aging",
               "Longevity Stem Cell Treatment"),
              "anti-aging stem cell IV therapy", "anti-aging IV",
              {"allogeneic": ("donor umbilical cord MSC infusion", 9000, 16000),
               "cultured": ("cultured own-cell infusion", 14000, 25000), "exosomes": ("exosome infusion", 3000, 6000)},
              {"japan": (1.0, ("cultured", "exosomes")), "mexico": (0.7, ("allogeneic", "exosomes")),
               "panama": (1.1, ("allogeneic",)), "bahamas": (1.25, ("allogeneic", "exosomes")),
               "colombia": (0.6, ("allogeneic",)), "thailand": (0.7, ("cultured", "exosomes")),
               "switzerland": (1.5, ("cultured",)), "south-korea": (0.9, ("cultured", "exosomes")),
               "united-states": (1.2, ("exosomes",))},
              ((2, 4), (3, 5), (2, 3)), (2, 6, "weeks"), (1, 2, "days")),
    Treatment("hair-transplant", "hair", "hair-transplant",
              ("FUE Hair Transplant", "Hair Transplant", "Hair Restoration Surgery"),
              "hair transplant", "hair transplant",
              {"fue": ("FUE", 10000, 18000), "dhi": ("DHI", 12000, 20000), "fut": ("FUT strip method", 8000, 14000)},
              {"turkey": (0.22, ("fue", "dhi")), "thailand": (0.4, ("fue", "fut")), "hungary": (0.35, ("fue",)),
               "poland": (0.38, ("fue", "fut")), "mexico": (0.35, ("fue",)), "india": (0.18, ("fue", "fut")),
               "spain": (0.55, ("fue", "dhi")), "united-kingdom": (0.75, ("fue", "fut")),
               "colombia": (0.33, ("fue",)), "germany": (0.8, ("fue", "dhi")), "united-states": (1.0, ("fue", "fut"))},
              ((2, 3), (3, 4), (3, 5)), (3, 4, "months"), (5, 7, "days")),
    Treatment("dental-implants", "dental", "dental-implants",
              ("All-on-4 Dental Implants", "Dental Implants", "Full-Arch Dental Implants"),
              "dental implants", "dental implants",
              {"all-on-4": ("All-on-4 (per arch)", 20000, 28000), "single-implant": ("implant and crown, per implant", 3500, 5000),
               "all-on-6": ("All-on-6 (per arch)", 25000, 34000)},
              {"hungary": (0.36, ("all-on-4", "single-implant")), "mexico": (0.42, ("all-on-4", "single-implant")),
               "costa-rica": (0.45, ("all-on-4", "all-on-6")), "turkey": (0.3, ("all-on-4", "single-implant")),
               "poland": (0.37, ("all-on-4", "single-implant")), "croatia": (0.4, ("all-on-4", "all-on-6")),
               "thailand": (0.42, ("all-on-4", "single-implant")), "colombia": (0.38, ("all-on-4",)),
               "spain": (0.55, ("single-implant", "all-on-4")), "united-kingdom": (0.8, ("single-implant", "all-on-4")),
               "united-states": (1.0, ("all-on-4", "single-implant"))},
              ((5, 7), (6, 8), (7, 10)), (3, 6, "months"), (7, 10, "days")),
    Treatment("dental-veneers", "veneers", "porcelain-veneers",
              ("Porcelain Veneers", "Veneers", "Smile Makeover with Veneers"),
              "porcelain veneers", "veneers",
              {"": ("porcelain veneer (per tooth)", 1200, 2500)},
              {"turkey": (0.2, ("",)), "mexico": (0.35, ("",)), "colombia": (0.3, ("",)), "costa-rica": (0.4, ("",)),
               "hungary": (0.33, ("",)), "thailand": (0.32, ("",)), "poland": (0.3, ("",)),
               "united-states": (1.0, ("",))},
              ((5, 7), (6, 8), (4, 6)), (2, 3, "weeks"), (2, 3, "days")),
    Treatment("ivf", "ivf", "ivf",
              ("IVF", "IVF and Egg Donation", "Fertility Treatment (IVF)"),
              "IVF", "IVF",
              {"own-eggs": ("IVF with own eggs", 15000, 22000), "donor-eggs": ("IVF with donor eggs", 30000, 42000)},
              {"czech-republic": (0.28, ("donor-eggs", "own-eggs")), "spain": (0.4, ("donor-eggs", "own-eggs")),
               "mexico": (0.33, ("own-eggs", "donor-eggs")), "poland": (0.27, ("own-eggs",)),
               "thailand": (0.38, ("own-eggs",)), "colombia": (0.3, ("own-eggs", "donor-eggs")),
               "united-kingdom": (0.55, ("own-eggs", "donor-eggs")), "united-states": (1.0, ("own-eggs", "donor-eggs"))},
              ((10, 14), (12, 16), (7, 10)), (10, 12, "days"), (1, 2, "days")),
    Treatment("bariatric-surgery", "bariatric", "gastric-sleeve",
              ("Gastric Sleeve Surgery", "Weight Loss Surgery (Gastric Sleeve)", "Bariatric Surgery"),
              "gastric sleeve surgery", "gastric sleeve",
              {"": ("gastric sleeve", 17000, 25000)},
              {"mexico": (0.26, ("",)), "turkey": (0.18, ("",)), "colombia": (0.25, ("",)),
               "costa-rica": (0.35, ("",)), "poland": (0.3, ("",)), "india": (0.2, ("",)),
               "united-states": (1.0, ("",))},
              ((4, 6), (5, 7), (3, 5)), (6, 12, "months"), (2, 3, "weeks")),
]
TREATMENT = {t.key: t for t in TREATMENTS}

FIRST = ["Naomi", "Martin", "Priya", "Lucia", "Daniel", "Hannah", "Omar", "Sofia", "Tomas", "Grace",
         "Elena", "Marcus", "Aiko", "Mateo", "Leah", "Victor", "Ines", "Samuel", "Clara", "Jonah",
         "Rafael", "Maya", "Peter", "Yara", "Felix", "Ruth", "Adrian", "Nadia", "Owen", "Carmen"]
LAST = ["Ferris", "Kessler", "Raman", "Ibarra", "Novak", "Lindqvist", "Haddad", "Moreau", "Okafor",
        "Brennan", "Castillo", "Vogel", "Tanaka", "Szabo", "Delgado", "Whitfield", "Kowalski", "Arslan",
        "Pereira", "Holt", "Nakamura", "Varga", "Quinn", "Ortega", "Lund", "Marsh", "Petrov", "Reyes"]
STREETS = ["Avenida Central", "Harbor Road", "Main Street", "Park Lane", "Ring Road", "Garden Street",
           "Liberty Avenue", "River Street", "Station Road", "Hill Street", "Calle Real", "Sunrise Boulevard"]


# --------------------------------------------------------------------------- canonical facts

def _nice(x: float) -> int:
    step = 50 if x < 2000 else 100 if x < 10000 else 500 if x < 60000 else 1000 if x < 200000 else 5000
    return max(step, int(round(x / step)) * step)


def canonical_table(seed: int = 0) -> dict:
    """The values every article of an archive agrees on, keyed by subject."""
    rng = random.Random(f"claimlint-bench-canon:{seed}")
    canon: dict = {"price": {}, "stay": {}, "dose": {}, "culture": {}, "satisfaction": {}, "success": {},
                   "savings": {}}
    for t in TREATMENTS:
        for country, (factor, offered) in t.countries.items():
            currency = COUNTRIES[country][3]
            for variant in offered:
                _, lo, hi = t.variants[variant]
                j = rng.uniform(0.88, 1.12)
                canon["price"][(t.key, country, variant)] = (
                    _nice(lo * factor * j * FX[currency]), _nice(hi * factor * j * FX[currency]), currency)
                if country != "united-states":
                    us = t.countries.get("united-states")
                    if us and variant in us[1]:
                        canon["savings"][(t.key, country, variant)] = int(round((1 - factor / us[0]) * 20)) * 5
            canon["stay"][(t.key, country)] = rng.choice(t.stays)
            canon["satisfaction"][(t.key, country)] = rng.randrange(86, 97)
            if t.family == "stem":
                primary = offered[0]
                canon["dose"][(t.key, country)] = {
                    "cultured": rng.choice([(50, 100), (40, 80), (60, 120)]),
                    "allogeneic": rng.choice([(30, 50), (25, 50), (50, 100)]),
                    "non-cultured": rng.choice([(5, 10), (2, 5)]),
                    "exosomes": None}[primary]
                if "cultured" in offered:
                    canon["culture"][(t.family, country)] = rng.choice([(3, 4), (4, 5), (2, 3)])
            if t.family == "ivf":
                for variant in offered:
                    canon["success"][(t.key, country, variant)] = (
                        rng.randrange(38, 50) if variant == "own-eggs" else rng.randrange(52, 66))
    canon["grafts"] = {"fue": (2500, 3500), "dhi": (2000, 3000), "fut": (3000, 4000)}
    return canon


# --------------------------------------------------------------------------- formatting

def _n(x: float) -> str:
    return f"{int(x):,}" if float(x).is_integer() else f"{x:,.1f}"


def money(lo: int, hi: Optional[int], cur: str, style: int) -> str:
    if hi is None:
        sign = SIGN.get(cur)
        return f"{sign}{_n(lo)}" if sign else f"{cur} {_n(lo)}"
    sign = SIGN.get(cur)
    if cur == "CHF":
        return [f"CHF {_n(lo)} – {_n(hi)}", f"CHF {_n(lo)}-{_n(hi)}", f"{_n(lo)}–{_n(hi)} CHF"][style % 3]
    if style == 5 and cur == "USD" and lo % 500 == 0 and hi % 500 == 0:
        return f"${lo / 1000:g}k–${hi / 1000:g}k"
    return [f"{sign}{_n(lo)} – {sign}{_n(hi)}", f"{sign}{_n(lo)}-{sign}{_n(hi)}",
            f"{sign}{_n(lo)} to {sign}{_n(hi)}", f"{_n(lo)}–{_n(hi)} {cur}",
            (f"US${_n(lo)} – US${_n(hi)}" if cur == "USD" else f"{cur} {_n(lo)} – {_n(hi)}"),
            f"{sign}{_n(lo)} – {sign}{_n(hi)}"][style % 6]


def span(lo, hi, unit: str, style: int) -> str:
    if lo == hi:
        return f"{lo} {unit}"
    return [f"{lo}-{hi} {unit}", f"{lo} to {hi} {unit}", f"{lo}–{hi} {unit}"][style % 3]


def cells(lo: int, hi: int, style: int) -> str:
    """Cell counts given in millions."""
    return [f"{lo} million to {hi} million cells", f"{lo}M – {hi}M cells",
            f"{lo} million – {hi} million cells"][style % 3]


# --------------------------------------------------------------------------- article model

@dataclass
class Article:
    name: str
    format: str
    text: str
    info: dict = field(default_factory=dict)

    @property
    def size(self) -> int:
        return len(self.text.encode("utf-8"))


class _Ctx:
    """What one article says: its subject, people, values (canonical or planted)."""

    def __init__(self, index: int, seed: int, conflict_rate: float, canon: dict):
        rng = self.rng = random.Random(f"claimlint-bench:{seed}:{index}")
        self.index = index
        self.t = t = TREATMENTS[rng.randrange(len(TREATMENTS))]
        choices = [c for c in t.countries if c != "united-states"]
        self.country = rng.choice(choices)
        self.cname, self.adj, cities, self.currency = COUNTRIES[self.country]
        self.city = rng.choice(cities)
        others = [c for c in choices if c != self.country]
        self.compare = rng.choice(others)
        self.canon = canon
        self.format = FORMATS[rng.randrange(3)]
        self.home = rng.choice(HOME)
        self.pstyle = rng.randrange(6)
        self.dstyle = rng.randrange(3)
        self.author = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
        self.reviewer = f"Dr. {rng.choice(FIRST)} {rng.choice(LAST)}, {rng.choice(['MD', 'DDS', 'PhD', 'MD, PhD'])}"
        year = rng.choice([2024, 2025, 2025, 2026])
        self.modified = f"{year}-{rng.randrange(1, 13):02d}-{rng.randrange(1, 29):02d}"
        self.checked = f"{year}-{rng.randrange(1, 13):02d}-{rng.randrange(1, 29):02d}"
        word = {"stem": ["Regenerative", "Cell Therapy", "Joint and Spine", "Stem Cell"],
                "hair": ["Hair", "Hair Restoration", "Aesthetic"], "dental": ["Dental", "Implant", "Smile"],
                "veneers": ["Dental", "Smile", "Aesthetic Dental"], "ivf": ["Fertility", "IVF", "Reproductive"],
                "bariatric": ["Bariatric", "Obesity Surgery", "Metabolic"]}[t.family]
        self.clinic = rng.choice([f"{self.city} {rng.choice(word)} Clinic", f"{rng.choice(LAST)} {rng.choice(word)} Institute",
                                  f"Clinica {rng.choice(LAST)}", f"{rng.choice(word)} Center {self.city}"])
        self.founded = rng.randrange(1996, 2021)
        self.variants = list(t.countries[self.country][1])
        self.variant = self.variants[0]
        self.planted: list[dict] = []
        self.prices = {}
        for country in {self.country, self.compare, "united-states"}:
            for v in t.countries[country][1]:
                self.prices[(country, v)] = canon["price"][(t.key, country, v)]
        self.stay = canon["stay"][(t.key, self.country)]
        if rng.random() < conflict_rate:
            self._plant()

    def _plant(self) -> None:
        rng = self.rng
        t, key = self.t, (self.country, self.variant)
        if rng.random() < 0.6:
            lo, hi, cur = self.prices[key]
            factor = rng.choice([0.55, 0.6, 0.65, 1.5, 1.7, 1.9])
            new = (_nice(lo * factor), _nice(hi * factor), cur)
            self.prices[key] = new
            self.planted.append({"measure": "price", "treatment": t.key, "country": self.country,
                                 "variant": self.variant or None, "canonical": [lo, hi, cur],
                                 "planted": list(new)})
        else:
            lo, hi = self.stay
            shift = rng.choice([3, 4, 5])
            new = (lo + shift, hi + shift)
            self.stay = new
            self.planted.append({"measure": "stay", "treatment": t.key, "country": self.country,
                                 "canonical": [lo, hi, "day"], "planted": [new[0], new[1], "day"]})

    # values as text
    def price(self, country=None, variant=None, style=None) -> str:
        country = country or self.country
        variant = self.variant if variant is None else variant
        lo, hi, cur = self.prices[(country, variant)]
        return money(lo, hi, cur, self.pstyle if style is None else style)

    def price_usd_note(self) -> str:
        lo, hi, cur = self.prices[(self.country, self.variant)]
        if cur == "USD":
            return ""
        return f" (roughly {money(_nice(lo / FX[cur]), _nice(hi / FX[cur]), 'USD', 0)})"

    def offered(self, country, variant) -> bool:
        return (country, variant) in self.prices

    def stay_text(self, country=None) -> str:
        lo, hi = self.stay if country in (None, self.country) else self.canon["stay"][(self.t.key, country)]
        return span(lo, hi, "days", self.dstyle)

    def fields(self) -> dict:
        t = self.t
        label = t.variants[self.variant][0]
        rec, ons = t.recovery, t.onset
        return {"country": self.cname, "Country": self.cname[0].upper() + self.cname[1:], "adj": self.adj,
                "city": self.city, "clinic": self.clinic, "noun": t.noun, "noun_cap": t.noun[0].upper() + t.noun[1:], "short": t.short, "home": self.home,
                "variant": label, "price": self.price(), "usd_note": self.price_usd_note(),
                "stay": self.stay_text(), "reg": REGULATOR[self.country], "founded": self.founded,
                "recovery": span(rec[0], rec[1], rec[2], self.dstyle),
                "onset": span(ons[0], ons[1], ons[2], self.dstyle), "checked": self.checked,
                "other": COUNTRIES[self.compare][0], "other_city": COUNTRIES[self.compare][2][0]}


# Blocks: ("h1"|"h2"|"h3"|"p", text), ("ul"|"ol", [(label, text)]), ("table", header, rows)

def _pick(rng, options, k=1):
    return rng.sample(options, k) if k > 1 else [rng.choice(options)]


INTRO = [
    "{Country} has become one of the busiest destinations for {noun}, mainly because prices are a fraction of what {home} patients are quoted at home and waiting lists are short.",
    "Every year thousands of patients travel to {city} for {noun}. Most of them come for the same reasons: lower prices, experienced teams and a clinic that answers emails within a day.",
    "If you have been quoted a high price for {noun} at home, you have probably looked at {country}. This guide explains what the treatment costs there, how long to stay and what to ask before you book.",
    "{noun_cap} abroad is no longer unusual. Clinics in {city} now treat a steady stream of international patients, many of them from North America and Western Europe.",
    "For many {home} patients the choice is not between {noun} at home and abroad, but between treatment abroad and no treatment at all. {Country} is where a growing number of them end up.",
    "{city} is not the cheapest place in the world for {noun}, but it combines reasonable prices with modern clinics and a short trip for most visitors.",
    "Search for {noun} and {country} shows up again and again. Behind the advertising there is a real industry, with a few excellent clinics and a larger number of average ones.",
]
INTRO2 = [
    "We spoke with coordinators at several clinics in {city}, compared written quotes and checked what the packages actually include. Prices were last checked on {checked}.",
    "This page covers the treatment itself, the legal picture, the price range you can expect and a day-by-day plan for your stay.",
    "Below you will find a cost comparison with {other} and the United States, a realistic timeline and the questions worth asking a clinic before paying a deposit.",
    "The figures on this page come from written quotes collected by our editors; we update them whenever a clinic changes its package.",
    "Our editors visited {clinic} and two other clinics in {city}, and a doctor reviewed this guide before publication.",
    "Read it together with the clinic's own information, and ask your doctor at home whether the treatment suits you.",
]
WHY = [
    "{adj} clinics compete hard for international patients. Many of them have English-speaking coordinators, airport pick-up and hotel partners within walking distance.",
    "Part of the appeal is simply cost. Salaries, rents and insurance are lower in {country}, and the savings show up directly in the package price.",
    "The other reason is experience. The larger clinics in {city} perform the procedure every day, and some of their doctors trained in Europe or North America.",
    "{clinic}, founded in {founded}, is typical of the newer generation of clinics: a small team, a single procedure and a coordinator who handles the travel plans.",
    "Flights are another factor. {city} is well connected, and most patients can arrive, be treated and fly home within a single week off work.",
    "Patients also mention the setting: recovering in {city} feels more like a short holiday than a hospital stay, as long as the clinic keeps a close eye on you.",
    "Waiting times matter too. A consultation at home can take months to arrange, while clinics in {city} usually offer a date within a few weeks.",
    "Not every clinic is equal, and the cheapest quote is rarely the best one. The clinics we spoke to were open about their licences and sent full quotes in writing.",
]
HOW = {
    "stem": [
        "The treatment starts with a consultation and imaging. The doctor checks whether the {short} is suitable for cell therapy and explains what the cells can and cannot do.",
        "Mesenchymal stem cells (MSCs) are taken from fat, bone marrow or donated umbilical cord tissue. In a licensed laboratory they are counted, tested for sterility and prepared for injection or infusion.",
        "Cultured cells are grown for {culture} in a cell processing center before they are released, which is why a cultured protocol needs two trips.",
        "On treatment day the cells are given by ultrasound-guided injection or by slow IV infusion, which takes about 45 minutes. Most patients rest for {recovery} afterwards.",
    ],
    "hair": [
        "After the donor area is trimmed and numbed, the surgeon removes individual follicular units with a small punch and places them into tiny channels in the thinning area.",
        "A typical session moves {grafts}. The procedure itself takes 6-8 hours, with breaks for lunch and for the local anaesthetic to be topped up.",
        "DHI uses an implanter pen instead of pre-made channels, which lets the team place grafts closer together but makes each session slower.",
        "Small scabs fall off within 10-14 days, and most transplanted hairs shed between weeks 2 and 8 before new growth starts.",
    ],
    "dental": [
        "All-on-4 replaces a full arch of teeth with a bridge fixed on four implants. A temporary bridge is fitted the same week, and the final bridge follows once the bone has healed.",
        "The implants need {onset} to heal into the bone before the final bridge can be made, which is why most clinics plan two trips.",
        "A single implant follows the same logic on a smaller scale: the titanium post is placed first, the crown is attached after the healing period.",
        "Before surgery the clinic takes a 3D cone-beam scan to check the bone volume; patients with too little bone may need a graft first.",
    ],
    "veneers": [
        "Porcelain veneers are thin shells bonded to the front of the teeth. The dentist removes a fraction of a millimetre of enamel, takes a digital scan and fits temporaries.",
        "The lab makes the final veneers within a few days, so most patients need only one trip of {stay}.",
        "Most smile makeovers cover 8 to 10 upper teeth, sometimes the lower front teeth as well.",
        "Veneers are not permanent: expect to replace them after 10-15 years, and avoid biting hard objects.",
    ],
    "ivf": [
        "An IVF cycle starts with ovarian stimulation, which usually lasts 10-12 days and can begin at home under the supervision of your own doctor.",
        "Egg retrieval is a short procedure under sedation. The eggs are fertilised in the laboratory and the embryos are grown for five days before transfer.",
        "With donor eggs the recipient does not need stimulation; her lining is prepared with medication and the transfer is timed to the donor's cycle.",
        "A pregnancy test is done {onset} after the transfer, usually at home.",
    ],
    "bariatric": [
        "A gastric sleeve removes about three quarters of the stomach, leaving a narrow tube. The operation is done by keyhole surgery and takes 60-90 minutes.",
        "Patients usually leave the hospital on the second day after surgery and move to a hotel close to the clinic.",
        "The weeks after surgery follow a strict diet: liquids first, then purées, then soft food. Most patients are back at a desk job within {recovery}.",
        "Before surgery the clinic runs blood tests, an ultrasound and an anaesthesia check; some also ask for a psychological assessment.",
    ],
}
RESULTS = {
    "stem": "Improvement usually builds over {onset}. In the clinic's own follow-up survey, {satisfaction}% of patients said they were satisfied with the result.",
    "hair": "New growth appears after {onset} and the final result can be judged at 12-18 months. {satisfaction}% of the clinic's patients said they would recommend it.",
    "dental": "Implants placed by an experienced team have long-term survival rates well above 90%, provided patients keep up hygiene and regular check-ups. {satisfaction}% of patients were satisfied.",
    "veneers": "The result is visible immediately. In a patient survey {satisfaction}% said they were satisfied with the colour and shape.",
    "ivf": "At {clinic}, the live birth rate per embryo transfer is {success}% for {variant}. Rates fall with age, so ask for figures for your own age group.",
    "bariatric": "Most patients lose weight steadily over the first {onset}. In the clinic's follow-up, {satisfaction}% of patients were satisfied with the outcome.",
}
CHOOSE = [
    "Ask who performs each step of the procedure and check the registration of the doctor with {reg}.",
    "Get the full quote in writing, including what happens if you need extra nights or medication.",
    "Ask to see photos or case reports from patients treated at least 12 months ago.",
    "Check which laboratory or hospital is used and whether it holds its own licence.",
    "Find out who looks after you once you are home, and whether video follow-up is included.",
    "Be wary of any clinic that promises results or pressures you to pay a deposit quickly.",
]
INCLUDED = ["consultation and imaging", "the procedure and anaesthesia", "airport transfers", "a coordinator who speaks English",
            "medication for the first week", "follow-up calls", "hotel nights (some packages)", "blood tests"]
RECOVERY = {
    "stem": "Most patients walk out of the clinic and rest for {recovery}. Doctors usually ask you to avoid running, jumping and heavy lifting for a while, and to keep up a simple exercise routine at home.",
    "hair": "You can usually return to desk work within {recovery}. Avoid swimming, saunas and heavy exercise until the doctor says otherwise, and sleep with your head raised at first.",
    "dental": "Swelling and bruising peak on the second or third day. Stick to soft food while the implants settle. Most patients are back at work within {recovery}.",
    "veneers": "There is no real downtime. Some patients have mild sensitivity to cold for {recovery}, and the bite may feel unusual until you get used to the new shape.",
    "ivf": "After the transfer most women rest for {recovery} and can then fly home. Light walking is fine; heavy exercise and hot baths are best avoided until the test.",
    "bariatric": "You will be walking on the evening of surgery. Most patients are back at a desk job within {recovery}, and full exercise resumes after about 6 weeks.",
}
CANDIDATE = {
    "stem": ["Moderate symptoms that have not improved with physiotherapy or medication",
             "No active infection and no cancer treatment in the last 5 years",
             "Realistic expectations: the goal is less pain and better function",
             "Recent imaging that your doctor can send to the clinic"],
    "hair": ["Stable hair loss, ideally confirmed over a couple of years", "A dense enough donor area at the back of the head",
             "Good general health and no bleeding disorders", "Realistic expectations about density"],
    "dental": ["Missing or failing teeth in one or both jaws", "Enough jawbone, or willingness to have a bone graft first",
               "Non-smokers, or patients willing to stop before and after surgery", "Controlled diabetes, if any"],
    "veneers": ["Healthy teeth and gums", "Discoloured, chipped or uneven front teeth", "No habit of grinding the teeth at night, or a night guard",
                "Patients who understand the enamel cannot be put back"],
    "ivf": ["Couples and single women with a referral or recent test results", "Women who have not conceived after a year of trying",
            "Patients with blocked tubes or low sperm quality", "Women who want to use donor eggs after several failed cycles"],
    "bariatric": ["A body mass index over 40, or over 35 with a related condition", "Previous attempts to lose weight with diet and exercise",
                  "No untreated eating disorder", "Willingness to follow the diet and take supplements for life"],
}
TRIPS = {"cultured": "two trips: one to harvest the cells, one to receive them", "all-on-4": "two trips, a few months apart",
         "all-on-6": "two trips, a few months apart"}
STORY = [
    "{person}, a retired teacher, chose {clinic} after comparing three written quotes. The coordinator was waiting at the airport and stayed in touch for months after the trip home.",
    "{person} had put off treatment for years because of the price at home. In the end, the trip to {city} took less time off work than the waiting list would have.",
    "{person} found the clinic through an online forum and asked to speak with two former patients before booking. Both calls were reassuring: the team sounded careful and honest.",
]
COSTS = [
    "Package prices depend on the doctor's experience, the laboratory or hospital the clinic uses and how much is included. Cheaper packages often leave out follow-up care.",
    "Ask whether the quote includes imaging, medication and transfers. A package that looks expensive can work out cheaper once those extras are counted.",
    "Most clinics ask for a deposit when you book and the balance on the day of treatment; some accept card payments, others prefer a bank transfer.",
    "Currency matters too: clinics in {country} may quote in euros or dollars, and your card provider may add a fee on top of the exchange rate.",
]
RISKY = [
    "Our patients get guaranteed results with no side effects.",
    "This is a miracle treatment that works for almost everyone.",
    "The procedure is completely safe and clinically proven.",
]


def _blocks(c: _Ctx) -> tuple[str, list, str]:
    rng, t, f = c.rng, c.t, c.fields()
    canon = c.canon
    if t.family == "stem":
        dose = canon["dose"].get((t.key, c.country))
        culture = canon["culture"].get(("stem", c.country))
        f["culture"] = span(culture[0], culture[1], "weeks", c.dstyle) if culture else "3-4 weeks"
    if t.family == "hair":
        g = canon["grafts"][c.variant]
        f["grafts"] = f"{_n(g[0])} – {_n(g[1])} grafts"
    f["satisfaction"] = canon["satisfaction"][(t.key, c.country)]
    if t.family == "ivf":
        f["success"] = canon["success"][(t.key, c.country, c.variant)]
    title_name = rng.choice(t.titles)
    title = rng.choice([
        f"{title_name} in {f['Country']}: Costs, Clinics and What to Expect",
        f"{title_name} in {c.city}, {f['Country']}: A Guide for {c.home} Patients",
        f"{title_name} in {f['Country']}: Prices, Recovery and Travel Tips",
        f"{title_name} in {c.city}: Cost and Timeline",
    ])
    h1 = f"{title_name} in {c.city}" if rng.random() < 0.5 else f"{title_name} in {f['Country']}"
    summary = (f"A practical guide to {t.noun} in {c.city}, {c.cname}: package prices, length of stay, "
               f"how {c.adj} clinics compare with {f['other']} and the United States, and what to check before booking.")

    fill = lambda s: s.format(**f)  # noqa: E731
    required: list = [("h1", h1), ("p", fill(rng.choice(INTRO))), ("p", fill(rng.choice(INTRO2)))]

    # key facts
    per = "" if "per " in f["variant"] else " per package"
    facts = [(f"{f['Country']} {t.short}, {f['variant']}", f"{f['price']}{f['usd_note']}{per}.")]
    for v in c.variants[1:]:
        facts.append((f"{f['Country']} {t.short}, {t.variants[v][0]}", f"{c.price(variant=v)}."))
    facts.append(("Stay", f"plan on {f['stay']} in {c.city}."))
    if t.family == "stem" and dose:
        facts.append(("Dose", f"{cells(dose[0], dose[1], c.dstyle)} per treatment."))
    if t.family == "hair":
        facts.append(("Grafts", f"{f['grafts']} per sitting."))
    if t.family == "ivf":
        facts.append(("Success", f"{f['success']}% live birth rate per transfer with {f['variant']} at our partner clinic."))
    sav = canon["savings"].get((t.key, c.country, c.variant))
    if sav and sav > 0 and not c.planted:
        facts.append(("Savings", f"in {c.cname}, about {sav}% less than US patients pay at home."))
    facts.append(("Regulator", f"clinics are licensed by {f['reg']}."))
    required += [("h2", rng.choice(["Key facts", "Key takeaways", "At a glance", "Quick facts"])), ("ul", facts)]

    # cost table
    cols = [c.country, c.compare, "united-states"]
    header = ["Item"] + [f"{COUNTRIES[k][0].replace('the ', '').title() if k != 'united-states' else 'United States'}"
                         + (f" ({COUNTRIES[k][2][0] if k != c.country else c.city})" if k != "united-states" else "")
                         for k in cols]
    rows = []
    for v, (label, _, _) in t.variants.items():
        if not any(c.offered(k, v) for k in cols):
            continue
        row = [f"{t.short[0].upper() + t.short[1:]}, {label}"]
        for k in cols:
            row.append(c.price(k, v) if c.offered(k, v) else rng.choice(["Not available", "N/A", "Not offered"]))
        rows.append(row)
    rows.append(["Typical stay"] + [c.stay_text(k) if k != "united-states" else "Outpatient" for k in cols])
    table = [("h2", rng.choice(["Cost comparison", "Prices compared", f"How much does it cost in {c.cname}?"])),
             ("table", header, rows),
             ("p", fill("Prices are per package and were collected from written clinic quotes on {checked}. Flights and most hotel nights are extra."))]

    optional: list = []
    optional.append([("h2", f"Why {c.city}?"), ("p", " ".join(fill(s) for s in _pick(rng, WHY, 2)))])
    how = HOW[t.family]
    optional.append([("h2", rng.choice(["How the treatment works", "The procedure step by step", "What happens during treatment"])),
                     ("p", " ".join(fill(s) for s in how[:2])), ("p", " ".join(fill(s) for s in how[2:]))])
    if (c.country, t.family) in LAW:
        optional.append([("h2", "The legal picture"), ("p", LAW[(c.country, t.family)].format(reg=f["reg"]))])
    else:
        optional.append([("h2", "Is it regulated?"),
                         ("p", fill(f"In {c.cname}, clinics offering {t.noun} are overseen by {{reg}}. Ask for the clinic licence number and check it yourself before you travel."))])
    plan = {"stem": ["consultation, blood tests and imaging", "the injection or infusion", "rest at the hotel"],
            "hair": ["consultation and hairline design", "the procedure", "first wash and check-up"],
            "dental": ["consultation and 3D scan", "implant surgery", "rest and soft food", "fitting of the temporary bridge"],
            "veneers": ["consultation, scan and tooth preparation", "temporary veneers", "free day while the lab works", "fitting of the final veneers"],
            "ivf": ["scan and blood tests", "monitoring scans", "egg retrieval", "embryo transfer"],
            "bariatric": ["tests and anaesthesia check", "surgery", "hospital stay", "discharge to the hotel"]}[t.family]
    days = [(f"Day {d}", plan[d - 1] if d <= len(plan) else rng.choice(["rest at the hotel", f"free day in {c.city}", "short walk and rest"]))
            for d in range(1, c.stay[0])]
    days.append((f"Day {c.stay[0]}", "final check-up and instructions for home"))
    optional.append([("h2", f"Your days in {c.city}"), ("ol", days),
                     ("p", rng.choice(["Ask the clinic before you book your flight home; most want to see you on the last day.",
                                       "Keep the last day free in case the doctor wants a second check-up."]))])
    optional.append([("h2", rng.choice(["Results", "What results to expect", "Outcomes"])), ("p", fill(RESULTS[t.family]))])
    optional.append([("h2", "What the package includes"), ("ul", [("", s) for s in _pick(rng, INCLUDED, 4)])])
    optional.append([("h2", rng.choice(["Choosing a clinic", "Questions to ask", "How to pick a clinic"])),
                     ("ul", [("", fill(s)) for s in _pick(rng, CHOOSE, 4)])])
    faq = [("h2", "Frequently asked questions"),
           ("h3", f"What does {t.noun} cost in {c.cname}?"),
           ("p", f"Expect {c.price(style=(c.pstyle + 1) % 6)} for {f['variant']}, depending on the clinic and what the package includes."),
           ("h3", "How long do I need to stay?"),
           ("p", f"Most patients stay {f['stay']} in {c.city}.")]
    if rng.random() < 0.6 and t.family != "veneers":
        faq += [("h3", "When will I see results?"),
                ("p", fill(rng.choice(["Most patients notice a change after {onset}.", "Give it {onset} before you judge the result."])))]
    if rng.random() < 0.5:
        faq += [("h3", "How many trips do I need?"),
                ("p", f"For {f['variant']}, plan on {TRIPS.get(c.variant, 'a single trip')}.")]
    optional.append(faq)
    optional.append([("h2", rng.choice(["Who is a good candidate?", "Is it right for you?"])),
                     ("ul", [("", x) for x in _pick(rng, CANDIDATE[t.family], 3)])])
    optional.append([("h2", "Recovery"), ("p", fill(RECOVERY[t.family]))])
    ov = t.countries[c.compare][1][0]
    optional.append([("h2", f"{f['Country']} or {COUNTRIES[c.compare][0]}?"),
                     ("p", f"The main alternative is {f['other']}, where clinics in {f['other_city']} charge "
                           f"{c.price(c.compare, ov)} for {t.variants[ov][0]}. Patients who choose {c.city} usually "
                           f"mention the clinic's experience, the coordinator or simply the flight connections.")])
    person = f"{rng.choice(FIRST)} {rng.choice(LAST)[0]}."
    optional.append([("h2", rng.choice(["A patient's experience", "One patient's story"])),
                     ("p", rng.choice(STORY).format(person=person, **f))])
    optional.append([("h2", rng.choice(["What drives the price", "Costs explained", "Paying for treatment"])),
                     ("p", " ".join(fill(x) for x in _pick(rng, COSTS, 2)))])
    visa = VISA.get(c.country)
    travel = [("h2", rng.choice(["Travel notes", "Planning your trip"]))]
    if visa:
        travel.append(("p", visa[0].upper() + visa[1:] + "."))
    phone = rng.choice([f"+1 555 01{rng.randrange(10, 99)} {rng.randrange(1000, 9999)}",
                        f"+44 20 7946 0{rng.randrange(100, 999)}"])
    travel.append(("p", f"Patient desk: {phone}. Address: {rng.choice(STREETS)} {rng.randrange(2, 400)}, {c.city}."))
    optional.append(travel)
    if rng.random() < 0.08:
        optional.append([("p", rng.choice(RISKY))])

    target = rng.uniform(MIN_BYTES + 300, MAX_BYTES - 600)
    size = _estimate(required + table)
    chosen = []
    order = list(range(len(optional)))
    rng.shuffle(order)
    for i in order:
        extra = _estimate(optional[i])
        if size + extra > target and size > MIN_BYTES:
            continue
        chosen.append(i)
        size += extra
    body, placed = list(required), False
    for i in sorted(chosen):
        if i >= 3 and not placed:  # the table comes after the why/how/legal sections
            body += table
            placed = True
        body += optional[i]
    if not placed:
        body += table
    return title, body, summary


def _estimate(blocks) -> int:
    n = 0
    for b in blocks:
        if b[0] in ("ul", "ol"):
            n += sum(len(a) + len(x) + 12 for a, x in b[1])
        elif b[0] == "table":
            n += sum(len(" | ".join(r)) + 4 for r in [b[1]] + b[2])
        else:
            n += len(b[1]) + 10
    return n


# --------------------------------------------------------------------------- renderers

def _md(c: _Ctx, title: str, blocks: list, summary: str) -> str:
    rng = c.rng
    out = ["---", f"title: {json.dumps(title, ensure_ascii=False)}", f"author: {c.author}", f"reviewed_by: {c.reviewer}",
           f"{rng.choice(['modified', 'updated'])}: {c.modified}", f"treatment: {c.t.titles[0]}",
           f"country: {c.cname.replace('the ', '').title() if c.cname.startswith('the ') else c.cname}",
           f"summary: {json.dumps(summary, ensure_ascii=False)}", "---", ""]
    for b in blocks:
        kind = b[0]
        if kind == "h1":
            out += [f"# {b[1]}", ""]
        elif kind == "h2":
            out += [f"## {b[1]}", ""]
        elif kind == "h3":
            out += [f"### {b[1]}", ""]
        elif kind == "p":
            out += [b[1], ""]
        elif kind in ("ul", "ol"):
            for i, (label, text) in enumerate(b[1], 1):
                mark = "-" if kind == "ul" else f"{i}."
                out.append(f"{mark} **{label}:** {text}" if label else f"{mark} {text}")
            out.append("")
        elif kind == "table":
            out.append("| " + " | ".join(b[1]) + " |")
            out.append("|" + "---|" * len(b[1]))
            out += ["| " + " | ".join(r) + " |" for r in b[2]]
            out.append("")
    return "\n".join(out)


def _html(c: _Ctx, title: str, blocks: list, summary: str) -> str:
    e = lambda s: html.escape(str(s), quote=False)  # noqa: E731
    a = lambda s: html.escape(str(s), quote=True)  # noqa: E731
    out = ["<!DOCTYPE html>", '<html lang="en">', "<head>", '<meta charset="utf-8">', f"<title>{e(title)}</title>",
           f'<meta name="description" content="{a(summary)}">', f'<meta name="author" content="{a(c.author)}">',
           f'<meta name="reviewed_by" content="{a(c.reviewer)}">', f'<meta name="modified" content="{c.modified}">',
           f'<meta name="treatment" content="{a(c.t.titles[0])}">', f'<meta name="country" content="{a(c.cname)}">',
           "</head>", "<body>", '<header><nav><a href="/">Home</a> | <a href="/treatments/">Treatments</a></nav></header>',
           "<main>", "<article>"]
    for b in blocks:
        kind = b[0]
        if kind in ("h1", "h2", "h3"):
            out.append(f"<{kind}>{e(b[1])}</{kind}>")
        elif kind == "p":
            out.append(f"<p>{e(b[1])}</p>")
        elif kind in ("ul", "ol"):
            out.append(f"<{kind}>")
            for label, text in b[1]:
                out.append(f"<li><strong>{e(label)}:</strong> {e(text)}</li>" if label else f"<li>{e(text)}</li>")
            out.append(f"</{kind}>")
        elif kind == "table":
            out += ["<table>", "<thead>", "<tr>" + "".join(f"<th>{e(h)}</th>" for h in b[1]) + "</tr>", "</thead>", "<tbody>"]
            out += ["<tr>" + "".join(f"<td>{e(x)}</td>" for x in r) + "</tr>" for r in b[2]]
            out += ["</tbody>", "</table>"]
    out += ["</article>", "</main>", f"<footer><p>&copy; {c.modified[:4]} Medical travel guide</p></footer>",
            "</body>", "</html>", ""]
    return "\n".join(out)


def _txt(c: _Ctx, title: str, blocks: list, summary: str) -> str:
    rng = c.rng
    out = [title, ""]
    for b in blocks:
        kind = b[0]
        if kind in ("h1", "h2", "h3", "p"):
            out += [b[1], ""]
        elif kind in ("ul", "ol"):
            for i, (label, text) in enumerate(b[1], 1):
                mark = "  • " if kind == "ul" else f"{i}. "
                out.append(f"{mark}{label}: {text}" if label else f"{mark}{text}")
            out.append("")
        elif kind == "table":
            out.append(" ".join(b[1]))
            out += [" ".join(r) for r in b[2]]
            out.append("")
    meta = [f"Medically reviewed by: {c.reviewer}", f"Author Name: {c.author}", f"Modified date: {c.modified}",
            f"Treatment: {c.t.titles[0]}", f"Country: {c.cname}", f"Overview {summary}"]
    out += ["About Article", ""] + [f"  • {m}" for m in meta]
    if rng.random() < 0.3:
        out += ["", rng.choice(["Share this article", "Related articles", "Back to top"])]
    out.append("")
    return "\n".join(out)


RENDER = {"md": _md, "html": _html, "txt": _txt}


def _article(index: int, seed: int, conflict_rate: float, canon: dict) -> Article:
    c = _Ctx(index, seed, conflict_rate, canon)
    title, blocks, summary = _blocks(c)
    text = RENDER[c.format](c, title, blocks, summary)
    name = f"{index:05d}-{c.t.slug}-{c.country}-{c.city.lower().replace(' ', '-')}.{c.format}"
    info = {"path": name, "format": c.format, "treatment": c.t.key, "country": c.country,
            "city": c.city, "variant": c.variant or None}
    if c.planted:
        info["planted"] = c.planted
    return Article(name, c.format, text, info)


def iter_articles(seed: int = 0, conflict_rate: float = 0.05, start: int = 0) -> Iterator[Article]:
    """Articles in order, endlessly; article i depends only on (seed, i, conflict_rate)."""
    canon = canonical_table(seed)
    index = start
    while True:
        yield _article(index, seed, conflict_rate, canon)
        index += 1


def generate(out_dir: str, n_articles: Optional[int] = None, seed: int = 0, conflict_rate: float = 0.05,
             megabytes: Optional[float] = None) -> list[str]:
    """Write articles to out_dir (created if needed) and return their paths.

    Stops after n_articles, or once the articles reach `megabytes` (10**6 bytes), whichever
    is given (both: whichever comes first). Also writes manifest.json (not an article).
    """
    if n_articles is None and megabytes is None:
        raise ValueError("give n_articles or megabytes")
    os.makedirs(out_dir, exist_ok=True)
    paths, infos, total = [], [], 0
    limit = None if megabytes is None else megabytes * 1_000_000
    for article in iter_articles(seed, conflict_rate):
        if n_articles is not None and len(paths) >= n_articles:
            break
        if limit is not None and total >= limit:
            break
        data = article.text.encode("utf-8")
        path = os.path.join(out_dir, article.name)
        with open(path, "wb") as fh:
            fh.write(data)
        paths.append(path)
        infos.append(article.info)
        total += len(data)
    manifest = {"generator": "benchmarks/generate.py", "seed": seed, "conflict_rate": conflict_rate,
                "articles": len(paths), "bytes": total,
                "planted": sum(len(i.get("planted", ())) for i in infos), "index": infos}
    with open(os.path.join(out_dir, "manifest.json"), "w", encoding="utf-8") as fh:
        json.dump(manifest, fh, indent=1, sort_keys=True)
        fh.write("\n")
    return paths


def main(argv: Optional[list[str]] = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("out_dir")
    size = ap.add_argument_group("size (one or both)")
    size.add_argument("--articles", type=int, help="number of articles")
    size.add_argument("--megabytes", type=float, help="generate until the archive reaches this many MB (10^6 bytes)")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--conflict-rate", type=float, default=0.05,
                    help="share of articles with a planted cross-article conflict (default 0.05)")
    args = ap.parse_args(argv)
    if args.articles is None and args.megabytes is None:
        ap.error("give --articles N or --megabytes M")
    paths = generate(args.out_dir, args.articles, args.seed, args.conflict_rate, args.megabytes)
    total = sum(os.path.getsize(p) for p in paths)
    print(f"{len(paths)} articles, {total / 1e6:.2f} MB in {args.out_dir}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
