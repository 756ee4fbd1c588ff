"""the inbox: suggested cards, and the origin of a card taken from it

Revision ID: 0006_inbox
Revises: 0005_mocks
"""

import sqlalchemy as sa
from alembic import op

# Migrations spell out plain column types: they must not change when the models do.

revision = '0006_inbox'
down_revision = '0005_mocks'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('cards') as batch:
        batch.add_column(sa.Column('origin', sa.String(length=12), nullable=True))
    op.create_table('suggestions',
    sa.Column('id', sa.String(length=16), nullable=False),
    sa.Column('deck', sa.String(length=200), nullable=False),
    sa.Column('hash', sa.String(length=12), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('path', sa.Text(), nullable=False),
    sa.Column('slot', sa.Integer(), nullable=False),
    sa.Column('front', sa.Text(), nullable=False),
    sa.Column('back', sa.Text(), nullable=False),
    sa.Column('tags', sa.Text(), nullable=False),
    sa.Column('source_file', sa.Text(), nullable=False),
    sa.Column('source_line', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('dropped', sa.Boolean(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_index('ix_suggestions_deck', 'suggestions', ['deck', 'dropped', 'position'], unique=False)


def downgrade() -> None:
    op.drop_index('ix_suggestions_deck', table_name='suggestions')
    op.drop_table('suggestions')
    with op.batch_alter_table('cards') as batch:
        batch.drop_column('origin')
