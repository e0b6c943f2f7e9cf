-- CreateEnum
CREATE TYPE "ApiKeyKind" AS ENUM ('PERSONAL', 'SERVICE');

-- CreateEnum
CREATE TYPE "UsageStatus" AS ENUM ('ok', 'upstream_error', 'client_cancelled', 'rejected');

-- CreateEnum
CREATE TYPE "TokenSource" AS ENUM ('upstream', 'estimated');

-- CreateTable
CREATE TABLE "ClusterNodeSample" (
    "id" BIGSERIAL NOT NULL,
    "nodeId" UUID NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "healthy" BOOLEAN NOT NULL,
    "running" INTEGER,
    "waiting" INTEGER,
    "kvCacheUse" DOUBLE PRECISION,
    "powerWatts" DOUBLE PRECISION,
    "gpuUtil" DOUBLE PRECISION,

    CONSTRAINT "ClusterNodeSample_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ApiKey" (
    "id" UUID NOT NULL,
    "tenantId" UUID NOT NULL,
    "departmentId" UUID NOT NULL,
    "userId" UUID,
    "kind" "ApiKeyKind" NOT NULL,
    "name" TEXT NOT NULL,
    "prefix" TEXT NOT NULL,
    "hash" TEXT NOT NULL,
    "endpoints" TEXT[],
    "models" TEXT[],
    "expiresAt" TIMESTAMPTZ(3),
    "revokedAt" TIMESTAMPTZ(3),
    "lastUsedAt" TIMESTAMPTZ(3),
    "createdById" UUID,
    "rotatedFromId" UUID,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ApiKey_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "UsageEvent" (
    "requestId" TEXT NOT NULL,
    "tenantId" UUID NOT NULL,
    "departmentId" UUID NOT NULL,
    "userId" UUID,
    "apiKeyId" UUID,
    "nodeId" UUID,
    "model" TEXT NOT NULL,
    "endpoint" TEXT NOT NULL,
    "source" TEXT NOT NULL DEFAULT 'api',
    "stream" BOOLEAN NOT NULL,
    "promptTokens" INTEGER NOT NULL,
    "completionTokens" INTEGER NOT NULL,
    "cachedTokens" INTEGER NOT NULL DEFAULT 0,
    "tokenSource" "TokenSource" NOT NULL,
    "status" "UsageStatus" NOT NULL,
    "httpStatus" INTEGER NOT NULL,
    "queueMs" INTEGER NOT NULL,
    "ttftMs" INTEGER,
    "totalMs" INTEGER NOT NULL,
    "cost" DECIMAL(20,8),
    "startedAt" TIMESTAMPTZ(3) NOT NULL,
    "endedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "UsageEvent_pkey" PRIMARY KEY ("requestId")
);

-- CreateTable
CREATE TABLE "UsageHourly" (
    "hour" TIMESTAMPTZ(3) NOT NULL,
    "tenantId" UUID NOT NULL,
    "departmentId" UUID NOT NULL,
    "userId" UUID NOT NULL,
    "apiKeyId" UUID NOT NULL,
    "model" TEXT NOT NULL,
    "requests" INTEGER NOT NULL,
    "errors" INTEGER NOT NULL,
    "estimated" INTEGER NOT NULL,
    "promptTokens" BIGINT NOT NULL,
    "completionTokens" BIGINT NOT NULL,
    "cachedTokens" BIGINT NOT NULL,
    "totalMs" BIGINT NOT NULL,
    "cost" DECIMAL(20,8) NOT NULL,

    CONSTRAINT "UsageHourly_pkey" PRIMARY KEY ("hour","tenantId","departmentId","userId","apiKeyId","model")
);

-- CreateIndex
CREATE INDEX "ClusterNodeSample_nodeId_at_idx" ON "ClusterNodeSample"("nodeId", "at");

-- CreateIndex
CREATE UNIQUE INDEX "ApiKey_prefix_key" ON "ApiKey"("prefix");

-- CreateIndex
CREATE UNIQUE INDEX "ApiKey_hash_key" ON "ApiKey"("hash");

-- CreateIndex
CREATE INDEX "ApiKey_tenantId_idx" ON "ApiKey"("tenantId");

-- CreateIndex
CREATE INDEX "ApiKey_tenantId_departmentId_idx" ON "ApiKey"("tenantId", "departmentId");

-- CreateIndex
CREATE INDEX "ApiKey_tenantId_userId_idx" ON "ApiKey"("tenantId", "userId");

-- CreateIndex
CREATE INDEX "UsageEvent_tenantId_startedAt_idx" ON "UsageEvent"("tenantId", "startedAt");

-- CreateIndex
CREATE INDEX "UsageEvent_tenantId_departmentId_startedAt_idx" ON "UsageEvent"("tenantId", "departmentId", "startedAt");

-- CreateIndex
CREATE INDEX "UsageEvent_tenantId_userId_startedAt_idx" ON "UsageEvent"("tenantId", "userId", "startedAt");

-- CreateIndex
CREATE INDEX "UsageEvent_tenantId_apiKeyId_startedAt_idx" ON "UsageEvent"("tenantId", "apiKeyId", "startedAt");

-- CreateIndex
CREATE INDEX "UsageHourly_tenantId_hour_idx" ON "UsageHourly"("tenantId", "hour");
