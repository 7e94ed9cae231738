"""govsim explore's page in a real browser: headless Chromium driven by chromedriver (Selenium)
opens explore.html from a file, moves the sliders (by script and by the arrow keys), pins a
setting, and checks every number shown against explore.json for that design point.

Skipped when no chromium and chromedriver are installed, unless GOVSIM_REQUIRE_BROWSER=1 (as
scripts/python-test sets it, and CI), which makes their absence a failure."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import pytest

LEVERS = ["--vary", "services.budget=0:600000", "--vary", "volunteers.initialShare=0:0.04"]
REQUIRED = os.environ.get("GOVSIM_REQUIRE_BROWSER") == "1"


def fmt(x: float | None) -> str:
    """The page's number format (as the other reports print numbers): 0 decimals from 100,
    1 from 10, else 2, thousands grouped; JavaScript's toFixed rounds half away from zero."""
    if x is None:
        return "–"
    if x == 0:
        return "0"
    decimals = 0 if abs(x) >= 100 else 1 if abs(x) >= 10 else 2
    text = format(Decimal(x).quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP), "f")
    if text.startswith("-") and Decimal(text) == 0:
        text = text[1:]
    negative = text.startswith("-")
    whole, _, fraction = text.lstrip("-").partition(".")
    return ("-" if negative else "") + format(int(whole), ",") + ("." + fraction if fraction else "")


def signed(x: float | None) -> str:
    text = fmt(x)
    return "+" + text if x is not None and x > 0 and any(c in "123456789" for c in text) else text


def interval(pair: list[float | None]) -> str:
    return "–" if None in pair else f"{fmt(pair[0])} to {fmt(pair[1])}"


def test_format_matches_the_reports() -> None:
    assert [fmt(x) for x in [0, 0.125, -0.001, 12.25, 99.96, 1234.5, -1234567.0, None]] == [
        "0", "0.13", "0.00", "12.3", "100.0", "1,235", "-1,234,567", "–"]
    assert [signed(x) for x in [0.001, 0.5, -0.5, 0]] == ["0.00", "+0.50", "-0.50", "0"]


@pytest.fixture(scope="module")
def browser():
    chromium = next((shutil.which(n) for n in ["chromium", "chromium-browser", "google-chrome"] if shutil.which(n)), None)
    chromedriver = shutil.which("chromedriver")
    if not (chromium and chromedriver):
        message = "no chromium and chromedriver on PATH (Debian: apt-get install chromium chromium-driver)"
        if REQUIRED:
            pytest.fail(message + ", and GOVSIM_REQUIRE_BROWSER=1")
        pytest.skip(message)
    if REQUIRED:
        from selenium import webdriver
    else:
        webdriver = pytest.importorskip("selenium.webdriver")
    options = webdriver.ChromeOptions()
    options.binary_location = chromium
    for argument in ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--window-size=1200,1600"]:
        options.add_argument(argument)
    # The driver Debian installs beside its chromium: nothing is fetched.
    driver = webdriver.Chrome(options=options, service=webdriver.ChromeService(executable_path=chromedriver))
    yield driver
    driver.quit()


@pytest.fixture(scope="module")
def explored(binary: Path, tiny: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict]:
    out = tmp_path_factory.mktemp("explore") / "ex"
    subprocess.run([str(binary), "explore", str(tiny), *LEVERS, "--points", "3", "--trials", "4", "--out", str(out), "--quiet"],
                   check=True, capture_output=True, text=True, timeout=120)
    return out / "explore.html", json.loads((out / "explore.json").read_text(encoding="utf-8"))


def test_the_page_is_self_contained(explored: tuple[Path, dict]) -> None:
    html = explored[0].read_text(encoding="utf-8")
    for banned in ["http://", "https://", "src=", "<link"]:
        assert banned not in html
    assert html.count('<script type="application/json" id="data">') == 1


