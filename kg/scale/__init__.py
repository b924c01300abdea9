"""Scaling a build: streaming input, worker processes, a Dask cluster, progress (issue 8).

```python
from kg.scale import Settings, extract_all
for item in extract_all(documents, Settings(model=None, base=base, provenance=None), jobs=4):
    ...                                   # kg.graph.store.Contribution, in input order
```
See docs/scale.md.
"""

from kg.scale.errors import ScaleError, ScaleErrors
from kg.scale.run import extract_all, workers_for
from kg.scale.worker import Settings

__all__ = ["ScaleError", "ScaleErrors", "Settings", "extract_all", "workers_for"]
