package io.drover.controller.mesos;

import java.util.ArrayList;
import java.util.List;

/**
 * Incremental decoder of Mesos RecordIO ({@code <decimal length>\n<length bytes>}, repeated).
 *
 * <p>Bytes may arrive split anywhere, even inside the length header; {@link #feed} keeps the partial
 * state between calls. A record longer than the configured bound is refused before any of it is
 * buffered, so a corrupt or hostile header cannot exhaust memory. Not thread-safe: one reader
 * thread owns an instance.
 */
final class RecordIoDecoder {

  /** Enough digits for any length we accept; more means the header is garbage. */
  private static final int MAX_HEADER_DIGITS = 19;

  private final int maxRecordBytes;
  private long headerValue;
  private int headerDigits;
  private byte[] record;
  private int filled;

  RecordIoDecoder(int maxRecordBytes) {
    if (maxRecordBytes <= 0) {
      throw new IllegalArgumentException("maxRecordBytes must be positive, got " + maxRecordBytes);
    }
    this.maxRecordBytes = maxRecordBytes;
  }

  /** Decodes {@code buf[off, off+len)}; returns the records it completed, in order (often none). */
  List<byte[]> feed(byte[] buf, int off, int len) throws RecordIoException {
    List<byte[]> sink = new ArrayList<>(2);
    int pos = off;
    int end = off + len;
    while (pos < end) {
      if (record == null) {
        pos = readHeader(buf, pos, end, sink);
      } else {
        int n = Math.min(end - pos, record.length - filled);
        System.arraycopy(buf, pos, record, filled, n);
        filled += n;
        pos += n;
        if (filled == record.length) {
          emit(sink);
        }
      }
    }
    return sink;
  }

  /** True when the stream ended between records rather than inside one. */
  boolean atRecordBoundary() {
    return record == null && headerDigits == 0;
  }

  private int readHeader(byte[] buf, int pos, int end, List<byte[]> sink)
      throws RecordIoException {
    while (pos < end) {
      byte b = buf[pos++];
      if (b == '\n') {
        if (headerDigits == 0) {
          throw new RecordIoException("RecordIO header has no length digits");
        }
        startRecord(sink);
        return pos;
      }
      if (b < '0' || b > '9') {
        throw new RecordIoException("RecordIO header has a non-digit byte 0x"
            + Integer.toHexString(b & 0xff) + " after " + headerDigits + " digits");
      }
      if (++headerDigits > MAX_HEADER_DIGITS) {
        throw new RecordIoException("RecordIO header is longer than " + MAX_HEADER_DIGITS + " digits");
      }
      headerValue = headerValue * 10 + (b - '0');
    }
    return pos;
  }

  private void startRecord(List<byte[]> sink) throws RecordIoException {
    if (headerValue > maxRecordBytes) {
      throw new RecordIoException("RecordIO record of " + headerValue
          + " bytes exceeds the limit of " + maxRecordBytes + " bytes");
    }
    record = new byte[(int) headerValue];
    filled = 0;
    headerValue = 0;
    headerDigits = 0;
    if (record.length == 0) {
      emit(sink);
    }
  }

  private void emit(List<byte[]> sink) {
    byte[] done = record;
    record = null;
    filled = 0;
    sink.add(done);
  }
}
