"""Content: load and validate 1,000 generated cases, against parsing the same YAML alone."""

from __future__ import annotations

import statistics
import tempfile
import time
from pathlib import Path

import yaml

from playbook.content.cache import load_library_cached
from playbook.content.validate import validate
from playbook.paths import bundled_content

COUNT = 1000
RUNS = 5
STAGES = ("north-star", "vibe-check", "divorce-papers", "alliance-manager", "pilot")

# A generated case: every field, one question of each of the seven types.
TEMPLATE = """---
id: {id}
title: Generated case {n}
parties: [Alpha {n} Ltd, Beta {n} plc]
years: 20{yy:02d}-2030
industry: testing
direction: horizontal
form: joint venture
ended_as: acquisition
legal_form: A 50/50 joint venture, later bought out by one partner.
led_from: Germany
decision:
  protagonist: Ann Alpha, chief executive of Alpha {n} Ltd
  date: "January 20{yy:02d}"
  question: Should Alpha form a 50/50 venture with Beta, and on what exit terms?
teaching_note:
  objectives: [Explain what the legal form decides about the exit.]
  plan:
    - {{minutes: 30, activity: Decide and defend it.}}
    - {{minutes: 45, activity: Work through the exhibits.}}
  board_plan: [What each side brings]
  live_questions: [form, equal]
outcome: mixed
stages: [{stages}]
summary: Generated case number {n}, for the benchmark.
figures:
  - {{label: Price, value: about ${price} million}}
  - {{label: Stake, value: 50% each}}
sources:
  - {{title: "The Generated Times, case {n}", url: "https://example.org/{n}"}}
  - {{title: Another source, url: "https://example.org/b/{n}"}}
discussion:
  - {{prompt: What should they have agreed first?, strong_answer: The exit terms.}}
  - {{prompt: Who should run the bridge?, strong_answer: A named alliance manager.}}
  - {{prompt: What would a pilot have shown?, strong_answer: Whether the cultures mesh.}}
questions:
  - id: form
    type: single
    stage: divorce-papers
    prompt: What was it in law?
    choices:
      - {{id: jv, text: A joint venture, feedback: Right.}}
      - {{id: merger, text: A merger, feedback: No merger happened.}}
      - {{id: licence, text: A licence, feedback: No licence either.}}
    answer: jv
    explanation: It was a 50/50 joint venture.
  - id: signs
    type: multiple
    stage: pilot
    prompt: Which were warning signs?
    choices:
      - {{id: a, text: Missed milestones, feedback: Yes.}}
      - {{id: b, text: A shared goal, feedback: That helps rather than warns.}}
      - {{id: c, text: Leadership change, feedback: Yes.}}
    answer: [a, c]
    explanation: Missed milestones and a leadership change.
  - id: equal
    type: true_false
    stage: north-star
    prompt: It was owned 50/50.
    answer: true
    explanation: Each side owned half.
  - id: timeline
    type: ordering
    stage: pilot
    prompt: Put these in order.
    items: [Formed, Pilot, Roll-out, Buy-out]
    explanation: Formed, piloted, rolled out, bought out.
  - id: match
    type: matching
    stage: divorce-papers
    prompt: Match each decision to its stage.
    pairs:
      - {{left: Exit terms, right: Divorce papers}}
      - {{left: One goal, right: North Star}}
      - {{left: Test in one city, right: Pilot}}
    explanation: Each decision belongs to one stage.
  - id: buyer
    type: short
    stage: divorce-papers
    prompt: Who bought the other out?
    accept: [Alpha, Alpha {n} Ltd]
    explanation: Alpha did.
  - id: price
    type: numeric
    stage: divorce-papers
    prompt: What did the buy-out cost, in US$ million?
    answer: {price}
    tolerance: 1
    unit: US$ million
    explanation: About ${price} million.
---
## The decision

In January 20{yy:02d} Ann Alpha had to decide whether to make widgets with Beta {n}.

## Exhibit 1: What each side brings

| Side | Brings |
|---|---|
| Alpha | The factory |
| Beta | The customers |

Source: The Generated Times.

## Exhibit 2: The terms on the table

| Term | Proposed |
|---|---|
| Ownership | 50/50 |
| Exit | A buy-out at a set price |

Source: The Generated Times.

## Outcome

Alpha {n} and Beta {n} made widgets together until Alpha bought Beta's half.
"""


def generate(folder: Path) -> list[Path]:
    """1,000 generated cases (and the bundled stages they point to)."""
    (folder / "cases").mkdir(parents=True)
    (folder / "checklists").mkdir()
    for stage in (bundled_content() / "checklists").glob("*.md"):
        (folder / "checklists" / stage.name).write_text(stage.read_text("utf-8"), "utf-8")
    paths = []
    for n in range(COUNT):
        case_id = f"generated-{n:04d}"
        path = folder / "cases" / f"{case_id}.md"
        stages = ", ".join(STAGES[(n + k) % len(STAGES)] for k in range(3))
        text = TEMPLATE.format(id=case_id, n=n + 1, yy=n % 30, stages=stages, price=1000 + n)
        path.write_text(text, "utf-8")
        paths.append(path)
    return paths


def bare_parse(paths: list[Path]) -> None:
    """The floor: read each file, cut out its front matter, parse it with libyaml."""
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    for path in paths:
        text = path.read_text("utf-8")
        front = text.split("\n---\n", 1)[0].removeprefix("---\n")
        yaml.load(front, Loader=loader)  # CSafeLoader: the safe loader


def run() -> list[dict]:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        paths = generate(folder)
        bare_times, load_times = [], []
        bare_parse(paths)  # warm the file cache
        for _ in range(RUNS):
            start = time.perf_counter()
            bare_parse(paths)
            bare_times.append(time.perf_counter() - start)
            start = time.perf_counter()
            library, problems = validate([folder])
            load_times.append(time.perf_counter() - start)
            assert len(library.cases) == COUNT and not problems, problems[:3]
        cache = folder / "cache"
        load_library_cached([folder], cache)  # the first start parses and writes the cache
        warm_times = []
        for _ in range(RUNS):
            start = time.perf_counter()
            assert len(load_library_cached([folder], cache).cases) == COUNT
            warm_times.append(time.perf_counter() - start)
    bare, load = statistics.median(bare_times), statistics.median(load_times)
    warm = statistics.median(warm_times)
    return [
        {
            "name": f"load + validate {COUNT} cases",
            "value": load,
            "unit": "s",
            "baseline_name": "the same files' front matter parsed with libyaml alone",
            "baseline": bare,
            "ratio": load / bare,
            "target": "<= 1.5",
            "ok": load / bare <= 1.5,
            "note": "under a second only from the cache (next row): libyaml alone needs more",
        },
        {
            "name": f"load {COUNT} cases again (cached)",
            "value": warm,
            "unit": "s",
            "baseline_name": "the same bare parse",
            "baseline": bare,
            "ratio": warm / bare,
            "target": "< 1 s",
            "ok": warm < 1.0,
        },
    ]
