"""Full-text search for the public agenda, the same on PostgreSQL and SQLite.

Words are stemmed in Python with Snowball's current Dutch stemmer on both databases: the
`dutch` configuration of PostgreSQL (15) keeps 'innovaties' apart from 'innovatie', and SQLite
has no Dutch stemmer at all. The stems are stored in PostgreSQL as a weighted tsvector ('simple'
configuration, GIN index) in a narrow table of search entries (agenda.SearchEntry, one edition's
entries together, so that a word nearly every activity holds reads one edition's entries and
not every wide activity row) and in SQLite in an FTS5 table; both hold title (A), summary (B),
organisers and town (C) and description (D). The last word of a query matches as a prefix
(people type 'Works' for 'Workshop'). A word that looks like a mistyped town name also matches
that town: PostgreSQL finds it with pg_trgm, SQLite with difflib over the list of towns.

Compounds and plurals: Dutch writes 'Zorginnovatiemarkt' as one word, and the stemmer keeps
some plurals apart from their singular ('robots', 'sensoren'). Every word of five letters or
more that the index meets is kept with its stem in a vocabulary (SearchWord, one row per
distinct word: tens of thousands of rows where the activities are a hundred thousand). A query
word of five letters or more is looked up there as a substring, and so is its singular when
the vocabulary knows that singular as a word or the last part of one ('robot' for 'robots',
not 'proce' for 'proces'); the stems of the words that hold it become alternatives in the full-text query.
'innovatie' thus also asks for the stems of 'zorginnovatiemarkt' and 'zorginnovaties'. A word
that holds it after one or two letters only ('h|ouder' for 'ouder') is no compound of it.
The index itself stays as it was: the activities are found through the same GIN index
(PostgreSQL) or FTS5 table (SQLite), with a few more alternatives in the query. Index choice:
the substring lookup runs on the small vocabulary, never on the activities; on PostgreSQL
through a trigram GIN index on the word (`LIKE '%innovatie%'` is an index scan, 2 ms at 60,000
words), on SQLite through an FTS5 table with the trigram tokenizer that triggers keep in step
with the vocabulary (a LIKE scan of 60,000 words took 46 ms, the trigram MATCH 0.05 ms).
A trigram index over the activities' whole texts would find substrings too, but it is many
times the size of the tsvector index, must recheck every candidate row against its text, and
knows no plurals.
"""

import difflib
import functools
import json
import re
import unicodedata
from collections import defaultdict
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager, nullcontext
from contextvars import ContextVar

import snowballstemmer
from django.contrib.postgres.aggregates import ArrayAgg
from django.contrib.postgres.search import SearchQuery, SearchRank
from django.core.cache import cache
from django.db import connection, transaction
from django.db.models import (
    BooleanField,
    Case,
    Count,
    Exists,
    F,
    FloatField,
    OuterRef,
    Q,
    Value,
    When,
)
from django.db.models.expressions import Expression, RawSQL
from django.db.models.functions import Lower, StrIndex
from django.db.models.lookups import GreaterThan, IContains

from estafette.activities.models import Activity
from estafette.agenda.models import SearchEntry, SearchWord
from estafette.core.bulk import indexes_built_after, insert_tuples
from estafette.core.caching import public_version
from estafette.partners.models import Partner

