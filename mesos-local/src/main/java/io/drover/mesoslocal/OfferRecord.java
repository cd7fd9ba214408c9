package io.drover.mesoslocal;

import org.apache.mesos.v1.Protos.Offer;

/** An outstanding offer and the resources it holds (without allocation info). */
record OfferRecord(Offer offer, FrameworkRecord framework, AgentRecord agent, String role, Resources resources) {

  String id() {
    return offer.getId().getValue();
  }
}
