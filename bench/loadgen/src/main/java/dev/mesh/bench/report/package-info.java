/**
 * The report of a results folder: merged histograms, the compass ratios, markdown tables,
 * a JSON summary and PNG charts drawn with Java2D.
 */
package dev.mesh.bench.report;
