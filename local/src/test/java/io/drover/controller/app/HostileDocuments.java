package io.drover.controller.app;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Documents a careless or hostile writer can put straight into ZooKeeper, bypassing the CLI's
 * validation: bombs, deep nesting, binary, huge-but-valid, tags, encodings, name mismatches,
 * wrong types, odd numbers, multi-documents. Each says whether the controller must find it valid.
 */
final class HostileDocuments {
  private HostileDocuments() {}

  /**
   * One document: the node it goes to ({@code null} content writes a node without data), what it
   * is, and whether it is a valid Service.
   */
  record Hostile(String node, String what, byte[] content, boolean valid) {}

  static String service(String name, String spec) {
    return "apiVersion: drover.io/v1\nkind: Service\nmetadata: {name: " + name + "}\nspec:\n" + spec;
  }

  static String minimalSpec() {
    return "  pods:\n    p:\n      count: 0\n      tasks:\n        t: {cmd: \"sleep 1\", cpus: 0.1, memory: 32}\n";
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] withMark(byte[] mark, String text, Charset charset) {
    byte[] body = text.getBytes(charset);
    byte[] out = new byte[mark.length + body.length];
    System.arraycopy(mark, 0, out, 0, mark.length);
    System.arraycopy(body, 0, out, mark.length, body.length);
    return out;
  }

