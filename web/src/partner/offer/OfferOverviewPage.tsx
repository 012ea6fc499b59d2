import {
  Body1,
  Table,
  TableBody,
  TableCell,
  TableRow,
  Text,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import { Section } from "../../components/layout";
import { RouterButton, RouterLink } from "../../components/RouterLink";
import { callToActionLabel, formatBytes, formatDateTime, formatNumber } from "../../lib/format";
import { useOffer } from "./context";
import { PublishStatus } from "./PublishStatus";

const useStyles = makeStyles({
  key: { width: "40%", color: tokens.colorNeutralForeground2 },
});

export function OfferOverviewPage() {
  const s = useStyles();
  const { offer, plans, setOffer } = useOffer();
  const base = `/partner/offers/${encodeURIComponent(offer.id)}`;
  const tc = offer.technical_configuration;
  return (
    <>
      <PublishStatus offer={offer} setOffer={setOffer} />
      {offer.state === "draft" && (
        <Section title="Draft">
          <Body1>
            Complete the offer setup, create plans and give the CRM package in Technical configuration, then select
            Review and publish.
          </Body1>
          <div>
            <RouterButton to={`${base}/review`} appearance="primary">
              Review and publish
            </RouterButton>
          </div>
        </Section>
      )}
      <Section title="Offer overview">
        <Table aria-label="Offer summary" size="small">
          <TableBody>
            <TableRow>
              <TableCell className={s.key}>Name on the marketplace</TableCell>
              <TableCell>{offer.listing.name || <Text italic>not set</Text>}</TableCell>
            </TableRow>
            <TableRow>
              <TableCell className={s.key}>App license management</TableCell>
              <TableCell>
                {offer.licensing.license_management
                  ? offer.licensing.allow_install_without_license
                    ? "Enabled; customers may install without assigned licenses"
                    : "Enabled"
                  : "Not enabled"}
                {offer.licensing.locked && " (locked)"}
              </TableCell>
            </TableRow>
            {!offer.licensing.license_management && (
              <TableRow>
                <TableCell className={s.key}>Call to action</TableCell>
                <TableCell>
                  {offer.call_to_action ? callToActionLabel[offer.call_to_action] : <Text italic>not chosen</Text>}
                </TableCell>
              </TableRow>
            )}
            <TableRow>
              <TableCell className={s.key}>Plans</TableCell>
              <TableCell>
                <RouterLink to={`${base}/plans`}>{formatNumber(plans.length)}</RouterLink>
              </TableCell>
            </TableRow>
            <TableRow>
              <TableCell className={s.key}>CRM package</TableCell>
              <TableCell>
                {tc.package_upload
                  ? `Uploaded zip, ${formatBytes(tc.package_upload.size)}, ${formatDateTime(tc.package_upload.uploaded_at)}`
                  : tc.package_url || <Text italic>not given</Text>}
              </TableCell>
            </TableRow>
            <TableRow>
              <TableCell className={s.key}>Created</TableCell>
              <TableCell>{formatDateTime(offer.created_at)}</TableCell>
            </TableRow>
            <TableRow>
              <TableCell className={s.key}>Last modified</TableCell>
              <TableCell>{formatDateTime(offer.updated_at)}</TableCell>
            </TableRow>
          </TableBody>
        </Table>
      </Section>
    </>
  );
}
