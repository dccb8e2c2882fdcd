package org.spatialcatalog.node.chaos;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * The faults of a run, drawn from the seed alone: the same seed, number of nodes, run length and
 * lease give the same schedule. Kinds are drawn from shuffled bags of every kind, so a run long
 * enough for one bag injects each kind once, and a short run gets a varied prefix.
 */
final class FaultSchedule {

  private FaultSchedule() {}

  static List<Fault> draw(long seed, int seconds, int nodes, int leaseSeconds) {
    Random random = new Random(seed);
    List<Fault> faults = new ArrayList<>();
    List<Fault.Kind> bag = new ArrayList<>();
    int at = 3 + random.nextInt(4);
    // The last seconds are left without faults so the final writes meet a whole cluster.
    while (at < seconds - 5) {
      if (bag.isEmpty()) {
        bag.addAll(Arrays.asList(Fault.Kind.values()));
        Collections.shuffle(bag, random);
      }
      Fault.Kind kind = bag.remove(0);
      int node = 1 + random.nextInt(nodes);
      int duration =
          switch (kind) {
            case KILL_NODE, KILL_BROKER -> 1 + random.nextInt(5);
            case RESTART_NODE, RESTART_BROKER, RESTART_CLUSTER -> 0;
            case BLACK_HOLE_BROKER -> 4 + random.nextInt(7);
            case DROP_DATABASE -> 1 + random.nextInt(4);
            case PAUSE_NODE -> leaseSeconds + 2 + random.nextInt(4);
          };
      boolean perNode =
          kind == Fault.Kind.KILL_NODE
              || kind == Fault.Kind.RESTART_NODE
              || kind == Fault.Kind.BLACK_HOLE_BROKER
              || kind == Fault.Kind.PAUSE_NODE;
      faults.add(new Fault(at, kind, perNode ? node : 0, duration));
      at += duration + 3 + random.nextInt(6);
    }
    return List.copyOf(faults);
  }
}
