"""the meeting cycle at the table: remote attendance, late and urgent items, entries
struck out with a reason, meetings entered afterwards (DOMAIN.md §9)

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-26 15:50:00.000000
"""

from alembic import op
import sqlalchemy as sa
import sqlmodel


revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None

# Rows recorded so far were none of these: each column starts as a new row has it.
STRUCK_OUT = ('attendanceevent', 'registerentry', 'declaration', 'action')


def _text(name: str) -> sa.Column:
    return sa.Column(name, sqlmodel.sql.sqltypes.AutoString(), nullable=False,
                     server_default='')


def _flag(name: str) -> sa.Column:
    return sa.Column(name, sa.Boolean(), nullable=False, server_default=sa.false())


def upgrade() -> None:
    with op.batch_alter_table('meeting', schema=None) as batch_op:
        batch_op.add_column(_flag('recorded_afterwards'))
    with op.batch_alter_table('agendaitem', schema=None) as batch_op:
        batch_op.add_column(sa.Column('added', sa.String(), nullable=False,
                                      server_default='on_agenda'))
        batch_op.add_column(_text('added_reason'))
    with op.batch_alter_table('registerentry', schema=None) as batch_op:
        batch_op.add_column(_flag('remote'))
    for table in STRUCK_OUT:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.add_column(sa.Column('struck_out_at', sqlmodel.sql.sqltypes.UTCDateTime(),
                                          nullable=True))
            batch_op.add_column(_text('struck_out_reason'))


def downgrade() -> None:
    for table in reversed(STRUCK_OUT):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_column('struck_out_reason')
            batch_op.drop_column('struck_out_at')
    with op.batch_alter_table('registerentry', schema=None) as batch_op:
        batch_op.drop_column('remote')
    with op.batch_alter_table('agendaitem', schema=None) as batch_op:
        batch_op.drop_column('added_reason')
        batch_op.drop_column('added')
    with op.batch_alter_table('meeting', schema=None) as batch_op:
        batch_op.drop_column('recorded_afterwards')
