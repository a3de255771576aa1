"""Urgent-symptom triage: words in a question that may mean it needs care now.

Never a diagnosis: a match only shows the asker what to do now and puts the question at the
top of doctors' dashboards. A phrase does not count when a negation comes just before it in
the same sentence ("no vision change", "I don't have trouble breathing").
"""

import re
from dataclasses import dataclass

from forum.models import UrgentRule

NEGATIONS = {"no", "not", "without", "never", "none", "nor", "denies", "deny", "free"}
WINDOW = 4  # words before a phrase in which a negation cancels it
SENTENCE_END = re.compile(r"[.!?;\n]")


@dataclass(frozen=True)
class Match:
    name: str
    advice: str
    phrase: str


def normalise(text: str) -> str:
    text = text.replace("\u2019", "'").replace("\u2018", "'").lower()
    return " ".join(text.split())


def negated(before: str) -> bool:
    """Whether the words just before a phrase (same sentence) negate it."""
    sentence = SENTENCE_END.split(before)[-1]
    words = [word.strip(",:()\"'") for word in sentence.split()][-WINDOW:]
    return any(word in NEGATIONS or word.endswith("n't") for word in words)


def find(text: str, treatments: list[str], rules=None) -> list[Match]:
    """The rules the text matches, each once, in rule order."""
    body = normalise(text)
    names = {name.strip().lower() for name in treatments}
    found = []
    for rule in rules if rules is not None else UrgentRule.objects.filter(active=True):
        wanted = rule.treatment_set()
        if wanted and not wanted & names:
            continue
        for phrase in rule.phrase_list():
            pattern = re.compile(r"(?<!\w)" + re.escape(phrase) + r"\w*")
            hit = next((m for m in pattern.finditer(body) if not negated(body[: m.start()])), None)
            if hit:
                found.append(Match(rule.name, rule.advice, phrase))
                break
    return found


def reasons(title: str, body: str, treatments: list[str]) -> list[str]:
    """What a question stores: the names of the rules its title and body match."""
    return [match.name for match in find(f"{title}.\n{body}", treatments)]


def advice_for(names: list[str]) -> list[Match]:
    rules = {rule.name: rule for rule in UrgentRule.objects.filter(name__in=names)}
    return [Match(name, rules[name].advice if name in rules else "", "") for name in names]
