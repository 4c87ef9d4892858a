"""SYNTHETIC benchmark data, deterministic by seed, in Samspill's canonical import format.

Shaped like the domain so that timings mean something: the 357 real municipalities and 15
counties (seeds/reference), synthetic organisations whose activity is heavy-tailed (a few take
part in everything, most in little), some foreign actors, initiatives with heavy-tailed
participant counts (most 2-10, a few conferences with hundreds), themes, dates over ten years,
and regional locality (most participants come from the initiative's county).

Every synthetic name says so ("Syntetisk …"); the folder holds a SYNTHETIC.md saying how it
was made. Nothing here is real data and none of it belongs in seeds/.
"""

from __future__ import annotations

import csv
import datetime as dt
import random
from collections.abc import Callable
from dataclasses import dataclass
from itertools import accumulate
from pathlib import Path

from ingest.seeds import COUNTIES, MUNICIPALITIES, SEEDS_DIR

SIZES = {"S": 10_000, "M": 100_000, "R": 144_726, "L": 1_000_000}
# R is shaped like a real funder's register (an EU programme's participation list, issue 20):
# 144,726 participations, 35,871 organisations, about 31,000 projects of 4.6 on average, a
# quarter of them single-beneficiary, and a heavy head (one organisation in about 1,400
# projects, with about 7,000 distinct collaborators).
FUNDERS = {"R": 35_871}
THEMES = (
    "velferdsteknologi",
    "digitalisering",
    "klima og miljø",
    "tenesteinnovasjon",
    "innkjøp",
    "helse",
    "oppvekst",
    "mobilitet",
    "berekraft",
    "smarte byar",
    "kunstig intelligens",
    "deling av data",
    "samskaping",
    "frivilligheit",
    "kultur",
    "næringsutvikling",
    "beredskap",
    "utdanning",
)
ORG_KINDS = ("state_agency", "state_agency", "academia", "company", "interest_organisation", "lab", "innovation_agency", "other")
COUNTRIES = ("DK", "SE", "FI", "GB", "EE", "NL")
FIRST_DAY, DAYS = dt.date(2015, 1, 1), 3652
LOCAL, FOREIGN = 0.70, 0.03  # shares of participants from the initiative's county, from abroad


@dataclass(frozen=True)
class Shape:
    """How a generated register is shaped: participants per initiative, how steeply activity
    falls from the busiest organisation, and where participants come from."""

    participants: Callable[[random.Random], int]
    steepness: float  # organisation n's activity is 1000 / (n + 1) ** steepness
    local: float
    foreign: float
    foreign_share: int  # one foreign organisation per this many Norwegian ones
    busy_abroad: bool  # foreign partners heavy-tailed too (else each as likely as another)


def _network_participants(rng: random.Random) -> int:
    """Most initiatives 2-10 actors, some networks and programmes of 11-40, a few conferences
    of 50-500 (about 1 in 500: a few hundred over ten years at L, 2 at S)."""
    draw = rng.random()
    if draw < 0.945:
        return rng.randint(2, 10)
    if draw < 0.998:
        return rng.randint(11, 40)
    return min(500, int(50 * rng.paretovariate(1.2)))  # conferences


def _funded_participants(rng: random.Random) -> int:
    """A quarter of funded projects have one beneficiary; consortia are heavy-tailed up to 50."""
    if rng.random() < 0.24:
        return 1
    return min(50, 1 + int(rng.paretovariate(1.6) * 2.2))


NETWORK = Shape(_network_participants, steepness=1.1, local=LOCAL, foreign=FOREIGN, foreign_share=50, busy_abroad=False)
FUNDER = Shape(_funded_participants, steepness=0.74, local=0.15, foreign=0.30, foreign_share=3, busy_abroad=True)


@dataclass(frozen=True)
class Generated:
    folder: Path
    actors: Path
    initiatives: Path
    participation: Path
    rows: int  # participation rows


@dataclass
class _Pool:
    ids: list[str]
    cum: list[float]

    def pick(self, rng: random.Random, k: int) -> list[str]:
        return rng.choices(self.ids, cum_weights=self.cum, k=k)


def _pool(weighted: list[tuple[str, float]]) -> _Pool:
    return _Pool([i for i, _ in weighted], list(accumulate(w for _, w in weighted)))


def generate_size(size: str, folder: Path, seed: int = 2016, actors: int | None = None) -> Generated:
    """A named size: S, M and L shaped like a network of initiatives, R like a funder's register."""
    if size in FUNDERS:
        return generate(SIZES[size], folder, seed, actors or FUNDERS[size], FUNDER)
    return generate(SIZES[size], folder, seed, actors)