WORD = re.compile(r"[^\W_]+")
# Snowball's Dutch stop list (the one PostgreSQL's `dutch` configuration uses too).
STOP_WORDS = frozenset(
    [
        "de",
        "en",
        "van",
        "ik",
        "te",
        "dat",
        "die",
        "in",
        "een",
        "hij",
        "het",
        "niet",
        "zijn",
        "is",
        "was",
        "op",
        "aan",
        "met",
        "als",
        "voor",
        "had",
        "er",
        "maar",
        "om",
        "hem",
        "dan",
        "zou",
        "of",
        "wat",
        "mijn",
        "men",
        "dit",
        "zo",
        "door",
        "over",
        "ze",
        "zich",
        "bij",
        "ook",
        "tot",
        "je",
        "mij",
        "uit",
        "der",
        "daar",
        "haar",
        "naar",
        "heb",
        "hoe",
        "heeft",
        "hebben",
        "deze",
        "u",
        "want",
        "nog",
        "zal",
        "me",
        "zij",
        "nu",
        "ge",
        "geen",
        "omdat",
        "iets",
        "worden",
        "toch",
        "al",
        "waren",
        "veel",
        "meer",
        "doen",
        "toen",
        "moet",
        "ben",
        "zonder",
        "kan",
        "hun",
        "dus",
        "alles",
        "onder",
        "ja",
        "eens",
        "hier",
        "wie",
        "werd",
        "altijd",
        "doch",
        "wordt",
        "wezen",
        "kunnen",
        "ons",
        "zelf",
        "tegen",
        "na",
        "reeds",
        "wil",
        "kon",
        "niets",
        "uw",
        "iemand",
        "geweest",
        "andere",
    ]
)
# Words shorter than this are not matched against town names: too many false friends.
TOWN_WORD_MIN = 5
# Query words this long or longer also find the compounds that hold them (see above); shorter
# ones ('zorg', 'arm') sit inside too many unrelated words.
PART_MIN = 5
# What comes before the query word inside a compound is a word of its own: this long at least.
LEAD_MIN = 3
# The last query word is also read as the start of a longer one ('zorg' finds 'zorgapp') when it
# is this long at least: 'z' or 'zo' began nearly every word of every activity (SQLite read
# every term; 'z' over one edition at 100,000: 369 ms) and the prefix indexes start at 3.
PREFIX_MIN = 3
# At most this many indexed words per query word (the shortest first).
PARTS_MAX = 60
# Longer "words" (codes, addresses run together) are not kept in the vocabulary.
VOCABULARY_WORD_MAX = 60
BATCH = 5000
# bm25 per column, as ts_rank weighs A, B, C, D; the fifth column, the scope, weighs nothing.
SQLITE_WEIGHTS = "10.0, 4.0, 2.0, 1.0, 0.0"
# SQLite's scope token of an activity (alias `a`): its edition and whether the public sees it,
# 'e4p', or 'e4' (the rule the migration's trigger writes on every update).
SQLITE_SCOPE = (
    "'e' || a.edition_id || CASE WHEN a.status IN ("
    + ", ".join(f"'{status}'" for status in Activity.PUBLIC_STATUSES)
    + ") THEN 'p' ELSE '' END"
)
SQLITE_MATCHES = "SELECT rowid FROM activity_search WHERE activity_search MATCH %s"
# The annotations a ranked search adds: they order, never filter (facets.without_ranking).
RANKING = ("search_title_match", "search_rank")
# The order of `apply_search` by relevance.
RELEVANCE = ("-search_title_match", "-search_rank", "starts_at", "pk")

_stemmer = snowballstemmer.stemmer("dutch")


@functools.lru_cache(maxsize=200_000)
def _stem(word: str) -> str:
    return _stemmer.stemWord(word)


def words(text: str) -> list[str]:
    """Lower-case words without accents ('coöperatie' → 'cooperatie')."""
    plain = text.lower()
    if not plain.isascii():
        plain = "".join(
            char for char in unicodedata.normalize("NFKD", plain) if not unicodedata.combining(char)
        )
    return WORD.findall(plain)


@functools.lru_cache(maxsize=20_000)
def stems(text: str) -> str:
    return " ".join(_stem(word) for word in words(text))


# Searching


