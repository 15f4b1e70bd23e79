"""Profile text: screened and sanitised like every other text others will see."""

from __future__ import annotations

from models import User

from ..content import render_markdown
from ..database import write_transaction
from ..moderation.reviews import open_review
from ..text_input import clean_text
from .accounts import REGIONS
from .errors import ValidationError
from .screening import screen_all

BIO_MAX = 1000


def update_profile(user: User, bio: str, region: str, timezone: str) -> None:
    """Change the bio, region and time zone; a bio that needs review stays private until approved."""
    from zoneinfo import available_timezones

    bio = clean_text(bio)
    if len(bio) > BIO_MAX:
        raise ValidationError(f"Keep your bio under {BIO_MAX} characters.", "bio")
    if region not in REGIONS:
        raise ValidationError("Choose a region from the list.", "region")
    if timezone not in available_timezones():
        raise ValidationError("Choose a time zone from the list.", "timezone")
    verdict = screen_all({"bio": (bio, "bio")}, None, user)
    if verdict.action in ("reject", "hold"):
        raise ValidationError(verdict.author_message or "That bio can't be shown. Please rephrase it.", "bio")
    with write_transaction():
        user.bio_source = verdict.masked.get("bio", bio)
        user.bio_html = render_markdown(user.bio_source)
        user.region, user.timezone = region, timezone
        if verdict.needs_review:
            open_review(user, verdict.signals, priority=verdict.priority or "normal")
