package io.drover.chaos;

import java.io.File;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.jute.Record;
import org.apache.zookeeper.ZooDefs.OpCode;
import org.apache.zookeeper.server.ByteBufferInputStream;
import org.apache.zookeeper.server.persistence.FileTxnLog;
import org.apache.zookeeper.server.persistence.TxnLog;
import org.apache.zookeeper.txn.CheckVersionTxn;
import org.apache.zookeeper.txn.CreateContainerTxn;
import org.apache.zookeeper.txn.CreateTTLTxn;
import org.apache.zookeeper.txn.CreateTxn;
import org.apache.zookeeper.txn.DeleteTxn;
import org.apache.zookeeper.txn.MultiTxn;
import org.apache.zookeeper.txn.SetDataTxn;
import org.apache.zookeeper.txn.Txn;
import org.apache.zookeeper.txn.TxnHeader;

/**
 * After a run, reads the ensemble's transaction logs (every server's, merged by zxid) and checks
 * that each committed write to the controller's own nodes ({@code /drover/scheduler/...}, {@code
 * /drover/status/...}) came from the session that owned the lowest election node under {@code
 * /drover/leader} at that point, i.e. from the leader, and was fenced (a multi-op that starts with
 * a check of that very node). This is what the replicas' refusal counters cannot show: that no
 * write of a deposed leader got through. Election nodes are followed through their creation,
 * deletion and their session's close.
 */
final class TxnAudit {
  private static final String ELECTION = "/drover/leader/";
  private static final List<String> CONTROLLER = List.of("/drover/scheduler/", "/drover/status/");

  private TxnAudit() {}

  /**
   * What the audit found.
   *
   * @param transactions transactions read (distinct zxids)
   * @param controllerWrites committed writes to the controller's nodes
   * @param byLeader of those, fenced and from the leading session
   * @param violations the others, each with its zxid, session and paths
   */
  record Result(long transactions, long controllerWrites, long byLeader, List<String> violations) {}

  /** One transaction, reduced to what the audit needs. */
  private record Entry(long session, int type, List<Op> ops) {}

  /** One operation: its type and path. */
  private record Op(int type, String path) {}

  /** Audits the logs under each of {@code dataDirs} ({@code version-2/log.*}). */
  static Result audit(List<File> dataDirs) throws IOException {
    TreeMap<Long, Entry> txns = new TreeMap<>();
    for (File dir : dataDirs) {
      File logs = new File(dir, "version-2");
      if (!logs.isDirectory()) {
        continue;
      }
      try (FileTxnLog log = new FileTxnLog(logs); TxnLog.TxnIterator it = log.read(0)) {
        while (it.getHeader() != null) {
          TxnHeader h = it.getHeader();
          txns.computeIfAbsent(h.getZxid(), z -> entry(h, it.getTxn()));
          if (!it.next()) {
            break;
          }
        }
      }
    }
    Map<String, Long> election = new HashMap<>();
    long writes = 0;
    long byLeader = 0;
    List<String> violations = new ArrayList<>();
    for (Map.Entry<Long, Entry> e : txns.entrySet()) {
      Entry t = e.getValue();
      if (t.type() == OpCode.closeSession) {
        election.values().removeIf(owner -> owner == t.session());
        continue;
      }
      boolean controller = t.ops().stream().anyMatch(o -> o.type() != OpCode.check && controllerPath(o.path()));
      if (controller) {
        writes++;
        Optional<String> leader = election.keySet().stream().min(Comparator.comparing(TxnAudit::sequence));
        Op first = t.ops().get(0);
        boolean fenced = t.type() == OpCode.multi && first.type() == OpCode.check
            && leader.isPresent() && first.path().equals(leader.get()) && election.get(leader.get()) == t.session();
        if (fenced) {
          byLeader++;
        } else {
          violations.add("zxid 0x" + Long.toHexString(e.getKey()) + ": session 0x" + Long.toHexString(t.session())
              + " wrote " + t.ops() + " while the leader was " + leader.map(l -> l + " of session 0x"
                  + Long.toHexString(election.get(l))).orElse("nobody"));
        }
      }
      for (Op o : t.ops()) {
        if (o.path() != null && o.path().startsWith(ELECTION)) {
          if (isCreate(o.type())) {
            election.put(o.path(), t.session());
          } else if (o.type() == OpCode.delete || o.type() == OpCode.deleteContainer) {
            election.remove(o.path());
          }
        }
      }
    }
    return new Result(txns.size(), writes, byLeader, violations);
  }

  private static Entry entry(TxnHeader h, Record txn) {
    List<Op> ops = new ArrayList<>();
    if (txn instanceof MultiTxn multi) {
      for (Txn sub : multi.getTxns()) {
        ops.add(op(sub.getType(), decode(sub)));
      }
    } else {
      ops.add(op(h.getType(), txn));
    }
    return new Entry(h.getClientId(), h.getType(), ops);
  }

  private static Record decode(Txn sub) {
    Record r = switch (sub.getType()) {
      case OpCode.create, OpCode.create2 -> new CreateTxn();
      case OpCode.createContainer -> new CreateContainerTxn();
      case OpCode.createTTL -> new CreateTTLTxn();
      case OpCode.delete, OpCode.deleteContainer -> new DeleteTxn();
      case OpCode.setData -> new SetDataTxn();
      case OpCode.check -> new CheckVersionTxn();
      default -> null;
    };
    if (r == null) {
      return null;
    }
    try {
      ByteBufferInputStream.byteBuffer2Record(ByteBuffer.wrap(sub.getData()), r);
      return r;
    } catch (IOException e) {
      throw new IllegalStateException("unreadable " + sub.getType() + " in a multi-op", e);
    }
  }

  private static Op op(int type, Record r) {
    String path = null;
    if (r instanceof CreateTxn c) {
      path = c.getPath();
    } else if (r instanceof CreateContainerTxn c) {
      path = c.getPath();
    } else if (r instanceof CreateTTLTxn c) {
      path = c.getPath();
    } else if (r instanceof DeleteTxn d) {
      path = d.getPath();
    } else if (r instanceof SetDataTxn d) {
      path = d.getPath();
    } else if (r instanceof CheckVersionTxn c) {
      path = c.getPath();
    }
    return new Op(type, path);
  }

  private static boolean isCreate(int type) {
    return type == OpCode.create || type == OpCode.create2 || type == OpCode.createContainer
        || type == OpCode.createTTL;
  }

  private static boolean controllerPath(String path) {
    return path != null && CONTROLLER.stream().anyMatch(path::startsWith);
  }

  private static String sequence(String node) {
    return node.substring(Math.max(0, node.length() - 10));
  }
}