def apply_search(qs, term: str, sort: str = "", *, edition_id=None):
    """Keep the public activities that match `term`; order by relevance unless sorting by date.

    Relevance puts activities whose title holds the query as typed first, then ranks by
    ts_rank (PostgreSQL) or bm25 (SQLite), then by start. On PostgreSQL the activities are
    joined to their search entries of the same edition and public status (what `qs`, the
    public agenda, asks of the activity), so the database reads only the entries of the
    editions asked for. SQLite's full-text table is asked for the public activities of
    `edition_id` too (its `scope` column), so bm25 ranks only those."""
    groups = _query_groups(term)
    if not groups:
        return qs.none()
    if connection.vendor == "postgresql":
        query = _pg_query(groups)
        qs = qs.filter(
            search_entry__edition_id=F("edition_id"),
            search_entry__status__in=Activity.PUBLIC_STATUSES,
            search_entry__search_vector=query,
        )
        title_holds = _title_holds("search_entry__folded_title", term)
        rank = SearchRank(F("search_entry__search_vector"), query)
    else:
        # The full-text table joined by rowid: its matches are read once and ranked as they
        # are read (every edition's 'zorg' at 100,000: 200 ms; as an IN list of its matches,
        # ranked from a second match of them, 240 ms).
        query = _sqlite_match(groups, edition_id)
        # isnull=False makes the join an inner one, which the table's MATCH can lead.
        matches = _OnFullText("{table} MATCH %s", [query], BooleanField())
        qs = qs.filter(matches, search_text__isnull=False)
        title_holds = IContains(F("title"), term.strip())
        rank = _OnFullText(f"-bm25({{table}}, {SQLITE_WEIGHTS})", [], FloatField())
    if sort == "date":
        return qs
    return qs.annotate(
        search_title_match=title_holds,
        search_rank=rank,
    ).order_by(*RELEVANCE)


def _title_holds(folded_title: str, term: str) -> GreaterThan:
    """Whether the title, kept in lower case, holds the query as typed in any case (a
    strpos: UPPER(title) LIKE UPPER(query) cost twice as much for every edition's 'zorg')."""
    return GreaterThan(StrIndex(F(folded_title), Lower(Value(term.strip()))), 0)


def _public_entries(edition_ids):
    """PostgreSQL's search entries of the public activities of these editions."""
    return SearchEntry.objects.filter(
        edition_id__in=list(edition_ids), status__in=Activity.PUBLIC_STATUSES
    )


def ranked_entries(term: str, edition_ids):
    """PostgreSQL: the ids of the activities a search with no other filter finds in these
    editions, in `apply_search`'s order of relevance, read from the search entries alone,
    which keep the edition, status, title and start of their activity (the trigger), as
    TitleFirst; None on SQLite. Every edition's 'zorg' at 100,000: 83 ms, against 162 ms
    joined to the activities."""
    if connection.vendor != "postgresql":
        return None
    groups = _query_groups(term)
    entries = _public_entries(edition_ids)
    if not groups:
        return entries.none().values_list("activity_id", flat=True)
    query = _pg_query(groups)
    found = entries.filter(search_vector=query).annotate(
        search_title_match=_title_holds("folded_title", term),
        search_rank=SearchRank(F("search_vector"), query),
    )
    return TitleFirst(found, RELEVANCE)  # an entry's pk is its activity's id


def title_first(queryset) -> "TitleFirst | None":
    """A search that `apply_search` orders by relevance as TitleFirst; None for any other
    queryset."""
    if tuple(queryset.query.order_by) != RELEVANCE:
        return None
    return TitleFirst(queryset, RELEVANCE)


class TitleFirst:
    """The ids of a search's matches in its order of relevance, read a slice at a time from
    two lists: the matches whose title holds the query, ranked, then the others, ranked.
    Those whose title holds it come first in that order, so a page among them ranks none of
    the others (every edition's 'zorg' at 100,000, 33,000 of its 79,000 matches with 'zorg'
    in the title: SQLite 117 → 79 ms, PostgreSQL 59 → 49 ms). A slice that starts past all
    of them is read from the one order of every match. `found`: the matches, annotated with
    search_title_match and search_rank; `order`: their order (the title's match first)."""

    def __init__(self, found, order: tuple[str, ...]):
        ids = found.values_list(order[-1], flat=True)
        self.every = ids.order_by(*order)
        self.holding = ids.filter(search_title_match=True).order_by(*order[1:])
        self.others = ids.exclude(search_title_match=True).order_by(*order[1:])

    def __getitem__(self, bounds: slice) -> list[int]:
        start, stop = bounds.start or 0, bounds.stop
        found = list(self.holding[start:stop])
        if len(found) == stop - start:
            return found
        if start and not found:  # past those whose title holds it
            return list(self.every[start:stop])
        # The slice holds the last of them, or there are none: the others from their first.
        return found + list(self.others[: stop - start - len(found)])

    def __iter__(self):
        return iter(self.every)


