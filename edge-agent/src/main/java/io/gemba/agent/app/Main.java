package io.gemba.agent.app;

/** The agent's command line. */
public final class Main {

  private Main() {}

  public static void main(String[] args) {
    System.out.println("gemba edge agent");
  }
}
