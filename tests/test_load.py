"""Unreadable input: one line naming the file and the problem, exit 1, no traceback."""

from lexpath.load import bundled_cases, bundled_doctrines, data_dir

from conftest import lexpath, one_line_error, write


def test_bundled_data_is_found():
    assert "hangzhou-ultraman-lora" in bundled_cases()
    assert "cn" in bundled_doctrines()


def test_malformed_turtle_names_file_and_line(tmp_path, hangzhou_text):
    path = write(tmp_path, "broken.ttl", hangzhou_text.replace("lex:tag lex:reported .", "lex:tag lex:reported", 1))
    one_line_error(lexpath("explain", str(path)), str(path), "line", "not valid Turtle")


def test_not_utf8(tmp_path, hangzhou_text):
    path = tmp_path / "latin1.ttl"
    path.write_bytes(hangzhou_text.encode("utf-8") + "# café".encode("latin-1"))
    one_line_error(lexpath("explain", str(path)), str(path), "not UTF-8")


def test_missing_path(tmp_path):
    one_line_error(lexpath("explain", str(tmp_path / "nope.ttl")), "nope.ttl", "no such file")


def test_directory(tmp_path):
    one_line_error(lexpath("explain", str(tmp_path) + "/"), "is a directory")


def test_unknown_case_id_lists_the_known_ones():
    one_line_error(lexpath("explain", "no-such-case"), "no-such-case", "hangzhou-ultraman-lora")


def test_unknown_doctrine_id_lists_the_known_ones():
    one_line_error(lexpath("explain", "hangzhou-ultraman-lora", "--doctrine", "mars"), "mars", "known: cn, us")


def test_a_cached_doctrine_read_from_a_moved_install_names_the_files_it_has_now(tmp_path):
    """The cache is keyed by contents: a hit from a deleted install (a venv gone) must not keep its paths."""
    old, new = tmp_path / "old", tmp_path / "new"
    old.mkdir()
    source = data_dir("ontology") / "doctrine.ttl"
    (old / "d.ttl").write_bytes(source.read_bytes() + b"\n# a copy of its own\n")  # not the bundled bytes
    assert lexpath("export", "hangzhou-ultraman-lora", "--doctrine", str(old / "d.ttl"), "-o", str(tmp_path / "a.ttl")).returncode == 0
    old.rename(new)  # same bytes, so the next run hits the cache the first one wrote
    r = lexpath("export", "hangzhou-ultraman-lora", "--doctrine", str(new / "d.ttl"), "-o", str(tmp_path / "b.ttl"))
    assert r.returncode == 0, r.stderr
    assert (tmp_path / "a.ttl").read_bytes() == (tmp_path / "b.ttl").read_bytes()
