package io.drover.controller.mesos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RecordIoDecoderTest {

  private static final List<String> RECORDS =
      List.of("{\"type\":\"SUBSCRIBED\"}", "", "x", "0123456789".repeat(12), "{\"type\":\"HEARTBEAT\"}");

  private static byte[] stream(List<String> records) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (String record : records) {
      byte[] bytes = record.getBytes(StandardCharsets.UTF_8);
      out.writeBytes((bytes.length + "\n").getBytes(StandardCharsets.US_ASCII));
      out.writeBytes(bytes);
    }
    return out.toByteArray();
  }

  private static List<String> decode(RecordIoDecoder decoder, byte[] data, int from, int to)
      throws RecordIoException {
    List<String> out = new ArrayList<>();
    for (byte[] record : decoder.feed(data, from, to - from)) {
      out.add(new String(record, StandardCharsets.UTF_8));
    }
    return out;
  }

  @Test
  void decodesTheSameRecordsWhereverTheStreamIsSplitInTwo() throws Exception {
    byte[] data = stream(RECORDS);
    for (int split = 0; split <= data.length; split++) {
      RecordIoDecoder decoder = new RecordIoDecoder(1024);
      List<String> got = new ArrayList<>(decode(decoder, data, 0, split));
      got.addAll(decode(decoder, data, split, data.length));
      assertThat(got).as("split at byte %d", split).isEqualTo(RECORDS);
      assertThat(decoder.atRecordBoundary()).isTrue();
    }
  }

  @Test
  void decodesOneByteAtATimeAndInRandomChunks() throws Exception {
    byte[] data = stream(RECORDS);
    RecordIoDecoder byteByByte = new RecordIoDecoder(1024);
    List<String> got = new ArrayList<>();
    for (int i = 0; i < data.length; i++) {
      got.addAll(decode(byteByByte, data, i, i + 1));
    }
    assertThat(got).isEqualTo(RECORDS);

    Random random = new Random(42);
    for (int round = 0; round < 200; round++) {
      RecordIoDecoder decoder = new RecordIoDecoder(1024);
      List<String> chunked = new ArrayList<>();
      int pos = 0;
      while (pos < data.length) {
        int next = Math.min(data.length, pos + 1 + random.nextInt(17));
        chunked.addAll(decode(decoder, data, pos, next));
        pos = next;
      }
      assertThat(chunked).isEqualTo(RECORDS);
    }
  }

  @Test
  void knowsWhenTheStreamStoppedInsideARecord() throws Exception {
    byte[] data = stream(List.of("hello"));
    RecordIoDecoder inHeader = new RecordIoDecoder(1024);
    inHeader.feed(data, 0, 1);
    assertThat(inHeader.atRecordBoundary()).isFalse();
    RecordIoDecoder inBody = new RecordIoDecoder(1024);
    inBody.feed(data, 0, 4);
    assertThat(inBody.atRecordBoundary()).isFalse();
  }

  @Test
  void refusesARecordOverTheBoundBeforeBufferingIt() {
    byte[] header = "2147483647\n".getBytes(StandardCharsets.US_ASCII);
    RecordIoDecoder decoder = new RecordIoDecoder(100);
    assertThatThrownBy(() -> decoder.feed(header, 0, header.length))
        .isInstanceOf(RecordIoException.class)
        .hasMessageContaining("2147483647 bytes exceeds the limit of 100 bytes");
  }

  @Test
  void acceptsARecordExactlyAtTheBound() throws Exception {
    byte[] data = stream(List.of("a".repeat(100)));
    assertThat(decode(new RecordIoDecoder(100), data, 0, data.length)).containsExactly("a".repeat(100));
  }

  @Test
  void refusesMalformedHeaders() {
    assertThatThrownBy(() -> new RecordIoDecoder(100).feed("1x\n".getBytes(), 0, 3))
        .isInstanceOf(RecordIoException.class).hasMessageContaining("non-digit byte 0x78");
    assertThatThrownBy(() -> new RecordIoDecoder(100).feed("\n".getBytes(), 0, 1))
        .isInstanceOf(RecordIoException.class).hasMessageContaining("no length digits");
    byte[] longHeader = "1".repeat(25).getBytes();
    assertThatThrownBy(() -> new RecordIoDecoder(100).feed(longHeader, 0, longHeader.length))
        .isInstanceOf(RecordIoException.class).hasMessageContaining("longer than 19 digits");
  }
}
