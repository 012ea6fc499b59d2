// Fluent UI links and buttons that navigate with React Router (real <a href>, so they open in a new tab too).
import { Button, Link, type ButtonProps } from "@fluentui/react-components";
import type { ReactNode } from "react";
import { useHref, useLinkClickHandler } from "react-router";

interface LinkProps {
  to: string;
  children: ReactNode;
  className?: string;
  "data-testid"?: string;
}

export function RouterLink({ to, children, ...rest }: LinkProps) {
  const href = useHref(to);
  const handle = useLinkClickHandler<HTMLAnchorElement>(to);
  return (
    <Link as="a" href={href} onClick={handle} {...rest}>
      {children}
    </Link>
  );
}

interface ButtonLinkProps extends LinkProps {
  appearance?: ButtonProps["appearance"];
  icon?: ButtonProps["icon"];
}

export function RouterButton({ to, children, ...rest }: ButtonLinkProps) {
  const href = useHref(to);
  const handle = useLinkClickHandler<HTMLAnchorElement>(to);
  return (
    <Button as="a" href={href} onClick={handle} {...rest}>
      {children}
    </Button>
  );
}
