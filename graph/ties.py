"""The collaboration graph as flat arrays: what both stores hand out for analytics.

networkx keeps a dict per node and per edge (about 350 bytes a tie); a large graph (3.5
million ties from a million participations) would need gigabytes. A `TieTable` holds the same
graph in typed arrays (about 30 bytes a tie), in a canonical order (actors by id, ties by
their two ends), so clustering is repeatable whichever store built it. Small analyses turn it
into a networkx graph (`to_networkx`), large ones into an igraph graph (`to_igraph`).
"""

from __future__ import annotations

import bisect
from array import array
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import cached_property

import networkx as nx

from graph.collaboration import ActorAttrs, Tie

_CHUNK = 200_000  # ties handed to igraph at a time, to bound the temporary Python tuples
TIE_PAGE = 100_000  # kept ties a store hands over at a time, each page turned into columns at once


@dataclass
class TieTable:
    actors: list[ActorAttrs]  # sorted by id; a tie names actors by their place in this list
    a: array = field(default_factory=lambda: array("l"))  # the lower end of each tie
    b: array = field(default_factory=lambda: array("l"))
    weight: array = field(default_factory=lambda: array("d"))
    initiatives: array = field(default_factory=lambda: array("l"))  # shared initiatives
    partnership: bytearray = field(default_factory=bytearray)

    @property
    def ties(self) -> int:
        return len(self.a)

    def ids(self) -> list[str]:
        return [actor.id for actor in self.actors]

    @cached_property
    def position(self) -> dict[str, int]:
        return {actor.id: i for i, actor in enumerate(self.actors)}

    def edges(self) -> Iterator[tuple[int, int, float]]:
        return zip(self.a, self.b, self.weight)

    def strengths(self) -> list[float]:
        """Each actor's weighted degree: the sum of its ties' weights (computed once per table,
        which every summary and cluster page of a revision shares)."""
        return self._strengths

    def partners(self, i: int) -> array:
        """The actors actor `i` has a tie to (by position)."""
        offsets, other, _ = self._adjacency
        return other[offsets[i] : offsets[i + 1]]

    def neighbours(self, i: int) -> Iterator[tuple[int, int]]:
        """(other actor, tie) for every tie of actor `i`."""
        offsets, other, tie = self._adjacency
        return zip(other[offsets[i] : offsets[i + 1]], tie[offsets[i] : offsets[i + 1]])

    @cached_property
    def _adjacency(self) -> tuple[array, array, array]:
        # Compressed rows (offsets into two flat arrays): about 16 bytes a tie end, where a
        # list of lists would take ten times that at millions of ties. Built once per table.
        n = len(self.actors)
        offsets = array("l", [0] * (n + 1))
        for x, y in zip(self.a, self.b):
            offsets[x + 1] += 1
            offsets[y + 1] += 1
        for i in range(n):
            offsets[i + 1] += offsets[i]
        fill = array("l", offsets[:n])
        other = array("l", bytes(8 * 2 * self.ties))
        tie = array("l", bytes(8 * 2 * self.ties))
        for k, (x, y) in enumerate(zip(self.a, self.b)):
            other[fill[x]], tie[fill[x]] = y, k
            fill[x] += 1
            other[fill[y]], tie[fill[y]] = x, k
            fill[y] += 1
        return offsets, other, tie

    @cached_property
    def _strengths(self) -> list[float]:
        strength = [0.0] * len(self.actors)
        for x, y, w in zip(self.a, self.b, self.weight):
            strength[x] += w
            strength[y] += w
        return strength


def build_tie_table(actors: Iterable[ActorAttrs], ties: Iterable[Tie], partnerships: Iterable[tuple[str, str]]) -> TieTable:
    """From a store's rows: every actor, the shared-initiative ties the store summed (each pair
    once), and partnerships (1 each, added to the pair's tie). `ties` may be a stream."""
    ordered = sorted(actors, key=lambda actor: actor.id)
    index = {actor.id: i for i, actor in enumerate(ordered)}
    partners = _partner_pairs(index, partnerships)
    table = TieTable(actors=ordered)
    for tie in ties:
        i, j = index[tie.a], index[tie.b]
        pair = (i, j) if i < j else (j, i)
        extra = partners.pop(pair, 0)
        _append(table, pair, tie.weight + extra, tie.initiatives, extra > 0)
    for pair, count in partners.items():
        _append(table, pair, float(count), 0, True)
    return _sorted(table)


