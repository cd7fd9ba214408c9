package io.drover.reconcile.testing;

import com.google.common.collect.RangeSet;
import com.google.common.collect.TreeRangeSet;
import io.drover.reconcile.mesos.PortRanges;
import io.drover.reconcile.mesos.ReservationLabels;
import io.drover.reconcile.mesos.Resources;
import io.drover.reconcile.mesos.Scalars;
import io.drover.reconcile.offer.OfferPool;
import io.drover.reconcile.state.TaskStateMachine;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.mesos.v1.Protos.AgentID;
import org.apache.mesos.v1.Protos.Attribute;
import org.apache.mesos.v1.Protos.ExecutorInfo;
import org.apache.mesos.v1.Protos.FrameworkID;
import org.apache.mesos.v1.Protos.Offer;
import org.apache.mesos.v1.Protos.OfferID;
import org.apache.mesos.v1.Protos.Resource;
import org.apache.mesos.v1.Protos.Resource.AllocationInfo;
import org.apache.mesos.v1.Protos.TaskID;
import org.apache.mesos.v1.Protos.TaskInfo;
import org.apache.mesos.v1.Protos.TaskState;
import org.apache.mesos.v1.Protos.TaskStatus;
import org.apache.mesos.v1.Protos.Value;
import com.google.protobuf.ByteString;

/**
 * A scripted stand-in for the Mesos allocator, for unit tests of the decision logic only: agents
 * with unreserved and reserved resources, offers of everything free, and strict application of
 * RESERVE, UNRESERVE, CREATE, DESTROY, LAUNCH and LAUNCH_GROUP (an operation the resources do not allow fails
 * the test). Task states change only when the test says so.
 */
public final class ScriptedCluster {
  public static final String ROLE = "drover";

  private final Map<String, Agent> agents = new LinkedHashMap<>();
  private final Map<String, Launched> tasks = new LinkedHashMap<>();
  private final List<Offer.Operation> log = new ArrayList<>();
  private int offers;

  private static final class Agent {
    final String id;
    final String host;
    final List<Attribute> attributes;
    final Map<String, Double> free = new LinkedHashMap<>();
    final RangeSet<Long> freePorts = TreeRangeSet.create();
    final Map<String, Resource> reserved = new LinkedHashMap<>();

    Agent(String id, String host, List<Attribute> attributes) {
      this.id = id;
      this.host = host;
      this.attributes = attributes;
    }
  }

  /** {@code executor}: the default executor's id for a task of a group, else null. */
  private record Launched(Agent agent, TaskInfo info, TaskState state, String executor) {}

  /** Default executors while a task of theirs runs, by id, as launched. */
  private final Map<String, ExecutorInfo> executors = new LinkedHashMap<>();

  public ScriptedCluster agent(String id, String host, double cpus, double mem, double disk, long portFrom, long portTo, Attribute... attributes) {
    Agent a = new Agent(id, host, List.of(attributes));
    a.free.put("cpus", cpus);
    a.free.put("mem", mem);
    a.free.put("disk", disk);
    a.freePorts.add(PortRanges.of(Value.Ranges.newBuilder().addRange(Value.Range.newBuilder().setBegin(portFrom).setEnd(portTo)).build()).span());
    agents.put(id, a);
    return this;
  }

  public ScriptedCluster agent(String id) {
    return agent(id, id + ".example", 4, 4096, 10000, 31000, 31099);
  }

  public static Attribute text(String name, String value) {
    return Attribute.newBuilder().setName(name).setType(Value.Type.TEXT).setText(Value.Text.newBuilder().setValue(value)).build();
  }

  /** A reservation not made by Drover's scheduler (e.g. an operator's), put straight on the agent. */
  public void addForeignReservation(String agentId, Resource r) {
    agents.get(agentId).reserved.put(key(r), r);
  }

  /** One offer per agent (or per named agent) with everything free and reserved. */
  public List<Offer> offers(String... only) {
    List<Offer> out = new ArrayList<>();
    for (Agent a : agents.values()) {
      if (only.length > 0 && !List.of(only).contains(a.id)) {
        continue;
      }
      Offer.Builder o = Offer.newBuilder()
          .setId(OfferID.newBuilder().setValue("offer-" + (++offers)))
          .setFrameworkId(FrameworkID.newBuilder().setValue("fw"))
          .setAgentId(AgentID.newBuilder().setValue(a.id))
          .setHostname(a.host)
          .setAllocationInfo(AllocationInfo.newBuilder().setRole(ROLE))
          .addAllAttributes(a.attributes);
      a.free.forEach((name, v) -> {
        if (!Scalars.isZero(v)) {
          o.addResources(Resource.newBuilder().setName(name).setType(Value.Type.SCALAR)
              .setScalar(Value.Scalar.newBuilder().setValue(v)).setAllocationInfo(AllocationInfo.newBuilder().setRole(ROLE)));
        }
      });
      if (!a.freePorts.isEmpty()) {
        o.addResources(Resource.newBuilder().setName("ports").setType(Value.Type.RANGES)
            .setRanges(PortRanges.toMesos(a.freePorts)).setAllocationInfo(AllocationInfo.newBuilder().setRole(ROLE)));
      }
      o.addAllResources(a.reserved.values());
      out.add(o.build());
    }
    return out;
  }

