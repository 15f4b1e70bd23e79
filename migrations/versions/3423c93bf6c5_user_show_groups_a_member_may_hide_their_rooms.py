"""user.show_groups: a member may hide the rooms they belong to from their profile

Revision ID: 3423c93bf6c5
Revises: 8f5496dd4aa1
Create Date: 2026-12-03 11:50:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '3423c93bf6c5'
down_revision = '8f5496dd4aa1'
branch_labels = None
depends_on = None


def upgrade():
    # Existing members keep today's behaviour: their rooms stay listed until they choose otherwise.
    with op.batch_alter_table('user', schema=None) as batch_op:
        batch_op.add_column(sa.Column('show_groups', sa.Boolean(), server_default=sa.true(), nullable=False))


def downgrade():
    with op.batch_alter_table('user', schema=None) as batch_op:
        batch_op.drop_column('show_groups')
