import { MessageBar, MessageBarBody } from "@fluentui/react-components";
import type { Offer } from "../../api/types";
import { isFrozen } from "../../lib/format";

// Shown on the editing pages while the offer can't change (in review, publishing) or is live.
export function FrozenNotice({ offer, liveText }: { offer: Offer; liveText?: string }) {
  if (isFrozen(offer.state)) {
    return (
      <MessageBar intent="info">
        <MessageBarBody>
          {offer.state === "in_review"
            ? "The offer is being reviewed; it can be changed again when the review is done."
            : "The offer is going live; it can't be changed until it is live."}
        </MessageBarBody>
      </MessageBar>
    );
  }
  if (offer.state === "live" && liveText) {
    return (
      <MessageBar intent="info">
        <MessageBarBody>{liveText}</MessageBarBody>
      </MessageBar>
    );
  }
  if (offer.state === "preview") {
    return (
      <MessageBar intent="warning">
        <MessageBarBody>
          The offer is in Preview. Saving a change sends it back to draft: select Review and publish again afterwards.
        </MessageBarBody>
      </MessageBar>
    );
  }
  return null;
}
