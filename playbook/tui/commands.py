"""Provides the command palette entries that jump to any stage, case or quiz."""

from __future__ import annotations

from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.markup import escape


class PlaybookCommands(Provider):
    """Alliances, their stages, cases and quizzes by name: 'Alliance: Harbour Market',
    'Stage: Vibe check · Tidewell × Harbour Market', 'Quiz: Disney'..."""

    def _entries(self) -> list[tuple[str, str, object]]:
        app = self.app
        entries: list[tuple[str, str, object]] = []
        if app.participant_mode:  # a workshop participant reaches the workshop only
            return entries
        alliances = app.services.alliances.of_profile(app.profile.id) if app.profile else []
        for alliance in alliances:
            entries.append(
                (
                    f"Alliance: {alliance.name}",
                    f"{alliance.our_side} with {alliance.partner}: its five stages",
                    partial(app._open_alliance, alliance),
                )
            )
        for alliance in alliances:
            for stage in app.library.ordered_stages:
                entries.append(
                    (
                        f"Stage: {stage.title} · {alliance.name}",
                        stage.summary,
                        partial(app.open_stage, stage.id, alliance),
                    )
                )
        if not alliances:
            for stage in app.library.ordered_stages:
                entries.append(
                    (
                        f"Stage: {stage.title}",
                        "Start an alliance first; then work through " + stage.summary,
                        partial(app.open_stage, stage.id),
                    )
                )
        for case in app.library.ordered_cases:
            entries.append(
                (
                    f"Case: {case.title}",
                    f"{case.years} · {case.form}",
                    partial(app.open_case, case.id),
                )
            )
        for case in app.library.owners:  # the cases, then the question banks
            if case.questions:
                entries.append(
                    (
                        f"Quiz: {case.title}",
                        f"{len(case.questions)} questions, practice or exam"
                        + (" (question bank)" if case.id in app.library.banks else ""),
                        partial(app.take_quiz, case.id),
                    )
                )
        # The palette reads markup; titles and summaries come from content files.
        return [(escape(title), escape(help_text), call) for title, help_text, call in entries]

    async def discover(self) -> Hits:
        for title, help_text, callback in self._entries():
            yield DiscoveryHit(title, callback, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for title, help_text, callback in self._entries():
            score = matcher.match(title)
            if score > 0:
                yield Hit(score, matcher.highlight(title), callback, help=help_text)