def not_matching(qs, term: str, *, edition_id=None):
    """The activities of `qs` that `apply_search(qs, term, edition_id=edition_id)` leaves
    out: the same condition, negated. For a word nearly every activity holds, these are the
    few to count (see agenda/tallies.py, WideSearch)."""
    groups = _query_groups(term)
    if not groups:
        return qs
    if connection.vendor == "postgresql":
        query = _pg_query(groups)
        found = SearchEntry.objects.filter(
            activity_id=OuterRef("pk"),
            edition_id=OuterRef("edition_id"),
            status__in=Activity.PUBLIC_STATUSES,
            search_vector=query,
        )
        return qs.exclude(Exists(found))
    return qs.exclude(pk__in=RawSQL(SQLITE_MATCHES, [_sqlite_match(groups, edition_id)]))


def left_out_entries(term: str, edition_ids) -> tuple[list[int], int]:
    """PostgreSQL: the activities of the public search entries of these editions that `term`
    does not match, and how many public entries these editions have, in one read of the
    entries alone. The entries follow their activity's edition and status (the trigger), so
    where there are as many as public activities, every one has its entry and these are what
    `not_matching` gives of those editions' public activities; an activity not indexed yet
    has none, and the caller then asks `not_matching`. Every edition's 'zorg' at 100,000:
    62 ms, against 133 ms for the activities each tested for an entry that matches."""
    groups = _query_groups(term)
    entries = _public_entries(edition_ids)
    if not groups:
        return list(entries.values_list("activity_id", flat=True)), entries.count()
    found = entries.aggregate(
        left_out=ArrayAgg("activity_id", filter=~Q(search_vector=_pg_query(groups)), default=[]),
        entries=Count("pk"),
    )
    return found["left_out"], found["entries"]


def matches_about(term: str, edition_ids, *, edition_id=None) -> int:
    """About how many public activities of these editions `term` finds, to choose how to
    count them: PostgreSQL's planner estimates it from the statistics of the words it keeps
    (a plan, not a count: counting 95,000 matches took as long as grouping them), SQLite
    counts the full-text table's matches (5 ms for 95,000), public or not when more than
    one edition is asked for. The words as typed are looked for, not their compounds: an
    estimate needs no read of the vocabulary."""
    groups = _query_groups(term, related=False)
    if not groups:
        return 0
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            found = _public_entries(edition_ids).filter(search_vector=_pg_query(groups))
            sql, params = found.values("pk").query.sql_with_params()
            cursor.execute(f"EXPLAIN (FORMAT JSON) {sql}", params)
            plan = cursor.fetchone()[0]
            plan = json.loads(plan) if isinstance(plan, str) else plan
            return int(plan[0]["Plan"]["Plan Rows"])
        cursor.execute(
            "SELECT count(*) FROM activity_search WHERE activity_search MATCH %s",
            [_sqlite_match(groups, edition_id)],
        )
        return cursor.fetchone()[0]


class _OnFullText(Expression):
    """SQL on SQLite's full-text table as joined to the activity (agenda.SearchText): its
    `{table}` is the table's hidden column of the same name, under the join's alias, which
    MATCH and bm25 take."""

    def __init__(self, template, params, output_field):
        super().__init__(output_field=output_field)
        self.template, self.params = template, params
        self.row = F("search_text__pk")

    def get_source_expressions(self):
        return [self.row]

    def set_source_expressions(self, exprs):
        (self.row,) = exprs

    def as_sql(self, compiler, connection):
        column, params = compiler.compile(self.row)  # "alias"."rowid"
        table = f"{column.rsplit('.', 1)[0]}.activity_search"
        return self.template.format(table=table), [*params, *self.params]


