-- Approves or deprecates the version that was checked; no row back means it changed meanwhile (409).
UPDATE runbooks
SET approval_status = :#${variable.targetStatus},
    approved_by_id  = CASE WHEN :#${variable.targetStatus} = 'APPROVED' THEN :#${exchangeProperty.principal.userId} ELSE approved_by_id END,
    approved_at     = CASE WHEN :#${variable.targetStatus} = 'APPROVED' THEN now() ELSE approved_at END,
    updated_at      = now()
WHERE id = :#${variable.runbookId} AND version = :#${variable.runbook[version]}
  AND approval_status = :#${variable.runbook[approvalStatus]} AND deleted_at IS NULL
RETURNING version
