"""stats: daily aggregates, review intervals, round times, interview plan

Revision ID: 0003
Revises: 0002
"""

import json
from datetime import datetime

import sqlalchemy as sa
from alembic import op

# Migrations spell out plain column types: they must not change when the models do.

revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None

MATURE_DAYS = 21


def upgrade() -> None:
    with op.batch_alter_table('reviews', schema=None) as batch_op:
        batch_op.add_column(sa.Column('interval_days', sa.Double(), nullable=True))
    with op.batch_alter_table('cards', schema=None) as batch_op:
        batch_op.add_column(sa.Column('planned_due', sa.DateTime(), nullable=True))
        batch_op.create_index('ix_cards_planned', ['planned_due'], unique=False, sqlite_where=sa.text('planned_due IS NOT NULL'))
        batch_op.create_index('ix_cards_lapses', ['lapses'], unique=False)
    with op.batch_alter_table('attempts', schema=None) as batch_op:
        batch_op.add_column(sa.Column('round_seconds', sa.Double(), nullable=True))
    op.create_table('daily_stats',
    sa.Column('day', sa.Date(), nullable=False),
    sa.Column('reviews', sa.Integer(), nullable=False),
    sa.Column('review_ms', sa.Integer(), nullable=False),
    sa.Column('young', sa.Integer(), nullable=False),
    sa.Column('young_again', sa.Integer(), nullable=False),
    sa.Column('mature', sa.Integer(), nullable=False),
    sa.Column('mature_again', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('day')
    )
    _backfill()


def _backfill() -> None:
    """Intervals from each review's saved state, then the daily aggregates from the reviews."""
    connection = op.get_bind()
    rows = connection.execute(sa.text("SELECT id, snapshot FROM reviews WHERE state_before = 2")).fetchall()
    for review_id, snapshot in rows:
        saved = json.loads(snapshot)
        if saved.get("last_review"):
            interval = (datetime.fromisoformat(saved["due"]) - datetime.fromisoformat(saved["last_review"])).total_seconds() / 86400
            connection.execute(sa.text("UPDATE reviews SET interval_days = :i WHERE id = :id"), {"i": interval, "id": review_id})
    connection.execute(sa.text(f"""
        INSERT INTO daily_stats (day, reviews, review_ms, young, young_again, mature, mature_again)
        SELECT day, count(*), sum(duration_ms),
               sum(CASE WHEN state_before = 2 AND coalesce(interval_days, 0) < {MATURE_DAYS} THEN 1 ELSE 0 END),
               sum(CASE WHEN state_before = 2 AND coalesce(interval_days, 0) < {MATURE_DAYS} AND rating = 1 THEN 1 ELSE 0 END),
               sum(CASE WHEN state_before = 2 AND interval_days >= {MATURE_DAYS} THEN 1 ELSE 0 END),
               sum(CASE WHEN state_before = 2 AND interval_days >= {MATURE_DAYS} AND rating = 1 THEN 1 ELSE 0 END)
        FROM reviews GROUP BY day"""))


def downgrade() -> None:
    op.drop_table('daily_stats')
    with op.batch_alter_table('attempts', schema=None) as batch_op:
        batch_op.drop_column('round_seconds')
    with op.batch_alter_table('cards', schema=None) as batch_op:
        batch_op.drop_index('ix_cards_lapses')
        batch_op.drop_index('ix_cards_planned')
        batch_op.drop_column('planned_due')
    with op.batch_alter_table('reviews', schema=None) as batch_op:
        batch_op.drop_column('interval_days')
