package io.drover.mesoslocal;

/** A parsed {@code zk://host:port[,host:port]/path} master-detection URL. */
record ZkUrl(String connectString, String path) {

  static ZkUrl parse(String url) {
    if (url == null || !url.startsWith("zk://")) {
      throw new IllegalArgumentException("ZooKeeper URL must look like zk://host:port/path, got " + url);
    }
    String rest = url.substring("zk://".length());
    int slash = rest.indexOf('/');
    if (slash <= 0 || slash == rest.length() - 1) {
      throw new IllegalArgumentException("ZooKeeper URL must look like zk://host:port/path, got " + url);
    }
    String path = rest.substring(slash);
    while (path.length() > 1 && path.endsWith("/")) {
      path = path.substring(0, path.length() - 1);
    }
    return new ZkUrl(rest.substring(0, slash), path);
  }

  @Override
  public String toString() {
    return "zk://" + connectString + path;
  }
}
