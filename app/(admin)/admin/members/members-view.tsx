"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { DataTable } from "@/app/_components/data-table";
import { MutationError, QueryState } from "@/app/_components/query-state";
import { useTenant } from "@/app/_components/tenant-context";
import { useTRPC } from "@/app/_trpc/client";

const ROLES = ["OWNER", "ADMIN", "FINANCE", "MEMBER"] as const;
type Role = (typeof ROLES)[number];

export function MembersView() {
  const t = useTranslations();
  const tenant = useTenant();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const members = useQuery(trpc.members.list.queryOptions({ tenantId: tenant.id }));
  const departments = useQuery(trpc.departments.list.queryOptions({ tenantId: tenant.id, includeArchived: false }));
  const invalidate = () => queryClient.invalidateQueries({ queryKey: trpc.members.list.queryKey() });
  const add = useMutation(trpc.members.add.mutationOptions({ onSuccess: invalidate }));
  const changeRole = useMutation(trpc.members.changeRole.mutationOptions({ onSuccess: invalidate }));
  const setDisabled = useMutation(trpc.members.setDisabled.mutationOptions({ onSuccess: invalidate }));
  const setDepartments = useMutation(trpc.members.setDepartments.mutationOptions({ onSuccess: invalidate }));
  const deptName = new Map((departments.data ?? []).map((d) => [d.id, d.name]));
  const roleOptions = ROLES.filter((r) => r !== "OWNER" || tenant.role === "OWNER");

  return (
    <>
      <h1>{t("members.title")}</h1>
      <form
        className="panel form-row"
        action={(form) => {
          const dept = String(form.get("department") ?? "");
          add.mutate({
            tenantId: tenant.id,
            email: String(form.get("email")),
            name: String(form.get("name")),
            role: String(form.get("role")) as Role,
            homeDepartmentId: dept || null,
          });
        }}
      >
        <strong style={{ width: "100%" }}>{t("members.add")}</strong>
        <label>
          {t("members.email")}
          <input name="email" type="email" required />
        </label>
        <label>
          {t("members.name")}
          <input name="name" required maxLength={100} />
        </label>
        <label>
          {t("members.role")}
          <select name="role" defaultValue="MEMBER">
            {roleOptions.map((r) => (
              <option key={r} value={r}>{t(`roles.${r}`)}</option>
            ))}
          </select>
        </label>
        <label>
          {t("members.department")}
          <select name="department" defaultValue="">
            <option value="">{t("members.noDepartment")}</option>
            {(departments.data ?? []).map((d) => (
              <option key={d.id} value={d.id}>{d.name}</option>
            ))}
          </select>
        </label>
        <button className="primary" type="submit" disabled={add.isPending}>{t("common.create")}</button>
      </form>
      {add.data && (
        <div className="notice ok" role="status" data-testid="member-added">
          {add.data.initialPassword ? t("members.initialPassword", { password: add.data.initialPassword }) : t("members.added")}
        </div>
      )}
      <MutationError error={add.error ?? changeRole.error ?? setDisabled.error ?? setDepartments.error} />
      <QueryState query={members} isEmpty={members.data?.length === 0} empty={{ title: t("members.empty"), hint: t("members.emptyHint") }}>
        <DataTable
          testId="members-table"
          csvName={`members-${tenant.slug}.csv`}
          rows={members.data ?? []}
          columns={[
            { id: "email", header: t("members.email"), value: (m) => m.user.email },
            { id: "name", header: t("members.name"), value: (m) => m.user.name },
            {
              id: "role",
              header: t("members.role"),
              value: (m) => t(`roles.${m.role}`),
              cell: (m) => (
                <select
                  aria-label={`${t("members.role")} ${m.user.email}`}
                  value={m.role}
                  disabled={m.role === "OWNER" && tenant.role !== "OWNER"}
                  onChange={(e) => changeRole.mutate({ tenantId: tenant.id, membershipId: m.id, role: e.target.value as Role })}
                >
                  {(m.role === "OWNER" ? ROLES : roleOptions).map((r) => (
                    <option key={r} value={r}>{t(`roles.${r}`)}</option>
                  ))}
                </select>
              ),
            },
            {
              id: "department",
              header: t("members.department"),
              value: (m) => (m.homeDepartmentId ? (deptName.get(m.homeDepartmentId) ?? "") : ""),
              cell: (m) => (
                <select
                  aria-label={`${t("members.department")} ${m.user.email}`}
                  value={m.homeDepartmentId ?? ""}
                  onChange={(e) =>
                    setDepartments.mutate({
                      tenantId: tenant.id,
                      membershipId: m.id,
                      homeDepartmentId: e.target.value || null,
                      adminOfDepartmentIds: m.adminOfDepartmentIds,
                    })
                  }
                >
                  <option value="">{t("members.noDepartment")}</option>
                  {(departments.data ?? []).map((d) => (
                    <option key={d.id} value={d.id}>{d.name}</option>
                  ))}
                </select>
              ),
            },
            {
              id: "adminOf",
              header: t("members.adminOf"),
              value: (m) => m.adminOfDepartmentIds.map((id) => deptName.get(id) ?? "").join(", "),
            },
            {
              id: "status",
              header: t("common.status"),
              value: (m) => (m.disabled ? t("common.disabled") : t("common.active")),
              cell: (m) => (
                <span className="form-row">
                  <span className={m.disabled ? "badge off" : "badge"}>{m.disabled ? t("common.disabled") : t("common.active")}</span>
                  <button onClick={() => setDisabled.mutate({ tenantId: tenant.id, membershipId: m.id, disabled: !m.disabled })}>
                    {m.disabled ? t("common.enable") : t("common.disable")}
                  </button>
                </span>
              ),
            },
          ]}
        />
      </QueryState>
    </>
  );
}
