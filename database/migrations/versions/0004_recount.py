"""recount: a recorded vote that gave other figures than the show of hands, with its reason

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-26 14:50:00.000000
"""

from alembic import op
import sqlalchemy as sa
import sqlmodel


revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Votes recorded so far were no recounts: empty, as a new row has.
    with op.batch_alter_table('vote', schema=None) as batch_op:
        batch_op.add_column(sa.Column('recount_reason', sqlmodel.sql.sqltypes.AutoString(),
                                      nullable=False, server_default=''))
        batch_op.add_column(sa.Column('show_of_hands', sqlmodel.sql.sqltypes.AutoString(),
                                      nullable=False, server_default=''))


def downgrade() -> None:
    with op.batch_alter_table('vote', schema=None) as batch_op:
        batch_op.drop_column('show_of_hands')
        batch_op.drop_column('recount_reason')
