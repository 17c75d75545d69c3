package io.gemba.collector.telemetry;

/** Text checks and log-safe abbreviations shared by the model and the decoder. */
final class Text {

  /** How much of an offending value a reject detail quotes. */
  static final int QUOTE_LENGTH = 40;

  private Text() {}

  /**
   * A short, printable form of an untrusted value for a log line or a reject detail: control
   * characters become {@code ?}, and anything past {@value #QUOTE_LENGTH} characters is cut and
   * marked with an ellipsis.
   */
  static String abbreviate(String value) {
    return abbreviate(value, QUOTE_LENGTH);
  }

  /** Like {@link #abbreviate(String)}, cut at {@code maxLength} characters. */
  static String abbreviate(String value, int maxLength) {
    if (value == null) {
      return "null";
    }
    int length = Math.min(value.length(), maxLength);
    StringBuilder out = new StringBuilder(length + 1);
    for (int i = 0; i < length; i++) {
      char c = value.charAt(i);
      out.append(Character.isISOControl(c) ? '?' : c);
    }
    if (value.length() > maxLength) {
      out.append('…');
    }
    return out.toString();
  }

  /** Whether {@code value} has a control character (newline, escape, NUL, ...). */
  static boolean hasControlCharacter(String value) {
    for (int i = 0; i < value.length(); i++) {
      if (Character.isISOControl(value.charAt(i))) {
        return true;
      }
    }
    return false;
  }
}