  /** Applies the pool's operations as Mesos would, failing on anything Mesos would refuse. */
  public void accept(OfferPool pool) {
    Agent a = agents.get(pool.agentId().getValue());
    for (Offer.Operation op : pool.operations()) {
      log.add(op);
      switch (op.getType()) {
        case RESERVE -> op.getReserve().getResourcesList().forEach(r -> reserve(a, r));
        case UNRESERVE -> op.getUnreserve().getResourcesList().forEach(r -> unreserve(a, r));
        case CREATE -> op.getCreate().getVolumesList().forEach(v -> create(a, v));
        case DESTROY -> op.getDestroy().getVolumesList().forEach(v -> destroy(a, v));
        case LAUNCH -> op.getLaunch().getTaskInfosList().forEach(t -> launch(a, t, null));
        case LAUNCH_GROUP -> launchGroup(a, op.getLaunchGroup());
        default -> throw new IllegalStateException("unexpected operation " + op.getType());
      }
    }
  }

  public void acceptAll(List<OfferPool> pools) {
    pools.stream().filter(OfferPool::used).forEach(this::accept);
  }

  /** The task moves to {@code state}; a terminal state gives its resources back to its reservations. */
  public TaskStatus update(TaskID id, TaskState state) {
    return update(id, state, b -> {});
  }

  public TaskStatus update(TaskID id, TaskState state, java.util.function.Consumer<TaskStatus.Builder> extra) {
    Launched t = tasks.get(id.getValue());
    if (t == null) {
      throw new IllegalStateException("unknown task " + id.getValue());
    }
    TaskStatus.Builder b = TaskStatus.newBuilder().setTaskId(id).setState(state).setAgentId(t.info.getAgentId())
        .setSource(TaskStatus.Source.SOURCE_EXECUTOR).setUuid(ByteString.copyFromUtf8(UUID.randomUUID().toString()));
    extra.accept(b);
    TaskStatus s = b.build();
    boolean wasTerminal = TaskStateMachine.condition(TaskStatus.newBuilder().setTaskId(id).setState(t.state).build()).terminal();
    tasks.put(id.getValue(), new Launched(t.agent, t.info, state, t.executor));
    if (!wasTerminal && TaskStateMachine.condition(s).terminal()) {
      t.info.getResourcesList().forEach(r -> give(t.agent, r));
      if (t.executor != null && !executorRuns(t.executor)) {
        executors.remove(t.executor).getResourcesList().forEach(r -> give(t.agent, r));
      }
    }
    return s;
  }

  public Map<String, TaskState> states() {
    Map<String, TaskState> out = new LinkedHashMap<>();
    tasks.forEach((k, v) -> out.put(k, v.state));
    return out;
  }

  public List<TaskInfo> launched() {
    return tasks.values().stream().map(Launched::info).toList();
  }

  /** Every operation applied so far, in order. */
  public List<Offer.Operation> log() {
    return List.copyOf(log);
  }

  public List<Resource> reserved(String agent) {
    return List.copyOf(agents.get(agent).reserved.values());
  }

  public double free(String agent, String name) {
    return agents.get(agent).free.get(name);
  }

  private static String key(Resource r) {
    return ReservationLabels.resourceId(r).orElse("static") + "/" + r.getName();
  }

  private void reserve(Agent a, Resource r) {
    check(r.getReservationsCount() > 0, "RESERVE without reservations: " + r);
    take(a, r);
    a.reserved.merge(key(r), r, ScriptedCluster::plus);
  }

  private void unreserve(Agent a, Resource r) {
    Resource have = a.reserved.get(key(r));
    check(have != null && !Resources.isVolume(have), "UNRESERVE of a resource not reserved (or still a volume): " + r);
    putOrRemove(a, key(r), minus(have, r));
    Resource plain = r.toBuilder().clearReservations().build();
    give(a, plain);
  }

  private void create(Agent a, Resource v) {
    Resource have = a.reserved.get(key(v));
    check(have != null && !Resources.isVolume(have) && Scalars.covers(have.getScalar().getValue(), v.getScalar().getValue())
        && have.getScalar().getValue() <= v.getScalar().getValue() + 0.0005, "CREATE needs exactly the reserved disk: " + v + " have " + have);
    a.reserved.put(key(v), v);
  }

  private void destroy(Agent a, Resource v) {
    Resource have = a.reserved.get(key(v));
    check(have != null && have.equals(v), "DESTROY of an unknown volume: " + v);
    a.reserved.put(key(v), Resources.withoutVolume(v));
  }

