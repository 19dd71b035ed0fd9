"""The rules `framing check` itself reports: policy thresholds and suppression comments."""

from __future__ import annotations

from framing.rules.core import Category, Rule

THRESHOLD = Category(
    id="threshold",
    name="Policy thresholds",
    description="A document's framing index or a category's density above the maximum the policy sets.",
    severity="error",
    weight=0.0,
    references=("The project's own policy ([thresholds] in .framing.toml or [tool.framing]).",),
)
SUPPRESSION = Category(
    id="suppression",
    name="Suppression comments",
    description="Inline suppression comments that name no known rule, give no reason, or suppress nothing.",
    severity="error",
    weight=0.0,
    references=("ruff's RUF100 (unused noqa) and sqlfluff's noqa checks are the model.",),
)
CATEGORIES = (THRESHOLD, SUPPRESSION)


def threshold_rule(measure: str, name: str) -> Rule:
    """`threshold/<measure>`: `framing-index` or a category id."""
    return Rule(
        id=f"threshold/{measure}", category=THRESHOLD.id, detector="check", severity="error", weight=0.0,
        explanation=f"The document's {name} per 1,000 words is above the maximum this project's policy sets.",
        suggestion="Revise the wording the findings point at, or raise the maximum in the policy if it is too strict.",
        references=THRESHOLD.references, name=f"Maximum {name}", path=__name__,
    )


UNKNOWN_RULE = Rule(
    id="suppression/unknown-rule", category=SUPPRESSION.id, detector="check", severity="error", weight=0.0,
    explanation="The suppression comment names a rule or category that does not exist, so it suppresses nothing.",
    suggestion="Use a rule id (distancing/so-called) or a category id (distancing); `framing check --list-rules` lists them.",
    references=SUPPRESSION.references, name="Unknown rule in a suppression", path=__name__,
)
MISSING_REASON = Rule(
    id="suppression/missing-reason", category=SUPPRESSION.id, detector="check", severity="error", weight=0.0,
    explanation="The policy asks every suppression to say why (--require-reason), and this one does not.",
    suggestion="Add the reason after ' -- ': <!-- framing-disable-next-line distancing -- quoting the ministry's own name -->.",
    references=SUPPRESSION.references, name="Suppression without a reason", path=__name__,
)
UNUSED = Rule(
    id="suppression/unused", category=SUPPRESSION.id, detector="check", severity="warning", weight=0.0,
    explanation="The suppression comment suppresses no finding: the wording it excused is gone or never matched.",
    suggestion="Remove the comment.",
    references=SUPPRESSION.references, name="Unused suppression", path=__name__,
)
RULES = (threshold_rule("framing-index", "framing index"), UNKNOWN_RULE, MISSING_REASON, UNUSED)
