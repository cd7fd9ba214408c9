package io.drover.controller.mesos;

import java.io.InputStream;
import java.net.URI;

/**
 * A SUBSCRIBE that the master answered with 200: where it went ({@code origin} is the detector's
 * candidate it started from, {@code endpoint} the leader it ended at after redirects), the
 * stream id, and the event stream body.
 */
record OpenedStream(URI origin, URI endpoint, String streamId, InputStream body) {}
