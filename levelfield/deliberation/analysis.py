"""The analysis of a conversation: opinion groups, what represents each group, and
where people agree. Pure functions over numbers (numpy only), no Django, so it can be
tested and benchmarked on its own and run in the background worker.

The steps follow Pol.is (and red-dwarf, its Python reimplementation, which the tests
and `bench/bench_deliberation.py` use as an oracle):

1. **Vote matrix.** One row per participant, one column per statement; the latest
   reaction is 1 (agree), -1 (disagree) or 0 (pass); a statement someone has not seen
   is missing (NaN).
2. **Two components.** Missing cells take the statement's mean, the matrix is centred
   and reduced to its first two principal components (a randomized SVD with a fixed
   seed: the matrix is wide, only two components are needed). Each participant's
   point is scaled by sqrt(statements / statements they reacted to), so people who
   reacted to few statements are not bunched in the middle (statements moderated out
   that had reactions count in both, as in Pol.is, where they are columns of zeros).
3. **Opinion groups.** Participants with at least `min_votes` reactions, counting
   every reaction they gave, also to statements moderated out since (`vote_counts`;
   Pol.is counts the raw vote matrix: red-dwarf's run_pipeline calls
   get_clusterable_participant_ids on raw_vote_matrix, before moderated-out statements
   are zeroed), are clustered
   by k-means for every k from 2 to `max_groups`, each started as Pol.is starts it
   (the first k distinct points in sorted order: see `polis_start`, which follows
   red-dwarf's "polis" initialisation), so the same votes give the same groups as
   Pol.is; the number of groups is the k
   with the highest mean silhouette. The silhouette needs every pairwise distance, so
   above `SILHOUETTE_SAMPLE` (1,000) people it is computed on that many, drawn once
   with the seed and shared by every k (on planted conversations the chosen k is the
   same as with everyone). Fewer than 2 x 2 such people: one group.
4. **Representative statements.** For each group and statement: the agree share
   pa = (agrees + 1) / (reactions + 2) (likewise pd for disagree), a one-proportion
   z-test that it is above a half, the ratio to the same share among everyone else
   (ra) and a two-proportion z-test of that difference. A statement represents a
   group when both tests pass at 90% confidence one-sided (z > 1.2816). Which five
   are shown, and in what order, is Pol.is's rule (see `_representative`): the
   group's "best agree" statement first, then the highest pa x pat x ra x rat (or the
   disagree equivalent), agreements listed before disagreements.
5. **Consensus.** Overall: the share of everyone who agreed (or disagreed) is above a
   half with the one-proportion test passing. Across groups ("group-aware
   consensus"): the product over groups of each group's pa; a statement is listed
   when a majority (pa > 0.5) of every group agrees (or disagrees).
   **Divisive** statements: the largest gap between the groups' agree shares.
6. **Across perspectives.** The same group-aware consensus, with the perspectives
   people chose to share (lived experience, carer, clinician...) as the groups,
   counting only perspectives held by at least `minimum_group` participants.

Deterministic for a given seed: same votes, same seed, same result.

Speed: the linear algebra runs with one BLAS thread. The matrices are small enough
that threads save little, and on a busy machine (the worker shares two cores with the
web server) OpenBLAS's spinning threads made the analysis two to three times slower.

scikit-learn was measured and not used: importing `sklearn.cluster` and
`sklearn.metrics` takes about 1-1.7 s on this machine, more than the whole analysis of a
2,000 x 1,000 conversation; k-means on 2-D points and the silhouette are a few lines of
numpy. scipy is not needed either (the critical value is a constant).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from functools import cache
from typing import Any

import numpy as np

# One-sided 90% critical value of the normal distribution (scipy.stats.norm.ppf(0.9)).
Z_90 = 1.2815515655446004
MIN_VOTES = 7
MAX_GROUPS = 5
PICK = 5
SILHOUETTE_SAMPLE = 1000
# scikit-learn's default tolerance, as red-dwarf's k-means runs with it.
KMEANS_TOLERANCE = 1e-4


@dataclass
class StatementFigures:
    """How one statement fared overall and in each opinion group."""

    statement_id: int
    reactions: int
    agree: int
    disagree: int
    passed: int
    # Per group, in group order: (agree share, disagree share, reactions).
    groups: list[tuple[float, float, int]] = field(default_factory=list)
    consensus_agree: float = 0.0
    consensus_disagree: float = 0.0
    spread: float = 0.0
    priority: float = 9.0


@dataclass
class Representative:
    statement_id: int
    direction: str  # "agree" or "disagree"
    share: float  # the group's share agreeing (or disagreeing)
    others_share: float
    z_share: float
    z_ratio: float


@dataclass
class Group:
    label: str
    size: int
    centre: tuple[float, float]
    representative: list[Representative]


@dataclass
class PerspectiveConsensus:
    statement_id: int
    direction: str
    score: float
    shares: dict[str, float]  # perspective -> share agreeing (or disagreeing)


@dataclass
class Result:
    participants: int  # everyone who reacted
    grouped: int  # those with at least min_votes reactions
    statements: int
    reactions: int
    min_votes: int
    seed: int
    silhouette: float | None
    groups: list[Group]
    # (participant id, x, y, group index or -1 when not grouped)
    points: list[tuple[int, float, float, int]]
    figures: list[StatementFigures]
    consensus: list[tuple[int, str, float]]  # statement id, direction, share
    group_consensus: list[tuple[int, str, float]]  # statement id, direction, score
    divisive: list[tuple[int, float]]  # statement id, spread of agree shares
    perspective_groups: dict[str, int]  # perspective -> participants counted
    perspective_consensus: list[PerspectiveConsensus]

    def as_json(self) -> dict[str, Any]:
        return asdict(self)

    @property
    def labels(self) -> dict[int, int]:
        """Participant id -> group index, for the grouped participants."""
        return {pid: group for pid, _, _, group in self.points if group >= 0}


def analyse(
    *,
    participant_ids: Sequence[int] | np.ndarray,
    statement_ids: Sequence[int] | np.ndarray,
    votes: Sequence[int] | np.ndarray,
    all_statement_ids: Sequence[int] | None = None,
    perspectives: Mapping[str, set[int]] | None = None,
    min_votes: int = MIN_VOTES,
    max_groups: int = MAX_GROUPS,
    minimum_group: int = 5,
    seed: int = 0,
    vote_counts: Mapping[int, int] | None = None,
    zeroed: int = 0,
) -> Result:
    """Analyse reactions given as three parallel sequences (one reaction each: the
    latest per participant and statement). `all_statement_ids` adds statements nobody
    has reacted to yet, so they get a priority too. `vote_counts` (participant id ->
    reactions to every statement, moderated out or not) decides who has `min_votes`;
    without it only the reactions given here count. `zeroed` is how many statements
    moderated out had reactions (see `project`)."""
    with _one_blas_thread():
        return _analyse(
            participant_ids,
            statement_ids,
            votes,
            all_statement_ids,
            perspectives,
            vote_counts=vote_counts,
            zeroed=zeroed,
            min_votes=min_votes,
            max_groups=max_groups,
            minimum_group=minimum_group,
            seed=seed,
        )


@cache
def _blas_controller() -> Any:
    """threadpoolctl's view of the loaded BLAS, found once (imported here, not at the
    top: only the worker needs it)."""
    from threadpoolctl import ThreadpoolController

    return ThreadpoolController()


@contextmanager
def _one_blas_thread() -> Iterator[None]:
    with _blas_controller().limit(limits=1, user_api="blas"):
        yield


def _analyse(
    participant_ids: Sequence[int] | np.ndarray,
    statement_ids: Sequence[int] | np.ndarray,
    votes: Sequence[int] | np.ndarray,
    all_statement_ids: Sequence[int] | None,
    perspectives: Mapping[str, set[int]] | None,
    *,
    vote_counts: Mapping[int, int] | None,
    zeroed: int,
    min_votes: int,
    max_groups: int,
    minimum_group: int,
    seed: int,
) -> Result:
    votes_ = vote_matrix(participant_ids, statement_ids, votes, all_statement_ids)
    people, statements = votes_.people, votes_.statements
    counts = np.bincount(votes_.rows, minlength=len(people))
    if vote_counts is not None:
        given = np.array([vote_counts.get(p, 0) for p in people.tolist()], dtype=np.int64)
        counts = np.maximum(counts, given)
    points, loadings = project(votes_, seed=seed, zeroed=zeroed)
    grouped = np.flatnonzero(counts >= min_votes)
    labels, silhouette = cluster(points[grouped], max_groups=max_groups, seed=seed)
    groups_of = np.full(len(people), -1)
    groups_of[grouped] = labels
    k = int(labels.max()) + 1 if len(labels) else 0
    stats = group_statistics(votes_, groups_of, k)
    overall = votes_.tally(np.ones(len(people), dtype=bool))
    figures = _figures(overall, statements, stats, loadings)
    result = Result(
        participants=int(len(people)),
        grouped=int(len(grouped)),
        statements=int(len(statements)),
        reactions=int(len(votes_.values)),
        min_votes=min_votes,
        seed=seed,
        silhouette=silhouette,
        groups=_groups(points[grouped], labels, k, stats, statements),
        points=list(
            zip(
                people.tolist(),
                np.round(points[:, 0], 4).tolist(),
                np.round(points[:, 1], 4).tolist(),
                groups_of.tolist(),
                strict=True,
            )
        ),
        figures=figures,
        consensus=_consensus(overall, statements),
        group_consensus=_group_consensus(stats, statements),
        divisive=sorted(
            ((f.statement_id, f.spread) for f in figures if f.spread > 0),
            key=lambda item: (-item[1], item[0]),
        )[:PICK],
        perspective_groups={},
        perspective_consensus=[],
    )
    if perspectives:
        _add_perspectives(result, votes_, perspectives, minimum_group)
    return result


@dataclass
class Votes:
    """The vote matrix kept sparse: the latest reaction to each (participant, statement)
    cell as three parallel arrays, with the sorted ids of the rows and columns."""

    people: np.ndarray
    statements: np.ndarray
    rows: np.ndarray
    cols: np.ndarray
    values: np.ndarray  # 1 agree, -1 disagree, 0 pass

    def tally(self, members: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Reactions, agrees and disagrees per statement among the rows where `members`
        (a boolean per participant) is true."""
        keep = members[self.rows]
        return _tally(self.cols[keep], self.values[keep], len(self.statements))


