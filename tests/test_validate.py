"""Every kind of bad case gets one line naming the file and the subject, exit 1, no traceback."""

import pytest

from lexpath.load import load_case
from lexpath.validate import validate_case

from conftest import lexpath, one_line_error, write

BAD = [
    # name, edit (old -> new), words the message must hold
    ("breaks-shapes", ("lex:locator :p-F13 ;\n    lex:tag lex:reported .", 'lex:locator "F13" ;\n    lex:tag lex:reported .'), ["f-famous", "lex:locator", "passage"]),
    ("no-passage", ("    lex:locator :p-F13 ;\n    lex:tag lex:reported .", "    lex:tag lex:reported ."), ["f-famous", "cites no passage"]),
    ("passage-without-quote", ("        oa:exact \"奥特曼,作为", "        oa:prefix \"奥特曼,作为"), ["oa:exact"]),
    ("stipulated-in-a-judgment", ("    lex:locator :p-F13 ;\n    lex:tag lex:reported .", "    lex:tag lex:stipulated ."), ["f-famous", "only a teaching variant"]),
    ("unknown-proposition", ("lex:states p:WorkFamous ;", "lex:states p:WorkIsVeryFamous ;"), ["f-famous", "WorkIsVeryFamous", "does not declare"]),
    ("two-values", (":f-famous\n    a lex:Fact ;", ":f-famous2 a lex:Fact ; lex:states p:WorkFamous ; lex:about :ultraman ; lex:value lex:refuted ; lex:locator :p-F13 ; lex:tag lex:inferred .\n:f-famous\n    a lex:Fact ;"), ["two values", "WorkFamous"]),
    ("holding-unknown-actor", ("lex:on cn:ContributoryInfringement ;\n    lex:about ( :platform :trainers )", "lex:on cn:ContributoryInfringement ;\n    lex:about ( :platform :painters )"), ["h-platform-contributory", "painters", "does not declare"]),
    ("holding-unknown-rule", ("lex:on cn:SafeHarbour ;", "lex:on cn:SafeHarbor ;"), ["h-platform-no-harbour", "SafeHarbor", "no conclusion"]),
    ("holding-on-unrelated-actors", ('"users who trained and published Ultraman LoRAs"@en ;\n    lex:usesServiceOf :platform .', '"users who trained and published Ultraman LoRAs"@en .'), ["h-platform-contributory", "does not relate"]),
    ("fact-wrong-role", ("lex:states p:WorkFamous ;\n    lex:about :ultraman ;", "lex:states p:WorkFamous ;\n    lex:about :platform ;"), ["f-famous", "not a work"]),
]


@pytest.mark.parametrize("name, edit, words", BAD, ids=[b[0] for b in BAD])
def test_bad_case(tmp_path, hangzhou_text, name, edit, words):
    assert edit[0] in hangzhou_text
    path = write(tmp_path, f"{name}.ttl", hangzhou_text.replace(edit[0], edit[1], 1))
    problems = validate_case(str(path))
    assert problems and all(str(path) in str(p) for p in problems)
    r = lexpath("explain", str(path))
    one_line_error(r, str(path), *words)
    r = lexpath("validate", str(path))
    assert r.returncode == 1 and "Traceback" not in r.stderr and all(w in r.stderr for w in words)


def test_bundled_cases_are_valid():
    r = lexpath("validate", "hangzhou-ultraman-lora", "variant-obscure-work")
    assert r.returncode == 0 and r.stdout.count("valid") == 2


def test_a_valid_case_with_a_changed_fact_changes_its_conclusions(tmp_path, hangzhou_text):
    text = hangzhou_text.replace(
        "lex:states p:MeasuresWithinADayOfFeaturingOrReport ;\n    lex:about :platform ;\n    lex:value lex:refuted ;",
        "lex:states p:MeasuresWithinADayOfFeaturingOrReport ;\n    lex:about :platform ;\n    lex:value lex:established ;",
    )
    assert text != hangzhou_text
    case, _ = load_case(str(write(tmp_path, "took-measures.ttl", text)))
    r = lexpath("explain", str(tmp_path / "took-measures.ttl"), "--format", "json")
    import json

    rep = json.loads(r.stdout)
    by_id = {c["id"]: c for c in rep["conclusions"]}
    assert by_id["ContributoryInfringement(platform,trainers)"]["value"] == "refuted"
    assert by_id["ContributoryInfringement(platform,trainers)"]["agrees"] is False
    assert rep["agreement"]["disagree"] > 0
