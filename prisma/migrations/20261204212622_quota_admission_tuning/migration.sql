-- Written by hand (functions are not managed by Prisma).

-- Admission no longer waits for the WAL flush of its holds (see the comment
-- inside): every request paid that flush under the counter's row lock.
CREATE OR REPLACE FUNCTION quota_admit(
  p_request_id text, p_department uuid, p_user uuid, p_key uuid,
  p_prompt bigint, p_completion bigint, p_spend numeric, p_at timestamptz, p_ttl_ms int
) RETURNS SETOF quota_verdict LANGUAGE plpgsql AS $$
DECLARE
  v_window timestamptz := date_trunc('minute', p_at);
  v_rows quota_verdict[];
  v_alerts int;
BEGIN
  -- A hold is transient: its commit need not wait for the WAL flush, which
  -- would otherwise be paid under the counter's row lock by every request in
  -- turn. A PostgreSQL crash can lose the last holds of requests in flight
  -- (never a usage event: those are journaled by the gateway and replayed).
  PERFORM set_config('synchronous_commit', 'off', true);
  INSERT INTO "QuotaCounter" (id, "quotaId", "tenantId", "periodStart", "periodEnd")
  SELECT gen_random_uuid(), q.id, q."tenantId", quota_period_start(q.period, t.timezone, p_at), quota_period_end(q.period, t.timezone, p_at)
  FROM "Quota" q JOIN "Tenant" t ON t.id = q."tenantId"
  WHERE q."departmentId" = p_department
    AND (q.scope = 'DEPARTMENT' OR (q.scope = 'MEMBER' AND q."userId" = p_user) OR (q.scope = 'KEY' AND q."apiKeyId" = p_key))
  ON CONFLICT ("quotaId", "periodStart") DO NOTHING;

  INSERT INTO "QuotaRateWindow" ("quotaId", "windowStart")
  SELECT q.id, v_window FROM "Quota" q
  WHERE q."departmentId" = p_department
    AND (q.scope = 'DEPARTMENT' OR (q.scope = 'MEMBER' AND q."userId" = p_user) OR (q.scope = 'KEY' AND q."apiKeyId" = p_key))
    AND (q.rpm IS NOT NULL OR q.tpm IS NOT NULL)
  ON CONFLICT ("quotaId", "windowStart") DO NOTHING;

  PERFORM 1 FROM "QuotaCounter" c JOIN "Quota" q ON q.id = c."quotaId" JOIN "Tenant" t ON t.id = q."tenantId"
  WHERE q."departmentId" = p_department
    AND (q.scope = 'DEPARTMENT' OR (q.scope = 'MEMBER' AND q."userId" = p_user) OR (q.scope = 'KEY' AND q."apiKeyId" = p_key))
    AND c."periodStart" = quota_period_start(q.period, t.timezone, p_at)
  ORDER BY c.id FOR UPDATE OF c;

  PERFORM 1 FROM "QuotaRateWindow" w JOIN "Quota" q ON q.id = w."quotaId"
  WHERE q."departmentId" = p_department
    AND (q.scope = 'DEPARTMENT' OR (q.scope = 'MEMBER' AND q."userId" = p_user) OR (q.scope = 'KEY' AND q."apiKeyId" = p_key))
    AND w."windowStart" = v_window
  ORDER BY w."quotaId" FOR UPDATE OF w;

  -- The rows are locked by this transaction now: what is read is current.
  SELECT array_agg(s ORDER BY s.counter_id) INTO v_rows FROM (
    SELECT
      x.quota_id, x.counter_id,
      CASE
        WHEN x.rpm IS NOT NULL AND x.requests_left < 1 THEN 'rate_limit_requests'
        WHEN x.tpm IS NOT NULL AND x.rate_tokens_left < p_prompt + p_completion THEN 'rate_limit_tokens'
        WHEN x.hard AND ((x.token_limit IS NOT NULL AND x.tokens > x.tokens_left) OR (x.spend_limit IS NOT NULL AND p_spend > x.spend_left)) THEN 'insufficient_quota'
        ELSE 'ok'
      END,
      x.hard, x.tokens, x.token_limit, x.tokens_left, x.spend_limit, x.spend_left, x.period_start, x.period_end,
      x.rpm, x.requests_left, x.tpm, x.rate_tokens_left, x.window_end
    FROM (
      SELECT q.id AS quota_id, c.id AS counter_id, q.hard,
        p_prompt + q."outputWeight" * p_completion AS tokens,
        q."tokenLimit" AS token_limit, q."tokenLimit" - c."usedTokens" - c."reservedTokens" AS tokens_left,
        q."spendLimit" AS spend_limit, q."spendLimit" - c."usedSpend" - c."reservedSpend" AS spend_left,
        c."periodStart" AS period_start, c."periodEnd" AS period_end,
        q.rpm, q.rpm - coalesce(w.requests, 0) AS requests_left,
        q.tpm, q.tpm - coalesce(w.tokens, 0) AS rate_tokens_left,
        v_window + interval '1 minute' AS window_end
      FROM "Quota" q
      JOIN "Tenant" t ON t.id = q."tenantId"
      JOIN "QuotaCounter" c ON c."quotaId" = q.id AND c."periodStart" = quota_period_start(q.period, t.timezone, p_at)
      LEFT JOIN "QuotaRateWindow" w ON w."quotaId" = q.id AND w."windowStart" = v_window
      WHERE q."departmentId" = p_department
        AND (q.scope = 'DEPARTMENT' OR (q.scope = 'MEMBER' AND q."userId" = p_user) OR (q.scope = 'KEY' AND q."apiKeyId" = p_key))
    ) x
  ) s;

  IF v_rows IS NULL THEN
    RETURN;
  END IF;

  IF EXISTS (SELECT 1 FROM unnest(v_rows) r WHERE r.verdict <> 'ok') THEN
    -- A hard budget that refuses is exhausted: its 100 % alert fires (once).
    WITH raised AS (
      INSERT INTO "QuotaAlert" (id, "tenantId", "quotaId", "periodStart", kind, threshold, "usedTokens", "usedSpend")
      SELECT gen_random_uuid(), c."tenantId", c."quotaId", c."periodStart", 'threshold', 100, c."usedTokens", c."usedSpend"
      FROM unnest(v_rows) r JOIN "QuotaCounter" c ON c.id = r.counter_id JOIN "Quota" q ON q.id = c."quotaId"
      WHERE r.verdict = 'insufficient_quota' AND 100 = ANY(q.thresholds)
      ON CONFLICT DO NOTHING
      RETURNING 1
    )
    SELECT count(*) INTO v_alerts FROM raised;
    IF v_alerts > 0 THEN
      PERFORM pg_notify('quota_alert', '');
    END IF;
    RETURN QUERY SELECT * FROM unnest(v_rows);
    RETURN;
  END IF;

  UPDATE "QuotaCounter" c
  SET "reservedTokens" = c."reservedTokens" + r.tokens, "reservedSpend" = c."reservedSpend" + p_spend
  FROM unnest(v_rows) r WHERE c.id = r.counter_id;

  INSERT INTO "QuotaHold" ("requestId", "counterId", tokens, spend, "expiresAt")
  SELECT p_request_id, r.counter_id, r.tokens, p_spend, p_at + p_ttl_ms * interval '1 millisecond' FROM unnest(v_rows) r;

  UPDATE "QuotaRateWindow" w
  SET requests = w.requests + 1, tokens = w.tokens + p_prompt + p_completion
  FROM unnest(v_rows) r WHERE w."quotaId" = r.quota_id AND w."windowStart" = v_window AND (r.rpm IS NOT NULL OR r.tpm IS NOT NULL);

  RETURN QUERY SELECT * FROM unnest(v_rows);
