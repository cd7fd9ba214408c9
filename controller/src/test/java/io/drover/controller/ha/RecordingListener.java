package io.drover.controller.ha;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Remembers leadership events as strings, in order. */
final class RecordingListener implements LeadershipListener {
  final List<String> events = new CopyOnWriteArrayList<>();

  @Override
  public void elected(LeaderTerm term) {
    events.add("elected");
  }

  @Override
  public void suspended() {
    events.add("suspended");
  }

  @Override
  public void resumed() {
    events.add("resumed");
  }

  @Override
  public void revoked(String reason) {
    events.add("revoked: " + reason);
  }
}
