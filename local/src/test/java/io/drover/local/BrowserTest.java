package io.drover.local;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Marks a test class that drives a real headless browser ({@link Browser}: Debian's {@code
 * chromium} and {@code chromium-driver}). Such classes are tagged {@value #TAG}, run by the local
 * module's {@code browser} surefire execution in {@code mvn verify}, and are skipped, with one line
 * on the console, when chromium or chromedriver is not installed.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Tag(BrowserTest.TAG)
@ExtendWith(BrowserCondition.class)
public @interface BrowserTest {
  String TAG = "browser";
}
