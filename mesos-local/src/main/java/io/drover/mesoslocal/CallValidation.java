package io.drover.mesoslocal;

import org.apache.mesos.v1.scheduler.Protos.Call;

/** {@code validation::scheduler::call::validate}: the checks that answer 400 before any lookup. */
final class CallValidation {

  private CallValidation() {}

  /** Null when valid. */
  static String validate(Call call) {
    if (!call.hasType()) {
      return "Expecting 'type' to be present";
    }
    if (call.getType() == Call.Type.SUBSCRIBE) {
      if (!call.hasSubscribe()) {
        return "Expecting 'subscribe' to be present";
      }
      if (!call.getSubscribe().getFrameworkInfo().getId().equals(call.getFrameworkId())) {
        return "'framework_id' differs from 'subscribe.framework_info.id'";
      }
      return null;
    }
    if (!call.hasFrameworkId()) {
      return "Expecting 'framework_id' to be present";
    }
    switch (call.getType()) {
      case ACCEPT:
        return call.hasAccept() ? null : "Expecting 'accept' to be present";
      case DECLINE:
        return call.hasDecline() ? null : "Expecting 'decline' to be present";
      case ACCEPT_INVERSE_OFFERS:
        return call.hasAcceptInverseOffers() ? null : "Expecting 'accept_inverse_offers' to be present";
      case DECLINE_INVERSE_OFFERS:
        return call.hasDeclineInverseOffers() ? null : "Expecting 'decline_inverse_offers' to be present";
      case KILL:
        return call.hasKill() ? null : "Expecting 'kill' to be present";
      case SHUTDOWN:
        return call.hasShutdown() ? null : "Expecting 'shutdown' to be present";
      case ACKNOWLEDGE:
        if (!call.hasAcknowledge()) {
          return "Expecting 'acknowledge' to be present";
        }
        return call.getAcknowledge().getUuid().size() == 16 ? null
            : "Invalid UUID: expected 16 bytes, got " + call.getAcknowledge().getUuid().size();
      case RECONCILE:
        return call.hasReconcile() ? null : "Expecting 'reconcile' to be present";
      case MESSAGE:
        return call.hasMessage() ? null : "Expecting 'message' to be present";
      case REQUEST:
        return call.hasRequest() ? null : "Expecting 'request' to be present";
      case UPDATE_FRAMEWORK:
        return call.hasUpdateFramework() ? null : "Expecting 'update_framework' to be present";
      default:
        return null;
    }
  }
}
