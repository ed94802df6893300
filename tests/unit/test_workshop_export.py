"""Exports: a CSV of every answer that is safe in a spreadsheet, and a Markdown debrief."""

from __future__ import annotations

import csv
import io
from datetime import datetime

import pytest

from playbook.content.models import DiscussionPrompt
from playbook.content.questions import Choice, Numeric, SingleChoice
from playbook.domain.workshop import AgendaItem, Standing, TeamStanding
from playbook.domain.workshop_analysis import (
    CSV_HEADER,
    AnswerRow,
    ItemStats,
    bar_chart,
    export_csv,
    export_markdown,
    md_text,
    safe_cell,
)

SINGLE = SingleChoice(
    id="form",
    prompt="What was the deal in law?",
    explanation="",
    choices=(Choice("merger", "A merger"), Choice("jv", "A joint venture")),
    answer="merger",
    case_id="aol",
)
NUMERIC = Numeric(
    id="loss",
    prompt="The change in value, in $bn?",
    explanation="",
    answer=-54,
    unit="bn",
    case_id="aol",
)


def parse(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text)))


# -- CSV ---------------------------------------------------------------------------------------


def test_the_csv_has_the_header_and_one_row_per_participant_and_question():
    rows = [
        AnswerRow("Ada", "Red", 1, SINGLE, "merger", 1.0, 875, 5.04, "high"),
        AnswerRow("Ada", "Red", 2, NUMERIC, -54, 1.0, 1000, 12.0, None),
        AnswerRow("Ben", None, 1, SINGLE, "jv", 0.0, 0, 3.0, "low"),
        AnswerRow("Ben", None, 2, NUMERIC),  # not answered
    ]
    table = parse(export_csv(rows))
    assert (
        tuple(table[0])
        == CSV_HEADER
        == (
            "participant",
            "team",
            "item",
            "question",
            "answer",
            "correct",
            "score",
            "points",
            "seconds",
            "confidence",
        )
    )
    assert table[1:] == [
        [
            "Ada",
            "Red",
            "1",
            "What was the deal in law?",
            "A merger",
            "yes",
            "1",
            "875",
            "5.0",
            "high",
        ],
        [
            "Ada",
            "Red",
            "2",
            "The change in value, in $bn?",
            "'-54 bn",
            "yes",
            "1",
            "1000",
            "12.0",
            "",
        ],
        [
            "Ben",
            "",
            "1",
            "What was the deal in law?",
            "A joint venture",
            "no",
            "0",
            "0",
            "3.0",
            "low",
        ],
        ["Ben", "", "2", "The change in value, in $bn?", "", "", "", "0", "", ""],
    ]


def test_partial_credit_is_marked_partly():
    table = parse(export_csv([AnswerRow("Ada", None, 1, SINGLE, "merger", 0.5, 250, 1.0)]))
    assert table[1][5:7] == ["partly", "0.5"]


def test_commas_quotes_and_line_breaks_survive_the_round_trip():
    name = 'Ada "the Countess", of\nLovelace'
    table = parse(export_csv([AnswerRow(name, "R&D, Europe", 1, SINGLE, "jv", 0.0)]))
    assert table[1][:2] == [name, "R&D, Europe"]


@pytest.mark.parametrize(
    "name",
    [
        '=HYPERLINK("http://evil.example","click")',
        "+1+2",
        "-2+3",
        "@SUM(A1:A9)",
        "\t=1+1",
        "\r=1+1",
    ],
)
def test_cells_that_a_spreadsheet_would_run_as_formulas_are_neutralised(name):
    table = parse(export_csv([AnswerRow(name, name, 1, SINGLE, "jv", 0.0)]))
    assert table[1][0] == "'" + name
    assert table[1][1] == "'" + name


def test_plain_numbers_and_ordinary_text_are_left_alone():
    assert safe_cell("-54") == "-54"
    assert safe_cell("-3.5") == "-3.5"
    assert safe_cell("Ada") == "Ada"
    assert safe_cell("a=b") == "a=b"
    assert safe_cell("") == ""
    assert safe_cell("-") == "'-"


# -- Markdown ----------------------------------------------------------------------------------

