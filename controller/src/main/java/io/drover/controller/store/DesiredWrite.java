package io.drover.controller.store;

/**
 * One write of {@link DesiredStore#writeAll}: a create, or an update or delete conditional on the
 * generation it was planned with.
 *
 * @param kind what the write does
 * @param name the service
 * @param content the document to store (empty for a delete)
 * @param expectedGeneration the generation an update or delete is conditional on (-1 for a create)
 */
public record DesiredWrite(Kind kind, String name, byte[] content, long expectedGeneration) {

  /** What a write does, as {@link DesiredStore#create}, {@link DesiredStore#update} or {@link DesiredStore#delete}. */
  public enum Kind { CREATE, UPDATE, DELETE }

  /** A write of {@link DesiredStore#create}. */
  public static DesiredWrite create(String name, byte[] content) {
    return new DesiredWrite(Kind.CREATE, name, content, -1);
  }

  /** A write of {@link DesiredStore#update}. */
  public static DesiredWrite update(String name, byte[] content, long expectedGeneration) {
    return new DesiredWrite(Kind.UPDATE, name, content, expectedGeneration);
  }

  /** A write of {@link DesiredStore#delete}. */
  public static DesiredWrite delete(String name, long expectedGeneration) {
    return new DesiredWrite(Kind.DELETE, name, new byte[0], expectedGeneration);
  }
}
