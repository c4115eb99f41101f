from claimlint.rules import fact_mismatch

from .helpers import check_docstring_examples


def test_docstring_examples(lint):
    check_docstring_examples(fact_mismatch, lint)


FACTS = """
facts:
  - {id: implant.survival, claim: percentage, about: [implants], cue: [survival], low: 90, high: 98,
     unit: "%", policy: within, source: "https://example.org/a"}
  - {id: implant.healing, claim: duration, about: [implants], cue: [heal], low: 3, high: 6,
     unit: month, policy: overlaps, source: "https://example.org/b"}
  - {id: donation.law, claim: year, about: [donor anonymity], cue: [since], value: 1988, unit: year,
     policy: equal, source: "https://example.org/c"}
"""


def test_messages_state_the_fact_as_a_writer_would(tmp_path):
    from click.testing import CliRunner

    from claimlint.cli import main

    (tmp_path / "facts.yaml").write_text(FACTS, encoding="utf-8")
    (tmp_path / "a.md").write_text(
        "# Implants in Hungary\n\nImplants in Budapest show a 99% survival rate.\n\n"
        "The implants heal for 8-10 months.\n\nSpain has kept donor anonymity since 1996.\n",
        encoding="utf-8")
    out = CliRunner().invoke(main, ["check", str(tmp_path / "a.md"), "--facts",
                                    str(tmp_path / "facts.yaml"), "--select", "CL201"]).stdout
    assert "99% contradicts fact implant.survival: the value must lie within 90–98%." in out
    assert "8-10 months contradicts fact implant.healing: the value must overlap 3–6 months." in out
    assert "1996 contradicts fact donation.law: the value is 1988." in out
