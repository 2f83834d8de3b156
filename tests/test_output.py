"""output.py: an output file is written whole or not at all, and only where it was asked for."""

import os
import stat

import pytest

from lexpath.errors import OutputError
from lexpath.output import write_output

from conftest import lexpath, one_line_error


def test_writes_the_bytes_with_the_usual_mode_and_leaves_no_temporary_file(tmp_path):
    target = write_output(tmp_path / "x.html", "页面")
    assert target.read_bytes() == "页面".encode("utf-8") and os.listdir(tmp_path) == ["x.html"]
    mask = os.umask(0)
    os.umask(mask)
    assert stat.S_IMODE(target.stat().st_mode) == 0o666 & ~mask


def test_an_old_part_directory_is_no_obstacle(tmp_path):
    (tmp_path / "x.html.part").mkdir()  # the name an earlier version used for its temporary file
    write_output(tmp_path / "x.html", b"ok")
    assert (tmp_path / "x.html").read_bytes() == b"ok"


@pytest.mark.parametrize("name", ["newdir/", "existing"])
def test_a_directory_is_refused(tmp_path, name):
    (tmp_path / "existing").mkdir()
    with pytest.raises(OutputError, match="directory"):
        write_output(f"{tmp_path}/{name}", b"x")
    assert sorted(os.listdir(tmp_path)) == ["existing"]


def test_through_the_cli_a_trailing_slash_writes_no_file(tmp_path):
    r = lexpath("export", "hangzhou-ultraman-lora", "--to", "dot", "-o", str(tmp_path / "out") + "/")
    one_line_error(r, "names a directory")
    assert os.listdir(tmp_path) == []
