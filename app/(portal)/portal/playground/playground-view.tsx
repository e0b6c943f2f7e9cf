"use client";

import { useQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useRef, useState } from "react";
import { QueryState } from "@/app/_components/query-state";
import { useTenant } from "@/app/_components/tenant-context";
import { useTRPC, useTRPCClient } from "@/app/_trpc/client";
import { RemainingBudget } from "../remaining-budget";

type Turn = { role: "user" | "assistant"; content: string };
type Stats = { promptTokens: number; completionTokens: number; estimated: boolean; ttftMs: number | null; totalMs: number; status: string; requestId: string };

export function PlaygroundView() {
  const t = useTranslations("playground");
  const tenant = useTenant();
  const trpc = useTRPC();
  const client = useTRPCClient();
  const models = useQuery(trpc.playground.models.queryOptions({ tenantId: tenant.id }));
  const [turns, setTurns] = useState<Turn[]>([]);
  const [stats, setStats] = useState<(Stats | null)[]>([]);
  const [draft, setDraft] = useState("");
  const [system, setSystem] = useState("");
  const [temperature, setTemperature] = useState(0.7);
  const [maxTokens, setMaxTokens] = useState(512);
  const [json, setJson] = useState(false);
  const [model, setModel] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [answered, setAnswered] = useState(0);
  const stop = useRef<AbortController | null>(null);
  const chosenModel = model || models.data?.[0]?.id || "";

  async function send() {
    if (!draft.trim() || !chosenModel) return;
    const history: Turn[] = [...turns, { role: "user", content: draft }];
    setTurns([...history, { role: "assistant", content: "" }]);
    setStats((s) => [...s, null, null]);
    setDraft("");
    setError(null);
    setBusy(true);
    const controller = new AbortController();
    stop.current = controller;
    try {
      const events = await client.playground.chat.mutate(
        { tenantId: tenant.id, model: chosenModel, system: system || null, messages: history, temperature, maxTokens, json },
        { signal: controller.signal },
      );
      for await (const event of events) {
        if (event.type === "delta") {
          setTurns((all) => all.map((turn, i) => (i === all.length - 1 ? { ...turn, content: turn.content + event.text } : turn)));
        } else if (event.type === "done") {
          setStats((all) => all.map((s, i) => (i === all.length - 1 ? event : s)));
        }
      }
    } catch (e) {
      if (!controller.signal.aborted) setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
      setAnswered((n) => n + 1);
      stop.current = null;
    }
  }

  return (
    <>
      <h1>{t("title")}</h1>
      <RemainingBudget refreshKey={answered} />
      <QueryState query={models} isEmpty={models.data?.length === 0} empty={{ title: t("noModels"), hint: t("noModelsHint") }}>
        <div className="panel form-row">
          <label>
            {t("model")}
            <select value={chosenModel} onChange={(e) => setModel(e.target.value)}>
              {(models.data ?? []).map((m) => (
                <option key={m.id} value={m.id}>{m.id}</option>
              ))}
            </select>
          </label>
          <label>
            {t("temperature")}
            <input type="number" min={0} max={2} step={0.1} value={temperature} onChange={(e) => setTemperature(Number(e.target.value))} />
          </label>
          <label>
            {t("maxTokens")}
            <input type="number" min={1} max={8192} value={maxTokens} onChange={(e) => setMaxTokens(Number(e.target.value))} />
          </label>
          <label style={{ flexDirection: "row", alignItems: "center" }}>
            <input type="checkbox" checked={json} onChange={(e) => setJson(e.target.checked)} />
            {t("jsonMode")}
          </label>
          <label style={{ width: "100%" }}>
            {t("system")}
            <textarea rows={2} value={system} onChange={(e) => setSystem(e.target.value)} placeholder={t("systemPlaceholder")} />
          </label>
        </div>
        <div className="panel" data-testid="transcript">
          {turns.length === 0 && <p className="muted">{t("emptyHint")}</p>}
          {turns.map((turn, i) => (
            <div key={i} className={`turn ${turn.role}`} data-testid={`turn-${turn.role}`}>
              <strong>{turn.role === "user" ? t("you") : t("assistant")}</strong>
              <div className="turn-text">{turn.content || (busy && i === turns.length - 1 ? "…" : "")}</div>
              {stats[i] && (
                <div className="muted turn-stats" data-testid="turn-stats">
                  {t("stats", {
                    prompt: stats[i]!.promptTokens,
                    completion: stats[i]!.completionTokens,
                    ttft: stats[i]!.ttftMs ?? 0,
                    total: stats[i]!.totalMs,
                  })}
                  {stats[i]!.estimated && ` · ${t("estimated")}`}
                  {stats[i]!.status !== "ok" && ` · ${t("status")}: ${stats[i]!.status}`}
                </div>
              )}
            </div>
          ))}
        </div>
        {error && <div className="notice error" role="alert" data-testid="playground-error">{error}</div>}
        <form
          className="form-row"
          onSubmit={(e) => {
            e.preventDefault();
            void send();
          }}
        >
          <textarea
            aria-label={t("message")}
            rows={3}
            style={{ flex: 1 }}
            value={draft}
            onChange={(e) => setDraft(e.target.value)}
            placeholder={t("messagePlaceholder")}
          />
          {busy ? (
            <button type="button" onClick={() => stop.current?.abort()}>{t("stop")}</button>
          ) : (
            <button className="primary" type="submit" disabled={!draft.trim()}>{t("send")}</button>
          )}
          <button type="button" onClick={() => { setTurns([]); setStats([]); }} disabled={busy}>{t("clear")}</button>
        </form>
      </QueryState>
    </>
  );
}
