"""Benchmark (not a test): the Hangzhou page's size, the time until headless Chromium has drawn
it, and the classroom page's toggle-to-redraw latency. Also saves the README's screenshot.

Time to draw is the page's own clock (performance.now() at vis-network's first afterDrawing,
counted from navigation start), median over runs; toggle-to-redraw is from a fact toggle to
the next afterDrawing. Needs Debian's chromium and chromium-driver.
python benches/bench_render.py [--runs N] [--screenshot docs/hangzhou.png]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
from conftest import chromium, open_page  # noqa: E402  (the tests' browser, started the same way)

CASE, FOCUS = "hangzhou-ultraman-lora", "ContributoryInfringement(platform,trainers)"
TOGGLE = """const [node, done] = [arguments[0], arguments[arguments.length - 1]], P = window.lexpath;
const now = P.values()[node], next = now === "established" ? "refuted" : "established";
const t0 = performance.now();
P.network().once("afterDrawing", () => done(performance.now() - t0));
P.teach.setFact(node, next);"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--screenshot", type=Path)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="lexpath-bench-") as tmp:  # removed however the run ends
        run(args, Path(tmp))


def run(args: argparse.Namespace, folder: Path) -> None:
    """Render both pages into folder, then time them in Chromium."""
    render, teach = folder / "hangzhou.html", folder / "teach.html"
    lexpath = [sys.executable, "-m", "lexpath"]
    subprocess.run([*lexpath, "render", CASE, "-o", str(render), "--focus", FOCUS], check=True, stdout=subprocess.DEVNULL)
    subprocess.run([*lexpath, "teach", CASE, "-o", str(teach)], check=True, stdout=subprocess.DEVNULL)
    print(f"render page size                     {render.stat().st_size / 1e6:.3f} MB (goal <= 1.25 MB: vis-network 0.65 MB, the law's text about 0.12 MB)")
    print(f"teach page size                      {teach.stat().st_size / 1e6:.3f} MB")
    with chromium() as driver:
        drawn = []
        for _ in range(args.runs):
            open_page(driver, render)
            drawn.append(driver.execute_script("return window.lexpath.drawnMs()"))
        print(f"time until drawn (median of {args.runs})      {statistics.median(drawn):.0f} ms (goal <= 1500 ms)")
        if args.screenshot:
            driver.set_window_size(1600, 1000)
            open_page(driver, render)
            driver.save_screenshot(str(args.screenshot))
            print(f"screenshot                           {args.screenshot}")
        open_page(driver, teach)
        driver.execute_script("document.getElementById('reveal').click()")
        nodes = driver.execute_script("return window.lexpath.view.teach[0].stated")
        driver.set_script_timeout(10)
        lat = [driver.execute_async_script(TOGGLE, nodes[i % len(nodes)]) for i in range(args.runs * 3)]
        print(f"toggle-to-redraw (median of {len(lat)})       {statistics.median(lat):.0f} ms, max {max(lat):.0f} ms")


if __name__ == "__main__":
    main()
