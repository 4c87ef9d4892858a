"""Where activity clusters: paths, clusters, brokers, hot spots, period comparison — the
questions of graph/questions, asked with the query's parameters."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, HTTPException, Query

from api.access import ReaderAccess
from api.actors import known_actor
from api.deps import StoreDep
from api.gate import GatedRoute
from api.problems import documented
from graph.questions.bounds import TEXT_MAX
from graph.questions.brokers import BrokersAsked, BrokerView, brokers_of
from graph.questions.clusters import (
    ClusterAsked,
    ClusterDetail,
    ClusterReport,
    ClustersAsked,
    NoSuchCluster,
    cluster_of,
    clusters_of,
)
from graph.questions.compare import CompareAnswer, CompareAsked, comparison_of
from graph.questions.hotspots import Hotspot, HotspotsAsked, hotspots_of
from graph.questions.paths import PathsAnswer, PathsAsked, paths_between

router = APIRouter(
    route_class=GatedRoute,
    prefix="/api",
    tags=["analytics"],
    dependencies=[ReaderAccess],
    responses=documented(401, 404, 413, 422, 503),
)

ActorRef = Annotated[str, Query(min_length=1, max_length=TEXT_MAX, description="Actor id")]


@router.get("/paths", response_model=PathsAnswer, summary="How two actors are joined, with the initiatives on the way")
def get_paths(store: StoreDep, source: ActorRef, target: ActorRef, asked: Annotated[PathsAsked, Query()]) -> PathsAnswer:
    return paths_between(store, known_actor(store, source), known_actor(store, target), asked)


@router.get("/clusters", response_model=ClusterReport, summary="Communities of collaborators with their summaries")
def get_clusters(store: StoreDep, asked: Annotated[ClustersAsked, Query()]) -> ClusterReport:
    return clusters_of(store, asked)


@router.get("/clusters/{cluster_id}", response_model=ClusterDetail, summary="One cluster with every member")
def get_cluster(store: StoreDep, cluster_id: int, asked: Annotated[ClusterAsked, Query()]) -> ClusterDetail:
    try:
        return cluster_of(store, cluster_id, asked)
    except NoSuchCluster as exc:
        raise HTTPException(404, str(exc)) from exc


@router.get("/brokers", response_model=list[BrokerView], summary="Actors whose ties bridge clusters")
def get_brokers(store: StoreDep, asked: Annotated[BrokersAsked, Query()]) -> list[BrokerView]:
    return brokers_of(store, asked)


@router.get("/hotspots", response_model=list[Hotspot], summary="Activity by place, theme, month or year")
def get_hotspots(store: StoreDep, asked: Annotated[HotspotsAsked, Query()]) -> list[Hotspot]:
    return hotspots_of(store, asked)


@router.get("/compare", response_model=CompareAnswer, summary="One period's collaboration network against another's")
def get_compare(store: StoreDep, asked: Annotated[CompareAsked, Query()]) -> CompareAnswer:
    return comparison_of(store, asked)