def test_sliders_and_pin_show_the_design_points_numbers(browser, explored: tuple[Path, dict]) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    page, data = explored
    browser.get(page.as_uri())
    assert browser.execute_script("return document.documentElement.lang") == "en"
    points = {tuple(p["index"]): p for p in data["points"]}
    outputs = [o["name"] for o in data["outputs"]]
    sliders = [browser.find_element(By.ID, f"lever-{k}") for k in range(len(data["levers"]))]
    text = lambda id: browser.find_element(By.ID, id).text  # noqa: E731

    def position() -> tuple[int, ...]:
        return tuple(int(s.get_attribute("value")) for s in sliders)

    def check(row: str, point: dict) -> None:
        for name in outputs:
            s = point["outputs"][name]
            assert text(f"{row}-mean-{name}") == fmt(s["mean"]), (row, name)
            assert text(f"{row}-ci-{name}") == interval(s["ci95"]), (row, name)
            assert text(f"{row}-pi-{name}") == interval(s["pi90"]), (row, name)
            if row != "base":
                assert text(f"{row}-diff-{name}") == signed(s["difference"]), (row, name)
                assert text(f"{row}-diffci-{name}") == interval(s["difference_ci95"]), (row, name)

    def check_a(index: tuple[int, ...]) -> dict:
        assert position() == index
        point = points[index]
        assert f"nearest design point {point['point'] + 1} of {len(points)}" in text("setting-a")
        for k, lever in enumerate(data["levers"]):
            assert f"step {index[k] + 1} of {len(lever['values'])}" in text(f"lever-{k}-value")
            assert sliders[k].get_attribute("aria-valuetext").endswith(f"step {index[k] + 1} of {len(lever['values'])}")
        check("a", point)
        return point

    # At the start: the sliders at the steps nearest the baseline; the baseline's own row.
    check("base", data["baseline"])
    start = position()
    check_a(start)
    assert not browser.find_element(By.ID, "b-mean-safety_score").is_displayed()
    assert text("setting-base").startswith("Baseline: the scenario as written, services.budget = 120,000")

    # A slider set by script, as a pointer drag would (value, then an input event) ...
    browser.execute_script("arguments[0].value = '2'; arguments[0].dispatchEvent(new Event('input'));", sliders[0])
    # ... and one moved with the keyboard.
    sliders[1].send_keys(Keys.END)
    a = check_a((2, 2))
    assert "services.budget = 600,000, volunteers.initialShare = 0.04" in text("setting-a")
    cost = a["outputs"]["cost_total"]
    assert f"cost {fmt(cost['mean'])} yuan ({signed(cost['difference'])})" in text("summary-a")

    # Pin it as B, move A away: both are shown, and A − B.
    browser.find_element(By.ID, "pin").click()
    sliders[0].send_keys(Keys.ARROW_LEFT)
    sliders[1].send_keys(Keys.HOME)
    a = check_a((1, 0))
    b = points[(2, 2)]
    check("b", b)
    assert f"design point {b['point'] + 1}" in text("setting-b")
    for name in outputs:
        x, y = a["outputs"][name]["mean"], b["outputs"][name]["mean"]
        assert text(f"ab-{name}") == "A − B: " + ("–" if x is None or y is None else signed(x - y)), name
    # B stays put while A moves on.
    sliders[1].send_keys(Keys.ARROW_RIGHT)
    check_a((1, 1))
    check("b", b)

    browser.find_element(By.ID, "unpin").click()
    assert not browser.find_element(By.ID, "b-mean-safety_score").is_displayed()
    assert not browser.find_element(By.ID, "ab-safety_score").is_displayed()
    assert text("setting-b").startswith("B: nothing pinned yet")


def blend(data: dict, u: list[float]) -> dict:
    """The page's multilinear interpolation at fractional steps `u`, in its order of operations
    (so the doubles, and the text shown, are the same)."""
    points = {tuple(p["index"]): p for p in data["points"]}
    levers = data["levers"]
    lower = [min(int(x // 1), len(lever["values"]) - 2) for x, lever in zip(u, levers)]
    t = [x - lo for x, lo in zip(u, lower)]
    corners = []
    for c in range(1 << len(levers)):
        w, index = 1.0, []
        for k in range(len(levers)):
            up = (c >> k) & 1
            w *= t[k] if up else 1 - t[k]
            index.append(lower[k] + up)
        if w > 0:
            corners.append((w, points[tuple(index)]))

    def mix(get) -> float | None:
        total = 0.0
        for w, p in corners:
            v = get(p)
            if v is None:
                return None
            total += w * v
        return total

    outputs = {}
    for o in data["outputs"]:
        name = o["name"]
        s = {key: mix(lambda p: p["outputs"][name][key]) for key in ["mean", "difference"]}
        for key in ["ci95", "pi90", "difference_ci95"]:
            s[key] = [mix(lambda p: p["outputs"][name][key][i]) for i in range(2)]
        outputs[name] = s
    return outputs


def test_interpolation_blends_the_neighbouring_points_and_shows_its_error(browser, explored: tuple[Path, dict]) -> None:
    from selenium.webdriver.common.by import By

    page, data = explored
    browser.get(page.as_uri())
    text = lambda id: browser.find_element(By.ID, id).text  # noqa: E731
    sliders = [browser.find_element(By.ID, f"lever-{k}") for k in range(len(data["levers"]))]
    assert not browser.find_element(By.ID, "emu-safety_score").is_displayed(), "no interpolation as the page opens"
    browser.find_element(By.ID, "interpolate").click()
    assert [s.get_attribute("max") for s in sliders] == ["20", "20"], "tenths of a step"
    for slider, value in zip(sliders, ["13", "7"]):
        browser.execute_script("arguments[0].value = arguments[1]; arguments[0].dispatchEvent(new Event('input'));", slider, value)
    expected = blend(data, [13 / 10, 7 / 10])
    assert text("setting-a").startswith("A (live): interpolated between design points, services.budget = 390,000, volunteers.initialShare = 0.014")
    assert text("lever-0-value") == "390,000 (between steps 2 and 3 of 3: interpolated)"
    for o in data["outputs"]:
        name, s = o["name"], expected[o["name"]]
        assert text(f"a-mean-{name}") == fmt(s["mean"]), name
        assert text(f"a-ci-{name}") == interval(s["ci95"]), name
        assert text(f"a-pi-{name}") == interval(s["pi90"]), name
        assert text(f"a-diff-{name}") == signed(s["difference"]), name
        assert text(f"a-diffci-{name}") == interval(s["difference_ci95"]), name
        e = o["interpolation"]
        assert f"{fmt(e['rms_error'])} root mean square, at most {fmt(e['max_abs_error'])} ({e['n']} means predicted" in text(f"emu-{name}"), name
    # Off again: each slider goes to its nearest design point, whose own numbers are shown.
    browser.find_element(By.ID, "interpolate").click()
    assert [s.get_attribute("value") for s in sliders] == ["1", "1"]
    point = next(p for p in data["points"] if p["index"] == [1, 1])
    assert f"nearest design point {point['point'] + 1} of 9" in text("setting-a")
    assert text("a-mean-safety_score") == fmt(point["outputs"]["safety_score"]["mean"])
    assert not browser.find_element(By.ID, "emu-safety_score").is_displayed()
