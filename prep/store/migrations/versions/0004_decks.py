"""decks: enabled or not, a new-card limit each, and which one is the shipped deck

Revision ID: 0004_decks
Revises: 0003
"""

import sqlalchemy as sa
from alembic import op

# Migrations spell out plain column types: they must not change when the models do.

revision = '0004_decks'
down_revision = '0003'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('decks',
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('enabled', sa.Boolean(), nullable=False),
    sa.Column('new_per_day', sa.Integer(), nullable=True),
    sa.Column('builtin', sa.Boolean(), nullable=False),
    sa.PrimaryKeyConstraint('name')
    )
    # Every deck already studied stays as it was: enabled, with the shared limit. Before this revision the
    # shipped deck was added at start-up; its notes live in a `decks` folder shipped with prep.
    op.get_bind().execute(sa.text("""
        INSERT INTO decks (name, enabled, new_per_day, builtin)
        SELECT DISTINCT deck, TRUE, CAST(NULL AS INTEGER),
               EXISTS (SELECT 1 FROM sources s WHERE s.deck = cards.deck
                       AND (s.path LIKE '%/_bundled/decks/%' OR s.path LIKE '%/decks/nlp-interview-notes%'))
        FROM cards"""))


def downgrade() -> None:
    op.drop_table('decks')
