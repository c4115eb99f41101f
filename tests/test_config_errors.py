"""Issue "check", must-show item 4: malformed YAML in a rule pack or facts file, an unknown
field, an invalid regex in a phrase pack, or an unknown rule code: exit 2 with the file, the
line and what is wrong, on one line, with no traceback."""
from __future__ import annotations

import json
import textwrap

import pytest
from click.testing import CliRunner

from claimlint.cli import main

ARTICLE = "# Knee therapy in Japan\n\nOur therapy cures arthritis.\n"


@pytest.fixture
def folder(tmp_path, monkeypatch):
    """A working folder with one article; the configuration is looked up from here."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.md").write_text(ARTICLE)
    return tmp_path


def write(folder, name: str, text: str) -> None:
    (folder / name).write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")


def check(*args):
    return CliRunner().invoke(main, ["check", "a.md", "--format", "json", *args])


def assert_error(result, where: str, *what: str) -> None:
    """Exit 2; stderr is one line `claimlint: WHERE: ...WHAT...`; no traceback, no report."""
    assert result.exit_code == 2, (result.exit_code, result.output)
    assert isinstance(result.exception, SystemExit), f"crashed: {result.exception!r}"
    assert "Traceback" not in result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, lines
    assert lines[0].startswith(f"claimlint: {where}: "), lines[0]
    for part in what:
        assert part in lines[0], (part, lines[0])
    assert result.stdout == ""


def rules_found(result) -> list[str]:
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    return [f["rule"] for f in json.loads(result.stdout)["findings"]]


# -- malformed YAML --------------------------------------------------------------------

def test_malformed_yaml_in_a_facts_file(folder):
    write(folder, "facts.yaml", """
        facts:
          - id: x
            claim: [year
        """)
    assert_error(check("--facts", "facts.yaml"), "facts.yaml:4:1", "invalid YAML", "expected ',' or ']'")


def test_malformed_yaml_in_the_configuration(folder):
    write(folder, ".claimlint.yaml", """
        ignore: [CL001]
        severity: {CL101: error
        """)
    assert_error(check(), ".claimlint.yaml:3:1", "invalid YAML", "expected ',' or '}'")


@pytest.mark.parametrize("key", ["claims", "subjects", "artifacts", "facts", "metadata"])
def test_malformed_yaml_in_a_pack_named_by_the_configuration(folder, key):
    write(folder, ".claimlint.yaml", f"{key}: [mine.yaml]\n")
    write(folder, "mine.yaml", """
        first:
          - one
         - badly indented
        """)
    assert_error(check(), "mine.yaml:3:2", "invalid YAML")


def test_malformed_toml_in_pyproject(folder):
    write(folder, "pyproject.toml", """
        [tool.claimlint]
        ignore = ["CL001"
        fail_on = "warning"
        """)
    assert_error(check(), "pyproject.toml:3:1", "invalid TOML")


def test_yaml_aliases_are_refused(folder):
    write(folder, "facts.yaml", """
        base: &b {claim: year, about: ASRM, value: 2013}
        facts:
          - *b
        """)
    assert_error(check("--facts", "facts.yaml"), "facts.yaml:3:5", "aliases (*name) are not allowed")


def test_duplicate_keys_are_refused(folder):
    write(folder, "facts.yaml", """
        facts:
          - id: x
            claim: year
            about: ASRM
            value: 2013
            value: 2014
        """)
    assert_error(check("--facts", "facts.yaml"), "facts.yaml:6:5", "duplicate key 'value'")


# -- unknown fields --------------------------------------------------------------------

def test_unknown_field_in_a_fact(folder):
    write(folder, "facts.yaml", """
        facts:
          - id: x
            claim: year
            about: ASRM
            value: 2013
            colour: red
        """)
    assert_error(check("--facts", "facts.yaml"), "facts.yaml:6", "unknown field 'colour' in fact", "allowed: about")


def test_unknown_field_in_a_fact_subject(folder):
    write(folder, "facts.yaml", """
        facts:
          - id: x
            claim: price
            subject: {treatment: knee-osteoarthritis, town: osaka}
            value: 7000
        """)
    assert_error(check("--facts", "facts.yaml"), "facts.yaml:4", "unknown field 'town' in fact subject")


def test_unknown_top_level_field_in_a_facts_file(folder):
    write(folder, "facts.yaml", "fact:\n  - id: x\n")
    assert_error(check("--facts", "facts.yaml"), "facts.yaml:1", "unknown field 'fact' in facts file")


def test_unknown_field_in_the_configuration(folder):
    write(folder, ".claimlint.yaml", "ignore: [CL001]\nfail-on: warning\n")
    assert_error(check(), ".claimlint.yaml:2", "unknown field 'fail-on'", "fail_on")


def test_unknown_field_in_pyproject(folder):
    write(folder, "pyproject.toml", '[project]\nname = "x"\n\n[tool.claimlint]\nfail_on = "warning"\nignored = ["CL001"]\n')
    assert_error(check(), "pyproject.toml:6", "unknown field 'ignored'")


def test_unknown_field_in_a_phrase(folder):
    write(folder, ".claimlint.yaml", "claims: [phrases.yaml]\n")
    write(folder, "phrases.yaml", """
        claims:
          - id: miracle-cure
            pattern: 'miracle'
            message: calls it a miracle
            sevrity: error
        """)
    assert_error(check(), "phrases.yaml:5", "unknown field 'sevrity' in phrase")


def test_unknown_field_in_a_subjects_pack(folder):
    write(folder, ".claimlint.yaml", "subjects: [subjects.yaml]\n")
    write(folder, "subjects.yaml", """
        treatments:
          knee-gel:
            aliases: [knee gel]
            alias: [gel]
        """)
    assert_error(check(), "subjects.yaml:4", "unknown field 'alias'")


@pytest.mark.parametrize("value", ["high", "120", "0", "true"])
def test_a_treatment_success_ceiling_must_be_a_percentage(folder, value):
    write(folder, ".claimlint.yaml", "subjects: [subjects.yaml]\n")
    write(folder, "subjects.yaml", f"""
        treatments:
          knee-gel:
            aliases: [knee gel]
            success_ceiling: {value}
        """)
    assert_error(check(), "subjects.yaml:4", "success_ceiling of treatment 'knee-gel' must be a percentage")


def test_unknown_field_in_a_per_path_entry(folder):
    write(folder, ".claimlint.yaml", 'per_path:\n  "drafts/*": {ignore: [CL301], select: [CL401]}\n')
    assert_error(check(), ".claimlint.yaml:2", "unknown field 'select' in per_path entry 'drafts/*'")


# -- wrong types in facts --------------------------------------------------------------

FACT = """
    facts:
      - id: jp.price
        claim: price
        subject: {treatment: knee-osteoarthritis, country: japan}
        unit: USD
"""


@pytest.mark.parametrize("extra, line, what", [
    ("value: seven thousand", 6, "`value` must be a number, got 'seven thousand'"),
    ("value: 2024-01-01", 6, "`value` must be a number, not a date"),
    ("value: .nan", 6, "`value` must be a finite number"),
    ("low: 9000\n    high: 6500", 6, "`low` is greater than `high`"),
    ("value: 7000\n    low: 6500", 6, "give `value` or `low`/`high`, not both"),
    ("value: 7000\n    tolerance: lots", 7, "`tolerance` must be a number or a percentage"),
    ("value: 7000\n    tolerance: -5", 7, "`tolerance` must be a number or a percentage"),
    ("value: 7000\n    policy: roughly", 7, "`policy` must be one of equal, within, overlaps"),
    ("value: 7000\n    severity: fatal", 7, "`severity` must be info, warning or error"),
    ("value: 7000\n    source: [a, b]", 7, "`source` must be a text, not a list"),
    ("value: 7000\n    cue: {a: 1}", 7, "`cue` must be a string or a list of strings"),
    ("value: 7000\n    about: ['']", 7, "`about` must be a string or a list of strings"),
    ("value: 7000\n    as_of: [2024]", 7, "`as_of` must be a date"),
])
def test_wrong_types_in_a_fact(folder, extra, line, what):
    write(folder, "prices.yaml", FACT + "        " + extra.replace("\n    ", "\n        ") + "\n")
    assert_error(check("--facts", "prices.yaml"), f"prices.yaml:{line}", "fact 'jp.price'", what)


def test_fact_unit_must_be_text(folder):
    write(folder, "prices.yaml", FACT.replace("unit: USD", "unit: [USD]") + "        value: 7000\n")
    assert_error(check("--facts", "prices.yaml"), "prices.yaml:5", "`unit` must be a text, not a list")


def test_fact_subject_values_must_be_names(folder):
    write(folder, "prices.yaml", FACT.replace("country: japan", "country: [japan, korea]") + "        value: 7000\n")
    assert_error(check("--facts", "prices.yaml"), "prices.yaml:4", "subject country must be a name, not a list")


def test_fact_subject_must_be_known(folder):
    write(folder, "prices.yaml", FACT.replace("knee-osteoarthritis", "knee-oa") + "        value: 7000\n")
    assert_error(check("--facts", "prices.yaml"), "prices.yaml:2",
                 "unknown treatment 'knee-oa'", "not in the subjects packs")


def test_fact_kind_must_be_known(folder):
    write(folder, "prices.yaml", FACT.replace("claim: price", "claim: cost") + "        value: 7000\n")
    assert_error(check("--facts", "prices.yaml"), "prices.yaml:3", "`claim` must be one of price, cell_count")


def test_fact_needs_an_id(folder):
    write(folder, "prices.yaml", FACT.replace("id: jp.price", "id: 12") + "        value: 7000\n")
    assert_error(check("--facts", "prices.yaml"), "prices.yaml:2", "fact needs an `id` (a string)")


def test_duplicate_fact_ids(folder):
    write(folder, "prices.yaml", FACT + "        value: 7000\n" + FACT.split("facts:\n")[1] + "        value: 8000\n")
    assert_error(check("--facts", "prices.yaml"), "prices.yaml:7", "duplicate fact id 'jp.price' (first at prices.yaml:2)")


@pytest.mark.parametrize("text, where, what", [
    ("facts: 3\n", "facts.yaml:1", "`facts` must be a list of facts, not the number 3"),
    ("facts:\n  - 3\n", "facts.yaml:2", "each fact must be a mapping (`key: value` lines), not the number 3"),
    ("- id: x\n", "facts.yaml:1", "each facts file must be a mapping (`key: value` lines), not a list"),
    ("", "facts.yaml", "each facts file must be a mapping (`key: value` lines), not an empty file"),
])
def test_facts_file_shape(folder, text, where, what):
    write(folder, "facts.yaml", text)
    assert_error(check("--facts", "facts.yaml"), where, what)


def test_facts_file_that_is_not_utf8(folder):
    (folder / "facts.yaml").write_bytes(b"facts:\n  - id: caf\xe9\n")
    assert_error(check("--facts", "facts.yaml"), "facts.yaml", "not valid UTF-8")


# -- phrase packs ----------------------------------------------------------------------

def phrase_pack(folder, entry: str, key: str = "claims") -> None:
    write(folder, ".claimlint.yaml", f"{key}: [phrases.yaml]\n")
    section = "claims" if key == "claims" else "markup_debris"
    write(folder, "phrases.yaml", f"{section}:\n  - id: p1\n" + textwrap.indent(textwrap.dedent(entry).strip("\n"), "    ") + "\n")


def test_invalid_regex_in_a_phrase_pattern(folder):
    phrase_pack(folder, "pattern: '(miracle'\nmessage: calls it a miracle\n")
    assert_error(check(), "phrases.yaml:3", "invalid regular expression in pattern of phrase 'p1'", "missing )")


def test_invalid_regex_in_a_phrase_unless(folder):
    phrase_pack(folder, "pattern: 'miracle'\nmessage: calls it a miracle\nunless: '[not'\n")
    assert_error(check(), "phrases.yaml:5", "invalid regular expression in unless of phrase 'p1'")


def test_invalid_regex_in_a_phrase_requires(folder):
    phrase_pack(folder, "pattern: 'miracle'\nmessage: calls it a miracle\nrequires: '(stem'\n")
    assert_error(check(), "phrases.yaml:5", "invalid regular expression in requires of phrase 'p1'")


def test_invalid_regex_in_an_artifacts_pack(folder):
    phrase_pack(folder, "pattern: '[<div'\nmessage: debris\n", key="artifacts")
    assert_error(check(), "phrases.yaml:3", "invalid regular expression in pattern of phrase 'p1'")


@pytest.mark.parametrize("entry, line, what", [
    ("pattern: [miracle, wonder]\nmessage: m\n", 3, "`pattern` must be a text, not a list"),
    ("pattern: miracle\nmessage: m\nseverity: fatal\n", 5, "`severity` must be info, warning or error"),
    ("pattern: miracle\nmessage: m\nformats: [pdf]\n", 5, "`formats` must list some of text, markdown, html"),
    ("pattern: miracle\nmessage: m\non: body\n", 5, "`on` must be text or source"),
    ("pattern: miracle\nmessage: m\ncase_sensitive: maybe\n", 5, "`case_sensitive` must be true or false"),
    ("pattern: miracle\n", 2, "phrase is missing 'message'"),
])
def test_wrong_types_in_a_phrase(folder, entry, line, what):
    phrase_pack(folder, entry)
    assert_error(check(), f"phrases.yaml:{line}", what)


def test_duplicate_phrase_ids(folder):
    write(folder, ".claimlint.yaml", "claims: [phrases.yaml]\n")
    write(folder, "phrases.yaml", """
        claims:
          - {id: p1, pattern: miracle, message: m}
          - {id: p1, pattern: wonder, message: m}
        """)
    assert_error(check(), "phrases.yaml:3", "duplicate phrase id 'p1' (first at phrases.yaml:2)")


def test_phrase_fields_named_like_yaml_booleans_work(folder):
    """`on:` (and a country code such as NO) stay text: YAML 1.1 would read them as true/false."""
    write(folder, ".claimlint.yaml", "artifacts: [phrases.yaml]\n")
    write(folder, "phrases.yaml", """
        markup_debris:
          - id: raw-heading
            pattern: '^# '
            on: source
            case_sensitive: yes
            message: a Markdown heading marker
        """)
    assert "CL502" in rules_found(check())


# -- rule codes ------------------------------------------------------------------------

@pytest.mark.parametrize("option", ["--select", "--ignore"])
def test_unknown_rule_code_on_the_command_line(folder, option):
    result = check(option, "CL401,CL999")
    assert result.exit_code == 2 and isinstance(result.exception, SystemExit)
    assert "unknown rule code 'CL999'" in result.stderr and "Traceback" not in result.output


def test_rule_codes_on_the_command_line_ignore_case(folder):
    assert rules_found(check("--select", "cl401")) == ["CL401"]
    assert "CL401" not in rules_found(check("--ignore", "cl4"))


@pytest.mark.parametrize("config, line, what", [
    ("select: [CL401, CL999]\n", 1, "unknown rule code 'CL999' in select"),
    ("ignore:\n  - CL001\n  - CL1O1\n", 3, "unknown rule code 'CL1O1' in ignore"),
    ("severity:\n  CL101: error\n  CL999: warning\n", 3, "unknown rule code 'CL999' in severity"),
    ("severity: {CL1: error}\n", 1, "unknown rule code 'CL1' in severity"),
    ('per_path:\n  "drafts/*": [CL301, CL3001]\n', 2, "unknown rule code 'CL3001' in per_path 'drafts/*'"),
    ('per_path:\n  "drafts/*": {ignore: [XX100]}\n', 2, "unknown rule code 'XX100' in per_path 'drafts/*'"),
])
def test_unknown_rule_code_in_the_configuration(folder, config, line, what):
    write(folder, ".claimlint.yaml", config)
    assert_error(check(), f".claimlint.yaml:{line}", what, "see `claimlint rules`")


def test_rule_codes_in_the_configuration_ignore_case(folder):
    write(folder, ".claimlint.yaml", "select: [cl4]\nseverity: {cl401: error}\n")
    result = check()
    assert rules_found(result) == ["CL401"] and result.exit_code == 1  # now an error


def test_a_single_code_as_text_is_one_code(folder):
    write(folder, ".claimlint.yaml", "select: CL401\n")
    assert rules_found(check()) == ["CL401"]


@pytest.mark.parametrize("config, what", [
    ("severity: {CL101: fatal}\n", "severity of CL101 must be info, warning, error or off, not the text 'fatal'"),
    ("severity: [CL101]\n", "`severity` must be a mapping, not a list"),
    ("ignore: 5\n", "ignore must be a list of rule codes, not the number 5"),
    ("fail_on: sometimes\n", "fail_on must be info, warning or error"),
    ("tolerance: {price: lots}\n", "tolerance of price must be a number or a percentage"),
    ("tolerance: {weight: 5}\n", "tolerance for unknown claim kind 'weight'"),
    ("success_ceiling: high\n", "success_ceiling must be a percentage between 0 and 100"),
    ("currency: dollars\n", "currency must be an ISO 4217 code claimlint knows"),
    ("builtin_facts: maybe\n", "`builtin_facts` must be true or false"),
    ("archive: [a, b]\n", "archive must be a folder name, not a list"),
    ("facts: {a: 1}\n", "`facts` must be a file name or a list of them, not a mapping"),
    ("per_path: [a]\n", "`per_path` must be a mapping, not a list"),
])
def test_wrong_types_in_the_configuration(folder, config, what):
    write(folder, ".claimlint.yaml", config)
    assert_error(check(), ".claimlint.yaml:1", what)


# -- missing files ---------------------------------------------------------------------

def test_missing_facts_file(folder):
    assert_error(check("--facts", "nowhere.yaml"), "nowhere.yaml", "facts file not found")


def test_missing_configuration_file(folder):
    assert_error(check("--config", "nowhere.yaml"), "nowhere.yaml", "configuration file not found")


def test_configuration_that_is_a_folder(folder):
    (folder / "conf").mkdir()
    result = check("--config", "conf")  # refused by the option itself, as a usage error
    assert result.exit_code == 2 and isinstance(result.exception, SystemExit)
    assert "'conf' is a directory" in result.stderr and "Traceback" not in result.output


@pytest.mark.parametrize("key", ["facts", "claims", "subjects", "artifacts", "metadata"])
def test_pack_named_by_the_configuration_is_missing(folder, key):
    write(folder, ".claimlint.yaml", f"fail_on: warning\n{key}:\n  - packs/mine.yaml\n")
    assert_error(check(), ".claimlint.yaml:3", f"`{key}` names 'packs/mine.yaml', which is not a file")


def test_explicit_config_file_errors_name_it(folder):
    (folder / "conf").mkdir()
    write(folder, "conf/lint.yaml", "select: [CL999]\n")
    assert_error(check("--config", "conf/lint.yaml"), "conf/lint.yaml:1", "unknown rule code 'CL999'")


def test_empty_configuration_is_fine(folder):
    write(folder, ".claimlint.yaml", "# nothing configured yet\n")
    assert rules_found(check()) == ["CL401"]
