"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";

type Group = { label: string; links: { href: string; label: string }[] };

export function NavLinks({ groups }: { groups: Group[] }) {
  const pathname = usePathname();
  return (
    <>
      {groups.map((g) => (
        <div key={g.label} data-testid={`nav-group-${g.label}`}>
          <div className="group">{g.label}</div>
          {g.links.map((l) => (
            <Link key={l.href} href={l.href} aria-current={pathname === l.href ? "page" : undefined}>
              {l.label}
            </Link>
          ))}
        </div>
      ))}
    </>
  );
}
