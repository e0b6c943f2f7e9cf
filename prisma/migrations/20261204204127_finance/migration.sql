-- CreateEnum
CREATE TYPE "AllocationMethod" AS ENUM ('WEIGHTED_TOKENS', 'GPU_TIME');

-- CreateEnum
CREATE TYPE "IdlePolicy" AS ENUM ('SPREAD', 'OVERHEAD');

-- CreateEnum
CREATE TYPE "PriceKind" AS ENUM ('API', 'CLOUD');

-- CreateTable
CREATE TABLE "CostModelVersion" (
    "id" UUID NOT NULL,
    "version" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "effectiveFrom" TIMESTAMPTZ(3) NOT NULL,
    "inServiceFrom" TIMESTAMPTZ(3) NOT NULL,
    "inputs" JSONB NOT NULL,
    "allocationMethod" "AllocationMethod" NOT NULL DEFAULT 'WEIGHTED_TOKENS',
    "idlePolicy" "IdlePolicy" NOT NULL DEFAULT 'SPREAD',
    "inputTokenWeight" DECIMAL(12,6) NOT NULL DEFAULT 1,
    "outputTokenWeight" DECIMAL(12,6) NOT NULL DEFAULT 1,
    "note" TEXT,
    "createdById" UUID,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CostModelVersion_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PriceCatalogEntry" (
    "id" UUID NOT NULL,
    "kind" "PriceKind" NOT NULL,
    "name" TEXT NOT NULL,
    "currency" TEXT NOT NULL DEFAULT 'CNY',
    "unit" TEXT,
    "inputTiers" JSONB,
    "outputTiers" JSONB,
    "price" DECIMAL(20,8),
    "per" TEXT,
    "hoursPerMonth" DECIMAL(12,4),
    "outputTokensPerSecond" DECIMAL(14,4),
    "effectiveFrom" TIMESTAMPTZ(3) NOT NULL,
    "effectiveTo" TIMESTAMPTZ(3),
    "source" TEXT NOT NULL,
    "createdById" UUID,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PriceCatalogEntry_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SavedScenario" (
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "inputs" JSONB NOT NULL,
    "createdById" UUID,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "SavedScenario_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "CostModelVersion_version_key" ON "CostModelVersion"("version");

-- CreateIndex
CREATE INDEX "CostModelVersion_effectiveFrom_idx" ON "CostModelVersion"("effectiveFrom");

-- CreateIndex
CREATE INDEX "PriceCatalogEntry_effectiveFrom_idx" ON "PriceCatalogEntry"("effectiveFrom");

-- CreateIndex
CREATE UNIQUE INDEX "SavedScenario_name_key" ON "SavedScenario"("name");