  /**
   * A task group: a new default executor takes its resources from the reservations; one that runs
   * must be named exactly as it was launched and takes nothing more.
   */
  private void launchGroup(Agent a, Offer.Operation.LaunchGroup group) {
    ExecutorInfo executor = group.getExecutor();
    String id = executor.getExecutorId().getValue();
    check(executor.getType() == ExecutorInfo.Type.DEFAULT, "LAUNCH_GROUP needs the default executor");
    check(group.getTaskGroup().getTasksList().stream().noneMatch(TaskInfo::hasExecutor), "a task of a group names an executor");
    if (executorRuns(id)) {
      check(executors.get(id).equals(executor), "LAUNCH_GROUP names a running executor differently: " + executor);
    } else {
      use(a, executor.getResourcesList());
      executors.put(id, executor);
    }
    group.getTaskGroup().getTasksList().forEach(t -> launch(a, t, id));
  }

  private boolean executorRuns(String id) {
    return tasks.values().stream().anyMatch(t -> id.equals(t.executor)
        && !TaskStateMachine.condition(TaskStatus.newBuilder().setTaskId(t.info.getTaskId()).setState(t.state).build()).terminal());
  }

  private void launch(Agent a, TaskInfo t, String executor) {
    check(t.getAgentId().getValue().equals(a.id), "LAUNCH on the wrong agent");
    use(a, t.getResourcesList());
    tasks.put(t.getTaskId().getValue(), new Launched(a, t, TaskState.TASK_STAGING, executor));
  }

  /** Takes what a task or executor uses from the agent's reservations. */
  private void use(Agent a, List<Resource> resources) {
    for (Resource r : resources) {
      Resource have = a.reserved.get(key(r));
      check(have != null, "LAUNCH needs reserved " + r);
      if (Resources.isVolume(r)) {
        check(have.equals(r), "LAUNCH volume differs from the created one");
        a.reserved.remove(key(r));
      } else {
        putOrRemove(a, key(r), minus(have, r));
      }
    }
  }

  /** Resources of an ended task go back to their reservations. */
  private void give(Agent a, Resource r) {
    if (r.getReservationsCount() > 0) {
      a.reserved.merge(key(r), r, ScriptedCluster::plus);
    } else if (r.getType() == Value.Type.SCALAR) {
      a.free.merge(r.getName(), r.getScalar().getValue(), (x, y) -> Scalars.round(x + y));
    } else {
      a.freePorts.addAll(PortRanges.of(r.getRanges()));
    }
  }

  private void take(Agent a, Resource r) {
    if (r.getType() == Value.Type.SCALAR) {
      double have = a.free.getOrDefault(r.getName(), 0.0);
      check(Scalars.covers(have, r.getScalar().getValue()), "not enough unreserved " + r.getName() + ": " + have + " < " + r.getScalar().getValue());
      a.free.put(r.getName(), Scalars.round(have - r.getScalar().getValue()));
    } else {
      RangeSet<Long> want = PortRanges.of(r.getRanges());
      check(a.freePorts.enclosesAll(want), "ports not free: " + want);
      a.freePorts.removeAll(want);
    }
  }

  private static Resource plus(Resource x, Resource y) {
    check(x.getReservationsList().equals(y.getReservationsList()), "merging different reservations");
    if (x.getType() == Value.Type.SCALAR) {
      return withAmount(x, x.getScalar().getValue() + y.getScalar().getValue());
    }
    RangeSet<Long> p = TreeRangeSet.create(PortRanges.of(x.getRanges()));
    p.addAll(PortRanges.of(y.getRanges()));
    return withPorts(x, p);
  }

  private static Resource minus(Resource have, Resource r) {
    if (have.getType() == Value.Type.SCALAR) {
      check(Scalars.covers(have.getScalar().getValue(), r.getScalar().getValue()), "not enough reserved: " + have + " for " + r);
      double left = Scalars.round(have.getScalar().getValue() - r.getScalar().getValue());
      return Scalars.isZero(left) ? null : withAmount(have, left);
    }
    RangeSet<Long> h = TreeRangeSet.create(PortRanges.of(have.getRanges()));
    RangeSet<Long> w = PortRanges.of(r.getRanges());
    check(h.enclosesAll(w), "reserved ports " + h + " do not hold " + w);
    h.removeAll(w);
    return h.isEmpty() ? null : withPorts(have, h);
  }

  private static Resource withAmount(Resource r, double amount) {
    return r.toBuilder().setScalar(Value.Scalar.newBuilder().setValue(Scalars.round(amount))).build();
  }

  private static Resource withPorts(Resource r, RangeSet<Long> ports) {
    return r.toBuilder().setRanges(PortRanges.toMesos(ports)).build();
  }

  private static void putOrRemove(Agent a, String key, Resource r) {
    if (r == null) {
      a.reserved.remove(key);
    } else {
      a.reserved.put(key, r);
    }
  }

  private static void check(boolean ok, String message) {
    if (!ok) {
      throw new IllegalStateException(message);
    }
  }
}
