"""Command-line: seeding and admin accounts (moderation commands live in forum/moderation/cli.py)."""

from __future__ import annotations

import click
from flask import Flask
from sqlalchemy import select

from models import User, db

from .database import write_transaction
from .demo import DEMO_PASSWORD, DEMO_ROLES, DEMO_USERS, seed_catalogue, seed_demo
from .services.accounts import handle_key


def init_app(app: Flask) -> None:
    """Register the commands."""
    app.cli.add_command(seed_command)
    app.cli.add_command(make_admin_command)
    try:
        from .moderation.cli import moderation_cli
    except ImportError:  # the moderation CLI arrives with the pipeline
        return
    app.cli.add_command(moderation_cli)


@click.command("seed")
@click.option("--demo/--no-demo", default=True, help="Also add demo members and threads to an empty site.")
def seed_command(demo: bool) -> None:
    """Add the catalogue and crisis resources (and demo data on an empty site)."""
    if demo and seed_demo():
        click.echo(f"Demo data added. Log in with any of these handles and the password '{DEMO_PASSWORD}':")
        for handle, admin, sitemod, _ in DEMO_USERS:
            roles = ["site admin"] if admin else ["site moderator"] if sitemod else []
            roles += [
                f"{role} of {slug}" for slug, who, role in DEMO_ROLES if who == handle and role != "member"
            ]
            click.echo(f"  {handle:16} {', '.join(roles) or 'member'}")
    else:
        seed_catalogue()
        click.echo("Catalogue and crisis resources are up to date.")


@click.command("make-admin")
@click.argument("handle")
def make_admin_command(handle: str) -> None:
    """Give an existing account the site admin flag."""
    with write_transaction():
        user = db.session.scalar(select(User).where(User.handle_key == handle_key(handle)))
        if user is None:
            raise click.ClickException(f"No account with the handle {handle!r}.")
        user.is_admin = True
    click.echo(f"{user.handle} is now a site admin.")
