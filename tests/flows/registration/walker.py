"""Drive the conversation through ``step()`` as the bot would, rendering each screen."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field

from flows.forms import Form, load_form
from flows.i18n import translator
from flows.registration import (
    ButtonPressed,
    Effect,
    Event,
    Phase,
    RegistrationState,
    Resume,
    Screen,
    Step,
    TextInput,
    new_state,
    render_text,
    step,
)

TODAY = dt.date(2019, 12, 20)


@dataclass
class Walker:
    """One person's conversation: the stored state, what was shown last, the effects so far."""

    form: Form
    locale: str = "zh_CN"
    state: RegistrationState = field(init=False)
    last: Step = field(init=False)
    effects: list[Effect] = field(default_factory=list)

    @classmethod
    def of(cls, form_id: str, locale: str = "zh_CN") -> Walker:
        walker = cls(load_form(form_id), locale)
        walker.state = new_state(form_id)
        walker.send(Resume())
        return walker

    def send(self, event: Event) -> Step:
        """Step, check the result the way the bot relies on it, keep the state (as JSON)."""
        result = step(self.form, self.state, event, TODAY)
        stored = json.dumps(result.state.model_dump(mode="json"), ensure_ascii=False)
        self.state = RegistrationState.model_validate(json.loads(stored))
        assert self.state == result.state
        for screen in result.screens:
            for row in screen.buttons:
                for button in row:
                    assert button.data.startswith("r:") and len(button.data.encode()) <= 64
        self.last = result
        self.effects.extend(result.effects)
        return result

    def type(self, text: str) -> Step:
        return self.send(TextInput(text))

    def press(self, data: str) -> Step:
        assert data in self.buttons(), f"{data} not offered: {self.buttons()}"
        return self.send(ButtonPressed(data))

    def edit(self, field_id: str) -> Step:
        """From the review, open the section of ``field_id`` and keep its answers up to it."""
        step = self.press(f"r:sec:{self.form.field(field_id).section}")
        for _ in self.form.fields:
            if self.state.cursor == field_id:
                return step
            step = self.keep()
        raise AssertionError(f"{field_id} was not asked: {self.lines()}")

    def keep(self) -> Step:
        """Keep the answer shown (a list of entries: Done)."""
        if self.state.phase is Phase.GROUP_MENU:
            return self.press(f"r:done:{self.state.cursor}")
        return self.press(f"r:keep:{self.state.cursor}")

    def keep_rest(self) -> Step:
        """Keep the rest of the section's answers, up to the review."""
        step = self.last
        for _ in self.form.fields:
            if self.state.phase is Phase.REVIEW:
                return step
            step = self.keep()
        raise AssertionError(f"the review did not come back: {self.lines()}")

    def screen(self) -> Screen:
        return self.last.screens[-1]

    def lines(self) -> list[str]:
        t = translator(self.locale)
        return [render_text(line, t) for line in self.screen().lines]

    def text(self) -> str:
        return "\n".join(self.lines())

    def labels(self) -> list[str]:
        t = translator(self.locale)
        return [render_text(button.label, t) for row in self.screen().buttons for button in row]

    def buttons(self) -> list[str]:
        return [button.data for row in self.screen().buttons for button in row]