  /** Every hostile document, each for its own node. */
  static List<Hostile> all() {
    List<Hostile> out = new ArrayList<>();
    // Bombs and nesting.
    StringBuilder laughs = new StringBuilder("a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
    for (char c = 'b'; c <= 'j'; c++) {
      laughs.append(c).append(": &").append(c).append(" [");
      for (int i = 0; i < 9; i++) {
        laughs.append(i == 0 ? "" : ",").append('*').append((char) (c - 1));
      }
      laughs.append("]\n");
    }
    out.add(new Hostile("billion-laughs", "alias bomb", utf8(laughs.toString()), false));
    out.add(new Hostile("alias-in-spec", "alias bomb inside the spec",
        utf8(service("alias-in-spec", "  pods: &p {x: *p}\n")), false));
    out.add(new Hostile("deep-lists", "lists nested 5,000 deep", utf8("a: " + "[".repeat(5_000) + "]".repeat(5_000)), false));
    out.add(new Hostile("deep-maps", "maps nested 2,000 deep", utf8("a: " + "{b: ".repeat(2_000) + "1" + "}".repeat(2_000)), false));
    out.add(new Hostile("deep-json", "JSON nested 3,000 deep", utf8("{\"a\":" + "[".repeat(3_000) + "]".repeat(3_000) + "}"), false));
    StringBuilder wide = new StringBuilder("spec:\n");
    for (int i = 0; i < 60_000; i++) {
      wide.append(" k").append(i).append(": 1\n");
    }
    out.add(new Hostile("many-keys", "60,000 keys (over 512 KiB)", utf8(wide.toString()), false));
    // Binary and encodings.
    out.add(new Hostile("no-data", "a node without data", null, false));
    out.add(new Hostile("zero-bytes", "an empty node", new byte[0], false));
    out.add(new Hostile("binary", "bytes that are not text", new byte[] {(byte) 0xC3, 0x28, (byte) 0xA0, (byte) 0xA1, 0, 1, 2, (byte) 0xFF}, false));
    out.add(new Hostile("nul-bytes", "NUL characters in YAML", utf8(service("nul-bytes", minimalSpec()).replace("sleep 1", "sleep\u00001")), false));
    out.add(new Hostile("overlong-utf8", "an overlong UTF-8 encoding of '/'", new byte[] {'a', ':', ' ', (byte) 0xC0, (byte) 0xAF}, false));
    out.add(new Hostile("lone-surrogate", "a UTF-8 encoded lone surrogate", new byte[] {'a', ':', ' ', (byte) 0xED, (byte) 0xA0, (byte) 0x80}, false));
    out.add(new Hostile("utf16-bom", "UTF-16LE with a byte order mark",
        withMark(new byte[] {(byte) 0xFF, (byte) 0xFE}, service("utf16-bom", minimalSpec()), StandardCharsets.UTF_16LE), true));
    out.add(new Hostile("utf32-bom", "UTF-32BE with a byte order mark",
        withMark(new byte[] {0, 0, (byte) 0xFE, (byte) 0xFF}, service("utf32-bom", minimalSpec()), Charset.forName("UTF-32BE")), true));
    out.add(new Hostile("utf16-no-bom", "UTF-16 without a byte order mark",
        service("utf16-no-bom", minimalSpec()).getBytes(StandardCharsets.UTF_16LE), false));
    out.add(new Hostile("latin1", "ISO-8859-1 text", service("latin1", minimalSpec()).replace("sleep 1", "caf\u00e9")
        .getBytes(StandardCharsets.ISO_8859_1), false));
    out.add(new Hostile("emoji", "emoji and right-to-left text in values",
        utf8(service("emoji", minimalSpec().replace("sleep 1", "echo \uD83D\uDC0E \u05E9\u05DC\u05D5\u05DD"))), true));
    out.add(new Hostile("control-chars", "control characters in a value",
        utf8(service("control-chars", minimalSpec().replace("sleep 1", "echo \\u0007\\u001b[31m"))), true));
    // Tags and constructors.
    out.add(new Hostile("python-tag", "a Python object tag", utf8("!!python/object/apply:os.system [\"touch /tmp/pwned\"]\n"), false));
    out.add(new Hostile("java-tag", "a Java constructor tag", utf8("x: !!javax.script.ScriptEngineManager [!!java.net.URLClassLoader [[!!java.net.URL [\"http://127.0.0.1:1/\"]]]]\n"), false));
    out.add(new Hostile("custom-tag", "a custom tag on the spec", utf8(service("custom-tag", "  pods: !evil {}\n")), false));
    out.add(new Hostile("binary-tag", "a !!binary value as the command",
        utf8(service("binary-tag", minimalSpec().replace("\"sleep 1\"", "!!binary c2xlZXAgMQ=="))), false));
    out.add(new Hostile("set-tag", "a !!set", utf8(service("set-tag", "  pods: !!set {a, b}\n")), false));
    // Names.
    out.add(new Hostile("name-mismatch", "metadata.name differs from the node", utf8(service("someone-else", minimalSpec())), false));
    out.add(new Hostile("no-name", "no metadata.name", utf8(service("no-name", minimalSpec()).replace("metadata: {name: no-name}", "metadata: {}")), false));
    out.add(new Hostile("Upper-Case", "a node name that is not a DNS label", utf8(service("Upper-Case", minimalSpec())), false));
    out.add(new Hostile("double__under", "a name with the reserved __", utf8(service("double__under", minimalSpec())), false));
    out.add(new Hostile("x" + "a".repeat(70), "a name over 63 characters", utf8(service("x" + "a".repeat(70), minimalSpec())), false));
    out.add(new Hostile("name-number", "metadata.name is a number", utf8(service("name-number", minimalSpec()).replace("{name: name-number}", "{name: 42}")), false));
    // Shapes.
    out.add(new Hostile("two-docs", "two documents in one node", utf8(service("two-docs", minimalSpec()) + "---\n" + service("two-docs", minimalSpec())), false));
    out.add(new Hostile("only-separator", "only a document separator", utf8("---\n"), false));
    out.add(new Hostile("json-array", "a JSON array", utf8("[1, 2, 3]"), false));
    out.add(new Hostile("scalar", "a bare scalar", utf8("hello"), false));
    out.add(new Hostile("json-dup-keys", "JSON with duplicate keys",
        utf8("{\"apiVersion\":\"drover.io/v1\",\"apiVersion\":\"drover.io/v2\",\"kind\":\"Service\",\"metadata\":{\"name\":\"json-dup-keys\"},\"spec\":{}}"), false));
    out.add(new Hostile("yaml-dup-keys", "YAML with duplicate keys", utf8(service("yaml-dup-keys", minimalSpec()) + "kind: Other\n"), false));
    out.add(new Hostile("wrong-kind", "another kind", utf8(service("wrong-kind", minimalSpec()).replace("kind: Service", "kind: Deployment")), false));
    out.add(new Hostile("wrong-version", "another apiVersion", utf8(service("wrong-version", minimalSpec()).replace("drover.io/v1", "apps/v1")), false));
    out.add(new Hostile("unknown-fields", "unknown fields everywhere", utf8(service("unknown-fields", minimalSpec()) + "status: {phase: Running}\nextra: 1\n"), false));
    out.add(new Hostile("spec-null", "spec: null", utf8(service("spec-null", " null\n").replace("spec:\n null", "spec: null")), false));
    out.add(new Hostile("no-pods", "no pods", utf8(service("no-pods", "  pods: {}\n")), false));
    out.add(new Hostile("truncated", "a document cut in the middle", utf8(service("truncated", minimalSpec()).substring(0, 90)), false));
    out.add(new Hostile("tabs", "tab indentation", utf8(service("tabs", minimalSpec()).replace("  pods:", "\tpods:")), false));
    // Types and numbers.
    out.add(new Hostile("cpus-string", "cpus as a word", utf8(service("cpus-string", minimalSpec().replace("cpus: 0.1", "cpus: lots"))), false));
    out.add(new Hostile("cpus-nan", "cpus .nan", utf8(service("cpus-nan", minimalSpec().replace("cpus: 0.1", "cpus: .nan"))), false));
    out.add(new Hostile("cpus-inf", "cpus .inf", utf8(service("cpus-inf", minimalSpec().replace("cpus: 0.1", "cpus: .inf"))), false));
    out.add(new Hostile("memory-negative", "negative memory", utf8(service("memory-negative", minimalSpec().replace("memory: 32", "memory: -32"))), false));
    out.add(new Hostile("memory-huge", "memory beyond a long", utf8(service("memory-huge", minimalSpec().replace("memory: 32", "memory: 99999999999999999999999"))), false));
    out.add(new Hostile("count-huge", "a billion instances", utf8(service("count-huge", minimalSpec().replace("count: 0", "count: 1000000000"))), false));
    out.add(new Hostile("count-float", "a fractional count", utf8(service("count-float", minimalSpec().replace("count: 0", "count: 1.5"))), false));
    out.add(new Hostile("port-out-of-range", "port 70000", utf8(service("port-out-of-range", minimalSpec().replace("memory: 32}", "memory: 32, ports: {http: {port: 70000}}}"))), false));
    out.add(new Hostile("env-object", "an env value that is a mapping", utf8(service("env-object", minimalSpec().replace("memory: 32}", "memory: 32, env: {A: {b: c}}}"))), false));
    out.add(new Hostile("env-bad-name", "an env name with spaces", utf8(service("env-bad-name", minimalSpec().replace("memory: 32}", "memory: 32, env: {\"A B\": x}}"))), false));
    out.add(new Hostile("goal-unknown", "an unknown goal", utf8(service("goal-unknown", minimalSpec().replace("cpus: 0.1", "cpus: 0.1, goal: FOREVER"))), false));
    out.add(new Hostile("volume-absolute", "an absolute volume path", utf8(service("volume-absolute", minimalSpec().replace("memory: 32}", "memory: 32, volume: {path: /etc, sizeMiB: 1}}"))), false));
    out.add(new Hostile("volume-escape", "a volume path that climbs out", utf8(service("volume-escape", minimalSpec().replace("memory: 32}", "memory: 32, volume: {path: ../../x, sizeMiB: 1}}"))), false));
    out.add(new Hostile("hex-octal", "hex and octal numbers", utf8(service("hex-octal", minimalSpec().replace("memory: 32", "memory: 0x20").replace("count: 0", "count: 0o0"))), true));
    out.add(new Hostile("bool-as-string", "yes where a string is wanted (a string in YAML 1.2)", utf8(service("bool-as-string", minimalSpec().replace("\"sleep 1\"", "yes"))), true));
    out.add(new Hostile("placement-regex", "a catastrophic placement regex", utf8(service("placement-regex", minimalSpec().replace("count: 0",
        "count: 0\n      placement: {rules: [{field: hostname, operator: LIKE, value: \"(a+)+$\"}]}"))), true));
    out.add(new Hostile("placement-bad-regex", "a placement regex that does not compile", utf8(service("placement-bad-regex", minimalSpec().replace("count: 0",
        "count: 0\n      placement: {rules: [{field: hostname, operator: LIKE, value: \"([\"}]}"))), false));
    out.add(new Hostile("plan-unknown-pod", "a plan naming a pod that does not exist", utf8(service("plan-unknown-pod", minimalSpec()
        + "  plans: {deploy: {strategy: serial, phases: {x: {pod: nope, strategy: serial}}}}\n")), false));
    // Big.
    out.add(new Hostile("huge-cmd", "a 400 KiB command", utf8(service("huge-cmd", minimalSpec().replace("\"sleep 1\"", "\"echo " + "x".repeat(400 * 1024) + "\""))), true));
    StringBuilder env = new StringBuilder();
    for (int i = 0; i < 5_000; i++) {
      env.append(i == 0 ? "" : ", ").append("V").append(i).append(": \"").append(i).append('"');
    }
    out.add(new Hostile("many-env", "5,000 environment variables", utf8(service("many-env", minimalSpec().replace("memory: 32}", "memory: 32, env: {" + env + "}}"))), true));
    StringBuilder pods = new StringBuilder("  pods:\n");
    for (int i = 0; i < 2_400; i++) {
      pods.append("    p").append(i).append(": {count: 0, tasks: {t: {cmd: x, cpus: 1, memory: 9}}}\n");
    }
    out.add(new Hostile("many-pods", "2,400 pods of 0 instances (valid, under the expanded limit)", utf8(service("many-pods", pods.toString())), true));
    StringBuilder tooMany = new StringBuilder("  pods:\n");
    for (int i = 0; i < 10_000; i++) {
      tooMany.append("   p").append(i).append(": {tasks: {t: {cmd: x, cpus: 1, memory: 9}}}\n");
    }
    out.add(new Hostile("too-many-pods", "10,000 pods: under 512 KiB written, over 768 KiB expanded", utf8(service("too-many-pods", tooMany.toString())), false));
    out.add(new Hostile("over-limit", "a 600 KiB document", utf8(service("over-limit", minimalSpec()) + "# " + "z".repeat(600 * 1024) + "\n"), false));
    return out;
  }

  /** Hostile edits of a running service's own node; none may disturb what runs. */
  static List<Hostile> editsOf(String name, String runningSpec) {
    String good = service(name, runningSpec);
    return List.of(
        new Hostile(name, "its document replaced by binary", new byte[] {(byte) 0xFF, (byte) 0xFE, 0, 0, 1}, false),
        new Hostile(name, "its document emptied", new byte[0], false),
        new Hostile(name, "renamed inside", utf8(good.replace("name: " + name, "name: other")), false),
        new Hostile(name, "an alias bomb", utf8(good + "x: &x [*x]\n"), false),
        new Hostile(name, "cpus negative", utf8(good.replace("cpus: 0.1", "cpus: -1")), false),
        new Hostile(name, "its volume resized (an update the scheduler refuses)", utf8(good.replace("sizeMiB: 8", "sizeMiB: 16")), true),
        new Hostile(name, "its volume removed (refused too)", utf8(good.replace(", volume: {path: data, sizeMiB: 8}", "")), true),
        new Hostile(name, "a 10,000-pod document", utf8(service(name, "  pods:\n" + manyPods(10_000))), false));
  }

  private static String manyPods(int n) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < n; i++) {
      b.append("    z").append(i).append(": {tasks: {t: {cmd: x, cpus: 1, memory: 9}}}\n");
    }
    return b.toString();
  }
}
