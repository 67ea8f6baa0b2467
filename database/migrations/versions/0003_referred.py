"""referred: a decision may refer the item to another body or a working group, named

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-26 13:40:00.000000
"""

from alembic import op
import sqlalchemy as sa
import sqlmodel


revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Existing decisions were referred nowhere: an empty name, as a new row has.
    with op.batch_alter_table('decision', schema=None) as batch_op:
        batch_op.add_column(sa.Column('referred_to', sqlmodel.sql.sqltypes.AutoString(),
                                      nullable=False, server_default=''))


def downgrade() -> None:
    with op.batch_alter_table('decision', schema=None) as batch_op:
        batch_op.drop_column('referred_to')
