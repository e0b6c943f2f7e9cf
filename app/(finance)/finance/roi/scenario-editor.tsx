"use client";

import { useTranslations } from "next-intl";
import { useEffect, useRef, useState } from "react";
import type { ScenarioInput } from "@/server/economics";
import { getAt, setAt } from "./scenario-figures";

type Path = (string | number)[];

function Field({ label, path, draft, onChange, testId }: { label: string; path: Path; draft: ScenarioInput; onChange: (d: ScenarioInput) => void; testId?: string }) {
  const value = getAt(draft, path);
  return (
    <label>
      {label}
      <input
        value={value === undefined || value === null ? "" : String(value)}
        onChange={(e) => onChange(setAt(draft, path, e.target.value))}
        data-testid={testId}
        style={{ width: "9rem" }}
      />
    </label>
  );
}

function IntField({ label, path, draft, onChange, testId }: { label: string; path: Path; draft: ScenarioInput; onChange: (d: ScenarioInput) => void; testId?: string }) {
  const value = getAt(draft, path);
  return (
    <label>
      {label}
      <input
        type="number"
        min={1}
        value={value === undefined || value === null ? "" : String(value)}
        onChange={(e) => onChange(setAt(draft, path, e.target.value === "" ? undefined : Number(e.target.value)))}
        data-testid={testId}
        style={{ width: "6rem" }}
      />
    </label>
  );
}

/**
 * The scenario's inputs as a form (the figures finance changes most) and as
 * the whole scenario file (every input). Both edit the same draft.
 */
export function ScenarioEditor({ draft, onChange }: { draft: ScenarioInput; onChange: (d: ScenarioInput) => void }) {
  const t = useTranslations("finance");
  const [json, setJson] = useState(() => JSON.stringify(draft, null, 2));
  const [jsonError, setJsonError] = useState<string | null>(null);
  // The form's edits show in the file; the file's own edits are not reformatted under the cursor.
  const fromJson = useRef(false);
  useEffect(() => {
    if (fromJson.current) {
      fromJson.current = false;
      return;
    }
    setJson(JSON.stringify(draft, null, 2));
  }, [draft]);
  const f = { draft, onChange };
  const bom = draft.hardware?.bom ?? [];
  const items = draft.operating?.items ?? [];
  const benefits = draft.benefits ?? [];
  const electricity = draft.operating?.electricity;
  return (
    <div className="panel" data-testid="scenario-editor">
      <h2>{t("editorTitle")}</h2>
      <h3>{t("editor.hardware")}</h3>
      {bom.map((line, i) => (
        <div className="form-row" key={i}>
          <span style={{ minWidth: "12rem" }}>{line.component} {line.model ? <span className="muted">{line.model}</span> : null}</span>
          {line.subtotal !== undefined ? (
            <Field label={t("editor.subtotal")} path={["hardware", "bom", i, "subtotal"]} {...f} />
          ) : (
            <>
              <Field label={t("editor.unitPrice")} path={["hardware", "bom", i, "unitPrice"]} {...f} />
              <Field label={t("editor.quantity")} path={["hardware", "bom", i, "quantity"]} {...f} />
            </>
          )}
        </div>
      ))}
      <div className="form-row">
        <IntField label={t("editor.lifetime")} path={["hardware", "lifetimeYears"]} {...f} />
        <Field label={t("editor.salvage")} path={["hardware", "salvage"]} {...f} />
      </div>
      <h3>{t("editor.operating")}</h3>
      <div className="form-row">
        {items.map((item, i) => (
          <Field key={i} label={`${item.name} (/${t(`per.${item.per}`)})`} path={["operating", "items", i, "amount"]} {...f} />
        ))}
      </div>
      {electricity && (
        <div className="form-row">
          {electricity.mode === "assumed" ? (
            <>
              <Field label={t("editor.watts")} path={["operating", "electricity", "watts"]} {...f} testId="input-watts" />
              <Field label={t("editor.hoursPerDay")} path={["operating", "electricity", "hoursPerDay"]} {...f} />
            </>
          ) : (
            <Field label={t("editor.kwhPerYear")} path={["operating", "electricity", "kwhPerYear"]} {...f} />
          )}
          <Field label={t("editor.tariff")} path={["operating", "electricity", "tariffPerKwh"]} {...f} testId="input-tariff" />
          <Field label={t("editor.pue")} path={["operating", "electricity", "pue"]} {...f} />
        </div>
      )}
      <h3>{t("editor.benefits")}</h3>
      <div className="form-row">
        {benefits.map((b, i) => (
          <Field key={i} label={`${b.name} (/${t(`per.${b.per}`)})`} path={["benefits", i, "amount"]} {...f} />
        ))}
      </div>
      <h3>{t("editor.volumeFinance")}</h3>
      <div className="form-row">
        <Field label={t("editor.inputTokens")} path={["volume", "inputTokensPerMonth"]} {...f} />
        <Field label={t("editor.outputTokens")} path={["volume", "outputTokensPerMonth"]} {...f} />
        <Field label={t("editor.peakToAverage")} path={["volume", "peakToAverage"]} {...f} />
        <Field label={t("editor.discountRate")} path={["finance", "discountRate"]} {...f} testId="input-discount" />
        <IntField label={t("editor.horizon")} path={["finance", "horizonYears"]} {...f} />
        <Field label={t("editor.swing")} path={["finance", "swing"]} {...f} />
      </div>
      <details style={{ marginTop: "1rem" }}>
        <summary>{t("editor.json")}</summary>
        <textarea
          value={json}
          onChange={(e) => {
            setJson(e.target.value);
            try {
              fromJson.current = true;
              onChange(JSON.parse(e.target.value) as ScenarioInput);
              setJsonError(null);
            } catch (err) {
              setJsonError(err instanceof Error ? err.message : String(err));
            }
          }}
          rows={24}
          style={{ width: "100%", fontFamily: "monospace", fontSize: "0.8rem" }}
          data-testid="scenario-json"
        />
        {jsonError && <div className="notice error">{jsonError}</div>}
      </details>
    </div>
  );
}
