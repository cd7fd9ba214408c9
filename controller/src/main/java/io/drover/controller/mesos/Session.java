package io.drover.controller.mesos;

import java.net.URI;
import org.apache.mesos.v1.Protos.FrameworkID;

/** What every call needs from the current subscription: where to send it and on whose behalf. */
record Session(Subscription subscription, FrameworkID frameworkId) {

  URI endpoint() {
    return subscription.endpoint();
  }

  String streamId() {
    return subscription.streamId();
  }
}