# Within `words_looked_up_once`, the groups of each (term, related) read so far.
_looked_up: ContextVar[dict | None] = ContextVar("search_words_looked_up", default=None)


@contextmanager
def words_looked_up_once():
    """Within the block (one agenda page), a query's words are looked up in the vocabulary
    and the towns once, however many reads of the page search (its matches, its ranking from
    the entries, what it leaves out)."""
    token = _looked_up.set({})
    try:
        yield
    finally:
        _looked_up.reset(token)


def _query_groups(term: str, related=True) -> list[list[tuple[tuple[str, ...], bool]]]:
    """The query as groups that must all match; a group is alternatives (phrase, is_prefix).

    Stop words are left out unless the query has nothing else. `related=False`: the words
    as typed only, without the compounds and towns that need the database to find."""
    looked_up = _looked_up.get()
    if looked_up is None:
        return _groups(term, related)
    if (term, related) not in looked_up:
        looked_up[term, related] = _groups(term, related)
    return looked_up[term, related]


def _groups(term: str, related: bool) -> list[list[tuple[tuple[str, ...], bool]]]:
    found = words(term)
    kept = [word for word in found if word not in STOP_WORDS] or found
    groups = []
    for position, word in enumerate(kept):
        is_prefix = position == len(kept) - 1 and len(word) >= PREFIX_MIN
        alternatives = [((_stem(word),), is_prefix)]
        if not related:
            groups.append(alternatives)
            continue
        alternatives += [
            ((stem,), False) for stem in _related_stems(word) if stem != alternatives[0][0][0]
        ]
        if len(word) >= TOWN_WORD_MIN:
            alternatives += [
                (tuple(_stem(part) for part in words(town)), False) for town in _similar_towns(word)
            ]
        groups.append(list(dict.fromkeys(alternatives)))
    return groups


def _related_stems(word: str) -> list[str]:
    """Stems of the indexed words that hold `word`, or its singular where the vocabulary
    knows that singular ('robots' → 'robot'): its other forms ('innovaties') and the compounds
    it is part of ('zorginnovatiemarkt'). One query on the vocabulary."""
    forms = [form for form in (word, *singulars(word)) if len(form) >= PART_MIN]
    if not forms:
        return []
    if connection.vendor == "postgresql":
        contains = Q()
        for form in forms:
            contains |= Q(word__contains=form)  # LIKE '%form%': the trigram GIN index
        found = list(SearchWord.objects.filter(contains).values_list("word", "stem"))
    else:
        # Forms are letters and digits only (see `words`), so quoting is safe.
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT word, stem FROM agenda_searchword WHERE rowid IN (SELECT rowid FROM"
                " agenda_searchword_trgm WHERE agenda_searchword_trgm MATCH %s)",
                [" OR ".join(f'"{form}"' for form in forms)],
            )
            found = cursor.fetchall()
    known = {found_word for found_word, _stem_ in found}
    usable = [form for position, form in enumerate(forms) if position == 0 or _is_word(form, known)]
    held = sorted(
        (len(found_word), found_word, stem)
        for found_word, stem in found
        if any(holds(found_word, form) for form in usable)
    )
    return list(dict.fromkeys(stem for _length, _word, stem in held[:PARTS_MAX]))


def _is_word(form: str, known: set[str]) -> bool:
    """A word of its own, or the last part of a compound ('robot' of 'medicijnrobot')."""
    return form in known or any(
        word.endswith(form) and len(word) - len(form) >= LEAD_MIN for word in known
    )


