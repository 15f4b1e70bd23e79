"""look-alike keys: user.handle_skeleton, retired_handle.skeleton_digest, group.name_key (unique)

Revision ID: 3dd65b7f5085
Revises: 3423c93bf6c5
Create Date: 2026-12-04 10:00:00.000000

"""
from alembic import op
import sqlalchemy as sa

# The keys are the app's own: a database upgraded here and a new one agree with what sign-up and room creation
# compute. A later change to these functions needs its own migration that recomputes the stored keys.
from forum.lookalike import name_key, skeleton, suffixed_key


# revision identifiers, used by Alembic.
revision = '3dd65b7f5085'
down_revision = '3423c93bf6c5'
branch_labels = None
depends_on = None

HANDLE_SKELETON_MAX = 64

_user = sa.table('user', sa.column('id', sa.Integer), sa.column('handle', sa.String),
                 sa.column('deleted_at', sa.DateTime), sa.column('handle_skeleton', sa.String))
_group = sa.table('group', sa.column('id', sa.Integer), sa.column('name', sa.String),
                  sa.column('name_key', sa.String))


def upgrade():
    # Added NOT NULL with a temporary default '' and filled in below; the default goes once the keys are there (on
    # SQLite by rebuilding the table, safe since migrations/env.py runs SQLite migrations with foreign keys off).
    with op.batch_alter_table('user', schema=None) as batch_op:
        batch_op.add_column(sa.Column('handle_skeleton', sa.String(length=64), server_default='', nullable=False))
    with op.batch_alter_table('group', schema=None) as batch_op:
        batch_op.add_column(sa.Column('name_key', sa.String(length=160), server_default='', nullable=False))
    with op.batch_alter_table('retired_handle', schema=None) as batch_op:
        # Handles retired before this revision are kept as a digest only: their look-alike key can't be derived.
        batch_op.add_column(sa.Column('skeleton_digest', sa.String(length=64), nullable=True))
        batch_op.create_index(batch_op.f('ix_retired_handle_skeleton_digest'), ['skeleton_digest'], unique=False)

    conn = op.get_bind()
    _fill_handle_skeletons(conn)
    _fill_name_keys(conn)

    with op.batch_alter_table('user', schema=None) as batch_op:
        batch_op.alter_column('handle_skeleton', server_default=None, existing_type=sa.String(length=64),
                              existing_nullable=False)
        # Not unique: members who signed up before look-alikes were refused may share a key, and keep their handles.
        batch_op.create_index(batch_op.f('ix_user_handle_skeleton'), ['handle_skeleton'], unique=False)
    with op.batch_alter_table('group', schema=None) as batch_op:
        batch_op.alter_column('name_key', server_default=None, existing_type=sa.String(length=160),
                              existing_nullable=False)
        batch_op.create_index(batch_op.f('ix_group_name_key'), ['name_key'], unique=True)


def _fill_handle_skeletons(conn):
    rows = conn.execute(sa.select(_user.c.id, _user.c.handle, _user.c.deleted_at)).all()
    # A deleted account's row keeps nothing that names its old handle (its tombstone handle is "a former member").
    values = [{'uid': uid, 'key': '' if deleted_at is not None else skeleton(handle)[:HANDLE_SKELETON_MAX]}
              for uid, handle, deleted_at in rows]
    if values:
        conn.execute(_user.update().where(_user.c.id == sa.bindparam('uid'))
                     .values(handle_skeleton=sa.bindparam('key')), values)


def _fill_name_keys(conn):
    rows = conn.execute(sa.select(_group.c.id, _group.c.name).order_by(_group.c.id)).all()
    seen, values = set(), []
    for gid, name in rows:
        key = name_key(name)
        # Rooms that already share a name keep it; the oldest holds the key, the later ones "<key>~<id>".
        values.append({'gid': gid, 'key': suffixed_key(key, gid) if key in seen else key})
        seen.add(key)
    if values:
        conn.execute(_group.update().where(_group.c.id == sa.bindparam('gid'))
                     .values(name_key=sa.bindparam('key')), values)


def downgrade():
    with op.batch_alter_table('group', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_group_name_key'))
        batch_op.drop_column('name_key')
    with op.batch_alter_table('user', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_user_handle_skeleton'))
        batch_op.drop_column('handle_skeleton')
    with op.batch_alter_table('retired_handle', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_retired_handle_skeleton_digest'))
        batch_op.drop_column('skeleton_digest')
