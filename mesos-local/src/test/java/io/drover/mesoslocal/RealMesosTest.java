package io.drover.mesoslocal;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Marks a test class that needs a real Mesos 1.11 ({@code MESOS_HOME} or {@code -Dmesos.home}). Such
 * classes are tagged {@value #TAG}, run by the pom's {@code real-mesos} surefire execution in
 * {@code mvn verify}, and are skipped, with one line on the console, when no Mesos is configured.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Tag(RealMesosTest.TAG)
@ExtendWith(RealMesosCondition.class)
public @interface RealMesosTest {
  String TAG = "real-mesos";
}
