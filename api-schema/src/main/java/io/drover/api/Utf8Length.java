package io.drover.api;

import java.io.Writer;

/**
 * A {@link Writer} that keeps nothing but the length its text would have in UTF-8, counted as
 * {@code String.getBytes(UTF_8)} encodes: a surrogate pair is 4 bytes, and a lone surrogate is 1
 * (the {@code ?} that replaces it). For measuring a text without encoding it.
 */
final class Utf8Length extends Writer {
  private long bytes;
  private boolean pendingHighSurrogate;

  @Override
  public void write(char[] text, int offset, int length) {
    for (int i = offset; i < offset + length; i++) {
      add(text[i]);
    }
  }

  @Override
  public void write(String text, int offset, int length) {
    for (int i = offset; i < offset + length; i++) {
      add(text.charAt(i));
    }
  }

  @Override
  public void write(int c) {
    add((char) c);
  }

  private void add(char c) {
    if (pendingHighSurrogate) {
      pendingHighSurrogate = false;
      if (Character.isLowSurrogate(c)) {
        bytes += 4;
        return;
      }
      bytes += 1;
    }
    if (c < 0x80) {
      bytes += 1;
    } else if (c < 0x800) {
      bytes += 2;
    } else if (Character.isHighSurrogate(c)) {
      pendingHighSurrogate = true;
    } else if (Character.isLowSurrogate(c)) {
      bytes += 1;
    } else {
      bytes += 3;
    }
  }

  /** The UTF-8 length of everything written so far. */
  long bytes() {
    return bytes + (pendingHighSurrogate ? 1 : 0);
  }

  @Override
  public void flush() {}

  @Override
  public void close() {}
}
