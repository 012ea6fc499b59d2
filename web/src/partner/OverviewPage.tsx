import {
  Badge,
  Button,
  Menu,
  MenuItem,
  MenuList,
  MenuPopover,
  MenuTrigger,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Text,
  makeStyles,
} from "@fluentui/react-components";
import { AddRegular } from "@fluentui/react-icons";
import { useNavigate } from "react-router";
import { partnerApi } from "../api/partner";
import { Empty, LoadError, Loading } from "../components/feedback";
import { useDocumentTitle, useLoad } from "../components/hooks";
import { PageHeader, Section } from "../components/layout";
import { RouterLink } from "../components/RouterLink";
import { formatDateTime, offerStateColor, offerStateLabel } from "../lib/format";
import { OFFER_TYPES, offerTypeLabel } from "./offerTypes";

const useStyles = makeStyles({
  table: { minWidth: "560px" },
  scroll: { overflowX: "auto" },
  hideSmall: { "@media (max-width: 600px)": { display: "none" } },
});

export function NewOfferMenu() {
  const navigate = useNavigate();
  return (
    <Menu>
      <MenuTrigger disableButtonEnhancement>
        <Button appearance="primary" icon={<AddRegular />}>
          New offer
        </Button>
      </MenuTrigger>
      <MenuPopover>
        <MenuList>
          {OFFER_TYPES.map((t) => (
            <MenuItem key={t.id} onClick={() => navigate(`/partner/offers/new?type=${t.id}`)}>
              {t.label}
            </MenuItem>
          ))}
        </MenuList>
      </MenuPopover>
    </Menu>
  );
}

export function OverviewPage() {
  const s = useStyles();
  useDocumentTitle("Overview");
  const offers = useLoad((signal) => partnerApi.offers(signal), "offers");
  return (
    <>
      <PageHeader title="Overview">
        <NewOfferMenu />
      </PageHeader>
      <Section title="Offers">
        {offers.loading && !offers.data ? (
          <Loading label="Loading offers…" />
        ) : offers.error ? (
          <LoadError error={offers.error} retry={offers.reload} />
        ) : offers.data && offers.data.items.length === 0 ? (
          <Empty title="No offers yet">
            <Text>Select New offer to create your first offer.</Text>
            <NewOfferMenu />
          </Empty>
        ) : (
          <div className={s.scroll}>
            <Table className={s.table} aria-label="Offers">
              <TableHeader>
                <TableRow>
                  <TableHeaderCell>Offer alias</TableHeaderCell>
                  <TableHeaderCell>Offer ID</TableHeaderCell>
                  <TableHeaderCell className={s.hideSmall}>Type</TableHeaderCell>
                  <TableHeaderCell>Status</TableHeaderCell>
                  <TableHeaderCell className={s.hideSmall}>Last modified</TableHeaderCell>
                </TableRow>
              </TableHeader>
              <TableBody>
                {offers.data?.items.map((o) => (
                  <TableRow key={o.id}>
                    <TableCell>
                      <RouterLink to={`/partner/offers/${encodeURIComponent(o.id)}`}>{o.alias}</RouterLink>
                    </TableCell>
                    <TableCell>
                      <code>{o.id}</code>
                    </TableCell>
                    <TableCell className={s.hideSmall}>{offerTypeLabel(o.type)}</TableCell>
                    <TableCell>
                      <Badge appearance="tint" color={offerStateColor[o.state]}>
                        {offerStateLabel[o.state]}
                      </Badge>
                    </TableCell>
                    <TableCell className={s.hideSmall}>{formatDateTime(o.updated_at)}</TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </div>
        )}
      </Section>
    </>
  );
}
