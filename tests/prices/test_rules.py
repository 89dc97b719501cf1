"""The price rules (runtime/_prices.py) as properties: what must hold for any tier and run.

The engine is not re-implemented here: each test states a property (exactness, tier
matching, monotonicity, None rather than a guess) over generated tiers and inputs.
"""

from __future__ import annotations

from decimal import Decimal

from hypothesis import assume, given
from hypothesis import strategies as st

from generator.runtime._prices import (
    MEGAPIXEL,
    Estimate,
    Prices,
    PriceTier,
    estimate,
    usd,
    value_text,
)

amounts = st.decimals(min_value=Decimal("0.0001"), max_value=Decimal("50"), places=4)
names = st.sampled_from(["resolution", "duration", "mode", "quality"])
texts = st.sampled_from(["720p", "1080p", "5", "10", "fast", "true"])
counts = st.integers(min_value=1, max_value=16)
sides = st.integers(min_value=64, max_value=4096)
ONLY_AT_RUN_TIME = ["cpt", "cp-audiosecondslength", "cp-outputVideoLength", "cp-realtimeturn"]


def flat(method: str, price: Decimal, **fields: str) -> Prices:
    return Prices((PriceTier(method, str(price), {}, **fields),))


@given(amounts, st.dictionaries(names, texts))
def test_a_flat_cpr_tier_prices_every_run_exactly(price: Decimal, values: dict[str, str]) -> None:
    assert estimate(flat("cpr", price), values, {}) == Estimate(price, price, True, "cpr")


@given(amounts, st.dictionaries(names, texts, min_size=1))
def test_a_tier_applies_to_exactly_its_input_values(price: Decimal, wanted: dict[str, str]) -> None:
    prices = Prices((PriceTier("cpr", str(price), wanted),))
    found = estimate(prices, wanted, {})
    assert found is not None and found.low == price
    name = next(iter(wanted))
    assert estimate(prices, {**wanted, name: wanted[name] + "-other"}, {}) is None


@given(amounts, st.dictionaries(names, texts, min_size=1))
def test_an_input_not_sent_matches_no_tier_that_names_it(
    price: Decimal, wanted: dict[str, str]
) -> None:
    prices = Prices((PriceTier("cpr", str(price), wanted),))
    name = next(iter(wanted))
    assert estimate(prices, {**wanted, name: None}, {}) is None


@given(amounts, amounts, st.dictionaries(names, texts, min_size=1))
def test_the_most_specific_applying_tier_wins(
    flat_price: Decimal, specific: Decimal, wanted: dict[str, str]
) -> None:
    tiers = (PriceTier("cpr", str(flat_price)), PriceTier("cpr", str(specific), wanted))
    found = estimate(Prices(tiers), wanted, {})
    assert found is not None and found.low == specific


@given(amounts, st.integers(0, 5), st.integers(0, 5))
def test_quantity_counts_the_files_given_to_a_file_input(
    price: Decimal, wanted: int, given_files: int
) -> None:
    prices = Prices((PriceTier("cpr", str(price), {"inputImage": f"QUANTITY:{wanted}"}),))
    found = estimate(prices, {}, {"inputImage": given_files})
    assert (found is not None) == (wanted == given_files)


@given(amounts, counts, counts)
def test_cpo_is_exact_and_grows_with_the_outputs_asked_for(
    price: Decimal, fewer: int, more: int
) -> None:
    assume(fewer <= more)
    low = estimate(flat("cpo", price), {"samples": fewer}, {})
    high = estimate(flat("cpo", price), {"samples": more}, {})
    assert low is not None and high is not None and low.exact and high.exact
    assert low.low <= high.low
    assert high.low == price * more


@given(amounts)
def test_cpo_without_a_known_output_count_is_one_outputs_price_not_exact(price: Decimal) -> None:
    for values in ({}, {"samples": None}):
        found = estimate(flat("cpo", price), values, {})
        assert found == Estimate(price, price, False, "cpo")


@given(amounts, amounts, sides, sides, sides)
def test_cp_pixel_is_exact_and_never_falls_as_the_image_grows(
    price: Decimal, extra: Decimal, width: int, height: int, larger: int
) -> None:
    assume(larger >= width)
    prices = flat("cp-pixel", price, extra=str(extra))
    small = estimate(prices, {"width": width, "height": height}, {})
    big = estimate(prices, {"width": larger, "height": height}, {})
    assert small is not None and big is not None and small.exact and big.exact
    assert small.low <= big.low


@given(amounts, amounts, sides, sides)
def test_cp_pixel_up_to_one_megapixel_is_the_price(
    price: Decimal, extra: Decimal, width: int, height: int
) -> None:
    assume(width * height <= MEGAPIXEL)
    found = estimate(
        flat("cp-pixel", price, extra=str(extra)), {"width": width, "height": height}, {}
    )
    assert found is not None and found.low == price


@given(amounts, amounts, amounts, st.integers(1, 4))
def test_cp_pixel_adds_price_extra_per_further_tier_and_price_input_per_image(
    price: Decimal, extra: Decimal, per_input: Decimal, images: int
) -> None:
    prices = flat("cp-pixel", price, extra=str(extra), per_input=str(per_input))
    two_tiers = {"width": 2048, "height": 1024}  # exactly two 1,048,576-pixel tiers
    found = estimate(prices, two_tiers, {"inputImage": images})
    assert found is not None and found.low == price + extra + per_input * images * 2


@given(amounts, st.sampled_from([{"width": 1024}, {"height": 1024}, {"width": None, "height": 1}]))
def test_cp_pixel_without_both_sides_is_none(price: Decimal, values: dict[str, object]) -> None:
    assert estimate(flat("cp-pixel", price), values, {}) is None


@given(amounts, st.text(max_size=200), st.text(max_size=200))
def test_cp_promptlength_is_exact_and_grows_with_the_prompt(
    price: Decimal, prompt: str, more: str
) -> None:
    short = estimate(flat("cp-promptlength", price), {"prompt": prompt}, {})
    longer = estimate(flat("cp-promptlength", price), {"prompt": prompt + more}, {})
    assert short is not None and longer is not None and short.exact
    assert short.low == price * len(prompt) <= longer.low


@given(amounts, amounts)
def test_cps_gives_wiros_approximate_cost_not_exact(cps: Decimal, approximate: Decimal) -> None:
    for prices in (
        Prices(cps=str(cps), approximate=str(approximate)),
        Prices((PriceTier("cps", str(cps)),), approximate=str(approximate)),
    ):
        found = estimate(prices, {}, {})
        assert found == Estimate(approximate, approximate, False, "cps")


@given(amounts, st.sampled_from(ONLY_AT_RUN_TIME))
def test_prices_known_only_after_the_run_give_none(price: Decimal, method: str) -> None:
    assert estimate(flat(method, price), {"prompt": "a cat"}, {}) is None


def test_no_price_data_gives_none() -> None:
    assert estimate(Prices(), {}, {}) is None
    assert estimate(Prices(cps="0.001"), {}, {}) is None


@given(st.integers(-(10**6), 10**6))
def test_a_whole_float_reads_as_its_integer(number: int) -> None:
    assert value_text(float(number)) == value_text(number) == str(number)


@given(amounts)
def test_usd_keeps_every_significant_digit_and_at_least_cents(amount: Decimal) -> None:
    text = usd(amount)
    assert text.startswith("$") and Decimal(text[1:]) == amount
    assert len(text.partition(".")[2]) >= 2
