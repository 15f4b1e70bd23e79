"""erased_at: erased writing is marked by a column, not recognised by its text

Revision ID: a7c3e9d41f20
Revises: 3dd65b7f5085
Create Date: 2026-12-03 17:00:00.000000

"""
from datetime import UTC, datetime

from alembic import op
import sqlalchemy as sa

import models.base


# revision identifiers, used by Alembic.
revision = 'a7c3e9d41f20'
down_revision = '3dd65b7f5085'
branch_labels = None
depends_on = None

# The words account deletion wrote over erased writing until this revision (models.thread.ERASED then); kept here
# as they were, so this backfill still finds them if the app's wording changes.
ERASED_THEN = '[removed by its author]'
TABLES = (('thread', 'title'), ('post', 'source'), ('chat_message', 'source'))


def upgrade():
    for name, _ in TABLES:
        with op.batch_alter_table(name, schema=None) as batch_op:
            batch_op.add_column(sa.Column('erased_at', models.base.UTCDateTime(timezone=True), nullable=True))
    # Until now erased writing was recognised as the replacement text with no author. When it was erased was not
    # kept: the backfill says "by the time of this migration".
    now = datetime.now(UTC)
    conn = op.get_bind()
    for name, text_column in TABLES:
        table = sa.table(name, sa.column('author_id', sa.Integer), sa.column(text_column, sa.Text),
                         sa.column('erased_at', models.base.UTCDateTime(timezone=True)))
        conn.execute(table.update()
                     .where(table.c.author_id.is_(None), table.c[text_column] == ERASED_THEN)
                     .values(erased_at=now))


def downgrade():
    for name, _ in reversed(TABLES):
        with op.batch_alter_table(name, schema=None) as batch_op:
            batch_op.drop_column('erased_at')
