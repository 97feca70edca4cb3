"""The distributed recipe (examples/logs/dask_parquet.py) runs Dask for real, on its local scheduler."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import dask
import pyarrow.dataset as ds
import pyarrow.parquet as pq

from smsc_formats import logs
from tests.paths import EXAMPLES, ROOT

sys.path.insert(0, str(ROOT))
from benchmarks.generate import replies

spec = importlib.util.spec_from_file_location("dask_parquet", EXAMPLES / "logs" / "dask_parquet.py")
assert spec is not None
assert spec.loader is not None
recipe = importlib.util.module_from_spec(spec)
spec.loader.exec_module(recipe)


def test_the_recipe_writes_the_rows_decode_log_gives_with_the_log_s_line_numbers(tmp_path: Path) -> None:
    log = tmp_path / "log.jsonl"
    log.write_text("".join(reply.json_line() for reply in replies(300, seed=3)) + "not json\n", encoding="utf-8")
    out = tmp_path / "dataset"
    with dask.config.set(scheduler="processes", num_workers=2):
        rows = recipe.decode_to_parquet(str(log), str(out), blocksize=8192)
    parts = sorted(out.glob("part-*.parquet"))
    assert len(parts) > 3
    got = ds.dataset(parts, format="parquet").to_table()
    expected_path = tmp_path / "expected.parquet"
    expected_rows = logs.write_parquet(logs.decode_log(log, **recipe.FIELDS), expected_path)
    assert rows == expected_rows == got.num_rows
    assert got.equals(pq.read_table(expected_path))
    assert got.column("line").to_pylist()[-1] == 301
    assert got.column("outcome").to_pylist()[-1] == "malformed"
