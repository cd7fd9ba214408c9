package io.drover.reconcile.offer;

import io.drover.reconcile.mesos.ReservationLabels;
import io.drover.reconcile.mesos.Resources;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.mesos.v1.Protos.Port;
import org.apache.mesos.v1.Protos.Resource;
import org.apache.mesos.v1.Protos.TaskInfo;

/**
 * The reservation ids and port numbers of a task's previous launch, read back from its stored
 * TaskInfo, so that a relaunch in place reuses exactly the same reservations and ports.
 *
 * @param scalarIds resource_id of the cpus, mem and (root) disk reservations, by resource name
 * @param portNumbers port numbers by port name
 * @param volumeId resource_id of the persistent volume's reservation, or null
 * @param persistenceId the volume's persistence id, or null
 */
record PreviousLaunch(
    Map<String, String> scalarIds,
    String portsId,
    Map<String, Long> portNumbers,
    String volumeId,
    String persistenceId) {

  static final PreviousLaunch NONE = new PreviousLaunch(Map.of(), null, Map.of(), null, null);

  static PreviousLaunch of(TaskInfo info) {
    if (info == null) {
      return NONE;
    }
    Map<String, String> scalars = new HashMap<>();
    String portsId = null;
    String volumeId = null;
    String persistenceId = null;
    for (Resource r : info.getResourcesList()) {
      String id = ReservationLabels.resourceId(r).orElse(null);
      if (id == null) {
        continue;
      }
      if (Resources.isVolume(r)) {
        volumeId = id;
        persistenceId = r.getDisk().getPersistence().getId();
      } else if (r.getName().equals(OfferPools.PORTS)) {
        portsId = id;
      } else {
        scalars.put(r.getName(), id);
      }
    }
    Map<String, Long> ports = new LinkedHashMap<>();
    for (Port p : info.getDiscovery().getPorts().getPortsList()) {
      ports.put(p.getName(), (long) p.getNumber());
    }
    return new PreviousLaunch(scalars, portsId, ports, volumeId, persistenceId);
  }
}
