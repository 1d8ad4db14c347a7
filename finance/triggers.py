"""Append-only tables on SQLite (PostgreSQL gets the same through django-pgtrigger).

SQLite has no way to switch a trigger off, so tests that flush the database with DELETE
(transactional tests) drop these first and `ensure()` puts them back (tests/conftest.py).
"""

PROTECTED = {
    "finance_jurnal": "jurnal",
    "finance_tutupbuku": "tutup buku",
    "finance_mutasistok": "mutasi stok",
    "finance_rondajimpitan": "ronda jimpitan",
}


def statements() -> list[str]:
    sql = []
    for table, label in PROTECTED.items():
        for op in ("UPDATE", "DELETE"):
            sql.append(
                f"CREATE TRIGGER IF NOT EXISTS {table}_tolak_{op.lower()} BEFORE {op} ON {table} "
                f"BEGIN SELECT RAISE(ABORT, 'Entri {label} yang sudah dicatat tidak boleh "
                f"diubah atau dihapus; gunakan pembatalan.'); END;"
            )
    return sql


def drop_statements() -> list[str]:
    return [
        f"DROP TRIGGER IF EXISTS {table}_tolak_{op}"
        for table in PROTECTED
        for op in ("update", "delete")
    ]


def ensure(connection) -> None:
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            for sql in statements():
                cursor.execute(sql)


def drop(connection) -> None:
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            for sql in drop_statements():
                cursor.execute(sql)
