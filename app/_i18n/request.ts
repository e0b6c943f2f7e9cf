import { cookies } from "next/headers";
import { getRequestConfig } from "next-intl/server";
import { getViewer } from "../_components/viewer";
import { LOCALE_COOKIE, toLocale } from "./locales";
import { loadMessages } from "./messages";

// The latest explicit choice on this browser wins; a new browser gets the
// language saved on the user's profile.
export default getRequestConfig(async () => {
  const chosen = (await cookies()).get(LOCALE_COOKIE)?.value;
  const locale = toLocale(chosen ?? (await getViewer())?.user.locale);
  const messages = await loadMessages(locale);
  return { locale, messages, timeZone: "Asia/Shanghai" };
});
