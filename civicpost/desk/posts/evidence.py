"""The evidence pack: a post's whole history in one ZIP file, for an FOI answer, a complaint or a
disciplinary case. It holds a readable HTML page, the same facts as JSON, the images, and a
manifest of SHA-256 sums; the audit events inside carry their chain hashes, so the pack can be
checked against the live audit trail later."""

from __future__ import annotations

import hashlib
import io
import json
import zipfile
from typing import Any

from django.template.loader import render_to_string
from django.utils import timezone

from civicpost.desk.audit.models import AuditEvent
from civicpost.desk.posts.models import Post
from civicpost.desk.posts.presenting import pieces


def facts(post: Post) -> dict[str, Any]:
    events = AuditEvent.objects.filter(subject_type="post", subject_id=str(post.pk)).order_by("at", "pk")
    return {
        "council": post.council.name,
        "post": {"id": post.pk, "type": post.post_type, "kind": post.kind, "status": post.status,
                 "author": f"{post.author.name} <{post.author.email}>",
                 "created": post.created.isoformat(), "in_reply_to": post.in_reply_to,
                 "scheduled_for": post.scheduled_for.isoformat() if post.scheduled_for else None,
                 "fast_tracked": post.fast_tracked,
                 "channels": [str(c) for c in post.channels.all()]},
        "versions": [{
            "number": v.number, "created": v.created.isoformat(), "author": v.author.email,
            "text": v.text, "media": v.media, "verdict": v.verdict, "findings": v.findings,
            "policy": {"version": v.policy_version.number, "based_on": v.policy_version.based_on,
                       "sha256": v.policy_version.pack_sha256},
            "context": v.check_context,
        } for v in post.versions.select_related("author", "policy_version").order_by("number")],
        "decisions": [{"action": d.action, "version": d.version.number, "at": d.at.isoformat(),
                       "by": d.by.email if d.by else "system", "comment": d.comment,
                       "overridden": d.overridden_codes}
                      for d in post.decisions.select_related("by", "version")],
        "publications": [{"channel": str(p.channel), "state": p.state, "url": p.url,
                          "external_id": p.external_id, "idempotency_key": p.idempotency_key,
                          "published_at": p.published_at.isoformat() if p.published_at else None,
                          "recorded_by": p.recorded_by.email if p.recorded_by else None,
                          "last_error": p.last_error}
                         for p in post.publications.select_related("channel", "recorded_by")],
        "attachments": [{"name": a.original_name, "sha256": a.sha256, "size": a.size,
                         "content_type": a.content_type, "alt": a.alt, "credit": a.credit,
                         "removed": a.removed} for a in post.attachments.all()],
        "audit_events": [e.to_dict() for e in events],
    }


def build(post: Post, exported_by: Any) -> bytes:
    data = facts(post)
    data["exported"] = {"at": timezone.now().isoformat(), "by": exported_by.email}
    body = json.dumps(data, ensure_ascii=False, indent=1, default=str).encode("utf-8")
    versions = [{**v, "pieces": pieces(v["text"], v["findings"])} for v in data["versions"]]
    page = render_to_string("posts/evidence.html", {**data, "versions": versions}).encode("utf-8")
    files: dict[str, bytes] = {"evidence.json": body, "evidence.html": page}
    for attachment in post.attachments.all():
        with attachment.file.open("rb") as handle:
            files[f"images/{attachment.sha256}-{_safe(attachment.original_name)}"] = handle.read()
    manifest = "".join(f"{hashlib.sha256(content).hexdigest()}  {name}\n"
                       for name, content in sorted(files.items()))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in files.items():
            archive.writestr(name, content)
        archive.writestr("SHA256SUMS", manifest)
    return buffer.getvalue()


def _safe(name: str) -> str:
    return "".join(c if c.isalnum() or c in "._-" else "_" for c in name)[:80] or "image"
