"""chat_message.shown_at: whether the room ever saw a message (a held one declined never reached it)

Revision ID: c4d2e8f61a3b
Revises: a7c3e9d41f20
Create Date: 2026-12-10 12:00:00.000000

"""
from alembic import op
import sqlalchemy as sa

import models.base


# revision identifiers, used by Alembic.
revision = 'c4d2e8f61a3b'
down_revision = 'a7c3e9d41f20'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('chat_message', schema=None) as batch_op:
        batch_op.add_column(sa.Column('shown_at', models.base.UTCDateTime(timezone=True), nullable=True))
    # Until now nothing recorded whether a hidden or removed message had been held. A visible message was shown;
    # so was one hidden or removed without ever having a review (every held message has one). A hidden or removed
    # message with a review may have been held: left unshown, so its id goes to its author and the moderators only.
    message = sa.table('chat_message', sa.column('id', sa.Integer), sa.column('status', sa.String),
                       sa.column('created_at', models.base.UTCDateTime(timezone=True)),
                       sa.column('shown_at', models.base.UTCDateTime(timezone=True)))
    review = sa.table('review', sa.column('target_type', sa.String), sa.column('target_id', sa.Integer))
    reviewed = sa.select(review.c.target_id).where(review.c.target_type == 'chat_message')
    op.get_bind().execute(message.update().where(
        (message.c.status == 'visible')
        | (message.c.status.in_(('hidden', 'removed')) & message.c.id.not_in(reviewed))
    ).values(shown_at=message.c.created_at))


def downgrade():
    with op.batch_alter_table('chat_message', schema=None) as batch_op:
        batch_op.drop_column('shown_at')
