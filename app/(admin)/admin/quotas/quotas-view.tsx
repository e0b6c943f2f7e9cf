"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useLocale, useTranslations } from "next-intl";
import { useState, type FormEvent } from "react";
import { formatDateTime, formatMoney } from "@/app/_components/format";
import { MutationError, QueryState } from "@/app/_components/query-state";
import { useTenant } from "@/app/_components/tenant-context";
import { useTRPC } from "@/app/_trpc/client";
import { BurnDownChart } from "./burn-down-chart";

type Option = { id: string; name: string };
type Scope = "DEPARTMENT" | "MEMBER" | "KEY";
type Period = "DAY" | "WEEK" | "MONTH";

type Form = {
  departmentId: string;
  scope: Scope;
  userId: string;
  apiKeyId: string;
  period: Period;
  tokenLimit: string;
  spendLimit: string;
  rpm: string;
  tpm: string;
  outputWeight: string;
  thresholds: string;
  soft: boolean;
};

const blank = (departmentId: string): Form => ({ departmentId, scope: "DEPARTMENT", userId: "", apiKeyId: "", period: "MONTH", tokenLimit: "", spendLimit: "", rpm: "", tpm: "", outputWeight: "1", thresholds: "50, 80, 100", soft: false });
const intOrNull = (v: string) => (v.trim() === "" ? null : Number(v.replace(/[,_\s]/g, "")));

