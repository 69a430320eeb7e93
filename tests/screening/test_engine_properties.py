"""Property tests of the engine over random indicator sets."""

from hypothesis import given, settings
from hypothesis import strategies as st

from senim.screening.engine import DIMENSIONS, SETS, assess, combine, load_catalogue

CAT = load_catalogue()


@st.composite
def set_and_codes(draw):
    set_code = draw(st.sampled_from(SETS))
    codes = sorted(CAT.codes_in_set(set_code))
    present = draw(st.sets(st.sampled_from(codes), max_size=25))
    extra = draw(st.sampled_from(codes))
    return set_code, present, extra


@settings(max_examples=400)
@given(set_and_codes())
def test_adding_an_indicator_never_turns_a_positive_dimension_negative(case):
    set_code, present, extra = case
    before = assess(CAT, set_code, present)
    after = assess(CAT, set_code, present | {extra})
    for dim in DIMENSIONS:
        if before.dimensions[dim].positive:
            assert after.dimensions[dim].positive
    if before.trafficking:
        assert after.trafficking


@settings(max_examples=400)
@given(set_and_codes())
def test_child_result_never_needs_cd_or_vd(case):
    set_code, present, _ = case
    child_set = "child_" + set_code.split("_")[1]
    without_destination = {c for c in present if c[:2] not in ("CD", "VD")}
    if "VR.false_law_info" in without_destination or "EX.no_social_protection" in without_destination:
        without_destination -= {"VR.false_law_info", "EX.no_social_protection"}
    full = assess(CAT, child_set, {c for c in present if c in CAT.codes_in_set(child_set)})
    trimmed = assess(CAT, child_set, without_destination)
    assert full.trafficking == trimmed.trafficking
    flags = trimmed.dimension_flags()
    assert trimmed.trafficking == ((flags["DR"] or flags["CR"] or flags["VR"]) and flags["EX"])


@settings(max_examples=300)
@given(set_and_codes())
def test_adult_trafficking_always_has_destination_means(case):
    set_code, present, _ = case
    adult_set = "adult_" + set_code.split("_")[1]
    result = assess(CAT, adult_set, present)
    if result.trafficking:
        assert result.dimensions["CD"].positive or result.dimensions["VD"].positive
        assert result.dimensions["EX"].positive
        assert result.palermo.met


@settings(max_examples=300)
@given(set_and_codes(), st.randoms())
def test_order_and_duplicates_do_not_matter(case, rnd):
    set_code, present, _ = case
    codes = list(present) * 2
    rnd.shuffle(codes)
    assert assess(CAT, set_code, codes).to_dict() == assess(CAT, set_code, sorted(present)).to_dict()


@settings(max_examples=300)
@given(set_and_codes(), st.data())
def test_unknown_answers_only_flag_what_could_change(case, data):
    set_code, present, _ = case
    remaining = sorted(set(CAT.codes_in_set(set_code)) - present)
    unknown = data.draw(st.sets(st.sampled_from(remaining), max_size=10)) if remaining else set()
    partial = assess(CAT, set_code, present, unknown=unknown)
    everything = assess(CAT, set_code, present | unknown)
    # Unknown answers never change the result itself...
    assert partial.trafficking == assess(CAT, set_code, present).trafficking
    # ...and 'undetermined' is exactly "would be trafficking if every unknown were present".
    assert partial.undetermined == (everything.trafficking and not partial.trafficking)


@given(st.fixed_dictionaries({d: st.booleans() for d in DIMENSIONS}))
def test_child_rule_is_weaker_than_adult_rule(flags):
    if combine(flags, is_child=False):
        assert combine(flags, is_child=True)
