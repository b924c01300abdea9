"""Ask the graph: SPARQL over a store, saved questions, answers as rows.

```python
from kg.query import query, run_saved
from kg.store import open_store

with open_store("graphs/news") as store:
    result = query(store, "SELECT ?who ?whom WHERE { ?who geo:supports ?whom }")
    result.columns, result.rows          # ['who', 'whom'], [('https://…/Algeria', 'https://…/Mohamed_Bazoum')]
    run_saved(store, "supporters", actor="Niger").to_dicts()   # names, not IRIs
    pandas.DataFrame(result.to_dicts())
```

The module itself is callable too: `kg.query(store, sparql, **bindings)` is `kg.query.run`.
"""

from __future__ import annotations

import sys
import types
from typing import Any

from kg.query.errors import QueryError, QueryErrors, QueryTimeout
from kg.query.names import NameIndex, resolve_relation
from kg.query.result import QueryResult, python_value
from kg.query.run import execute, query, run, run_question, run_saved
from kg.query.saved import Param, SavedQuestion, get_question, parse_question, saved_questions

__all__ = ["NameIndex", "Param", "QueryError", "QueryErrors", "QueryResult", "QueryTimeout", "SavedQuestion",
           "execute", "get_question", "parse_question", "python_value", "query", "resolve_relation", "run",
           "run_question", "run_saved", "saved_questions"]


class _CallableModule(types.ModuleType):
    """Lets `kg.query(store, sparql)` work whether `kg.query` is this module or the function."""

    def __call__(self, store: Any, sparql: str, /, **bindings: Any) -> QueryResult:
        return run(store, sparql, **bindings)


sys.modules[__name__].__class__ = _CallableModule