def generate(rows: int, folder: Path, seed: int = 2016, actors: int | None = None, shape: Shape = NETWORK) -> Generated:
    """Write actors.csv, initiatives.csv and participation.csv (exactly `rows` rows) to `folder`.
    `actors` sets about how many actors there are (default: one organisation per 40 rows)."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    with (SEEDS_DIR / MUNICIPALITIES).open(encoding="utf-8") as handle:
        municipalities = list(csv.DictReader(handle))
    with (SEEDS_DIR / COUNTIES).open(encoding="utf-8") as handle:
        counties = list(csv.DictReader(handle))

    wanted = actors
    actors: list[dict[str, object]] = []
    local: dict[str, list[tuple[str, float]]] = {c["fylkesnummer"]: [] for c in counties}
    everyone: list[tuple[str, float]] = []
    for county in counties:
        actor_id = f"fylke-{county['fylkesnummer']}"
        actors.append(
            {
                "id": actor_id,
                "name": f"{county['fylkesnavn']} fylkeskommune",
                "kind": "county",
                "fylkesnummer": county["fylkesnummer"],
            }
        )
        local[county["fylkesnummer"]].append((actor_id, 40.0))
        everyone.append((actor_id, 10.0))
    places: list[tuple[str, float]] = []
    for m in municipalities:
        actor_id = f"kommune-{m['kommunenummer']}"
        weight = int(m["population"]) ** 0.5
        actors.append(
            {
                "id": actor_id,
                "name": f"{m['kommunenavn']} kommune",
                "kind": "municipality",
                "kommunenummer": m["kommunenummer"],
                "population": m["population"],
            }
        )
        local[m["fylkesnummer"]].append((actor_id, weight))
        everyone.append((actor_id, weight / 4))
        places.append((m["kommunenummer"], float(m["population"])))
    place_pool = _pool(places)

    share = shape.foreign_share
    organisations = max(200, rows // 40 if wanted is None else (wanted - len(actors)) * share // (share + 1))
    for n in range(organisations):
        actor_id = f"syntetisk-{n}"
        weight = 1000 / (n + 1) ** shape.steepness  # heavy-tailed activity
        kommunenummer = place_pool.pick(rng, 1)[0]
        actors.append(
            {"id": actor_id, "name": f"Syntetisk verksemd {n}", "kind": rng.choice(ORG_KINDS), "kommunenummer": kommunenummer}
        )
        local[kommunenummer[:2]].append((actor_id, weight))
        everyone.append((actor_id, weight))
    foreign = [f"syntetisk-utland-{n}" for n in range(max(10, organisations // share))]
    for n, actor_id in enumerate(foreign):
        actors.append({"id": actor_id, "name": f"Synthetic lab {n}", "kind": "lab", "country": COUNTRIES[n % len(COUNTRIES)]})
    foreign_pool = _pool([(actor_id, 1000 / (n + 1) ** shape.steepness) for n, actor_id in enumerate(foreign)])
    local_pools = {county: _pool(members) for county, members in local.items()}
    everyone_pool = _pool(everyone)

    paths = Generated(folder, folder / "actors.csv", folder / "initiatives.csv", folder / "participation.csv", rows)
    _write(paths.actors, ["id", "name", "kind", "kommunenummer", "fylkesnummer", "country", "population"], actors)
    with (
        paths.initiatives.open("w", encoding="utf-8", newline="") as ini,
        paths.participation.open("w", encoding="utf-8", newline="") as part,
    ):
        initiatives = csv.writer(ini)
        participation = csv.writer(part)
        initiatives.writerow(["id", "title", "kind", "start", "end", "kommunenummer", "themes"])
        participation.writerow(["initiative_id", "actor_id", "role"])
        written, number = 0, 0
        while written < rows:
            size = min(shape.participants(rng), rows - written)
            kommunenummer = place_pool.pick(rng, 1)[0]
            kind = "conference" if size > 40 else rng.choice(("meeting", "workshop", "project", "network", "meeting"))
            start = FIRST_DAY + dt.timedelta(days=rng.randrange(DAYS))
            end = start + dt.timedelta(days=rng.randint(180, 900)) if kind in ("project", "network") else None
            themes = ";".join(rng.sample(THEMES, rng.randint(1, 3)))
            initiative_id = f"syntetisk-initiativ-{number}"
            initiatives.writerow(
                [
                    initiative_id,
                    f"Syntetisk {kind} {number}",
                    kind,
                    start.isoformat(),
                    end.isoformat() if end else "",
                    kommunenummer,
                    themes,
                ]
            )
            chosen: dict[str, None] = {}
            while len(chosen) < size:
                draw = rng.random()
                if draw < shape.foreign:
                    chosen[foreign_pool.pick(rng, 1)[0] if shape.busy_abroad else rng.choice(foreign)] = None
                elif draw < shape.foreign + shape.local:
                    chosen[local_pools[kommunenummer[:2]].pick(rng, 1)[0]] = None
                else:
                    chosen[everyone_pool.pick(rng, 1)[0]] = None
            for position, actor_id in enumerate(chosen):
                role = "organiser" if position == 0 else ("speaker" if rng.random() < 0.05 else "participant")
                participation.writerow([initiative_id, actor_id, role])
            written += size
            number += 1
    (folder / "SYNTHETIC.md").write_text(
        f"# Synthetic benchmark data — not real\n\nMade by `bench/generate.py` with seed {seed}: {rows:,} participation "
        f"rows, {number:,} initiatives, {len(actors):,} actors. Only the municipality and county names, numbers and "
        "populations are real (seeds/reference); every organisation, initiative and tie is invented.\n",
        encoding="utf-8",
    )
    return paths


def _write(path: Path, columns: list[str], rows: list[dict[str, object]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=columns)
        writer.writeheader()
        writer.writerows(rows)
