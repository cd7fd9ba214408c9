package io.drover.mesoslocal;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;

/** Reads RecordIO frames ({@code <decimal length>\n<bytes>}) from a stream, however the chunks split them. */
final class RecordIoReader {

  private final InputStream in;

  RecordIoReader(InputStream in) {
    this.in = in;
  }

  /** The next record, or null at a clean end of stream. */
  byte[] next() throws IOException {
    ByteArrayOutputStream digits = new ByteArrayOutputStream();
    int c;
    while ((c = in.read()) != '\n') {
      if (c < 0) {
        if (digits.size() == 0) {
          return null;
        }
        throw new EOFException("stream ended inside a record length");
      }
      if (c < '0' || c > '9') {
        throw new IOException("bad RecordIO length byte " + c);
      }
      digits.write(c);
    }
    int length = Integer.parseInt(digits.toString());
    byte[] record = in.readNBytes(length);
    if (record.length != length) {
      throw new EOFException("stream ended inside a record");
    }
    return record;
  }
}
