"use client";

import { useTranslations } from "next-intl";

export type NodeFormValues = {
  name: string;
  baseUrl: string;
  model: string;
  maxModelLen?: number;
  gpuModel?: string;
  gpuCount?: number;
  idleWatts?: number;
  loadWatts?: number;
  weight?: number;
  maxConcurrency?: number;
};

const NUMBER_FIELDS = [
  ["maxModelLen", 256],
  ["gpuCount", 1],
  ["idleWatts", 0],
  ["loadWatts", 0],
  ["weight", 1],
  ["maxConcurrency", 1],
] as const;

// Blank optional fields are left out, so the database default (on create) or
// the stored value (on edit) stays.
function read(form: FormData): NodeFormValues {
  const text = (name: string) => String(form.get(name) ?? "").trim();
  const values: NodeFormValues = { name: text("name"), baseUrl: text("baseUrl"), model: text("model") };
  if (text("gpuModel")) values.gpuModel = text("gpuModel");
  for (const [field] of NUMBER_FIELDS) if (text(field)) values[field] = Number(text(field));
  return values;
}

/** Adds a node, or edits one when `initial` is given. */
export function NodeForm({
  initial,
  pending,
  onSubmit,
  onCancel,
}: {
  initial?: NodeFormValues & { id: string };
  pending: boolean;
  onSubmit: (values: NodeFormValues) => void;
  onCancel?: () => void;
}) {
  const t = useTranslations();
  return (
    <form className="panel form-row" data-testid="node-form" action={(form) => onSubmit(read(form))}>
      <strong style={{ width: "100%" }}>{initial ? t("cluster.editTitle", { name: initial.name }) : t("cluster.newTitle")}</strong>
      <label>
        {t("cluster.name")}
        <input name="name" required maxLength={63} pattern="[A-Za-z0-9][A-Za-z0-9._\-]{0,62}" placeholder="gpu-1" defaultValue={initial?.name} />
      </label>
      <label>
        {t("cluster.baseUrl")}
        <input name="baseUrl" type="url" required placeholder="http://gpu-1:8000" title={t("cluster.baseUrlHint")} defaultValue={initial?.baseUrl} style={{ width: "16rem" }} />
      </label>
      <label>
        {t("cluster.model")}
        <input name="model" required maxLength={200} defaultValue={initial?.model ?? "Qwen/Qwen2.5-7B-Instruct"} style={{ width: "16rem" }} />
      </label>
      <label>
        {t("cluster.gpuModel")}
        <input name="gpuModel" maxLength={100} placeholder="RTX 4090D" defaultValue={initial?.gpuModel} />
      </label>
      {NUMBER_FIELDS.map(([field, min]) => (
        <label key={field}>
          {t(`cluster.${field}`)}
          <input name={field} type="number" min={min} step={1} defaultValue={initial?.[field]} style={{ width: "8rem" }} />
        </label>
      ))}
      <button className="primary" type="submit" disabled={pending}>
        {initial ? t("common.save") : t("common.create")}
      </button>
      {onCancel && (
        <button type="button" onClick={onCancel}>
          {t("common.cancel")}
        </button>
      )}
    </form>
  );
}
