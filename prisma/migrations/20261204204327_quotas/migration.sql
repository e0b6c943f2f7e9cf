-- CreateEnum
CREATE TYPE "QuotaScope" AS ENUM ('DEPARTMENT', 'MEMBER', 'KEY');

-- CreateEnum
CREATE TYPE "QuotaPeriod" AS ENUM ('DAY', 'WEEK', 'MONTH');

-- CreateTable
CREATE TABLE "Quota" (
    "id" UUID NOT NULL,
    "tenantId" UUID NOT NULL,
    "departmentId" UUID NOT NULL,
    "scope" "QuotaScope" NOT NULL,
    "userId" UUID,
    "apiKeyId" UUID,
    "scopeKey" TEXT NOT NULL,
    "period" "QuotaPeriod" NOT NULL DEFAULT 'MONTH',
    "tokenLimit" BIGINT,
    "outputWeight" INTEGER NOT NULL DEFAULT 1,
    "spendLimit" DECIMAL(20,8),
    "rpm" INTEGER,
    "tpm" INTEGER,
    "hard" BOOLEAN NOT NULL DEFAULT true,
    "thresholds" INTEGER[] DEFAULT ARRAY[50, 80, 100]::INTEGER[],
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,
    "updatedById" UUID,

    CONSTRAINT "Quota_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "QuotaCounter" (
    "id" UUID NOT NULL,
    "quotaId" UUID NOT NULL,
    "tenantId" UUID NOT NULL,
    "periodStart" TIMESTAMPTZ(3) NOT NULL,
    "periodEnd" TIMESTAMPTZ(3) NOT NULL,
    "usedTokens" BIGINT NOT NULL DEFAULT 0,
    "reservedTokens" BIGINT NOT NULL DEFAULT 0,
    "usedSpend" DECIMAL(20,8) NOT NULL DEFAULT 0,
    "reservedSpend" DECIMAL(20,8) NOT NULL DEFAULT 0,
    "requests" INTEGER NOT NULL DEFAULT 0,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "QuotaCounter_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "QuotaHold" (
    "requestId" TEXT NOT NULL,
    "counterId" UUID NOT NULL,
    "tokens" BIGINT NOT NULL,
    "spend" DECIMAL(20,8) NOT NULL,
    "expiresAt" TIMESTAMPTZ(3) NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "QuotaHold_pkey" PRIMARY KEY ("requestId","counterId")
);

-- CreateTable
CREATE TABLE "QuotaRateWindow" (
    "quotaId" UUID NOT NULL,
    "windowStart" TIMESTAMPTZ(3) NOT NULL,
    "requests" INTEGER NOT NULL DEFAULT 0,
    "tokens" BIGINT NOT NULL DEFAULT 0,

    CONSTRAINT "QuotaRateWindow_pkey" PRIMARY KEY ("quotaId","windowStart")
);

-- CreateTable
CREATE TABLE "QuotaAlert" (
    "id" UUID NOT NULL,
    "tenantId" UUID NOT NULL,
    "quotaId" UUID NOT NULL,
    "periodStart" TIMESTAMPTZ(3) NOT NULL,
    "kind" TEXT NOT NULL,
    "threshold" INTEGER NOT NULL,
    "usedTokens" BIGINT NOT NULL,
    "usedSpend" DECIMAL(20,8) NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "deliveryState" TEXT NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastError" TEXT,
    "deliveredAt" TIMESTAMPTZ(3),

    CONSTRAINT "QuotaAlert_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "QuotaAlertChannel" (
    "tenantId" UUID NOT NULL,
    "webhookUrl" TEXT,
    "webhookSecret" TEXT,
    "emails" TEXT[],
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "QuotaAlertChannel_pkey" PRIMARY KEY ("tenantId")
);

