"""identities: a UUID on bodies, people, organisations, meetings and every row of a
meeting that travels in the record file, so that a meeting taken offline and brought
back merges by identity; and the mark of a meeting taken offline (issue 17)

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-27 08:40:00.000000
"""

import uuid

from alembic import op
import sqlalchemy as sa
import sqlmodel


revision = '0007'
down_revision = '0006'
branch_labels = None
depends_on = None

TABLES = ('body', 'category', 'organisation', 'person', 'membership', 'meeting',
          'agendaitem', 'registerentry', 'attendanceevent', 'quorumevent', 'declaration',
          'decision', 'vote', 'voteposition', 'action', 'minutesapproval',
          'minutescorrection', 'auditentry')


def upgrade() -> None:
    bind = op.get_bind()
    for table in TABLES:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.add_column(sa.Column('uuid', sqlmodel.sql.sqltypes.AutoString(),
                                          nullable=True))
        # Each existing row gets an identity of its own, in Python: neither database's
        # SQL makes a UUID on every version the application supports.
        ids = bind.execute(sa.text(f'SELECT id FROM {table}')).scalars().all()
        if ids:
            bind.execute(sa.text(f'UPDATE {table} SET uuid = :uuid WHERE id = :id'),
                         [{'uuid': str(uuid.uuid4()), 'id': row_id} for row_id in ids])
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.alter_column('uuid', existing_type=sqlmodel.sql.sqltypes.AutoString(),
                                  nullable=False)
            batch_op.create_index(f'ix_{table}_uuid', ['uuid'], unique=True)
    op.create_table(
        'offlinecopy',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('meeting_id', sa.Integer(), nullable=False),
        sa.Column('taken_by', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column('taken_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column('taken_as', sa.JSON(), nullable=False),
        sa.Column('brought_back_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
        sa.Column('cleared_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
        sa.Column('cleared_by', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.ForeignKeyConstraint(['meeting_id'], ['meeting.id'], ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id'),
    )
    with op.batch_alter_table('offlinecopy', schema=None) as batch_op:
        batch_op.create_index('ix_offlinecopy_meeting_id', ['meeting_id'], unique=False)


def downgrade() -> None:
    op.drop_table('offlinecopy')
    for table in reversed(TABLES):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_index(f'ix_{table}_uuid')
            batch_op.drop_column('uuid')
