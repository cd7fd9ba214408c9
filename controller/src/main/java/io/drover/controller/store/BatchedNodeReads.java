package io.drover.controller.store;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.UnaryOperator;
import org.apache.curator.framework.CuratorFramework;
import org.apache.zookeeper.Op;
import org.apache.zookeeper.OpResult;

/**
 * Reads many sibling nodes undecoded, many to a request (read-only multis, {@link MultiReads}), a
 * few requests in flight: a request costs the client, the server and the kernel far more than the
 * few hundred bytes of a document (docs/performance.md, sync-throughput, sixth round). The nodes
 * come in the order of the names given; a node deleted since it was listed is left out.
 *
 * <p>An answer over the client's packet limit ({@link MultiReads#answerLimit}: 1 MiB by default,
 * 32 MiB for Drover's own clients) drops the connection, and sizes are not known before the nodes
 * are read, so a request asks for as many nodes as fit a quarter of that limit at the average size
 * read so far (starting from a pessimistic guess). Whatever is not read
 * that way, because a request failed as a whole (such as that dropped connection) or a node's own
 * read failed other than by being absent, is read again one node a request by {@link NodeReads},
 * which retries through Curator and reports failures exactly as before; once a request has
 * failed, no more are batched.
 */
final class BatchedNodeReads {

  /** Nodes in one request at most. */
  static final int MAX_NODES = 100;
  /** The size assumed per node before any is read: the first requests ask for 16 nodes. */
  private static final int FIRST_GUESS = 16 * 1024;
  /** An answer's bytes per node besides the data: its stat, header and error code. */
  private static final int PER_NODE = 128;
  private static final int REQUESTS_IN_FLIGHT = 4;

  private final CuratorFramework client;
  private final String parent;
  private final UnaryOperator<String> pathOf;
  private final NodeReads oneByOne;

  /**
   * @param parent the nodes' parent, named when a request fails
   * @param pathOf a node's path from its name
   * @param oneByOne the reads of whatever a request did not read
   */
  BatchedNodeReads(CuratorFramework client, String parent, UnaryOperator<String> pathOf,
      NodeReads oneByOne) {
    this.client = client;
    this.parent = parent;
    this.pathOf = pathOf;
    this.oneByOne = oneByOne;
  }

  /** One request: the names {@code from} (inclusive) to {@code to} and its answer. */
  private record Request(int from, int to, CompletableFuture<List<OpResult>> answer) {}

  /**
   * The nodes of {@code names} that exist, in the order given.
   *
   * @throws StoreException when a node cannot be read (naming it by its label)
   */
  List<StoredNode> read(List<String> names) throws StoreException {
    StoredNode[] read = new StoredNode[names.size()];
    List<String> again = new ArrayList<>();
    Deque<Request> inFlight = new ArrayDeque<>();
    long bytesRead = 0;
    long nodesRead = 0;
    int next = 0;
    boolean batching = true;
    long budget = answerBudget();
    while (!inFlight.isEmpty() || (batching && next < names.size())) {
      while (batching && next < names.size() && inFlight.size() < REQUESTS_IN_FLIGHT) {
        long average = nodesRead == 0 ? FIRST_GUESS : bytesRead / nodesRead;
        int count = (int) Math.max(1, Math.min(MAX_NODES, budget / (average + PER_NODE)));
        int to = Math.min(names.size(), next + count);
        List<Op> ops = new ArrayList<>(to - next);
        names.subList(next, to).forEach(n -> ops.add(MultiReads.data(client, pathOf.apply(n))));
        inFlight.add(new Request(next, to, MultiReads.send(client, ops, parent)));
        next = to;
      }
      Request request = inFlight.poll();
      List<OpResult> results;
      try {
        results = request.answer().get();
      } catch (ExecutionException e) {
        batching = false;
        again.addAll(names.subList(request.from(), request.to()));
        continue;
      } catch (InterruptedException e) {
        throw ZkErrors.translate(parent, e);
      }
      for (int i = request.from(); i < request.to(); i++) {
        OpResult result = results.get(i - request.from());
        if (result instanceof OpResult.GetDataResult d) {
          String name = names.get(i);
          byte[] data = d.getData() == null ? new byte[0] : d.getData();
          read[i] = new StoredNode(name, pathOf.apply(name), data, d.getStat());
          bytesRead += data.length;
          nodesRead++;
        } else if (!MultiReads.absent(result)) {
          again.add(names.get(i));
        }
      }
    }
    again.addAll(names.subList(next, names.size()));
    return merged(names, read, again);
  }

  /** What one answer is planned to hold: a quarter of the client's packet limit. */
  private long answerBudget() throws StoreException {
    try {
      return MultiReads.answerLimit(client) / 4;
    } catch (Exception e) {
      throw ZkErrors.translate(parent, e);
    }
  }

  /** The batched nodes and those read one by one, in the order of {@code names}. */
  private List<StoredNode> merged(List<String> names, StoredNode[] read, List<String> again)
      throws StoreException {
    Map<String, StoredNode> single = new HashMap<>();
    if (!again.isEmpty()) {
      for (StoredNode n : oneByOne.read(again, (path, name, data, stat) ->
          new StoredNode(name, path, data, stat))) {
        single.put(n.name(), n);
      }
    }
    List<StoredNode> nodes = new ArrayList<>(names.size());
    for (int i = 0; i < read.length; i++) {
      StoredNode n = read[i] != null ? read[i] : single.get(names.get(i));
      if (n != null) {
        nodes.add(n);
      }
    }
    return nodes;
  }
}
