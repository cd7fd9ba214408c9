package io.drover.mesoslocal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.mesos.v1.Protos.Offer;
import org.apache.mesos.v1.Protos.TaskID;
import org.apache.mesos.v1.Protos.TaskState;
import org.apache.mesos.v1.scheduler.Protos.Call;
import org.junit.jupiter.api.Test;

/**
 * Scheduler calls pipelined on one keep-alive connection (as Mesos's own scheduler library sends
 * them) are handled in order and answered in order, including calls refused before they reach the
 * master, however many are outstanding (libprocess sets no limit).
 */
class PipelinedCallsTest {

  @Test
  void pipelinedCallsAreHandledAndAnsweredInOrder() throws Exception {
    try (MesosLocal cluster = MesosLocal.builder().noProcess(true).allocationInterval(Duration.ofMillis(100)).start();
        TestScheduler s = TestScheduler.subscribe(cluster, TestScheduler.framework("pipelined").build())) {
      s.autoAck = true;
      Offer offer = s.awaitOffer();
      URI url = URI.create(cluster.url());
      Call launch = Call.newBuilder().setType(Call.Type.ACCEPT).setFrameworkId(s.frameworkId())
          .setAccept(Call.Accept.newBuilder().addOfferIds(offer.getId()).addOperations(Offer.Operation.newBuilder()
              .setType(Offer.Operation.Type.LAUNCH)
              .setLaunch(Offer.Operation.Launch.newBuilder()
                  .addTaskInfos(TestScheduler.task("p1", offer, "sleep 600", 0.1, 32)))))
          .build();
      Call kill = Call.newBuilder().setType(Call.Type.KILL).setFrameworkId(s.frameworkId())
          .setKill(Call.Kill.newBuilder().setTaskId(TaskID.newBuilder().setValue("p1"))).build();
      try (Socket socket = new Socket(url.getHost(), url.getPort())) {
        OutputStream out = socket.getOutputStream();
        ByteArrayOutputStream requests = new ByteArrayOutputStream();
        requests.writeBytes(post(url, s.streamId(), "application/x-protobuf", launch.toByteArray()));
        requests.writeBytes(post(url, s.streamId(), "application/x-protobuf", new byte[] {(byte) 0xff, 0x01}));
        requests.writeBytes(post(url, "stale-stream", "application/x-protobuf", kill.toByteArray()));
        requests.writeBytes(post(url, s.streamId(), "application/x-protobuf", kill.toByteArray()));
        out.write(requests.toByteArray()); // all four in one write: the server sees them pipelined
        out.flush();
        DataInputStream in = new DataInputStream(socket.getInputStream());
        List<String> answers = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
          answers.add(readResponse(in));
        }
        assertThat(answers.get(0)).isEqualTo("202 ");
        assertThat(answers.get(1)).startsWith("400 ");
        assertThat(answers.get(2)).startsWith("400 The stream ID 'stale-stream' included in this request didn't match");
        assertThat(answers.get(3)).isEqualTo("202 ");
      }
      // The launch was handled before the kill that followed it on the connection.
      s.awaitUpdate("p1", TaskState.TASK_RUNNING);
      s.awaitUpdate("p1", TaskState.TASK_KILLED);
    }
  }

  @Test
  void hundredsOfPipelinedCallsAreAllAnswered() throws Exception {
    try (MesosLocal cluster = MesosLocal.builder().noProcess(true).start();
        TestScheduler s = TestScheduler.subscribe(cluster, TestScheduler.framework("deep").build())) {
      URI url = URI.create(cluster.url());
      byte[] revive = post(url, s.streamId(), "application/x-protobuf", Call.newBuilder()
          .setType(Call.Type.REVIVE).setFrameworkId(s.frameworkId()).build().toByteArray());
      int calls = 300; // more than Netty's default pipeline limit (128), which would close the connection
      ByteArrayOutputStream requests = new ByteArrayOutputStream();
      for (int i = 0; i < calls; i++) {
        requests.writeBytes(revive);
      }
      try (Socket socket = new Socket(url.getHost(), url.getPort())) {
        socket.getOutputStream().write(requests.toByteArray());
        socket.getOutputStream().flush();
        DataInputStream in = new DataInputStream(socket.getInputStream());
        for (int i = 0; i < calls; i++) {
          assertThat(readResponse(in)).as("answer %d", i).isEqualTo("202 ");
        }
      }
    }
  }

  private static byte[] post(URI url, String streamId, String contentType, byte[] body) {
    String head = "POST /api/v1/scheduler HTTP/1.1\r\nHost: " + url.getHost() + ":" + url.getPort()
        + "\r\nContent-Type: " + contentType + "\r\nAccept: " + contentType + "\r\nMesos-Stream-Id: " + streamId
        + "\r\nContent-Length: " + body.length + "\r\n\r\n";
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(head.getBytes(StandardCharsets.US_ASCII));
    out.writeBytes(body);
    return out.toByteArray();
  }

  /** One response as "status body". */
  private static String readResponse(DataInputStream in) throws IOException {
    String status = line(in);
    int length = 0;
    for (String header = line(in); !header.isEmpty(); header = line(in)) {
      if (header.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
        length = Integer.parseInt(header.substring("content-length:".length()).trim());
      }
    }
    byte[] body = new byte[length];
    in.readFully(body);
    return status.split(" ")[1] + " " + new String(body, StandardCharsets.UTF_8);
  }

  private static String line(DataInputStream in) throws IOException {
    StringBuilder line = new StringBuilder();
    for (int c = in.read(); c != '\n'; c = in.read()) {
      if (c < 0) {
        throw new IOException("connection closed in the middle of a response");
      }
      if (c != '\r') {
        line.append((char) c);
      }
    }
    return line.toString();
  }
}
