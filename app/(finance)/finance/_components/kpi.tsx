import type { ReactNode } from "react";

export function Kpi({ label, value, hint, testId }: { label: string; value: ReactNode; hint?: ReactNode; testId?: string }) {
  return (
    <div className="kpi">
      <span className="muted">{label}</span>
      <strong data-testid={testId}>{value}</strong>
      {hint ? <span className="muted" style={{ fontSize: "0.8rem" }}>{hint}</span> : null}
    </div>
  );
}
