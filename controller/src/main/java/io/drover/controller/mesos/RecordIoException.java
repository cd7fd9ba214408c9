package io.drover.controller.mesos;

import java.io.IOException;

/** The event stream is not valid RecordIO (bad header or a record over the size bound). */
final class RecordIoException extends IOException {
  RecordIoException(String message) {
    super(message);
  }
}