def singulars(word: str) -> list[str]:
    """What a Dutch plural may be the plural of: 'robots' → 'robot', 'sensoren' → 'sensor'."""
    found = []
    if word.endswith("s") and not word.endswith("ss"):
        found.append(word[:-1])
    if word.endswith("en"):
        found.append(word[:-2])
    return found


def holds(compound: str, part: str) -> bool:
    """Whether `part` is a part of `compound`: at its start, or after a word of its own."""
    at = compound.find(part)
    while at >= 0:
        if at == 0 or at >= LEAD_MIN:
            return True
        at = compound.find(part, at + 1)
    return False


def _tsquery(groups) -> str:
    """PostgreSQL to_tsquery syntax; stems are letters and digits only, so quoting is safe."""
    return " & ".join(
        "("
        + " | ".join(
            " <-> ".join(f"'{stem}'" for stem in phrase) + (":*" if prefix else "")
            for phrase, prefix in alternatives
        )
        + ")"
        for alternatives in groups
    )


def _pg_query(groups) -> SearchQuery:
    """The search as PostgreSQL's query of the entries' vectors ('simple': stemmed here)."""
    return SearchQuery(_tsquery(groups), search_type="raw", config="simple")


def _fts_query(groups) -> str:
    """SQLite FTS5 query syntax."""
    return " AND ".join(
        "("
        + " OR ".join(
            '"' + " ".join(phrase) + '"' + ("*" if prefix else "")
            for phrase, prefix in alternatives
        )
        + ")"
        for alternatives in groups
    )


def _sqlite_match(groups, edition_id=None) -> str:
    """The FTS5 query of a search, of the public activities of one edition if given."""
    query = _fts_query(groups)
    return query if edition_id is None else f"({query}) AND scope : e{int(edition_id)}p"


