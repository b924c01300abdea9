"""`kg query` as a user runs it: text, files, saved questions, formats and one-line errors."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
import time

import pytest
import test_query_world
from rdflib import Graph

from kg.cli import cli
from kg.cli._util import run_cli

world_path = test_query_world.world_path  # the shared fixtures

SUPPORTS = "SELECT ?who ?whom WHERE { ?who geo:supports ?whom } ORDER BY ?who ?whom"


def _run(capsys, *args: str) -> tuple[int, str, str]:
    code = run_cli(cli, list(args))
    out = capsys.readouterr()
    return code, out.out, out.err


def test_cli_query_text_prints_csv_when_piped(capsys, world_path):
    code, out, err = _run(capsys, "query", SUPPORTS, "--store", str(world_path))
    assert code == 0, err
    rows = list(csv.reader(io.StringIO(out)))
    assert rows[0] == ["who", "whom"]
    assert ["https://geokg.org/id/Algeria", "https://geokg.org/id/Mohamed_Bazoum"] in rows


def test_cli_query_table_json_tsv_xml(capsys, world_path):
    code, out, _ = _run(capsys, "query", SUPPORTS, "--store", str(world_path), "--format", "table")
    assert code == 0 and out.splitlines()[0].split() == ["who", "whom"] and "id:Algeria" in out and "─" in out
    code, out, _ = _run(capsys, "query", SUPPORTS, "--store", str(world_path), "--format", "json")
    data = json.loads(out)
    assert data["head"]["vars"] == ["who", "whom"] and data["results"]["bindings"][0]["who"]["type"] == "uri"
    code, out, _ = _run(capsys, "query", SUPPORTS, "--store", str(world_path), "--format", "tsv")
    assert out.splitlines()[0] == "?who\t?whom" and "<https://geokg.org/id/Russia>\t<https://geokg.org/id/Mali>" in out
    code, out, _ = _run(capsys, "query", SUPPORTS, "--store", str(world_path), "--format", "xml")
    assert out.startswith("<?xml") and "<uri>https://geokg.org/id/Russia</uri>" in out


def test_cli_query_ask_prints_true_or_false(capsys, world_path):
    assert _run(capsys, "query", "ASK { ?s geo:attacks ?o }", "--store", str(world_path))[1] == "true\n"
    assert _run(capsys, "query", "ASK { ?s geo:sanctions ?o }", "--store", str(world_path))[1] == "false\n"
    out = _run(capsys, "query", "ASK { ?s geo:attacks ?o }", "--store", str(world_path), "--format", "json")[1]
    assert json.loads(out) == {"head": {}, "boolean": True}


def test_cli_query_construct_and_describe_print_turtle(capsys, world_path):
    code, out, _ = _run(capsys, "query", "CONSTRUCT WHERE { ?s geo:criticizes ?o }", "--store", str(world_path))
    assert code == 0 and "@prefix id: <https://geokg.org/id/>" in out and "geo:criticizes" in out
    assert len(Graph().parse(data=out, format="turtle")) == 2
    code, out, _ = _run(capsys, "query", "DESCRIBE id:Niger", "--store", str(world_path))
    assert code == 0 and "rdfs:label" in out
    code, out, _ = _run(capsys, "query", "CONSTRUCT WHERE { ?s geo:criticizes ?o }", "--store", str(world_path),
                        "--format", "json")
    assert isinstance(json.loads(out), (list, dict))
    code, _, err = _run(capsys, "query", "CONSTRUCT WHERE { ?s geo:criticizes ?o }", "--store", str(world_path),
                        "--format", "csv")
    assert code == 1 and "E163 --format csv does not fit a CONSTRUCT/DESCRIBE query" in err


def test_cli_query_saved_question_with_params(capsys, world_path):
    code, out, err = _run(capsys, "query", "--name", "supporters", "--param", "actor=Niger", "--store", str(world_path))
    assert code == 0, err
    rows = list(csv.DictReader(io.StringIO(out)))
    assert [(r["supporter"], r["evidence"]) for r in rows] == [("Côte d'Ivoire", "1")]
    code, out, err = _run(capsys, "query", "-n", "paths", "-p", "from=Russian Federation", "-p", "to=Côte d'Ivoire",
                          "--store", str(world_path), "--format", "table")
    assert code == 0, err
    assert "Russia —supports→ Mali ←borders— Niger ←supports— Côte d'Ivoire" in out


def test_cli_query_file_with_declared_params(capsys, world_path, tmp_path):
    question = tmp_path / "critics-of.rq"
    question.write_text("# title: Critics\n# param: target entity required -- who is criticised\n"
                        "SELECT ?target ?critic WHERE { ?critic geo:criticizes ?target } ORDER BY ?critic\n",
                        encoding="utf-8")
    code, out, err = _run(capsys, "query", "-f", str(question), "--param", "target=france", "--store", str(world_path))
    assert code == 0, err
    assert out.splitlines() == ["critic", "https://geokg.org/id/Mali", "https://geokg.org/id/Russia"]
    plain = tmp_path / "plain.rq"
    plain.write_text("SELECT ?who WHERE { ?who geo:supports ?whom }", encoding="utf-8")
    code, out, err = _run(capsys, "query", "-f", str(plain), "-p", "whom=id:Niger", "--store", str(world_path))
    assert code == 0 and out.splitlines() == ["who", "https://geokg.org/id/C%C3%B4te_d%27Ivoire"]


def test_cli_query_list_and_show(capsys):
    code, out, _ = _run(capsys, "query", "--list")
    assert code == 0
    for name in ("relations", "supporters", "critics", "attackers", "timeline", "neighbours", "leaders", "paths",
                 "evidence", "about"):
        assert f"\n{name} " in "\n" + out
    assert "--param actor=NAME (required)" in out and "--param since=DATE (optional)" in out
    listed = json.loads(_run(capsys, "query", "--list", "--format", "json")[1])
    assert {q["name"] for q in listed} >= {"paths", "evidence"}
    assert [p["name"] for p in next(q for q in listed if q["name"] == "evidence")["params"]] == [
        "subject", "relation", "object"]
    code, out, _ = _run(capsys, "query", "--name", "paths", "--show")
    assert code == 0 and out.startswith("# title: Paths between two actors") and "SELECT" in out


@pytest.mark.parametrize("args, expected", [
    (["SELEC ?x WHERE { ?x ?p ?o }"], "E150 invalid SPARQL in the query given on the command line: column"),
    (["INSERT DATA { <a:b> <a:c> <a:d> }"], "E159 The query given on the command line is a SPARQL Update (INSERT)"),
    (["--name", "relations"], "E152 saved question 'relations' needs --param actor=VALUE"),
    (["--name", "relations", "--param", "actor=Atlantis"], "E155 no entity named 'Atlantis'"),
    (["--name", "relations", "--param", "actor=Mohamed"], "E156 'Mohamed' names 2 entities"),
    (["--name", "relations", "--param", "actor"], "E154 --param 'actor' is not KEY=VALUE"),
    (["--name", "nope"], "E151 unknown saved question 'nope'"),
    (["ASK {}", "--name", "paths"], "E165 give one query only"),
    (["-f", "/nonexistent/q.rq"], "E158 cannot read the query file /nonexistent/q.rq"),
])
def test_cli_query_errors_are_one_line(capsys, world_path, args, expected):
    code, out, err = _run(capsys, "query", *args, "--store", str(world_path))
    assert code == 1 and out == ""
    assert err.startswith("error: " + expected), err
    assert err.count("\n") == 1 and "Traceback" not in err


def test_cli_query_bad_file_names_the_file(capsys, world_path, tmp_path):
    bad = tmp_path / "bad.rq"
    bad.write_text("SELECT ?x WHERE {\n  ?x geo:supports\n}\n", encoding="utf-8")
    code, _, err = _run(capsys, "query", "-f", str(bad), "--store", str(world_path))
    assert code == 1 and err.startswith(f"error: E150 invalid SPARQL in {bad}: line 3, column 1: expected")


def test_cli_query_missing_store_is_one_line(capsys, tmp_path):
    code, _, err = _run(capsys, "query", "ASK {}", "--store", str(tmp_path / "none"))
    assert code == 1 and "E113" in err and err.count("\n") == 1


def _kg(*args: str, stdin: str | None = None, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "kg", *args], input=stdin, capture_output=True, text=True,
                          timeout=timeout)


@pytest.mark.slow
def test_cli_query_reads_standard_input_and_stops_at_timeout(world_path):
    done = _kg("query", "--store", str(world_path), stdin="ASK { ?s geo:borders ?o }")
    assert done.returncode == 0 and done.stdout == "true\n", done.stderr
    done = _kg("query", "-f", "-", "--store", str(world_path), stdin="SELECT ?s WHERE { ?s geo:borders ?o } LIMIT 1")
    assert done.returncode == 0 and done.stdout.startswith("s\n")
    done = _kg("query", "--store", str(world_path), stdin="")
    assert done.returncode == 1 and "E164 no query given" in done.stderr
    started = time.monotonic()
    done = _kg("query", "--store", str(world_path), "--timeout", "1",
               "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }")
    assert done.returncode == 1 and "E161 the query ran longer than the limit of 1 s" in done.stderr
    assert "Traceback" not in done.stderr and time.monotonic() - started < 30
