import {
  Badge,
  Body1,
  Caption1,
  Card,
  CardHeader,
  SearchBox,
  Text,
  Title1,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import { useEffect, useState } from "react";
import { useSearchParams } from "react-router";
import { marketplaceApi } from "../api/marketplace";
import { Empty, LoadError, Loading } from "../components/feedback";
import { useDocumentTitle, useLoad } from "../components/hooks";
import { RouterLink } from "../components/RouterLink";
import { formatNumber, marketplaceActionLabel } from "../lib/format";

const useStyles = makeStyles({
  page: { maxWidth: "1100px", margin: "0 auto", padding: `${tokens.spacingVerticalXXL} ${tokens.spacingHorizontalL}` },
  hero: { display: "grid", gap: tokens.spacingVerticalM, marginBottom: tokens.spacingVerticalXL },
  search: { maxWidth: "560px", width: "100%" },
  grid: {
    display: "grid",
    gridTemplateColumns: "repeat(auto-fill, minmax(280px, 1fr))",
    gap: tokens.spacingHorizontalL,
  },
  card: { height: "100%" },
  badges: { display: "flex", gap: tokens.spacingHorizontalXS, flexWrap: "wrap" },
  count: { color: tokens.colorNeutralForeground2, marginBottom: tokens.spacingVerticalM, display: "block" },
});

export function MarketplaceHome() {
  const s = useStyles();
  const [params, setParams] = useSearchParams();
  const q = params.get("q") ?? "";
  const [text, setText] = useState(q);
  const [shownQ, setShownQ] = useState(q);
  useDocumentTitle("Marketplace");
  if (q !== shownQ) {
    // Back and forward change ?q=: the box follows.
    setShownQ(q);
    setText(q);
  }
  // Search as you type, a moment after the last key.
  useEffect(() => {
    if (text === q) return undefined;
    const id = window.setTimeout(() => setParams(text ? { q: text } : {}, { replace: true }), 300);
    return () => window.clearTimeout(id);
  }, [text, q, setParams]);
  const products = useLoad((signal) => marketplaceApi.offers(q, signal), q);

  return (
    <main className={s.page}>
      <div className={s.hero}>
        <Title1 as="h1">Marketplace</Title1>
        <Body1>Apps for Dynamics 365 and Power Apps from Seatkeeper publishers.</Body1>
        <SearchBox
          className={s.search}
          placeholder="Search apps"
          aria-label="Search apps"
          value={text}
          onChange={(_, d) => setText(d.value)}
        />
      </div>
      {products.error ? (
        <LoadError error={products.error} retry={products.reload} />
      ) : products.loading && !products.data ? (
        <Loading label="Loading apps…" />
      ) : !products.data || products.data.items.length === 0 ? (
        <Empty title={q ? `No apps match “${q}”` : "No apps are live yet"} />
      ) : (
        <>
          <Text className={s.count} role="status">
            {formatNumber(products.data.items.length)} {products.data.items.length === 1 ? "app" : "apps"}
          </Text>
          <div className={s.grid}>
            {products.data.items.map((p) => (
              <Card key={p.id} className={s.card}>
                <CardHeader
                  header={
                    <RouterLink to={`/marketplace/product/${p.id}`}>
                      <Text weight="semibold" size={400}>
                        {p.name}
                      </Text>
                    </RouterLink>
                  }
                  description={<Caption1>{p.publisher_name}</Caption1>}
                />
                <Body1>{p.summary}</Body1>
                <div className={s.badges}>
                  {p.actions.map((a) => (
                    <Badge key={a} appearance="tint" color="brand">
                      {marketplaceActionLabel[a]}
                    </Badge>
                  ))}
                  {p.license_management && (
                    <Badge appearance="outline" color="informative">
                      Licensed per user
                    </Badge>
                  )}
                </div>
              </Card>
            ))}
          </div>
        </>
      )}
    </main>
  );
}