END
$$;

-- Opens a quota's counter for the period that contains `at`, with the usage
-- already stored in that period (a quota set mid-month counts the month's
-- use so far). Called when a quota is created or changed; a counter opened
-- later by admission or settlement starts empty, its period having no
-- earlier events.
CREATE FUNCTION quota_open_counter(p_quota uuid, p_at timestamptz) RETURNS void LANGUAGE sql AS $$
  INSERT INTO "QuotaCounter" (id, "quotaId", "tenantId", "periodStart", "periodEnd", "usedTokens", "usedSpend", requests)
  SELECT gen_random_uuid(), q.id, q."tenantId", p.ps, p.pe,
    coalesce(sum(e."promptTokens" + q."outputWeight" * e."completionTokens"), 0), coalesce(sum(e.cost), 0), count(e."requestId")
  FROM "Quota" q
  JOIN "Tenant" t ON t.id = q."tenantId"
  CROSS JOIN LATERAL (SELECT quota_period_start(q.period, t.timezone, p_at) AS ps, quota_period_end(q.period, t.timezone, p_at) AS pe) p
  LEFT JOIN "UsageEvent" e ON e."tenantId" = q."tenantId" AND e."departmentId" = q."departmentId"
    AND (q.scope = 'DEPARTMENT' OR (q.scope = 'MEMBER' AND e."userId" = q."userId") OR (q.scope = 'KEY' AND e."apiKeyId" = q."apiKeyId"))
    AND e."startedAt" >= p.ps AND e."startedAt" < p.pe
  WHERE q.id = p_quota
  GROUP BY q.id, q."tenantId", p.ps, p.pe
  ON CONFLICT ("quotaId", "periodStart") DO NOTHING
$$;