def tie_table_from_pages(
    actors: list[ActorAttrs],
    ties: Iterable[Sequence[tuple[str, str, float, int]]],
    partnerships: Iterable[tuple[str, str]],
    in_order: bool = True,
) -> TieTable:
    """As `build_tie_table`, from `actors` sorted by id and ties (a < b) in pages, in order of
    their two ends unless not `in_order`, as the kept ties are read: a page becomes four
    columns at once, with no object per tie (a table of 700,000 ties in a third of the time)."""
    table = TieTable(actors=actors)
    index = table.position
    for page in ties:
        if page:
            a, b, weight, initiatives = zip(*page)
            table.a.extend(map(index.__getitem__, a))
            table.b.extend(map(index.__getitem__, b))
            table.weight.extend(weight)
            table.initiatives.extend(initiatives)
    table.partnership = bytearray(table.ties)
    if not in_order:
        table = _sorted(table)
    keys = _Keys(table)
    alone = []
    for pair, count in _partner_pairs(index, partnerships).items():
        k = bisect.bisect_left(keys, pair[0] * keys.n + pair[1])
        if k < table.ties and (table.a[k], table.b[k]) == pair:
            table.weight[k] += count
            table.partnership[k] = True
        else:
            alone.append((pair, count))
    for pair, count in alone:  # after the search: appended ties would break the order it needs
        _append(table, pair, float(count), 0, True)
    return _sorted(table) if alone else table


class _Keys:
    """A sorted table's ties as the numbers they are ordered by, for bisect, computed as read."""

    def __init__(self, table: TieTable):
        self.table, self.n = table, len(table.actors)

    def __len__(self) -> int:
        return self.table.ties

    def __getitem__(self, k: int) -> int:
        return self.table.a[k] * self.n + self.table.b[k]


def _partner_pairs(index: dict[str, int], partnerships: Iterable[tuple[str, str]]) -> dict[tuple[int, int], int]:
    """Partnerships counted per pair of places (smaller first); unknown actors and an actor
    with itself make no tie."""
    partners: dict[tuple[int, int], int] = {}
    for x, y in partnerships:
        if x in index and y in index and x != y:
            pair = (min(index[x], index[y]), max(index[x], index[y]))
            partners[pair] = partners.get(pair, 0) + 1
    return partners


def _append(table: TieTable, pair: tuple[int, int], weight: float, initiatives: int, partnership: bool) -> None:
    table.a.append(pair[0])
    table.b.append(pair[1])
    table.weight.append(weight)
    table.initiatives.append(initiatives)
    table.partnership.append(partnership)


def _sorted(table: TieTable) -> TieTable:
    n = len(table.actors)
    keys = array("q", (x * n + y for x, y in zip(table.a, table.b)))
    if all(keys[k] < keys[k + 1] for k in range(len(keys) - 1)):
        return table  # SQLite hands ties out grouped, hence in order
    order = sorted(range(len(keys)), key=keys.__getitem__)
    del keys
    return TieTable(
        actors=table.actors,
        a=array("l", (table.a[k] for k in order)),
        b=array("l", (table.b[k] for k in order)),
        weight=array("d", (table.weight[k] for k in order)),
        initiatives=array("l", (table.initiatives[k] for k in order)),
        partnership=bytearray(table.partnership[k] for k in order),
    )


def to_networkx(table: TieTable) -> nx.Graph:
    """Actors as nodes (name, kind, county, municipality), ties as edges with `weight`,
    `initiatives` and `partnership`."""
    graph = nx.Graph()
    for actor in table.actors:
        graph.add_node(actor.id, name=actor.name, kind=actor.kind, county=actor.county, municipality=actor.kommunenummer)
    ids = table.ids()
    for k in range(table.ties):
        graph.add_edge(
            ids[table.a[k]],
            ids[table.b[k]],
            weight=table.weight[k],
            initiatives=table.initiatives[k],
            partnership=bool(table.partnership[k]),
        )
    return graph


def from_networkx(graph: nx.Graph) -> TieTable:
    """A networkx graph (edge attribute `weight`) as a table, e.g. one built by hand."""
    actors = [
        ActorAttrs(
            str(node), data.get("name", str(node)), data.get("kind", "other"), data.get("county"), data.get("municipality")
        )
        for node, data in graph.nodes(data=True)
    ]
    ties = (
        Tie(str(x), str(y), float(d.get("weight", 1.0)), int(d.get("initiatives", 0)))
        for x, y, d in graph.edges(data=True)
        if x != y
    )
    table = build_tie_table(actors, ties, [])
    flags = {(min(str(x), str(y)), max(str(x), str(y))) for x, y, d in graph.edges(data=True) if d.get("partnership")}
    if flags:
        ids = table.ids()
        for k in range(table.ties):
            table.partnership[k] = (ids[table.a[k]], ids[table.b[k]]) in flags
    return table


def to_igraph(table: TieTable):  # -> igraph.Graph; igraph is imported only when needed
    import igraph

    graph = igraph.Graph(n=len(table.actors))
    for start in range(0, table.ties, _CHUNK):
        graph.add_edges(list(zip(table.a[start : start + _CHUNK], table.b[start : start + _CHUNK])))
    return graph
