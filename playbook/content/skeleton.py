"""Provides case_skeleton: a new case file with every field there and explained, for
`playbook new case SLUG`.

Every value the author has to give holds a placeholder (FILL IN ...), which `validate`
reports at its line until it is replaced (content/placeholders.py); the comments say what
each field is and stay. Everything else is already right for the case standard: the
narrative's sections in order, two exhibits with their tables and sources, a teaching
plan that adds up to a class, and one question of each kind, each pointing at a section
that exists. Once every placeholder is replaced, the case validates and can be quizzed.
"""

from __future__ import annotations

from playbook.content.models import DIRECTIONS, FORMS, OUTCOMES, STAGE_IDS

SKELETON = """\
---
# A case for Alliance Playbook. Replace every "FILL IN ..." (keep the quotes when the text
# holds a colon), then check it: playbook --content DIR validate. The comments may stay.
# The format is described in content/README.md of the app.
id: {slug}                 # never change it once people have used the case: progress is kept by id
title: "FILL IN: the case's title, e.g. Acme and Globex"
parties: ["FILL IN: the first company", "FILL IN: the second company"]
years: "FILL IN: when it ran, e.g. 2010-2016"
industry: "FILL IN: the industry, e.g. logistics"
led_from: "FILL IN: the country (or countries) of the party that led it"
direction: "FILL IN: one of {directions}"
form: "FILL IN: one of {forms}"
# ended_as: acquisition    # optional: the form it turned into at the end
legal_form: "FILL IN: what it was in law, honestly, in a sentence or two"
outcome: "FILL IN: one of {outcomes}"
stages: [{stages_example}]   # what it teaches, the main lesson first: {stage_ids}
summary: "FILL IN: one line a trainee remembers"
decision:                  # the dated choice the case puts to the reader
  protagonist: "FILL IN: who had to decide, and their role"
  date: "FILL IN: when, e.g. March 2010"
  question: "FILL IN: what they had to decide, as a question"
figures:                   # optional: numbers worth having at hand
  - label: "FILL IN: what the number is"
    value: "FILL IN: the number, e.g. about $2.5 million a year"
sources:                   # required: every case names its sources
  - title: "FILL IN: the source, e.g. The Herald, 'Acme signs with Globex' (2010)"
    url: "FILL IN: its address, https://..."
teaching_note:             # for facilitators: never shown to trainees before they answer
  objectives:
    - "FILL IN: what a trainee can do after the class"
  plan:                    # the minutes add up to a class of 60 to 90
    - {{minutes: 20, activity: "FILL IN: the opening, e.g. cold call on the decision"}}
    - {{minutes: 40, activity: "FILL IN: the exhibits, in groups"}}
    - {{minutes: 15, activity: "FILL IN: read the outcome and compare"}}
  board_plan:
    - "FILL IN: what goes on the board"
  live_questions: [single-choice]   # ids of this case's questions to use live
discussion:                # the facilitator's discussion guide
  - prompt: "FILL IN: an open question for a group"
    strong_answer: "FILL IN: what a strong answer covers"
questions:                 # one of each kind; delete the ones you do not want, add more
  - id: single-choice      # a slug, unique in the case; never change it once used
    type: single           # one right choice
    stage: {first_stage}   # optional: the playbook stage it illustrates
    see: The decision      # optional: the section of the narrative that teaches it
    prompt: "FILL IN: the question"
    choices:
      - {{id: a, text: "FILL IN: the right choice", feedback: "FILL IN: why it is right"}}
      - {{id: b, text: "FILL IN: a wrong choice", feedback: "FILL IN: why it is wrong"}}
      - {{id: c, text: "FILL IN: another wrong choice", feedback: "FILL IN: why it is wrong"}}
    answer: a              # the right choice's id
    explanation: "FILL IN: what the answer teaches, pointing back to the case"
  - id: multiple-choice
    type: multiple         # several right choices; partial credit
    prompt: "FILL IN: a question with several right answers"
    choices:
      - {{id: a, text: "FILL IN: a right choice", feedback: "FILL IN: why"}}
      - {{id: b, text: "FILL IN: another right choice", feedback: "FILL IN: why"}}
      - {{id: c, text: "FILL IN: a wrong choice", feedback: "FILL IN: why not"}}
    answer: [a, b]
    explanation: "FILL IN: what the answer teaches"
  - id: true-or-false
    type: true_false
    prompt: "FILL IN: a statement that is true or false"
    answer: true           # true or false
    feedback_true: "FILL IN: shown to someone who answered true"
    feedback_false: "FILL IN: shown to someone who answered false"
    explanation: "FILL IN: what the answer teaches"
  - id: in-order
    type: ordering         # the items in the right order; shown shuffled
    prompt: "FILL IN: put these in order, earliest first"
    items:
      - "FILL IN: the first event"
      - "FILL IN: the second event"
      - "FILL IN: the third event"
    explanation: "FILL IN: why this is the order"
  - id: matching
    type: matching         # pair each left with its right; rights may repeat
    prompt: "FILL IN: match each with its playbook stage"
    pairs:
      - {{left: "FILL IN: a decision", right: North Star}}
      - {{left: "FILL IN: another decision", right: Vibe check}}
      - {{left: "FILL IN: a third decision", right: Pilot}}
    distractors: [Divorce papers]   # optional: right-hand options that match nothing
    explanation: "FILL IN: what the pairs teach"
  - id: short-answer
    type: short            # typed text: case, punctuation and small slips are forgiven
    prompt: "FILL IN: a question answered with a name or a word"
    accept: ["FILL IN: the answer", "FILL IN: another way to write it"]
    explanation: "FILL IN: what the answer teaches"
  - id: a-number
    type: numeric
    prompt: "FILL IN: a question answered with a number, saying the unit"
    answer: "FILL IN: the number"
    tolerance: 0           # how far off still counts as right
    unit: "FILL IN: the unit, e.g. US$ million (or delete this line)"
    explanation: "FILL IN: what the number teaches"
---
## The decision

FILL IN: who had to decide what, and when; the question the reader answers. Keep what
happened afterwards for the outcome.

## Exhibit 1: FILL IN the exhibit's title

| FILL IN: a column | FILL IN: another |
|---|---|
| FILL IN: a row | FILL IN: its value |
| FILL IN: another row | FILL IN: its value |

Source: FILL IN: where the figures come from.

## Exhibit 2: FILL IN the exhibit's title

| FILL IN: a column | FILL IN: another |
|---|---|
| FILL IN: a row | FILL IN: its value |
| FILL IN: another row | FILL IN: its value |

Source: FILL IN: where the figures come from.

## Outcome

FILL IN: what happened after the decision. The app shows this only when the reader reads
on, after deciding.
"""


def case_skeleton(slug: str) -> str:
    """The skeleton of a new case whose id (and file name) is `slug`."""
    return SKELETON.format(
        slug=slug,
        directions=" | ".join(DIRECTIONS),
        forms=" | ".join(FORMS),
        outcomes=" | ".join(OUTCOMES),
        stage_ids=", ".join(STAGE_IDS),
        stages_example='"FILL IN: a stage id"',
        first_stage='"FILL IN: a stage id (or delete this line)"',
    )