-- CreateTable
CREATE TABLE "InternalRate" (
    "id" UUID NOT NULL,
    "tenantId" UUID,
    "inputPerMillion" DECIMAL(20,8) NOT NULL,
    "outputPerMillion" DECIMAL(20,8) NOT NULL,
    "currency" TEXT NOT NULL DEFAULT 'CNY',
    "effectiveFrom" TIMESTAMPTZ(3) NOT NULL,
    "createdById" UUID,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "InternalRate_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Quota_tenantId_idx" ON "Quota"("tenantId");

-- CreateIndex
CREATE UNIQUE INDEX "Quota_departmentId_scopeKey_key" ON "Quota"("departmentId", "scopeKey");

-- CreateIndex
CREATE INDEX "QuotaCounter_tenantId_idx" ON "QuotaCounter"("tenantId");

-- CreateIndex
CREATE UNIQUE INDEX "QuotaCounter_quotaId_periodStart_key" ON "QuotaCounter"("quotaId", "periodStart");

-- CreateIndex
CREATE INDEX "QuotaHold_counterId_idx" ON "QuotaHold"("counterId");

-- CreateIndex
CREATE INDEX "QuotaHold_expiresAt_idx" ON "QuotaHold"("expiresAt");

-- CreateIndex
CREATE INDEX "QuotaRateWindow_windowStart_idx" ON "QuotaRateWindow"("windowStart");

-- CreateIndex
CREATE INDEX "QuotaAlert_tenantId_createdAt_idx" ON "QuotaAlert"("tenantId", "createdAt");

-- CreateIndex
CREATE INDEX "QuotaAlert_deliveryState_nextAttemptAt_idx" ON "QuotaAlert"("deliveryState", "nextAttemptAt");

-- CreateIndex
CREATE UNIQUE INDEX "QuotaAlert_quotaId_periodStart_kind_threshold_key" ON "QuotaAlert"("quotaId", "periodStart", "kind", "threshold");

-- CreateIndex
CREATE INDEX "InternalRate_tenantId_effectiveFrom_idx" ON "InternalRate"("tenantId", "effectiveFrom");

-- AddForeignKey
ALTER TABLE "QuotaCounter" ADD CONSTRAINT "QuotaCounter_quotaId_fkey" FOREIGN KEY ("quotaId") REFERENCES "Quota"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- ---------------------------------------------------------------------------
-- Written by hand: quota admission, settlement and alerts inside PostgreSQL.
-- Prisma does not manage functions or triggers, so later diffs leave them be.

-- The period that contains `at`, in the tenant's time zone.
CREATE FUNCTION quota_period_unit(p "QuotaPeriod") RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE p WHEN 'DAY' THEN 'day' WHEN 'WEEK' THEN 'week' ELSE 'month' END
$$;

CREATE FUNCTION quota_period_start(p "QuotaPeriod", tz text, at timestamptz) RETURNS timestamptz LANGUAGE sql STABLE AS $$
  SELECT date_trunc(quota_period_unit(p), at AT TIME ZONE tz) AT TIME ZONE tz
$$;

CREATE FUNCTION quota_period_end(p "QuotaPeriod", tz text, at timestamptz) RETURNS timestamptz LANGUAGE sql STABLE AS $$
  SELECT (date_trunc(quota_period_unit(p), at AT TIME ZONE tz) + ('1 ' || quota_period_unit(p))::interval) AT TIME ZONE tz
$$;

-- How much of a quota a counter has used, in percent of its tightest limit.
CREATE FUNCTION quota_percent(token_limit bigint, spend_limit numeric, used_tokens bigint, used_spend numeric) RETURNS numeric LANGUAGE sql IMMUTABLE AS $$
  SELECT GREATEST(
    CASE WHEN token_limit > 0 THEN used_tokens * 100.0 / token_limit END,
    CASE WHEN spend_limit > 0 THEN used_spend * 100.0 / spend_limit END)
$$;

CREATE TYPE quota_verdict AS (
  quota_id uuid,
  counter_id uuid,
  -- ok | insufficient_quota | rate_limit_requests | rate_limit_tokens
  verdict text,
  hard boolean,
  -- this request's worst case counted against the quota
  tokens bigint,
  token_limit bigint,
  tokens_left bigint,
  spend_limit numeric,
  spend_left numeric,
  period_start timestamptz,
  period_end timestamptz,
  rpm int,
  requests_left int,
  tpm int,
  rate_tokens_left bigint,
  window_end timestamptz
);

-- Admission: rate limits, then a hold of the request's worst case on every
-- quota that applies (department, member inside it, key), all or nothing.
-- Counters are locked in id order, so concurrent admissions and settlements
-- queue instead of deadlocking; nothing is read, decided and written apart.
-- Returns one row per applicable quota (none: no quota, admitted); the
-- request is admitted when every verdict is 'ok', and then only is anything
-- reserved.
CREATE FUNCTION quota_admit(
  p_request_id text, p_department uuid, p_user uuid, p_key uuid,
  p_prompt bigint, p_completion bigint, p_spend numeric, p_at timestamptz, p_ttl_ms int
) RETURNS SETOF quota_verdict LANGUAGE plpgsql AS $$
DECLARE
  v_window timestamptz := date_trunc('minute', p_at);
  v_rows quota_verdict[];
  v_alerts int;
BEGIN
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

-- Settlement: each stored usage event releases its request's holds and is
-- added to the counters of the quotas that apply to it, in the same
-- transaction as the event itself. The recorder stores an event once (its
-- request id is the key; replays insert nothing), so each counter equals the
-- sum of its settled events, whatever way the request ended.
CREATE FUNCTION quota_settle_usage() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  v_counters uuid[];
  v_alerts int;
BEGIN
  INSERT INTO "QuotaCounter" (id, "quotaId", "tenantId", "periodStart", "periodEnd")
  SELECT DISTINCT ON (q.id, quota_period_start(q.period, t.timezone, e."startedAt"))
    gen_random_uuid(), q.id, q."tenantId", quota_period_start(q.period, t.timezone, e."startedAt"), quota_period_end(q.period, t.timezone, e."startedAt")
  FROM new_events e
  JOIN "Quota" q ON q."departmentId" = e."departmentId"
    AND (q.scope = 'DEPARTMENT' OR (q.scope = 'MEMBER' AND q."userId" = e."userId") OR (q.scope = 'KEY' AND q."apiKeyId" = e."apiKeyId"))
  JOIN "Tenant" t ON t.id = q."tenantId"
  ON CONFLICT ("quotaId", "periodStart") DO NOTHING;

  SELECT array_agg(DISTINCT id) INTO v_counters FROM (
    SELECT c.id FROM new_events e
    JOIN "Quota" q ON q."departmentId" = e."departmentId"
      AND (q.scope = 'DEPARTMENT' OR (q.scope = 'MEMBER' AND q."userId" = e."userId") OR (q.scope = 'KEY' AND q."apiKeyId" = e."apiKeyId"))
    JOIN "Tenant" t ON t.id = q."tenantId"
    JOIN "QuotaCounter" c ON c."quotaId" = q.id AND c."periodStart" = quota_period_start(q.period, t.timezone, e."startedAt")
    UNION
    SELECT h."counterId" FROM "QuotaHold" h JOIN new_events e ON e."requestId" = h."requestId"
  ) x;
  IF v_counters IS NULL THEN
    RETURN NULL;
  END IF;

  PERFORM 1 FROM "QuotaCounter" WHERE id = ANY(v_counters) ORDER BY id FOR UPDATE;

  WITH released AS (
    DELETE FROM "QuotaHold" h USING new_events e WHERE h."requestId" = e."requestId"
    RETURNING h."counterId", h.tokens, h.spend
  ), sums AS (
    SELECT "counterId" AS id, sum(tokens) AS tokens, sum(spend) AS spend FROM released GROUP BY 1
  )
  UPDATE "QuotaCounter" c SET "reservedTokens" = c."reservedTokens" - s.tokens, "reservedSpend" = c."reservedSpend" - s.spend
  FROM sums s WHERE c.id = s.id;

  WITH charges AS (
    SELECT c.id, sum(e."promptTokens" + q."outputWeight" * e."completionTokens")::bigint AS tokens,
      sum(coalesce(e.cost, 0)) AS spend, count(*)::int AS n, max(e."endedAt") AS at
    FROM new_events e
    JOIN "Quota" q ON q."departmentId" = e."departmentId"
      AND (q.scope = 'DEPARTMENT' OR (q.scope = 'MEMBER' AND q."userId" = e."userId") OR (q.scope = 'KEY' AND q."apiKeyId" = e."apiKeyId"))
    JOIN "Tenant" t ON t.id = q."tenantId"
    JOIN "QuotaCounter" c ON c."quotaId" = q.id AND c."periodStart" = quota_period_start(q.period, t.timezone, e."startedAt")
    GROUP BY c.id
  ), charged AS (
    UPDATE "QuotaCounter" c
    SET "usedTokens" = c."usedTokens" + ch.tokens, "usedSpend" = c."usedSpend" + ch.spend, requests = c.requests + ch.n, "updatedAt" = ch.at
    FROM charges ch WHERE c.id = ch.id
    RETURNING c.*
  ), thresholds AS (
    INSERT INTO "QuotaAlert" (id, "tenantId", "quotaId", "periodStart", kind, threshold, "usedTokens", "usedSpend")
    SELECT gen_random_uuid(), c."tenantId", c."quotaId", c."periodStart", 'threshold', th, c."usedTokens", c."usedSpend"
    FROM charged c JOIN "Quota" q ON q.id = c."quotaId" CROSS JOIN LATERAL unnest(q.thresholds) th
    WHERE quota_percent(q."tokenLimit", q."spendLimit", c."usedTokens", c."usedSpend") >= th
    ON CONFLICT DO NOTHING
    RETURNING 1
  ), forecasts AS (
    -- At the rate so far, the limit is reached before the period ends (judged
    -- once a tenth of the period has passed).
    INSERT INTO "QuotaAlert" (id, "tenantId", "quotaId", "periodStart", kind, threshold, "usedTokens", "usedSpend")
    SELECT gen_random_uuid(), c."tenantId", c."quotaId", c."periodStart", 'forecast', 0, c."usedTokens", c."usedSpend"
    FROM charged c JOIN "Quota" q ON q.id = c."quotaId"
    CROSS JOIN LATERAL (SELECT extract(epoch FROM c."updatedAt" - c."periodStart") / extract(epoch FROM c."periodEnd" - c."periodStart") AS f) el
    WHERE el.f >= 0.1 AND el.f < 1
      AND quota_percent(q."tokenLimit", q."spendLimit", c."usedTokens", c."usedSpend") < 100
      AND quota_percent(q."tokenLimit", q."spendLimit", c."usedTokens", c."usedSpend") / el.f >= 100
    ON CONFLICT DO NOTHING
    RETURNING 1
  )
  SELECT (SELECT count(*) FROM thresholds) + (SELECT count(*) FROM forecasts) INTO v_alerts;
  IF v_alerts > 0 THEN
    PERFORM pg_notify('quota_alert', '');
  END IF;
  RETURN NULL;
END
$$;

CREATE TRIGGER quota_settle_usage AFTER INSERT ON "UsageEvent"
REFERENCING NEW TABLE AS new_events FOR EACH STATEMENT EXECUTE FUNCTION quota_settle_usage();

-- Releases the holds of requests that never settled (their process died and
-- its journal was not replayed in time), and forgets old rate windows.
CREATE FUNCTION quota_sweep(p_now timestamptz) RETURNS int LANGUAGE plpgsql AS $$
DECLARE
  v_counters uuid[];
  v_released int;
BEGIN
  DELETE FROM "QuotaRateWindow" WHERE "windowStart" < p_now - interval '5 minutes';
  SELECT array_agg(DISTINCT "counterId") INTO v_counters FROM "QuotaHold" WHERE "expiresAt" < p_now;
  IF v_counters IS NULL THEN
    RETURN 0;
  END IF;
  PERFORM 1 FROM "QuotaCounter" WHERE id = ANY(v_counters) ORDER BY id FOR UPDATE;
  WITH released AS (
    DELETE FROM "QuotaHold" WHERE "expiresAt" < p_now AND "counterId" = ANY(v_counters)
    RETURNING "counterId", tokens, spend
  ), sums AS (
    SELECT "counterId" AS id, sum(tokens) AS tokens, sum(spend) AS spend, count(*) AS n FROM released GROUP BY 1
  ), updated AS (
    UPDATE "QuotaCounter" c SET "reservedTokens" = c."reservedTokens" - s.tokens, "reservedSpend" = c."reservedSpend" - s.spend
    FROM sums s WHERE c.id = s.id
    RETURNING s.n
  )
  SELECT coalesce(sum(n), 0)::int INTO v_released FROM updated;
  RETURN v_released;
END
$$;
