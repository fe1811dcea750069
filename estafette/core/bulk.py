"""Writing many rows at once (the bulk services, seed_demo, the search index rebuild), fast on
both databases.

`insert_rows` writes rows given as dicts of column values (`insert_objects` unsaved model
instances), without signals or a query per row: with COPY on PostgreSQL and executemany on
SQLite. `indexes_built_after` takes
a table's secondary indexes (and on PostgreSQL its foreign keys) away while the rows come in
and builds and checks them once at the end: keeping them up to date row by row cost more than
writing the rows.
"""

from contextlib import contextmanager

from django.core.management.color import no_style
from django.db import connection, models
from django.db.models import Max

BATCH = 5000
# Values of these fields go to the driver as they are; others are adapted by their field.
PLAIN_FIELDS = (models.CharField, models.TextField, models.IntegerField, models.BooleanField,
                models.FloatField, models.ForeignKey)  # fmt: skip


def new_ids(model, count: int) -> list[int]:
    """Ids for `count` new rows of `model`, taken before the rows are written, so that links
    to them can be made first. PostgreSQL hands them out from the table's sequence, so two
    writers at the same time never get the same ones; SQLite's writers take turns (IMMEDIATE
    transactions), and `insert_rows` moves its sequence on past them."""
    if count <= 0:
        return []
    meta = model._meta
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
                [meta.db_table, meta.pk.column, count],
            )
            return sorted(row[0] for row in cursor.fetchall())
    first = (model.objects.aggregate(highest=Max("pk"))["highest"] or 0) + 1
    return list(range(first, first + count))


def assign_ids(model, rows: list[dict]) -> None:
    """Give the rows (dicts) the ids they will get (see `new_ids`)."""
    for row, pk in zip(rows, new_ids(model, len(rows)), strict=True):
        row["id"] = pk


def insert_objects(model, objects: list) -> None:
    """Write unsaved instances of `model` that have their ids (`new_ids`), as `insert_rows`
    does. A field that fills itself in on save (`auto_now_add`) does so here too."""
    fields = model._meta.concrete_fields
    stamped = [field for field in fields if getattr(field, "auto_now", False)
               or getattr(field, "auto_now_add", False)]  # fmt: skip
    rows = []
    for item in objects:
        row = {field.attname: getattr(item, field.attname) for field in fields}
        for field in stamped:
            row[field.attname] = field.pre_save(item, True)
        rows.append(row)
    insert_rows(model, rows)


def insert_rows(model, rows: list[dict]) -> None:
    """Write rows (dicts keyed by attname, every concrete field present, ids from `new_ids`) of
    `model`."""
    fields = model._meta.concrete_fields
    ops = connection.ops
    adapt = {models.DateTimeField: ops.adapt_datetimefield_value,
             models.DateField: ops.adapt_datefield_value}  # fmt: skip
    columns = []
    for field in fields:
        if isinstance(field, PLAIN_FIELDS):
            columns.append((field.attname, None))
        else:
            prepare = adapt.get(type(field)) or (
                lambda value, field=field: field.get_db_prep_save(value, connection)
            )
            columns.append((field.attname, prepare))

    def values(row):
        return tuple(
            row[name] if prepare is None else prepare(row[name]) for name, prepare in columns
        )

    names = [field.column for field in fields]
    insert_tuples(model._meta.db_table, names, map(values, rows))
    if connection.vendor != "postgresql":  # PostgreSQL's sequence handed out the ids already
        with connection.cursor() as cursor:
            for statement in ops.sequence_reset_sql(no_style(), [model]):
                cursor.execute(statement)


def insert_tuples(table: str, columns: list[str], rows) -> None:
    """Rows as tuples in the order of `columns`: COPY on PostgreSQL, else executemany."""
    quote = connection.ops.quote_name
    column_list = ", ".join(quote(column) for column in columns)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(f"COPY {quote(table)} ({column_list}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
            return
        sql = (
            f"INSERT INTO {quote(table)} ({column_list})"
            f" VALUES ({', '.join(['%s'] * len(columns))})"
        )
        batch = []
        for row in rows:
            batch.append(row)
            if len(batch) == BATCH:
                cursor.executemany(sql, batch)
                batch = []
        if batch:
            cursor.executemany(sql, batch)


@contextmanager
def indexes_built_after(*tables: str):
    """Drop the secondary indexes of `tables` (and on PostgreSQL their foreign keys) for the
    length of the block, then build the indexes and check and restore the foreign keys once.
    Indexes that back a constraint (primary key, unique) stay. Run it inside a transaction:
    if the block fails, everything is rolled back, the dropped indexes included."""
    postgres = connection.vendor == "postgresql"
    with connection.cursor() as cursor:
        if postgres:
            # DDL refuses to run while deferred foreign-key checks are pending.
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            cursor.execute(
                "SELECT conrelid::regclass::text, conname, pg_get_constraintdef(oid)"
                " FROM pg_constraint WHERE contype = 'f' AND conrelid::regclass::text = ANY(%s)",
                [list(tables)],
            )
            foreign_keys = cursor.fetchall()
            cursor.execute(
                "SELECT indexname, indexdef FROM pg_indexes WHERE tablename = ANY(%s)"
                " AND indexname NOT IN (SELECT conname FROM pg_constraint"
                " WHERE conrelid::regclass::text = ANY(%s))",
                [list(tables), list(tables)],
            )
            indexes = cursor.fetchall()
            for table, name, _definition in foreign_keys:
                cursor.execute(f'ALTER TABLE "{table}" DROP CONSTRAINT "{name}"')
        else:
            foreign_keys = []
            placeholders = ", ".join("%s" for _ in tables)
            cursor.execute(
                "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL"
                f" AND tbl_name IN ({placeholders})",
                list(tables),
            )
            indexes = cursor.fetchall()
        for name, _definition in indexes:
            cursor.execute(f'DROP INDEX "{name}"')
    yield
    with connection.cursor() as cursor:
        for _name, definition in indexes:
            cursor.execute(definition)
        for table, name, definition in foreign_keys:
            cursor.execute(f'ALTER TABLE "{table}" ADD CONSTRAINT "{name}" {definition}')
        if postgres:
            cursor.execute("SET CONSTRAINTS ALL DEFERRED")
            for table in tables:
                cursor.execute(f'ANALYZE "{table}"')  # fresh statistics for the planner
