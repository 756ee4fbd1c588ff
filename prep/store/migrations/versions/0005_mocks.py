"""mock interviews, and the links that bring cards and drills forward

Revision ID: 0005_mocks
Revises: 0004_decks
"""

import sqlalchemy as sa
from alembic import op

# Migrations spell out plain column types: they must not change when the models do.

revision = '0005_mocks'
down_revision = '0004_decks'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('mocks',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('started_at', sa.DateTime(), nullable=False),
    sa.Column('day', sa.Date(), nullable=False),
    sa.Column('minutes', sa.Integer(), nullable=False),
    sa.Column('topics', sa.Text(), nullable=False),
    sa.Column('status', sa.String(length=10), nullable=False),
    sa.Column('paused_at', sa.DateTime(), nullable=True),
    sa.Column('paused_seconds', sa.Double(), nullable=False),
    sa.Column('ended_at', sa.DateTime(), nullable=True),
    sa.Column('score', sa.Double(), nullable=True),
    sa.Column('items', sa.Text(), nullable=False),
    sa.Column('report', sa.Text(), nullable=True),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_index('ix_mocks_day', 'mocks', ['day'], unique=False)
    op.create_table('links',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('target_kind', sa.String(length=10), nullable=False),
    sa.Column('target', sa.String(length=100), nullable=False),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.Column('at', sa.DateTime(), nullable=False),
    sa.Column('due_before', sa.DateTime(), nullable=True),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_index('ix_links_target', 'links', ['target_kind', 'target', 'at'], unique=False)


def downgrade() -> None:
    op.drop_index('ix_links_target', table_name='links')
    op.drop_table('links')
    op.drop_index('ix_mocks_day', table_name='mocks')
    op.drop_table('mocks')
