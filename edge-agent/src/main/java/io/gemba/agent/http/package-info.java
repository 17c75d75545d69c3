/**
 * The agent's HTTP server (Vert.x Web): health, Prometheus metrics and the current KPIs of the
 * stations and lines as JSON. It is given what it shows through its constructor; it uses none of
 * the path's packages.
 */
package io.gemba.agent.http;
