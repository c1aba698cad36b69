"""PD009 and PD010 photographs of children or of people without recorded consent."""

from __future__ import annotations

from collections.abc import Iterator

from civicpost.engine.findings import Fix, Hit
from civicpost.engine.post import Post
from civicpost.engine.rules import Rule, register


@register
class ChildrenInImageWithoutConsent(Rule):
    """An image or video that shows children, without recorded consent.

    **Why it matters:** the policy asks everyone to be aware of safeguarding, because social
    media is misused by offenders. A child may be shown only with a parent's or guardian's
    written consent, recorded before the post goes out.

    **Avoid:** a photograph of the children's lantern parade with no consent recorded.

    **Write instead:** record the parents' consent on the attachment, or use a photograph
    in which no child can be recognised (taken from behind, or of the lanterns alone).
    """

    code = "PD009"
    title = "Children in an image without consent"

    def find(self, post: Post) -> Iterator[Hit]:
        for number, item in enumerate(post.context.media, start=1):
            if item.shows_children and not item.consent:
                yield Hit(0, 0, f"Attachment {number} shows children and no consent is recorded: "
                                "a parent's or guardian's written consent is needed first.",
                          Fix(f"Record consent for attachment {number}, or use an image in which "
                              "no child can be recognised."))


@register
class PeopleInImageWithoutConsent(Rule):
    """An image or video that shows identifiable people, without recorded consent.

    **Why it matters:** a photograph of a recognisable person is their personal data. Record
    their consent, or use a wide shot in which nobody can be recognised.

    **Avoid:** a close-up of residents at the litter pick with no consent recorded.

    **Write instead:** record the residents' consent on the attachment, or use a photograph of
    the bags collected.
    """

    code = "PD010"
    title = "People in an image without consent"

    def find(self, post: Post) -> Iterator[Hit]:
        for number, item in enumerate(post.context.media, start=1):
            if item.shows_people and not item.shows_children and not item.consent:
                yield Hit(0, 0, f"Attachment {number} shows people who can be recognised and no "
                                "consent is recorded.",
                          Fix(f"Record consent for attachment {number}, or use an image in which "
                              "nobody can be recognised."))
