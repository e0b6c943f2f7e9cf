"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";

// The only time the full key exists outside the caller's hands: it is not
// stored, so it cannot be shown again once this is dismissed.
export function NewKeyNotice({ created, onDone }: { created: { key: string; prefix: string }; onDone: () => void }) {
  const t = useTranslations("apiKeys");
  const [copied, setCopied] = useState(false);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(created.key);
      setCopied(true);
    } catch {
      // No clipboard outside a secure context: the field is selected to copy by hand.
      (document.getElementById("new-key-value") as HTMLInputElement | null)?.select();
    }
  };
  return (
    <div className="notice ok" role="status" data-testid="new-key">
      <strong>{t("newKeyTitle", { prefix: created.prefix })}</strong>
      <p>{t("newKeyWarning")}</p>
      <div className="form-row">
        <input
          id="new-key-value"
          data-testid="new-key-value"
          aria-label={t("newKeyLabel")}
          readOnly
          value={created.key}
          size={created.key.length}
          style={{ fontFamily: "monospace" }}
          onFocus={(e) => e.target.select()}
        />
        <button type="button" onClick={copy}>{copied ? t("copied") : t("copy")}</button>
        <button type="button" onClick={onDone}>{t("done")}</button>
      </div>
    </div>
  );
}
