// The Marketplace (/marketplace): public; live offers, search, product pages, preview links, Contact me.
import { Route, Routes } from "react-router";
import { NotFoundPage } from "../components/NotFoundPage";
import { MarketplaceHome } from "./MarketplaceHome";
import { ProductPage } from "./ProductPage";

export default function MarketplaceRoutes() {
  return (
    <Routes>
      <Route index element={<MarketplaceHome />} />
      <Route path="product/:product" element={<ProductPage />} />
      <Route path="*" element={<NotFoundPage />} />
    </Routes>
  );
}