def _tally(
    index: np.ndarray, values: np.ndarray, size: int
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    return (
        np.bincount(index, minlength=size),
        np.bincount(index[values == 1], minlength=size),
        np.bincount(index[values == -1], minlength=size),
    )


def _positions(ids: np.ndarray, extra: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
    """The sorted distinct ids (of `ids` and `extra`) and each of `ids`' position among
    them. Database keys are mostly dense, so a lookup table beats sorting."""
    every = ids if extra is None else np.concatenate([ids, extra])
    if every.size and every.min() >= 0 and every.max() < 4 * every.size + 100_000:
        present = np.zeros(int(every.max()) + 1, dtype=bool)
        present[every] = True
        position = np.cumsum(present) - 1
        return np.flatnonzero(present), position[ids]
    distinct = np.unique(every)
    return distinct, np.searchsorted(distinct, ids)


def vote_matrix(
    participant_ids: Sequence[int] | np.ndarray,
    statement_ids: Sequence[int] | np.ndarray,
    votes: Sequence[int] | np.ndarray,
    all_statement_ids: Sequence[int] | None = None,
) -> Votes:
    """The participants x statements vote matrix. Later reactions to the same cell win
    (a dense int8 scratch matrix keeps the last write to each cell)."""
    pids = np.asarray(participant_ids, dtype=np.int64)
    sids = np.asarray(statement_ids, dtype=np.int64)
    values = np.asarray(votes, dtype=np.int8)
    extra = None if all_statement_ids is None else np.asarray(all_statement_ids, dtype=np.int64)
    people, rows = _positions(pids)
    statements, cols = _positions(sids, extra)
    cells = np.zeros((len(people), len(statements)), dtype=np.int8)
    cells[rows, cols] = values + 2  # 0 is "not seen"
    rows, cols = np.nonzero(cells)
    return Votes(people, statements, rows, cols, (cells[rows, cols] - 2).astype(np.int8))


def project(votes: Votes, *, seed: int, zeroed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """Each participant's point on the first two principal components (scaled for
    sparsity), and each statement's loadings on them. Unseen cells take the statement's
    mean, so they are zero once centred; float32 halves the memory traffic."""
    n_people, n_statements = len(votes.people), len(votes.statements)
    if n_people < 2 or n_statements < 2:
        return np.zeros((n_people, 2)), np.zeros((n_statements, 2))
    counts = np.bincount(votes.cols, minlength=n_statements)
    sums = np.bincount(votes.cols, weights=votes.values, minlength=n_statements)
    means = np.divide(sums, counts, out=np.zeros(n_statements), where=counts > 0)
    centred = np.zeros((n_people, n_statements), dtype=np.float32)
    centred[votes.rows, votes.cols] = votes.values - means[votes.cols]
    components = _top_components(centred, 2, seed=seed)
    points = (centred @ components.T).astype(np.float64)
    if points.shape[1] < 2:
        points = np.pad(points, ((0, 0), (0, 2 - points.shape[1])))
    # Pol.is keeps statements moderated out (that had votes) as columns of zeros, which
    # count as reacted to by everyone in this scaling (red-dwarf's
    # calculate_scaling_factors after simple_filter_matrix): `zeroed` adds them to both.
    reacted = np.bincount(votes.rows, minlength=n_people) + zeroed
    scale = np.sqrt((n_statements + zeroed) / np.maximum(1, reacted))
    loadings = np.zeros((n_statements, 2))
    loadings[:, : components.shape[0]] = components.T
    return points * scale[:, None], loadings


def _top_components(centred: np.ndarray, n: int, *, seed: int) -> np.ndarray:
    """The top `n` right singular vectors (rows), signs fixed so the largest loading of
    each is positive. Small matrices use numpy's exact SVD; larger ones a randomized
    SVD (Halko et al., 10 extra directions, 4 power iterations), as scikit-learn's PCA
    does for such shapes."""
    n = min(n, *centred.shape)
    if min(centred.shape) <= 60:
        _, _, vt = np.linalg.svd(centred, full_matrices=False)
        vt = vt[:n]
    else:
        rng = np.random.default_rng(seed)
        sample = centred @ rng.standard_normal((centred.shape[1], n + 10), dtype=centred.dtype)
        for _ in range(4):
            sample, _ = np.linalg.qr(sample)
            sample, _ = np.linalg.qr(centred.T @ sample)
            sample = centred @ sample
        basis, _ = np.linalg.qr(sample)
        _, _, vt = np.linalg.svd(basis.T @ centred, full_matrices=False)
        vt = vt[:n]
    biggest = np.argmax(np.abs(vt), axis=1)
    signs = np.sign(vt[np.arange(len(vt)), biggest])
    return vt * signs[:, None]


def cluster(points: np.ndarray, *, max_groups: int, seed: int) -> tuple[np.ndarray, float | None]:
    """Group labels (0.. in order of size, largest first) and the silhouette of the
    chosen k; one group and no silhouette when there are too few people."""
    n = len(points)
    if n < 4:
        return np.zeros(n, dtype=np.int64), None
    rng = np.random.default_rng(seed)
    sample = (
        np.sort(rng.choice(n, SILHOUETTE_SAMPLE, replace=False)) if n > SILHOUETTE_SAMPLE else None
    )
    sampled = points if sample is None else points[sample]
    distances = pairwise_distances(sampled)
    best: tuple[float, np.ndarray] | None = None
    distinct = len(np.unique(points, axis=0))
    for k in range(2, min(max_groups, n - 1, distinct) + 1):
        labels = kmeans(points, k)
        if len(np.unique(labels)) < 2:
            continue
        score = silhouette(distances, labels if sample is None else labels[sample])
        if best is None or score > best[0] + 1e-12:
            best = (score, labels)
    if best is None:
        return np.zeros(n, dtype=np.int64), None
    return _by_size(best[1]), float(best[0])


def pairwise_distances(points: np.ndarray) -> np.ndarray:
    """Euclidean distances between every pair of points (|a|^2 + |b|^2 - 2ab)."""
    squares = (points**2).sum(axis=1)
    gaps = squares[:, None] + squares[None, :] - 2 * (points @ points.T)
    return np.sqrt(np.maximum(gaps, 0.0))


def kmeans(points: np.ndarray, k: int, *, iterations: int = 300) -> np.ndarray:
    """Lloyd's k-means on 2-D points, started as Pol.is starts it (`polis_start`), so
    the same points give the same groups as Pol.is and red-dwarf. One start: the start
    is fixed, so more starts would only repeat it.

    Steps as scikit-learn's Lloyd, which red-dwarf runs: stop when no one changes group
    or the centres move less than `KMEANS_TOLERANCE` x the points' mean variance; a
    group left empty takes the point farthest from its own centre."""
    centres = polis_start(points, k)
    x, y = points[:, 0:1], points[:, 1:2]
    rows = np.arange(len(points))
    tolerance = KMEANS_TOLERANCE * float(np.mean(np.var(points, axis=0)))
    labels = None
    for _ in range(iterations):
        gaps = (x - centres[:, 0]) ** 2 + (y - centres[:, 1]) ** 2
        moved = gaps.argmin(axis=1)
        if labels is not None and np.array_equal(moved, labels):
            break
        labels = moved
        previous = centres.copy()
        sizes = np.bincount(labels, minlength=k)
        for empty in np.flatnonzero(sizes == 0):
            far = int(np.argmax(gaps[rows, labels]))
            labels[far] = empty
            gaps[far, :] = 0.0
            sizes = np.bincount(labels, minlength=k)
        centres[:, 0] = np.bincount(labels, weights=points[:, 0], minlength=k)
        centres[:, 1] = np.bincount(labels, weights=points[:, 1], minlength=k)
        centres /= np.maximum(sizes, 1)[:, None]
        if ((centres - previous) ** 2).sum() <= tolerance:
            gaps = (x - centres[:, 0]) ** 2 + (y - centres[:, 1]) ** 2
            labels = gaps.argmin(axis=1)
            break
    return labels


def polis_start(points: np.ndarray, k: int) -> np.ndarray:
    """The first k distinct points in sorted order (by x, then y) as the starting
    centres: red-dwarf's "polis" initialisation (reddwarf/sklearn/cluster.py,
    PolisKMeans._generate_centers: `np.unique(X, axis=0)[:k]`), which its
    run_pipeline always uses for k-means (utils/clusterer/base.py), following Pol.is's
    math (clusters.clj init-clusters takes k distinct points). No randomness, so the
    groups do not depend on a seed. Fewer than k distinct points: as many as there are,
    the rest repeat the last (those groups stay empty and take far points)."""
    distinct = np.unique(points, axis=0)
    if len(distinct) >= k:
        return distinct[:k].astype(np.float64)
    filler = np.repeat(distinct[-1:], k - len(distinct), axis=0)
    return np.vstack([distinct, filler]).astype(np.float64)


def silhouette(distances: np.ndarray, labels: np.ndarray) -> float:
    """Mean silhouette from a full distance matrix (0 for people alone in a group)."""
    k = int(labels.max()) + 1
    onehot = np.eye(k)[labels]
    sizes = onehot.sum(axis=0)
    sums = distances @ onehot
    own = sizes[labels]
    a = np.divide(
        sums[np.arange(len(labels)), labels], own - 1, out=np.zeros(len(labels)), where=own > 1
    )
    means = sums / np.maximum(sizes, 1)
    means[np.arange(len(labels)), labels] = np.inf
    means[:, sizes == 0] = np.inf
    b = means.min(axis=1)
    widest = np.maximum(a, b)
    scores = np.divide(b - a, widest, out=np.zeros(len(labels)), where=(widest > 0) & (own > 1))
    return float(scores.mean())


def _by_size(labels: np.ndarray) -> np.ndarray:
    """Relabel so group 0 is the largest (ties: the one whose first member comes first)."""
    found = np.unique(labels)
    order = sorted(found, key=lambda g: (-(labels == g).sum(), int(np.argmax(labels == g))))
    mapping = np.empty(int(found.max()) + 1, dtype=np.int64)
    mapping[np.array(order)] = np.arange(len(order))
    return mapping[labels]


def group_statistics(votes: Votes, groups_of: np.ndarray, k: int) -> dict[str, np.ndarray]:
    """Per group (rows) and statement (columns): counts, shares, ratios and z-tests.
    `groups_of` gives each participant's group, -1 for those not grouped."""
    n = len(votes.statements)
    group = groups_of[votes.rows]
    keep = group >= 0
    counted = _tally(group[keep] * n + votes.cols[keep], votes.values[keep], max(k, 1) * n)
    ns, na, nd = (c.reshape(max(k, 1), n).astype(np.float64) for c in counted)
    stats: dict[str, np.ndarray] = {"ns": ns, "na": na, "nd": nd}
    for key, n_yes in (("a", na), ("d", nd)):
        out_yes = n_yes.sum(axis=0) - n_yes
        out_n = ns.sum(axis=0) - ns
        share = (n_yes + 1) / (ns + 2)
        stats[f"p{key}"] = share
        stats[f"p{key}t"] = one_proportion_z(n_yes, ns)
        stats[f"r{key}"] = share / ((out_yes + 1) / (out_n + 2))
        stats[f"r{key}t"] = two_proportion_z(n_yes, out_yes, ns, out_n)
    return stats


def one_proportion_z(successes: np.ndarray, trials: np.ndarray) -> np.ndarray:
    """Pol.is's test that a share is above a half, with one pseudo-count."""
    successes = np.asarray(successes) + 1.0
    trials = np.asarray(trials) + 1.0
    return 2 * np.sqrt(trials) * (successes / trials - 0.5)


def two_proportion_z(
    succ_in: np.ndarray, succ_out: np.ndarray, n_in: np.ndarray, n_out: np.ndarray
) -> np.ndarray:
    """Pol.is's test that a share inside a group is above the share outside it."""
    succ_in, succ_out = np.asarray(succ_in) + 1.0, np.asarray(succ_out) + 1.0
    n_in, n_out = np.asarray(n_in) + 1.0, np.asarray(n_out) + 1.0
    pooled = (succ_in + succ_out) / (n_in + n_out)
    spread = np.sqrt(pooled * (1 - pooled) * (1 / n_in + 1 / n_out))
    with np.errstate(divide="ignore", invalid="ignore"):
        z = (succ_in / n_in - succ_out / n_out) / spread
    return np.where((pooled >= 1) | (spread == 0), 0.0, z)


def _figures(
    overall: tuple[np.ndarray, np.ndarray, np.ndarray],
    statements: np.ndarray,
    stats: dict[str, np.ndarray],
    loadings: np.ndarray,
) -> list[StatementFigures]:
    """Each statement's counts, shares by group, consensus, spread and next-statement
    priority: (1 + separation) x (1 + 8 x 2^(-reactions / 5)), where separation is
    the length of its loadings on the two components, scaled so the largest is 1."""
    reactions, agrees, disagrees = overall
    separation = np.linalg.norm(loadings, axis=1)
    if separation.max(initial=0) > 0:
        separation = separation / separation.max()
    priority = (1 + separation) * (1 + 8 * np.power(2.0, -reactions / 5))
    pa, pd, ns = stats["pa"], stats["pd"], stats["ns"]
    k = pa.shape[0] if ns.size else 0
    reacted_pa = np.where(ns > 0, pa, np.nan)
    with np.errstate(all="ignore"), np.testing.suppress_warnings() as quiet:
        quiet.filter(RuntimeWarning)
        spread = np.nan_to_num(np.nanmax(reacted_pa, axis=0) - np.nanmin(reacted_pa, axis=0))
    spread = np.where((ns > 0).sum(axis=0) >= 2, spread, 0.0) if k else np.zeros(len(statements))
    columns = zip(
        statements.tolist(),
        reactions.tolist(),
        agrees.tolist(),
        disagrees.tolist(),
        np.round(pa.T, 4).tolist() if k else [[]] * len(statements),
        np.round(pd.T, 4).tolist() if k else [[]] * len(statements),
        ns.T.astype(int).tolist() if k else [[]] * len(statements),
        np.round(pa.prod(axis=0), 6).tolist() if k else [0.0] * len(statements),
        np.round(pd.prod(axis=0), 6).tolist() if k else [0.0] * len(statements),
        np.round(spread, 4).tolist(),
        np.round(priority, 4).tolist(),
        strict=True,
    )
    figures = [
        StatementFigures(
            statement_id=sid,
            reactions=n,
            agree=yes,
            disagree=no,
            passed=n - yes - no,
            groups=list(zip(group_pa, group_pd, group_n, strict=True)),
            consensus_agree=c_agree,
            consensus_disagree=c_disagree,
            spread=gap,
            priority=weight,
        )
        for (sid, n, yes, no, group_pa, group_pd, group_n, c_agree, c_disagree, gap, weight) in (
            columns
        )
    ]
    return figures


def _groups(
    points: np.ndarray,
    labels: np.ndarray,
    k: int,
    stats: dict[str, np.ndarray],
    statements: np.ndarray,
) -> list[Group]:
    groups = []
    for g in range(k):
        members = points[labels == g]
        centre = members.mean(axis=0) if len(members) else np.zeros(2)
        groups.append(
            Group(
                label=_letter(g),
                size=int(len(members)),
                centre=(round(float(centre[0]), 4), round(float(centre[1]), 4)),
                representative=_representative(stats, g, statements) if k > 1 else [],
            )
        )
    return groups


def _letter(index: int) -> str:
    return f"Group {chr(ord('A') + index)}" if index < 26 else f"Group {index + 1}"


def _representative(
    stats: dict[str, np.ndarray], g: int, statements: np.ndarray
) -> list[Representative]:
    """Statements where group `g` differs from everyone else, chosen and ordered as
    Pol.is does (polismath repness.clj `select-rep-comments`; red-dwarf
    `select_representative_statements`), so the list reads as in Pol.is's report:

    1. each statement speaks for agreement or disagreement, whichever ratio test
       (rat or rdt) is larger;
    2. the significant ones (pat and rat, or pdt and rdt, above z 1.2816) are ranked by
       ratio x its test x share x its test in that direction, highest first;
    3. the group's "best agree" statement goes first: scanning the statements in order,
       the first with votes whose agree test passes (or ra > 1 and pa > 0.5), replaced by
       any later one with a higher ra x rat x pa x pat (or pa x pat while the best so far
       has ra <= 1). With no best agree and nothing significant, the statement with the
       highest ratio test stands alone, so every group has one;
    4. the first five are kept, then agreements are listed before disagreements.

    One case is the project's own: with no best agree but some significant statements,
    red-dwarf lists none for the group (it adds the ranked ones only after a head);
    here the significant ones are still listed, since they do set the group apart.
    """
    pa, pat, ra, rat = (stats[key][g] for key in ("pa", "pat", "ra", "rat"))
    pd, pdt, rd, rdt = (stats[key][g] for key in ("pd", "pdt", "rd", "rdt"))
    voted = (stats["na"][g] + stats["nd"][g]) > 0
    agree = rat > rdt
    metric = np.where(agree, ra * rat * pa * pat, rd * rdt * pd * pdt)
    significant = np.flatnonzero(((pat > Z_90) & (rat > Z_90)) | ((pdt > Z_90) & (rdt > Z_90)))
    ranked = significant[np.argsort(-metric[significant], kind="stable")].tolist()
    head = _best_agree(pa.tolist(), pat.tolist(), ra.tolist(), rat.tolist(), voted.tolist())
    if head is None and not ranked:
        tests = np.maximum(rat, rdt)
        head = int(np.argmax(tests)) if len(tests) else None
    chosen = ([head] if head is not None else []) + [c for c in ranked if c != head]
    chosen = sorted(chosen[:PICK], key=lambda c: not agree[c])
    return [_rep(stats, g, c, statements, "agree" if agree[c] else "disagree") for c in chosen]


def _best_agree(
    pa: list[float], pat: list[float], ra: list[float], rat: list[float], voted: list[bool]
) -> int | None:
    """The column of the statement Pol.is puts first for a group (its "best agree"),
    scanning in statement order as repness.clj's `beats-best-agr?` does; None if none."""
    best = None
    for c, has_votes in enumerate(voted):
        if not has_votes:
            continue
        if best is None:
            if pat[c] > Z_90 or (ra[c] > 1.0 and pa[c] > 0.5):
                best = c
        elif ra[best] > 1.0:
            if ra[c] * rat[c] * pa[c] * pat[c] > ra[best] * rat[best] * pa[best] * pat[best]:
                best = c
        elif pa[c] * pat[c] > pa[best] * pat[best]:
            best = c
    return best


def _rep(
    stats: dict[str, np.ndarray], g: int, c: int, statements: np.ndarray, direction: str
) -> Representative:
    key = "a" if direction == "agree" else "d"
    share, ratio = stats[f"p{key}"][g][c], stats[f"r{key}"][g][c]
    return Representative(
        statement_id=int(statements[c]),
        direction=direction,
        share=round(float(share), 4),
        others_share=round(float(share / ratio), 4),
        z_share=round(float(stats[f"p{key}t"][g][c]), 3),
        z_ratio=round(float(stats[f"r{key}t"][g][c]), 3),
    )


def _consensus(
    overall: tuple[np.ndarray, np.ndarray, np.ndarray], statements: np.ndarray
) -> list[tuple[int, str, float]]:
    """Statements most of everyone agreed (or disagreed) with, significantly."""
    trials, agrees, disagrees = overall
    found = []
    for yes, direction in ((agrees, "agree"), (disagrees, "disagree")):
        share = (yes + 1) / (trials + 2)
        z = one_proportion_z(yes, trials)
        keep = np.flatnonzero((share > 0.5) & (z > Z_90))
        ranked = sorted(keep, key=lambda c: (-share[c] * z[c], int(statements[c])))[:PICK]
        found += [(int(statements[c]), direction, round(float(share[c]), 4)) for c in ranked]
    return found


def _group_consensus(
    stats: dict[str, np.ndarray], statements: np.ndarray
) -> list[tuple[int, str, float]]:
    """Statements a majority of every group agreed (or disagreed) with, by the product
    of the groups' shares (group-aware consensus)."""
    if stats["ns"].shape[0] < 2:
        return []
    return _across(stats["pa"], stats["pd"], stats["ns"], statements)


def _across(
    pa: np.ndarray, pd: np.ndarray, ns: np.ndarray, statements: np.ndarray
) -> list[tuple[int, str, float]]:
    found = []
    for share, direction in ((pa, "agree"), (pd, "disagree")):
        product = share.prod(axis=0)
        keep = np.flatnonzero((share > 0.5).all(axis=0) & (ns > 0).all(axis=0))
        ranked = sorted(keep, key=lambda c: (-product[c], int(statements[c])))[:PICK]
        found += [(int(statements[c]), direction, round(float(product[c]), 6)) for c in ranked]
    return found


def _add_perspectives(
    result: Result,
    votes: Votes,
    perspectives: Mapping[str, set[int]],
    minimum_group: int,
) -> None:
    """Consensus across perspective groups, counting only groups of `minimum_group` or
    more participants (smaller groups could identify people)."""
    statements = votes.statements
    names, members = [], []
    for name in sorted(perspectives):
        held = np.isin(votes.people, list(perspectives[name]))
        if held.sum() >= minimum_group:
            names.append(name)
            members.append(held)
    result.perspective_groups = {n: int(m.sum()) for n, m in zip(names, members, strict=True)}
    if len(names) < 2:
        return
    ns, na, nd = (np.array(counts) for counts in zip(*map(votes.tally, members), strict=True))
    pa, pd = (na + 1) / (ns + 2), (nd + 1) / (ns + 2)
    for sid, direction, score in _across(pa, pd, ns, statements):
        column = int(np.searchsorted(statements, sid))
        share = pa if direction == "agree" else pd
        result.perspective_consensus.append(
            PerspectiveConsensus(
                statement_id=sid,
                direction=direction,
                score=score,
                shares={n: round(float(share[i, column]), 4) for i, n in enumerate(names)},
            )
        )
