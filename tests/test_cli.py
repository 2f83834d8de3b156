"""The command line as a user runs it: output, exit codes, and the law kept out of the code."""

import json
import re
import subprocess
import sys
from pathlib import Path

import lexpath as package

from conftest import lexpath, one_line_error


def test_explain_shows_every_actor_and_full_agreement(tmp_path):
    r = lexpath("explain", "hangzhou-ultraman-lora", cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    for actor in ("[platform]", "[trainers]", "[oss-providers]", "[rights-holder]", "[generators]"):
        assert actor in r.stdout
    assert "15 agree, 0 disagree" in r.stdout
    assert "DISAGREES" not in r.stdout
    assert "[f-homepage · F4; W3 · reported]" in r.stdout
    passages = r.stdout.split("\nPassages the facts rest on:\n")[1]
    assert "    F4: “该平台首页及“推荐”“IP作品”项下" in passages and "https://ciplawyer.cn/articles/155988.html" in passages


def test_explain_in_chinese_and_markdown():
    r = lexpath("explain", "hangzhou-ultraman-lora", "--lang", "zh", "--format", "md", "--actor", "platform")
    assert r.returncode == 0
    assert r.stdout.startswith("# 奥特曼LoRA模型著作权侵权及不正当竞争纠纷案")
    assert "帮助侵权" in r.stdout and "应当知道" in r.stdout and "一致" in r.stdout


def test_actor_filter_keeps_only_that_actor():
    rep = json.loads(lexpath("explain", "hangzhou-ultraman-lora", "--actor", "trainers", "--format", "json").stdout)
    assert rep["conclusions"] and all("trainers" in c["actors"] for c in rep["conclusions"])
    assert rep["agreement"]["agree"] == 4 and rep["agreement"]["disagree"] == 0  # the holdings on the trainers only


def test_unknown_actor_suggests_the_nearest():
    one_line_error(lexpath("explain", "hangzhou-ultraman-lora", "--actor", "platfrom"), "platfrom", "did you mean platform")


def test_usage_errors_exit_2():
    assert lexpath("explain").returncode == 2
    assert lexpath("explain", "hangzhou-ultraman-lora", "--format", "pdf").returncode == 2
    assert lexpath("frobnicate").returncode == 2


def test_cases_and_help():
    r = lexpath("cases")
    heads = [line for line in r.stdout.splitlines() if line and not line.startswith(" ")]
    assert r.returncode == 0 and sum("[variant of " in line for line in heads) == 4
    assert "hangzhou-ultraman-lora  [judgment]  Hangzhou Internet Court · (2024)浙0192民初1587号 · 2024-09-25" in heads
    assert lexpath("--help").returncode == 0
    assert "cn" in lexpath("doctrines").stdout


def test_a_closed_pipe_ends_quietly():
    cmd = f"{sys.executable} -m lexpath explain hangzhou-ultraman-lora | head -n 1"
    r = subprocess.run(cmd, shell=True, capture_output=True, encoding="utf-8")
    assert r.stdout.count("\n") == 1 and "Traceback" not in r.stderr


def test_the_python_code_knows_no_law():
    """Every doctrine term, article and case name lives in ontology/ and cases/, never in the engine."""
    from lexpath.load import bundled_doctrines

    words = {"ultraman", "奥特曼", "hangzhou", "杭州"}
    for doctrine in bundled_doctrines().values():
        words |= {st.id for st in doctrine.statements.values()}
    source = "\n".join(p.read_text(encoding="utf-8") for p in Path(package.__file__).parent.glob("*.py"))
    found = sorted(w for w in words if re.search(rf"\b{re.escape(w)}\b", source, re.IGNORECASE))
    assert found == []
    assert not re.search(r"art(icle)?\.? ?\d{2,4}|第[0-9一二三四五六七八九十百]+条", source)