def _similar_towns(word: str) -> list[str]:
    """Town names that `word` may be a typo of ('Enschde' → 'Enschede')."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT DISTINCT town FROM activities_activity WHERE %s <%% town", [word]
            )
            return [town for (town,) in cursor.fetchall()]
    towns = cache.get_or_set(f"search-towns:{public_version()}", _towns, timeout=3600)
    return difflib.get_close_matches(word, towns, n=3, cutoff=0.8)


def _towns() -> list[str]:
    # order_by(): the model's ordering would make DISTINCT run over every activity.
    names = Activity.objects.exclude(town="").order_by().values_list("town", flat=True).distinct()
    return sorted({" ".join(words(name)) for name in names})


# Indexing


def rebuild_search_index() -> int:
    """Index every activity again, in batches (after bulk inserts, which send no signals).

    Every entry is written anew, in edition order (see SearchEntry), with the table's
    secondary indexes (the GIN index of the search among them) dropped first and built once
    at the end: updating them row by row cost three times as much."""
    postgres = connection.vendor == "postgresql"
    table = SearchEntry._meta.db_table if postgres else "activity_search"
    with transaction.atomic(), indexes_built_after(table) if postgres else nullcontext():
        with connection.cursor() as cursor:
            cursor.execute(f"DELETE FROM {table}")
        SearchWord.objects.all().delete()
        vocabulary: set[str] = set()
        ids = list(
            Activity.objects.annotate(
                public=Case(
                    When(status__in=Activity.PUBLIC_STATUSES, then=Value(0)), default=Value(1)
                )
            )
            .order_by("edition_id", "public", "pk")
            .values_list("pk", flat=True)
        )
        # Stemming (Python) of one batch overlaps with writing (the database) of the one
        # before: the driver lets go of the GIL while it waits. Database work stays on this
        # thread, inside the transaction.
        with ThreadPoolExecutor(max_workers=1) as stemmer:
            pending = None
            for start in range(0, len(ids), BATCH):
                batch = stemmer.submit(_stemmed, _texts(ids[start : start + BATCH]), vocabulary)
                if pending is not None:
                    _write(pending.result())
                pending = batch
            if pending is not None:
                _write(pending.result())
        _remember(vocabulary)
    return len(ids)


def reindex_after_commit(ids) -> None:
    """Bring these activities' search entries up to date once the transaction commits. The
    services call it where they decide that words the public searches changed (an approval, an
    edit of a public activity, a partner accepted, an organisation renamed): a draft is not
    searchable, so its saves cost nothing here. Call it before `bump_public_version`, so the
    index is current before the refreshed pages are."""
    ids = list(ids)

    def reindex():
        with transaction.atomic():
            index_activities(ids)

    if ids:
        transaction.on_commit(reindex)


def index_activities(ids) -> None:
    """Bring the search entries of these activities up to date (a missing id is dropped)."""
    ids = list(ids)
    if not ids:
        return
    if connection.vendor != "postgresql":
        placeholders = ", ".join("%s" for _ in ids)
        with connection.cursor() as cursor:
            cursor.execute(f"DELETE FROM activity_search WHERE rowid IN ({placeholders})", ids)
    vocabulary: set[str] = set()
    _write(_stemmed(_texts(ids), vocabulary))
    _remember(vocabulary)


def document(title: str, summary: str, organisers: list[str], town: str, description: str):
    """What the index holds of one activity, as stems: title (A), summary (B), organisers and
    town (C), description (D). Paragraphs are stemmed one by one: they repeat across
    activities, and each is looked up once."""
    return (
        stems(title),
        stems(summary),
        " ".join(stems(name) for name in [*organisers, town] if name),
        " ".join(stems(paragraph) for paragraph in description.split("\n\n")),
    )


# Past this many words PostgreSQL caps positions (256 per word, 16,383 in all) in ways
# `vector_text` does not copy.
VECTOR_MAX_WORDS = 255
# "1A", "2A", … per weight (title A, summary B, organisers and town C, description D), made once.
_POSITIONS = [[f"{number}{weight}" for number in range(VECTOR_MAX_WORDS + 1)] for weight in "ABCD"]


def vector_text(stemmed: tuple[str, str, str, str]) -> str:
    """PostgreSQL's text form of the weighted tsvector `_write` computes in SQL from the same
    stems, for bulk loads that COPY it in with the rows (equal for every seeded activity,
    tested). Each stem is one word of the 'simple' configuration, numbered from 1 across the
    four parts."""
    parts = [part.split() for part in stemmed]
    count = sum(map(len, parts))
    if count > VECTOR_MAX_WORDS:
        raise ValueError(f"{count} words: too long for vector_text; let the database compute it.")
    positions: dict[str, list[str]] = {}
    number = 0
    for part, labels in zip(parts, _POSITIONS, strict=True):
        for stem in part:
            number += 1
            positions.setdefault(stem, []).append(labels[number])
    return " ".join([f"{stem}:{','.join(places)}" for stem, places in positions.items()])


def insert_documents(activities: list, documents: list[tuple]) -> None:
    """Make new activities (saved, each with its `document`) searchable. On PostgreSQL their
    entries are written as rows (COPY, the vector in its text form), public ones of an
    edition together; SQLite adds them to its FTS5 table."""
    if connection.vendor != "postgresql":
        _write([(a.pk, *document) for a, document in zip(activities, documents, strict=True)])
        return
    public = set(Activity.PUBLIC_STATUSES)
    rows = sorted(
        (
            (
                a.edition_id,
                a.status not in public,
                a.pk,
                a.status,
                a.title.lower(),  # as lower() in PostgreSQL (every seeded title, tested)
                a.starts_at,
                vector_text(document),
            )
            for a, document in zip(activities, documents, strict=True)
        ),
        key=lambda row: row[:3],
    )
    insert_tuples(
        SearchEntry._meta.db_table,
        ["edition_id", "activity_id", "status", "folded_title", "starts_at", "search_vector"],
        (
            (edition, pk, status, title, starts_at, vector)
            for edition, _late, pk, status, title, starts_at, vector in rows
        ),
    )


def _write(documents: list[tuple]) -> None:
    """Write the entries of these (id, *document) anew; ids of activities that are gone are
    dropped."""
    if not documents:
        return
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "INSERT INTO agenda_search_entry"
                " (activity_id, edition_id, status, folded_title, starts_at, search_vector)"
                " SELECT a.id, a.edition_id, a.status, lower(a.title), a.starts_at,"
                " setweight(to_tsvector('simple', d.title), 'A')"
                " || setweight(to_tsvector('simple', d.summary), 'B')"
                " || setweight(to_tsvector('simple', d.places), 'C')"
                " || setweight(to_tsvector('simple', d.description), 'D')"
                " FROM unnest(%s::bigint[], %s::text[], %s::text[], %s::text[], %s::text[])"
                " AS d(id, title, summary, places, description)"
                " JOIN activities_activity AS a ON a.id = d.id"
                " ON CONFLICT (activity_id) DO UPDATE SET edition_id = EXCLUDED.edition_id,"
                " status = EXCLUDED.status, folded_title = EXCLUDED.folded_title,"
                " starts_at = EXCLUDED.starts_at,"
                " search_vector = EXCLUDED.search_vector",
                [list(column) for column in zip(*documents, strict=True)],
            )
        else:
            # The scopes read first, in one query a batch: an INSERT … SELECT per row into the
            # full-text table cost six times as much as plain rows.
            scopes = {}
            for start in range(0, len(documents), BATCH // 5):
                ids = [pk for pk, *_document in documents[start : start + BATCH // 5]]
                cursor.execute(
                    f"SELECT a.id, {SQLITE_SCOPE} FROM activities_activity AS a"
                    f" WHERE a.id IN ({', '.join('%s' for _ in ids)})",
                    ids,
                )
                scopes.update(cursor.fetchall())
            cursor.executemany(
                "INSERT INTO activity_search (rowid, title, summary, places, description, scope)"
                " VALUES (%s, %s, %s, %s, %s, %s)",
                [(pk, *document, scopes[pk]) for pk, *document in documents if pk in scopes],
            )


def _texts(ids) -> list[tuple]:
    """(id, title, summary, organisers, town, description) as written, per activity."""
    partners = defaultdict(list)
    for activity_id, name in (
        Partner.objects.filter(
            activity_id__in=ids, status=Partner.Status.ACCEPTED, organisation__isnull=False
        )
        .order_by("pk")
        .values_list("activity_id", "organisation__name")
    ):  # in the order invited
        partners[activity_id].append(name)
    return [
        (pk, title, summary, [lead, *partners[pk]], town, description)
        for pk, title, summary, description, town, lead in Activity.objects.filter(
            pk__in=ids
        ).values_list("pk", "title", "summary", "description", "town", "lead_organisation__name")
    ]


def _stemmed(texts: list[tuple], vocabulary: set[str]) -> list[tuple]:
    """The same rows as stems, their words added to `vocabulary`: pure Python, so a rebuild
    runs it beside the database work."""
    vocabulary |= vocabulary_words(
        text
        for _pk, title, summary, organisers, town, description in texts
        for text in (title, summary, *organisers, town, description)
    )
    return [(pk, *document(*parts)) for pk, *parts in texts]


def vocabulary_words(texts) -> set[str]:
    """The words of these texts that the vocabulary keeps (each text read once: paragraphs
    and names repeat)."""
    return {
        word
        for text in set(texts)
        if text
        for word in words(text)
        if PART_MIN <= len(word) <= VOCABULARY_WORD_MAX and word.isalpha()
    }


def remember_words(texts) -> None:
    """Add the words of these texts to the vocabulary (a bulk load calls it with the texts
    of the activities it inserts)."""
    _remember(vocabulary_words(texts))


def _remember(vocabulary: set[str]) -> None:
    SearchWord.objects.bulk_create(
        [SearchWord(word=word, stem=_stem(word)) for word in sorted(vocabulary)],
        ignore_conflicts=True,
        batch_size=2000,
    )
