"""Profile text: screened and sanitised like every other text others will see."""

from __future__ import annotations

from models import User

from ..content import render_markdown
from ..database import write_transaction
from ..moderation.reviews import open_review
from ..text_input import clean_text
from .accounts import REGIONS
from .errors import ValidationError
from .screening import Verdict, screen_all
from .settings_rules import check_timezone

BIO_MAX = 1000
# The pipeline's own messages speak of posts; a bio gets its own words.
BIO_HELD = "Your bio is saved, but only you can see it until a moderator has looked at it."
BIO_SUPPORT = (
    "Thank you for sharing this. If things feel hard right now, the services below can help at any time."
)
BIO_REFUSED = "That bio can't be shown on your profile. Please rephrase it."


def update_profile(user: User, bio: str, region: str, timezone: str, show_groups: bool = True) -> Verdict:
    """Change the bio, region, time zone and whether the profile lists the member's rooms; a bio that needs
    review is kept private until approved.

    `user` must be the User itself, not Flask-Login's `current_user` proxy: it may become a review's target.
    """
    bio = clean_text(bio)
    if len(bio) > BIO_MAX:
        raise ValidationError(f"Keep your bio under {BIO_MAX} characters.", "bio")
    if region not in REGIONS:
        raise ValidationError("Choose a region from the list.", "region")
    timezone = check_timezone(timezone, stored=user.timezone)
    verdict = screen_all({"bio": (bio, "bio")}, None, user)
    if verdict.action == "reject":
        raise ValidationError(BIO_REFUSED, "bio")
    with write_transaction():
        user.bio_source = verdict.masked.get("bio", bio)
        user.bio_html = render_markdown(user.bio_source)
        # A bio that passes screening is shown at once, as an edited post is; an open review stays open.
        user.bio_status = "held" if verdict.is_held else "visible"
        user.region, user.timezone, user.show_groups = region, timezone, bool(show_groups)
        if verdict.needs_review:
            open_review(user, verdict.signals, priority=verdict.priority or "normal")
    return verdict
