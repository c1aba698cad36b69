"""Complaints about the council's service, and grievances aired by its own staff.

Ludgershall §7: "Do not use personal social media to raise or discuss a complaint or
grievance about the council, Cllrs or Staff. If you have a complaint, you should use the
council's formal grievance procedures." A resident's complaint goes to the complaints
procedure; a member of staff's (or a councillor's) grievance aired in public goes to the
grievance procedure, and may itself be a breach of the policy.

The words are in ``lexicons/triage_complaint.txt`` and ``triage_grievance.txt``.
"""

from __future__ import annotations

from civicpost.engine.post import Post
from civicpost.engine.triage.complaint import asks_about_state, find_service_fault
from civicpost.engine.triage.cues import Cue, CueList, quote
from civicpost.engine.triage.result import TriageLabel
from civicpost.engine.triage.workplace import works_for_council

_COMPLAINT = CueList("triage_complaint", default_kind="failure")
_GRIEVANCE = CueList("triage_grievance", default_kind="wrong")
_COMPLAINT_WHY = {
    "explicit": "says it is a complaint",
    "failure": "reports a service not done or done badly",
}


def find_complaint(post: Post, explicit_only: bool = False) -> TriageLabel | None:
    """The first words that make the message a complaint, or None. A complaint in words
    ("I wish to complain") is preferred as the reason to a reported failure
    (``triage_complaint.txt``, then the grammar of :mod:`civicpost.engine.triage.complaint`);
    with ``explicit_only`` it is the only reason taken. A question about a state ("Is Forest
    Road still closed tomorrow?") is not a complaint."""
    cues = _COMPLAINT.find(post)
    explicit = next((c for c in cues if c.kind == "explicit"), None)
    if explicit is None and explicit_only:
        return None
    cue = explicit or next((c for c in cues if not asks_about_state(post, c.start)), None)
    if cue is not None:
        what = _COMPLAINT_WHY.get(cue.kind, _COMPLAINT_WHY["failure"])
        why = f"{quote(post.text, cue.start, cue.end)} {what}"
        return TriageLabel("complaint", why, cue.start, cue.end)
    fault = find_service_fault(post)
    if fault is None:
        return None
    start, end, what = fault
    return TriageLabel("complaint", f"{quote(post.text, start, end)} {what}", start, end)


def find_grievance(post: Post) -> TriageLabel | None:
    """A grievance aired by someone who works for the council, or None: the message must say
    the writer works there (a phrase of ``triage_grievance.txt`` or the grammar of
    :mod:`civicpost.engine.triage.workplace`) and name a wrong done at work, or raise a
    grievance in words."""
    cues = _GRIEVANCE.find(post)
    explicit = next((c for c in cues if c.kind == "explicit"), None)
    if explicit is not None:
        return _grievance(post, explicit, "raises a grievance in public")
    wrong = next((c for c in cues if c.kind == "wrong"), None)
    if wrong is None:
        return None
    staff_cue = next((c for c in cues if c.kind == "staff"), None)
    staff = (staff_cue.start, staff_cue.end) if staff_cue is not None else works_for_council(post)
    if staff is None:
        return None
    start, end = min(staff[0], wrong.start), max(staff[1], wrong.end)
    why = (f"{quote(post.text, *staff)} (the writer works for the council) with "
           f"{quote(post.text, wrong.start, wrong.end)}: a grievance aired in public")
    return TriageLabel("grievance", why, start, end)


def _grievance(post: Post, cue: Cue, what: str) -> TriageLabel:
    return TriageLabel("grievance", f"{quote(post.text, cue.start, cue.end)} {what}", cue.start, cue.end)
