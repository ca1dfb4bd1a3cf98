-- Not run by the service: for an operator (and the tests, bench/analytics.sh) after executions were written other than
-- by the service — imported, restored, seeded — with completed_at (or created_at) before the rollup's done_until,
-- which the rollup would never look at again. The rollup is emptied and its watermarks go back to the beginning, in
-- one statement, so the analytics answer from the executions alone (exactly) until the next two runs have rebuilt it.
WITH runbook_hours AS (DELETE FROM runbook_execution_hours),
     runbook_errors AS (DELETE FROM runbook_error_hours),
     workflow_hours AS (DELETE FROM workflow_execution_hours),
     workflow_errors AS (DELETE FROM workflow_error_hours),
     workflow_nodes AS (DELETE FROM workflow_node_hours)
UPDATE analytics_rollup_watermarks SET done_until = '-infinity', next_until = '-infinity'
