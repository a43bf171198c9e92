"""natolab.parameters: bad notebook parameters fail at once, naming the parameter and the valid values."""

import pandas as pd
import pytest

from natolab import parameters

# The 32 Allies on 28 Nov 2026 (NATO "Enlargement and Article 10", updated 8 Mar 2024; Sweden the 32nd).
ALLIES = (
    "ALB BEL BGR CAN CZE DNK EST FIN FRA DEU GRC HUN ISL ITA LVA LTU LUX MNE NLD MKD NOR POL PRT ROU "
    "SVK SVN ESP SWE TUR GBR USA HRV"
).split()


def test_country_is_normalised():
    assert parameters.validate("country_profile", {"country": "isl"}) == {"country": "ISL"}


def test_unknown_country_lists_every_ally():
    with pytest.raises(parameters.ParameterError) as caught:
        parameters.validate("country_profile", {"country": "XYZ"})
    message = str(caught.value)
    assert message.startswith("Parameter 'country' = 'XYZ'")
    listed = message.split("Valid values: ")[1].split(", ")
    assert sorted(listed) == sorted(ALLIES)


def test_near_miss_suggests_a_code():
    with pytest.raises(parameters.ParameterError, match=r"did you mean .*BEL"):
        parameters.validate("country_profile", {"country": "BEK"})


def test_as_of_bounds():
    assert parameters.validate("partnerships", {"as_of": "1952-02-18"})["as_of"] == pd.Timestamp("1952-02-18")
    with pytest.raises(parameters.ParameterError, match=r"Parameter 'as_of' = '1948-12-31'.*from 1949-04-04 to"):
        parameters.validate("partnerships", {"as_of": "1948-12-31"})
    with pytest.raises(parameters.ParameterError, match="not a date"):
        parameters.validate("crisis_management", {"as_of": "yesterday-ish"})


def test_default_as_of_is_the_data_date():
    assert parameters.validate("eu_nato_cooperation", {"as_of": None})["as_of"] == pd.Timestamp("2026-11-28")


def test_highlight_codes():
    assert parameters.validate("enlargement", {"as_of": None, "highlight": ["fin", "SWE"]})["highlight"] == ["FIN", "SWE"]
    with pytest.raises(parameters.ParameterError, match="Parameter 'highlight' = 'AUT'"):
        parameters.validate("enlargement", {"as_of": None, "highlight": ["FIN", "AUT"]})


BURDEN = {"year": 2024, "edition": "2024-06", "target_pct": 2.0, "core_target_pct": 3.5, "target_year": 2035, "countries": None}


def test_burden_sharing_defaults_resolve_edition():
    resolved = parameters.validate("burden_sharing", {**BURDEN, "edition": None})
    assert resolved["edition"] is not None
    assert resolved["year"] == 2024


@pytest.mark.parametrize(
    ("change", "parameter", "words"),
    [
        ({"year": 1990}, "year", "a year from"),
        ({"year": "twenty"}, "year", "not a year"),
        ({"edition": "2030-01"}, "edition", "2024-06"),
        ({"target_pct": 0}, "target_pct", "greater than 0"),
        ({"target_year": 2020}, "target_year", "a year after 2024"),
        ({"countries": ["POL", "Narnia"]}, "countries", "ALB, BEL"),
    ],
)
def test_burden_sharing_bad_values(change, parameter, words):
    with pytest.raises(parameters.ParameterError) as caught:
        parameters.validate("burden_sharing", {**BURDEN, **change})
    assert caught.value.parameter == parameter
    assert f"Parameter '{parameter}'" in str(caught.value)
    assert words in str(caught.value)


def test_unknown_parameter_and_notebook():
    with pytest.raises(parameters.ParameterError, match=r"not a parameter of country_profile\. Valid values: country"):
        parameters.validate("country_profile", {"country": "BEL", "colour": "red"})
    with pytest.raises(ValueError, match="Unknown notebook 'budget'"):
        parameters.validate("budget", {})


def test_the_rules_one_by_one_for_widgets():
    """natolab.explore checks its widgets' values with the same rules, under the widget's name."""
    assert parameters.check_ally("country", " pol ") == "POL"
    assert parameters.check_allies("allies", ["bel", "POL"]) == ["BEL", "POL"]
    assert parameters.check_allies("allies", None) is None
    assert parameters.check_edition("edition", "2024-06") == "2024-06"
    assert parameters.check_year("years", 2026, "2026-07") == 2026
    assert parameters.check_as_of("as_of", "2004-05-01") == pd.Timestamp("2004-05-01")
    with pytest.raises(parameters.ParameterError, match=r"Parameter 'years' = 2026: no NATO share-of-GDP data"):
        parameters.check_year("years", 2026, "2024-06")
    with pytest.raises(parameters.ParameterError, match=r"Parameter 'allies' = \[\]: empty list"):
        parameters.check_allies("allies", [])
    with pytest.raises(parameters.ParameterError, match=r"Parameter 'as_of' = '1948-12-31': outside the period"):
        parameters.check_as_of("as_of", "1948-12-31")