export function QuotasView(props: { departments: Option[]; members: { id: string; email: string }[]; canUpdate: boolean; canConfigureChannel: boolean; canSetRates: boolean }) {
  const t = useTranslations("quotas");
  const locale = useLocale();
  const tenant = useTenant();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [selected, setSelected] = useState<string | null>(null);
  const [form, setForm] = useState<Form>(blank(props.departments[0]?.id ?? ""));
  const list = useQuery(trpc.quotas.list.queryOptions({ tenantId: tenant.id }, { refetchInterval: 10_000 }));
  const alerts = useQuery(trpc.quotas.alerts.queryOptions({ tenantId: tenant.id, limit: 20 }, { refetchInterval: 10_000 }));
  const history = useQuery(trpc.quotas.history.queryOptions({ tenantId: tenant.id, quotaId: selected ?? undefined }));
  const keys = useQuery(
    trpc.apiKeys.listForDepartment.queryOptions({ tenantId: tenant.id, departmentId: form.departmentId }, { enabled: props.canUpdate && form.scope === "KEY" && form.departmentId !== "" }),
  );
  const invalidate = () => queryClient.invalidateQueries({ queryKey: trpc.quotas.pathKey() });
  const save = useMutation(trpc.quotas.set.mutationOptions({ onSuccess: (q) => (setSelected(q.id), invalidate()) }));
  const remove = useMutation(trpc.quotas.remove.mutationOptions({ onSuccess: () => (setSelected(null), invalidate()) }));
  const number = new Intl.NumberFormat(locale);
  const when = (d: Date | string) => formatDateTime(d, locale, tenant.timezone);
  const scopeName = (q: { scope: Scope; userEmail: string | null; keyLabel: string | null }) =>
    q.scope === "DEPARTMENT" ? t("scopeDEPARTMENT") : q.scope === "MEMBER" ? `${t("scopeMEMBER")} ${q.userEmail ?? ""}` : `${t("scopeKEY")} ${q.keyLabel ?? ""}`;

  function submit(e: FormEvent) {
    e.preventDefault();
    save.mutate({
      tenantId: tenant.id,
      departmentId: form.departmentId,
      scope: form.scope,
      userId: form.scope === "MEMBER" ? form.userId || null : null,
      apiKeyId: form.scope === "KEY" ? form.apiKeyId || null : null,
      period: form.period,
      tokenLimit: intOrNull(form.tokenLimit),
      spendLimit: form.spendLimit.trim() === "" ? null : form.spendLimit.trim(),
      rpm: intOrNull(form.rpm),
      tpm: intOrNull(form.tpm),
      outputWeight: Number(form.outputWeight) || 1,
      hard: !form.soft,
      thresholds: form.thresholds.split(",").map((s) => Number(s.trim())).filter((n) => Number.isInteger(n) && n > 0),
    });
  }

  const field = (name: keyof Form, label: string, extra: object = {}) => (
    <label>
      {label}
      <input name={name} value={String(form[name])} onChange={(e) => setForm({ ...form, [name]: e.target.value })} {...extra} />
    </label>
  );

  return (
    <>
      <h1>{t("title")}</h1>
      <p className="muted">{t("intro")}</p>

      <section className="panel" data-testid="quota-alerts">
        <h2>{t("alerts")}</h2>
        <QueryState query={alerts} isEmpty={alerts.data?.length === 0} empty={{ title: t("alertsEmpty"), hint: "" }}>
          <ul>
            {alerts.data?.map((a) => (
              <li key={a.id}>
                {when(a.createdAt)} —{" "}
                {a.kind === "forecast"
                  ? t("alertForecast", { department: a.departmentName, scope: t(`scope${a.scope as Scope}`) })
                  : t("alertThreshold", { department: a.departmentName, scope: t(`scope${a.scope as Scope}`), threshold: a.threshold })}
              </li>
            ))}
          </ul>
        </QueryState>
      </section>

      <QueryState query={list} isEmpty={list.data?.length === 0} empty={{ title: t("empty"), hint: t("emptyHint") }}>
        <table data-testid="quotas-table">
          <thead>
            <tr>
              <th>{t("department")}</th>
              <th>{t("scope")}</th>
              <th>{t("period")}</th>
              <th>{t("used")}</th>
              <th>{t("remaining")}</th>
              <th>{t("limits")}</th>
              <th>{t("resets")}</th>
              <th>{t("mode")}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {list.data?.map((q) => (
              <tr key={q.id} data-testid="quota-row" aria-selected={q.id === selected} onClick={() => setSelected(q.id)} style={{ cursor: "pointer" }}>
                <td>{q.departmentName}</td>
                <td>{scopeName(q)}</td>
                <td>{t(`period${q.period}`)}</td>
                <td data-testid="quota-used" data-used={q.usedTokens}>
                  {q.tokenLimit !== null && `${number.format(Number(q.usedTokens))} / ${number.format(Number(q.tokenLimit))}`}
                  {q.spendLimit !== null && <div>{`${formatMoney(q.usedSpend, locale, tenant.currency)} / ${formatMoney(q.spendLimit, locale, tenant.currency)}`}</div>}
                  {Number(q.reservedTokens) > 0 && <div className="muted">{`${t("reserved")}: ${number.format(Number(q.reservedTokens))}`}</div>}
                </td>
                <td data-testid="quota-remaining">
                  {q.remainingTokens !== null && number.format(Number(q.remainingTokens))}
                  {q.remainingSpend !== null && <div>{formatMoney(q.remainingSpend, locale, tenant.currency)}</div>}
                </td>
                <td>
                  {q.rpm !== null && <div>{`${t("rpm")}: ${q.rpm}`}</div>}
                  {q.tpm !== null && <div>{`${t("tpm")}: ${number.format(q.tpm)}`}</div>}
                </td>
                <td>{when(q.periodEnd)}</td>
                <td>{q.hard ? t("hard") : <span className="badge">{t("softBadge")}</span>}</td>
                <td>
                  {props.canUpdate && props.departments.some((d) => d.id === q.departmentId) && (
                    <>
                      <button
                        type="button"
                        onClick={(e) => {
                          e.stopPropagation();
                          setForm({
                            departmentId: q.departmentId,
                            scope: q.scope,
                            userId: q.userId ?? "",
                            apiKeyId: q.apiKeyId ?? "",
                            period: q.period,
                            tokenLimit: q.tokenLimit ?? "",
                            spendLimit: q.spendLimit ?? "",
                            rpm: q.rpm?.toString() ?? "",
                            tpm: q.tpm?.toString() ?? "",
                            outputWeight: String(q.outputWeight),
                            thresholds: q.thresholds.join(", "),
                            soft: !q.hard,
                          });
                        }}
                      >
                        {t("edit")}
                      </button>{" "}
                      <button type="button" disabled={remove.isPending} onClick={(e) => (e.stopPropagation(), remove.mutate({ tenantId: tenant.id, quotaId: q.id }))}>
                        {t("remove")}
                      </button>
                    </>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </QueryState>
      <MutationError error={remove.error} />

      {selected && <BurnDown quotaId={selected} />}

      {props.canUpdate && (
        <form className="panel" onSubmit={submit} data-testid="quota-form">
          <h2>{t("editor")}</h2>
          <div style={{ display: "grid", gridTemplateColumns: "repeat(auto-fill, minmax(14rem, 1fr))", gap: "0.75rem", marginBottom: "0.75rem" }}>
            <label>
              {t("department")}
              <select name="departmentId" value={form.departmentId} onChange={(e) => setForm({ ...form, departmentId: e.target.value })}>
                {props.departments.map((d) => (
                  <option key={d.id} value={d.id}>{d.name}</option>
                ))}
              </select>
            </label>
            <label>
              {t("scope")}
              <select name="scope" value={form.scope} onChange={(e) => setForm({ ...form, scope: e.target.value as Scope })}>
                {(["DEPARTMENT", "MEMBER", "KEY"] as const).map((s) => (
                  <option key={s} value={s}>{t(`scope${s}`)}</option>
                ))}
              </select>
            </label>
            {form.scope === "MEMBER" && (
              <label>
                {t("member")}
                <select name="userId" value={form.userId} onChange={(e) => setForm({ ...form, userId: e.target.value })}>
                  <option value="" />
                  {props.members.map((m) => (
                    <option key={m.id} value={m.id}>{m.email}</option>
                  ))}
                </select>
              </label>
            )}
            {form.scope === "KEY" && (
              <label>
                {t("key")}
                <select name="apiKeyId" value={form.apiKeyId} onChange={(e) => setForm({ ...form, apiKeyId: e.target.value })}>
                  <option value="" />
                  {keys.data?.map((k) => (
                    <option key={k.id} value={k.id}>{`${k.name} (${k.prefix}…)`}</option>
                  ))}
                </select>
              </label>
            )}
            <label>
              {t("period")}
              <select name="period" value={form.period} onChange={(e) => setForm({ ...form, period: e.target.value as Period })}>
                {(["DAY", "WEEK", "MONTH"] as const).map((p) => (
                  <option key={p} value={p}>{t(`period${p}`)}</option>
                ))}
              </select>
            </label>
            {field("tokenLimit", t("tokenLimit"), { inputMode: "numeric" })}
            {field("spendLimit", `${t("spendLimit")} (${tenant.currency})`, { inputMode: "decimal" })}
            {field("rpm", t("rpm"), { inputMode: "numeric" })}
            {field("tpm", t("tpm"), { inputMode: "numeric" })}
            {field("outputWeight", t("outputWeight"), { inputMode: "numeric" })}
            {field("thresholds", t("thresholds"))}
            <label>
              <input type="checkbox" name="soft" checked={form.soft} onChange={(e) => setForm({ ...form, soft: e.target.checked })} /> {t("soft")}
            </label>
          </div>
          <button type="submit" disabled={save.isPending || form.departmentId === ""}>{t("save")}</button>
          {save.isSuccess && <span role="status"> {t("saved")}</span>}
          <MutationError error={save.error} />
        </form>
      )}

      <section className="panel">
        <h2>{t("history")}</h2>
        <QueryState query={history} isEmpty={history.data?.length === 0} empty={{ title: t("historyEmpty"), hint: "" }}>
          <ul data-testid="quota-history">
            {history.data?.map((h) => (
              <li key={h.id}>
                {when(h.createdAt)} — <code>{h.action}</code> {h.actorEmail ?? "cli"}
              </li>
            ))}
          </ul>
        </QueryState>
      </section>

      {props.canConfigureChannel && <AlertChannel />}
      {props.canSetRates && <Rates />}
    </>
  );
}

function BurnDown({ quotaId }: { quotaId: string }) {
  const t = useTranslations("quotas");
  const locale = useLocale();
  const tenant = useTenant();
  const trpc = useTRPC();
  const burn = useQuery(trpc.quotas.burnDown.queryOptions({ tenantId: tenant.id, quotaId }, { refetchInterval: 10_000 }));
  const day = new Intl.DateTimeFormat(locale, { day: "numeric", month: "short", timeZone: tenant.timezone });
  const number = new Intl.NumberFormat(locale, { maximumFractionDigits: 2 });
  return (
    <section className="panel">
      <h2>{t("burnDown")}</h2>
      <QueryState query={burn}>
        {burn.data && (
          <>
            <p data-testid="burn-down-forecast">
              {burn.data.exhaustedAt
                ? t("exhaustedOn", { date: day.format(new Date(burn.data.exhaustedAt)) })
                : burn.data.limit === null
                  ? t("noLimitForecast", { projected: number.format(burn.data.projected) })
                  : t("withinBudget", { projected: number.format(burn.data.projected) })}
            </p>
            <BurnDownChart
              points={burn.data.points}
              forecast={burn.data.forecast}
              limit={burn.data.limit}
              periodEnd={burn.data.quota.periodEnd}
              labels={{ used: t("usedLine"), forecast: t("forecastLine"), limit: t("limitLine") }}
            />
          </>
        )}
      </QueryState>
    </section>
  );
}

function AlertChannel() {
  const t = useTranslations("quotas");
  const tenant = useTenant();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const channel = useQuery(trpc.quotas.alertChannel.queryOptions({ tenantId: tenant.id }));
  const [draft, setDraft] = useState<{ url: string; emails: string } | null>(null);
  const save = useMutation(trpc.quotas.setAlertChannel.mutationOptions({ onSuccess: () => (setDraft(null), queryClient.invalidateQueries({ queryKey: trpc.quotas.alertChannel.queryKey() })) }));
  const url = draft?.url ?? channel.data?.webhookUrl ?? "";
  const emails = draft?.emails ?? channel.data?.emails.join(", ") ?? "";
  return (
    <form
      className="panel"
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate({ tenantId: tenant.id, webhookUrl: url.trim() || null, emails: emails.split(",").map((s) => s.trim()).filter(Boolean) });
      }}
    >
      <h2>{t("channel")}</h2>
      <p className="muted">{t("channelHint")}</p>
      <p className="muted">{channel.data?.allowlist.length ? t("allowlist", { hosts: channel.data.allowlist.join(", ") }) : t("allowlistEmpty")}</p>
      <div style={{ display: "grid", gridTemplateColumns: "repeat(auto-fill, minmax(14rem, 1fr))", gap: "0.75rem", marginBottom: "0.75rem" }}>
        <label>
          {t("webhookUrl")}
          <input name="webhookUrl" value={url} onChange={(e) => setDraft({ url: e.target.value, emails })} placeholder="https://hooks.example.com/quota" />
        </label>
        <label>
          {t("emails")}
          <input name="emails" value={emails} onChange={(e) => setDraft({ url, emails: e.target.value })} />
        </label>
      </div>
      {channel.data?.webhookSecret && (
        <p>
          {t("secret")}: <code>{channel.data.webhookSecret}</code>
        </p>
      )}
      <button type="submit" disabled={save.isPending}>{t("saveChannel")}</button>
      <MutationError error={save.error} />
    </form>
  );
}

function Rates() {
  const t = useTranslations("quotas");
  const locale = useLocale();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const rates = useQuery(trpc.quotas.rates.queryOptions());
  const [input, setInput] = useState("2");
  const [output, setOutput] = useState("8");
  const save = useMutation(trpc.quotas.setRate.mutationOptions({ onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.quotas.rates.queryKey() }) }));
  return (
    <section className="panel">
      <h2>{t("rates")}</h2>
      <p className="muted">{t("ratesHint")}</p>
      <QueryState query={rates}>
        <table>
          <thead>
            <tr>
              <th>{t("effectiveFrom")}</th>
              <th>{t("scope")}</th>
              <th>{t("inputPerMillion")}</th>
              <th>{t("outputPerMillion")}</th>
            </tr>
          </thead>
          <tbody>
            {rates.data?.map((r) => (
              <tr key={r.id}>
                <td>{formatDateTime(r.effectiveFrom, locale)}</td>
                <td>{r.tenantId ?? t("platformWide")}</td>
                <td>{formatMoney(r.inputPerMillion, locale, r.currency)}</td>
                <td>{formatMoney(r.outputPerMillion, locale, r.currency)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </QueryState>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          save.mutate({ inputPerMillion: input.trim(), outputPerMillion: output.trim() });
        }}
      >
        <div style={{ display: "grid", gridTemplateColumns: "repeat(auto-fill, minmax(14rem, 1fr))", gap: "0.75rem", marginBottom: "0.75rem" }}>
          <label>
            {t("inputPerMillion")}
            <input value={input} onChange={(e) => setInput(e.target.value)} inputMode="decimal" />
          </label>
          <label>
            {t("outputPerMillion")}
            <input value={output} onChange={(e) => setOutput(e.target.value)} inputMode="decimal" />
          </label>
        </div>
        <button type="submit" disabled={save.isPending}>{t("saveRate")}</button>
        <MutationError error={save.error} />
      </form>
    </section>
  );
}