ITEMS = [
    AgendaItem("question", "aol/form", "What was the deal in law?"),
    AgendaItem("discussion", "north-star", "North Star"),
    AgendaItem("question", "aol/loss", "The change in value?"),
]
DISTRIBUTIONS = {
    "aol/form": [("A merger", 6), ("A joint venture", 2)],
    "aol/loss": [("Right", 0), ("Wrong", 0)],
}
STATS = [
    ItemStats("aol/form", 8, 0.75, 0.5, 0.41, "good"),
    ItemStats("aol/loss", 0, None, None, None, "not enough answers"),
]
PROMPTS = {
    "north-star": [
        DiscussionPrompt("Turn *convergence* into a North Star.", "A number and a date."),
        "Who owns it?",
    ]
}
STANDINGS = [
    Standing(1, 1, "Ada | admin", "Red", 1875),
    Standing(2, 2, "<b>Ben</b>", None, 900),
]


def debrief(**extra) -> str:
    return export_markdown(
        "Alliances 101 | Spring",
        "K7MQ2P",
        datetime(2025, 3, 14, 9, 30),
        ITEMS,
        DISTRIBUTIONS,
        STATS,
        PROMPTS,
        STANDINGS,
        **extra,
    )


def test_the_debrief_opens_with_the_title_code_and_date():
    lines = debrief().splitlines()
    assert lines[0] == r"# Alliances 101 \| Spring"
    assert lines[2] == "Join code K7M-Q2P · 2025-03-14 09:30"


def test_each_question_shows_its_answers_as_a_text_bar_chart():
    text = debrief()
    assert "## 1. What was the deal in law?" in text
    chart = text.split("## 1. What was the deal in law?")[1].split("## 2.")[0]
    assert "```text" in chart
    assert "A merger         ██████████████████████████████  6" in chart
    assert "A joint venture  ██████████" in chart
    assert "## 3. The change in value?\n\nNo answers." in text


def test_right_answers_are_shown_when_given():
    text = debrief(right_answers={"aol/form": "A merger"})
    assert "Right answer: A merger" in text


def test_each_discussion_item_lists_its_prompts():
    text = debrief()
    assert "## 2. North Star" in text
    assert r"- Turn \*convergence\* into a North Star." in text
    assert "  - *A strong answer:* A number and a date." in text
    assert "- Who owns it?" in text


def test_the_item_analysis_is_a_markdown_table():
    text = debrief()
    assert "## Item analysis" in text
    assert "| Question | Answered | Facility | Discrimination | Point-biserial | Verdict |" in text
    assert "| What was the deal in law? | 8 | 0.75 | 0.50 | 0.41 | good |" in text
    assert "| The change in value? | 0 | – | – | – | not enough answers |" in text


def test_the_leaderboard_keeps_names_literal_and_the_table_intact():
    text = debrief()
    assert "| Rank | Name | Team | Points |" in text
    assert r"| 1 | Ada \| admin | Red | 1875 |" in text
    assert r"| 2 | \<b\>Ben\</b\> |  | 900 |" in text
    row = next(line for line in text.splitlines() if "Ada" in line)
    assert row.replace(r"\|", "").count("|") == 5  # four cells, however the name is spelled


def test_team_standings_are_added_when_given():
    text = debrief(teams=[TeamStanding(1, "Red", 2, 3000, 1500.0)])
    assert "| 1 | Red | 2 | 3000 | 1500 |" in text


def test_markdown_escaping_keeps_user_text_literal():
    assert md_text("a | b") == r"a \| b"
    assert md_text("*bold* _it_ `code` [link](x) <tag>") == (
        r"\*bold\* \_it\_ \`code\` \[link\](x) \<tag\>"
    )
    assert md_text("# not a heading") == r"\# not a heading"
    assert md_text("- not a list") == r"\- not a list"
    assert md_text("1. not a list") == r"1\. not a list"
    assert md_text("two\nlines") == "two lines"


def test_a_label_with_backticks_cannot_break_out_of_the_chart():
    chart = bar_chart([("```", 1), ("ok", 2)])
    fence = chart.splitlines()[0].removesuffix("text")
    assert len(fence) > 3
    assert chart.endswith("\n" + fence)


def test_the_debrief_renders_as_real_tables_with_the_names_intact():
    from markdown_it import MarkdownIt

    html = MarkdownIt("gfm-like").render(debrief())
    assert html.count("<table>") == 2
    assert "<td>Ada | admin</td>" in html
    assert "<td>&lt;b&gt;Ben&lt;/b&gt;</td>" in html  # shown, not run as HTML
