package io.drover.mesoslocal;

/** The HTTP answer to a scheduler call: a status code and a plain-text body (may be empty). */
record CallResult(int status, String body) {

  static CallResult accepted() {
    return new CallResult(202, "");
  }

  static CallResult badRequest(String message) {
    return new CallResult(400, message);
  }

  static CallResult forbidden(String message) {
    return new CallResult(403, message);
  }
}
