"""organisations: a person's agency and employer are organisations with a short name and
aliases, not typed text, so that office rules compare them by identity (000 §10.2-10.3)

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-26 16:00:00.000000
"""

from alembic import op
import sqlalchemy as sa
import sqlmodel


revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None

LINKS = (('agency', 'agency_id'), ('employer', 'employer_id'))


def _folded(text: str) -> str:
    """Names typed by different people: the same ignoring case and spacing."""
    return ' '.join(text.split()).casefold()


def upgrade() -> None:
    op.create_table(
        'organisation',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('name', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column('short_name', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column('aliases', sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('name'),
    )
    with op.batch_alter_table('person', schema=None) as batch_op:
        for _, column in LINKS:
            batch_op.add_column(sa.Column(column, sa.Integer(), nullable=True))
            batch_op.create_index(f'ix_person_{column}', [column], unique=False)
            batch_op.create_foreign_key(f'fk_person_{column}_organisation', 'organisation',
                                        [column], ['id'], ondelete='SET NULL')
    _move_text_into_organisations()
    with op.batch_alter_table('person', schema=None) as batch_op:
        for text, _ in LINKS:
            batch_op.drop_column(text)


def _move_text_into_organisations() -> None:
    """Each agency or employer typed so far becomes one organisation (the first spelling
    met is its name), and each person is linked to it."""
    bind = op.get_bind()
    organisation = sa.table('organisation', sa.column('id', sa.Integer),
                            sa.column('name', sa.String), sa.column('short_name', sa.String),
                            sa.column('aliases', sa.JSON))
    people = bind.execute(sa.text('SELECT id, agency, employer FROM person ORDER BY id')).all()
    ids: dict[str, int] = {}
    for person_id, *texts in people:
        links = {}
        for (_, column), typed in zip(LINKS, texts):
            key = _folded(typed or '')
            if not key:
                continue
            if key not in ids:
                ids[key] = bind.execute(organisation.insert().values(
                    name=typed.strip(), short_name='', aliases=[])
                    .returning(organisation.c.id)).scalar_one()
            links[column] = ids[key]
        if links:
            sets = ', '.join(f'{column} = :{column}' for column in links)
            bind.execute(sa.text(f'UPDATE person SET {sets} WHERE id = :id'),
                         {**links, 'id': person_id})


def downgrade() -> None:
    with op.batch_alter_table('person', schema=None) as batch_op:
        for text, _ in LINKS:
            batch_op.add_column(sa.Column(text, sqlmodel.sql.sqltypes.AutoString(),
                                          nullable=False, server_default=''))
    bind = op.get_bind()
    for text, column in LINKS:
        bind.execute(sa.text(
            f'UPDATE person SET {text} = (SELECT name FROM organisation '
            f'WHERE organisation.id = person.{column}) WHERE {column} IS NOT NULL'))
    with op.batch_alter_table('person', schema=None) as batch_op:
        for _, column in reversed(LINKS):
            batch_op.drop_constraint(f'fk_person_{column}_organisation', type_='foreignkey')
            batch_op.drop_index(f'ix_person_{column}')
            batch_op.drop_column(column)
    op.drop_table('organisation')
