"""One page of the timeline, through ``safecase.store.queries``' filters and row shape.

``queries.iter_events`` filters a person through the identities join, which makes SQLite
sort all of that person's events before returning the first page (seconds with half a
million). When the person has exactly one identity (the common case), the same filter is
also written as ``e.party_id = ?``, which lets SQLite walk the ``events_live_party`` index
in time order and stop after one page; a date range likewise adds the condition that lets
it use the range on that index. The WHERE clause, the ORDER BY and the row shape
are ``queries``' own, so a page here holds exactly the events ``iter_events`` would give.
"""

from __future__ import annotations

from typing import Any

from safecase.store import queries


def events_page(case: Any, *, newest_first: bool, limit: int, offset: int,
                **filters: Any) -> list[dict[str, Any]]:
    where, args = queries.build_where(case, **filters)
    persons = filters.get("person") or []
    if len(persons) == 1:
        idents = case.db.execute("SELECT id FROM identities WHERE person_id = ? LIMIT 2",
                                 (persons[0],)).fetchall()
        if len(idents) == 1:
            where += " AND e.party_id = ?"
            args = [*args, idents[0][0]]
    d = "DESC" if newest_first else "ASC"
    order = f"e.ts_ms IS NULL, e.ts_ms {d}, e.id {d}"
    if filters.get("since") or filters.get("until"):
        # A date range leaves out timeless events, so "timeless last" orders nothing:
        # saying so (and dropping that term) lets SQLite walk the range on the
        # events_live_* index in order and stop after one page instead of sorting it.
        where += " AND (e.ts_ms IS NULL) = 0"
        order = f"e.ts_ms {d}, e.id {d}"
    sql = (f"SELECT {queries.COLUMNS} {queries.FROM} WHERE {where} "
           f"ORDER BY {order} LIMIT ? OFFSET ?")
    rows = case.db.execute(sql, [*args, limit, offset]).fetchall()
    return list(queries._decorate(case, rows)) if rows else []
