package io.drover.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import io.drover.api.LoadedDocument;
import io.drover.api.Services;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class WorkloadTest {

  @Test
  void everyDocumentTheRunWritesIsAValidServiceOfItsName() {
    List<Workload.Doc> docs = new ArrayList<>(Workload.initial());
    docs.add(Workload.temporary(3));
    docs.add(Workload.edited(3, 7));
    for (Workload.Doc doc : docs) {
      List<LoadedDocument> loaded = Services.load(doc.name(), doc.yaml());
      assertThat(loaded).hasSize(1);
      assertThat(loaded.get(0).problems()).as(doc.name()).isEmpty();
      assertThat(loaded.get(0).valid()).isTrue();
      assertThat(loaded.get(0).resource().metadata().name()).isEqualTo(doc.name());
      assertThat(loaded.get(0).resource().spec().pods().get("app").count()).isEqualTo(doc.instances());
    }
  }
}
